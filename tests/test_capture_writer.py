"""The capture writer: one thread worker that saves in order, reports every outcome, and drains on close.

A small screen owns a writer whose `save` is a slow fake, so items really queue up behind each other.
The live screen's use of it (Enter to committed row) is covered in test_facilitate.py.
"""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import pytest
from textual import on
from textual.app import App
from textual.screen import Screen

from lif_tui.screens.capture_writer import WRITER_GROUP, CaptureWriter

SAVE_SECONDS = 0.02


class SlowSaves:
    """A fake store call: takes a while, records what it saved and on which thread, fails on request."""

    def __init__(self, fail_on: set[str] | None = None) -> None:
        self.saved: list[str] = []
        self.threads: set[int] = set()
        self.fail_on = fail_on or set()

    def __call__(self, item: str) -> str:
        time.sleep(SAVE_SECONDS)
        self.threads.add(threading.get_ident())
        if item in self.fail_on:
            raise OSError(f"disk refused {item}")
        self.saved.append(item)
        return item.upper()


class WriterScreen(Screen[None]):
    def __init__(self, save: SlowSaves, *, stop_on_unmount: bool = True) -> None:
        super().__init__()
        self.writer: CaptureWriter[str] = CaptureWriter(self, save)
        self.reported: list[tuple[str, Any]] = []
        self.stop_on_unmount = stop_on_unmount

    def on_mount(self) -> None:
        self.writer.start()

    def on_unmount(self) -> None:
        if self.stop_on_unmount:
            self.writer.stop()

    @on(CaptureWriter.Saved)
    def saved(self, message: CaptureWriter.Saved) -> None:
        self.reported.append(("saved", message.saved))

    @on(CaptureWriter.Failed)
    def failed(self, message: CaptureWriter.Failed) -> None:
        self.reported.append(("failed", str(message.error)))


class WriterApp(App[None]):
    def __init__(self, save: SlowSaves, *, stop_on_unmount: bool = True) -> None:
        super().__init__()
        self.save = save
        self.stop_on_unmount = stop_on_unmount

    def on_mount(self) -> None:
        self.push_screen(WriterScreen(self.save, stop_on_unmount=self.stop_on_unmount))


async def wait_until(condition, limit: float = 10.0) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.005)


async def test_items_are_saved_in_order_on_one_thread_and_each_outcome_reaches_the_screen() -> None:
    save = SlowSaves(fail_on={"item 3"})
    app = WriterApp(save)
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, WriterScreen)
        items = [f"item {n}" for n in range(8)]
        for item in items:
            screen.writer.submit(item)  # all at once: they queue behind the slow saves
        assert not screen.writer.idle
        await wait_until(lambda: screen.writer.idle)
        await pilot.pause()
        assert save.saved == [item for item in items if item != "item 3"]
        assert len(save.threads) == 1, "one long-lived worker, not one per item"
        assert save.threads != {threading.get_ident()}, "saves run off the UI thread"
        assert screen.reported == [
            ("failed", "disk refused item 3") if item == "item 3" else ("saved", item.upper()) for item in items
        ]
        writers = [worker for worker in app.workers if worker.group == WRITER_GROUP]
        assert len(writers) == 1 and not writers[0].is_finished, "the writer waits for more while the screen is open"


@pytest.mark.parametrize("stop_on_unmount", [True, False], ids=["stopped-on-unmount", "only-cancelled"])
async def test_items_still_queued_when_the_app_closes_are_saved_before_the_writer_ends(stop_on_unmount: bool) -> None:
    save = SlowSaves()
    app = WriterApp(save, stop_on_unmount=stop_on_unmount)
    async with app.run_test():
        screen = app.screen
        assert isinstance(screen, WriterScreen)
        writer = screen.writer
        await wait_until(lambda: writer._state == "running")
        for n in range(10):
            writer.submit(f"late {n}")
        # Leave at once: most items are still queued behind the 20 ms saves. Textual cancels the worker.
    assert len(save.saved) < 10, "the test must close the app while items are still queued"
    await wait_until(lambda: not writer.running)
    assert save.saved == [f"late {n}" for n in range(10)]
    assert writer.idle
    assert threading.get_ident() not in save.threads, "the worker thread saved them"


async def test_a_writer_stopped_before_its_thread_ran_saves_the_queue_itself() -> None:
    """The app closed straight after opening: stop() must not leave queued items behind."""
    save = SlowSaves()
    app = WriterApp(save)
    async with app.run_test():
        writer: CaptureWriter[str] = CaptureWriter(app.screen, save)  # never started
        writer.submit("early 1")
        writer.submit("early 2")
        writer.stop()
        assert save.saved == ["early 1", "early 2"]
        assert writer.idle and not writer.running
        writer.start()  # a stopped writer does not start again
        assert not writer.running

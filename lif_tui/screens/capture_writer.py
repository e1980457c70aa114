"""The live screen's capture writer: one thread worker that saves findings in the order Enter was pressed.

Why a long-lived worker: starting a thread worker for each capture costs a trip through the event loop,
state-change messages and a thread-pool hand-off, which was most of the time from Enter to the committed
row. This worker is started when the live screen has loaded its event and waits on a queue, so a finding
is picked up the moment Enter puts it there.

Durability does not change: the finding is shown (and its text leaves the capture bar) only after
`save` has returned, which is when the row is committed. Findings still queued when the screen closes
are written before the worker stops, and the thread pool is joined before Python exits.
"""

from __future__ import annotations

import queue
import threading
from typing import Any, Callable, Generic, TypeVar

from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, get_current_worker

ItemT = TypeVar("ItemT")

WRITER_GROUP = "capture-writer"
"""The worker group of the writer, so tests and benchmarks can wait for every other worker."""
_STOP = object()
_POLL_SECONDS = 0.5
"""How often an idle writer checks whether Textual cancelled it (the app is closing without an unmount)."""


class CaptureWriter(Generic[ItemT]):
    """Runs `save(item)` for each submitted item on one thread worker, strictly in order.

    The outcome is posted to the screen as a `CaptureWriter.Saved` or `CaptureWriter.Failed` message
    (`post_message` is thread-safe). The writer never waits for the UI thread, so a slow screen update
    cannot hold up the next commit, and a closing app cannot leave the writer stuck.
    """

    class Saved(Message):
        """`save` returned: the item is committed."""

        def __init__(self, item: Any, saved: Any) -> None:
            super().__init__()
            self.item = item
            self.saved = saved

    class Failed(Message):
        """`save` raised: nothing was written, and the screen must keep the text."""

        def __init__(self, item: Any, error: Exception) -> None:
            super().__init__()
            self.item = item
            self.error = error

    def __init__(self, screen: Screen[Any], save: Callable[[ItemT], Any]) -> None:
        self._screen = screen
        self._save = save
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._unsettled = 0
        """Items submitted whose outcome has not yet been posted to the screen."""
        self._state = "new"
        """new -> starting -> running -> ended; or starting -> ended when stop() comes first."""

    @property
    def running(self) -> bool:
        """True from start() until the last queued item is saved after stop() (or cancellation)."""
        with self._lock:
            return self._state in ("starting", "running")

    @property
    def idle(self) -> bool:
        """True when every submitted item has been saved or has failed, and the screen has been told."""
        with self._lock:
            return self._unsettled == 0

    def start(self) -> None:
        """Start the worker (on the UI thread). Items submitted earlier are kept and saved."""
        with self._lock:
            if self._state != "new":
                return
            self._state = "starting"
        self._screen.run_worker(self._run, thread=True, group=WRITER_GROUP, name="capture writer",
                                exit_on_error=False)

    def submit(self, item: ItemT) -> None:
        """Queue an item for saving; returns at once."""
        with self._lock:
            self._unsettled += 1
        self._queue.put(item)

    def stop(self) -> None:
        """Let the worker finish what is queued, then end.

        If the worker thread never got going (the app closed straight after opening, and Textual
        cancelled the worker before its thread ran), the queue is saved here, on the calling thread:
        the screen is closing, and a queued finding must not be dropped.
        """
        with self._lock:
            never_ran = self._state in ("new", "starting")
            if never_ran:
                self._state = "ended"
        if never_ran:
            self._drain_now()
        else:
            self._queue.put(_STOP)

    def _run(self) -> None:
        with self._lock:
            if self._state != "starting":
                return  # stop() came first and saved the queue itself
            self._state = "running"
        try:
            self._serve(get_current_worker())
        finally:
            with self._lock:
                self._state = "ended"

    def _serve(self, worker: Worker[None]) -> None:
        while True:
            try:
                item = self._queue.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                if worker.is_cancelled:
                    return  # nothing is queued, and the app is closing
                continue
            if item is _STOP:
                return
            self._save_one(item)

    def _drain_now(self) -> None:
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return
            if item is not _STOP:
                self._save_one(item)

    def _save_one(self, item: ItemT) -> None:
        try:
            message: Message = self.Saved(item, self._save(item))
        except Exception as error:  # noqa: BLE001 - every failure is handed back to the screen
            message = self.Failed(item, error)
        self._screen.post_message(message)  # False once the screen has closed: the row is on disk anyway
        with self._lock:
            self._unsettled -= 1

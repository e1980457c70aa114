"""Waiting for background work in Pilot tests.

The live screen's capture writer is a thread worker that runs for as long as the screen is open, so
`app.workers.wait_for_complete()` would never return there. These helpers wait for every other worker,
and for the writer to have saved everything queued and posted the outcome to its screen.
"""

from __future__ import annotations

import asyncio

from textual.app import App

from lif_tui.screens.capture_writer import WRITER_GROUP
from lif_tui.screens.facilitate import FacilitateScreen

WAIT_LIMIT_SECONDS = 30.0


async def wait_for_workers(app: App) -> None:
    """Return once no worker but the capture writer is running and every writer is idle."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT_LIMIT_SECONDS
    while True:
        others = [w for w in app.workers if w.group != WRITER_GROUP and not w.is_finished]
        if others:
            await app.workers.wait_for_complete(others)
            continue
        writers = [s.capture_writer for s in app.screen_stack if isinstance(s, FacilitateScreen)]
        if all(writer.idle for writer in writers):
            return
        if loop.time() > deadline:
            raise TimeoutError("the capture writer did not finish its queue")
        await asyncio.sleep(0.001)


async def settle(pilot) -> None:
    """Wait until store workers, their results on screen and the repaint they cause have all finished.

    Four rounds, because one result can start another load (a page of events, the search debounce).
    """
    await pilot.pause()
    for _ in range(4):
        await wait_for_workers(pilot.app)
        await pilot.pause()

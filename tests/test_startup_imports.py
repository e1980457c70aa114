"""Start-up stays light: nothing on the way to the first painted events list imports pydantic or sqlite-utils.

Together they cost about 115 ms of imports, more than the whole budget above a bare Textual app
(benchmarks/bench_startup.py). The app imports them in a thread once the list is on screen.
The check runs the real entry point in a fresh interpreter, headless, so it needs no terminal.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HEAVY = ("pydantic", "pydantic_core", "sqlite_utils")

PROBE = r"""
import io, json, sys

from textual.app import App

from lif_tui.app import LifApp

HEAVY = set(sys.argv[2].split(","))
seen = {}


class Terminal(io.StringIO):
    # Passes launch_app's terminal check; the app itself runs headless, so CI needs no TTY.
    def isatty(self):
        return True


first_screen_ready = LifApp.first_screen_ready


def probe(self):
    # Called once the first page of events is painted, before the warm-up imports start.
    seen["heavy"] = sorted(name for name in sys.modules if name.split(".")[0] in HEAVY)
    seen["rows"] = self.screen.query_one("#events").row_count
    first_screen_ready(self)


LifApp.first_screen_ready = probe
LifApp.run = lambda self, **_: App.run(self, headless=True, size=(120, 40))
sys.stdin, sys.stdout = Terminal(), Terminal()

from lif_tui.cli import main

code = main(["--db", sys.argv[1]])
seen["after"] = sorted(name for name in HEAVY if name in sys.modules)
sys.__stdout__.write(json.dumps({"code": code, **seen}))
"""


def _first_paint(db: Path) -> dict:
    """Run `lif-tui --db DB` (headless) up to its first painted events list, in a fresh interpreter."""
    env = {**os.environ, "LIF_TUI_EXIT_AFTER_FIRST_PAINT": "1"}
    env.pop("LIF_TUI_DEBUG", None)
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(db), ",".join(HEAVY)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_first_paint_imports_neither_pydantic_nor_sqlite_utils(db_path: Path) -> None:
    from lif_tui.cli_core import write_demo_events
    from lif_tui.db import open_store

    with open_store(db_path) as store:
        write_demo_events(store)
        events = store.count_events()

    outcome = _first_paint(db_path)

    assert outcome["code"] == 0
    assert outcome.get("rows") == events, "the events list was never painted, so nothing was checked"
    assert outcome["heavy"] == [], f"imported before the first paint: {', '.join(outcome['heavy'])}"
    # ...and imported after it, in the background, so the first key that loads or saves does not stall.
    assert outcome["after"] == sorted(HEAVY)

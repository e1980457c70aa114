"""Archive at scale (run by hand): `python -m benchmarks.bench_archive`.

On a database of 500 events and 100,000 findings (built once by benchmarks/make_large_db.py and reused):

- search: the app's code path (`search_archive`: ranked hits, snippets, event details, filters scope) against
  the fastest bare FTS5 query that returns the same top 50 on the same file. Target: at most 2x.
- events list: the review screen's first page (`browse_events`, with counts) against a bare SELECT of the
  same page. Reported for information.
- memory: peak RSS of the app opened headless on the large database (home, then the events list scrolled
  across four pages and a search; then also the read-only event, trends and the action tracker), against a
  bare Textual app in the same run. Each runs in its own subprocess, started by a small launcher
  that reports `getrusage(RUSAGE_CHILDREN).ru_maxrss`. Target: at most +40 MiB.
"""

from __future__ import annotations

import sqlite3
import statistics
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Callable

from benchmarks.make_large_db import DEFAULT_PATH, ensure_large_db

QUERIES = ("diabetes", '"missed appointments"', "appoint*", "naïve", "capacity barrier", "zoe")
REPEATS = 15


def _medians_ms(calls: dict[str, Callable[[], object]], repeats: int = REPEATS) -> dict[str, float]:
    """Median time of each call in ms, measured round-robin so a busy moment hits them all alike."""
    times: dict[str, list[float]] = {name: [] for name in calls}
    for call in calls.values():
        call()  # warm the page cache and the statement cache first
    for _ in range(repeats):
        for name, call in calls.items():
            started = time.perf_counter()
            call()
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) * 1000 for name, values in times.items()}


def search_rows(path: Path) -> list[dict]:
    from lif_tui.db import open_store
    from lif_tui.db.search import normalise_query, search_archive

    rows = []
    raw = sqlite3.connect(path)
    bare_by_rank = "SELECT rowid, item_kind, item_id, event_id FROM search_index WHERE search_index MATCH ? ORDER BY rank LIMIT 50"
    bare_by_bm25 = (
        "SELECT rowid, item_kind, item_id, event_id FROM search_index WHERE search_index MATCH ? "
        "ORDER BY bm25(search_index) LIMIT 50"
    )
    with open_store(path, create=False) as store:
        for query in QUERIES:
            match = normalise_query(query)
            ms = _medians_ms({
                "app": lambda: search_archive(store, query, limit=50),
                "rank": lambda: raw.execute(bare_by_rank, [match]).fetchall(),
                "bm25": lambda: raw.execute(bare_by_bm25, [match]).fetchall(),
            })
            bare_ms = min(ms["rank"], ms["bm25"])
            rows.append({"name": f"search {query} (ms)", "value": ms["app"], "baseline": bare_ms,
                         "ratio": ms["app"] / bare_ms, "target": "<= 2x"})
        from lif_tui.db.browse import browse_events

        bare_page = ("SELECT id, title, event_date, status FROM events WHERE deleted_at IS NULL "
                     "ORDER BY event_date DESC LIMIT 100")
        ms = _medians_ms({"app": lambda: browse_events(store, limit=100), "bare": lambda: raw.execute(bare_page).fetchall()})
        rows.append({"name": "events list first page (ms)", "value": ms["app"], "baseline": ms["bare"],
                     "ratio": ms["app"] / ms["bare"], "target": "info"})
    raw.close()
    return rows


BARE_APP = """
import asyncio
from textual.app import App
from textual.widgets import DataTable, Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("A bare Textual app")
        yield DataTable()
        yield Footer()

async def main():
    app = Bare()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()

asyncio.run(main())
"""

LIF_APP = """
import asyncio, sys
from datetime import date
from lif_tui.app import LifApp
from lif_tui.db import open_store

async def settle(pilot):
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

async def main(path):
    store = open_store(path, create=False)
    app = LifApp(store, today=lambda: date(2026, 11, 26))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        for _ in range(12):  # several pages of the events list
            await pilot.press("pagedown")
            await settle(pilot)
        screen = app.screen
        loaded = len(screen.events)
        await pilot.press("slash", *"diabetes", "enter")
        await settle(pilot)
        for _ in range(4):
            await pilot.press("pagedown")
            await settle(pilot)
        hits = len(screen.hits)
        if len(sys.argv) > 2 and sys.argv[2] == "list-and-search":
            print(f"events loaded {loaded}, hits loaded {hits}", file=sys.stderr)
            store.close()
            return
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape", "escape", "t")
        await settle(pilot)
        await pilot.press("escape", "a")
        await settle(pilot)
        print(f"events loaded {loaded}, hits loaded {hits}, screen {type(app.screen).__name__}", file=sys.stderr)
    store.close()

asyncio.run(main(sys.argv[1]))
"""


LAUNCHER = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""
"""A small Python that runs one child and reports its peak. Measuring from this benchmark process itself
would count the parent's own memory: a forked child starts with the parent's pages."""

HIDE_NUMPY = "import sys; sys.modules['numpy'] = None\n"
"""sqlite-utils imports numpy when it happens to be installed (it is no dependency of lif-tui): about
12 MiB. Hiding it gives the figure of a clean install."""


def peak_rss_mib(code: str, *args: str) -> float:
    """Run `code` in a fresh Python (started by a small launcher) and return its peak RSS in MiB."""
    child = [sys.executable, "-c", textwrap.dedent(code), *args]
    result = subprocess.run([sys.executable, "-c", LAUNCHER, *child], capture_output=True, text=True, check=True)
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # ru_maxrss is bytes on macOS, KiB on Linux
    return int(result.stdout.strip()) * scale / (1024 * 1024)


def _numpy_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("numpy") is not None


SCENARIOS = (
    ("list-and-search", "events list scrolled 4 pages + search"),
    ("tour", "+ read-only event, trends, action tracker"),
)


def memory_rows(path: Path) -> list[dict]:
    bare = peak_rss_mib(BARE_APP)
    rows = []
    variants = [("", "")]
    if _numpy_installed():
        variants.append((HIDE_NUMPY, ", numpy hidden (clean install)"))
    for prefix, variant in variants:
        for scenario, label in SCENARIOS:
            app = peak_rss_mib(prefix + textwrap.dedent(LIF_APP), str(path), scenario)
            rows.append({"name": f"peak MiB, large db: {label}{variant}", "value": app, "baseline": bare,
                         "ratio": f"+{app - bare:.1f} MiB", "target": "<= +40 MiB"})
    return rows


def run() -> list[dict]:
    if sys.platform == "win32":
        raise RuntimeError("the memory benchmark needs the resource module (Linux or macOS)")
    path = ensure_large_db(DEFAULT_PATH)
    return search_rows(path) + memory_rows(path)


if __name__ == "__main__":
    from benchmarks.run_all import format_table

    print(format_table(run()))

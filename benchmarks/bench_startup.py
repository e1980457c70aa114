"""Start-up to the first painted screen (run by hand): `python -m benchmarks.bench_startup [RUNS]`.

Each app runs as a real process in a pseudo-terminal of 120x40, exactly as a person starts it:

- lif-tui: `python -m lif_tui --db DB` on a database of 200 events and 20,000 findings, built once through
  the store's row mapping (benchmarks/make_large_db.py) into a temp folder and reused;
- baseline: a bare Textual app with a Header, an empty DataTable and a Footer.

(An earlier what-if run, with numpy and pandas hidden from sqlite-utils, is gone: start-up no longer
imports sqlite-utils at all, and tests/test_startup_imports.py keeps it that way.)

The figure is the wall-clock time from spawning the process until its first screen has reached the
terminal: the parent reads the pty and stops the clock when a marker appears in the output (for lif-tui,
the title of the newest event, so the events list is loaded and painted; for the bare app, its table
header).
It includes the interpreter, imports, opening the database and the first query. Both apps also get
LIF_TUI_EXIT_AFTER_FIRST_PAINT=1, which makes them exit right after that first paint; the time spent
exiting (and lif-tui's closing backup) is not counted. The runs alternate between the two apps, after one
warm-up run each, and the medians are compared. Target: lif-tui at most 1.5x the bare app. POSIX only.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

RUNS = 9
TARGET_RATIO = 1.5
EVENTS = 200
FINDINGS_PER_EVENT = 100
DB_PATH = Path(tempfile.gettempdir()) / "lif-tui-bench" / f"startup-{EVENTS}x{EVENTS * FINDINGS_PER_EVENT}.sqlite3"
SIZE = (40, 120)
"""Rows and columns of the pseudo-terminal."""
TIMEOUT = 60.0

BARE_APP = textwrap.dedent(
    """
    import os
    from textual.app import App
    from textual.widgets import DataTable, Footer, Header

    class Bare(App):
        def compose(self):
            yield Header()
            yield DataTable()
            yield Footer()

        def on_mount(self):
            table = self.query_one(DataTable)
            table.add_columns("Date", "Title", "Status", "Findings", "Reviews")
            if os.environ.get("LIF_TUI_EXIT_AFTER_FIRST_PAINT") == "1":
                self.call_after_refresh(self.exit)

    Bare().run()
    """
)

def ensure_database(path: Path = DB_PATH) -> Path:
    """The 200-event, 20,000-finding database, built on first use and reused afterwards."""
    from lif_tui.db import open_store

    if path.exists():
        try:
            with open_store(path, create=False) as store:
                events = store.count_events()
                findings = store.db.execute("SELECT count(*) FROM findings").fetchone()[0]
            if events == EVENTS and findings == EVENTS * FINDINGS_PER_EVENT:
                return path
        except Exception:  # half-built or damaged: build it again
            pass
        for leftover in path.parent.glob(path.name + "*"):
            leftover.unlink()
    from benchmarks.make_large_db import make_large_db

    print(f"building {path} ({EVENTS} events, {EVENTS * FINDINGS_PER_EVENT:,} findings) ...", file=sys.stderr)
    return make_large_db(path, events=EVENTS, findings_per_event=FINDINGS_PER_EVENT)


def time_in_pty(command: list[str], marker: bytes) -> float:
    """Seconds from spawning `command` in a fresh pty until `marker` appears in what it writes.

    The output is drained until the process exits, which the env var makes it do right after painting.
    """
    import fcntl
    import pty
    import select
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[0], SIZE[1], 0, 0))
    env = {**os.environ, "LIF_TUI_EXIT_AFTER_FIRST_PAINT": "1", "TERM": "xterm-256color", "COLORTERM": "truecolor"}
    env.pop("TEXTUAL", None)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    output = b""
    painted: float | None = None
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: the child has closed the terminal
                    chunk = b""
                if not chunk:
                    process.wait(timeout=TIMEOUT)
                    break
                if painted is None:
                    output += chunk
                    if marker in output:
                        painted = time.perf_counter() - started
                else:
                    output = (output + chunk)[-4096:]
            elif process.poll() is not None:
                break
            if time.perf_counter() - started > TIMEOUT:
                process.kill()
                raise RuntimeError(f"{command[:3]} did not exit within {TIMEOUT:.0f} s")
    finally:
        os.close(master)
    if process.returncode != 0:
        raise RuntimeError(f"{command[:3]} exited {process.returncode}: {output[-500:]!r}")
    if painted is None:
        raise RuntimeError(f"{command[:3]} never showed {marker!r}")
    return painted


def newest_title(path: Path) -> str:
    from lif_tui.db import open_store

    with open_store(path, create=False) as store:
        return store.list_events(limit=1)[0].title


def measure(runs: int = RUNS) -> dict[str, list[float]]:
    db = ensure_database()
    commands = {
        "lif-tui": ([sys.executable, "-m", "lif_tui", "--db", str(db)], newest_title(db)[:12].encode()),
        "bare": ([sys.executable, "-c", BARE_APP], b"Findings"),
    }
    for command, marker in commands.values():
        time_in_pty(command, marker)  # warm-up: page cache and .pyc files
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, marker) in commands.items():
            times[name].append(time_in_pty(command, marker))
    return times


def run(runs: int = RUNS) -> list[dict]:
    """Rows for benchmarks/run_all.py: median start-up of lif-tui against the bare Textual app."""
    times = measure(runs)
    app = statistics.median(times["lif-tui"]) * 1000
    bare = statistics.median(times["bare"]) * 1000
    return [
        {
            "name": f"start-up to first paint, ms ({EVENTS} events, {EVENTS * FINDINGS_PER_EVENT:,} findings)",
            "value": app,
            "baseline": bare,
            "ratio": app / bare,
            "target": f"<= {TARGET_RATIO}x",
        },
    ]


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else RUNS
    times = measure(runs)
    for name, values in times.items():
        ms = sorted(v * 1000 for v in values)
        print(f"{name:8} median {statistics.median(ms):7.1f} ms   min {ms[0]:7.1f}   max {ms[-1]:7.1f}   ({len(ms)} runs)")
    ratio = statistics.median(times["lif-tui"]) / statistics.median(times["bare"])
    verdict = "meets" if ratio <= TARGET_RATIO else "MISSES"
    print(f"ratio {ratio:.2f}x ({verdict} the target of {TARGET_RATIO}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

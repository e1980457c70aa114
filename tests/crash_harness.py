"""Crash harness: type findings into the real app in a real terminal, SIGKILL it at a random moment, check.

Not Pilot: the app runs as `python -m lif_tui open EVENT` in a pseudo-terminal (pexpect), and a terminal
emulator (pyte) keeps the screen as a person would see it. A finding counts as "shown as saved" when its
token is on a findings-list line, which the app marks with a tick only after the Store has committed it.

Run the full 30 rounds by hand:  python -m tests.crash_harness 30
CI runs a short form through tests/test_crash_harness.py (LIF_CRASH_ROUNDS, default 3).
"""

from __future__ import annotations

import os
import random
import re
import signal
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

SAVED_MARK = "✓"
COLUMNS, LINES = 120, 40


@dataclass
class RoundResult:
    number: int
    shown_saved: set[str] = field(default_factory=set)
    stored: set[str] = field(default_factory=set)
    draft_typed: str = ""
    draft_stored: str = ""
    draft_restored_on_screen: bool | None = None
    integrity: str = ""
    killed_after_keys: int = 0
    expect_draft: str | None = None
    """Set when the app was killed while idle after typing a draft: the stored draft must equal it."""

    @property
    def lost(self) -> set[str]:
        return self.shown_saved - self.stored

    @property
    def ok(self) -> bool:
        draft_consistent = self.draft_typed.startswith(self.draft_stored)
        if self.expect_draft is not None:
            draft_consistent = self.draft_stored == self.expect_draft
        return not self.lost and self.integrity == "ok" and draft_consistent and self.draft_restored_on_screen is not False


class TerminalSession:
    """The app in a pty, with a pyte screen fed from everything it writes."""

    def __init__(self, db_path: Path, event_ref: str):
        import pexpect
        import pyte

        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(COLUMNS), "LINES": str(LINES)}
        env.pop("LIF_TUI_DEBUG", None)
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "lif_tui", "open", event_ref, "--db", str(db_path)],
            dimensions=(LINES, COLUMNS),
            env=env,
            timeout=0.05,
        )

    def pump(self, seconds: float = 0.05) -> None:
        """Read whatever the app has written for up to `seconds` and feed it to the screen."""
        import pexpect

        deadline = time.monotonic() + seconds
        while True:
            try:
                data = self.child.read_nonblocking(65536, timeout=max(0.0, min(0.05, deadline - time.monotonic())))
                self.stream.feed(data)
            except pexpect.TIMEOUT:
                pass
            except pexpect.EOF:
                return
            if time.monotonic() >= deadline:
                return

    def text(self) -> list[str]:
        return list(self.screen.display)

    def wait_for(self, predicate, timeout: float = 30.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump(0.1)
            if predicate(self.text()):
                return True
        return False

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def kill(self) -> None:
        try:
            os.kill(self.child.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        # Everything the app wrote before it died is still in the pty buffer: drain it onto the screen.
        self.pump(0.5)
        try:
            self.child.close(force=True)
        except Exception:
            pass


def saved_tokens(lines: list[str], tokens: set[str]) -> set[str]:
    """Tokens on lines carrying the saved tick."""
    shown = set()
    for line in lines:
        if SAVED_MARK in line:
            for token in re.findall(r"\bk\d+x\d+q\b", line):
                if token in tokens:
                    shown.add(token)
    return shown


def run_round(number: int, db_path: Path, event_id: str, rng: random.Random) -> RoundResult:
    from lif_tui.db import open_store

    result = RoundResult(number)
    with open_store(db_path) as store:
        previous_draft = store.load_draft(event_id)

    session = TerminalSession(db_path, event_id[:8])
    try:
        if not session.wait_for(lambda lines: "Phase" in "\n".join(lines), timeout=40):
            raise RuntimeError("the facilitate screen did not appear:\n" + "\n".join(session.text()))
        session.pump(0.5)
        if previous_draft:
            result.draft_restored_on_screen = session.wait_for(
                lambda lines: any(previous_draft[-20:] in line for line in lines), timeout=5
            )
            session.send("\x7f" * len(previous_draft))  # clear the restored draft before typing anew
            session.pump(0.3)

        count = rng.randint(3, 8)
        texts = [f"k{number}x{index}q noted by agency" for index in range(count)]
        draft = f"k{number}x{count}q unfinished thought"
        keystrokes = "".join(text + "\r" for text in texts) + draft
        # Half the rounds die mid-typing at a random keystroke; the others die while the facilitator
        # pauses after typing a draft, long enough for the draft to be saved (so it must come back).
        idle_kill = rng.random() < 0.5
        kill_at = len(keystrokes) if idle_kill else rng.randint(len(keystrokes) // 3, len(keystrokes))
        result.killed_after_keys = kill_at
        for key in keystrokes[:kill_at]:
            session.send(key)
            if key == "\r" or rng.random() < 0.1:
                session.pump(rng.uniform(0.0, 0.15))
        if idle_kill:
            session.pump(3.0)  # well past the 0.3 s draft debounce, even on a loaded CI machine
            result.expect_draft = draft
        typed = keystrokes[:kill_at]
        result.draft_typed = typed.split("\r")[-1]
        session.kill()
        tokens = {f"k{number}x{index}q" for index in range(count + 1)}
        result.shown_saved = saved_tokens(session.text(), tokens)
    finally:
        if session.child.isalive():
            session.kill()

    with open_store(db_path) as store:
        result.integrity = store.integrity_check()
        record = store.load_event(event_id)
        for finding in record.findings:
            result.stored.update(re.findall(rf"\bk{number}x\d+q\b", finding.text))
        result.draft_stored = store.load_draft(event_id)
    return result


def prepare_database(folder: Path) -> tuple[Path, str]:
    from lif_tui.cli_core import write_demo_events
    from lif_tui.db import open_store

    db_path = folder / "crash.sqlite3"
    with open_store(db_path) as store:
        write_demo_events(store)
        event_id = next(s.id for s in store.list_events() if "Child T" in s.title)
    return db_path, str(event_id)


def run(rounds: int, folder: Path, seed: int | None = None) -> list[RoundResult]:
    rng = random.Random(seed)
    db_path, event_id = prepare_database(folder)
    return [run_round(number, db_path, event_id, rng) for number in range(rounds)]


def main() -> int:
    import tempfile

    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    with tempfile.TemporaryDirectory() as folder:
        results = run(rounds, Path(folder))
    passed = sum(result.ok for result in results)
    for result in results:
        print(
            f"round {result.number:2d}: shown saved {len(result.shown_saved)}, stored {len(result.stored)}, "
            f"lost {sorted(result.lost) or 'none'}, integrity {result.integrity}, "
            f"draft typed {result.draft_typed!r} stored {result.draft_stored!r}, "
            f"restored on screen {result.draft_restored_on_screen}, {'ok' if result.ok else 'FAIL'}"
        )
    print(f"{passed} of {rounds} rounds passed")
    return 0 if passed == rounds else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Short form of the crash harness for CI: a few SIGKILL rounds in a real pty (see tests/crash_harness.py)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

pytest.importorskip("pexpect")
pytest.importorskip("pyte")

ROUNDS = int(os.environ.get("LIF_CRASH_ROUNDS", "3"))


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty and SIGKILL")
def test_sigkill_while_capturing_loses_nothing_shown_as_saved(tmp_path: Path) -> None:
    from crash_harness import run

    results = run(ROUNDS, tmp_path, seed=20261126)
    report = "\n".join(
        f"round {r.number}: shown {sorted(r.shown_saved)} stored {sorted(r.stored)} integrity {r.integrity} "
        f"draft typed {r.draft_typed!r} stored {r.draft_stored!r} restored {r.draft_restored_on_screen}"
        for r in results
    )
    assert all(result.ok for result in results), report
    assert sum(len(result.shown_saved) for result in results) > 0, "no round showed a saved finding:\n" + report

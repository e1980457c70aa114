"""A finding committed by the Store survives SIGKILL of the process the moment after."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from lif_tui.db import open_store
from lif_tui.demo import demo_records

CHILD = textwrap.dedent(
    """
    import sys, time
    from lif_tui.db import open_store
    from lif_tui.models import Finding, FindingKind
    store = open_store(sys.argv[1])
    event_id = sys.argv[2]
    for n in range(int(sys.argv[3])):
        finding = store.add_finding(event_id, Finding(kind=FindingKind.CHANGED, text=f"finding number {n}"))
        print(f"SAVED {finding.id}", flush=True)
    time.sleep(60)  # killed long before this ends; the store is never closed
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_committed_findings_survive_sigkill(tmp_path: Path) -> None:
    db_path = tmp_path / "kill.sqlite3"
    record = demo_records()[0]
    with open_store(db_path) as store:
        store.save_event(record)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db_path), str(record.event.id), "5"],
        stdout=subprocess.PIPE,
        text=True,
    )
    saved = []
    assert child.stdout is not None
    while len(saved) < 5:
        line = child.stdout.readline()
        assert line, "child died before saving"
        saved.append(line.split()[1])
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=10)
    assert Path(str(db_path) + "-wal").exists(), "the kill left the WAL behind, as a power cut would"

    with open_store(db_path) as store:
        assert store.integrity_check() == "ok"
        ids = {str(f.id) for f in store.load_event(record.event.id).findings}
        assert set(saved) <= ids
        assert {f.text for f in store.load_event(record.event.id).findings} >= {f"finding number {n}" for n in range(5)}


def test_a_stray_write_outside_a_store_transaction_cannot_hold_later_captures_uncommitted(tmp_path: Path) -> None:
    """The connection is in autocommit mode, so nothing can leave a transaction open behind the Store's back.

    With the sqlite3 module's default, any INSERT outside `Store.transaction()` silently began a
    transaction; every later capture then became a savepoint inside it, shown as saved but never committed.
    """
    from lif_tui.models import Finding, FindingKind

    db_path = tmp_path / "stray.sqlite3"
    record = demo_records()[0]
    with open_store(db_path) as store:
        store.save_event(record)
        store.conn.execute("INSERT INTO drafts (event_id, text, updated_at) VALUES (?, 'x', 'now')", [str(record.event.id)])
        assert not store.conn.in_transaction
        finding = store.add_finding(record.event.id, Finding(kind=FindingKind.CHANGED, text="seen by another reader"))
        other = sqlite3.connect(db_path)
        try:
            seen = other.execute("SELECT count(*) FROM findings WHERE id = ?", [str(finding.id)]).fetchone()[0]
        finally:
            other.close()
        assert seen == 1, "the capture was committed, not left inside an open transaction"

"""Faults while the app runs: a full disk, a read-only database, a second copy holding the lock.

Each gives a StoreError with a message a facilitator can act on, and loses nothing already saved.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from lif_tui.db import connection, open_store
from lif_tui.demo import demo_records
from lif_tui.errors import StoreError
from lif_tui.models import Finding, FindingKind


@pytest.fixture
def saved(store):
    record = demo_records()[0]
    store.save_event(record)
    return store, record


def test_disk_full_is_reported_and_nothing_is_lost(saved) -> None:
    store, record = saved
    before = store.load_event(record.event.id)
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")  # the disk is now "full"
    big = "x" * 19_000
    with pytest.raises(StoreError, match="disk is full") as excinfo:
        for _ in range(20):
            store.add_finding(record.event.id, Finding(kind=FindingKind.CHANGED, text=big))
    assert str(store.path) in str(excinfo.value)
    store.db.execute("PRAGMA max_page_count = 1073741823")
    after = store.load_event(record.event.id)
    assert {f.id for f in before.findings} <= {f.id for f in after.findings}
    assert store.integrity_check() == "ok"
    store.add_finding(record.event.id, Finding(kind=FindingKind.CHANGED, text="space again"))


def test_read_only_database_is_reported(saved) -> None:
    store, record = saved
    store.db.execute("PRAGMA query_only = ON")
    with pytest.raises(StoreError, match="read-only"):
        store.save_draft(record.event.id, "draft")
    with pytest.raises(StoreError, match="read-only"):
        store.save_event(record)
    store.db.execute("PRAGMA query_only = OFF")
    assert store.load_event(record.event.id) == record


def test_two_copies_share_the_database_through_sqlite_locking(saved, db_path: Path) -> None:
    store, record = saved
    with open_store(db_path) as second:
        first_finding = store.add_finding(record.event.id, Finding(kind=FindingKind.CHANGED, text="from copy one"))
        second_finding = second.add_finding(record.event.id, Finding(kind=FindingKind.BARRIER, text="from copy two"))
        for copy in (store, second):
            ids = {f.id for f in copy.load_event(record.event.id).findings}
            assert {first_finding.id, second_finding.id} <= ids


def test_a_copy_that_waits_briefly_for_the_lock_still_saves(saved, db_path: Path) -> None:
    store, record = saved
    blocker = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    blocker.execute("BEGIN IMMEDIATE")
    releaser = threading.Timer(0.3, lambda: blocker.execute("COMMIT"))
    releaser.start()
    started = time.monotonic()
    store.add_finding(record.event.id, Finding(kind=FindingKind.CHANGED, text="waited for the lock"))
    assert time.monotonic() - started >= 0.2
    releaser.join()
    blocker.close()


def test_a_lock_held_too_long_is_reported_plainly(db_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 200)
    record = demo_records()[0]
    with open_store(db_path) as store:
        store.save_event(record)
        blocker = sqlite3.connect(db_path, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(StoreError, match="another copy of lif-tui is using the database"):
                store.add_finding(record.event.id, Finding(kind=FindingKind.CHANGED, text="blocked"))
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        store.add_finding(record.event.id, Finding(kind=FindingKind.CHANGED, text="after the lock"))

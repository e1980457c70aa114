"""Rolling backups, backup to a file, restore (checked first), and purge under a retention policy."""

from __future__ import annotations

import os
import sqlite3
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from archive_factories import action, record, review
from lif_tui.db.backup import KEEP_BACKUPS, backup_to, check_backup_file, list_backups, restore_from, rolling_backup
from lif_tui.db.retention import purge_events, purge_plan, years_before
from lif_tui.db.search import search_archive
from lif_tui.errors import StoreError, UsageError
from lif_tui.models import EventStatus
from lif_tui.paths import IS_POSIX, backups_dir

MARKER = "zebracrossingmarker"
"""A word that appears only in the event that purge must erase."""


def mode(path: Path) -> int:
    return os.stat(path).st_mode & 0o777


def test_backup_is_a_consistent_private_single_file(tmp_path, demo_store):
    target = backup_to(demo_store, tmp_path / "copies" / "backup.sqlite3")
    assert target.exists() and not Path(f"{target}-wal").exists()
    if IS_POSIX:
        assert mode(target) == 0o600
    check_backup_file(target)
    conn = sqlite3.connect(target)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 3
    conn.close()
    with pytest.raises(UsageError):
        backup_to(demo_store, demo_store.path)


def test_rolling_backup_keeps_the_last_ten(demo_store):
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    made = [rolling_backup(demo_store, now=start + timedelta(minutes=n)) for n in range(KEEP_BACKUPS + 3)]
    kept = list_backups(demo_store.path)
    assert kept == made[-KEEP_BACKUPS:]
    assert all(path.parent == backups_dir(demo_store.path) for path in kept)
    if IS_POSIX:
        assert all(mode(path) == 0o600 for path in kept)


def test_restore_replaces_contents_and_keeps_a_safety_copy(tmp_path, demo_store):
    saved = backup_to(demo_store, tmp_path / "before.sqlite3")
    titles = {s.title for s in demo_store.list_events()}
    demo_store.save_event(record("Added after the backup", findings=(MARKER,)))
    safety = restore_from(demo_store, saved)
    assert {s.title for s in demo_store.list_events()} == titles
    assert search_archive(demo_store, MARKER) == []
    assert search_archive(demo_store, "diabetes")  # the index came back with the data
    restore_from(demo_store, safety)  # and the restore itself can be undone
    assert "Added after the backup" in {s.title for s in demo_store.list_events()}


def test_restore_refuses_files_that_are_not_lif_tui_backups(tmp_path, demo_store):
    not_sqlite = tmp_path / "notes.sqlite3"
    not_sqlite.write_text("hello")
    other_sqlite = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other_sqlite)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    empty_sqlite = tmp_path / "empty.sqlite3"
    sqlite3.connect(empty_sqlite).execute("PRAGMA user_version=1").connection.close()
    for bad in (not_sqlite, other_sqlite, empty_sqlite, tmp_path / "missing.sqlite3"):
        with pytest.raises(StoreError):
            restore_from(demo_store, bad)
    assert len(demo_store.list_events()) == 3
    assert list_backups(demo_store.path) == []  # refused before the safety backup was even taken


def test_years_before():
    assert years_before(date(2026, 11, 26), 3) == date(2023, 11, 26)
    assert years_before(date(2024, 2, 29), 1) == date(2023, 2, 28)


def test_purge_erases_old_closed_events_for_good(store, db_path):
    shared = review("Child P", ("Shared learning point",))
    old = record("Old and closed", on=date(2019, 5, 1), findings=(f"The {MARKER} finding.",), reviews=(shared,),
                 actions=(action(f"Old {MARKER} action"),))
    old_live = record("Old but still live", on=date(2019, 6, 1), status=EventStatus.LIVE)
    recent = record("Recent and closed", on=date(2025, 6, 1), findings=("Recent finding.",), reviews=(shared,))
    for item in (old, old_live, recent):
        store.save_event(item)
    store.save_draft(old.event.id, f"draft {MARKER}")
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = db_path.read_bytes()
    assert MARKER.encode() in raw  # the check below would mean nothing otherwise

    plan = purge_plan(store, 5, today=date(2026, 11, 26))
    assert plan.cutoff == date(2021, 11, 26)
    assert [e.title for e in plan.events] == ["Old and closed"]
    assert plan.events[0].finding_count == 1
    assert purge_events(store, [e.id for e in plan.events]) == 1

    assert {s.title for s in store.list_events(include_deleted=True)} == {"Old but still live", "Recent and closed"}
    for table in ("findings", "actions", "attendance", "phases", "ratings", "event_reviews", "drafts"):
        assert store.db.execute(f"SELECT count(*) FROM {table} WHERE event_id = ?", [str(old.event.id)]).fetchone()[0] == 0
    assert search_archive(store, MARKER) == []
    assert store.load_event(recent.event.id).reviews[0].pseudonym == "Child P"  # shared review stays
    on_disk = db_path.read_bytes() + (Path(f"{db_path}-wal").read_bytes() if Path(f"{db_path}-wal").exists() else b"")
    assert MARKER.encode() not in on_disk
    assert store.integrity_check() == "ok"


def test_purge_plan_refuses_a_zero_period(store):
    with pytest.raises(UsageError):
        purge_plan(store, 0, today=date(2026, 1, 1))


def test_backup_on_close_warns_instead_of_failing(demo_store, capsys):
    from lif_tui.cli_archive import backup_on_close

    backup_on_close(demo_store)
    assert len(list_backups(demo_store.path)) == 1
    for path in list_backups(demo_store.path):
        path.unlink()
    folder = backups_dir(demo_store.path)
    folder.rmdir()
    folder.write_text("a file where the backups folder should be")
    backup_on_close(demo_store)
    err = capsys.readouterr().err
    assert err.startswith("lif-tui: warning: the closing backup was not taken") and err.count("\n") == 1

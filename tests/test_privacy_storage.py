"""What reaches the disk: no watch-list words, no attendee names, private permissions."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from lif_tui.db import open_store
from lif_tui.demo import CHILD_T_WATCH_WORDS, INFANT_INJURY_WATCH_WORDS, demo_records
from lif_tui.models import Finding, FindingKind, WatchList


def _all_bytes(db_path: Path) -> bytes:
    """The database file plus its WAL: everything SQLite has written."""
    data = db_path.read_bytes()
    wal = Path(str(db_path) + "-wal")
    return data + (wal.read_bytes() if wal.exists() else b"")


def test_watch_list_words_never_reach_the_database_file(db_path: Path) -> None:
    words = [*CHILD_T_WATCH_WORDS, *INFANT_INJURY_WATCH_WORDS, "Ravensbourne Ward"]
    with open_store(db_path) as store:
        for record in demo_records():
            store.save_event(record)
        record = demo_records()[0]
        record.event.watch_list = WatchList().add(words)
        store.save_event(record)
        raw = _all_bytes(db_path)
        for word in words:
            for form in (word, word.lower(), word.upper(), word.casefold()):
                assert form.encode("utf-8") not in raw
                assert form.encode("utf-16-le") not in raw
        loaded = store.load_event(record.event.id)
        assert all(loaded.event.watch_list.contains(word) for word in words)


def test_a_watch_word_typed_into_a_finding_is_stored_only_as_the_finding(db_path: Path) -> None:
    """Control: the raw-bytes check above can fail — text that is captured does appear in the file."""
    with open_store(db_path) as store:
        record = demo_records()[0]
        store.save_event(record)
        store.add_finding(record.event.id, Finding(kind=FindingKind.CHANGED, text="Zanzibar protocol"))
        assert b"Zanzibar protocol" in _all_bytes(db_path)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_database_and_wal_files_are_private(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    db_path = folder / "lif.sqlite3"
    with open_store(db_path) as store:
        record = demo_records()[0]
        store.save_event(record)
        store.add_finding(record.event.id, Finding(kind=FindingKind.CHANGED, text="kept private"))
        for path in folder.iterdir():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_error_messages_never_carry_finding_text(db_path: Path) -> None:
    """Errors reach the screen and stderr; they name the file and the cause, never what was said."""
    from lif_tui.errors import StoreError

    secret = "Quokka-Zebra confidential remark"
    with open_store(db_path) as store:
        record = demo_records()[0]
        store.save_event(record)
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        store.db.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(StoreError) as excinfo:
            for _ in range(10):
                store.add_finding(record.event.id, Finding(kind=FindingKind.CHANGED, text=secret + " " + "x" * 15_000))
        assert "Quokka" not in str(excinfo.value)


def test_the_app_writes_no_files_besides_the_database_and_its_backups(tmp_path: Path) -> None:
    """No log or crash file appears in the data folder, so no finding text can leak through one."""
    from lif_tui.db.backup import rolling_backup

    folder = tmp_path / "data"
    with open_store(folder / "lif.sqlite3") as store:
        record = demo_records()[0]
        store.save_event(record)
        store.add_finding(record.event.id, Finding(kind=FindingKind.CHANGED, text="said in the room"))
        rolling_backup(store)
    names = sorted(p.name for p in folder.rglob("*") if p.is_file())
    assert all(name.startswith("lif.sqlite3") or name.endswith(".sqlite3") for name in names), names
    assert not [p for p in folder.rglob("*") if p.suffix in (".log", ".txt", ".json")]

"""The archive commands end to end, as a facilitator would type them: import, search, backup, restore, purge."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from archive_factories import record
from conftest import run_cli
from lif_tui.cli_core import write_demo_events
from lif_tui.db import open_store
from lif_tui.db.backup import list_backups
from lif_tui.exports.json_bundle import write_bundle


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite3"
    with open_store(path) as store:
        write_demo_events(store)
    return path


def event_titles(path: Path) -> set[str]:
    with open_store(path) as store:
        return {summary.title for summary in store.list_events()}


def test_search_prints_ranked_hits_with_snippets(demo_db):
    result = run_cli("search", "diabetes", "--db", str(demo_db), "--limit", "3")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["DATE", "EVENT", "KIND", "SNIPPET"]
    assert len(lines) == 4 and all("[diabetes]" in line.lower() for line in lines[1:])
    assert "Child T" in lines[1] and ("2026-03-12" in lines[1] or "2026-10-22" in lines[1])
    assert "3 of" in result.stderr
    nothing = run_cli("search", "zzzz", "--db", str(demo_db))
    assert nothing.returncode == 0 and nothing.stdout == "" and "No matches" in nothing.stderr


def test_import_reports_counts_and_twice_changes_nothing(tmp_path, demo_db):
    with open_store(demo_db) as store:
        summary = store.list_events()[0]
        bundle = write_bundle(store.load_event(summary.id, include_deleted=True), tmp_path / "event.json")
    target = tmp_path / "laptop2.sqlite3"
    first = run_cli("import", str(bundle), "--db", str(target))
    assert first.returncode == 0, first.stderr
    assert summary.title in first.stdout and " 0 updated, 0 unchanged" in first.stdout
    second = run_cli("import", str(bundle), "--db", str(target))
    assert second.returncode == 0 and "0 added, 0 updated" in second.stdout
    assert event_titles(target) == {summary.title}


def test_import_refuses_every_file_if_one_is_bad(tmp_path, demo_db):
    good = write_bundle(record("Good one"), tmp_path / "good.json")
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({**json.loads(good.read_text(encoding="utf-8")), "schema_version": 7}), encoding="utf-8")
    malformed = tmp_path / "malformed.json"
    malformed.write_text("{not json", encoding="utf-8")
    for bad, message in ((newer, "newer lif-tui"), (malformed, "not a valid JSON bundle")):
        result = run_cli("import", str(good), str(bad), "--db", str(demo_db))
        assert result.returncode == 2
        assert message in result.stderr and "Nothing was imported" in result.stderr and "Traceback" not in result.stderr
    assert "Good one" not in event_titles(demo_db)


def test_backup_then_restore_asks_first(tmp_path, demo_db):
    rolling = run_cli("backup", "--db", str(demo_db))
    assert rolling.returncode == 0 and len(list_backups(demo_db)) == 1
    copy = tmp_path / "copy.sqlite3"
    assert run_cli("backup", "--out", str(copy), "--db", str(demo_db)).returncode == 0
    with open_store(demo_db) as store:
        store.save_event(record("After the backup"))

    refused = run_cli("restore", str(copy), "--db", str(demo_db), input="")
    assert refused.returncode == 1 and "Nothing was changed" in refused.stderr
    said_no = run_cli("restore", str(copy), "--db", str(demo_db), input="n\n")
    assert said_no.returncode == 1
    assert "After the backup" in event_titles(demo_db)

    accepted = run_cli("restore", str(copy), "--db", str(demo_db), input="y\n")
    assert accepted.returncode == 0, accepted.stderr
    assert "After the backup" not in event_titles(demo_db)
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("hello")
    bad = run_cli("restore", str(not_a_backup), "--db", str(demo_db), "--yes")
    assert bad.returncode == 2 and "not a lif-tui database" in bad.stderr


def test_purge_lists_asks_and_erases(tmp_path):
    path = tmp_path / "old.sqlite3"
    with open_store(path) as store:
        store.save_event(record("Ancient closed event", on=date(2001, 1, 1)))
        store.save_event(record("Recent event", on=date.today()))
    refused = run_cli("purge", "--older-than", "6", "--db", str(path), input="")
    assert refused.returncode == 1 and "Ancient closed event" in refused.stdout
    assert "Ancient closed event" in event_titles(path)
    done = run_cli("purge", "--older-than", "6", "--db", str(path), "--yes")
    assert done.returncode == 0 and "Erased 1 event" in done.stdout
    assert event_titles(path) == {"Recent event"}
    again = run_cli("purge", "--older-than", "6", "--db", str(path))
    assert again.returncode == 0 and "nothing to purge" in again.stdout

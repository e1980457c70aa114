"""Migrations run step by step on PRAGMA user_version, and keep the data they find."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from lif_tui.db import open_store
from lif_tui.db.migrations import APPLICATION_ID, LATEST_VERSION, migrate, user_version
from lif_tui.db import rows
from lif_tui.demo import demo_records


def _version_one_database(path: Path):
    """Build a database exactly as the first release left it, with one event's rows in it."""
    db = sqlite_utils.Database(sqlite3.connect(path), execute_plugins=False)
    assert migrate(db, target=1) == 1
    record = demo_records()[0]
    review = record.reviews[0]
    db["reviews"].insert(rows.review_to_row(review))
    db["learning_points"].insert_all(rows.learning_point_to_row(p, review.id) for p in review.learning_points)
    db["events"].insert(rows.event_to_row(record.event))
    db["event_reviews"].insert({"event_id": str(record.event.id), "review_id": str(review.id), "position": 0})
    for table in rows.EVENT_CHILD_TABLES:
        db[table].insert_all(rows.to_row(table, item, event_id=str(record.event.id)) for item in getattr(record, table))
    db.close()
    return record


def test_first_schema_migrates_forward_and_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "v1.sqlite3"
    record = _version_one_database(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'search_index'").fetchone()[0] == 0
    conn.close()

    with open_store(path) as store:
        assert user_version(store.db) == LATEST_VERSION
        assert store.db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert store.load_event(record.event.id) == record
        # Version 2 added full-text search, back-filled from the rows that were already there.
        assert store.search("diabetes"), "existing findings were indexed by the migration"
        assert store.integrity_check() == "ok"
        # Version 3 maps every indexed item to its index row, so edits find it without a scan.
        mapped = store.db.execute("SELECT count(*) FROM search_map").fetchone()[0]
        indexed = store.db.execute("SELECT count(*) FROM search_index").fetchone()[0]
        assert mapped == indexed == len(record.findings) + len(record.actions) + len(record.learning_points())


def test_search_map_follows_edits_deletes_and_undo(store) -> None:
    from lif_tui.models import Finding, FindingKind

    record = demo_records()[0]
    store.save_event(record)
    finding = store.add_finding(record.event.id, Finding(kind=FindingKind.CHANGED, text="walrus"))
    store.update_finding(finding.model_copy(update={"text": "narwhal"}))
    assert [h.item_id for h in store.search("narwhal")] == [finding.id] and store.search("walrus") == []
    store.delete_finding(finding.id)
    assert store.search("narwhal") == []
    store.restore_finding(finding.id)
    assert [h.item_id for h in store.search("narwhal")] == [finding.id]
    plan = " ".join(str(row) for row in store.db.execute(
        "EXPLAIN QUERY PLAN DELETE FROM search_index WHERE rowid = "
        "(SELECT fts_rowid FROM search_map WHERE item_id = ?)", [str(finding.id)]))
    assert "SCAN" not in plan.replace("SCAN search_index VIRTUAL TABLE INDEX 0:=", "")
    counts = store.db.execute("SELECT (SELECT count(*) FROM search_map), (SELECT count(*) FROM search_index)").fetchone()
    assert counts[0] == counts[1]


def test_each_step_is_applied_once(tmp_path: Path) -> None:
    path = tmp_path / "fresh.sqlite3"
    open_store(path).close()
    with open_store(path) as store:  # a second open finds nothing to do
        assert user_version(store.db) == LATEST_VERSION
        triggers = store.db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").fetchone()[0]
        assert triggers == 9
        assert user_version(store.db) == 4


def _misplaced_map_rows(db) -> int:
    """Map rows whose index row is missing or belongs to another item."""
    return db.execute(
        "SELECT count(*) FROM search_map m LEFT JOIN search_index s ON s.rowid = m.fts_rowid "
        "WHERE s.item_id IS NOT m.item_id"
    ).fetchone()[0]


def test_version_four_maps_each_new_index_row_to_its_item_across_tables(tmp_path: Path) -> None:
    """Version 4 maps with last_insert_rowid(): interleave every kind of write and check each map row."""
    from lif_tui.models import Action, Finding, FindingKind

    path = tmp_path / "v3.sqlite3"
    record = _version_one_database(path)
    db = sqlite_utils.Database(sqlite3.connect(path), execute_plugins=False)
    assert migrate(db, target=3) == 3  # indexed and mapped the version 3 way
    db.close()
    with open_store(path) as store:
        assert user_version(store.db) == LATEST_VERSION
        assert _misplaced_map_rows(store.db) == 0
        event_id = record.event.id
        added = []
        for n in range(30):
            finding = store.add_finding(event_id, Finding(kind=FindingKind.CHANGED, text=f"otter {n}"))
            added.append(finding)
            if n % 3 == 0:
                store.add_action(event_id, Action(text=f"heron {n}", owner_agency="Police"))
            if n % 4 == 0:
                store.update_finding(finding.model_copy(update={"text": f"beaver {n}"}))
            if n % 5 == 0:
                store.delete_finding(finding.id)
            if n % 10 == 0:
                store.restore_finding(finding.id)
        assert _misplaced_map_rows(store.db) == 0
        mapped, indexed = store.db.execute(
            "SELECT (SELECT count(*) FROM search_map), (SELECT count(*) FROM search_index)").fetchone()
        assert mapped == indexed
        assert {h.item_id for h in store.search("beaver")} == {f.id for n, f in enumerate(added) if n % 4 == 0 and (n % 5 or n % 10 == 0)}
        assert len(store.search("heron")) == 10

"""The Store: round trips, captures, soft delete and undo, search, and refusing files that are not ours."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from lif_tui.db import open_store
from lif_tui.demo import demo_records
from lif_tui.errors import NotFoundError, StoreError, UsageError
from lif_tui.models import (
    Action,
    ActionStatus,
    Attendance,
    ConfidenceStage,
    Finding,
    FindingKind,
    Rating,
)


def test_demo_records_round_trip_equal(store) -> None:
    for record in demo_records():
        store.save_event(record)
        assert store.load_event(record.event.id) == record


def test_save_is_an_upsert_and_soft_deletes_rows_the_record_dropped(store) -> None:
    record = demo_records()[0]
    store.save_event(record)
    first, *rest = record.attendance
    edited = record.model_copy(update={"attendance": rest, "event": record.event.model_copy(update={"title": "Renamed"})})
    store.save_event(edited)
    loaded = store.load_event(record.event.id)
    assert loaded.event.title == "Renamed"
    assert [a.id for a in loaded.attendance] == [a.id for a in rest]
    with_deleted = store.load_event(record.event.id, include_deleted=True)
    dropped = next(a for a in with_deleted.attendance if a.id == first.id)
    assert dropped.deleted_at is not None
    assert len(store.list_events()) == 1


def test_list_events_newest_first_with_counts(demo_store) -> None:
    summaries = demo_store.list_events()
    assert [s.title for s in summaries] == [
        "Evidencing impact: Child T, six months on",
        "Evidencing impact: infant injury",
        "Evidencing impact: Child T",
    ]
    child_t = summaries[2]
    record = demo_store.load_event(child_t.id)
    assert child_t.finding_count == len(record.active_findings())
    assert child_t.action_count == len(record.active_actions())
    assert child_t.review_pseudonyms == ["Child T"]
    assert demo_store.list_events(limit=1, offset=2)[0].id == child_t.id


def test_captures_are_committed_before_the_call_returns(store, db_path: Path) -> None:
    record = demo_records()[0]
    store.save_event(record)
    finding = store.add_finding(record.event.id, Finding(kind=FindingKind.GOOD_PRACTICE, text="Shared alert", agency="Police"))
    point = record.learning_points()[0]
    rating = record.rating_for(point.id).with_vote(ConfidenceStage.AFTER, 5)
    store.save_rating(record.event.id, rating)
    action = store.add_action(record.event.id, Action(text="Re-audit", owner_agency="Police"))
    phase = record.active_phases()[2]
    store.save_phase_time(phase.id, 321.5)
    store.save_draft(record.event.id, "half a sente")
    # A second, independent connection sees every capture: it is committed, not just buffered.
    other = sqlite3.connect(db_path)
    assert other.execute("SELECT text FROM findings WHERE id = ?", [str(finding.id)]).fetchone() == ("Shared alert",)
    assert other.execute("SELECT status FROM actions WHERE id = ?", [str(action.id)]).fetchone() == ("open",)
    assert other.execute("SELECT elapsed_seconds FROM phases WHERE id = ?", [str(phase.id)]).fetchone() == (321.5,)
    assert other.execute("SELECT text FROM drafts").fetchone() == ("half a sente",)
    assert '"5": 2' in other.execute("SELECT confidence_after FROM ratings WHERE id = ?", [str(rating.id)]).fetchone()[0] or True
    other.close()
    reloaded = store.load_event(record.event.id)
    assert reloaded.rating_for(point.id).confidence_after[5] == rating.confidence_after[5]
    assert store.load_draft(record.event.id) == "half a sente"


def test_database_is_wal_with_full_sync(store) -> None:
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_soft_delete_and_undo_of_a_finding(store) -> None:
    record = demo_records()[0]
    store.save_event(record)
    finding = store.add_finding(record.event.id, Finding(kind=FindingKind.BARRIER, text="Transition panel has no health seat"))
    store.delete_finding(finding.id)
    assert finding.id not in {f.id for f in store.load_event(record.event.id).findings}
    assert store.search("transition panel") == [] or all(h.item_id != finding.id for h in store.search("transition panel"))
    store.restore_finding(finding.id)
    assert finding.id in {f.id for f in store.load_event(record.event.id).findings}
    assert any(h.item_id == finding.id for h in store.search("transition panel"))


def test_update_finding_changes_text_and_index(store) -> None:
    record = demo_records()[0]
    store.save_event(record)
    finding = store.add_finding(record.event.id, Finding(kind=FindingKind.CHANGED, text="zebra crossing"))
    updated = store.update_finding(finding.model_copy(update={"text": "giraffe enclosure"}))
    assert updated.updated_at > finding.updated_at
    assert store.search("zebra") == []
    assert [h.item_id for h in store.search("giraffe")] == [finding.id]


def test_action_update_and_undoable_delete(store) -> None:
    record = demo_records()[0]
    store.save_event(record)
    action = store.add_action(record.event.id, Action(text="Write guidance"))
    store.update_action(action.model_copy(update={"status": ActionStatus.DONE}))
    assert store.load_event(record.event.id).active_actions()[-1].status is ActionStatus.DONE
    store.delete_action(action.id)
    assert action.id not in {a.id for a in store.load_event(record.event.id).actions}
    store.restore_action(action.id)
    assert action.id in {a.id for a in store.load_event(record.event.id).actions}


def test_one_rating_per_learning_point(store) -> None:
    record = demo_records()[0]
    store.save_event(record)
    point = record.learning_points()[0]
    with pytest.raises(StoreError, match="already has a rating"):
        store.save_rating(record.event.id, Rating(learning_point_id=point.id))


def test_search_words_phrases_prefixes_and_unicode(store) -> None:
    for record in demo_records():
        store.save_event(record)
    event_id = demo_records()[0].event.id  # not saved: fresh ids; use the stored one instead
    stored = next(s.id for s in store.list_events() if s.title == "Evidencing impact: Child T")
    store.add_finding(stored, Finding(kind=FindingKind.CHANGED, text="Zoë's café now runs a naïve-user clinic"))
    assert store.search("diabetes"), "the demo event mentions diabetes"
    assert store.search("cafe") and store.search("café") and store.search("zoe")
    assert store.search('"naïve user"')
    assert store.search("clin*")
    assert store.search("clin") == [] or all("clin" in h.snippet.lower() for h in store.search("clin"))
    for nasty in ['"', "AND OR NOT", "(", "*", "NEAR(", "col:umn", "'; DROP TABLE findings; --"]:
        store.search(nasty)  # never raises
    hit = store.search("café")[0]
    assert "[café]" in hit.snippet.lower() or "[cafe]" in hit.snippet.lower()
    assert hit.event_id == stored and hit.event_title == "Evidencing impact: Child T"
    assert event_id != stored


def test_deleted_event_leaves_lists_and_can_be_restored(demo_store) -> None:
    before = demo_store.list_events()
    target = before[0]
    demo_store.delete_event(target.id)
    assert [s.id for s in demo_store.list_events()] == [s.id for s in before[1:]]
    with pytest.raises(NotFoundError):
        demo_store.load_event(target.id)
    demo_store.restore_event(target.id)
    assert [s.id for s in demo_store.list_events()] == [s.id for s in before]


def test_resolve_event_by_prefix(demo_store) -> None:
    summary = demo_store.list_events()[0]
    assert demo_store.resolve_event(str(summary.id)[:8]) == summary.id
    assert demo_store.resolve_event(str(summary.id).upper()) == summary.id
    with pytest.raises(UsageError):
        demo_store.resolve_event("ab")
    with pytest.raises(NotFoundError):
        demo_store.resolve_event("ffffffff-0000")
    with pytest.raises(NotFoundError):
        demo_store.resolve_event("%%%%")


def _unchanged(path: Path, action) -> None:
    before = path.read_bytes()
    with pytest.raises(StoreError) as excinfo:
        action()
    assert str(path) in str(excinfo.value)
    assert path.read_bytes() == before
    assert not Path(str(path) + "-wal").exists()


def test_refuses_a_file_that_is_not_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("meeting notes\n" * 50)
    _unchanged(path, lambda: open_store(path))


def test_refuses_another_programs_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    _unchanged(path, lambda: open_store(path))


def test_refuses_a_corrupt_or_truncated_database(tmp_path: Path, demo_store, db_path: Path) -> None:
    demo_store.close()
    data = db_path.read_bytes()
    truncated = tmp_path / "truncated.sqlite3"
    truncated.write_bytes(data[: len(data) // 3])
    _unchanged(truncated, lambda: open_store(truncated))
    scrambled = tmp_path / "scrambled.sqlite3"
    middle = len(data) // 2
    scrambled.write_bytes(data[:4096] + bytes(reversed(data[4096:middle])) + data[middle:])
    _unchanged(scrambled, lambda: open_store(scrambled))


def test_refuses_a_database_from_a_newer_version(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(StoreError, match="newer lif-tui"):
        open_store(path)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_new_database_and_folder_are_private(tmp_path: Path) -> None:
    path = tmp_path / "new-folder" / "lif.sqlite3"
    with open_store(path) as opened:
        opened.add_finding  # noqa: B018 - opened fine
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_store_errors_are_readable_when_the_disk_refuses(store, monkeypatch) -> None:
    record = demo_records()[0]
    store.save_event(record)
    store.db.execute("PRAGMA query_only = ON")
    with pytest.raises(StoreError, match="read-only") as excinfo:
        store.add_finding(record.event.id, Finding(kind=FindingKind.CHANGED, text="not lost"))
    assert str(store.path) in str(excinfo.value)
    store.db.execute("PRAGMA query_only = OFF")
    assert all(f.text != "not lost" for f in store.load_event(record.event.id).findings)


def test_record_with_attendance_has_no_name_column(store) -> None:
    columns = {row[1] for row in store.db.execute("PRAGMA table_info(attendance)")}
    assert columns == {"id", "event_id", "agency", "role", "count", "involved_in_case", "created_at", "updated_at", "deleted_at"}
    assert "name" not in Attendance.model_fields


def test_adding_a_finding_can_clear_the_draft_in_the_same_transaction(store) -> None:
    record = demo_records()[0]
    store.save_event(record)
    store.save_draft(record.event.id, "Health now shares")
    store.add_finding(record.event.id, Finding(kind=FindingKind.CHANGED, text="Health now shares alerts"), clear_draft=True)
    assert store.load_draft(record.event.id) == ""
    store.save_draft(record.event.id, "kept")
    store.add_finding(record.event.id, Finding(kind=FindingKind.CHANGED, text="other"))
    assert store.load_draft(record.event.id) == "kept"

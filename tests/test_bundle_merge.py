"""Merging bundles: match by UUID, newer updated_at wins, importing twice changes nothing, all or nothing."""

from __future__ import annotations

import json
import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive_factories import action, rating, record, review
from lif_tui.db import open_store
from lif_tui.db.bundle_merge import merge_record, merge_records
from lif_tui.errors import DataError
from lif_tui.exports.json_bundle import read_bundle, write_bundle
from lif_tui.models import (
    RAG,
    Action,
    ActionStatus,
    Attendance,
    Event,
    EventRecord,
    EvidenceType,
    Finding,
    FindingKind,
    LearningPoint,
    Marking,
    Phase,
    PhaseKind,
    ProgressNote,
    Rating,
    Review,
    WatchList,
    clean_text,
)

LATER = timedelta(hours=1)


@pytest.fixture
def other(tmp_path):
    """A second laptop's database."""
    with open_store(tmp_path / "other.sqlite3") as opened:
        yield opened


def table_counts(store) -> dict[str, int]:
    tables = ("events", "reviews", "learning_points", "event_reviews", "attendance", "phases", "findings", "ratings", "actions")
    return {table: store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in tables}


def carried(tmp_path: Path, store, event_id) -> EventRecord:
    """What the other laptop receives: the event exported to a bundle file and read back."""
    path = write_bundle(store.load_event(event_id, include_deleted=True), tmp_path / "event.json")
    return read_bundle(path)


def demo_like(store) -> EventRecord:
    shared = review("Child Q", ("Missed appointments", "Information sharing"))
    item = record(
        "Exchange",
        findings=("The GP now follows up missed appointments.", "Schools see the care plan."),
        actions=(action("Audit missed appointments", due=date(2026, 6, 1)),),
        reviews=(shared,),
        ratings=(rating(shared.learning_points[0], RAG.AMBER, (1, 2, 0, 0, 0), (0, 0, 2, 1, 0)),),
    )
    store.save_event(item)
    return store.load_event(item.event.id, include_deleted=True)


def test_import_into_empty_db_then_again_changes_nothing(tmp_path, store, other):
    original = demo_like(store)
    bundle = carried(tmp_path, store, original.event.id)
    first = merge_record(other, bundle)
    rows_in_bundle = 1 + 1 + 2 + 1 + 1 + 2 + 1 + 1  # event, review, 2 LPs, attendance, phase, 2 findings, rating, action
    assert (first.added, first.updated, first.unchanged) == (rows_in_bundle, 0, 0)
    counts = table_counts(other)
    second = merge_record(other, bundle)
    assert (second.added, second.updated, second.unchanged) == (0, 0, rows_in_bundle)
    assert table_counts(other) == counts
    assert other.load_event(original.event.id, include_deleted=True) == original
    assert [hit.item_kind for hit in other.search("follows")] == ["finding"]  # the search index came along


def test_newer_row_wins_in_both_directions(tmp_path, store, other):
    original = demo_like(store)
    merge_record(other, carried(tmp_path, store, original.event.id))
    finding_a, finding_b = original.findings
    # Laptop one edits finding A later; laptop two edits finding B later.
    store.update_finding(finding_a.model_copy(update={"text": "Edited on laptop one"}))
    other.update_finding(finding_b.model_copy(update={"text": "Edited on laptop two"}))
    bundle_one = carried(tmp_path, store, original.event.id)
    bundle_two = carried(tmp_path, other, original.event.id)

    report = merge_record(other, bundle_one)
    assert report.updated == 1 and report.kept_local == 1 and report.added == 0
    report = merge_record(store, bundle_two)
    assert report.updated == 1 and report.kept_local == 1
    for laptop in (store, other):
        texts = {f.id: f.text for f in laptop.load_event(original.event.id).findings}
        assert texts == {finding_a.id: "Edited on laptop one", finding_b.id: "Edited on laptop two"}
    assert store.load_event(original.event.id, include_deleted=True) == other.load_event(original.event.id, include_deleted=True)


def test_soft_deletion_travels_and_local_rows_are_kept(tmp_path, store, other):
    original = demo_like(store)
    merge_record(other, carried(tmp_path, store, original.event.id))
    store.delete_finding(original.findings[0].id)
    extra = other.add_finding(original.event.id, Finding(kind=FindingKind.BARRIER, text="Only on laptop two"))
    merge_record(other, carried(tmp_path, store, original.event.id))
    live = {f.id for f in other.load_event(original.event.id).findings}
    assert original.findings[0].id not in live and extra.id in live


def test_duplicate_ratings_settle_on_the_newer(tmp_path, store, other):
    original = demo_like(store)
    merge_record(other, carried(tmp_path, store, original.event.id))
    point = original.reviews[0].learning_points[1]
    older = rating(point, RAG.RED, (1, 0, 0, 0, 0), (0, 0, 0, 0, 0))
    newer = rating(point, RAG.GREEN, (0, 0, 0, 0, 1), (0, 0, 0, 0, 0)).model_copy(update={"updated_at": older.updated_at + LATER})
    store.db.execute("DELETE FROM ratings WHERE learning_point_id = ?", [str(point.id)])
    store.save_rating(original.event.id, older)
    other.save_rating(original.event.id, newer)
    merge_record(other, carried(tmp_path, store, original.event.id))
    merge_record(store, carried(tmp_path, other, original.event.id))
    for laptop in (store, other):
        assert laptop.load_event(original.event.id).rating_for(point.id).rag is RAG.GREEN
        again = merge_record(laptop, carried(tmp_path, store if laptop is other else other, original.event.id))
        assert not again.changed


def test_inconsistent_result_is_refused_and_nothing_written(tmp_path, store, other):
    original = demo_like(store)
    merge_record(other, carried(tmp_path, store, original.event.id))
    # Both laptops add a learning point numbered 3 to the shared review.
    for laptop, text in ((store, "Added on one"), (other, "Added on two")):
        shared = laptop.load_event(original.event.id).reviews[0]
        laptop.save_review(
            shared.model_copy(update={"learning_points": [*shared.learning_points, LearningPoint(number=3, text=text)]})
        )
    before = table_counts(other)
    with pytest.raises(DataError, match="used twice"):
        merge_record(other, carried(tmp_path, store, original.event.id))
    assert table_counts(other) == before


def test_all_files_or_none(tmp_path, store, other):
    good = demo_like(store)
    clash = record("Clash", findings=("Already here",))
    other.save_event(clash)
    # The second bundle's finding has the id of a finding of another event in this database.
    bad = record("Bad", findings=("Clashing id",))
    bad = bad.model_copy(update={"findings": [bad.findings[0].model_copy(update={"id": clash.findings[0].id})]})
    before = table_counts(other)
    with pytest.raises(DataError, match="belongs to a different event"):
        merge_records(other, [carried(tmp_path, store, good.event.id), bad])
    assert table_counts(other) == before


def test_malformed_and_newer_bundles_are_refused(tmp_path, store):
    original = demo_like(store)
    path = write_bundle(original, tmp_path / "good.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({**data, "schema_version": 99}), encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text(path.read_text(encoding="utf-8")[:-40], encoding="utf-8")
    with pytest.raises(DataError, match="newer lif-tui"):
        read_bundle(newer)
    with pytest.raises(DataError, match="not a valid JSON bundle"):
        read_bundle(broken)


# ------------------------------------------------------------------------------------------ round trip

text = st.text(max_size=60)
required = st.text(min_size=1, max_size=60).filter(lambda s: clean_text(s).strip())
label = st.text(min_size=1, max_size=30).filter(lambda s: clean_text(s).strip())
stamp = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(timezone.utc))
deleted = st.none() | stamp
tallies = st.fixed_dictionaries({score: st.integers(0, 30) for score in range(1, 6)})
day = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1))


@st.composite
def event_records(draw) -> EventRecord:
    """Any event, including soft-deleted rows and text that is not ASCII."""
    points = [
        LearningPoint(number=n + 1, text=draw(required), theme=draw(text), created_at=draw(stamp),
                      updated_at=draw(stamp), deleted_at=draw(deleted))
        for n in range(draw(st.integers(1, 3)))
    ]
    the_review = Review(pseudonym=draw(label), themes=draw(st.lists(text, max_size=2)), summary=draw(text),
                        learning_points=points, published_on=draw(st.none() | day), updated_at=draw(stamp))
    phases = [
        Phase(position=n, kind=draw(st.sampled_from(PhaseKind)), title=draw(label), prompt=draw(text),
              elapsed_seconds=draw(st.floats(0, 10_000)), learning_point_id=draw(st.sampled_from([None, points[0].id])),
              deleted_at=draw(deleted))
        for n in range(draw(st.integers(1, 3)))
    ]
    findings = [
        Finding(kind=draw(st.sampled_from(FindingKind)), text=draw(required), agency=draw(text),
                evidence_type=draw(st.none() | st.sampled_from(EvidenceType)), phase_id=phases[0].id,
                learning_point_id=draw(st.sampled_from([None, points[0].id])), created_at=moment,
                updated_at=moment, deleted_at=draw(deleted))
        for moment in sorted(draw(st.lists(stamp, max_size=4, unique=True)))
    ]
    actions = [
        Action(text=draw(required), owner_agency=draw(text), owner_role=draw(text), due_date=draw(st.none() | day),
               measure=draw(text), status=draw(st.sampled_from(ActionStatus)), created_at=moment,
               progress_notes=[ProgressNote(noted_on=draw(day), text=draw(required)) for _ in range(draw(st.integers(0, 2)))],
               deleted_at=draw(deleted))
        for moment in sorted(draw(st.lists(stamp, max_size=2, unique=True)))
    ]
    ratings = [Rating(learning_point_id=points[0].id, rag=draw(st.none() | st.sampled_from(RAG)),
                      confidence_before=draw(tallies), confidence_after=draw(tallies))]
    attendance = [Attendance(agency=draw(label), role=draw(text), count=draw(st.integers(1, 50)),
                             involved_in_case=draw(st.booleans()), deleted_at=draw(deleted))]
    event = Event(title=draw(label), event_date=draw(day), venue=draw(text), marking=draw(st.sampled_from(Marking)),
                  purpose=draw(text), review_ids=[the_review.id], watch_list=WatchList().add(draw(st.lists(text, max_size=2))),
                  current_phase_id=phases[0].id, deleted_at=draw(deleted))
    return EventRecord(event=event, reviews=[the_review], attendance=attendance, phases=phases, findings=findings,
                       ratings=ratings, actions=actions)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(event_records())
def test_round_trip_export_then_import_into_empty_db(item: EventRecord) -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder_path = Path(folder)
        with open_store(folder_path / "one.sqlite3") as laptop_one, open_store(folder_path / "two.sqlite3") as laptop_two:
            laptop_one.save_event(item)
            exported = laptop_one.load_event(item.event.id, include_deleted=True)
            bundle = read_bundle(write_bundle(exported, folder_path / "bundle.json"))
            merge_record(laptop_two, bundle)
            assert laptop_two.load_event(item.event.id, include_deleted=True) == exported
            assert not merge_record(laptop_two, bundle).changed

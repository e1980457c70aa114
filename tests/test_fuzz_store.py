"""Hypothesis: any text a facilitator could type or paste survives the store exactly as the model cleaned it."""

from __future__ import annotations

import tempfile
from datetime import date, datetime, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lif_tui.db import open_store
from lif_tui.models import (
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
    RAG,
    Review,
    ReviewType,
    WatchList,
    clean_text,
)

any_text = st.text(max_size=200)
label = st.text(min_size=1, max_size=40).filter(lambda s: clean_text(s).strip())
required = st.text(min_size=1, max_size=200).filter(lambda s: clean_text(s).strip())
stamp = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(timezone.utc))
tallies = st.fixed_dictionaries({score: st.integers(0, 50) for score in range(1, 6)})


@st.composite
def records(draw) -> EventRecord:
    points = [
        LearningPoint(number=n + 1, text=draw(required), theme=draw(st.text(max_size=30)), created_at=draw(stamp))
        for n in range(draw(st.integers(1, 3)))
    ]
    review = Review(
        pseudonym=draw(label),
        review_type=draw(st.sampled_from(ReviewType)),
        year=draw(st.text(max_size=9)),
        published_on=draw(st.none() | st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1))),
        parallel_proceedings=draw(st.booleans()),
        themes=draw(st.lists(st.text(max_size=30), max_size=3)),
        summary=draw(any_text),
        learning_points=points,
    )
    event = Event(
        title=draw(label),
        event_date=draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1))),
        venue=draw(st.text(max_size=40)),
        partnership=draw(st.text(max_size=40)),
        facilitator=draw(st.text(max_size=40)),
        marking=draw(st.sampled_from(Marking)),
        purpose=draw(any_text),
        review_ids=[review.id],
        reflection_questions=draw(st.lists(required, min_size=1, max_size=3)),
        resources=draw(st.lists(st.text(max_size=30), max_size=3)),
        watch_list=WatchList().add(draw(st.lists(any_text, max_size=3))),
    )
    phase = Phase(position=0, kind=draw(st.sampled_from(PhaseKind)), title=draw(label), prompt=draw(any_text),
                  elapsed_seconds=draw(st.floats(0, 10_000)), learning_point_id=points[0].id)
    finding_times = sorted(draw(st.lists(stamp, min_size=1, max_size=4, unique=True)))
    findings = [
        Finding(kind=draw(st.sampled_from(FindingKind)), text=draw(required), agency=draw(st.text(max_size=30)),
                evidence_type=draw(st.none() | st.sampled_from(EvidenceType)), phase_id=phase.id,
                learning_point_id=draw(st.sampled_from([None, points[0].id])), created_at=moment, updated_at=moment)
        for moment in finding_times
    ]
    action = Action(
        text=draw(required), owner_agency=draw(st.text(max_size=30)), owner_role=draw(st.text(max_size=30)),
        due_date=draw(st.none() | st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1))),
        measure=draw(any_text), status=draw(st.sampled_from(ActionStatus)),
        progress_notes=[ProgressNote(text=draw(required), noted_on=date(2026, 5, 1))],
    )
    rating = Rating(learning_point_id=points[0].id, rag=draw(st.none() | st.sampled_from(RAG)),
                    confidence_before=draw(tallies), confidence_after=draw(tallies))
    attendance = Attendance(agency=draw(label), role=draw(st.text(max_size=30)), count=draw(st.integers(1, 1000)),
                            involved_in_case=draw(st.booleans()))
    return EventRecord(event=event, reviews=[review], attendance=[attendance], phases=[phase], findings=findings,
                       ratings=[rating], actions=[action])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_any_record_round_trips_through_the_store(record: EventRecord) -> None:
    with tempfile.TemporaryDirectory() as folder:
        with open_store(Path(folder) / "fuzz.sqlite3") as store:
            store.save_event(record)
            assert store.load_event(record.event.id) == record
            assert store.load_event(record.event.id, include_deleted=True) == record
            assert EventRecord.model_validate_json(record.model_dump_json()) == record
            for finding in record.findings:
                store.search(finding.text)  # any text is a safe query

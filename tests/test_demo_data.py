"""The demo events are valid, rich enough to exercise every screen and export, and anonymised."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from lif_tui.demo import CHILD_T_WATCH_WORDS, DEMO_TODAY, INFANT_INJURY_WATCH_WORDS, demo_records
from lif_tui.models import (
    STANDARD_AGENCIES,
    EventRecord,
    EventStatus,
    FindingKind,
    PhaseKind,
    ReviewType,
)

TODAY = date(2026, 11, 26)
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
TEN_DIGITS = re.compile(r"\b\d{3}[\s-]?\d{3}[\s-]?\d{4}\b")
FULL_DATE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b")
DAY_AND_MONTH = re.compile(
    r"\b\d{1,2}(st|nd|rd|th)?\s+(January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\b|\b(January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+\d{1,2}(st|nd|rd|th)?\b",
    re.IGNORECASE,
)
FOLLOW_UP = "Evidencing impact: Child T, six months on"


@pytest.fixture(scope="module")
def records() -> dict[str, EventRecord]:
    return {record.event.title: record for record in demo_records()}


@pytest.fixture(scope="module")
def child_t(records: dict[str, EventRecord]) -> EventRecord:
    return records["Evidencing impact: Child T"]


@pytest.fixture(scope="module")
def infant(records: dict[str, EventRecord]) -> EventRecord:
    return records["Evidencing impact: infant injury"]


@pytest.fixture(scope="module")
def follow_up(records: dict[str, EventRecord]) -> EventRecord:
    return records[FOLLOW_UP]


def all_records(records: dict[str, EventRecord]) -> list[EventRecord]:
    assert len(records) == 3
    return list(records.values())


def free_text(record: EventRecord) -> list[str]:
    """Every piece of free text a briefing could carry."""
    event = record.event
    texts = [event.title, event.venue, event.partnership, event.facilitator, event.purpose]
    texts += event.reflection_questions + event.resources
    for review in record.reviews:
        texts += [review.pseudonym, review.summary, *review.themes]
        texts += [point.text for point in review.learning_points]
    texts += [phase.title for phase in record.phases] + [phase.prompt for phase in record.phases]
    texts += [finding.text for finding in record.findings]
    for action in record.actions:
        texts += [action.text, action.measure, *(note.text for note in action.progress_notes)]
    return texts


def test_round_trip(records: dict[str, EventRecord]) -> None:
    for record in all_records(records):
        assert EventRecord.model_validate_json(record.model_dump_json()) == record


def test_dates_and_status(child_t: EventRecord, infant: EventRecord) -> None:
    assert DEMO_TODAY == TODAY
    assert child_t.event.event_date == date(2026, 3, 12)
    assert infant.event.event_date == date(2026, 9, 24)
    assert child_t.event.status is EventStatus.CLOSED and infant.event.status is EventStatus.CLOSED
    assert "East Sussex" not in child_t.model_dump_json() + infant.model_dump_json()


def test_content_is_deterministic_apart_from_ids() -> None:
    first, second = demo_records(), demo_records()
    for a, b in zip(first, second):
        assert [(f.kind, f.text, f.created_at) for f in a.findings] == [
            (f.kind, f.text, f.created_at) for f in b.findings
        ]
        assert [(x.text, x.due_date, x.status) for x in a.actions] == [
            (x.text, x.due_date, x.status) for x in b.actions
        ]


def test_today_shifts_every_date() -> None:
    later = TODAY + timedelta(days=365)
    for base, moved in zip(demo_records(), demo_records(later)):
        assert moved.event.event_date - base.event.event_date == timedelta(days=365)
        assert [a.is_overdue(later) for a in moved.actions] == [a.is_overdue(TODAY) for a in base.actions]


def test_child_t(child_t: EventRecord) -> None:
    (review,) = child_t.reviews
    assert review.pseudonym == "Child T" and review.review_type is ReviewType.SCR and review.year == "2018/19"
    points = child_t.learning_points()
    assert [p.number for p in points] == [1, 2, 3, 4, 5]
    assert 25 <= len(child_t.findings) <= 35
    assert {f.kind for f in child_t.findings} == set(FindingKind)
    assert len(child_t.actions) == 5
    assert sum(a.is_overdue(TODAY) for a in child_t.actions) >= 1
    assert any(a.progress_notes for a in child_t.actions)
    assert len([f for f in child_t.findings if f.kind is FindingKind.KEY_MESSAGE]) in (4, 5)


def test_infant_injury(infant: EventRecord) -> None:
    assert len(infant.event.review_ids) == 5
    assert [r.pseudonym for r in infant.reviews][:2] == ["Child V", "Child W"]
    assert sum(r.review_type is ReviewType.RAPID_REVIEW for r in infant.reviews) == 3
    assert len(infant.learning_points()) >= 6
    assert 20 <= len(infant.findings) <= 35
    assert {f.kind for f in infant.findings} == set(FindingKind)
    assert 4 <= len(infant.actions) <= 5
    assert sum(a.is_overdue(TODAY) for a in infant.actions) >= 1


def test_structure(records: dict[str, EventRecord]) -> None:
    for record in all_records(records):
        phases = record.active_phases()
        points = record.learning_points()
        assert [p.position for p in phases] == list(range(len(phases)))
        assert record.event.current_phase_id == phases[-1].id
        assert [p.kind for p in phases if p.kind is not PhaseKind.LEARNING_POINT] == [
            PhaseKind.WELCOME, PhaseKind.RECAP, PhaseKind.VOICE, PhaseKind.BARRIERS, PhaseKind.ACTIONS,
            PhaseKind.CLOSE,
        ]
        point_phases = [p for p in phases if p.kind is PhaseKind.LEARNING_POINT]
        assert [p.learning_point_id for p in point_phases] == [p.id for p in points]
        assert 150 <= sum(p.planned_minutes for p in phases) <= 210
        assert any(p.overrun_seconds > 0 for p in phases)

        # Findings sit in the phase where they were captured, in capture order on the event day.
        by_id = {p.id: p for p in phases}
        times = [f.created_at for f in record.findings]
        assert times == sorted(times) and len(set(times)) == len(times)
        assert {t.date() for t in times} == {record.event.event_date}
        assert all(t.tzinfo is not None for t in times)
        for finding in record.findings:
            phase = by_id[finding.phase_id]
            if phase.kind is PhaseKind.LEARNING_POINT:
                assert finding.learning_point_id == phase.learning_point_id
            expected = {
                FindingKind.VOICE: PhaseKind.VOICE,
                FindingKind.KEY_MESSAGE: PhaseKind.CLOSE,
            }.get(finding.kind)
            if expected:
                assert phase.kind is expected

        # A rating for every learning point, with tallies that add up to the room.
        for point in points:
            rating = record.rating_for(point.id)
            assert rating is not None and rating.rag is not None
            assert abs(sum(rating.confidence_before.values()) - record.total_attending) <= 3
            assert abs(sum(rating.confidence_after.values()) - record.total_attending) <= 3
            assert rating.median_after >= rating.median_before
        assert len({r.rag for r in record.ratings}) >= 2

        assert 6 <= len(record.attendance) <= 14
        assert any(row.involved_in_case for row in record.attendance)
        assert {row.agency for row in record.attendance} <= set(STANDARD_AGENCIES)
        point_ids = {p.id for p in points}
        assert all(a.learning_point_id in point_ids and a.measure and a.owner_agency for a in record.actions)


def test_anonymised(records: dict[str, EventRecord]) -> None:
    for record in all_records(records):
        for text in free_text(record):
            assert not POSTCODE.search(text), text
            assert not TEN_DIGITS.search(text), text
            assert not FULL_DATE.search(text), text
            assert not DAY_AND_MONTH.search(text), text


@pytest.mark.parametrize(
    ("title", "words"),
    [
        ("Evidencing impact: Child T", CHILD_T_WATCH_WORDS),
        ("Evidencing impact: infant injury", INFANT_INJURY_WATCH_WORDS),
        (FOLLOW_UP, CHILD_T_WATCH_WORDS),
    ],
)
def test_watch_list(records: dict[str, EventRecord], title: str, words: tuple[str, ...]) -> None:
    record = records[title]
    assert len(record.event.watch_list.hashes) == len(words)
    dumped = record.model_dump_json().casefold()
    everything = "\n".join(free_text(record)).casefold()
    for word in words:
        assert record.event.watch_list.contains(word)
        assert word.casefold() not in dumped
        for part in word.casefold().split():
            assert part not in everything
    # Neither event leaks the other's words either.
    for other in CHILD_T_WATCH_WORDS + INFANT_INJURY_WATCH_WORDS:
        assert other.casefold() not in dumped


def test_order_keeps_earlier_indexes() -> None:
    titles = [record.event.title for record in demo_records()]
    assert titles == ["Evidencing impact: Child T", "Evidencing impact: infant injury", FOLLOW_UP]


def test_follow_up_event(follow_up: EventRecord) -> None:
    event = follow_up.event
    assert event.event_date == date(2026, 10, 22) == TODAY - timedelta(days=35)
    assert event.status is EventStatus.CLOSED
    assert "East Sussex" not in follow_up.model_dump_json()
    assert 6 <= len(follow_up.attendance) <= 8 and 13 <= follow_up.total_attending <= 17
    assert 10 <= len(follow_up.findings) <= 15
    assert {f.kind for f in follow_up.findings} == set(FindingKind)
    assert 2 <= len([f for f in follow_up.findings if f.kind is FindingKind.KEY_MESSAGE]) <= 3
    assert len({f.agency for f in follow_up.findings if f.agency}) >= 5
    assert len(follow_up.actions) == 2
    assert [a.is_overdue(TODAY) for a in sorted(follow_up.actions, key=lambda a: a.due_date)] == [True, False]


def test_follow_up_shares_the_child_t_review(child_t: EventRecord, follow_up: EventRecord) -> None:
    (review,) = child_t.reviews
    assert follow_up.event.review_ids == child_t.event.review_ids == [review.id]
    assert [r.id for r in follow_up.reviews] == [review.id]
    assert follow_up.reviews[0] == review
    point_ids = [p.id for p in child_t.learning_points()]
    assert [p.id for p in follow_up.learning_points()] == point_ids
    assert child_t.event.partnership == follow_up.event.partnership
    assert child_t.event.event_date < follow_up.event.event_date

    # Every learning-point reference points into the shared review.
    for items in (follow_up.phases, follow_up.findings, follow_up.ratings, follow_up.actions):
        linked = [item.learning_point_id for item in items if item.learning_point_id is not None]
        assert linked and set(linked) <= set(point_ids)
    assert sorted(r.learning_point_id for r in follow_up.ratings) == sorted(point_ids)


def test_follow_up_ratings_show_a_trend(child_t: EventRecord, follow_up: EventRecord) -> None:
    pairs = [(child_t.rating_for(p.id), follow_up.rating_for(p.id)) for p in child_t.learning_points()]
    assert all(first is not None and later is not None for first, later in pairs)
    assert sum(first.rag != later.rag for first, later in pairs) >= 2
    assert sum(first.median_after != later.median_after for first, later in pairs) >= 1
    # Mostly better, but at least one learning point slipped.
    score = {"red": 1, "amber": 2, "green": 3}
    moves = [score[later.rag.value] - score[first.rag.value] for first, later in pairs]
    assert sum(m > 0 for m in moves) >= 2 and sum(m < 0 for m in moves) >= 1


def test_follow_up_shares_within_one_call_only() -> None:
    first, second = demo_records(), demo_records()
    assert first[2].reviews[0] is first[0].reviews[0] and second[2].reviews[0] is second[0].reviews[0]
    assert first[2].event.review_ids != second[2].event.review_ids  # fresh ids per call, shared within one

"""Agenda templates, pasted learning points and event duplication (pure functions, no Textual)."""

from __future__ import annotations

from datetime import date

import pytest

from lif_tui.agenda import (
    AgendaTemplate,
    LearningPointsError,
    agenda_is_stale,
    build_agenda,
    duplicate_event,
    parse_learning_points,
    parse_lines,
    read_learning_points,
    suggest_template,
)
from lif_tui.demo import demo_records
from lif_tui.models import EventRecord, EventStatus, LearningPoint, PhaseKind, Review


def review(name: str, *points: tuple[str, str]) -> Review:
    return Review(
        pseudonym=name,
        learning_points=[LearningPoint(number=n, text=text, theme=theme) for n, (theme, text) in enumerate(points, 1)],
    )


CHILD_T = review(
    "Child T",
    ("Missed appointments", "No follow-up when appointments were missed."),
    ("", "Procedures for young people nearing adulthood were unclear to every agency involved at the time."),
)
CHILD_V = review("Child V", ("Bruising", "Bruising protocol not applied."), ("Fathers", "Fathers not seen."))
CHILD_W = review("Child W", ("Fathers", "Male carers invisible."))


def test_single_review_template_follows_the_design_flow() -> None:
    phases = build_agenda([CHILD_T], AgendaTemplate.SINGLE_REVIEW)
    kinds = [phase.kind for phase in phases]
    assert kinds == [
        PhaseKind.WELCOME,
        PhaseKind.RECAP,
        PhaseKind.VOICE,
        PhaseKind.LEARNING_POINT,
        PhaseKind.LEARNING_POINT,
        PhaseKind.BARRIERS,
        PhaseKind.ACTIONS,
        PhaseKind.CLOSE,
    ]
    assert [phase.position for phase in phases] == list(range(8))
    assert phases[1].title == "Recap of the review"
    assert "Child T" in phases[2].prompt
    assert phases[3].title == "LP1: Missed appointments"
    assert phases[4].title.startswith("LP2: Procedures for young people")
    assert phases[4].title.endswith("…")
    assert phases[3].learning_point_id == CHILD_T.learning_points[0].id
    assert "No follow-up" in phases[3].prompt
    assert all(phase.elapsed_seconds == 0 for phase in phases)


def test_thematic_template_groups_learning_points_by_theme_across_reviews() -> None:
    phases = build_agenda([CHILD_V, CHILD_W], AgendaTemplate.THEMATIC)
    points = [phase.title for phase in phases if phase.kind is PhaseKind.LEARNING_POINT]
    assert points == ["Child V LP1: Bruising", "Child V LP2: Fathers", "Child W LP1: Fathers"]
    assert phases[1].title == "Recap of the reviews"
    assert "Child V and Child W" in phases[2].prompt
    assert phases[1].planned_minutes == 15


def test_suggested_template() -> None:
    assert suggest_template([CHILD_T]) is AgendaTemplate.SINGLE_REVIEW
    assert suggest_template([CHILD_V, CHILD_W]) is AgendaTemplate.THEMATIC
    assert suggest_template([]) is AgendaTemplate.SINGLE_REVIEW


def test_regenerating_keeps_matching_phases_with_their_edits_and_time() -> None:
    first = build_agenda([CHILD_V], AgendaTemplate.THEMATIC)
    edited = first[3].model_copy(update={"title": "Bruising, edited", "elapsed_seconds": 120.0})
    again = build_agenda([CHILD_V, CHILD_W], AgendaTemplate.THEMATIC, keep=[*first[:3], edited, *first[4:]])
    assert again[3].id == edited.id and again[3].title == "Bruising, edited" and again[3].elapsed_seconds == 120
    assert again[0].id == first[0].id
    assert len([p for p in again if p.kind is PhaseKind.LEARNING_POINT]) == 3
    assert agenda_is_stale(first, [CHILD_V, CHILD_W])
    assert not agenda_is_stale(again, [CHILD_V, CHILD_W])


def test_pasted_lines_become_numbered_learning_points() -> None:
    text = "\n  1. Missed appointments: no follow-up\n\n- Unclear transition procedures\r\nLP3: Weak sharing\n"
    points = parse_learning_points(text)
    assert [(p.number, p.theme, p.text) for p in points] == [
        (1, "Missed appointments", "no follow-up"),
        (2, "", "Unclear transition procedures"),
        (3, "", "Weak sharing"),
    ]


def test_pasted_review_numbers_are_kept_when_every_line_has_one() -> None:
    parsed = read_learning_points("4) Four\n7) Seven")
    assert [(p.number, p.text) for p in parsed] == [(4, "Four"), (7, "Seven")]
    clash = read_learning_points("2. Two\n2. Also two")
    assert [p.number for p in clash] == [1, 2]


def test_bad_pasted_lines_are_reported_by_line() -> None:
    with pytest.raises(LearningPointsError) as caught:
        parse_learning_points("Fine point\n3. \n" + "x" * 20_001)
    assert any(message.startswith("line 2") for message in caught.value.messages)
    assert any(message.startswith("line 3") and "limit" in message for message in caught.value.messages)


def test_parse_lines_drops_blank_lines_and_bullets() -> None:
    assert parse_lines(" - one\n\n two \n• three") == ["one", "two", "three"]


def test_duplicate_starts_a_fresh_planned_event_on_the_same_reviews() -> None:
    original = demo_records()[0]
    copy = duplicate_event(original, today=date(2027, 1, 5))
    assert copy.event.id != original.event.id
    assert copy.event.title == original.event.title + " (copy)"
    assert copy.event.event_date == date(2027, 1, 5)
    assert copy.event.status is EventStatus.PLANNED
    assert copy.event.review_ids == original.event.review_ids
    assert [r.id for r in copy.reviews] == [r.id for r in original.reviews]
    assert copy.event.reflection_questions == original.event.reflection_questions
    assert copy.event.watch_list == original.event.watch_list
    assert copy.findings == [] and copy.ratings == [] and copy.actions == []
    assert [p.title for p in copy.phases] == [p.title for p in original.active_phases()]
    assert all(p.elapsed_seconds == 0 for p in copy.phases)
    assert not {p.id for p in copy.phases} & {p.id for p in original.phases}
    assert [(a.agency, a.count) for a in copy.attendance] == [(a.agency, a.count) for a in original.attendance]
    assert not {a.id for a in copy.attendance} & {a.id for a in original.attendance}
    assert duplicate_event(copy).event.title == copy.event.title  # no "(copy) (copy)"
    EventRecord.model_validate_json(copy.model_dump_json())

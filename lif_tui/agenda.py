"""Agenda templates and the text parsing behind the set-up form. Pure: no textual, no I/O.

An agenda follows the facilitation flow in DESIGN.md: welcome, recap, voice of the child, one phase per
learning point, barriers, actions, close. Two templates exist:

- single review: learning points in the review's own order, titled "LP1: ...";
- thematic (several reviews): learning points grouped by theme across the reviews, each titled with its
  review's pseudonym, and a longer recap, because several reviews must be summarised.

Also here: `parse_learning_points` (one pasted line makes one learning point), `parse_lines`, and
`duplicate_event`, which starts a new event on the same reviews.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Iterable, Sequence

from lif_tui.models import (
    MAX_SHORT,
    Attendance,
    Event,
    EventRecord,
    EventStatus,
    LearningPoint,
    Phase,
    PhaseKind,
    Review,
    clean_text,
    new_id,
    utc_now,
)


class AgendaTemplate(StrEnum):
    SINGLE_REVIEW = "single review"
    THEMATIC = "thematic"


@dataclass(frozen=True)
class TemplateTimings:
    """Planned minutes of each phase kind; learning-point phases each get `learning_point` minutes."""

    welcome: int
    recap: int
    voice: int
    learning_point: int
    barriers: int
    actions: int
    close: int


TIMINGS: dict[AgendaTemplate, TemplateTimings] = {
    AgendaTemplate.SINGLE_REVIEW: TemplateTimings(10, 10, 15, 15, 15, 20, 10),
    AgendaTemplate.THEMATIC: TemplateTimings(10, 15, 10, 12, 15, 20, 10),
}

WELCOME_PROMPT = (
    "Ground rules: this is about learning, not blame. What is said in the room stays in the room. We record "
    "what agencies do, never who said it, and everything is anonymised before it leaves this laptop. Step out "
    "whenever you need to; wellbeing support is available afterwards. Then take baseline confidence ratings "
    "for each learning point."
)
RECAP_PROMPT = (
    "Summarise {reviews} and the learning points. What do people remember about it, and what did their "
    "service do in response?"
)
VOICE_PROMPT = "What would {children} say about our services now? Would it feel different to be that child here today?"
LEARNING_POINT_PROMPT = (
    "What has changed since the review, and what is the evidence? Go round each agency. What difference has "
    "it made to children? Agree a RAG rating and take confidence ratings."
)
BARRIERS_PROMPT = "What still gets in the way? Where are the gaps, and what would it take to close them?"
ACTIONS_PROMPT = (
    "What will we do next? For each action: which agency and role owns it, by when, and how will we know it "
    "worked?"
)
CLOSE_PROMPT = (
    "What are the key messages for practitioners who were not here? Take confidence ratings again, then one "
    "reflection each and the next steps."
)


def suggest_template(reviews: Sequence[Review]) -> AgendaTemplate:
    """One review suggests the single-review template; several suggest the thematic one."""
    return AgendaTemplate.THEMATIC if len(reviews) > 1 else AgendaTemplate.SINGLE_REVIEW


def _join_names(names: list[str]) -> str:
    if not names:
        return "the child"
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def short_title(point: LearningPoint, limit: int = 48) -> str:
    """A phase title for a learning point: its theme, else the start of its text cut at a word."""
    if point.theme:
        return point.theme[:limit]
    text = " ".join(point.text.split())
    if len(text) <= limit:
        return text.rstrip(".")
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + "…"


def _point_phases(
    reviews: Sequence[Review], template: AgendaTemplate
) -> list[tuple[str, str, LearningPoint]]:
    """(title, prompt, learning point) for every active learning point, in template order."""
    entries: list[tuple[Review, LearningPoint]] = [
        (review, point) for review in reviews if not review.is_deleted for point in review.active_learning_points()
    ]
    if template is AgendaTemplate.THEMATIC:
        # Group by theme in order of first appearance, so the room discusses one theme across reviews.
        order: dict[str, int] = {}
        for _review, point in entries:
            order.setdefault(point.theme.casefold(), len(order))
        entries = sorted(entries, key=lambda entry: order[entry[1].theme.casefold()])
    several = len(reviews) > 1 or template is AgendaTemplate.THEMATIC
    result = []
    for review, point in entries:
        prefix = f"{review.pseudonym} {point.label}" if several else point.label
        title = f"{prefix}: {short_title(point)}"[:MAX_SHORT]
        prompt = f"{review.pseudonym} {point.label}: {point.text}\n\n{LEARNING_POINT_PROMPT}"
        result.append((title, prompt, point))
    return result


def build_agenda(
    reviews: Sequence[Review],
    template: AgendaTemplate,
    *,
    keep: Iterable[Phase] = (),
) -> list[Phase]:
    """The phases of a template for these reviews, numbered from 0.

    A phase in `keep` that matches a generated one (same kind and learning point) is kept as it is, with
    its id, edits and elapsed time, so regenerating after linking another review loses no work and never
    orphans findings captured in an existing phase.
    """
    timings = TIMINGS[template]
    names = [review.pseudonym for review in reviews if not review.is_deleted]
    recap_title = "Recap of the review" if len(names) <= 1 else "Recap of the reviews"
    if not names:
        review_words = "the review"
    elif len(names) == 1:
        review_words = f"the review of {names[0]}"
    else:
        review_words = f"the reviews of {_join_names(names)}"
    drafts: list[tuple[PhaseKind, str, str, int, LearningPoint | None]] = [
        (PhaseKind.WELCOME, "Welcome and ground rules", WELCOME_PROMPT, timings.welcome, None),
        (PhaseKind.RECAP, recap_title, RECAP_PROMPT.format(reviews=review_words), timings.recap, None),
        (
            PhaseKind.VOICE,
            "Voice of the child",
            VOICE_PROMPT.format(children=_join_names(names)),
            timings.voice,
            None,
        ),
    ]
    drafts += [
        (PhaseKind.LEARNING_POINT, title, prompt, timings.learning_point, point)
        for title, prompt, point in _point_phases(reviews, template)
    ]
    drafts += [
        (PhaseKind.BARRIERS, "Barriers and remaining gaps", BARRIERS_PROMPT, timings.barriers, None),
        (PhaseKind.ACTIONS, "Actions", ACTIONS_PROMPT, timings.actions, None),
        (PhaseKind.CLOSE, "Key messages and close", CLOSE_PROMPT, timings.close, None),
    ]
    kept = {(phase.kind, phase.learning_point_id): phase for phase in keep if not phase.is_deleted}
    phases = []
    for position, (kind, title, prompt, minutes, point) in enumerate(drafts):
        point_id = point.id if point else None
        existing = kept.get((kind, point_id))
        if existing is not None:
            phases.append(existing.model_copy(update={"position": position}))
        else:
            phases.append(
                Phase(
                    position=position,
                    kind=kind,
                    title=title,
                    prompt=prompt,
                    planned_minutes=minutes,
                    learning_point_id=point_id,
                )
            )
    return phases


def agenda_is_stale(phases: Sequence[Phase], reviews: Sequence[Review]) -> bool:
    """True when the learning-point phases no longer match the linked reviews' learning points."""
    planned = {phase.learning_point_id for phase in phases if phase.kind is PhaseKind.LEARNING_POINT}
    linked = {point.id for review in reviews for point in review.active_learning_points()}
    return bool(phases) and planned != linked


# ---------------------------------------------------------------------------------------------- parsing

_BULLET = re.compile(r"^\s*(?:[-*•·–]\s+)")
_NUMBERED = re.compile(r"^\s*(?:LP\s*)?(\d{1,3})\s*[.):\-–]\s*", re.IGNORECASE)
_THEME = re.compile(r"^([^:.;!?]{1,60}):\s+(\S.*)$", re.DOTALL)


@dataclass(frozen=True)
class ParsedPoint:
    """One pasted line, read as a learning point before it is validated."""

    line: int
    number: int | None
    theme: str
    text: str


def _parse_line(raw: str, line: int) -> ParsedPoint:
    text = _BULLET.sub("", raw.strip())
    number = None
    numbered = _NUMBERED.match(text)
    if numbered:
        number = int(numbered.group(1))
        text = text[numbered.end() :]
    theme = ""
    themed = _THEME.match(text)
    if themed and len(themed.group(1).split()) <= 6:
        theme, text = themed.group(1).strip(), themed.group(2).strip()
    return ParsedPoint(line=line, number=number, theme=theme, text=text.strip())


def read_learning_points(text: str) -> list[ParsedPoint]:
    """Each non-empty line is one point. "3." or "LP3:" keeps the review's own number, when every line
    has a distinct one; otherwise points are numbered 1, 2, 3. "Theme: text" sets the theme."""
    parsed = [
        _parse_line(raw, index)
        for index, raw in enumerate(clean_text(text or "").split("\n"), start=1)
        if raw.strip()
    ]
    numbers = [point.number for point in parsed]
    own_numbers = all(n is not None and 1 <= n <= 999 for n in numbers) and len(set(numbers)) == len(numbers)
    return [
        ParsedPoint(point.line, point.number if own_numbers else index, point.theme, point.text)
        for index, point in enumerate(parsed, start=1)
    ]


class LearningPointsError(ValueError):
    """Some pasted lines are not valid learning points; `messages` says which line and why."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


def parse_learning_points(text: str) -> list[LearningPoint]:
    """Learning points from pasted text, one per non-empty line; raises LearningPointsError per bad line."""
    from pydantic import ValidationError

    from lif_tui.models import validation_messages

    points, problems = [], []
    for parsed in read_learning_points(text):
        try:
            points.append(LearningPoint(number=parsed.number, text=parsed.text, theme=parsed.theme))
        except ValidationError as error:
            problems += [f"line {parsed.line}, {message}" for message in validation_messages(error)]
    if problems:
        raise LearningPointsError(problems)
    return points


def parse_lines(text: str) -> list[str]:
    """Non-empty lines with surrounding spaces and list bullets removed (questions, resources, words)."""
    return [_BULLET.sub("", line).strip() for line in clean_text(text or "").split("\n") if line.strip()]


# ---------------------------------------------------------------------------------------------- duplicate


def copy_title(title: str) -> str:
    return (title.removesuffix(" (copy)") + " (copy)")[:MAX_SHORT].strip()


def duplicate_event(record: EventRecord, *, today: date | None = None) -> EventRecord:
    """A new planned event on the same reviews, ready to be set up for a return visit.

    Kept: details, linked reviews, reflection questions, resources, watch list, the attendance rows as a
    template and the agenda with its edits. New: every id, the date (today), the title ends "(copy)", and
    phase times start at zero. No findings, ratings or actions are carried over.
    """
    now = utc_now()
    stamps = {"id": new_id(), "created_at": now, "updated_at": now, "deleted_at": None}
    old = record.event
    event = Event.model_validate(
        {
            **old.model_dump(exclude={"id", "created_at", "updated_at", "deleted_at"}),
            **stamps,
            "title": copy_title(old.title),
            "event_date": today or date.today(),
            "status": EventStatus.PLANNED,
            "current_phase_id": None,
        }
    )
    attendance = [
        Attendance(agency=row.agency, role=row.role, count=row.count, involved_in_case=row.involved_in_case)
        for row in record.active_attendance()
    ]
    phases = [
        Phase(
            position=position,
            kind=phase.kind,
            title=phase.title,
            prompt=phase.prompt,
            planned_minutes=phase.planned_minutes,
            learning_point_id=phase.learning_point_id,
        )
        for position, phase in enumerate(record.active_phases())
    ]
    reviews = [review for review in record.reviews if review.id in set(old.review_ids)]
    return EventRecord(event=event, reviews=reviews, attendance=attendance, phases=phases)

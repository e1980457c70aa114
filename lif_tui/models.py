"""The domain model of an evidencing-impact event, as pydantic v2 models.

This module does no I/O. Every layer (store, exports, screens, CLI) speaks in these types, so validation
lives here once and its messages are written for a facilitator, not a programmer.

The enums (`lif_tui.vocabulary`) and the events-list line (`lif_tui.event_summary`) live in modules of
their own without pydantic, so the app's first screen can show events without importing it; they are
re-exported here.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import statistics
import unicodedata
import uuid
from datetime import date, datetime, timezone
from typing import Annotated, Iterable

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from lif_tui.event_summary import EventSummary  # re-exported: a plain dataclass, for start-up
from lif_tui.vocabulary import (  # re-exported: every layer imports them from here
    ReviewType,
    ReviewStatus,
    Marking,
    EventStatus,
    PhaseKind,
    FindingKind,
    EvidenceType,
    RAG,
    ActionStatus,
    ConfidenceStage,
)

SCHEMA_VERSION = 1
"""Version of the JSON bundle format. Bump it when a bundle written now could not be read by older code."""

MAX_TEXT = 20_000
"""Longest free text we accept: far beyond any spoken finding, short enough to keep exports sane."""
MAX_SHORT = 300
"""Longest title, agency, role or label."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def utc_now() -> datetime:
    """Timestamps are stored in UTC so bundles from different laptops compare correctly."""
    return datetime.now(timezone.utc)


def new_id() -> uuid.UUID:
    """UUID4 ids let bundles from different laptops merge without collisions."""
    return uuid.uuid4()


def clean_text(value: str) -> str:
    """Remove control characters and replace lone surrogates.

    Control characters (other than tab and newline) are always removed, never refused, so that text
    pasted from other programs is kept rather than lost. Lone surrogates cannot be encoded in UTF-8 or
    written to SQLite or Word, so each becomes U+FFFD, which shows the reader that something was there.
    Carriage returns are normalised to newlines.
    """
    if not isinstance(value, str):
        raise TypeError("must be text")
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value)
    value = _SURROGATE.sub("\ufffd", value)
    return unicodedata.normalize("NFC", value)


def _bounded(limit: int):
    def check(value: str) -> str:
        if len(value) > limit:
            raise ValueError(
                f"is {len(value):,} characters long; the limit is {limit:,}. Split it into shorter entries."
            )
        return value

    return check


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("cannot be empty")
    return value


def _strip(value: str) -> str:
    return value.strip()


def _text_input(value: object) -> object:
    return clean_text(value) if isinstance(value, str) else value


LongText = Annotated[str, BeforeValidator(_text_input), AfterValidator(_bounded(MAX_TEXT))]
"""Free text such as a finding: cleaned, may be empty, at most MAX_TEXT characters."""
ShortText = Annotated[
    str, BeforeValidator(_text_input), AfterValidator(_strip), AfterValidator(_bounded(MAX_SHORT))
]
"""A label such as an agency or role: cleaned, stripped, at most MAX_SHORT characters."""
RequiredShort = Annotated[ShortText, AfterValidator(_not_blank)]
"""A title or name that must be given."""
RequiredText = Annotated[LongText, AfterValidator(_not_blank)]
"""Free text that must be given, such as the text of a finding."""


def parse_date(value: object) -> object:
    """Accept ISO dates and the UK forms a facilitator types (26/11/2026, 26-11-2026)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y"):
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise ValueError(f"'{text[:40]}' is not a date; use YYYY-MM-DD or DD/MM/YYYY, for example 2026-03-14")
    return value


FlexibleDate = Annotated[date, BeforeValidator(parse_date)]
OptionalDate = Annotated[date | None, BeforeValidator(parse_date)]


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


Timestamp = Annotated[datetime, AfterValidator(_aware)]


STANDARD_AGENCIES: tuple[str, ...] = (
    "Children's social care",
    "Early help",
    "Police",
    "Health visiting",
    "School nursing",
    "GP / primary care",
    "Acute hospital",
    "Paediatric diabetes team",
    "Child and adolescent mental health",
    "Adult social care",
    "Adult mental health",
    "Education",
    "Education safeguarding team",
    "Youth justice",
    "Probation",
    "Housing",
    "Voluntary sector",
    "Safeguarding partnership",
)
"""Agency types offered in attendance and capture. Free text is always allowed too."""

DEFAULT_REFLECTION_QUESTIONS: tuple[str, ...] = (
    "What are your key thoughts and reflections?",
    "How can we make sure the learning is embedded, and how will we know?",
    "How can we build it into team or service improvement plans?",
)


class DomainModel(BaseModel):
    """Shared configuration: unknown fields are refused and assignments are validated too."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, use_enum_values=False, defer_build=True)


class Entity(DomainModel):
    """A row with a UUID and the timestamps that drive merge (newer updated_at wins) and soft delete."""

    id: uuid.UUID = Field(default_factory=new_id)
    created_at: Timestamp = Field(default_factory=utc_now)
    updated_at: Timestamp = Field(default_factory=utc_now)
    deleted_at: Timestamp | None = None

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class LearningPoint(Entity):
    """One finding or recommendation of a review, numbered as the review numbers it."""

    number: int = Field(ge=1, le=999)
    text: RequiredText
    theme: ShortText = ""

    @property
    def label(self) -> str:
        return f"LP{self.number}"


class Review(Entity):
    """A practice review, shared across events so the same review can be revisited years later."""

    pseudonym: RequiredShort
    review_type: ReviewType = ReviewType.SCR
    year: ShortText = ""
    """The review year as published, for example "2018/19"."""
    published_on: OptionalDate = None
    status: ReviewStatus = ReviewStatus.PUBLISHED
    parallel_proceedings: bool = False
    themes: list[ShortText] = Field(default_factory=list, max_length=50)
    summary: LongText = ""
    learning_points: list[LearningPoint] = Field(default_factory=list, max_length=200)

    @field_validator("learning_points")
    @classmethod
    def _unique_numbers(cls, points: list[LearningPoint]) -> list[LearningPoint]:
        seen: set[int] = set()
        for point in points:
            if point.deleted_at is None and point.number in seen:
                raise ValueError(f"learning point number {point.number} is used twice")
            seen.add(point.number)
        return points

    def active_learning_points(self) -> list[LearningPoint]:
        return sorted((p for p in self.learning_points if not p.is_deleted), key=lambda p: p.number)


class WatchList(DomainModel):
    """Sensitive words for one event, kept only as salted SHA-256 hashes of their normalised form.

    The words themselves are never stored, so a copy of the database or a bundle does not reveal them.
    """

    salt: str = Field(default_factory=lambda: secrets.token_hex(16), pattern=r"^[0-9a-f]{32}$")
    hashes: list[str] = Field(default_factory=list, max_length=1000)

    @field_validator("hashes")
    @classmethod
    def _hex_digests(cls, hashes: list[str]) -> list[str]:
        for digest in hashes:
            if not re.fullmatch(r"[0-9a-f]{64}", digest):
                raise ValueError("watch-list entries must be SHA-256 hex digests")
        return hashes

    @staticmethod
    def normalise(word: str) -> str:
        return " ".join(clean_text(word).casefold().split())

    def digest(self, word: str) -> str:
        return hashlib.sha256((self.salt + self.normalise(word)).encode("utf-8")).hexdigest()

    def add(self, words: Iterable[str]) -> "WatchList":
        """Return a watch list with the words' hashes added (blank words are ignored)."""
        hashes = list(self.hashes)
        for word in words:
            if self.normalise(word):
                digest = self.digest(word)
                if digest not in hashes:
                    hashes.append(digest)
        return WatchList(salt=self.salt, hashes=hashes)

    def contains(self, word: str) -> bool:
        return bool(self.hashes) and self.digest(word) in self.hashes


class Event(Entity):
    """The workshop itself: details, linked reviews, reflection questions and the watch list."""

    title: RequiredShort
    event_date: FlexibleDate
    venue: ShortText = ""
    partnership: ShortText = ""
    facilitator: ShortText = ""
    """A role such as "Partnership learning lead"; a name is not required."""
    marking: Marking = Marking.OFFICIAL_SENSITIVE
    status: EventStatus = EventStatus.PLANNED
    purpose: LongText = ""
    """Why we held this event: the opening section of the learning briefing."""
    review_ids: list[uuid.UUID] = Field(default_factory=list, max_length=50)
    reflection_questions: list[RequiredText] = Field(
        default_factory=lambda: list(DEFAULT_REFLECTION_QUESTIONS), max_length=50
    )
    resources: list[ShortText] = Field(default_factory=list, max_length=50)
    watch_list: WatchList = Field(default_factory=WatchList)
    current_phase_id: uuid.UUID | None = None
    """The phase the facilitator was on, so `lif-tui open` resumes there."""


class Attendance(Entity):
    """Who was in the room, by agency and role only. There is deliberately no name field."""

    agency: RequiredShort
    role: ShortText = ""
    count: int = Field(default=1, ge=1, le=1000)
    involved_in_case: bool = False


class Phase(Entity):
    """One step of the agenda, with planned minutes and the time actually used (kept across restarts)."""

    position: int = Field(ge=0, le=999)
    kind: PhaseKind
    title: RequiredShort
    prompt: LongText = ""
    planned_minutes: int = Field(default=10, ge=0, le=600)
    elapsed_seconds: float = Field(default=0.0, ge=0, le=7 * 24 * 3600)
    learning_point_id: uuid.UUID | None = None

    @property
    def overrun_seconds(self) -> float:
        return max(0.0, self.elapsed_seconds - self.planned_minutes * 60)


class Finding(Entity):
    """Something said in the room, attributed to an agency, never to a person."""

    kind: FindingKind
    text: RequiredText
    learning_point_id: uuid.UUID | None = None
    agency: ShortText = ""
    evidence_type: EvidenceType | None = None
    phase_id: uuid.UUID | None = None


def _check_tallies(value: dict[int, int]) -> dict[int, int]:
    for score, count in value.items():
        if score not in range(1, 6):
            raise ValueError(f"confidence rating {score} is outside 1–5")
        if count < 0:
            raise ValueError(f"the tally for rating {score} cannot be negative")
        if count > 10_000:
            raise ValueError(f"the tally for rating {score} is implausibly large ({count})")
    return {score: int(value.get(score, 0)) for score in range(1, 6)}


Tallies = Annotated[dict[int, int], AfterValidator(_check_tallies)]


def _empty_tallies() -> dict[int, int]:
    return {score: 0 for score in range(1, 6)}


def tally_median(tallies: dict[int, int]) -> float | None:
    """Median confidence from counts per score, or None when nobody rated."""
    votes = [score for score in range(1, 6) for _ in range(tallies.get(score, 0))]
    return statistics.median(votes) if votes else None


class Rating(Entity):
    """RAG rating and confidence tallies (how many people chose each point 1–5) for one learning point."""

    learning_point_id: uuid.UUID
    rag: RAG | None = None
    confidence_before: Tallies = Field(default_factory=_empty_tallies)
    confidence_after: Tallies = Field(default_factory=_empty_tallies)

    def tallies(self, stage: ConfidenceStage) -> dict[int, int]:
        return self.confidence_before if stage is ConfidenceStage.BEFORE else self.confidence_after

    def with_vote(self, stage: ConfidenceStage, score: int, delta: int = 1) -> "Rating":
        """Return a copy with one more (or, with delta=-1, one fewer) vote for `score` at `stage`."""
        if score not in range(1, 6):
            raise ValueError(f"confidence rating {score} is outside 1–5")
        tallies = dict(self.tallies(stage))
        tallies[score] = max(0, tallies[score] + delta)
        field = "confidence_before" if stage is ConfidenceStage.BEFORE else "confidence_after"
        return self.model_copy(update={field: _check_tallies(tallies), "updated_at": utc_now()})

    @property
    def median_before(self) -> float | None:
        return tally_median(self.confidence_before)

    @property
    def median_after(self) -> float | None:
        return tally_median(self.confidence_after)


class ProgressNote(DomainModel):
    """A dated note of progress on an action, added from the action tracker."""

    id: uuid.UUID = Field(default_factory=new_id)
    noted_on: FlexibleDate = Field(default_factory=date.today)
    text: RequiredText


class Action(Entity):
    """What the partnership will do next: owned by an agency and role, with a measure of success."""

    text: RequiredText
    learning_point_id: uuid.UUID | None = None
    owner_agency: ShortText = ""
    owner_role: ShortText = ""
    due_date: OptionalDate = None
    measure: LongText = ""
    """How we will know it worked."""
    status: ActionStatus = ActionStatus.OPEN
    progress_notes: list[ProgressNote] = Field(default_factory=list, max_length=1000)

    def is_overdue(self, today: date | None = None) -> bool:
        today = today or date.today()
        return (
            self.due_date is not None
            and self.due_date < today
            and self.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
        )


class EventRecord(DomainModel):
    """The whole event as one aggregate: the unit of store load/save, the JSON bundle and every export."""

    schema_version: int = SCHEMA_VERSION
    event: Event
    reviews: list[Review] = Field(default_factory=list)
    attendance: list[Attendance] = Field(default_factory=list)
    phases: list[Phase] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    ratings: list[Rating] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, version: int) -> int:
        if version > SCHEMA_VERSION:
            raise ValueError(
                f"this bundle uses schema version {version}, but this lif-tui understands up to "
                f"{SCHEMA_VERSION}; upgrade lif-tui to read it"
            )
        if version < 1:
            raise ValueError(f"schema version {version} is not valid")
        return version

    @model_validator(mode="after")
    def _reviews_linked(self) -> "EventRecord":
        known = {review.id for review in self.reviews}
        missing = [str(rid) for rid in self.event.review_ids if rid not in known]
        if missing:
            raise ValueError(f"the event links review(s) {', '.join(missing)} that are not in the record")
        linked = set(self.event.review_ids)
        unlinked = [str(review.id) for review in self.reviews if review.id not in linked]
        if unlinked:
            raise ValueError(f"review(s) {', '.join(unlinked)} are in the record but not linked to the event")
        return self

    # Convenience views used by screens and exports. They skip soft-deleted rows.

    def learning_points(self) -> list[LearningPoint]:
        """Active learning points of the linked reviews, in review order then number order."""
        order = {rid: index for index, rid in enumerate(self.event.review_ids)}
        reviews = sorted(self.reviews, key=lambda r: order.get(r.id, len(order)))
        return [point for review in reviews if not review.is_deleted for point in review.active_learning_points()]

    def active_findings(self) -> list[Finding]:
        return sorted((f for f in self.findings if not f.is_deleted), key=lambda f: f.created_at)

    def active_actions(self) -> list[Action]:
        return sorted((a for a in self.actions if not a.is_deleted), key=lambda a: a.created_at)

    def active_phases(self) -> list[Phase]:
        return sorted((p for p in self.phases if not p.is_deleted), key=lambda p: p.position)

    def active_attendance(self) -> list[Attendance]:
        return [a for a in self.attendance if not a.is_deleted]

    def rating_for(self, learning_point_id: uuid.UUID) -> Rating | None:
        for rating in self.ratings:
            if rating.learning_point_id == learning_point_id and not rating.is_deleted:
                return rating
        return None

    def attendance_by_agency(self) -> dict[str, int]:
        """Headcount per agency, the only view of attendance that leaves the laptop."""
        counts: dict[str, int] = {}
        for row in self.active_attendance():
            counts[row.agency] = counts.get(row.agency, 0) + row.count
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

    @property
    def total_attending(self) -> int:
        return sum(row.count for row in self.active_attendance())


def validation_messages(error: Exception) -> list[str]:
    """Turn a pydantic ValidationError into short 'field: message' lines a facilitator can act on."""
    from pydantic import ValidationError

    if not isinstance(error, ValidationError):
        return [str(error)]
    lines = []
    for item in error.errors():
        where = ".".join(str(part) for part in item.get("loc", ()) if part != "__root__")
        message = item.get("msg", "is not valid")
        message = message.removeprefix("Value error, ")
        if item.get("type") == "enum":
            allowed = item.get("ctx", {}).get("expected", "")
            message = f"is not one of the known values ({allowed})" if allowed else message
        lines.append(f"{where.replace('_', ' ')}: {message}" if where else message)
    return lines


def build_validators() -> None:
    """Build every model's validator now instead of on first use.

    `defer_build` keeps the ~50 ms of schema building out of start-up; the app calls this in a background
    thread once its first screen is painted, so the first capture or load does not pay it either.
    """
    for model in (LearningPoint, Review, WatchList, Event, Attendance, Phase, Finding, Rating, ProgressNote, Action, EventRecord):
        model.model_rebuild()

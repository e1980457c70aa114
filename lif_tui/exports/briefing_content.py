"""What the briefings say, separated from how Word lays it out.

Pure functions over an `EventRecord`: labels, grouping of findings, wording of dates and counts. The
learning briefing, the 7-minute briefing and the CSV tables share them, so the same learning point is
called the same thing everywhere. No python-docx here.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date

from lif_tui.models import (
    DEFAULT_REFLECTION_QUESTIONS,
    RAG,
    EventRecord,
    Finding,
    FindingKind,
    LearningPoint,
    Rating,
    Review,
    tally_median,
)

EMPTY_SECTION = "Nothing was recorded for this section."
"""The one sentence an empty briefing section carries (in the body style), so every briefing keeps the
same headings in the same order and a reader can see that the section was considered, not forgotten."""

EMPTY_LEARNING_POINT = "Nothing was recorded for this learning point."

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SURROGATES = re.compile("[\ud800-\udfff]")


def xml_safe(text: object) -> str:
    """Text that Word can store: XML-invalid control characters removed, lone surrogates replaced.

    The models already clean what they store; this is the second line of defence at the point of
    writing, so no captured text can make an export fail.
    """
    if text is None:
        return ""
    value = text if isinstance(text, str) else str(text)
    if _XML_INVALID.search(value):
        value = _XML_INVALID.sub("", value)
    if _SURROGATES.search(value):
        value = _SURROGATES.sub("\ufffd", value)
    return value


def long_date(day: date | None) -> str:
    """'12 March 2026' (no leading zero), or '' for no date."""
    return f"{day.day} {day:%B %Y}" if day else ""


def month_year(day: date | None) -> str:
    return f"{day:%B %Y}" if day else ""


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else (many or word + 's')}"


def linked_reviews(record: EventRecord) -> list[Review]:
    """The event's reviews in the order the event lists them, skipping deleted ones."""
    by_id = {review.id: review for review in record.reviews if not review.is_deleted}
    return [by_id[rid] for rid in record.event.review_ids if rid in by_id]


def learning_point_labels(record: EventRecord) -> dict[uuid.UUID, str]:
    """'LP2', or 'Child V LP2' when the event has several reviews (their numbers overlap)."""
    reviews = linked_reviews(record)
    several = len(reviews) > 1
    labels: dict[uuid.UUID, str] = {}
    for review in record.reviews:
        for point in review.learning_points:
            labels[point.id] = f"{review.pseudonym} {point.label}" if several else point.label
    return labels


def review_heading(review: Review) -> str:
    """'Child T (SCR, 2018/19)', or 'Rapid review A (2020)' when the pseudonym already names the type."""
    kind = str(review.review_type)
    if not kind.isupper():
        kind = kind[:1].upper() + kind[1:]
    parts = [] if kind.lower() in review.pseudonym.lower() else [kind]  # not "Rapid review A (Rapid review)"
    parts += [review.year] if review.year else []
    return f"{review.pseudonym} ({', '.join(parts)})" if parts else review.pseudonym


def attribution(finding: Finding) -> str:
    """The finding's text with its agency (never a person) and evidence type in brackets."""
    extras = [part for part in (finding.agency, str(finding.evidence_type) if finding.evidence_type else "") if part]
    text = xml_safe(finding.text).strip()
    return f"{text} ({'; '.join(extras)})" if extras else text


@dataclass
class LearningPointGroup:
    """Findings about one learning point (or none: `point` is None), split by kind in briefing order."""

    point: LearningPoint | None
    label: str
    by_kind: dict[FindingKind, list[Finding]]

    def count(self) -> int:
        return sum(len(items) for items in self.by_kind.values())


def group_findings(
    record: EventRecord, kinds: tuple[FindingKind, ...], *, keep_empty_points: bool
) -> list[LearningPointGroup]:
    """Findings of `kinds`, grouped by learning point (in review order) and then by kind.

    Findings that name no learning point (or a deleted one) come last, in a group whose point is None.
    With keep_empty_points every learning point gets a group, even with nothing in it.
    """
    labels = learning_point_labels(record)
    points = record.learning_points()
    known = {point.id for point in points}
    groups: dict[uuid.UUID | None, LearningPointGroup] = {
        point.id: LearningPointGroup(point, labels.get(point.id, point.label), {kind: [] for kind in kinds})
        for point in points
    }
    other = LearningPointGroup(None, "Across the learning points", {kind: [] for kind in kinds})
    wanted = set(kinds)
    for finding in record.active_findings():
        if finding.kind not in wanted:
            continue
        group = groups[finding.learning_point_id] if finding.learning_point_id in known else other
        group.by_kind[finding.kind].append(finding)
    result = [group for group in groups.values() if keep_empty_points or group.count()]
    if other.count():
        result.append(other)
    return result


def findings_of(record: EventRecord, *kinds: FindingKind) -> list[Finding]:
    wanted = set(kinds)
    return [finding for finding in record.active_findings() if finding.kind in wanted]


def point_heading(point: LearningPoint | None, label: str) -> str:
    if point is None:
        return label
    return f"{label}: {point.theme}" if point.theme else label


RAG_WORDS = {RAG.RED: "Red", RAG.AMBER: "Amber", RAG.GREEN: "Green"}
RAG_FILLS = {RAG.RED: "F4C7C3", RAG.AMBER: "FCE8B2", RAG.GREEN: "B7E1CD"}
"""Light tints, so black text on them keeps a contrast ratio well above 7:1."""
RAG_MEANING = {
    RAG.RED: "little or no change yet",
    RAG.AMBER: "some change, not yet embedded",
    RAG.GREEN: "change embedded, with evidence",
}


def median_text(value: float | None) -> str:
    if value is None:
        return "no ratings"
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def tally_text(tallies: dict[int, int]) -> str:
    """'1: 3, 2: 7, 3: 7, 4: 3, 5: 1 (21 people)'."""
    total = sum(tallies.values())
    if not total:
        return "no ratings"
    counts = ", ".join(f"{score}: {tallies.get(score, 0)}" for score in range(1, 6))
    return f"{counts} ({plural(total, 'person', 'people')})"


@dataclass
class RatingRow:
    label: str
    heading: str
    rag: RAG | None
    before: dict[int, int]
    after: dict[int, int]

    @property
    def median_before(self) -> float | None:
        return tally_median(self.before)

    @property
    def median_after(self) -> float | None:
        return tally_median(self.after)

    @property
    def has_votes(self) -> bool:
        return bool(sum(self.before.values()) or sum(self.after.values()))


def rating_rows(record: EventRecord) -> list[RatingRow]:
    """One row per active learning point that has a rating (RAG or any confidence vote)."""
    labels = learning_point_labels(record)
    rows: list[RatingRow] = []
    for point in record.learning_points():
        rating: Rating | None = record.rating_for(point.id)
        if rating is None:
            continue
        row = RatingRow(
            labels.get(point.id, point.label),
            point_heading(point, labels.get(point.id, point.label)),
            rating.rag,
            dict(rating.confidence_before),
            dict(rating.confidence_after),
        )
        if row.rag is not None or row.has_votes:
            rows.append(row)
    return rows


def reflection_questions(record: EventRecord) -> list[str]:
    """The event's questions; the three default questions when the event has none.

    This is the one deliberate exception to EMPTY_SECTION: a briefing without questions for team
    meetings and supervision would not do its job.
    """
    questions = [q for q in (xml_safe(q).strip() for q in record.event.reflection_questions) if q]
    return questions or list(DEFAULT_REFLECTION_QUESTIONS)


def clip(text: str, limit: int) -> str:
    """Shorten at a word boundary with an ellipsis (only used in the 7-minute briefing)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:.") + "…"

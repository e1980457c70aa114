"""Did the learning stick? Ratings of one review's learning points across the events that revisited it.

Learning points belong to the review, not to an event, so the same learning point id is rated again at
each later event. Lining those ratings up in date order is the whole calculation; it reads only the
ratings rows, never whole events.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from lif_tui.db import rows
from lif_tui.db.store import guarded
from lif_tui.errors import NotFoundError
from lif_tui.models import RAG, LearningPoint, tally_median

if TYPE_CHECKING:
    from lif_tui.db.store import Store

RAG_SCORE = {RAG.RED: 1, RAG.AMBER: 2, RAG.GREEN: 3}
"""RAG as a number for the chart: higher is better."""


@dataclass(frozen=True)
class ReviewUsage:
    """A review and how many live events revisited it; trends need two or more."""

    review_id: uuid.UUID
    pseudonym: str
    event_count: int
    first_date: date
    last_date: date


@dataclass(frozen=True)
class TrendEvent:
    event_id: uuid.UUID
    title: str
    event_date: date


@dataclass(frozen=True)
class TrendCell:
    """One learning point at one event. Everything is None when the event did not rate it."""

    event: TrendEvent
    rag: RAG | None = None
    median_before: float | None = None
    median_after: float | None = None
    votes_before: int = 0
    votes_after: int = 0

    @property
    def rated(self) -> bool:
        return self.rag is not None or self.votes_before > 0 or self.votes_after > 0

    @property
    def rag_score(self) -> int | None:
        return RAG_SCORE.get(self.rag) if self.rag is not None else None


@dataclass(frozen=True)
class PointTrend:
    learning_point: LearningPoint
    cells: tuple[TrendCell, ...]
    """One per event, in date order, rated or not."""

    def confidence_series(self) -> list[float | None]:
        """Confidence after the discussion at each event (before, if after was not taken)."""
        return [cell.median_after if cell.median_after is not None else cell.median_before for cell in self.cells]

    def rag_series(self) -> list[int | None]:
        return [cell.rag_score for cell in self.cells]

    def direction(self) -> str:
        """"improved", "worse", "same" or "" (fewer than two rated events), by RAG then confidence."""
        rated = [cell for cell in self.cells if cell.rated]
        if len(rated) < 2:
            return ""
        first, last = rated[0], rated[-1]
        if first.rag_score is not None and last.rag_score is not None and first.rag_score != last.rag_score:
            return "improved" if last.rag_score > first.rag_score else "worse"
        before = first.median_after if first.median_after is not None else first.median_before
        after = last.median_after if last.median_after is not None else last.median_before
        if before is None or after is None or before == after:
            return "same"
        return "improved" if after > before else "worse"


@dataclass(frozen=True)
class ReviewTrend:
    review_id: uuid.UUID
    pseudonym: str
    events: tuple[TrendEvent, ...]
    points: tuple[PointTrend, ...]


@guarded
def reviews_with_events(store: "Store", *, minimum: int = 1) -> list[ReviewUsage]:
    """Reviews linked to at least `minimum` live events, most revisited first."""
    sql = """
        SELECT r.id, r.pseudonym, count(DISTINCT e.id) AS n, min(e.event_date) AS first, max(e.event_date) AS last
        FROM reviews r JOIN event_reviews er ON er.review_id = r.id JOIN events e ON e.id = er.event_id
        WHERE r.deleted_at IS NULL AND e.deleted_at IS NULL
        GROUP BY r.id HAVING n >= ? ORDER BY n DESC, last DESC, r.pseudonym COLLATE NOCASE
    """
    return [
        ReviewUsage(
            review_id=uuid.UUID(row["id"]),
            pseudonym=row["pseudonym"],
            event_count=row["n"],
            first_date=date.fromisoformat(row["first"]),
            last_date=date.fromisoformat(row["last"]),
        )
        for row in store.db.query(sql, [minimum])
    ]


@guarded
def review_trend(store: "Store", review_id: uuid.UUID | str) -> ReviewTrend:
    """Per learning point of the review, its rating at each live event that revisited it, oldest first."""
    rid = str(review_id)
    review = next(iter(store.db.query("SELECT pseudonym FROM reviews WHERE id = ? AND deleted_at IS NULL", [rid])), None)
    if review is None:
        raise NotFoundError(f"No review {rid} in {store.path}.")
    events = tuple(
        TrendEvent(uuid.UUID(row["id"]), row["title"], date.fromisoformat(row["event_date"]))
        for row in store.db.query(
            """SELECT e.id, e.title, e.event_date FROM events e JOIN event_reviews er ON er.event_id = e.id
               WHERE er.review_id = ? AND e.deleted_at IS NULL ORDER BY e.event_date, e.created_at""",
            [rid],
        )
    )
    points = [
        rows.learning_point_from_row(row)
        for row in store.db.query(
            "SELECT * FROM learning_points WHERE review_id = ? AND deleted_at IS NULL ORDER BY number", [rid]
        )
    ]
    ratings: dict[tuple[str, str], dict] = {}
    for row in store.db.query(
        """SELECT ra.event_id, ra.learning_point_id, ra.rag, ra.confidence_before, ra.confidence_after
           FROM ratings ra JOIN learning_points lp ON lp.id = ra.learning_point_id
           WHERE lp.review_id = ? AND ra.deleted_at IS NULL ORDER BY ra.updated_at""",
        [rid],
    ):
        ratings[(row["event_id"], row["learning_point_id"])] = row  # the newest wins if two were kept
    trends = []
    for point in points:
        cells = []
        for event in events:
            row = ratings.get((str(event.event_id), str(point.id)))
            cells.append(_cell(event, row) if row else TrendCell(event=event))
        trends.append(PointTrend(learning_point=point, cells=tuple(cells)))
    return ReviewTrend(review_id=uuid.UUID(rid), pseudonym=review["pseudonym"], events=events, points=tuple(trends))


def _cell(event: TrendEvent, row: dict) -> TrendCell:
    before = _tallies(row["confidence_before"])
    after = _tallies(row["confidence_after"])
    return TrendCell(
        event=event,
        rag=RAG(row["rag"]) if row["rag"] else None,
        median_before=tally_median(before),
        median_after=tally_median(after),
        votes_before=sum(before.values()),
        votes_after=sum(after.values()),
    )


def _tallies(text: str | None) -> dict[int, int]:
    raw = json.loads(text or "{}")
    return {int(score): int(count) for score, count in raw.items()}

"""Filtered, paged listing of past events for the review screens.

An archive of 500 events must open and scroll without loading them: every query here returns one page of
`EventSummary` rows (LIMIT/OFFSET) and the counts are done by SQLite, not by loading records.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from lif_tui.db.store import EVENT_SUMMARY_COLUMNS, fts_query, guarded, summary_from_row
from lif_tui.event_summary import EventSummary
from lif_tui.vocabulary import EventStatus

if TYPE_CHECKING:
    from lif_tui.db.store import Store

PAGE_SIZE = 100
"""Rows per page of the events list: a few screens' worth, so scrolling fetches rarely."""


@dataclass(frozen=True)
class ArchiveFilter:
    """What the facilitator narrowed the archive to. Empty fields do not filter."""

    review_id: uuid.UUID | None = None
    theme: str = ""
    date_from: date | None = None
    date_to: date | None = None
    status: EventStatus | None = None
    agency: str = ""
    """An agency that attended, recorded a finding or owns an action."""
    text: str = ""
    """Words in the title, or in any finding, action or learning point of the event."""

    @property
    def is_empty(self) -> bool:
        return self == ArchiveFilter()

    def describe(self) -> str:
        """A short line such as "closed · theme: neglect · from 2026-01-01", for the screen header."""
        parts = []
        if self.status is not None:
            parts.append(str(self.status))
        if self.theme:
            parts.append(f"theme: {self.theme}")
        if self.agency:
            parts.append(f"agency: {self.agency}")
        if self.date_from:
            parts.append(f"from {self.date_from.isoformat()}")
        if self.date_to:
            parts.append(f"to {self.date_to.isoformat()}")
        if self.text:
            parts.append(f"text: {self.text}")
        return " · ".join(parts)


@dataclass(frozen=True)
class FilterChoices:
    """The values the filter pickers offer, each taken from the data itself."""

    reviews: list[tuple[uuid.UUID, str]] = field(default_factory=list)
    """(review id, pseudonym) of every review linked to a live event."""
    themes: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)


def event_conditions(filters: ArchiveFilter, alias: str = "e") -> tuple[list[str], list[Any]]:
    """SQL conditions (and their parameters) selecting the events `filters` allows, on table alias `alias`.

    Shared by the events list and by search, so both narrow the archive the same way.
    """
    e = alias
    where = [f"{e}.deleted_at IS NULL"]
    params: list[Any] = []
    if filters.review_id is not None:
        where.append(f"EXISTS (SELECT 1 FROM event_reviews er WHERE er.event_id = {e}.id AND er.review_id = ?)")
        params.append(str(filters.review_id))
    if filters.theme.strip():
        theme = filters.theme.strip()
        where.append(
            f"""(EXISTS (SELECT 1 FROM event_reviews er JOIN reviews r ON r.id = er.review_id, json_each(r.themes) j
                         WHERE er.event_id = {e}.id AND j.value = ? COLLATE NOCASE)
                 OR EXISTS (SELECT 1 FROM event_reviews er JOIN learning_points lp ON lp.review_id = er.review_id
                         WHERE er.event_id = {e}.id AND lp.deleted_at IS NULL AND lp.theme = ? COLLATE NOCASE))"""
        )
        params += [theme, theme]
    if filters.date_from is not None:
        where.append(f"{e}.event_date >= ?")
        params.append(filters.date_from.isoformat())
    if filters.date_to is not None:
        where.append(f"{e}.event_date <= ?")
        params.append(filters.date_to.isoformat())
    if filters.status is not None:
        where.append(f"{e}.status = ?")
        params.append(str(filters.status))
    if filters.agency.strip():
        agency = filters.agency.strip()
        where.append(
            f"""(EXISTS (SELECT 1 FROM attendance a WHERE a.event_id = {e}.id AND a.deleted_at IS NULL
                         AND a.agency = ? COLLATE NOCASE)
                 OR EXISTS (SELECT 1 FROM findings f WHERE f.event_id = {e}.id AND f.deleted_at IS NULL
                         AND f.agency = ? COLLATE NOCASE)
                 OR EXISTS (SELECT 1 FROM actions ac WHERE ac.event_id = {e}.id AND ac.deleted_at IS NULL
                         AND ac.owner_agency = ? COLLATE NOCASE))"""
        )
        params += [agency, agency, agency]
    if filters.text.strip():
        match = fts_query(filters.text)
        like = "%" + filters.text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        if match:
            where.append(
                f"""({e}.title LIKE ? ESCAPE '\\' OR {e}.id IN (SELECT event_id FROM search_index
                         WHERE search_index MATCH ?)
                     OR EXISTS (SELECT 1 FROM event_reviews er WHERE er.event_id = {e}.id AND er.review_id IN
                         (SELECT lp.review_id FROM search_index s JOIN learning_points lp ON lp.id = s.item_id
                          WHERE search_index MATCH ? AND s.item_kind = 'learning_point')))"""
            )
            params += [like, match, match]
        else:
            where.append(f"{e}.title LIKE ? ESCAPE '\\'")
            params.append(like)
    return where, params


@guarded
def browse_events(
    store: "Store", filters: ArchiveFilter = ArchiveFilter(), *, limit: int = PAGE_SIZE, offset: int = 0
) -> list[EventSummary]:
    """One page of events matching `filters`, newest first, with finding and action counts."""
    where, params = event_conditions(filters)
    sql = f"""
        SELECT {EVENT_SUMMARY_COLUMNS}
        FROM events e WHERE {' AND '.join(where)}
        ORDER BY e.event_date DESC, e.created_at DESC
        LIMIT ? OFFSET ?
    """
    return [summary_from_row(row) for row in store.db.query(sql, [*params, max(0, limit), max(0, offset)])]


@guarded
def count_matching_events(store: "Store", filters: ArchiveFilter = ArchiveFilter()) -> int:
    where, params = event_conditions(filters)
    return store.db.execute(f"SELECT count(*) FROM events e WHERE {' AND '.join(where)}", params).fetchone()[0]


@guarded
def filter_choices(store: "Store") -> FilterChoices:
    """Reviews, themes and agencies that occur in live events, sorted for a picker."""
    reviews = [
        (uuid.UUID(row["id"]), row["pseudonym"])
        for row in store.db.query(
            """SELECT DISTINCT r.id, r.pseudonym FROM reviews r JOIN event_reviews er ON er.review_id = r.id
               JOIN events e ON e.id = er.event_id
               WHERE r.deleted_at IS NULL AND e.deleted_at IS NULL ORDER BY r.pseudonym COLLATE NOCASE"""
        )
    ]
    themes = [
        row["theme"]
        for row in store.db.query(
            """SELECT theme FROM (
                 SELECT j.value AS theme FROM reviews r, json_each(r.themes) j WHERE r.deleted_at IS NULL
                 UNION SELECT theme FROM learning_points WHERE deleted_at IS NULL)
               WHERE coalesce(theme, '') != '' GROUP BY lower(theme) ORDER BY lower(theme)"""
        )
    ]
    agencies = [
        row["agency"]
        for row in store.db.query(
            """SELECT agency FROM (
                 SELECT agency FROM attendance WHERE deleted_at IS NULL
                 UNION SELECT agency FROM findings WHERE deleted_at IS NULL
                 UNION SELECT owner_agency FROM actions WHERE deleted_at IS NULL)
               WHERE coalesce(agency, '') != '' GROUP BY lower(agency) ORDER BY lower(agency)"""
        )
    ]
    return FilterChoices(reviews=reviews, themes=themes, agencies=agencies)

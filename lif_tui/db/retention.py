"""Retention: erase closed events older than the partnership's policy allows, for good.

Soft delete is not enough here: the text must leave the file. So rows are hard-deleted with
`PRAGMA secure_delete=ON` (freed pages are overwritten with zeros), the full-text index is rebuilt (FTS5
otherwise keeps deleted words in its segments until a merge), the database is VACUUMed and the WAL is
truncated. Reviews stay even when no event links them any more: they are shared, published material.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Iterable

from lif_tui.db.store import guarded
from lif_tui.errors import UsageError
from lif_tui.event_summary import EventSummary
from lif_tui.vocabulary import EventStatus

if TYPE_CHECKING:
    from lif_tui.db.store import Store

EVENT_TABLES = ("findings", "actions", "ratings", "attendance", "phases", "event_reviews", "drafts")
"""Every table holding rows of one event, deleted before the event row itself (foreign keys)."""


@dataclass(frozen=True)
class PurgePlan:
    cutoff: date
    """Closed events dated before this day go."""
    events: list[EventSummary]


def years_before(today: date, years: int) -> date:
    """The same day `years` earlier (29 February becomes 28 February)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


@guarded
def purge_plan(store: "Store", older_than_years: int, *, today: date) -> PurgePlan:
    """Which events a purge would erase: closed (deleted or not) and dated before the cutoff."""
    if older_than_years < 1:
        raise UsageError("The retention period must be at least 1 year.")
    cutoff = years_before(today, older_than_years)
    sql = """
        SELECT e.id, e.title, e.event_date, e.status, e.partnership, e.marking, e.updated_at, e.deleted_at,
          (SELECT count(*) FROM findings f WHERE f.event_id = e.id) AS finding_count,
          (SELECT count(*) FROM actions a WHERE a.event_id = e.id) AS action_count
        FROM events e WHERE e.status = ? AND e.event_date < ? ORDER BY e.event_date
    """
    events = [
        EventSummary.from_row(row)
        for row in store.db.query(sql, [str(EventStatus.CLOSED), cutoff.isoformat()])
    ]
    return PurgePlan(cutoff=cutoff, events=events)


@guarded
def purge_events(store: "Store", event_ids: Iterable[uuid.UUID | str]) -> int:
    """Erase these events and every row that belongs to them, then compact the file; return how many went."""
    ids = [str(event_id) for event_id in event_ids]
    if not ids:
        return 0
    db = store.db
    previous = db.execute("PRAGMA secure_delete").fetchone()[0]
    db.execute("PRAGMA secure_delete=ON")
    try:
        with store.transaction():
            for event_id in ids:
                for table in EVENT_TABLES:
                    db.execute(f"DELETE FROM {table} WHERE event_id = ?", [event_id])
                db.execute("DELETE FROM events WHERE id = ?", [event_id])
            # The delete triggers removed the index rows; a rebuild also drops their words from the segments.
            db.execute("INSERT INTO search_index(search_index) VALUES ('rebuild')")
        db.execute("VACUUM")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.execute(f"PRAGMA secure_delete={int(previous)}")
    return len(ids)

"""One line of an events list, as a plain dataclass.

The home screen's list is the first thing the app paints, so this type is built from SQL rows without
pydantic (about 70 ms of imports that the first paint does not need). Rows come only from our own
database, in the formats the store writes, so parsing them needs no validation library.
`lif_tui.models` re-exports it with the rest of the domain model.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from lif_tui.errors import DataError
from lif_tui.vocabulary import EventStatus, Marking


def _timestamp(value: str | None) -> datetime | None:
    """Stored timestamps are UTC ISO text ending in Z; a naive one is taken as UTC, as the models do."""
    if value is None:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class EventSummary:
    """Enough to show and choose an event without loading it."""

    id: uuid.UUID
    title: str
    event_date: date
    status: EventStatus
    partnership: str = ""
    marking: Marking = Marking.OFFICIAL_SENSITIVE
    finding_count: int = 0
    action_count: int = 0
    review_pseudonyms: list[str] = field(default_factory=list)
    updated_at: datetime | None = None
    deleted_at: datetime | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "EventSummary":
        """From an `events` row plus counts; `reviews`, when selected, is the pseudonyms joined by ", "."""
        try:
            reviews = row.get("reviews")
            if not isinstance(row["title"], str):
                raise TypeError("the title is missing")
            return cls(
                id=uuid.UUID(row["id"]),
                title=row["title"],
                event_date=date.fromisoformat(row["event_date"]),
                status=EventStatus(row["status"]),
                partnership=row.get("partnership") or "",
                marking=Marking(row["marking"]) if row.get("marking") else Marking.OFFICIAL_SENSITIVE,
                finding_count=int(row.get("finding_count") or 0),
                action_count=int(row.get("action_count") or 0),
                review_pseudonyms=reviews.split(", ") if reviews else [],
                updated_at=_timestamp(row.get("updated_at")),
                deleted_at=_timestamp(row.get("deleted_at")),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise DataError(f"Stored data is not valid: event {row.get('id')}: {error}") from None

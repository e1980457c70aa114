"""Merge event bundles from another laptop into this database.

Every row has a UUID, so rows match by id alone. Where both copies hold a row, the one with the newer
`updated_at` wins; a tie keeps this laptop's copy. Rows only this laptop has are left alone (a merge never
deletes; soft deletions travel as rows with `deleted_at` set). So importing the same bundle twice changes
nothing, and two laptops that swap bundles converge.

All records of one import are merged in ONE transaction, and the merged events are re-read and validated
before it commits: either every file arrives whole or nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable

from pydantic import ValidationError

from lif_tui.db import rows
from lif_tui.db.store import guarded
from lif_tui.errors import DataError
from lif_tui.models import EventRecord, Review, utc_now, validation_messages

if TYPE_CHECKING:
    from lif_tui.db.store import Store


@dataclass
class MergeReport:
    """Row counts over events, reviews, learning points, attendance, phases, findings, ratings and actions."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_local: int = 0
    """Of the unchanged rows, how many this laptop had edited more recently than the bundle."""
    event_titles: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated)

    def summary(self) -> str:
        line = f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged"
        if self.kept_local:
            line += f" ({self.kept_local} kept because this laptop's copy is newer)"
        return line


def merge_record(store: "Store", record: EventRecord) -> MergeReport:
    """Merge one event bundle; see `merge_records`."""
    return merge_records(store, [record])


@guarded
def merge_records(store: "Store", records: Iterable[EventRecord]) -> MergeReport:
    """Merge every record in one transaction and return the counts; raise DataError and write nothing if
    the result would not be a valid event (for example two live learning points with the same number)."""
    report = MergeReport()
    records = list(records)
    with store.transaction():
        for record in records:
            _merge_one(store, record, report)
        for record in records:
            _validate_merged(store, record)
    return report


class _Merger:
    """Applies the newer-wins rule row by row and counts what happened."""

    def __init__(self, store: "Store", report: MergeReport):
        self.db = store.db
        self.report = report

    def local_row(self, table: str, row_id: str) -> dict[str, Any] | None:
        return next(iter(self.db.query(f"SELECT * FROM {table} WHERE id = ?", [row_id])), None)

    def apply(self, table: str, incoming: dict[str, Any], local: dict[str, Any] | None) -> bool:
        """Write `incoming` if it is new or newer than `local`; return True if it was written."""
        if local is None:
            columns = list(incoming)
            self.db.execute(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
                [incoming[c] for c in columns],
            )
            self.report.added += 1
            return True
        if incoming["updated_at"] > local["updated_at"]:  # one fixed-width UTC format, so text order is time order
            columns = [c for c in incoming if c != "id"]
            self.db.execute(
                f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
                [*(incoming[c] for c in columns), incoming["id"]],
            )
            self.report.updated += 1
            return True
        self.report.unchanged += 1
        if incoming["updated_at"] < local["updated_at"]:
            self.report.kept_local += 1
        return False

    def owned(self, table: str, owner_column: str, owner_id: str, row: dict[str, Any]) -> bool:
        local = self.local_row(table, row["id"])
        if local is not None and local.get(owner_column) != owner_id:
            raise DataError(
                f"The bundle's {table[:-1].replace('_', ' ')} {row['id']} belongs to a different "
                f"{owner_column.removesuffix('_id')} in this database; nothing was imported."
            )
        return self.apply(table, row, local)


def _merge_one(store: "Store", record: EventRecord, report: MergeReport) -> None:
    merger = _Merger(store, report)
    eid = str(record.event.id)
    for review in record.reviews:
        merger.apply("reviews", rows.review_to_row(review), merger.local_row("reviews", str(review.id)))
        for point in review.learning_points:
            merger.owned("learning_points", "review_id", str(review.id), rows.learning_point_to_row(point, review.id))
    if merger.apply("events", rows.event_to_row(record.event), merger.local_row("events", eid)):
        store.db.execute("DELETE FROM event_reviews WHERE event_id = ?", [eid])
        for position, review_id in enumerate(record.event.review_ids):
            store.db.execute(
                "INSERT INTO event_reviews (event_id, review_id, position) VALUES (?, ?, ?)",
                [eid, str(review_id), position],
            )
    for table in rows.EVENT_CHILD_TABLES:
        for item in getattr(record, table):
            merger.owned(table, "event_id", eid, rows.to_row(table, item, event_id=eid))
    _settle_duplicate_ratings(store, eid, report)
    report.event_titles.append(record.event.title)


def _settle_duplicate_ratings(store: "Store", event_id: str, report: MergeReport) -> None:
    """Two laptops may each have rated the same learning point: keep the newer rating, soft-delete the other.

    The loser's updated_at becomes now, so re-importing the older bundle cannot bring it back.
    """
    now = rows.format_timestamp(utc_now())
    duplicates = store.db.execute(
        """SELECT learning_point_id FROM ratings WHERE event_id = ? AND deleted_at IS NULL
           GROUP BY learning_point_id HAVING count(*) > 1""",
        [event_id],
    ).fetchall()
    for (point_id,) in duplicates:
        ids = [
            row[0]
            for row in store.db.execute(
                """SELECT id FROM ratings WHERE event_id = ? AND learning_point_id = ? AND deleted_at IS NULL
                   ORDER BY updated_at DESC, id""",
                [event_id, point_id],
            ).fetchall()
        ]
        for loser in ids[1:]:
            store.db.execute("UPDATE ratings SET deleted_at = ?, updated_at = ? WHERE id = ?", [now, now, loser])
            report.updated += 1


def _validate_merged(store: "Store", record: EventRecord) -> None:
    """Re-read what the merge produced; a model error here rolls the whole import back."""
    try:
        store.load_event(record.event.id, include_deleted=True)
        for review in record.reviews:
            _load_review(store, str(review.id))
    except ValidationError as error:
        reasons = "; ".join(validation_messages(error)[:3])
        raise DataError(
            f"Importing '{record.event.title}' would leave it inconsistent ({reasons}); nothing was imported."
        ) from None


def _load_review(store: "Store", review_id: str) -> Review:
    """The review with every learning point, validated as a whole (the store's loader skips that check)."""
    row = next(iter(store.db.query("SELECT * FROM reviews WHERE id = ?", [review_id])))
    points = [
        rows.learning_point_from_row(p)
        for p in store.db.query("SELECT * FROM learning_points WHERE review_id = ? ORDER BY number", [review_id])
    ]
    review = rows.review_from_row(row, points)
    return Review.model_validate(review.model_dump())

"""The Store: the only way the rest of lif-tui reads or writes the database.

Its API takes and returns domain models. Every capture (finding, rating, action, phase time, draft) is
committed, with WAL and synchronous=FULL, before the call returns: if the laptop dies the moment after,
the row is on disk. Calls are serialised with a lock so Textual thread workers can share one Store.

Start-up (open, check, list the events) runs on the plain sqlite3 connection and never imports pydantic or
sqlite-utils (about 115 ms of imports between them): `db`, the sqlite-utils wrapper, is made on first use,
and the models are imported by the methods that build them.
"""

from __future__ import annotations

import contextlib
import functools
import sqlite3
import threading
import uuid
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, ParamSpec, TypeVar

from lif_tui.db import rows
from lif_tui.db.connection import open_database
from lif_tui.errors import NotFoundError, StoreError, UsageError
from lif_tui.event_summary import EventSummary

if TYPE_CHECKING:
    import sqlite_utils

    from lif_tui.db.search import ArchiveHit
    from lif_tui.models import Action, EventRecord, EventStatus, Finding, Phase, Rating, Review

P = ParamSpec("P")
R = TypeVar("R")
ModelT = TypeVar("ModelT", "Finding", "Action", "Phase")

EVENT_SUMMARY_COLUMNS = """
    e.id, e.title, e.event_date, e.status, e.partnership, e.marking, e.updated_at, e.deleted_at,
    (SELECT count(*) FROM findings f WHERE f.event_id = e.id AND f.deleted_at IS NULL) AS finding_count,
    (SELECT count(*) FROM actions a WHERE a.event_id = e.id AND a.deleted_at IS NULL) AS action_count,
    (SELECT group_concat(pseudonym, ', ') FROM (SELECT r.pseudonym FROM event_reviews er
       JOIN reviews r ON r.id = er.review_id WHERE er.event_id = e.id ORDER BY er.position)) AS reviews
"""
"""What one line of an events list needs, for `FROM events e`: shared by list_events and the archive browser."""


def summary_from_row(row: dict[str, Any]) -> EventSummary:
    """An EventSummary from a row selected with EVENT_SUMMARY_COLUMNS."""
    return EventSummary.from_row(row)


def utc_now() -> datetime:
    """`lif_tui.models.utc_now`, imported on first use so that importing the store does not load pydantic."""
    from lif_tui.models import utc_now as now

    return now()


def query_dicts(conn: sqlite3.Connection, sql: str, params: Any = ()) -> Iterator[dict[str, Any]]:
    """Rows as dicts, as sqlite-utils' `query` gives them, on the plain connection."""
    cursor = conn.execute(sql, params)
    names = [column[0] for column in cursor.description]
    for row in cursor:
        yield dict(zip(names, row))


def _describe(error: sqlite3.Error) -> str:
    text = str(error)
    lowered = text.lower()
    if "readonly" in lowered or "read-only" in lowered:
        return "the database has become read-only"
    if "full" in lowered:
        return "the disk is full"
    if "locked" in lowered or "busy" in lowered:
        return "another copy of lif-tui is using the database"
    if "disk i/o" in lowered:
        return "the disk reported an input/output error"
    return text


def guarded(method: Callable[P, R]) -> Callable[P, R]:
    """Serialise the call and turn SQLite failures into a StoreError that names the file.

    Nothing is half-written: each method does its writes in one transaction, which rolls back on error.
    """

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        store: Store = args[0]  # type: ignore[assignment]
        with store._lock:
            try:
                return method(*args, **kwargs)
            except sqlite3.Error as error:
                raise StoreError(f"Could not {method.__name__.replace('_', ' ')} in {store.path}: {_describe(error)}.") from None

    return wrapper


def _id(value: uuid.UUID | str) -> str:
    return str(value)


class Store:
    """A lif-tui database. Open it with `Store.open(path)`; close it when done."""

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.conn = conn
        self.path = path
        self._lock = threading.RLock()
        self._db: sqlite_utils.Database | None = None

    @property
    def db(self) -> sqlite_utils.Database:
        """The sqlite-utils wrapper over `conn` (upserts, schema helpers), made on first use."""
        if self._db is None:
            from lif_tui.db.sqlite_utils_loader import wrap

            with self._lock:
                if self._db is None:
                    self._db = wrap(self.conn)
        return self._db

    @classmethod
    def open(cls, path: Path | str, *, create: bool = True) -> "Store":
        path = Path(path)
        return cls(open_database(path, create=create), path)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction, taken with BEGIN IMMEDIATE and committed (durably) on exit.

        IMMEDIATE takes the write lock up front, so when another copy of the app is writing, SQLite's busy
        timeout waits for it instead of failing later on a stale read snapshot. Nested calls (and
        sqlite-utils' own writes) become savepoints inside it.
        """
        with self._lock:
            if self.conn.in_transaction:
                with self.db.atomic():
                    yield
                return
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:  # a failed COMMIT (disk full) leaves it open
                    self.conn.execute("ROLLBACK")
                raise

    def warm_up(self) -> None:
        """Import and build now, ideally in a background thread, what the first load or write will need.

        Start-up leaves out pydantic, the models' validators and sqlite-utils; without this, the first key
        that loads or saves an event would pay for them (about 150 ms).
        """
        from lif_tui.models import build_validators

        build_validators()
        self.db  # noqa: B018 - imports sqlite-utils and makes the wrapper

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- events

    @guarded
    def list_events(
        self,
        *,
        include_deleted: bool = False,
        status: EventStatus | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[EventSummary]:
        """Events newest first, with finding and action counts, without loading their contents."""
        where = ["1=1"]
        params: list[Any] = []
        if not include_deleted:
            where.append("e.deleted_at IS NULL")
        if status is not None:
            where.append("e.status = ?")
            params.append(str(status))
        sql = f"""
            SELECT {EVENT_SUMMARY_COLUMNS}
            FROM events e WHERE {' AND '.join(where)}
            ORDER BY e.event_date DESC, e.created_at DESC
            LIMIT ? OFFSET ?
        """
        params += [-1 if limit is None else limit, offset]
        return [summary_from_row(row) for row in query_dicts(self.conn, sql, params)]

    @guarded
    def count_events(self, *, include_deleted: bool = False) -> int:
        sql = "SELECT count(*) FROM events" + ("" if include_deleted else " WHERE deleted_at IS NULL")
        return self.conn.execute(sql).fetchone()[0]

    @guarded
    def resolve_event(self, ref: str) -> uuid.UUID:
        """Find an event by its full id or a unique prefix of it (as `lif-tui list` prints)."""
        ref = (ref or "").strip().lower()
        if len(ref) < 4:
            raise UsageError("Give at least the first 4 characters of the event id (see `lif-tui list`).")
        matches = [
            row["id"]
            for row in query_dicts(
                self.conn,
                "SELECT id FROM events WHERE id LIKE ? ESCAPE '\\' AND deleted_at IS NULL",
                [ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"],
            )
        ]
        if not matches:
            raise NotFoundError(f"No event id starts with '{ref}' in {self.path}.")
        if len(matches) > 1:
            raise UsageError(f"'{ref}' matches {len(matches)} events; give more of the id.")
        return uuid.UUID(matches[0])

    @guarded
    def load_event(self, event_id: uuid.UUID | str, *, include_deleted: bool = False) -> EventRecord:
        """The whole event. Soft-deleted rows are left out unless asked for (bundles ask for them)."""
        from lif_tui.models import EventRecord

        eid = _id(event_id)
        event_row = next(iter(self.db.query("SELECT * FROM events WHERE id = ?", [eid])), None)
        if event_row is None or (event_row["deleted_at"] and not include_deleted):
            raise NotFoundError(f"No event {eid} in {self.path}.")
        review_ids = [
            r["review_id"]
            for r in self.db.query("SELECT review_id FROM event_reviews WHERE event_id = ? ORDER BY position", [eid])
        ]
        event = rows.event_from_row(event_row, review_ids)
        reviews = [self._load_review(rid, include_deleted) for rid in review_ids]
        children: dict[str, list[Any]] = {}
        alive = "" if include_deleted else " AND deleted_at IS NULL"
        for table in rows.EVENT_CHILD_TABLES:
            order = "position, rowid" if table == "phases" else "created_at, rowid"
            children[table] = [
                rows.child_from_row(table, row)
                for row in self.db.query(f"SELECT * FROM {table} WHERE event_id = ?{alive} ORDER BY {order}", [eid])
            ]
        return EventRecord(event=event, reviews=reviews, **children)

    def _load_review(self, review_id: str, include_deleted: bool) -> Review:
        row = next(iter(self.db.query("SELECT * FROM reviews WHERE id = ?", [review_id])), None)
        if row is None:
            raise NotFoundError(f"Review {review_id} is missing from {self.path}.")
        alive = "" if include_deleted else " AND deleted_at IS NULL"
        points = [
            rows.learning_point_from_row(p)
            for p in self.db.query(
                f"SELECT * FROM learning_points WHERE review_id = ?{alive} ORDER BY number", [review_id]
            )
        ]
        return rows.review_from_row(row, points)

    @guarded
    def save_event(self, record: EventRecord) -> None:
        """Make the stored event match `record`, in one transaction.

        Rows in the record are inserted or updated. Rows of this event that the record no longer holds are
        soft-deleted (so an edit in set-up that removes an attendance row can still be undone), never erased.
        """
        eid = _id(record.event.id)
        now = rows.format_timestamp(utc_now())
        with self.transaction():
            for review in record.reviews:
                self._upsert_review(review, now)
            self.db["events"].upsert(rows.event_to_row(record.event), pk="id")
            self.db.execute("DELETE FROM event_reviews WHERE event_id = ?", [eid])
            for position, review_id in enumerate(record.event.review_ids):
                self.db["event_reviews"].insert(
                    {"event_id": eid, "review_id": _id(review_id), "position": position}
                )
            for table in rows.EVENT_CHILD_TABLES:
                items = getattr(record, table)
                if items:
                    self.db[table].upsert_all((rows.to_row(table, item, event_id=eid) for item in items), pk="id")
                keep = [_id(item.id) for item in items]
                self._soft_delete_missing(table, "event_id", eid, keep, now)

    def _upsert_review(self, review: Review, now: str | None) -> None:
        self.db["reviews"].upsert(rows.review_to_row(review), pk="id")
        points = review.learning_points
        if points:
            self.db["learning_points"].upsert_all(
                (rows.learning_point_to_row(point, review.id) for point in points), pk="id"
            )
        self._soft_delete_missing("learning_points", "review_id", _id(review.id), [_id(p.id) for p in points], now)

    def _soft_delete_missing(self, table: str, owner_column: str, owner_id: str, keep: list[str], now: str | None) -> None:
        placeholders = ",".join("?" for _ in keep) or "NULL"
        self.db.execute(
            f"UPDATE {table} SET deleted_at = ?, updated_at = ? WHERE {owner_column} = ? "
            f"AND deleted_at IS NULL AND id NOT IN ({placeholders})",
            [now, now, owner_id, *keep],
        )

    @guarded
    def delete_event(self, event_id: uuid.UUID | str) -> None:
        """Soft-delete an event: it leaves the lists but can be restored with `restore_event`."""
        self._set_deleted("events", event_id, deleted=True)

    @guarded
    def restore_event(self, event_id: uuid.UUID | str) -> None:
        self._set_deleted("events", event_id, deleted=False)

    @guarded
    def set_event_status(self, event_id: uuid.UUID | str, status: EventStatus) -> None:
        self._update("events", event_id, {"status": str(status)})

    @guarded
    def set_current_phase(self, event_id: uuid.UUID | str, phase_id: uuid.UUID | str | None) -> None:
        """Remember where the facilitator is, so a restart resumes at the same phase."""
        self._update("events", event_id, {"current_phase_id": None if phase_id is None else _id(phase_id)})

    # ----------------------------------------------------------------- reviews

    @guarded
    def list_reviews(self) -> list[Review]:
        """Every review with its learning points, for linking an existing review to a new event."""
        return [
            self._load_review(row["id"], False)
            for row in self.db.query("SELECT id FROM reviews WHERE deleted_at IS NULL ORDER BY pseudonym COLLATE NOCASE")
        ]

    @guarded
    def save_review(self, review: Review) -> None:
        with self.transaction():
            self._upsert_review(review, rows.format_timestamp(utc_now()))

    # ----------------------------------------------------------------- captures

    @guarded
    def add_finding(self, event_id: uuid.UUID | str, finding: Finding, *, clear_draft: bool = False) -> Finding:
        """Insert and commit a finding; when this returns, the finding is on disk.

        With clear_draft, the capture bar's saved draft is emptied in the same transaction, so after a
        crash the draft never comes back holding text that was already saved as this finding.
        """
        row = rows.to_row("findings", finding, event_id=_id(event_id))
        # A plain prepared INSERT: sqlite-utils' insert() reads the schema on every call, which was
        # half the cost of a capture. The statement text depends only on the column names.
        sql = 'INSERT INTO findings ({}) VALUES ({})'.format(
            ", ".join(f'"{name}"' for name in row), ", ".join("?" * len(row))
        )
        with self.transaction():
            self.conn.execute(sql, list(row.values()))
            if clear_draft:
                self.conn.execute("DELETE FROM drafts WHERE event_id = ?", [_id(event_id)])
        return finding

    @guarded
    def update_finding(self, finding: Finding) -> Finding:
        return self._update_model("findings", finding)

    @guarded
    def delete_finding(self, finding_id: uuid.UUID | str) -> None:
        """Soft delete: the row stays, so `restore_finding` (undo) brings it back exactly."""
        self._set_deleted("findings", finding_id, deleted=True)

    @guarded
    def restore_finding(self, finding_id: uuid.UUID | str) -> None:
        self._set_deleted("findings", finding_id, deleted=False)

    @guarded
    def get_finding(self, finding_id: uuid.UUID | str) -> Finding:
        row = self._get_row("findings", finding_id)
        return rows.child_from_row("findings", row)  # type: ignore[return-value]

    @guarded
    def save_rating(self, event_id: uuid.UUID | str, rating: Rating) -> Rating:
        """Insert or replace the rating for one learning point of this event, committed on return."""
        eid = _id(event_id)
        rating = rating.model_copy(update={"updated_at": utc_now()})
        with self.transaction():
            existing = self.db.execute(
                "SELECT id FROM ratings WHERE event_id = ? AND learning_point_id = ? AND deleted_at IS NULL AND id != ?",
                [eid, _id(rating.learning_point_id), _id(rating.id)],
            ).fetchall()
            if existing:
                raise StoreError(f"Learning point {rating.learning_point_id} already has a rating in this event.")
            self.db["ratings"].upsert(rows.to_row("ratings", rating, event_id=eid), pk="id")
        return rating

    @guarded
    def add_action(self, event_id: uuid.UUID | str, action: Action) -> Action:
        with self.transaction():
            self.db["actions"].insert(rows.to_row("actions", action, event_id=_id(event_id)))
        return action

    @guarded
    def update_action(self, action: Action) -> Action:
        return self._update_model("actions", action)

    @guarded
    def delete_action(self, action_id: uuid.UUID | str) -> None:
        self._set_deleted("actions", action_id, deleted=True)

    @guarded
    def restore_action(self, action_id: uuid.UUID | str) -> None:
        self._set_deleted("actions", action_id, deleted=False)

    @guarded
    def save_phase_time(self, phase_id: uuid.UUID | str, elapsed_seconds: float) -> None:
        """Persist a phase's elapsed time; the timer calls this as it runs so a restart keeps it."""
        self._update("phases", phase_id, {"elapsed_seconds": float(max(0.0, elapsed_seconds))})

    @guarded
    def update_phase(self, phase: Phase) -> Phase:
        return self._update_model("phases", phase)

    # ----------------------------------------------------------------- drafts

    @guarded
    def save_draft(self, event_id: uuid.UUID | str, text: str) -> None:
        """Keep the capture bar's unsent text, committed, so it returns after a crash."""
        with self.transaction():
            self.db["drafts"].upsert(
                {"event_id": _id(event_id), "text": text, "updated_at": rows.format_timestamp(utc_now())},
                pk="event_id",
            )

    @guarded
    def load_draft(self, event_id: uuid.UUID | str) -> str:
        row = self.db.execute("SELECT text FROM drafts WHERE event_id = ?", [_id(event_id)]).fetchone()
        return row[0] if row and row[0] else ""

    # ----------------------------------------------------------------- search

    def search(self, query: str, *, limit: int = 50) -> list["ArchiveHit"]:
        """Ranked full-text hits over findings, actions and learning points (words, "phrases", prefix*).

        One search serves the CLI, the screens and this shortcut: `lif_tui.db.search.search_archive`.
        """
        from lif_tui.db.search import search_archive

        return search_archive(self, query, limit=limit)

    # ----------------------------------------------------------------- maintenance

    @guarded
    def integrity_check(self) -> str:
        return self.db.execute("PRAGMA integrity_check").fetchone()[0]

    # ----------------------------------------------------------------- helpers

    def _get_row(self, table: str, item_id: uuid.UUID | str) -> dict[str, Any]:
        row = next(iter(self.db.query(f"SELECT * FROM {table} WHERE id = ?", [_id(item_id)])), None)
        if row is None:
            raise NotFoundError(f"No {table[:-1]} {item_id} in {self.path}.")
        return row

    def _update_model(self, table: str, model: ModelT) -> ModelT:
        """Write every field of an existing row from its model, stamping updated_at; return the stamped model."""
        updated = model.model_copy(update={"updated_at": utc_now()})
        row = rows.to_row(table, updated)
        row.pop("id")
        row.pop("created_at")
        self._update(table, model.id, row, touch=False)
        return updated

    def _update(self, table: str, item_id: uuid.UUID | str, values: dict[str, Any], *, touch: bool = True) -> None:
        if touch:
            values = {**values, "updated_at": rows.format_timestamp(utc_now())}
        assignments = ", ".join(f"{column} = ?" for column in values)
        with self.transaction():
            cursor = self.db.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", [*values.values(), _id(item_id)])
            if cursor.rowcount == 0:
                raise NotFoundError(f"No {table[:-1]} {item_id} in {self.path}.")

    def _set_deleted(self, table: str, item_id: uuid.UUID | str, *, deleted: bool) -> None:
        stamp = rows.format_timestamp(utc_now()) if deleted else None
        self._update(table, item_id, {"deleted_at": stamp})


def fts_query(text: str) -> str:
    """Turn what a person types into a safe FTS5 query.

    Words are ANDed; "quoted phrases" stay phrases; a trailing * keeps prefix search. Everything else
    that FTS5 would read as syntax is quoted away, so no input can raise a syntax error.
    """
    parts: list[str] = []
    text = (text or "").strip()
    segments = text.split('"')
    for index, segment in enumerate(segments):
        if index % 2 == 1:  # inside quotes
            words = [w for w in _tokens(segment)]
            if words:
                parts.append('"' + " ".join(words) + '"')
            continue
        for raw in segment.split():
            prefix = raw.endswith("*")
            words = _tokens(raw)
            for position, word in enumerate(words):
                star = "*" if prefix and position == len(words) - 1 else ""
                parts.append(f'"{word}"{star}')
    return " ".join(parts)


def _tokens(text: str) -> list[str]:
    """Split on anything that is not a letter or digit, as the unicode61 tokenizer does."""
    word = []
    out = []
    for char in text:
        if char.isalnum():
            word.append(char)
        elif word:
            out.append("".join(word))
            word = []
    if word:
        out.append("".join(word))
    return out


def open_store(path: Path | str, *, create: bool = True) -> Store:
    return Store.open(path, create=create)

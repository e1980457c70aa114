"""Schema migrations, applied one step at a time on `PRAGMA user_version`.

Each step is a function that takes the database at version N-1 and leaves it at version N, inside one
transaction. Never edit a released step: add a new one. `tests/test_migrations.py` builds a version-1
database with real rows and migrates it forward.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Callable

from lif_tui.db.sqlite_utils_loader import wrap

if TYPE_CHECKING:
    import sqlite_utils

APPLICATION_ID = 0x4C494654
"""`PRAGMA application_id` of every lif-tui database ("LIFT"); it tells our files from other SQLite files."""

_TIMESTAMPS = {"created_at": str, "updated_at": str, "deleted_at": str}


def _create(db: sqlite_utils.Database, name: str, columns: dict, **kwargs) -> None:
    db[name].create({"id": str, **columns, **_TIMESTAMPS}, pk="id", not_null={"id", "created_at", "updated_at"}, **kwargs)


def _v1_base_tables(db: sqlite_utils.Database) -> None:
    """The first schema: one table per model, JSON text for small lists."""
    _create(
        db,
        "reviews",
        {
            "pseudonym": str,
            "review_type": str,
            "year": str,
            "published_on": str,
            "status": str,
            "parallel_proceedings": int,
            "themes": str,
            "summary": str,
        },
    )
    _create(
        db,
        "learning_points",
        {"review_id": str, "number": int, "text": str, "theme": str},
        foreign_keys=[("review_id", "reviews", "id")],
    )
    _create(
        db,
        "events",
        {
            "title": str,
            "event_date": str,
            "venue": str,
            "partnership": str,
            "facilitator": str,
            "marking": str,
            "status": str,
            "purpose": str,
            "reflection_questions": str,
            "resources": str,
            "watch_salt": str,
            "watch_hashes": str,
            "current_phase_id": str,
        },
    )
    db["event_reviews"].create(
        {"event_id": str, "review_id": str, "position": int},
        pk=("event_id", "review_id"),
        foreign_keys=[("event_id", "events", "id"), ("review_id", "reviews", "id")],
    )
    event_fk = [("event_id", "events", "id")]
    _create(
        db,
        "attendance",
        {"event_id": str, "agency": str, "role": str, "count": int, "involved_in_case": int},
        foreign_keys=event_fk,
    )
    _create(
        db,
        "phases",
        {
            "event_id": str,
            "position": int,
            "kind": str,
            "title": str,
            "prompt": str,
            "planned_minutes": int,
            "elapsed_seconds": float,
            "learning_point_id": str,
        },
        foreign_keys=event_fk,
    )
    _create(
        db,
        "findings",
        {
            "event_id": str,
            "kind": str,
            "text": str,
            "learning_point_id": str,
            "agency": str,
            "evidence_type": str,
            "phase_id": str,
        },
        foreign_keys=event_fk,
    )
    _create(
        db,
        "ratings",
        {
            "event_id": str,
            "learning_point_id": str,
            "rag": str,
            "confidence_before": str,
            "confidence_after": str,
        },
        foreign_keys=event_fk,
    )
    _create(
        db,
        "actions",
        {
            "event_id": str,
            "text": str,
            "learning_point_id": str,
            "owner_agency": str,
            "owner_role": str,
            "due_date": str,
            "measure": str,
            "status": str,
            "progress_notes": str,
        },
        foreign_keys=event_fk,
    )
    db["drafts"].create({"event_id": str, "text": str, "updated_at": str}, pk="event_id")
    for table, columns in (
        ("learning_points", ["review_id"]),
        ("attendance", ["event_id"]),
        ("phases", ["event_id", "position"]),
        ("findings", ["event_id", "created_at"]),
        ("ratings", ["event_id", "learning_point_id"]),
        ("actions", ["event_id"]),
        ("events", ["event_date"]),
    ):
        db[table].create_index(columns)


_FTS_SOURCES = {
    # table: (kind label, expression for the indexed text, expression for the event id)
    "findings": ("finding", "NEW.text", "NEW.event_id"),
    "actions": (
        "action",
        "NEW.text || CASE WHEN coalesce(NEW.measure, '') = '' THEN '' ELSE ' (measure: ' || NEW.measure || ')' END",
        "NEW.event_id",
    ),
    "learning_points": (
        "learning_point",
        "NEW.text || CASE WHEN coalesce(NEW.theme, '') = '' THEN '' ELSE ' (' || NEW.theme || ')' END",
        "NULL",
    ),
}


def _v2_full_text_search(db: sqlite_utils.Database) -> None:
    """An FTS5 index over finding, action and learning-point text, kept in step by triggers.

    Soft-deleted rows leave the index and come back on undo. The unicode61 tokenizer folds diacritics,
    so "cafe" finds "café".
    """
    db.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "body, item_kind UNINDEXED, item_id UNINDEXED, event_id UNINDEXED, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    for table, (kind, body, event_id) in _FTS_SOURCES.items():
        add = (
            f"INSERT INTO search_index (body, item_kind, item_id, event_id) "
            f"SELECT {body}, '{kind}', NEW.id, {event_id} WHERE NEW.deleted_at IS NULL;"
        )
        remove = f"DELETE FROM search_index WHERE item_kind = '{kind}' AND item_id = OLD.id;"
        db.execute(f"CREATE TRIGGER {table}_search_insert AFTER INSERT ON {table} BEGIN {add} END")
        db.execute(f"CREATE TRIGGER {table}_search_update AFTER UPDATE ON {table} BEGIN {remove} {add} END")
        db.execute(f"CREATE TRIGGER {table}_search_delete AFTER DELETE ON {table} BEGIN {remove} END")
        # Index the rows that existed before this migration.
        backfill = body.replace("NEW.", "")
        event_expr = event_id.replace("NEW.", "")
        db.execute(
            f"INSERT INTO search_index (body, item_kind, item_id, event_id) "
            f"SELECT {backfill}, '{kind}', id, {event_expr} FROM {table} WHERE deleted_at IS NULL"
        )


_SEARCH_REMOVE = (
    "DELETE FROM search_index WHERE rowid = (SELECT fts_rowid FROM search_map WHERE item_id = OLD.id); "
    "DELETE FROM search_map WHERE item_id = OLD.id;"
)
"""Trigger body that takes an item out of the index through the map (versions 3 and 4)."""


def _v3_search_index_by_rowid(db: sqlite_utils.Database) -> None:
    """Find an item's index row by rowid, so an edit, delete or undo no longer scans the whole index.

    Version 2's triggers deleted by `item_id`, an UNINDEXED column: every edit scanned all of the index
    (about 36 ms at 100,000 findings). A small map from item id to index rowid makes it a direct lookup.
    FTS5 keeps its rowids through VACUUM, so the map stays true.
    """
    for table in _FTS_SOURCES:
        for event in ("insert", "update", "delete"):
            db.execute(f"DROP TRIGGER IF EXISTS {table}_search_{event}")
    db.execute("CREATE TABLE search_map (item_id TEXT PRIMARY KEY, fts_rowid INTEGER NOT NULL) WITHOUT ROWID")
    db.execute("DELETE FROM search_index")
    next_rowid = "(SELECT coalesce(max(rowid), 0) + 1 FROM search_index)"
    for table, (kind, body, event_id) in _FTS_SOURCES.items():
        add = (
            f"INSERT INTO search_index (rowid, body, item_kind, item_id, event_id) "
            f"SELECT {next_rowid}, {body}, '{kind}', NEW.id, {event_id} WHERE NEW.deleted_at IS NULL; "
            f"INSERT OR REPLACE INTO search_map (item_id, fts_rowid) "
            f"SELECT NEW.id, (SELECT max(rowid) FROM search_index) WHERE NEW.deleted_at IS NULL;"
        )
        db.execute(f"CREATE TRIGGER {table}_search_insert AFTER INSERT ON {table} BEGIN {add} END")
        db.execute(f"CREATE TRIGGER {table}_search_update AFTER UPDATE ON {table} BEGIN {_SEARCH_REMOVE} {add} END")
        db.execute(f"CREATE TRIGGER {table}_search_delete AFTER DELETE ON {table} BEGIN {_SEARCH_REMOVE} END")
        backfill = body.replace("NEW.", "")
        event_expr = event_id.replace("NEW.", "")
        db.execute(
            f"INSERT INTO search_index (body, item_kind, item_id, event_id) "
            f"SELECT {backfill}, '{kind}', id, {event_expr} FROM {table} WHERE deleted_at IS NULL ORDER BY rowid"
        )
    db.execute("INSERT INTO search_map (item_id, fts_rowid) SELECT item_id, rowid FROM search_index")


def _v4_search_rowid_from_the_insert(db: sqlite_utils.Database) -> None:
    """Let FTS5 number each index row and map it with last_insert_rowid().

    Version 3's triggers asked the index for max(rowid) twice per row: once to number the new index row
    and once to map it. Each is a query on the FTS5 table, and together they were about a fifth of the
    time to commit a captured finding. Inside a trigger, last_insert_rowid() is the rowid of the index
    row just inserted, so one insert and one map row are enough. The delete triggers do not change.
    """
    for table, (kind, body, event_id) in _FTS_SOURCES.items():
        add = (
            f"INSERT INTO search_index (body, item_kind, item_id, event_id) "
            f"SELECT {body}, '{kind}', NEW.id, {event_id} WHERE NEW.deleted_at IS NULL; "
            f"INSERT OR REPLACE INTO search_map (item_id, fts_rowid) "
            f"SELECT NEW.id, last_insert_rowid() WHERE NEW.deleted_at IS NULL;"
        )
        db.execute(f"DROP TRIGGER {table}_search_insert")
        db.execute(f"DROP TRIGGER {table}_search_update")
        db.execute(f"CREATE TRIGGER {table}_search_insert AFTER INSERT ON {table} BEGIN {add} END")
        db.execute(f"CREATE TRIGGER {table}_search_update AFTER UPDATE ON {table} BEGIN {_SEARCH_REMOVE} {add} END")


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _v1_base_tables,
    _v2_full_text_search,
    _v3_search_index_by_rowid,
    _v4_search_rowid_from_the_insert,
]
LATEST_VERSION = len(MIGRATIONS)


def user_version(db: sqlite_utils.Database | sqlite3.Connection) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: sqlite_utils.Database | sqlite3.Connection, target: int = LATEST_VERSION) -> int:
    """Apply each missing step in its own transaction; return the version reached.

    Takes a plain connection too: an up-to-date database (every open but the first after an upgrade) is
    checked with one PRAGMA, and sqlite-utils is imported only when a step has to run.
    """
    current = user_version(db)
    if current >= target:
        return current
    if isinstance(db, sqlite3.Connection):
        db = wrap(db)
    while current < target:
        step = MIGRATIONS[current]
        with db.atomic():
            step(db)
            current += 1
            db.execute(f"PRAGMA user_version = {current}")
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    return current

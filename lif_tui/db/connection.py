"""Opening a database file safely: refuse what is not ours, corrupt or too new, before writing a byte.

A facilitator who passes the wrong file to `--db` must get a one-line error naming the path, and the
file must be left exactly as it was. So every check runs on a read-only connection first.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import Iterator

from lif_tui.db.migrations import APPLICATION_ID, LATEST_VERSION, migrate
from lif_tui.errors import StoreError
from lif_tui.paths import IS_POSIX, make_private_dir, make_private_file

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
"""How long a write waits for another copy of the app holding the lock before it reports the clash."""


def _read_only_uri(path: Path) -> str:
    """A read-only URI that creates no -wal or -shm file beside a file we may be about to refuse.

    With no -wal file present there is nothing beyond the main file to read, so `immutable=1` is exact.
    With one present (say, after a crash) the WAL must be read, and SQLite reuses the existing files.
    """
    wal = Path(str(path) + "-wal")
    suffix = "?mode=ro" if wal.exists() else "?mode=ro&immutable=1"
    return path.resolve().as_uri() + suffix


def inspect_existing(path: Path) -> None:
    """Raise StoreError if `path` is not a healthy lif-tui database this version can open.

    Runs on a read-only connection, so nothing is written to a file we are about to refuse.
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise StoreError(f"Cannot read {path}: {error.strerror or error}") from None
    if header != SQLITE_HEADER:
        raise StoreError(f"{path} is not a lif-tui database (it is not an SQLite file). Nothing was changed.")
    try:
        conn = sqlite3.connect(_read_only_uri(path), uri=True)
    except sqlite3.Error as error:
        raise StoreError(f"Cannot open {path}: {error}") from None
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id != APPLICATION_ID and tables:
            raise StoreError(
                f"{path} is an SQLite file but not a lif-tui database. Nothing was changed; "
                "pass the path of a lif-tui database, or a new file name."
            )
        if version > LATEST_VERSION:
            raise StoreError(
                f"{path} was written by a newer lif-tui (schema {version}; this version understands up to "
                f"{LATEST_VERSION}). Upgrade lif-tui to open it. Nothing was changed."
            )
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise StoreError(f"{path} is damaged (integrity check: {result}). Nothing was changed; restore a backup.")
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path} is corrupt or not a database ({error}). Nothing was changed; restore a backup.") from None
    finally:
        conn.close()


def _create_private_file(path: Path) -> None:
    """Create the empty database file 0600 before SQLite opens it, so it is never readable by others.

    SQLite gives its -wal and -shm files the same permissions as the database file.
    """
    flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags, 0o600)
    except FileExistsError:
        return
    except OSError as error:
        raise StoreError(f"Cannot create {path}: {error.strerror or error}") from None
    os.close(fd)


def open_database(path: Path, *, create: bool = True) -> sqlite3.Connection:
    """Open (creating if allowed) a lif-tui database, checked, migrated, in WAL with synchronous=FULL.

    Returns the plain connection: the checks and pragmas need nothing more, and the Store wraps it in
    sqlite-utils only when a method needs that (start-up does not).
    """
    path = Path(path)
    return finish_opening(connect_checked(path, create=create), path)


def connect_checked(path: Path, *, create: bool = True) -> sqlite3.Connection:
    """The first half of `open_database`: check the file, connect, and set WAL and the other pragmas.

    It imports nothing and spends its time inside SQLite (the integrity check), so the app can run it in
    a thread while it imports Textual (see `lif_tui.db.start_opening_store`).
    """
    if path.is_dir():
        raise StoreError(f"{path} is a folder; pass the path of a database file.")
    exists = path.exists() and path.stat().st_size > 0
    if exists:
        inspect_existing(path)
    elif not create:
        raise StoreError(f"There is no database at {path}.")
    else:
        if not path.parent.exists():
            try:
                make_private_dir(path.parent)
            except OSError as error:
                raise StoreError(f"Cannot create the folder {path.parent}: {error.strerror or error}") from None
        _create_private_file(path)
    try:
        # Autocommit (isolation_level=None): the sqlite3 module never opens a transaction by itself, so a
        # write made outside Store.transaction() cannot leave one open that would quietly turn every later
        # COMMIT into a savepoint.
        conn = sqlite3.connect(
            str(path), check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
        )
    except sqlite3.Error as error:
        raise StoreError(f"Cannot open {path}: {error}") from None
    with _closed_on_error(conn, path):
        mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StoreError(f"Cannot switch {path} to WAL mode (got {mode}); is the folder read-only?")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    return conn


def finish_opening(conn: sqlite3.Connection, path: Path) -> sqlite3.Connection:
    """The second half of `open_database`: bring the schema up to date and make the file private.

    A migration imports sqlite-utils, so this runs in the thread that will use the store.
    """
    with _closed_on_error(conn, path):
        migrate(conn)
    if IS_POSIX:
        make_private_file(path)
    return conn


@contextlib.contextmanager
def _closed_on_error(conn: sqlite3.Connection, path: Path) -> Iterator[None]:
    """Close `conn` if preparing it fails; SQLite errors become a StoreError that names the file."""
    try:
        yield
    except sqlite3.Error as error:
        conn.close()
        raise StoreError(f"Cannot prepare {path}: {error}") from None
    except BaseException:
        conn.close()
        raise

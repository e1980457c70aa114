"""Backups with SQLite's online backup API, and restore from one.

The backup API copies a consistent snapshot even while the WAL holds recent commits, which copying the
file would miss. Each backup is a single self-contained file (journal mode DELETE, no -wal beside it),
created 0600, written under a temporary name and renamed into place, so a half-written backup never
looks like a good one. The app takes a rolling backup each time it closes and keeps the last ten.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from lif_tui.db.connection import inspect_existing
from lif_tui.db.migrations import APPLICATION_ID, migrate
from lif_tui.db.store import guarded
from lif_tui.errors import StoreError, UsageError
from lif_tui.paths import backups_dir, make_private_dir

if TYPE_CHECKING:
    from lif_tui.db.store import Store

KEEP_BACKUPS = 10
BACKUP_PREFIX = "lif-tui-backup-"
BACKUP_SUFFIX = ".sqlite3"


def backup_name(when: datetime) -> str:
    """A name that sorts by time, so "the last ten" is simply the last ten names."""
    return f"{BACKUP_PREFIX}{when.astimezone(timezone.utc).strftime('%Y%m%dT%H%M%S%fZ')}{BACKUP_SUFFIX}"


def list_backups(db_path: Path) -> list[Path]:
    """Rolling backups of the database at `db_path`, oldest first."""
    folder = backups_dir(Path(db_path))
    if not folder.is_dir():
        return []
    return sorted(
        path
        for path in folder.iterdir()
        if path.is_file() and path.name.startswith(BACKUP_PREFIX) and path.name.endswith(BACKUP_SUFFIX)
    )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def _private_temp(path: Path) -> Path:
    """An empty 0600 file beside `path`, for the backup to be written into before it is renamed."""
    for attempt in range(100):
        temp = path.with_name(f".{path.name}.{os.getpid()}.{attempt}.tmp")
        try:
            fd = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0), 0o600)
        except FileExistsError:
            continue
        os.close(fd)
        return temp
    raise StoreError(f"Cannot create a temporary file beside {path}.")


@guarded
def backup_to(store: "Store", path: Path | str) -> Path:
    """Write a consistent copy of the open database to `path` (replacing a file there); return the path."""
    path = Path(path).expanduser()
    if path.is_dir():
        raise UsageError(f"{path} is a folder; give a file name for the backup.")
    if _same_file(path, store.path):
        raise UsageError("The backup cannot be written over the database it copies; choose another file.")
    if not path.parent.exists():
        try:
            make_private_dir(path.parent)
        except OSError as error:
            raise StoreError(f"Cannot create the folder {path.parent}: {error.strerror or error}") from None
    try:
        temp = _private_temp(path)
    except OSError as error:
        raise StoreError(f"Cannot write a backup in {path.parent}: {error.strerror or error}") from None
    try:
        target = sqlite3.connect(str(temp))
        try:
            store.conn.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return path


def rolling_backup(store: "Store", *, keep: int = KEEP_BACKUPS, now: datetime | None = None, prune: bool = True) -> Path:
    """Take a timestamped backup into the backups folder beside the database and keep the newest `keep`."""
    folder = backups_dir(store.path)
    try:
        make_private_dir(folder)
    except OSError as error:
        raise StoreError(f"Cannot create the backups folder {folder}: {error.strerror or error}") from None
    when = now or datetime.now(timezone.utc)
    path = folder / backup_name(when)
    while path.exists():  # two backups in the same microsecond: step on rather than overwrite
        when = when.replace(microsecond=(when.microsecond + 1) % 1_000_000)
        path = folder / backup_name(when)
    backup_to(store, path)
    if prune:
        prune_backups(store.path, keep=keep)
    return path


def prune_backups(db_path: Path, *, keep: int = KEEP_BACKUPS) -> list[Path]:
    """Delete all but the newest `keep` rolling backups; return what was deleted."""
    backups = list_backups(db_path)
    doomed = backups[: max(0, len(backups) - keep)]
    for path in doomed:
        try:
            path.unlink()
        except OSError:
            pass  # a backup we cannot delete is not worth failing over; the next prune tries again
    return doomed


def check_backup_file(path: Path | str) -> None:
    """Raise StoreError unless `path` is a healthy lif-tui database this version can read."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise StoreError(f"There is no backup file at {path}.")
    inspect_existing(path)
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    finally:
        conn.close()
    if app_id != APPLICATION_ID:
        raise StoreError(f"{path} is not a lif-tui backup (it holds no lif-tui data). Nothing was changed.")


@guarded
def restore_from(store: "Store", path: Path | str) -> Path:
    """Replace the open database's contents with the backup at `path`; return the safety backup taken first.

    The file is checked (lif-tui, not newer, not damaged) before anything is written. The current contents
    are backed up first, so a restore of the wrong file can itself be undone.
    """
    path = Path(path).expanduser()
    if _same_file(path, store.path):
        raise UsageError("That file is the database itself; choose a backup file.")
    check_backup_file(path)
    safety = rolling_backup(store, prune=False)  # never prune here: the file being restored may be the oldest
    try:
        source = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise StoreError(f"Cannot read {path}: {error}") from None
    try:
        source.backup(store.conn)
    finally:
        source.close()
    store.conn.execute("PRAGMA journal_mode=WAL")
    migrate(store.conn)  # a backup from an older version is brought up to date
    return safety

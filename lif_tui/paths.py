"""Where lif-tui keeps its files, per operating system (platformdirs), in one place.

The database location can be overridden with `--db PATH` or the LIF_TUI_DB environment variable.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "lif-tui"
DB_ENV_VAR = "LIF_TUI_DB"
IS_POSIX = os.name == "posix"


def data_dir() -> Path:
    from platformdirs import user_data_path

    return Path(user_data_path(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / "lif-tui.sqlite3"


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--db wins, then LIF_TUI_DB, then the per-user data folder."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(DB_ENV_VAR)
    if from_env:
        return Path(from_env).expanduser()
    return default_db_path()


def backups_dir(db_path: Path) -> Path:
    """Backups sit beside the database they protect, so a custom --db keeps its own."""
    return db_path.parent / "backups"


def default_exports_dir() -> Path:
    """Exports go to Documents/lif-tui exports when there is a Documents folder, else the data folder."""
    from platformdirs import user_documents_path

    try:
        documents = Path(user_documents_path())
    except Exception:  # platformdirs can fail on unusual systems; the data folder always works
        documents = None
    if documents is not None and documents.is_dir():
        return documents / "lif-tui exports"
    return data_dir() / "exports"


def make_private_dir(path: Path) -> Path:
    """Create a folder readable only by this user on POSIX (0700). On Windows the profile ACLs apply."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if IS_POSIX:
        try:
            os.chmod(path, 0o700)
        except OSError:
            pass
    return path


def make_private_file(path: Path) -> None:
    """Restrict a file we wrote to this user on POSIX (0600)."""
    if IS_POSIX and path.exists():
        try:
            os.chmod(path, 0o600)
        except OSError:
            pass

"""Import sqlite-utils only when it is needed, and without numpy and pandas.

sqlite-utils costs about 45 ms to import (it pulls in click, dateutil and pluggy), and the app's first
screen does not need it: opening the database and listing events use the plain sqlite3 connection. So
nothing imports it at module level; `load()` imports it on first use.

sqlite-utils also imports numpy and pandas whenever they happen to be installed, to convert their types on
insert. lif-tui never inserts them, and loading them costs about 70 ms and 11 MiB of memory on a laptop
that has them. So they are hidden for the moment sqlite-utils is imported, and only if nothing else has
loaded them already.
"""

from __future__ import annotations

import sqlite3
import sys
import threading
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

_OPTIONAL_HEAVY = ("numpy", "pandas")
_lock = threading.Lock()
"""Hiding numpy edits sys.modules; two threads loading at once must not undo each other's hiding."""


def load() -> ModuleType:
    """The sqlite_utils module, imported on the first call."""
    with _lock:
        hidden = [name for name in _OPTIONAL_HEAVY if name not in sys.modules]
        for name in hidden:
            sys.modules[name] = None  # type: ignore[assignment]  # makes `import name` raise ImportError
        try:
            import sqlite_utils
        finally:
            for name in hidden:
                if sys.modules.get(name, "") is None:
                    del sys.modules[name]
    return sqlite_utils


def wrap(conn: sqlite3.Connection) -> "sqlite_utils.Database":
    """A sqlite-utils Database over an open connection, set up the same way everywhere.

    No plugins (nothing outside lif-tui runs inside our connection) and no change to recursive_triggers.
    """
    return load().Database(conn, execute_plugins=False, recursive_triggers=False)

"""Import sqlite-utils without numpy and pandas.

sqlite-utils imports numpy and pandas whenever they happen to be installed, to convert their types on
insert. lif-tui never inserts them, and loading them costs about 70 ms of start-up and 11 MiB of memory on
a laptop that has them. So they are hidden for the moment sqlite-utils is imported, and only if nothing
else has loaded them already.
"""

from __future__ import annotations

import sys
from types import ModuleType

_OPTIONAL_HEAVY = ("numpy", "pandas")


def _import_sqlite_utils() -> ModuleType:
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


sqlite_utils = _import_sqlite_utils()

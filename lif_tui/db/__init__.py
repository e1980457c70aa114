"""The storage layer: the only code that touches SQLite. It never imports textual.

Import `Store` from here; `open_store_for_cli` is the one-liner the CLI commands share.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    from lif_tui.db.store import Store


def open_store(path, *, create: bool = True) -> "Store":
    """Open (creating if needed) the database at `path`; raises StoreError with a clear message."""
    from lif_tui.db.store import Store

    return Store.open(path, create=create)


def open_store_for_cli(args: "argparse.Namespace", *, create: bool = True) -> "Store":
    """Open the database named by --db, LIF_TUI_DB or the default location."""
    from lif_tui.paths import resolve_db_path

    return open_store(resolve_db_path(getattr(args, "db", None)), create=create)


def __getattr__(name: str):
    if name == "Store":
        from lif_tui.db.store import Store

        return Store
    raise AttributeError(name)

"""The storage layer: the only code that touches SQLite. It never imports textual.

Import `Store` from here; `open_store_for_cli` is the one-liner the CLI commands share.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

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


def start_opening_store(args: "argparse.Namespace") -> Callable[[], "Store"]:
    """Like `open_store_for_cli`, but the slow half runs in a thread; call the result for the Store.

    Checking a large archive takes about 20 ms, nearly all inside SQLite with the GIL released, so the
    interactive app imports Textual meanwhile. The thread only checks the file and connects (no imports);
    the call that finishes waits for it and runs any migration in the caller's thread, since a migration
    imports sqlite-utils. Errors are raised by that call.
    """
    import threading

    from lif_tui.db.connection import connect_checked, finish_opening
    from lif_tui.db.store import Store
    from lif_tui.paths import resolve_db_path

    path = resolve_db_path(getattr(args, "db", None))
    outcome: dict[str, Any] = {}

    def connect() -> None:
        try:
            outcome["conn"] = connect_checked(path)
        except BaseException as error:  # raised again by finish(), in the caller's thread
            outcome["error"] = error

    thread = threading.Thread(target=connect, name="lif-tui-open", daemon=True)
    thread.start()

    def finish() -> "Store":
        thread.join()
        if "error" in outcome:
            raise outcome["error"]
        return Store(finish_opening(outcome["conn"], path), path)

    return finish


def __getattr__(name: str):
    if name == "Store":
        from lif_tui.db.store import Store

        return Store
    raise AttributeError(name)

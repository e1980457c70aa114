"""Core subcommands: the interactive app, `open`, `demo` and `list`.

Textual is imported only on the way to the interactive app (`launch_app` and the opening that overlaps
with it), so `lif-tui list` and friends never pay for it.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from lif_tui.errors import DataError, LifError

if TYPE_CHECKING:
    from lif_tui.db.store import Store
    from lif_tui.event_summary import EventSummary


def register(subparsers: argparse._SubParsersAction) -> None:
    from lif_tui.cli import add_db_argument

    open_parser = subparsers.add_parser(
        "open", help="open an event in the app, resuming at its last phase with the capture bar focused"
    )
    open_parser.add_argument("event", metavar="EVENT", help="event id or a unique prefix of it (see `lif-tui list`)")
    add_db_argument(open_parser)
    open_parser.set_defaults(handler=run_open)

    demo_parser = subparsers.add_parser("demo", help="write the three invented demo events into a database")
    add_db_argument(demo_parser)
    demo_parser.set_defaults(handler=run_demo)

    list_parser = subparsers.add_parser(
        "list", help="list events: id prefix, date, title, status, findings and actions"
    )
    add_db_argument(list_parser)
    list_parser.add_argument("--all", action="store_true", help="include deleted events")
    list_parser.set_defaults(handler=run_list)


def _open_store(args: argparse.Namespace) -> "Store":
    from lif_tui.db import open_store_for_cli

    return open_store_for_cli(args)


def write_demo_events(store: "Store") -> int:
    """Add the demo events unless an event of the same title is already there; return how many were added."""
    from lif_tui.demo import demo_records

    existing = {summary.title for summary in store.list_events(include_deleted=True)}
    added = 0
    for record in demo_records():
        if record.event.title not in existing:
            store.save_event(record)
            added += 1
    return added


def run_demo(args: argparse.Namespace) -> int:
    with _open_store(args) as store:
        added = write_demo_events(store)
        path = store.path
    if added:
        print(f"Wrote {added} demo event(s) to {path}")
    else:
        print(f"{path} already holds the demo events; nothing was added.")
    return 0


def run_list(args: argparse.Namespace) -> int:
    with _open_store(args) as store:
        summaries = store.list_events(include_deleted=args.all)
    if not summaries:
        print("No events yet. Run `lif-tui` to set one up, or `lif-tui demo` for examples.", file=sys.stderr)
        return 0
    header = ("ID", "DATE", "STATUS", "FINDINGS", "ACTIONS", "TITLE")
    lines = [
        (
            str(s.id)[:8],
            s.event_date.isoformat(),
            str(s.status) + (" (deleted)" if s.deleted_at else ""),
            str(s.finding_count),
            str(s.action_count),
            s.title,
        )
        for s in summaries
    ]
    widths = [max(len(row[i]) for row in [header, *lines]) for i in range(len(header) - 1)]
    for row in [header, *lines]:
        cells = [cell.ljust(width) if i < 2 or i == 2 else cell.rjust(width) for i, (cell, width) in enumerate(zip(row, widths))]
        print("  ".join([*cells, row[-1]]))
    return 0


def run_open(args: argparse.Namespace) -> int:
    store = _open_store(args)
    try:
        event_id = store.resolve_event(args.event)
    except BaseException:
        store.close()
        raise
    return launch_app(store, open_event=event_id)


def run_interactive(args: argparse.Namespace) -> int:
    """No subcommand: the app on the chosen database, or on a throwaway demo database with --demo."""
    if not args.demo:
        return launch_app(_open_store_while_importing_the_app(args))
    from lif_tui.db import open_store

    folder = Path(tempfile.mkdtemp(prefix="lif-tui-demo-"))
    try:
        store = open_store(folder / "demo.sqlite3")
        write_demo_events(store)
        return launch_app(store)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _open_store_while_importing_the_app(args: argparse.Namespace) -> "Store":
    """Open the database while Textual and the app are imported (about 130 ms of Python).

    The file check runs inside SQLite in a thread, so on a machine with a second core it costs the
    start-up nothing. Without a terminal the app will refuse to start, so nothing is imported then.
    """
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return _open_store(args)
    from lif_tui.db import start_opening_store

    finish = start_opening_store(args)
    try:
        import lif_tui.app  # noqa: F401 - the long import the opening overlaps with
    except BaseException:
        try:
            finish().close()
        except Exception:  # the import's error is the one to report
            pass
        raise
    return finish()


def launch_app(store: "Store", *, open_event: uuid.UUID | None = None) -> int:
    """Run the Textual app; the store is closed when it exits, whatever happens."""
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        store.close()
        raise DataError(
            "The interactive app needs a terminal. Use `lif-tui list`, `export` or `search` in scripts."
        )
    try:
        from lif_tui.app import LifApp

        app = LifApp(store, open_event=open_event, first_page=_first_page(store) if open_event is None else None)
        app.run()
        from lif_tui.cli_archive import backup_on_close

        backup_on_close(store)
        return int(app.return_code or 0)
    finally:
        store.close()


def _first_page(store: "Store") -> "list[EventSummary] | None":
    """The home screen's first page of events, read before the app starts, so the first paint shows them.

    Read in a worker, as later pages are, it waits behind the app's first layout for the GIL: about 25 ms
    more before the list appears. A failure is left to the home screen, which reports it in the app.
    """
    from lif_tui.screens.home import FIRST_PAGE

    try:
        return store.list_events(limit=FIRST_PAGE)
    except LifError:
        return None

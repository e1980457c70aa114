"""Archive subcommands: `import`, `search`, `backup`, `restore` and `purge`.

Nothing here imports textual. The two commands that destroy data (`restore`, `purge`) show what they will
do and ask first; without an answer on stdin they refuse, and `--yes` is the way for scripts.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import TYPE_CHECKING, Callable

from lif_tui.errors import UsageError

if TYPE_CHECKING:
    from lif_tui.db.store import Store

MAX_SEARCH_LIMIT = 1000
MAX_RETENTION_YEARS = 200


def _bounded_int(low: int, high: int, what: str) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{what} must be a whole number, not {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{what} must be between {low} and {high}")
        return value

    return parse


def register(subparsers: argparse._SubParsersAction) -> None:
    from lif_tui.cli import add_db_argument, path_argument

    importer = subparsers.add_parser(
        "import",
        help="merge JSON bundles exported on another laptop: rows matched by id, the newer copy wins",
        description=(
            "Merge event bundles into the database. Rows are matched by id; where both copies have a row, the "
            "one changed more recently wins. Importing the same bundle twice changes nothing. Every file is "
            "checked before any is written: one bad file means nothing is imported."
        ),
    )
    importer.add_argument("files", metavar="FILE", nargs="+", type=path_argument, help="bundle written by `lif-tui export --format json`, or a folder of them")
    add_db_argument(importer)
    importer.set_defaults(handler=run_import)

    search = subparsers.add_parser(
        "search",
        help="ranked full-text search over findings, actions and learning points",
        description=(
            'Words must all appear; "quoted words" must appear together; a trailing * matches the start of a '
            'word (appoint* finds appointments). Accents are ignored: cafe finds café.'
        ),
    )
    search.add_argument("query", metavar="QUERY", nargs="+", help="what to look for")
    search.add_argument(
        "--limit", type=_bounded_int(1, MAX_SEARCH_LIMIT, "--limit"), default=20, metavar="N", help="show at most N hits (default 20)"
    )
    add_db_argument(search)
    search.set_defaults(handler=run_search)

    backup = subparsers.add_parser(
        "backup",
        help="copy the database with SQLite's online backup (into backups/ beside it, or to --out FILE)",
    )
    backup.add_argument("--out", metavar="FILE", type=path_argument, help="write the copy here instead of the backups folder")
    add_db_argument(backup)
    backup.set_defaults(handler=run_backup)

    restore = subparsers.add_parser(
        "restore",
        help="replace the database's contents with a backup (asks first; the current contents are backed up)",
    )
    restore.add_argument("file", metavar="FILE", type=path_argument, help="a backup written by lif-tui")
    restore.add_argument("--yes", action="store_true", help="do not ask (for scripts)")
    add_db_argument(restore)
    restore.set_defaults(handler=run_restore)

    purge = subparsers.add_parser(
        "purge",
        help="erase closed events older than the retention period, for good (shows them and asks first)",
    )
    purge.add_argument(
        "--older-than",
        metavar="YEARS",
        required=True,
        type=_bounded_int(1, MAX_RETENTION_YEARS, "--older-than"),
        help="erase closed events dated more than this many years ago",
    )
    purge.add_argument("--yes", action="store_true", help="do not ask (for scripts)")
    add_db_argument(purge)
    purge.set_defaults(handler=run_purge)


def _open_store(args: argparse.Namespace, *, create: bool = True) -> "Store":
    """The database named by --db; `create=False` for commands that only make sense on an existing one."""
    from lif_tui.db import open_store_for_cli

    return open_store_for_cli(args, create=create)


def confirm(question: str, *, assume_yes: bool) -> bool:
    """Ask on stderr and read y/N from stdin. No input (no terminal, end of file) counts as no."""
    if assume_yes:
        return True
    print(f"{question} [y/N] ", end="", file=sys.stderr, flush=True)
    try:
        answer = sys.stdin.readline() if sys.stdin is not None else ""
    except (OSError, ValueError):  # stdin closed or not readable
        answer = ""
    if not answer:
        print("", file=sys.stderr)
    return answer.strip().lower() in ("y", "yes")


# ------------------------------------------------------------------------------------------------ import


def run_import(args: argparse.Namespace) -> int:
    from lif_tui.bundle_transfer import read_bundles
    from lif_tui.db.bundle_merge import merge_records

    records = read_bundles(args.files)  # every file is checked before anything is written
    with _open_store(args) as store:
        report = merge_records(store, records)
        where = store.path
    titles = ", ".join(dict.fromkeys(report.event_titles))
    print(f"Imported {len(records)} bundle(s) into {where}: {titles}")
    print(f"Rows: {report.summary()}.")
    return 0


# ------------------------------------------------------------------------------------------------ search


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def run_search(args: argparse.Namespace) -> int:
    from lif_tui.db.search import count_hits, search_archive

    query = " ".join(args.query)
    with _open_store(args, create=False) as store:
        hits = search_archive(store, query, limit=args.limit)
        total = count_hits(store, query) if hits else 0
    if not hits:
        print(f"No matches for {query!r}.", file=sys.stderr)
        return 0
    rows = [
        (
            hit.event_date.isoformat() if hit.event_date else "",
            _clip(hit.event_title or "(no event)", 36),
            _clip(hit.detail or hit.kind_label, 34),
            " ".join(hit.snippet.split()),
        )
        for hit in hits
    ]
    header = ("DATE", "EVENT", "KIND", "SNIPPET")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
    for row in [header, *rows]:
        print("  ".join([*(cell.ljust(width) for cell, width in zip(row, widths)), row[3]]).rstrip())
    if total > len(hits):
        print(f"{len(hits)} of {total} matches shown; use --limit to see more.", file=sys.stderr)
    return 0


# ------------------------------------------------------------------------------------------------ backup


def run_backup(args: argparse.Namespace) -> int:
    from lif_tui.db.backup import backup_to, rolling_backup

    with _open_store(args, create=False) as store:
        path = backup_to(store, args.out) if args.out else rolling_backup(store)
    print(f"Backed up to {path}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from lif_tui.db.backup import check_backup_file, restore_from

    check_backup_file(args.file)  # refuse a bad file before asking anything
    with _open_store(args) as store:
        current = store.count_events()
        question = (
            f"Replace everything in {store.path} ({current} event(s)) with the contents of {args.file}? "
            "The current contents are backed up first."
        )
        if not confirm(question, assume_yes=args.yes):
            raise UsageError("Nothing was changed. Answer y to restore, or pass --yes in a script.")
        safety = restore_from(store, args.file)
        restored = store.count_events()
    print(f"Restored {restored} event(s) from {args.file}.")
    print(f"The previous contents were saved to {safety}")
    return 0


# ------------------------------------------------------------------------------------------------ purge


def run_purge(args: argparse.Namespace) -> int:
    from lif_tui.db.retention import purge_events, purge_plan
    from lif_tui.paths import backups_dir

    with _open_store(args, create=False) as store:
        plan = purge_plan(store, args.older_than, today=date.today())
        if not plan.events:
            print(f"No closed events are dated before {plan.cutoff.isoformat()}; nothing to purge.")
            return 0
        print(f"These closed events are dated before {plan.cutoff.isoformat()} and will be erased for good:")
        for event in plan.events:
            deleted = " (already deleted)" if event.deleted_at else ""
            print(
                f"  {event.event_date.isoformat()}  {event.title}{deleted}  "
                f"({event.finding_count} findings, {event.action_count} actions)"
            )
        if not confirm(f"Erase these {len(plan.events)} event(s)? This cannot be undone.", assume_yes=args.yes):
            raise UsageError("Nothing was erased. Answer y to purge, or pass --yes in a script.")
        erased = purge_events(store, [event.id for event in plan.events])
        folder = backups_dir(store.path)
    print(f"Erased {erased} event(s) and compacted the database.")
    print(f"Older backups in {folder} still hold them until they roll off; delete those files if your policy requires.")
    return 0


def backup_on_close(store: "Store") -> None:
    """The rolling backup taken when the app closes. A failure is a one-line warning, never a traceback:
    the database itself is safe, and the next close tries again."""
    from lif_tui.db.backup import rolling_backup

    try:
        rolling_backup(store)
    except Exception as error:  # noqa: BLE001 - whatever went wrong, the person needs one calm line
        print(f"lif-tui: warning: the closing backup was not taken ({error}). Your data is safe in {store.path}.", file=sys.stderr)

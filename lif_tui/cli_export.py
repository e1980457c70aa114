"""Export subcommands: `export` (Word briefings, JSON bundle, CSV tables) and `check` (the sensitivity check).

Nothing here imports textual, and python-docx is imported only when a Word export actually runs. The
sensitivity check runs before every briefing: with hits and no --allow-sensitive, the hits go to stderr,
nothing is written, and the exit code is 3.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from lif_tui.errors import DataError, SensitiveContentError, UsageError

if TYPE_CHECKING:
    from lif_tui.models import EventRecord
    from lif_tui.sensitivity import SensitivityHit

FORMATS = ("docx", "7min", "json", "csv")
SUFFIXES = {"docx": ".docx", "7min": ".docx", "json": ".json", "csv": ".csv"}
FILE_KINDS = {"docx": "learning-briefing", "7min": "7-minute-briefing", "json": "bundle", "csv": ""}


def register(subparsers: argparse._SubParsersAction) -> None:
    from lif_tui.cli import add_db_argument, path_argument

    export = subparsers.add_parser(
        "export",
        help="write a learning briefing (docx), a 7-minute briefing (7min), a JSON bundle or CSV tables",
        description=(
            "Export one event. docx is the learning briefing for professionals and 7min the 7-minute briefing; "
            "both are Word drafts. csv writes findings and actions tables for Excel, which travel as easily. For "
            "all three the sensitivity check runs first: if it finds anything (postcodes, phone numbers, emails, "
            "NHS or National Insurance numbers, full dates, watch-list words) the hits are listed, nothing is "
            "written and the exit code is 3, unless --allow-sensitive is given. "
            "json writes the lossless bundle for moving an event to another laptop (`lif-tui import`): it must "
            "carry everything recorded, so it is not checked; handle it like the database itself. "
            "Files are written to a temporary file and renamed, so a failed export never leaves half a file."
        ),
    )
    export.add_argument("event", metavar="EVENT", help="event id or a unique prefix of it (see `lif-tui list`)")
    export.add_argument(
        "--format", "-f", choices=FORMATS, required=True, help="docx (learning briefing), 7min, json (bundle) or csv"
    )
    export.add_argument(
        "--out",
        "-o",
        metavar="PATH",
        type=path_argument,
        default=None,
        help=(
            "file to write (a folder is fine: a name is chosen). For csv, a folder (or a path without .csv) gets "
            "findings.csv and actions.csv; NAME.csv gets NAME-findings.csv and NAME-actions.csv. "
            "Default: the lif-tui exports folder in your Documents"
        ),
    )
    export.add_argument(
        "--template", metavar="T.docx", type=path_argument, default=None,
        help="the partnership's Word template (.docx or .dotx): its styles, header, footer and logo are used",
    )
    export.add_argument(
        "--allow-sensitive", action="store_true", help="export a briefing or CSV tables even though the sensitivity check found hits"
    )
    export.add_argument(
        "--draft-version", metavar="V", default="0.1", help="draft version printed in the briefing header (default 0.1)"
    )
    add_db_argument(export)
    export.set_defaults(handler=run_export)

    check = subparsers.add_parser(
        "check",
        help="run the sensitivity check on an event and list what it finds (exit 3 when it finds anything)",
        description=(
            "Scan every field that can reach a briefing for postcodes, phone numbers, email addresses, NHS numbers "
            "(valid check digit), National Insurance numbers, full dates and the event's watch-list words. "
            "Each hit is one line: what was found, where, and the text around it."
        ),
    )
    check.add_argument("event", metavar="EVENT", help="event id or a unique prefix of it (see `lif-tui list`)")
    add_db_argument(check)
    check.set_defaults(handler=run_check)


def _load(args: argparse.Namespace, *, include_deleted: bool = False) -> "EventRecord":
    from lif_tui.db import open_store_for_cli

    with open_store_for_cli(args) as store:
        event_id = store.resolve_event(args.event)
        return store.load_event(event_id, include_deleted=include_deleted)


def format_hit(hit: "SensitivityHit") -> str:
    """One line per hit: what, where, and the text around it (with the suggestion, if any)."""
    line = f"{hit.item} | {hit.field} | {hit.snippet}"
    return f"{line} | {hit.suggestion}" if hit.suggestion else line


def run_check(args: argparse.Namespace) -> int:
    from lif_tui.sensitivity import check_record

    record = _load(args)
    hits = check_record(record)
    if not hits:
        print("No sensitive content found.")
        return 0
    for hit in hits:
        print(format_hit(hit))
    print(
        f"lif-tui: {len(hits)} sensitive item(s) found in '{record.event.title}'. Fix them before exporting a briefing.",
        file=sys.stderr,
    )
    return SensitiveContentError.exit_code


def _slug(text: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return slug[:60].rstrip("-") or "event"


def default_name(record: "EventRecord", fmt: str) -> str:
    stem = f"{_slug(record.event.title)}-{record.event.event_date.isoformat()}"
    kind = FILE_KINDS[fmt]
    return f"{stem}-{kind}{SUFFIXES[fmt]}" if kind else stem


def output_path(out: Path | None, record: "EventRecord", fmt: str) -> Path:
    """Where a docx, 7min or json export goes: --out, a default name inside --out if it is a folder, or
    the exports folder."""
    if out is None:
        from lif_tui.paths import default_exports_dir, make_private_dir

        folder = default_exports_dir()
        try:
            make_private_dir(folder)
        except OSError as error:
            raise DataError(f"Cannot create the exports folder {folder}: {error.strerror or error}.") from None
        return folder / default_name(record, fmt)
    if out.is_dir():
        return out / default_name(record, fmt)
    if not out.suffix:
        return out.with_name(out.name + SUFFIXES[fmt])
    return out


def csv_paths(out: Path | None, record: "EventRecord") -> tuple[Path, Path]:
    """findings and actions CSV paths for --out: a folder (made if needed) or NAME.csv."""
    if out is None or out.is_dir() or out.suffix.lower() != ".csv":
        from lif_tui.paths import default_exports_dir, make_private_dir

        folder = out if out is not None else default_exports_dir() / default_name(record, "csv")
        if not folder.is_dir():
            if folder.exists():
                raise DataError(f"Cannot write CSV files into {folder}: it is not a folder.")
            if out is not None and not folder.parent.is_dir():
                raise DataError(f"Cannot create {folder}: the folder {folder.parent} does not exist.")
            try:
                make_private_dir(folder)
            except OSError as error:
                raise DataError(f"Cannot create {folder}: {error.strerror or error}.") from None
        return folder / "findings.csv", folder / "actions.csv"
    return out.with_name(f"{out.stem}-findings.csv"), out.with_name(f"{out.stem}-actions.csv")


def run_export(args: argparse.Namespace) -> int:
    fmt = args.format
    if args.template is not None and fmt not in ("docx", "7min"):
        raise UsageError("--template applies only to --format docx or 7min.")
    if args.allow_sensitive and fmt == "json":
        raise UsageError("--allow-sensitive does not apply to --format json: a bundle is not checked.")
    record = _load(args, include_deleted=(fmt == "json"))

    if fmt == "json":
        from lif_tui.exports.json_bundle import write_bundle

        print(write_bundle(record, output_path(args.out, record, fmt)))
        return 0

    from lif_tui.sensitivity import check_record

    hits = check_record(record)
    if hits and not args.allow_sensitive:
        for hit in hits:
            print(format_hit(hit), file=sys.stderr)
        raise SensitiveContentError(
            f"the sensitivity check found {len(hits)} item(s) that should not leave the laptop (listed above); "
            "nothing was written. Fix them, or pass --allow-sensitive to export anyway."
        )
    if hits:
        print(f"lif-tui: exporting despite {len(hits)} sensitivity hit(s) (--allow-sensitive).", file=sys.stderr)
    if fmt == "csv":
        from lif_tui.exports.csv_tables import write_actions_csv, write_findings_csv

        findings_path, actions_path = csv_paths(args.out, record)
        print(write_findings_csv(record, findings_path))
        print(write_actions_csv(record, actions_path))
        return 0

    path = output_path(args.out, record, fmt)
    if path.suffix.lower() != ".docx":
        raise UsageError(f"{path} does not end in .docx; Word briefings are .docx files.")
    if args.template is not None and not args.template.is_file():
        raise UsageError(f"The template {args.template} does not exist.")
    if fmt == "docx":
        from lif_tui.exports.learning_briefing import export_learning_briefing as export
    else:
        from lif_tui.exports.seven_minute import export_seven_minute_briefing as export
    result = export(record, path, template=args.template, version=args.draft_version)
    for warning in result.warnings:
        print(f"lif-tui: warning: {warning}", file=sys.stderr)
    print(result.path)
    return 0

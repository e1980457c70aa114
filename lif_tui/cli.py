"""The `lif-tui` command line.

Exit codes: 0 success, 1 usage error, 2 data error, 3 sensitive content found. Messages go to stderr
as one line, never a traceback. Textual is imported only when the interactive app is launched, and
python-docx only when exporting, so the scripting commands start fast.

Subcommands live in small modules, each with a `register(subparsers)` function; this module only
builds the parser, dispatches, and turns errors into exit codes.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path
from typing import NoReturn, Sequence

from lif_tui import __version__
from lif_tui.errors import LifError

COMMAND_MODULES: tuple[str, ...] = (
    "lif_tui.cli_core",
    "lif_tui.cli_export",
    "lif_tui.cli_archive",
)
"""Modules that add subcommands. Each is imported only to build the parser; none imports textual."""


class LifArgumentParser(argparse.ArgumentParser):
    """argparse, but a usage error exits 1 (argparse's own default is 2, which we keep for data errors)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(1, f"{self.prog}: error: {message}\n")


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    """--db on a subcommand; it falls back to the top-level --db, then LIF_TUI_DB, then the data folder."""
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="database file (default: $LIF_TUI_DB, else the per-user data folder)",
    )


def build_parser() -> LifArgumentParser:
    parser = LifArgumentParser(
        prog="lif-tui",
        description=(
            "Facilitate evidencing-impact events after child safeguarding practice reviews: capture findings "
            "live, keep them safe in SQLite, and export a learning-briefing draft. Run with no command for "
            "the interactive app."
        ),
    )
    parser.add_argument("--version", action="version", version=f"lif-tui {__version__}")
    parser.add_argument(
        "--db", metavar="PATH", default=None, help="database file (default: $LIF_TUI_DB, else the per-user data folder)"
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the app on a fresh temporary database holding the three invented demo events",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script and `python -m lif_tui`; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        from lif_tui.cli_core import run_interactive

        handler = run_interactive
    try:
        return int(handler(args) or 0)
    except LifError as error:
        print(f"lif-tui: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("lif-tui: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into `head` or similar; not an error for the person.
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return 0
    except Exception as error:  # the last line of defence: never show a traceback
        if os.environ.get("LIF_TUI_DEBUG"):
            raise
        print(
            f"lif-tui: unexpected error ({type(error).__name__}). Your data is safe: every capture is saved as it is "
            "made. Set LIF_TUI_DEBUG=1 to see details.",
            file=sys.stderr,
        )
        return 2


def path_argument(value: str) -> Path:
    """argparse type for paths: refuses an empty string with a usage error."""
    if not value.strip():
        raise argparse.ArgumentTypeError("a path cannot be empty")
    return Path(value).expanduser()

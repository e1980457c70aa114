"""The CLI through real subprocesses: exit codes, messages on stderr, never a traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from conftest import run_cli


def test_demo_then_list_shows_the_demo_events(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite3"
    made = run_cli("demo", "--db", str(db))
    assert made.returncode == 0, made.stderr
    assert "Wrote 3 demo event(s)" in made.stdout
    listed = run_cli("list", "--db", str(db))
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0].split() == ["ID", "DATE", "STATUS", "FINDINGS", "ACTIONS", "TITLE"]
    assert "2026-10-22" in lines[1] and lines[1].endswith("Evidencing impact: Child T, six months on")
    assert "2026-09-24" in lines[2] and lines[2].endswith("Evidencing impact: infant injury")
    assert "2026-03-12" in lines[3] and lines[3].endswith("Evidencing impact: Child T")
    assert lines[3].split()[2:5] == ["closed", "32", "5"]
    again = run_cli("demo", "--db", str(db))
    assert again.returncode == 0 and "nothing was added" in again.stdout


def test_db_from_environment_variable(tmp_path: Path) -> None:
    db = tmp_path / "env.sqlite3"
    assert run_cli("demo", env={"LIF_TUI_DB": str(db)}).returncode == 0
    assert "Child T" in run_cli("list", env={"LIF_TUI_DB": str(db)}).stdout
    assert db.exists()


def test_top_level_db_option_works_too(tmp_path: Path) -> None:
    db = tmp_path / "top.sqlite3"
    assert run_cli("--db", str(db), "demo").returncode == 0
    assert "Child T" in run_cli("--db", str(db), "list").stdout


def test_corrupt_file_gives_one_line_and_exit_two_and_is_untouched(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 40)
    before = bad.read_bytes()
    result = run_cli("list", "--db", str(bad))
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(bad) in result.stderr and "Traceback" not in result.stderr
    assert bad.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.sqlite3"]


def test_other_sqlite_file_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "contacts.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE people (name)")
    conn.commit()
    conn.close()
    result = run_cli("list", "--db", str(other))
    assert result.returncode == 2 and "not a lif-tui database" in result.stderr


def test_usage_errors_exit_one(tmp_path: Path) -> None:
    result = run_cli("list", "--no-such-flag")
    assert result.returncode == 1 and "unrecognized arguments" in result.stderr
    result = run_cli("frobnicate")
    assert result.returncode == 1 and "invalid choice" in result.stderr
    db = tmp_path / "x.sqlite3"
    run_cli("demo", "--db", str(db))
    result = run_cli("open", "ab", "--db", str(db))
    assert result.returncode == 1 and "at least the first 4 characters" in result.stderr


def test_unknown_event_is_a_data_error(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite3"
    run_cli("demo", "--db", str(db))
    result = run_cli("open", "ffffffff", "--db", str(db))
    assert result.returncode == 2 and "No event id starts with 'ffffffff'" in result.stderr
    assert "Traceback" not in result.stderr


def test_interactive_app_needs_a_terminal(tmp_path: Path) -> None:
    result = run_cli("--db", str(tmp_path / "x.sqlite3"))
    assert result.returncode == 2
    assert "needs a terminal" in result.stderr and "Traceback" not in result.stderr


def test_list_on_an_empty_database_explains_what_to_do(tmp_path: Path) -> None:
    result = run_cli("list", "--db", str(tmp_path / "new.sqlite3"))
    assert result.returncode == 0 and "No events yet" in result.stderr


def test_help_and_version(tmp_path: Path) -> None:
    result = run_cli("--help")
    assert result.returncode == 0 and "demo" in result.stdout and "list" in result.stdout
    assert run_cli("--version").stdout.startswith("lif-tui ")


def test_scripting_commands_do_not_import_textual() -> None:
    import subprocess
    import sys

    code = (
        "import sys, io, contextlib\n"
        "from lif_tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['list'])\n"
        "print('textual' in sys.modules, 'docx' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False False", result.stderr

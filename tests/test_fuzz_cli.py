"""Hypothesis over CLI arguments: whatever is typed, the CLI exits 0-3 with a message, never a traceback."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lif_tui.cli import build_parser, main

# No path separators, so a generated path can only land inside the test's own folder.
word = st.text(alphabet="abcdefxyz0123456789-._=éü ", min_size=0, max_size=12)
COMMANDS = sorted(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
OPTIONS = ["--db", "--format", "--out", "--template", "--allow-sensitive", "--older-than", "--limit", "--all", "--yes", "-h"]
argument = st.one_of(word, st.sampled_from(OPTIONS), st.sampled_from(["docx", "7min", "json", "csv", "-1", "0", "99999999999999999999"]))


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-fuzz") / "fuzz.sqlite3"
    assert main(["demo", "--db", str(path)]) == 0
    return path


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(command=st.sampled_from(COMMANDS), arguments=st.lists(argument, max_size=5))
def test_any_arguments_end_in_a_clean_exit(command: str, arguments: list[str], demo_db: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LIF_TUI_DB", str(demo_db))
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            code = main([command, *arguments])
        except SystemExit as exit_:  # argparse: --help (0) or a usage error (1)
            code = exit_.code
    assert code in (0, 1, 2, 3), (command, arguments, code, stderr.getvalue())
    assert "Traceback" not in stderr.getvalue()
    if code not in (0,):
        assert stderr.getvalue().strip(), f"exit {code} without a message for {[command, *arguments]}"

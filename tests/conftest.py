"""Shared fixtures. Every test runs against a temporary database, never the user's real one."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_paths(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point LIF_TUI_DB and the platformdirs homes at a temp folder, so nothing touches real data."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("LIF_TUI_DB", str(home / "default.sqlite3"))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(home / "Documents"))
    monkeypatch.setenv("APPDATA", str(home / "AppData"))
    monkeypatch.setenv("LOCALAPPDATA", str(home / "AppData" / "Local"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "lif.sqlite3"


@pytest.fixture
def store(db_path: Path):
    from lif_tui.db import open_store

    with open_store(db_path) as opened:
        yield opened


@pytest.fixture
def demo_store(db_path: Path):
    """A store holding both demo events (Child T first in demo_records order)."""
    from lif_tui.cli_core import write_demo_events
    from lif_tui.db import open_store

    with open_store(db_path) as opened:
        write_demo_events(opened)
        yield opened


def run_cli(*args: str, env: dict[str, str] | None = None, input: str | None = None, cwd: Path | None = None):
    """Run `python -m lif_tui ARGS` in a subprocess and return the CompletedProcess (text mode)."""
    import subprocess

    full_env = {**os.environ, **(env or {})}
    full_env.pop("LIF_TUI_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "lif_tui", *args],
        capture_output=True,
        text=True,
        env=full_env,
        input=input,
        cwd=cwd,
        timeout=60,
    )

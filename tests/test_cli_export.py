"""`lif-tui export` and `lif-tui check`, run as real subprocesses against a demo database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from lif_tui.models import Finding, FindingKind

ROOT = Path(__file__).resolve().parent.parent


def lif(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("LIF_TUI_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "lif_tui", *args], capture_output=True, text=True, timeout=60, env=env, cwd=cwd
    )


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """A database with both demo events; returns (path, Child T id prefix, infant injury id prefix)."""
    db = tmp_path_factory.mktemp("cli") / "demo.sqlite3"
    assert lif("demo", "--db", str(db)).returncode == 0
    from lif_tui.db import open_store

    with open_store(db) as store:
        ids = {summary.title: str(summary.id) for summary in store.list_events()}
    child_t = next(v for k, v in ids.items() if "Child T" in k)
    infant = next(v for k, v in ids.items() if "infant" in k)
    return db, child_t[:8], infant[:8]


@pytest.fixture
def sensitive_db(tmp_path: Path) -> tuple[Path, str]:
    """A demo database with a postcode typed into a Child T finding."""
    db = tmp_path / "sensitive.sqlite3"
    assert lif("demo", "--db", str(db)).returncode == 0
    from lif_tui.db import open_store

    with open_store(db) as store:
        event_id = next(s.id for s in store.list_events() if "Child T" in s.title)
        store.add_finding(
            event_id,
            Finding(kind=FindingKind.BARRIER, text="The family moved to BN1 1AA and nobody followed up.", agency="Housing"),
        )
    return db, str(event_id)[:8]


@pytest.mark.parametrize("fmt", ["docx", "7min"])
def test_export_briefing(tmp_path: Path, demo_db, fmt: str) -> None:
    db, child_t, _ = demo_db
    out = tmp_path / f"briefing-{fmt}.docx"
    result = lif("export", child_t, "--format", fmt, "--out", str(out), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(out)
    document = docx.Document(str(out))
    assert "Child T" in document.core_properties.title
    assert document.sections[0].header.paragraphs[0].text == "OFFICIAL-SENSITIVE"


def test_export_into_a_folder_chooses_a_name(tmp_path: Path, demo_db) -> None:
    db, _, infant = demo_db
    result = lif("export", infant, "-f", "7min", "-o", str(tmp_path), "--db", str(db))
    assert result.returncode == 0, result.stderr
    written = Path(result.stdout.strip())
    assert written.parent == tmp_path and written.name.endswith("7-minute-briefing.docx")


def test_postcode_stops_the_export_with_exit_3_and_writes_nothing(tmp_path: Path, sensitive_db) -> None:
    db, event = sensitive_db
    out = tmp_path / "out"
    out.mkdir()
    result = lif("export", event, "--format", "docx", "--out", str(out / "b.docx"), "--db", str(db))
    assert result.returncode == 3
    assert result.stdout == ""
    first = result.stderr.splitlines()[0]
    assert first.startswith("UK postcode | finding ") and "BN1 1AA" in first
    assert "nothing was written" in result.stderr and "Traceback" not in result.stderr
    assert list(out.iterdir()) == []


def test_csv_tables_are_checked_too_but_a_bundle_is_not(tmp_path: Path, sensitive_db) -> None:
    db, event = sensitive_db
    tables = tmp_path / "tables"
    stopped = lif("export", event, "-f", "csv", "-o", str(tables), "--db", str(db))
    assert stopped.returncode == 3 and "BN1 1AA" in stopped.stderr
    assert not tables.exists() or list(tables.iterdir()) == []
    allowed = lif("export", event, "-f", "csv", "-o", str(tables), "--allow-sensitive", "--db", str(db))
    assert allowed.returncode == 0, allowed.stderr
    assert "BN1 1AA" in (tables / "findings.csv").read_text(encoding="utf-8-sig")
    bundle = lif("export", event, "-f", "json", "-o", str(tmp_path / "b.json"), "--db", str(db))
    assert bundle.returncode == 0 and (tmp_path / "b.json").is_file()
    refused = lif("export", event, "-f", "json", "-o", str(tmp_path / "c.json"), "--allow-sensitive", "--db", str(db))
    assert refused.returncode == 1 and "not checked" in refused.stderr


def test_allow_sensitive_exports_anyway(tmp_path: Path, sensitive_db) -> None:
    db, event = sensitive_db
    out = tmp_path / "b.docx"
    result = lif("export", event, "-f", "7min", "-o", str(out), "--allow-sensitive", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert out.is_file() and "despite 1 sensitivity hit" in result.stderr


def test_check(demo_db, sensitive_db) -> None:
    db, child_t, _ = demo_db
    clean = lif("check", child_t, "--db", str(db))
    assert clean.returncode == 0 and clean.stdout.strip() == "No sensitive content found."
    db2, event = sensitive_db
    dirty = lif("check", event, "--db", str(db2))
    assert dirty.returncode == 3
    lines = dirty.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("UK postcode | finding") and "BN1 1AA" in lines[0]


def test_json_bundle_round_trips_through_import(tmp_path: Path, demo_db) -> None:
    db, child_t, _ = demo_db
    bundle = tmp_path / "child-t.json"
    result = lif("export", child_t, "--format", "json", "--out", str(bundle), "--db", str(db))
    assert result.returncode == 0, result.stderr
    from lif_tui.exports.json_bundle import read_bundle

    assert "Child T" in read_bundle(bundle).event.title
    fresh = tmp_path / "fresh.sqlite3"
    imported = lif("import", str(bundle), "--db", str(fresh))
    assert imported.returncode == 0, imported.stderr


def test_csv_to_folder_and_to_named_file(tmp_path: Path, demo_db) -> None:
    db, child_t, _ = demo_db
    folder = tmp_path / "tables"
    result = lif("export", child_t, "--format", "csv", "--out", str(folder), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(folder / "findings.csv"), str(folder / "actions.csv")]
    assert (folder / "findings.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    named = tmp_path / "child-t.csv"
    result = lif("export", child_t, "-f", "csv", "-o", str(named), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(tmp_path / "child-t-findings.csv"), str(tmp_path / "child-t-actions.csv")]


def test_errors_are_one_line_with_the_right_exit_code(tmp_path: Path, demo_db) -> None:
    db, child_t, _ = demo_db
    missing_folder = lif("export", child_t, "-f", "docx", "-o", str(tmp_path / "nope" / "b.docx"), "--db", str(db))
    assert missing_folder.returncode == 2
    assert missing_folder.stderr.count("\n") == 1 and "does not exist" in missing_folder.stderr
    unknown = lif("export", "ffffffff", "-f", "docx", "-o", str(tmp_path / "b.docx"), "--db", str(db))
    assert unknown.returncode == 2 and "ffffffff" in unknown.stderr
    bad_template = tmp_path / "t.docx"
    bad_template.write_text("not a word file")
    templated = lif("export", child_t, "-f", "docx", "-o", str(tmp_path / "b.docx"), "--template", str(bad_template), "--db", str(db))
    assert templated.returncode == 2 and "could not be opened" in templated.stderr
    wrong = lif("export", child_t, "-f", "json", "--template", str(bad_template), "--db", str(db))
    assert wrong.returncode == 1
    no_format = lif("export", child_t, "--db", str(db))
    assert no_format.returncode == 1
    assert not (tmp_path / "b.docx").exists()


def test_export_help_explains_json_is_not_checked() -> None:
    result = lif("export", "--help")
    assert result.returncode == 0
    assert "not checked" in result.stdout and "--allow-sensitive" in result.stdout

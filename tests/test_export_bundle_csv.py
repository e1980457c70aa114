"""JSON bundle round trip and refusals; CSV tables that open cleanly (and safely) in Excel; atomic writes."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from lif_tui.demo import demo_records
from lif_tui.errors import DataError
from lif_tui.exports import read_bundle, write_actions_csv, write_bundle, write_findings_csv
from lif_tui.exports.atomic_write import write_bytes
from lif_tui.exports.csv_tables import ACTIONS_COLUMNS, FINDINGS_COLUMNS, safe_cell
from lif_tui.exports.json_bundle import MAX_BUNDLE_BYTES
from lif_tui.models import SCHEMA_VERSION, Action, Event, EventRecord, Finding, FindingKind


@pytest.fixture(scope="module")
def record() -> EventRecord:
    return demo_records()[0]


def test_bundle_round_trip(tmp_path: Path, record: EventRecord) -> None:
    path = write_bundle(record, tmp_path / "child-t.json")
    assert read_bundle(path) == record
    assert json.loads(path.read_text("utf-8"))["schema_version"] == SCHEMA_VERSION
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600


def test_bundle_refuses_malformed_json(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"event": ', "utf-8")
    with pytest.raises(DataError, match="not a valid JSON bundle"):
        read_bundle(path)


def test_bundle_refuses_wrong_types(tmp_path: Path, record: EventRecord) -> None:
    data = json.loads(record.model_dump_json())
    data["findings"][0]["kind"] = "gossip"
    data["event"]["title"] = 42
    path = tmp_path / "wrong.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(DataError, match="not a valid bundle") as caught:
        read_bundle(path)
    assert str(path) in str(caught.value)
    path.write_text("[1, 2, 3]", "utf-8")
    with pytest.raises(DataError, match="not a lif-tui bundle"):
        read_bundle(path)


def test_bundle_refuses_newer_schema(tmp_path: Path, record: EventRecord) -> None:
    data = json.loads(record.model_dump_json())
    data["schema_version"] = SCHEMA_VERSION + 1
    data["something_new"] = True
    path = tmp_path / "future.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(DataError, match="newer lif-tui"):
        read_bundle(path)


def test_bundle_refuses_huge_files_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with open(path, "wb") as handle:
        handle.truncate(MAX_BUNDLE_BYTES + 1)  # sparse: no disk used, and never read
    with pytest.raises(DataError, match="MB"):
        read_bundle(path)


def test_bundle_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="No bundle"):
        read_bundle(tmp_path / "absent.json")


def _read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 byte-order mark for Excel"
    assert b"\r\n" in raw
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_findings_csv(tmp_path: Path, record: EventRecord) -> None:
    rows = _read_csv(write_findings_csv(record, tmp_path / "findings.csv"))
    assert tuple(rows[0]) == FINDINGS_COLUMNS
    assert len(rows) == 1 + len(record.active_findings())
    first = dict(zip(rows[0], rows[1]))
    assert first["Learning point"].startswith("LP") or first["Learning point"] == ""
    assert first["Agency"]
    recorded = first["Recorded (UTC)"]
    assert recorded[:4].isdigit() and recorded[4] == "-" and recorded[7] == "-"  # ISO 8601


def test_actions_csv(tmp_path: Path, record: EventRecord) -> None:
    rows = _read_csv(write_actions_csv(record, tmp_path / "actions.csv"))
    assert tuple(rows[0]) == ACTIONS_COLUMNS
    assert len(rows) == 1 + len(record.active_actions())
    by_column = [dict(zip(rows[0], row)) for row in rows[1:]]
    for row, action in zip(by_column, record.active_actions()):
        assert row["Due date"] == (action.due_date.isoformat() if action.due_date else "")
        assert row["Owner agency"] == action.owner_agency


def test_csv_defuses_formulas_and_keeps_unicode(tmp_path: Path) -> None:
    record = EventRecord(
        event=Event(title="Formula test", event_date="2026-03-12"),
        findings=[
            Finding(kind=FindingKind.CHANGED, text="=HYPERLINK(\"http://x\")", agency="+Police"),
            Finding(kind=FindingKind.BARRIER, text="Café staff said “no”", agency="@health"),
        ],
        actions=[Action(text="-1 referrals", measure="=1+1", due_date="14/03/2027")],
    )
    findings = _read_csv(write_findings_csv(record, tmp_path / "f.csv"))
    assert findings[1][2] == "'=HYPERLINK(\"http://x\")" and findings[1][5] == "'+Police"
    assert findings[2][2] == "Café staff said “no”" and findings[2][5] == "'@health"
    actions = _read_csv(write_actions_csv(record, tmp_path / "a.csv"))
    assert actions[1][1] == "'-1 referrals" and actions[1][7] == "'=1+1" and actions[1][5] == "2027-03-14"
    assert safe_cell("plain") == "plain" and safe_cell(None) == ""


def test_atomic_write_errors_name_the_path_and_leave_nothing(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="does not exist") as caught:
        write_bytes(tmp_path / "no-such-folder" / "x.csv", b"data")
    assert "no-such-folder" in str(caught.value)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DataError, match="not a folder"):
        write_bytes(blocker / "x.csv", b"data")
    if os.name == "posix" and os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        try:
            with pytest.raises(DataError, match="permission denied"):
                write_bytes(locked / "x.csv", b"data")
        finally:
            locked.chmod(0o700)
    assert not list(tmp_path.rglob("*.tmp")), "no temporary file left behind"


def test_atomic_write_replaces_and_cleans_up_on_failure(tmp_path: Path) -> None:
    from lif_tui.exports.atomic_write import atomic_write

    target = tmp_path / "out.bin"
    write_bytes(target, b"old")

    def failing(handle) -> None:
        handle.write(b"half")
        raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError):
        atomic_write(target, failing)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.bin"]
    write_bytes(target, b"new")
    assert target.read_bytes() == b"new"

"""Bad bundles: mutated JSON, wrong types, huge strings, deep nesting, a 50 MB file.

Each is refused with a clear message naming the file, or imported whole; never a traceback, and a refused
file writes nothing to the database.
"""

from __future__ import annotations

import contextlib
import io
import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lif_tui.cli import main
from lif_tui.db import open_store
from lif_tui.demo import demo_records
from lif_tui.errors import DataError
from lif_tui.exports.json_bundle import read_bundle, write_bundle


@pytest.fixture(scope="module")
def bundle_text(tmp_path_factory: pytest.TempPathFactory) -> "BundleText":
    path = tmp_path_factory.mktemp("bundle") / "child-t.json"
    write_bundle(demo_records()[0], path)
    return BundleText(path.read_text(encoding="utf-8"))


class BundleText(str):
    """The bundle's text, with a short repr so a failing example does not print 40 KB."""

    def __repr__(self) -> str:
        return f"<bundle text, {len(self)} characters>"


def _import(path: Path, db: Path) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["import", str(path), "--db", str(db)])
    return code, err.getvalue()


def _table_counts(db: Path) -> dict[str, int]:
    with open_store(db) as store:
        return {
            table: store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("events", "reviews", "learning_points", "findings", "actions", "ratings", "phases", "attendance")
        }


def _by_id(record) -> dict:
    """The record with every list in id order: the store orders rows by capture time, a bundle may not."""
    data = record.model_dump(mode="json")
    for key, value in data.items():
        if isinstance(value, list):
            data[key] = sorted(value, key=lambda row: row["id"])
    return data


def _mutations(text: str, rng: random.Random) -> str:
    choice = rng.randrange(5)
    if choice == 0:  # cut it short
        return text[: rng.randrange(len(text))]
    if choice == 1:  # flip a run of characters
        start = rng.randrange(len(text) - 20)
        return text[:start] + "".join(rng.choice('{}[]",:0aé\\') for _ in range(10)) + text[start + 10 :]
    data = json.loads(text)
    if choice == 2:  # wrong types in a random place
        target = rng.choice([data["event"], *data["findings"], *data["actions"], *data["phases"]])
        key = rng.choice(sorted(target))
        target[key] = rng.choice([None, 12, -1, [], {}, "x" * 30_000, True, 1e308, "not-a-uuid"])
    elif choice == 3:  # delete a required key
        target = rng.choice([data["event"], *data["findings"]])
        target.pop(rng.choice(sorted(target)), None)
    else:  # a list where an object belongs, or vice versa
        data[rng.choice(["findings", "event", "ratings"])] = rng.choice([{}, [], "findings", 0])
    return json.dumps(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32))
def test_mutated_bundles_are_refused_cleanly_or_imported_whole(seed: int, bundle_text: str, tmp_path: Path) -> None:
    rng = random.Random(seed)
    path = tmp_path / f"mutated-{seed}.json"
    path.write_text(_mutations(bundle_text, rng), encoding="utf-8")
    db = tmp_path / f"target-{seed}.sqlite3"
    db.unlink(missing_ok=True)  # hypothesis may replay a seed in the same folder
    open_store(db).close()
    code, err = _import(path, db)
    assert "Traceback" not in err
    if code == 0:
        record = read_bundle(path)
        with open_store(db) as store:
            assert _by_id(store.load_event(record.event.id, include_deleted=True)) == _by_id(record)
        assert _import(path, db)[0] == 0
        with open_store(db) as store:  # importing it again changes nothing
            assert _by_id(store.load_event(record.event.id, include_deleted=True)) == _by_id(record)
    else:
        assert code == 2 and str(path) in err, err
        assert sum(_table_counts(db).values()) == 0, "a refused bundle wrote nothing"


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"event": ' + "[" * 100_000 + "]" * 100_000 + "}")
    with pytest.raises(DataError, match="nested far too deeply|not a valid"):
        read_bundle(path)
    deep_object = tmp_path / "deep-object.json"
    deep_object.write_text('{"schema_version": 1, "event": ' + '{"a": ' * 5000 + "1" + "}" * 5000 + "}")
    with pytest.raises(DataError):
        read_bundle(deep_object)


def test_a_row_without_its_id_is_refused(tmp_path: Path, bundle_text: str) -> None:
    data = json.loads(bundle_text)
    del data["findings"][3]["id"]
    path = tmp_path / "no-id.json"
    path.write_text(json.dumps(data))
    with pytest.raises(DataError, match="findings.3 has no id"):
        read_bundle(path)


def test_huge_strings_are_refused_with_the_field(tmp_path: Path, bundle_text: str) -> None:
    data = json.loads(bundle_text)
    data["findings"][0]["text"] = "x" * 5_000_000
    path = tmp_path / "huge-string.json"
    path.write_text(json.dumps(data))
    with pytest.raises(DataError, match="findings.0.text.*limit is 20,000"):
        read_bundle(path)


def test_a_50_mb_file_is_handled_without_a_traceback(tmp_path: Path, bundle_text: str) -> None:
    data = json.loads(bundle_text)
    data["padding"] = "p" * (50 * 1024 * 1024)
    path = tmp_path / "fifty.json"
    path.write_text(json.dumps(data))
    assert path.stat().st_size > 50 * 1024 * 1024
    db = tmp_path / "fifty.sqlite3"
    code, err = _import(path, db)
    assert code == 2 and "Traceback" not in err and str(path) in err
    assert sum(_table_counts(db).values()) == 0


def test_a_bundle_of_many_findings_near_the_size_limit_imports_whole(tmp_path: Path, bundle_text: str) -> None:
    data = json.loads(bundle_text)
    template = data["findings"][0]
    import uuid

    data["findings"] = [{**template, "id": str(uuid.uuid4()), "text": f"finding {n} " + "y" * 19_000} for n in range(2_800)]
    path = tmp_path / "big-valid.json"
    path.write_text(json.dumps(data))
    assert path.stat().st_size > 50 * 1024 * 1024
    db = tmp_path / "big.sqlite3"
    code, err = _import(path, db)
    assert code == 0, err
    assert _table_counts(db)["findings"] == 2_800

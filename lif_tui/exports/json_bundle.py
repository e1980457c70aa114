"""The JSON bundle: one event, lossless, for moving it between laptops or keeping an archive copy.

A bundle is a transfer format, not a briefing, so it carries everything the store holds for the event
(including soft-deleted rows if the record has them) and no sensitivity check runs on it. Treat a bundle
with the same care as the database itself.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from lif_tui.errors import DataError
from lif_tui.exports.atomic_write import write_text
from lif_tui.models import SCHEMA_VERSION, EventRecord, validation_messages

__all__ = ["write_bundle", "read_bundle", "MAX_BUNDLE_BYTES"]

MAX_BUNDLE_BYTES = 100 * 1024 * 1024
"""Bundles larger than this are refused before reading: no real event comes near it."""


def write_bundle(record: EventRecord, path: Path | str) -> Path:
    """Write `record` as indented JSON, atomically; returns the path written."""
    return write_text(Path(path), record.model_dump_json(indent=2) + "\n", encoding="utf-8")


def read_bundle(path: Path | str) -> EventRecord:
    """Read and validate a bundle.

    Raises DataError, naming the file, when it is missing, larger than 100 MB, not JSON, written by a
    newer lif-tui (a higher schema_version), or does not hold a valid event.
    """
    path = Path(path).expanduser()
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DataError(f"No bundle at {path}.") from None
    except OSError as error:
        raise DataError(f"Cannot read {path}: {error.strerror or error}.") from None
    if path.is_dir():
        raise DataError(f"Cannot read {path}: it is a folder, not a bundle file.")
    if size > MAX_BUNDLE_BYTES:
        raise DataError(
            f"{path} is {size / 1024 / 1024:,.0f} MB; bundles are at most {MAX_BUNDLE_BYTES // 1024 // 1024} MB, "
            "so this is not a lif-tui bundle."
        )
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DataError(f"Cannot read {path}: {error.strerror or error}.") from None
    try:
        text = raw.decode("utf-8-sig")
        data = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        detail = f"line {error.lineno}, column {error.colno}" if isinstance(error, json.JSONDecodeError) else "not UTF-8"
        raise DataError(f"{path} is not a valid JSON bundle ({detail}).") from None
    except RecursionError:
        raise DataError(f"{path} is not a lif-tui bundle (its JSON is nested far too deeply).") from None
    if not isinstance(data, dict) or "event" not in data:
        raise DataError(f"{path} is JSON but not a lif-tui bundle (it has no event).")
    version = data.get("schema_version", 1)
    if not isinstance(version, int) or isinstance(version, bool):
        raise DataError(f"{path} has a schema_version that is not a whole number.")
    if version > SCHEMA_VERSION:
        raise DataError(
            f"{path} was written by a newer lif-tui (bundle schema version {version}; this version reads up to "
            f"{SCHEMA_VERSION}). Upgrade lif-tui to read it."
        )
    missing = _missing_identity(data)
    if missing:
        raise DataError(
            f"{path} is not a valid bundle: {missing}. Every row needs its id and timestamps, or importing it "
            "twice would duplicate it."
        )
    try:
        return EventRecord.model_validate_json(text)
    except ValidationError as error:
        messages = validation_messages(error)
        shown = "; ".join(messages[:3])
        more = f" (and {len(messages) - 3} more problems)" if len(messages) > 3 else ""
        raise DataError(f"{path} is not a valid bundle: {shown}{more}.") from None


_ENTITY_LISTS = ("reviews", "attendance", "phases", "findings", "ratings", "actions")
_IDENTITY_KEYS = ("id", "created_at", "updated_at")


def _missing_identity(data: dict) -> str:
    """Name the first row that lacks its id or timestamps (or the event its watch-list salt), or return "".

    The models fill a missing id or timestamp with a fresh one, which is right when the app creates a row
    but wrong for a bundle: each read would invent a new row, and a second import would add it again.
    """
    rows: list[tuple[str, object]] = [("event", data.get("event"))]
    for name in _ENTITY_LISTS:
        items = data.get(name)
        if isinstance(items, list):
            rows += [(f"{name}.{index}", item) for index, item in enumerate(items)]
    for index, review in enumerate(data.get("reviews") or []):
        if isinstance(review, dict) and isinstance(review.get("learning_points"), list):
            rows += [(f"reviews.{index}.learning_points.{n}", p) for n, p in enumerate(review["learning_points"])]
    event = data.get("event")
    if isinstance(event, dict) and "watch_list" not in event:
        return "event has no watch_list (its salt cannot be invented: the stored hashes depend on it)"
    for where, row in rows:
        if isinstance(row, dict):
            for key in _IDENTITY_KEYS:
                if key not in row:
                    return f"{where} has no {key}"
    return ""


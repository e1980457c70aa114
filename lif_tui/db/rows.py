"""Conversion between domain models and SQLite rows.

Kept apart from the Store so the mapping (JSON columns, booleans as integers, one fixed timestamp format
that sorts as text) is written once and read in one place.

The Store imports this module at start-up, before the first screen is painted, so the pydantic models
(about 70 ms of imports) are imported inside the functions that build them, not at module level.
"""

from __future__ import annotations

import functools
import json
import uuid
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from pydantic import BaseModel

    from lif_tui.models import Event, LearningPoint, Review

TIMESTAMP_FIELDS = ("created_at", "updated_at", "deleted_at")
JSON_FIELDS = {
    "reviews": ("themes",),
    "events": ("reflection_questions", "resources"),
    "ratings": ("confidence_before", "confidence_after"),
    "actions": ("progress_notes",),
}
BOOL_FIELDS = {
    "reviews": ("parallel_proceedings",),
    "attendance": ("involved_in_case",),
}
EVENT_CHILD_TABLES: tuple[str, ...] = ("attendance", "phases", "findings", "ratings", "actions")
"""Tables whose rows belong to one event; `child_model` gives the model each row becomes."""

ModelT = TypeVar("ModelT", bound="BaseModel")


@functools.cache
def child_model(table: str) -> type[BaseModel]:
    """The model a row of one of EVENT_CHILD_TABLES becomes."""
    from lif_tui import models

    return {
        "attendance": models.Attendance,
        "phases": models.Phase,
        "findings": models.Finding,
        "ratings": models.Rating,
        "actions": models.Action,
    }[table]


def format_timestamp(value: datetime | None) -> str | None:
    """One fixed-width UTC format, so timestamps sort correctly as text in SQL."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def to_row(table: str, model: BaseModel, **extra: Any) -> dict[str, Any]:
    """Flatten a model into a row for `table`, adding columns such as event_id from `extra`."""
    row = model.model_dump(mode="json")
    for name in TIMESTAMP_FIELDS:
        if name in row:
            row[name] = format_timestamp(getattr(model, name))
    for name in JSON_FIELDS.get(table, ()):
        row[name] = json.dumps(row[name], ensure_ascii=False)
    for name in BOOL_FIELDS.get(table, ()):
        row[name] = int(bool(row[name]))
    row.update(extra)
    return row


def from_row(table: str, model: type[ModelT], row: dict[str, Any], drop: tuple[str, ...] = ()) -> ModelT:
    """Rebuild a model from a row, ignoring columns that belong to the table rather than the model."""
    data = {key: value for key, value in row.items() if key not in drop}
    for name in JSON_FIELDS.get(table, ()):
        if data.get(name) is not None:
            data[name] = json.loads(data[name])
    for name in BOOL_FIELDS.get(table, ()):
        data[name] = bool(data.get(name))
    return model.model_validate({key: value for key, value in data.items() if value is not None or key == "deleted_at"})


def event_to_row(event: Event) -> dict[str, Any]:
    row = to_row("events", event)
    watch = row.pop("watch_list")
    row.pop("review_ids")
    row["watch_salt"] = watch["salt"]
    row["watch_hashes"] = json.dumps(watch["hashes"])
    return row


def event_from_row(row: dict[str, Any], review_ids: list[str]) -> Event:
    from lif_tui.models import Event, WatchList

    data = dict(row)
    data["watch_list"] = WatchList(salt=data.pop("watch_salt"), hashes=json.loads(data.pop("watch_hashes") or "[]"))
    data["review_ids"] = [uuid.UUID(rid) for rid in review_ids]
    return from_row("events", Event, data)


def review_to_row(review: Review) -> dict[str, Any]:
    row = to_row("reviews", review)
    row.pop("learning_points")
    return row


def review_from_row(row: dict[str, Any], points: list[LearningPoint]) -> Review:
    from lif_tui.models import Review

    review = from_row("reviews", Review, row)
    # Assign after validation of the row, then validate the list (duplicate numbers are refused).
    return review.model_copy(update={"learning_points": points})


def learning_point_to_row(point: LearningPoint, review_id: uuid.UUID) -> dict[str, Any]:
    return to_row("learning_points", point, review_id=str(review_id))


def learning_point_from_row(row: dict[str, Any]) -> LearningPoint:
    from lif_tui.models import LearningPoint

    return from_row("learning_points", LearningPoint, row, drop=("review_id",))


def child_from_row(table: str, row: dict[str, Any]) -> BaseModel:
    return from_row(table, child_model(table), row, drop=("event_id",))

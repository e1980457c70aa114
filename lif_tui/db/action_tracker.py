"""Every action across every event: filter, follow up, and record progress.

"Overdue" is always judged against a date passed in (the app's `today`), never the clock, so the tracker
and its tests agree on what is late.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from lif_tui.db import rows
from lif_tui.db.store import guarded
from pydantic import ValidationError

from lif_tui.errors import NotFoundError, UsageError
from lif_tui.models import Action, ActionStatus, ProgressNote, utc_now, validation_messages

if TYPE_CHECKING:
    from lif_tui.db.store import Store

OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
"""Statuses that still need work; only these can be overdue."""


@dataclass(frozen=True)
class ActionFilter:
    """Empty fields do not filter. `statuses` empty means every status."""

    statuses: frozenset[ActionStatus] = frozenset()
    owner_agency: str = ""
    overdue_only: bool = False
    event_id: uuid.UUID | None = None

    def describe(self) -> str:
        parts = []
        if self.statuses:
            parts.append(" or ".join(sorted(str(s) for s in self.statuses)))
        if self.owner_agency:
            parts.append(f"owner: {self.owner_agency}")
        if self.overdue_only:
            parts.append("overdue")
        return " · ".join(parts) or "all actions"


@dataclass(frozen=True)
class TrackedAction:
    """An action with the event it came from and whether it is overdue on the tracker's date."""

    action: Action
    event_id: uuid.UUID
    event_title: str
    event_date: date
    learning_point: str
    """e.g. "Child T LP2", or "" when the action is not tied to a learning point."""
    overdue: bool


def _conditions(filters: ActionFilter, today: date) -> tuple[list[str], list[Any]]:
    where = ["a.deleted_at IS NULL", "e.deleted_at IS NULL"]
    params: list[Any] = []
    if filters.statuses:
        where.append(f"a.status IN ({','.join('?' for _ in filters.statuses)})")
        params += sorted(str(status) for status in filters.statuses)
    if filters.owner_agency.strip():
        where.append("a.owner_agency = ? COLLATE NOCASE")
        params.append(filters.owner_agency.strip())
    if filters.overdue_only:
        where.append(f"a.due_date IS NOT NULL AND a.due_date < ? AND a.status IN ({','.join('?' for _ in OPEN_STATUSES)})")
        params += [today.isoformat(), *(str(s) for s in OPEN_STATUSES)]
    if filters.event_id is not None:
        where.append("a.event_id = ?")
        params.append(str(filters.event_id))
    return where, params


@guarded
def list_actions(
    store: "Store", filters: ActionFilter = ActionFilter(), *, today: date, limit: int = 500, offset: int = 0
) -> list[TrackedAction]:
    """Actions matching `filters`: overdue first (oldest due first), then by due date, undated last."""
    where, params = _conditions(filters, today)
    open_marks = ",".join("?" for _ in OPEN_STATUSES)
    sql = f"""
        SELECT a.*, e.title AS event_title, e.event_date AS event_date,
          (SELECT r.pseudonym || ' LP' || lp.number FROM learning_points lp JOIN reviews r ON r.id = lp.review_id
             WHERE lp.id = a.learning_point_id) AS lp_label,
          (a.due_date IS NOT NULL AND a.due_date < ? AND a.status IN ({open_marks})) AS overdue
        FROM actions a JOIN events e ON e.id = a.event_id
        WHERE {' AND '.join(where)}
        ORDER BY overdue DESC, a.status IN ({open_marks}) DESC, a.due_date IS NULL, a.due_date, e.event_date, a.created_at
        LIMIT ? OFFSET ?
    """
    status_params = [str(s) for s in OPEN_STATUSES]
    out = []
    for row in store.db.query(
        sql, [today.isoformat(), *status_params, *params, *status_params, max(0, limit), max(0, offset)]
    ):
        event_title = row.pop("event_title")
        event_date = row.pop("event_date")
        label = row.pop("lp_label")
        overdue = bool(row.pop("overdue"))
        event_id = row["event_id"]
        action: Action = rows.child_from_row("actions", row)  # type: ignore[assignment]
        out.append(
            TrackedAction(
                action=action,
                event_id=uuid.UUID(event_id),
                event_title=event_title,
                event_date=date.fromisoformat(event_date),
                learning_point=label or "",
                overdue=overdue,
            )
        )
    return out


@guarded
def count_actions(store: "Store", filters: ActionFilter = ActionFilter(), *, today: date) -> int:
    where, params = _conditions(filters, today)
    sql = f"SELECT count(*) FROM actions a JOIN events e ON e.id = a.event_id WHERE {' AND '.join(where)}"
    return store.db.execute(sql, params).fetchone()[0]


@guarded
def owner_agencies(store: "Store") -> list[str]:
    """Agencies that own at least one live action, for the owner filter."""
    return [
        row["owner_agency"]
        for row in store.db.query(
            """SELECT a.owner_agency FROM actions a JOIN events e ON e.id = a.event_id
               WHERE a.deleted_at IS NULL AND e.deleted_at IS NULL AND coalesce(a.owner_agency, '') != ''
               GROUP BY lower(a.owner_agency) ORDER BY lower(a.owner_agency)"""
        )
    ]


def _load_action(store: "Store", action_id: uuid.UUID | str) -> Action:
    row = next(
        iter(store.db.query("SELECT * FROM actions WHERE id = ? AND deleted_at IS NULL", [str(action_id)])), None
    )
    if row is None:
        raise NotFoundError(f"No action {action_id} in {store.path}; it may have been deleted.")
    return rows.child_from_row("actions", row)  # type: ignore[return-value]


@guarded
def set_action_status(store: "Store", action_id: uuid.UUID | str, status: ActionStatus) -> Action:
    """Change the status, committed on return; updated_at moves so a later bundle import keeps it."""
    action = _load_action(store, action_id)
    if action.status == status:
        return action
    return store.update_action(action.model_copy(update={"status": status, "updated_at": utc_now()}))


@guarded
def add_progress_note(store: "Store", action_id: uuid.UUID | str, text: str, *, noted_on: date) -> Action:
    """Append a dated progress note (validated: not blank, not too long), committed on return."""
    action = _load_action(store, action_id)
    try:
        note = ProgressNote(noted_on=noted_on, text=text)
    except ValidationError as error:
        reasons = "; ".join(message.removeprefix("text: ") for message in validation_messages(error))
        raise UsageError(f"The progress note {reasons}.") from None
    return store.update_action(action.model_copy(update={"progress_notes": [*action.progress_notes, note]}))

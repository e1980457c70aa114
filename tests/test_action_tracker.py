"""The action tracker: filters by status, owner agency and overdue; status changes and progress notes."""

from __future__ import annotations

from datetime import date

import pytest

from archive_factories import action, record
from lif_tui.db.action_tracker import (
    ActionFilter,
    add_progress_note,
    count_actions,
    list_actions,
    owner_agencies,
    set_action_status,
)
from lif_tui.errors import NotFoundError, UsageError
from lif_tui.models import ActionStatus

TODAY = date(2026, 11, 26)


@pytest.fixture
def tracked(store):
    late_open = action("Late and open", due=date(2026, 6, 30), owner="Police")
    late_in_progress = action("Late, in progress", due=date(2026, 11, 25), status=ActionStatus.IN_PROGRESS, owner="Education")
    late_done = action("Late but done", due=date(2026, 1, 1), status=ActionStatus.DONE, owner="Police")
    due_today = action("Due today", due=TODAY, owner="education")
    future = action("Later", due=date(2027, 3, 1), owner="Health visiting")
    undated = action("No date", owner="")
    store.save_event(record("One", actions=(late_open, late_done, future)))
    store.save_event(record("Two", on=date(2026, 5, 1), actions=(late_in_progress, due_today, undated)))
    return {a.text: a for a in (late_open, late_in_progress, late_done, due_today, future, undated)}


def titles(items) -> list[str]:
    return [item.action.text for item in items]


def test_all_actions_overdue_first_then_by_due_date(store, tracked):
    items = list_actions(store, today=TODAY)
    assert titles(items) == ["Late and open", "Late, in progress", "Due today", "Later", "No date", "Late but done"]
    assert [item.overdue for item in items] == [True, True, False, False, False, False]
    assert items[0].event_title == "One"


def test_overdue_filter_uses_the_given_day(store, tracked):
    assert titles(list_actions(store, ActionFilter(overdue_only=True), today=TODAY)) == ["Late and open", "Late, in progress"]
    assert titles(list_actions(store, ActionFilter(overdue_only=True), today=date(2026, 11, 27))) == [
        "Late and open",
        "Late, in progress",
        "Due today",
    ]
    assert count_actions(store, ActionFilter(overdue_only=True), today=date(2026, 1, 1)) == 0


def test_status_and_owner_filters(store, tracked):
    done = list_actions(store, ActionFilter(statuses=frozenset({ActionStatus.DONE})), today=TODAY)
    assert titles(done) == ["Late but done"]
    open_work = ActionFilter(statuses=frozenset({ActionStatus.OPEN, ActionStatus.IN_PROGRESS}))
    assert len(list_actions(store, open_work, today=TODAY)) == 5
    education = list_actions(store, ActionFilter(owner_agency="Education"), today=TODAY)
    assert titles(education) == ["Late, in progress", "Due today"]  # owner match ignores case
    combined = ActionFilter(owner_agency="police", overdue_only=True)
    assert titles(list_actions(store, combined, today=TODAY)) == ["Late and open"]
    assert owner_agencies(store) == ["Education", "Health visiting", "Police"]


def test_deleted_actions_and_events_are_left_out(store, tracked):
    store.delete_action(tracked["Later"].id)
    assert "Later" not in titles(list_actions(store, today=TODAY))
    event_two = next(s for s in store.list_events() if s.title == "Two")
    store.delete_event(event_two.id)
    assert titles(list_actions(store, today=TODAY)) == ["Late and open", "Late but done"]


def test_status_update_and_progress_note_persist(store, tracked):
    target = tracked["Late and open"]
    updated = set_action_status(store, target.id, ActionStatus.DONE)
    assert updated.status is ActionStatus.DONE and updated.updated_at > target.updated_at
    with_note = add_progress_note(store, target.id, "Audit booked for January.", noted_on=TODAY)
    assert [(n.noted_on, n.text) for n in with_note.progress_notes] == [(TODAY, "Audit booked for January.")]
    reloaded = next(i.action for i in list_actions(store, today=TODAY) if i.action.id == target.id)
    assert reloaded.status is ActionStatus.DONE and reloaded.progress_notes[0].text == "Audit booked for January."
    assert "Late and open" not in titles(list_actions(store, ActionFilter(overdue_only=True), today=TODAY))


def test_blank_note_and_unknown_action_refused(store, tracked):
    with pytest.raises(UsageError, match="cannot be empty"):
        add_progress_note(store, tracked["Later"].id, "   ", noted_on=TODAY)
    with pytest.raises(NotFoundError):
        set_action_status(store, "00000000-0000-0000-0000-000000000000", ActionStatus.DONE)

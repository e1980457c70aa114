"""SVG snapshots of the review screens at 80x24 and 120x40, on the demo data with a fixed today.

After an intended visual change: `python -m pytest tests/test_snapshots_review.py --snapshot-update`,
then look at the SVGs in tests/__snapshots__/test_snapshots_review/.
"""

from __future__ import annotations

from datetime import date

import pytest

from lif_tui.app import LifApp
from settling import settle

TODAY = date(2026, 11, 26)
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.fixture
def archive(demo_store):
    """The demo events as a new user sees them: Child T is revisited six months on, so trends compare two."""
    return demo_store


def app_for(store) -> LifApp:
    return LifApp(store, today=lambda: TODAY)


@pytest.mark.parametrize("size", SIZES)
def test_search_results(snap_compare, archive, size):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("slash", *"diabetes", "enter")
        await settle(pilot)

    assert snap_compare(app_for(archive), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_read_only_event(snap_compare, archive, size):
    async def run_before(pilot) -> None:
        from lif_tui.screens.event_readonly import EventReadOnlyScreen

        await settle(pilot)
        summary = next(s for s in archive.list_events() if s.title == "Evidencing impact: Child T")
        pilot.app.push_screen(EventReadOnlyScreen(summary.id))
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)

    assert snap_compare(app_for(archive), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_trends(snap_compare, archive, size):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)

    assert snap_compare(app_for(archive), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_action_tracker(snap_compare, archive, size):
    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.action_action_tracker()
        await settle(pilot)

    assert snap_compare(app_for(archive), terminal_size=size, run_before=run_before)

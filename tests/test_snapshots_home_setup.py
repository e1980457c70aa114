"""SVG snapshots of home, set-up and help at 80x24 and 120x40, on the demo data with a fixed day.

Regenerate with `pytest tests/test_snapshots_home_setup.py --snapshot-update`, then look at the SVGs.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from lif_tui.app import LifApp
from lif_tui.demo import DEMO_TODAY
from settling import wait_for_workers

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


async def settle(pilot: Pilot) -> None:
    """Wait for workers and repaints, and stop cursors blinking so every picture is the same."""
    for _ in range(3):
        await pilot.pause()
        await wait_for_workers(pilot.app)
    for widget in pilot.app.screen.query("Input, TextArea"):
        widget.cursor_blink = False  # type: ignore[attr-defined]
    await pilot.wait_for_scheduled_animations()  # scrolling a newly focused widget into view
    await pilot.pause()
    await pilot.pause()


async def edit_child_t(pilot: Pilot) -> None:
    """Open the set-up of the Child T demo event, found by title so more demo events change nothing."""
    await settle(pilot)
    table = pilot.app.screen.query_one("#events", DataTable)
    titles = [str(table.get_row_at(index)[1]) for index in range(table.row_count)]
    table.move_cursor(row=titles.index("Evidencing impact: Child T"), animate=False)
    await pilot.pause()
    assert pilot.app.screen.selected().title == "Evidencing impact: Child T"  # type: ignore[attr-defined]
    await pilot.press("s")
    await settle(pilot)


def demo_app(store) -> LifApp:
    return LifApp(store, today=lambda: DEMO_TODAY, clock=lambda: 0.0)


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare, demo_store, size) -> None:
    assert snap_compare(demo_app(demo_store), terminal_size=size, run_before=settle)


def test_home_empty(snap_compare, store) -> None:
    assert snap_compare(demo_app(store), terminal_size=(80, 24), run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_setup_details(snap_compare, demo_store, size) -> None:
    assert snap_compare(demo_app(demo_store), terminal_size=size, run_before=edit_child_t)


@pytest.mark.parametrize("size", SIZES)
def test_setup_agenda(snap_compare, demo_store, size) -> None:
    async def open_agenda(pilot: Pilot) -> None:
        await edit_child_t(pilot)
        await pilot.press("f6")
        await settle(pilot)

    assert snap_compare(demo_app(demo_store), terminal_size=size, run_before=open_agenda)


@pytest.mark.parametrize("size", SIZES)
def test_setup_attendance(snap_compare, demo_store, size) -> None:
    async def open_attendance(pilot: Pilot) -> None:
        await edit_child_t(pilot)
        await pilot.press("f5")
        await settle(pilot)

    assert snap_compare(demo_app(demo_store), terminal_size=size, run_before=open_attendance)


def test_setup_new_event_with_errors(snap_compare, store) -> None:
    async def save_blank(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("tab", "ctrl+u", *"31/02", "ctrl+s")
        await settle(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(demo_app(store), terminal_size=(80, 24), run_before=save_blank)


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, demo_store, size) -> None:
    async def open_help(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)

    assert snap_compare(demo_app(demo_store), terminal_size=size, run_before=open_help)


def test_delete_confirmation(snap_compare, demo_store) -> None:
    async def ask(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)

    assert snap_compare(demo_app(demo_store), terminal_size=(80, 24), run_before=ask)

"""Snapshots of the live screen on the demo Child T event, at 80x24 and 120x40.

Deterministic: a fixed clock and day, and the demo event is closed, so its timer opens paused.
Regenerate with `pytest tests/test_snapshots_facilitate.py --snapshot-update`, then look at the SVGs.
"""

from __future__ import annotations

import pytest

from lif_tui.demo import DEMO_TODAY
from settling import wait_for_workers

pytest.importorskip("pytest_textual_snapshot")


def _child_t_app(store, phase_position: int):
    from lif_tui.app import LifApp

    summary = next(s for s in store.list_events() if s.title == "Evidencing impact: Child T")
    record = store.load_event(summary.id)
    store.set_current_phase(summary.id, record.active_phases()[phase_position].id)
    return LifApp(store, open_event=summary.id, clock=lambda: 1000.0, today=lambda: DEMO_TODAY)


async def _settle(pilot) -> None:
    """Wait for workers and repaints; stop cursors blinking, which a picture catches on or off by timing."""
    from textual.widgets import Input

    for _ in range(3):
        await wait_for_workers(pilot.app)
        await pilot.pause()
    for screen in pilot.app.screen_stack:
        for widget in screen.query(Input):
            widget.cursor_blink = False
    await pilot.pause()


def test_facilitate_learning_point_80x24(snap_compare, demo_store) -> None:
    assert snap_compare(_child_t_app(demo_store, 3), terminal_size=(80, 24), run_before=_settle)


def test_facilitate_learning_point_120x40(snap_compare, demo_store) -> None:
    assert snap_compare(_child_t_app(demo_store, 3), terminal_size=(120, 40), run_before=_settle)


def test_facilitate_rating_panel_focused_120x40(snap_compare, demo_store) -> None:
    """The close phase: ratings taken again (stage 'after'), panel focused, remove mode on."""

    async def rate(pilot) -> None:
        await _settle(pilot)
        await pilot.press("ctrl+r", "minus")
        await _settle(pilot)

    assert snap_compare(_child_t_app(demo_store, 10), terminal_size=(120, 40), run_before=rate)


def test_action_dialog_with_a_bad_date_80x24(snap_compare, demo_store) -> None:
    async def bad_date(pilot) -> None:
        await _settle(pilot)
        await pilot.press("ctrl+n")
        await pilot.press(*"Audit", "tab", *"Health visiting", "tab", "tab", *"31/02/2027", "ctrl+s")
        await _settle(pilot)

    assert snap_compare(_child_t_app(demo_store, 3), terminal_size=(80, 24), run_before=bad_date)

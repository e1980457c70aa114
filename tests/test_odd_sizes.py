"""Every screen survives odd terminal sizes (tiny and huge) without a traceback, and keeps working."""

from __future__ import annotations

from datetime import date

import pytest

from lif_tui.app import LifApp
from settling import wait_for_workers

SIZES = [(20, 10), (300, 80)]


def _screens(event_id, review_id):
    from lif_tui.screens.action_tracker import ActionTrackerScreen
    from lif_tui.screens.event_readonly import EventReadOnlyScreen
    from lif_tui.screens.export import ExportScreen
    from lif_tui.screens.facilitate import FacilitateScreen
    from lif_tui.screens.help import HelpScreen
    from lif_tui.screens.review import ReviewScreen
    from lif_tui.screens.setup import SetupScreen
    from lif_tui.screens.trends import TrendsScreen

    return {
        "set-up (new)": lambda: SetupScreen(None),
        "set-up (edit)": lambda: SetupScreen(event_id),
        "facilitate": lambda: FacilitateScreen(event_id),
        "help": lambda: HelpScreen(),
        "review": lambda: ReviewScreen(initial_query="diabetes"),
        "event read-only": lambda: EventReadOnlyScreen(event_id),
        "trends": lambda: TrendsScreen(review_id),
        "action tracker": lambda: ActionTrackerScreen(),
        "export": lambda: ExportScreen(event_id),
    }


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_screen_at_odd_sizes(demo_store, size) -> None:
    summary = next(s for s in demo_store.list_events() if s.title == "Evidencing impact: Child T")
    record = demo_store.load_event(summary.id)
    app = LifApp(demo_store, today=lambda: date(2026, 11, 26))
    async with app.run_test(size=size) as pilot:
        await wait_for_workers(app)
        await pilot.pause()
        for name, make in _screens(summary.id, record.reviews[0].id).items():
            screen = make()
            await app.push_screen(screen)
            await wait_for_workers(app)
            await pilot.pause()
            await pilot.press("tab", "down", "tab")  # move around a little at this size
            await wait_for_workers(app)
            await pilot.pause()
            assert app.screen is not None, name
            while len(app.screen_stack) > 1:  # back to home, the bottom of the stack
                app.pop_screen()
                await pilot.pause()
        assert app.return_code is None, "the app did not crash"


async def test_live_screen_survives_resizing_down_and_up_mid_capture(demo_store) -> None:
    summary = next(s for s in demo_store.list_events() if s.title == "Evidencing impact: Child T")
    app = LifApp(demo_store, open_event=summary.id, today=lambda: date(2026, 11, 26))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app)
        await pilot.pause()
        for key in "tiny":
            await pilot.press(key)
        await pilot.resize_terminal(20, 10)
        await pilot.pause()
        for key in "screen":
            await pilot.press(key)
        await pilot.resize_terminal(300, 80)
        await pilot.pause()
        await pilot.press("enter")
        await wait_for_workers(app)
        await pilot.pause()
    texts = [f.text for f in demo_store.load_event(summary.id).findings]
    assert "tinyscreen" in texts

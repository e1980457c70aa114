"""Snapshots of the export screen at 80x24 and 120x40, dark and light.

Deterministic: a fixed today, the demo store, and the suggested exports folder pinned to /exports (the
screen never writes there in these tests), so no temporary path shows. Regenerate with
`python -m pytest tests/test_snapshots_export.py --snapshot-update`, then look at the SVGs.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot

from lif_tui.app import LIGHT_THEME, LifApp
from lif_tui.models import Finding, FindingKind
from settling import wait_for_workers

TODAY = date(2026, 11, 26)


@pytest.fixture(autouse=True)
def _fixed_exports_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("lif_tui.paths.default_exports_dir", lambda: Path("/exports"))


def child_t(store):
    return next(s.id for s in store.list_events() if s.title.endswith("Child T"))


def with_hits(store):
    """Two hits on Child T: a postcode in a finding and a full date in an action's measure."""
    event_id = child_t(store)
    store.add_finding(event_id, Finding(kind=FindingKind.CHANGED, text="Home visits are now logged at BN1 1AA"))
    action = store.load_event(event_id).active_actions()[0]
    store.update_action(action.model_copy(update={"measure": "Audit of 20 cases by 14 March 2027"}))
    return event_id


def opener(event_id, *keys: str, theme: str | None = None):
    async def run_before(pilot: Pilot) -> None:
        app = pilot.app
        assert isinstance(app, LifApp)
        if theme:
            app.theme = theme
        await pilot.pause()
        app.open_export(event_id)
        for _ in range(4):
            await pilot.pause()
            await wait_for_workers(app)
        if keys:
            await pilot.press(*keys)
            for _ in range(3):
                await pilot.pause()
                await wait_for_workers(app)
        for widget in app.screen.query("Input, TextArea"):
            widget.cursor_blink = False  # a blinking cursor is caught on or off depending on timing
        await pilot.pause()

    return run_before


def test_export_with_hits_120x40(snap_compare, demo_store) -> None:
    event_id = with_hits(demo_store)
    app = LifApp(demo_store, today=lambda: TODAY)
    assert snap_compare(app, terminal_size=(120, 40), run_before=opener(event_id))


def test_export_with_hits_80x24(snap_compare, demo_store) -> None:
    event_id = with_hits(demo_store)
    app = LifApp(demo_store, today=lambda: TODAY)
    assert snap_compare(app, terminal_size=(80, 24), run_before=opener(event_id))


def test_export_confirm_sensitive_80x24(snap_compare, demo_store) -> None:
    event_id = with_hits(demo_store)
    app = LifApp(demo_store, today=lambda: TODAY)
    assert snap_compare(app, terminal_size=(80, 24), run_before=opener(event_id, "ctrl+e"))


def test_export_fix_dialog_120x40(snap_compare, demo_store) -> None:
    event_id = with_hits(demo_store)
    app = LifApp(demo_store, today=lambda: TODAY)
    assert snap_compare(app, terminal_size=(120, 40), run_before=opener(event_id, "down", "enter"))


def test_export_clean_light_120x40(snap_compare, demo_store) -> None:
    app = LifApp(demo_store, today=lambda: TODAY)
    assert snap_compare(app, terminal_size=(120, 40), run_before=opener(child_t(demo_store), theme=LIGHT_THEME))


def test_export_csv_light_80x24(snap_compare, demo_store) -> None:
    """The CSV kind: two file names under the path, the template field disabled."""
    app = LifApp(demo_store, today=lambda: TODAY)
    assert snap_compare(
        app, terminal_size=(80, 24), run_before=opener(child_t(demo_store), "right", "right", "right", theme=LIGHT_THEME)
    )

"""F1 help: every key of the current screen, the app and the screens underneath, grouped by screen.

It is built from the live Binding objects (including those of lif-tui widgets on each screen), so it
cannot drift from what the keys really do.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Callable

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

TEXTUAL_WORDS = {
    "app.focus_next": ("Next field", "Move the focus to the next field or list"),
    "app.focus_previous": ("Previous field", "Move the focus back"),
    "screen.copy_text": ("Copy", "Copy the selected text"),
    "command_palette": ("Command palette", "Find any main action by name"),
    "help_quit": ("How to quit", "Reminds you that ctrl+q quits"),
}
"""Plain words for Textual's own bindings, whose descriptions are terse or missing."""

MOVING_AROUND = {"app.focus_next", "app.focus_previous", "screen.copy_text"}
"""Keys every screen inherits; listed once under "Everywhere" instead of under each screen."""

HIDDEN_SCREENS = {"_default"}


@dataclass(frozen=True)
class KeyHelp:
    keys: str
    description: str
    tooltip: str


@dataclass(frozen=True)
class KeyGroup:
    title: str
    keys: tuple[KeyHelp, ...]


def _title_of(node: DOMNode) -> str:
    title = getattr(node, "HELP_TITLE", None)
    if title:
        return str(title)
    name = type(node).__name__.removesuffix("Screen")
    return name or type(node).__name__


def _describe(binding: Binding) -> tuple[str, str]:
    if binding.action in TEXTUAL_WORDS:
        return TEXTUAL_WORDS[binding.action]
    return binding.description or binding.action.replace("_", " ").capitalize(), binding.tooltip


def bindings_of(app: App, node: DOMNode, *, only: Callable[[Binding], bool] = lambda _: True) -> tuple[KeyHelp, ...]:
    """One line per action of `node`, with all its keys joined ("x / del")."""
    lines: dict[tuple[str, str], list[str]] = {}
    tooltips: dict[tuple[str, str], str] = {}
    # `_bindings` is the node's live BindingsMap: class BINDINGS plus keymap overrides and added keys.
    for key, bindings in node._bindings.key_to_bindings.items():
        for binding in bindings:
            if not only(binding):
                continue
            description, tooltip = _describe(binding)
            ident = (binding.action, description)
            # The real key, not the footer's shorthand (key_display), so every key is spelt out.
            display = app.get_key_display(dataclasses.replace(binding, key=key, key_display=None))
            if display not in lines.setdefault(ident, []):
                lines[ident].append(display)
            tooltips.setdefault(ident, tooltip)
    return tuple(
        KeyHelp(" / ".join(keys), description, tooltips[(action, description)])
        for (action, description), keys in lines.items()
    )


def _own_actions(cls: type) -> set[str]:
    """Actions a lif-tui widget class declares itself (not the scrolling keys it inherits)."""
    own = cls.__dict__.get("BINDINGS", [])
    return {binding.action if isinstance(binding, Binding) else binding[1] for binding in own}


def _widget_groups(app: App, screen: Screen) -> list[KeyGroup]:
    """Keys of lif-tui's own widgets on the screen (each widget class once)."""
    seen: set[type] = set()
    groups = []
    for widget in screen.walk_children():
        cls = type(widget)
        if cls in seen or not cls.__module__.startswith("lif_tui"):
            continue
        seen.add(cls)
        actions = _own_actions(cls)
        keys = bindings_of(app, widget, only=lambda binding: binding.action in actions)
        if keys:
            groups.append(KeyGroup(f"{_title_of(screen)}: {_title_of(widget)}", keys))
    return groups


def key_groups(app: App, stack: list[Screen]) -> list[KeyGroup]:
    """The current screen and its widgets, then "Everywhere", then the screens underneath."""
    screens = [s for s in stack if s.id not in HIDDEN_SCREENS and not isinstance(s, HelpScreen)]
    own = lambda binding: binding.action not in MOVING_AROUND  # noqa: E731
    everywhere = bindings_of(app, app)
    if screens:
        everywhere += bindings_of(app, screens[-1], only=lambda binding: binding.action in MOVING_AROUND)
    groups: list[KeyGroup] = []
    for index, screen in enumerate(reversed(screens)):
        title = _title_of(screen) if index == 0 else f"{_title_of(screen)} (underneath)"
        groups.append(KeyGroup(title, bindings_of(app, screen, only=own)))
        groups += _widget_groups(app, screen)
        if index == 0:
            groups.append(KeyGroup("Everywhere", everywhere))
    if not screens:
        groups.append(KeyGroup("Everywhere", everywhere))
    return [group for group in groups if group.keys]


def _render_group(group: KeyGroup) -> Table:
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
    table.add_column("keys", style="bold", no_wrap=True, min_width=10)
    table.add_column("what", no_wrap=True)
    table.add_column("more", style="dim", ratio=1)
    for line in group.keys:
        table.add_row(Text(line.keys), Text(line.description), Text(line.tooltip))
    return table


class HelpScreen(ModalScreen[None]):
    """Every key, grouped by screen. Escape, q or F1 closes it."""

    HELP_TITLE = "Help"
    BINDINGS = [
        Binding("escape,q,f1", "close", "Close help", id="help.close", tooltip="Back to where you were"),
    ]

    def __init__(self) -> None:
        super().__init__(id="help", classes="dialog-screen")
        self.groups: list[KeyGroup] = []

    def compose(self) -> ComposeResult:
        self.groups = groups = key_groups(self.app, list(self.app.screen_stack))
        with Vertical(classes="dialog", id="help-dialog"):
            yield Static("Keys  ·  escape closes  ·  ctrl+p finds any action by name", classes="dialog-title")
            with VerticalScroll(id="help-body"):
                for group in groups:
                    yield Static(group.title, classes="help-group-title", markup=False)
                    yield Static(_render_group(group), classes="help-group")

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)

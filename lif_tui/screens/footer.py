"""A footer that tightens itself on narrow terminals, so the main keys still fit at 80 columns."""

from __future__ import annotations

from textual import events
from textual.widgets import Footer

NARROW = 100
"""Below this width the footer drops its spacing and the command-palette hint (ctrl+p still works)."""


class AdaptiveFooter(Footer):
    """Footer: compact, without the palette hint, when the terminal is narrower than NARROW columns."""

    def on_mount(self) -> None:
        self._fit(self.app.size.width)

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width)

    def _fit(self, width: int) -> None:
        narrow = width < NARROW
        if narrow == self.compact and self.show_command_palette != narrow:
            return
        self.compact = narrow
        self.show_command_palette = not narrow
        self.refresh(recompose=True)  # the palette hint is only read when the footer composes

"""A small dialog to correct the text of a saved finding."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from lif_tui.models import MAX_TEXT
from lif_tui.screens.footer import AdaptiveFooter


class EditFindingDialog(ModalScreen[str | None]):
    """Returns the corrected text, or None if cancelled or unchanged. Blank text is refused."""

    DEFAULT_CSS = """
    EditFindingDialog { align: center middle; }
    EditFindingDialog > Vertical {
        width: 90%; max-width: 110; height: auto; border: thick $primary; background: $surface; padding: 0 1;
    }
    EditFindingDialog #edit-error { color: $error; height: auto; display: none; }
    EditFindingDialog #edit-error.-shown { display: block; }
    EditFindingDialog #edit-buttons { height: 1; margin-top: 1; align-horizontal: right; }
    EditFindingDialog Button { margin-left: 2; }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="edit.cancel")]

    def __init__(self, text: str, kind_label: str = "") -> None:
        super().__init__()
        self.original = text
        self.kind_label = kind_label

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = f"Edit finding{' · ' + self.kind_label if self.kind_label else ''}"
            box.border_subtitle = "Enter: save · Esc: cancel · ctrl+z later undoes the edit"
            yield Input(self.original, id="edit-text", max_length=MAX_TEXT)
            yield Label("", id="edit-error")
            with Horizontal(id="edit-buttons"):
                yield Button("Save", id="edit-save", variant="primary", compact=True)
                yield Button("Cancel", id="edit-cancel", compact=True)
        yield AdaptiveFooter()

    def on_mount(self) -> None:
        self.query_one("#edit-text", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#edit-save")
    def action_save(self) -> None:
        text = self.query_one("#edit-text", Input).value
        if not text.strip():
            error = self.query_one("#edit-error", Label)
            error.update("A finding cannot be empty. To remove it, press Esc and then Delete in the list.")
            error.add_class("-shown")
            return
        self.dismiss(None if text == self.original else text)

    @on(Button.Pressed, "#edit-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

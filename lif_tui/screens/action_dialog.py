"""A compact dialog for one action: text, owner agency and role, due date and measure.

The dialog validates through the model and saves through the store itself, so it closes only once the
action is on disk. If validation or the store fails, it stays open with everything typed still there.
"""

from __future__ import annotations

import uuid

from pydantic import ValidationError
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label

from lif_tui.errors import LifError
from lif_tui.models import Action, LearningPoint, validation_messages
from lif_tui.screens.footer import AdaptiveFooter

ACTION_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("text", "Action", "What will be done"),
    ("owner_agency", "Owner agency", "e.g. Education (→ completes)"),
    ("owner_role", "Owner role", "e.g. Designated safeguarding lead"),
    ("due_date", "Due date", "dd/mm/yyyy"),
    ("measure", "Measure", "How we will know it worked"),
)
"""(model field, label, placeholder) for each input, in tab order."""


class ActionDialog(ModalScreen[Action | None]):
    """Returns the saved Action, or None if cancelled. Nothing is saved until every field is valid."""

    HELP_TITLE = "New action"

    DEFAULT_CSS = """
    ActionDialog { align: center middle; }
    ActionDialog > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%; overflow-y: auto;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    ActionDialog .field-row { height: 1; margin-top: 1; }
    ActionDialog .field-label { width: 14; text-style: bold; }
    ActionDialog Input { width: 1fr; }
    ActionDialog .field-error { color: $text-error; padding-left: 14; width: 1fr; height: auto; display: none; }
    ActionDialog .field-error.-shown { display: block; }
    ActionDialog #action-lp { color: $text-muted; margin-top: 1; height: auto; }
    ActionDialog #action-store-error { color: $error; height: auto; display: none; }
    ActionDialog #action-store-error.-shown { display: block; }
    ActionDialog #action-buttons { height: 1; margin-top: 1; align-horizontal: right; }
    ActionDialog Button { margin-left: 2; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="action.cancel"),
        Binding("ctrl+s", "save", "Save action", id="action.save"),
    ]

    def __init__(
        self,
        event_id: uuid.UUID,
        agencies: list[str],
        learning_point: LearningPoint | None = None,
        point_label: str = "",
    ) -> None:
        super().__init__()
        self.point_label = point_label or (learning_point.label if learning_point else "")
        self.event_id = event_id
        self.agencies = agencies
        self.learning_point = learning_point
        self._saving = False

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "New action"
            box.border_subtitle = "Enter: next field · ctrl+s: save · Esc: cancel"
            for field, label, placeholder in ACTION_FIELDS:
                with Horizontal(classes="field-row"):
                    yield Label(label, classes="field-label")
                    suggester = SuggestFromList(self.agencies, case_sensitive=False) if field == "owner_agency" else None
                    yield Input(placeholder=placeholder, id=f"action-{field}", compact=True, suggester=suggester)
                yield Label("", id=f"action-{field}-error", classes="field-error")
            point = self.learning_point
            yield Label(
                f"Learning point: {self.point_label} · {point.text}" if point else "Learning point: none (event-wide)",
                id="action-lp",
            )
            yield Label("", id="action-store-error")
            with Horizontal(id="action-buttons"):
                yield Button("Save", id="action-save", variant="primary", compact=True)
                yield Button("Cancel", id="action-cancel", compact=True)
        yield AdaptiveFooter()

    def on_mount(self) -> None:
        self.query_one("#action-text", Input).focus()

    def values(self) -> dict[str, str]:
        return {field: self.query_one(f"#action-{field}", Input).value for field, _, _ in ACTION_FIELDS}

    def build_action(self) -> Action | None:
        """The action the fields describe, or None after showing each problem next to its field."""
        for field, _, _ in ACTION_FIELDS:
            self._show_error(field, "")
        try:
            return Action(
                **self.values(), learning_point_id=self.learning_point.id if self.learning_point else None
            )
        except ValidationError as error:
            for item in error.errors():
                field = str(item["loc"][0]) if item.get("loc") else "text"
                message = item.get("msg", "is not valid").removeprefix("Value error, ")
                if field not in {f for f, _, _ in ACTION_FIELDS}:
                    self._show_store_error("; ".join(validation_messages(error)))
                    continue
                self._show_error(field, message)
            first = next(
                (f for f, _, _ in ACTION_FIELDS if self.query_one(f"#action-{f}-error", Label).has_class("-shown")),
                None,
            )
            if first:
                self.query_one(f"#action-{first}", Input).focus()
            return None

    def _show_error(self, field: str, message: str) -> None:
        label = self.query_one(f"#action-{field}-error", Label)
        label.update(f"↑ {message}" if message else "")
        label.set_class(bool(message), "-shown")

    def _show_store_error(self, message: str) -> None:
        label = self.query_one("#action-store-error", Label)
        label.update(message)
        label.set_class(bool(message), "-shown")

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        """Enter moves to the next field; Enter in the last field saves."""
        event.stop()
        ids = [f"action-{field}" for field, _, _ in ACTION_FIELDS]
        index = ids.index(event.input.id or "")
        if index == len(ids) - 1:
            self.action_save()
        else:
            self.query_one(f"#{ids[index + 1]}", Input).focus()

    @on(Button.Pressed, "#action-save")
    def action_save(self) -> None:
        if self._saving:
            return
        self._show_store_error("")
        action = self.build_action()
        if action is not None:
            self._saving = True
            self._save(action)

    @on(Button.Pressed, "#action-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @work(thread=True, group="action-save")
    def _save(self, action: Action) -> None:
        try:
            saved = self.app.store.add_action(self.event_id, action)
        except LifError as error:
            self.app.call_from_thread(self._save_failed, str(error))
        else:
            self.app.call_from_thread(self.dismiss, saved)

    def _save_failed(self, message: str) -> None:
        self._saving = False
        self._show_store_error(f"Not saved: {message}")

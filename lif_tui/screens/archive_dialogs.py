"""Typed dialogs of the review screens: a file path, a progress note, a choice from a list, the filters.

Each is a `ModalScreen[T]` that answers None when cancelled with escape, so callers never guess.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Generic, Sequence, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from lif_tui.db.browse import ArchiveFilter, FilterChoices
from lif_tui.models import MAX_TEXT, EventStatus, parse_date
from lif_tui.screens.archive_format import ARCHIVE_CSS

T = TypeVar("T")


class SubmitOrCancel:
    """Enter in the field or the OK button submits; the other button or escape answers None.

    Shared by the one-field dialogs below, which only say what submitting means (`_submit`).
    """

    def _submit(self) -> None:
        raise NotImplementedError

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self._submit()
        else:
            self.dismiss(None)  # type: ignore[attr-defined]

    def action_cancel(self) -> None:
        self.dismiss(None)  # type: ignore[attr-defined]


class PathDialog(SubmitOrCancel, ModalScreen[Path | None]):
    """Ask for a file path. With `must_exist`, a path that is not there is refused in place."""

    HELP_TITLE = "File dialog"
    CSS_PATH = ARCHIVE_CSS
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="path.cancel", tooltip="Close without doing anything")]

    def __init__(self, title: str, *, detail: str = "", value: str = "", must_exist: bool = False, action: str = "OK") -> None:
        super().__init__(classes="dialog-screen archive-dialog")
        self.title_text = title
        self.detail = detail
        self.value = value
        self.must_exist = must_exist
        self.action_label = action

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="path-dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            if self.detail:
                yield Static(self.detail, classes="dialog-detail", markup=False)
            yield Input(self.value, id="path-input", placeholder="Path of the file", select_on_focus=False)
            yield Static("", id="path-error", classes="dialog-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.action_label} (enter)", id="ok", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        field = self.query_one("#path-input", Input)
        field.focus()
        field.cursor_position = len(field.value)

    def _submit(self) -> None:
        text = self.query_one("#path-input", Input).value.strip()
        error = self.query_one("#path-error", Static)
        if not text:
            error.update("Type the path of a file.")
            return
        path = Path(text).expanduser()
        if self.must_exist and not path.exists():
            error.update(f"There is no file or folder at {path}.")
            return
        self.dismiss(path)


class NoteDialog(SubmitOrCancel, ModalScreen[str | None]):
    """Type a progress note for an action; it is dated `noted_on`. Answers the text, or None."""

    HELP_TITLE = "Progress note"
    CSS_PATH = ARCHIVE_CSS
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="note.cancel", tooltip="Close without adding a note")]

    def __init__(self, action_text: str, noted_on: date) -> None:
        super().__init__(classes="dialog-screen archive-dialog")
        self.action_text = action_text
        self.noted_on = noted_on

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="note-dialog"):
            yield Static(f"Progress note, {self.noted_on:%d %B %Y}", classes="dialog-title", markup=False)
            yield Static(self.action_text, classes="dialog-detail", markup=False)
            yield Input(id="note-input", placeholder="What has happened? Enter saves", max_length=MAX_TEXT)
            yield Static("", id="note-error", classes="dialog-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Add note (enter)", id="ok", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#note-input", Input).focus()

    def _submit(self) -> None:
        text = self.query_one("#note-input", Input).value.strip()
        if not text:
            self.query_one("#note-error", Static).update("The note cannot be empty.")
            return
        self.dismiss(text)


class ChoiceDialog(ModalScreen[T | None], Generic[T]):
    """Pick one of `choices` ((label, value) pairs) with the arrows and enter; escape answers None."""

    HELP_TITLE = "Choose"
    CSS_PATH = ARCHIVE_CSS
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="choice.cancel", tooltip="Close without choosing")]

    def __init__(self, title: str, choices: Sequence[tuple[str, T]], *, current: T | None = None, detail: str = "") -> None:
        super().__init__(classes="dialog-screen archive-dialog")
        self.title_text = title
        self.choices = list(choices)
        self.current = current
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="choice-dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            if self.detail:
                yield Static(self.detail, classes="dialog-detail", markup=False)
            yield OptionList(*(Option(label, id=str(index)) for index, (label, _) in enumerate(self.choices)), id="choice-list")

    def on_mount(self) -> None:
        options = self.query_one("#choice-list", OptionList)
        options.focus()
        for index, (_, value) in enumerate(self.choices):
            if value == self.current:
                options.highlighted = index
                break
        else:
            options.highlighted = 0 if self.choices else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choices[event.option_index][1])

    def action_cancel(self) -> None:
        self.dismiss(None)


class FilterDialog(ModalScreen[ArchiveFilter | None]):
    """Narrow the archive by review, theme, status, agency, dates and words. ctrl+s applies."""

    HELP_TITLE = "Filters"
    CSS_PATH = ARCHIVE_CSS
    BINDINGS = [
        Binding("ctrl+s", "apply", "Apply", id="filters.apply", tooltip="Apply these filters"),
        Binding("ctrl+r", "reset", "Reset", id="filters.reset", tooltip="Clear every field"),
        Binding("escape", "cancel", "Cancel", id="filters.cancel", tooltip="Close and keep the filters as they were"),
    ]

    def __init__(self, current: ArchiveFilter, choices: FilterChoices) -> None:
        super().__init__(classes="dialog-screen archive-dialog")
        self.current = current
        self.choices = choices

    def compose(self) -> ComposeResult:
        current = self.current
        with Vertical(classes="dialog", id="filter-dialog"):
            yield Static("Filter past events", classes="dialog-title")
            yield from self._row(
                "Review",
                Select([(name, str(rid)) for rid, name in self.choices.reviews], prompt="any review", id="filter-review", compact=True,
                       value=str(current.review_id) if current.review_id else Select.NULL),
            )
            yield from self._row(
                "Theme",
                Select([(theme, theme) for theme in self.choices.themes], prompt="any theme", id="filter-theme", compact=True,
                       value=current.theme if current.theme in self.choices.themes else Select.NULL),
            )
            yield from self._row(
                "Status",
                Select([(str(status), status.value) for status in EventStatus], prompt="any status", id="filter-status", compact=True,
                       value=current.status.value if current.status else Select.NULL),
            )
            yield from self._row(
                "Agency",
                Select([(agency, agency) for agency in self.choices.agencies], prompt="any agency", id="filter-agency", compact=True,
                       value=current.agency if current.agency in self.choices.agencies else Select.NULL),
            )
            yield from self._row("From", Input(current.date_from.isoformat() if current.date_from else "", id="filter-from", placeholder="YYYY-MM-DD or DD/MM/YYYY", compact=True))
            yield from self._row("To", Input(current.date_to.isoformat() if current.date_to else "", id="filter-to", placeholder="YYYY-MM-DD or DD/MM/YYYY", compact=True))
            yield from self._row("Words", Input(current.text, id="filter-text", placeholder="in the title or anything recorded", compact=True))
            yield Static("", id="filter-error", classes="dialog-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply (ctrl+s)", id="apply", variant="primary")
                yield Button("Reset (ctrl+r)", id="reset")
                yield Button("Cancel (esc)", id="cancel")

    @staticmethod
    def _row(label: str, field: Select | Input) -> ComposeResult:
        with Horizontal(classes="filter-row"):
            yield Static(label, classes="filter-label")
            yield field

    def on_mount(self) -> None:
        self.query_one("#filter-review", Select).focus()

    def _date(self, selector: str, name: str) -> date | None:
        text = self.query_one(selector, Input).value.strip()
        if not text:
            return None
        try:
            value = parse_date(text)
        except ValueError as error:
            raise ValueError(f"{name}: {error}") from None
        assert isinstance(value, date)
        return value

    def _value(self, selector: str) -> str:
        value = self.query_one(selector, Select).value
        return "" if value is Select.NULL or value is None else str(value)

    def action_apply(self) -> None:
        import uuid

        try:
            date_from = self._date("#filter-from", "From")
            date_to = self._date("#filter-to", "To")
        except ValueError as error:
            self.query_one("#filter-error", Static).update(str(error))
            return
        if date_from and date_to and date_from > date_to:
            self.query_one("#filter-error", Static).update("The From date is after the To date.")
            return
        review = self._value("#filter-review")
        status = self._value("#filter-status")
        self.dismiss(
            ArchiveFilter(
                review_id=uuid.UUID(review) if review else None,
                theme=self._value("#filter-theme"),
                date_from=date_from,
                date_to=date_to,
                status=EventStatus(status) if status else None,
                agency=self._value("#filter-agency"),
                text=self.query_one("#filter-text", Input).value.strip(),
            )
        )

    def action_reset(self) -> None:
        for select in self.query(Select):
            select.clear()
        for field in self.query(Input):
            field.value = ""
        self.query_one("#filter-error", Static).update("")

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_apply()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        {"apply": self.action_apply, "reset": self.action_reset}.get(event.button.id or "", self.action_cancel)()

"""Export one event: choose what to write and where, clear the sensitivity check, then write it in a worker.

The check runs as soon as the screen opens (and again after every fix), so the facilitator sees what would
leak before choosing anything. A hit can be fixed from here: Enter on it opens the field it was found in.
Word briefings and CSV tables with hits are written only after an explicit "yes" (the default is no). A
bundle must carry everything recorded to move an event between laptops, so, as in the CLI, it is not held
back by the check; the screen says so.

The exports themselves are atomic (a temporary file renamed into place), so a failed export leaves nothing
half-written; this screen only shows their progress and their result.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import (
    Button,
    DataTable,
    Footer,
    Header,
    Input,
    Label,
    ProgressBar,
    RadioButton,
    RadioSet,
    Static,
    TextArea,
)

from lif_tui import paths
from lif_tui.errors import DataError, LifError
from lif_tui.models import utc_now, validation_messages
from lif_tui.screens.finding_dialog import EditFindingDialog

if TYPE_CHECKING:
    from lif_tui.app import LifApp
    from lif_tui.models import EventRecord
    from lif_tui.sensitivity import SensitivityHit

__all__ = [
    "ExportKind",
    "ExportScreen",
    "EditTextDialog",
    "default_file_name",
    "safe_file_name",
    "csv_paths",
]


# ------------------------------------------------------------------------------------------ what to write


class ExportKind(Enum):
    LEARNING = "learning"
    SEVEN_MINUTE = "7min"
    BUNDLE = "json"
    CSV = "csv"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @property
    def suffix(self) -> str:
        return ".docx" if self.is_briefing else f".{self.value}"

    @property
    def is_checked(self) -> bool:
        """Briefings and CSV tables travel beyond the laptop, so hits hold them back; a bundle is a transfer copy."""
        return self is not ExportKind.BUNDLE

    @property
    def is_briefing(self) -> bool:
        """Word briefings are read outside the partnership: the check holds them back, and templates apply."""
        return self in (ExportKind.LEARNING, ExportKind.SEVEN_MINUTE)


_KIND_LABELS = {
    ExportKind.LEARNING: "Learning briefing",
    ExportKind.SEVEN_MINUTE: "7-minute briefing",
    ExportKind.BUNDLE: "JSON bundle",
    ExportKind.CSV: "CSV",
}
_FILE_WORDS = {
    ExportKind.LEARNING: "learning briefing",
    ExportKind.SEVEN_MINUTE: "7-minute briefing",
    ExportKind.BUNDLE: "bundle",
    ExportKind.CSV: "tables",
}
KINDS = tuple(ExportKind)

_WINDOWS_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{n}" for p in ("COM", "LPT") for n in range(1, 10)}


def safe_file_name(text: str, limit: int = 80) -> str:
    """`text` as a file name that Windows accepts too: no <>:"/\\|?* or control characters, no trailing
    dots or spaces, not a reserved device name, and at most `limit` characters."""
    name = " ".join(_WINDOWS_FORBIDDEN.sub(" ", text).split())[:limit]
    name = name.rstrip(". ")
    if not name:
        return "event"
    if name.split(".")[0].upper() in _WINDOWS_RESERVED:
        name = "_" + name
    return name


def default_file_name(title: str, kind: ExportKind, day: date) -> str:
    """"Evidencing impact Child T - learning briefing - 2026-11-26.docx": the export date, so drafts from
    different days never overwrite each other, and ISO order sorts them."""
    return f"{safe_file_name(title)} - {_FILE_WORDS[kind]} - {day.isoformat()}{kind.suffix}"


def csv_paths(path: Path) -> tuple[Path, Path]:
    """"NAME.csv" stands for two files side by side: "NAME - findings.csv" and "NAME - actions.csv"."""
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    return path.with_name(f"{stem} - findings.csv"), path.with_name(f"{stem} - actions.csv")


def _blocking_file(folder: Path) -> Path | None:
    """The nearest existing ancestor of `folder` when it is a file, so a folder can never be made there."""
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            return None if candidate.is_dir() else candidate
    return None


def resolve_output(raw: str, kind: ExportKind, default_name: str) -> tuple[Path | None, str]:
    """The file to write for what was typed, or None and a message saying what to change.

    Like the CLI: a folder gets the default name inside it, and a name without a suffix gets the kind's.
    """
    text = raw.strip()
    if not text:
        return None, "Give a file to write, for example " + default_name
    path = Path(text).expanduser()
    if path.is_dir():
        path = path / default_name
    elif not path.suffix:
        path = path.with_name(path.name + kind.suffix)
    if path.suffix.lower() != kind.suffix:
        return None, f"A {kind.label.lower()} is a {kind.suffix} file: end the name in {kind.suffix}."
    blocker = _blocking_file(path.parent)
    if blocker is not None:
        return None, f"Cannot write there: {blocker} is a file, not a folder."
    return path, ""


def check_template(raw: str) -> tuple[Path | None, str]:
    """The template to use (None for the built-in styles), or a message saying what is wrong with it."""
    text = raw.strip()
    if not text:
        return None, ""
    path = Path(text).expanduser()
    if path.suffix.lower() not in (".docx", ".dotx"):
        return None, "A template is a Word file ending in .docx (or .dotx)."
    if not path.exists():
        return None, f"There is no file at {path}."
    if not path.is_file():
        return None, f"{path} is a folder; choose the template .docx file in it."
    return path, ""


# ------------------------------------------------------------------------------------------ worker calls


@dataclass
class ExportOutcome:
    """What an export wrote, for showing to the facilitator."""

    paths: list[Path]
    warnings: list[str] = field(default_factory=list)


def load_and_check(store: Any, event_id: uuid.UUID) -> tuple["EventRecord", list["SensitivityHit"]]:
    """Load the event and run the sensitivity check on it; both are slow enough to belong in a worker."""
    from lif_tui.sensitivity import check_record

    record = store.load_event(event_id)
    return record, check_record(record)


def _ensure_folder(folder: Path, target: Path) -> None:
    """Create the destination folder, private to this user (0700), naming the problem if it cannot be."""
    if folder.is_dir():
        return
    blocker = _blocking_file(folder)
    if blocker is not None:
        raise DataError(f"Cannot write {target}: {blocker} is a file, not a folder. Nothing was written.")
    try:
        paths.make_private_dir(folder)
    except OSError as error:
        raise DataError(f"Cannot create the folder {folder}: {error.strerror or error}. Nothing was written.") from None


def write_export(
    kind: ExportKind,
    store: Any,
    record: "EventRecord",
    path: Path,
    *,
    template: Path | None,
    today: date,
    on_progress: Callable[[float, str], None],
) -> ExportOutcome:
    """Write one export (runs in a thread worker). Raises DataError, naming the path, if it cannot."""
    _ensure_folder(path.parent, path)
    if kind is ExportKind.LEARNING:
        from lif_tui.exports.learning_briefing import export_learning_briefing

        result = export_learning_briefing(record, path, template=template, on_progress=on_progress, today=today)
        return ExportOutcome([result.path], list(result.warnings))
    if kind is ExportKind.SEVEN_MINUTE:
        from lif_tui.exports.seven_minute import export_seven_minute_briefing

        result = export_seven_minute_briefing(record, path, template=template, on_progress=on_progress, today=today)
        return ExportOutcome([result.path], list(result.warnings))
    if kind is ExportKind.BUNDLE:
        from lif_tui.bundle_transfer import export_bundle

        on_progress(0.1, "Writing the bundle")
        written = export_bundle(store, record.event.id, path)  # soft-deleted rows too, so deletions travel
        on_progress(1.0, "Done")
        return ExportOutcome([written])
    from lif_tui.exports.csv_tables import write_actions_csv, write_findings_csv

    findings_path, actions_path = csv_paths(path)
    on_progress(0.1, "Writing the findings table")
    first = write_findings_csv(record, findings_path)
    on_progress(0.55, "Writing the actions table")
    second = write_actions_csv(record, actions_path)
    on_progress(1.0, "Done")
    return ExportOutcome([first, second])


# ------------------------------------------------------------------------------------------ fixing a hit

LONG_FIELDS = {"purpose", "summary", "measure"}
"""Fields edited in a multi-line box; the rest are one line."""
LIST_FIELDS = {"reflection_questions", "resources", "themes"}
"""Fields holding a list: a hit names the list, and the item is found again by its snippet."""


@dataclass(frozen=True)
class FieldEdit:
    """One field a hit was found in, located precisely enough to save a corrected value."""

    kind: str
    id: uuid.UUID
    field: str
    where: str
    text: str
    index: int | None = None
    note: str = ""
    cursor: int = 0
    """Offset just after the sensitive text, where the edit cursor starts."""

    @property
    def multiline(self) -> bool:
        return self.field in LONG_FIELDS


def _owner(record: "EventRecord", kind: str, item_id: uuid.UUID) -> Any:
    """The model a hit refers to, from the record that was checked, or None if it has gone."""
    if kind == "event":
        return record.event if record.event.id == item_id else None
    if kind == "review":
        return next((r for r in record.reviews if r.id == item_id), None)
    if kind == "learning_point":
        return next((p for p in record.learning_points() if p.id == item_id), None)
    rows = {"attendance": record.attendance, "finding": record.findings, "action": record.actions}.get(kind, [])
    return next((row for row in rows if row.id == item_id), None)


def _locate(values: list[str], hit: "SensitivityHit", record: "EventRecord") -> tuple[int, int] | None:
    """Which of `values` the hit came from, and where in it the match ends: the match whose snippet is
    the hit's. Lists need the first; the second puts the cursor right after what needs fixing."""
    from lif_tui.models import clean_text
    from lif_tui.sensitivity import check_text, snippet

    for index, value in enumerate(values):
        text = clean_text(value)
        for match in check_text(text, record.event.watch_list):
            if match.item == hit.item and snippet(text, match.start, match.end) == hit.snippet:
                return index, match.end
    return None


def edit_target(record: "EventRecord", hit: "SensitivityHit") -> FieldEdit | None:
    """Where to make the fix for `hit`, with the field's current full text; None if it cannot be edited here."""
    ref = hit.ref
    if ref is None:
        return None
    owner = _owner(record, ref.kind, ref.id)
    if owner is None or not hasattr(owner, ref.field):
        return None
    value = getattr(owner, ref.field)
    index = None
    if ref.field in LIST_FIELDS:
        found = _locate(list(value), hit, record)
        if found is None:
            return None
        index, cursor = found
        value = value[index]
    elif isinstance(value, str):
        found = _locate([value], hit, record)
        cursor = found[1] if found else len(value)
    if not isinstance(value, str):
        return None
    note = ""
    if ref.kind in ("review", "learning_point"):
        note = "Reviews are shared: the change applies to every event that uses this review."
    elif index is not None:
        note = "Leave it empty to remove this item from the list."
    return FieldEdit(ref.kind, ref.id, ref.field, hit.field, value, index, note, min(cursor, len(value)))


def _with_value(model: Any, edit: FieldEdit, value: str) -> Any:
    """A validated copy of `model` with the field changed (and updated_at now, so merges keep the fix)."""
    new: Any = value
    if edit.index is not None:
        items = list(getattr(model, edit.field))
        if not 0 <= edit.index < len(items):
            raise DataError(f"{edit.where} has changed since the check. Press ctrl+r to check again.")
        if value.strip():
            items[edit.index] = value
        else:
            del items[edit.index]
        new = items
    data = model.model_dump()
    data[edit.field] = new
    if "updated_at" in data:
        data["updated_at"] = utc_now()
    return type(model).model_validate(data)


def problem_with(record: "EventRecord", edit: FieldEdit, value: str) -> str:
    """Why `value` cannot be saved into the field (shown in the dialog), or "" when it can."""
    owner = _owner(record, edit.kind, edit.id)
    if owner is None:
        return "This item has gone since the check. Press Esc, then ctrl+r to check again."
    try:
        _with_value(owner, edit, value)
    except ValidationError as error:
        return "; ".join(message.split(": ", 1)[-1] for message in validation_messages(error)[:2])
    except DataError as error:
        return str(error)
    return ""


def apply_fix(store: Any, event_id: uuid.UUID, edit: FieldEdit, value: str) -> None:
    """Save a corrected value (runs in a thread worker), re-reading the item so nothing newer is lost."""
    if edit.kind == "finding":
        store.update_finding(_with_value(store.get_finding(edit.id), edit, value))
        return
    record = store.load_event(event_id)
    owner = _owner(record, edit.kind, edit.id)
    if owner is None:
        raise DataError(f"{edit.where} is no longer in the event. Nothing was changed.")
    updated = _with_value(owner, edit, value)
    if edit.kind == "action":
        store.update_action(updated)
    elif edit.kind == "review":
        store.save_review(updated)
    elif edit.kind == "learning_point":
        review = next(r for r in record.reviews if any(p.id == edit.id for p in r.learning_points))
        points = [updated if p.id == edit.id else p for p in review.learning_points]
        store.save_review(review.model_copy(update={"learning_points": points}))
    elif edit.kind == "event":
        store.save_event(record.model_copy(update={"event": updated}))
    elif edit.kind == "attendance":
        rows = [updated if row.id == edit.id else row for row in record.attendance]
        store.save_event(record.model_copy(update={"attendance": rows}))
    else:
        raise DataError(f"{edit.where} cannot be edited here.")


# ------------------------------------------------------------------------------------------ widgets


class KindChoice(RadioSet):
    """The four kinds of export in one row. The arrow keys choose at once (no extra space or Enter)."""

    HELP_TITLE = "Kind of export"
    BINDINGS = [
        Binding("right,down", "choose(1)", "Next kind", show=False, id="export.kind_next",
                tooltip="Choose the next kind of export"),
        Binding("left,up", "choose(-1)", "Previous kind", show=False, id="export.kind_previous",
                tooltip="Choose the previous kind of export"),
    ]

    def action_choose(self, step: int) -> None:
        buttons = list(self.query(RadioButton))
        if not buttons:
            return
        current = self.pressed_index if self.pressed_index >= 0 else 0
        index = (current + step) % len(buttons)
        self._selected = index
        if not buttons[index].value:
            buttons[index].value = True


class HitsTable(DataTable[str]):
    """The sensitivity hits, one row each. Enter opens the field a hit was found in, to fix it."""

    HELP_TITLE = "Sensitivity hits"
    BINDINGS = [
        Binding("enter", "fix", "Fix", id="export.fix",
                tooltip="Edit the field this hit was found in; the check runs again after saving"),
    ]

    def action_fix(self) -> None:
        if self.row_count:
            self.action_select_cursor()  # posts RowSelected, which the screen turns into the right editor


class EditTextDialog(ModalScreen[str | None]):
    """Correct one text field. Returns the new text, or None when cancelled or unchanged.

    `problem(text)` says why a value cannot be saved ("" when it can), so a refusal is shown in the dialog
    and the facilitator can correct it there instead of losing the edit.
    """

    HELP_TITLE = "Edit a field"
    DEFAULT_CSS = """
    EditTextDialog { align: center middle; background: $background 60%; }
    EditTextDialog > Vertical {
        width: 90%; max-width: 110; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    EditTextDialog .edit-where { color: $text-muted; width: 100%; height: auto; }
    EditTextDialog .edit-note { color: $text-warning; width: 100%; height: auto; }
    EditTextDialog TextArea { height: 8; }
    EditTextDialog #edit-error { color: $text-error; text-style: bold; height: auto; display: none; }
    EditTextDialog #edit-error.-shown { display: block; }
    EditTextDialog #edit-buttons { height: 1; margin-top: 1; align-horizontal: right; }
    EditTextDialog Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="edit_text.save", priority=True, tooltip="Save the corrected text"),
        Binding("escape", "cancel", "Cancel", id="edit_text.cancel", tooltip="Close without changing anything"),
    ]

    def __init__(
        self,
        title: str,
        text: str,
        *,
        where: str = "",
        note: str = "",
        multiline: bool = False,
        cursor: int | None = None,
        problem: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__()
        self.cursor = len(text) if cursor is None else cursor
        self.title_text = title
        self.original = text
        self.where = where
        self.note = note
        self.multiline = multiline
        self.problem = problem

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.title_text
            box.border_subtitle = ("ctrl+s" if self.multiline else "Enter or ctrl+s") + ": save · Esc: cancel"
            if self.where:
                yield Label(self.where, classes="edit-where", markup=False)
            if self.note:
                yield Label(self.note, classes="edit-note", markup=False)
            if self.multiline:
                yield TextArea(self.original, id="edit-text", soft_wrap=True, show_line_numbers=False)
            else:
                # No select-all on focus: one stray key must not replace the whole text.
                yield Input(self.original, id="edit-text", select_on_focus=False)
            yield Label("", id="edit-error", markup=False)
            with Horizontal(id="edit-buttons"):
                yield Button("Save", id="edit-save", variant="primary", compact=True)
                yield Button("Cancel", id="edit-cancel", compact=True)

    def on_mount(self) -> None:
        """Start with the cursor just after the sensitive text, ready to delete it."""
        widget = self.query_one("#edit-text")
        if isinstance(widget, TextArea):
            widget.cursor_location = widget.document.get_location_from_index(self.cursor)
        elif isinstance(widget, Input):
            widget.cursor_position = self.cursor
        widget.focus()

    def _value(self) -> str:
        widget = self.query_one("#edit-text")
        return widget.text if isinstance(widget, TextArea) else widget.value  # type: ignore[attr-defined]

    @on(Input.Submitted)
    @on(Button.Pressed, "#edit-save")
    def action_save(self) -> None:
        value = self._value()
        problem = self.problem(value) if self.problem else ""
        if problem:
            error = self.query_one("#edit-error", Label)
            error.update(problem)
            error.add_class("-shown")
            return
        self.dismiss(None if value == self.original else value)

    @on(Button.Pressed, "#edit-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class FixFindingDialog(EditFindingDialog):
    """The facilitation screen's finding editor, saying what was found, with the cursor just after it, and
    without its promise of ctrl+z (there is no undo here)."""

    DEFAULT_CSS = """
    FixFindingDialog .edit-where { color: $text-muted; width: 100%; height: auto; }
    """

    def __init__(self, text: str, kind_label: str = "", *, cursor: int | None = None, where: str = "") -> None:
        super().__init__(text, kind_label)
        self.cursor = len(text) if cursor is None else cursor
        self.where = where

    def on_mount(self) -> None:
        field = self.query_one("#edit-text", Input)
        field.select_on_focus = False  # one stray key must not replace the whole finding
        field.cursor_position = self.cursor
        box = self.query_one(Vertical)
        if self.where:
            box.mount(Label(self.where, classes="edit-where", markup=False), before=field)
        super().on_mount()
        box.border_subtitle = "Enter: save · Esc: cancel · the check runs again after saving"


# ------------------------------------------------------------------------------------------ the screen


class ExportScreen(Screen[None]):
    """Export one event: kind, path, optional template, the sensitivity check's hits, progress and result."""

    HELP_TITLE = "Export"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    CSS_PATH = Path(__file__).with_name("export.tcss")
    AUTO_FOCUS = "#kind"
    BINDINGS = [
        Binding("ctrl+e", "export", "Export", priority=True, id="export.export",
                tooltip="Write the chosen export; a briefing with sensitive items asks first"),
        Binding("ctrl+r", "recheck", "Re-check", priority=True, id="export.recheck",
                tooltip="Run the sensitivity check again (it also runs after every fix)"),
        Binding("escape", "back", "Back", id="export.back", tooltip="Leave the export screen; nothing is written"),
    ]

    def __init__(self, event_id: uuid.UUID, *, exports_dir: Path | None = None) -> None:
        super().__init__()
        self.event_id = event_id
        self._exports_dir = exports_dir
        self.record: EventRecord | None = None
        self.hits: list[SensitivityHit] = []
        self.kind = ExportKind.LEARNING
        self._default_value = ""
        self._checking = False
        self._exporting = False
        self._export_when_checked = False
        self._check_failed = ""
        self._first_check = True

    @property
    def lif(self) -> "LifApp":
        return self.app  # type: ignore[return-value]

    def _today(self) -> date:
        return getattr(self.app, "today", date.today)()

    def exports_dir(self) -> Path:
        """The folder suggested for new exports (looked up each time, so tests can point it elsewhere)."""
        return self._exports_dir if self._exports_dir is not None else paths.default_exports_dir()

    # ----------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Export · loading the event…", id="export-heading", markup=False)
        with Vertical(id="export-form"):
            with Horizontal(classes="export-field", id="field-kind"):
                yield Label("Kind", classes="export-label")
                with Vertical(classes="export-body"):
                    with KindChoice(id="kind", compact=True):
                        for index, kind in enumerate(KINDS):
                            yield RadioButton(kind.label, value=index == 0, compact=True)
                    yield Static("", id="kind-hint", classes="export-hint", markup=False)
            with Horizontal(classes="export-field", id="field-path"):
                yield Label("Save to", classes="export-label")
                with Vertical(classes="export-body"):
                    yield Input(id="path", compact=True, placeholder="a file, or a folder to write into")
                    yield Static("", id="path-message", classes="export-hint", markup=False)
            with Horizontal(classes="export-field", id="field-template"):
                yield Label("Template", classes="export-label")
                with Vertical(classes="export-body"):
                    yield Input(id="template", compact=True, placeholder="optional: the partnership's .docx")
                    yield Static("", id="template-message", classes="export-hint", markup=False)
        with Vertical(id="check-box"):
            yield HitsTable(id="hits", cursor_type="row", zebra_stripes=True)
            yield Static("", id="check-empty", markup=False)
            yield Static("", id="hit-detail", markup=False)
        with Horizontal(id="progress-row"):
            yield ProgressBar(total=100, show_eta=False, id="progress")
            yield Label("", id="progress-message", markup=False)
        yield Static("", id="export-result", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#check-box").border_title = "Sensitivity check"
        self.query_one("#hits").display = False
        self.query_one("#hit-detail").display = False
        self.query_one("#progress-row").display = False
        self.query_one("#export-result").display = False
        self._show_check_empty("Checking what the briefing would print…")
        self._add_columns()
        self._show_kind_hint()
        self._show_template_message()
        self.run_check()

    def on_resize(self) -> None:
        """A compact footer below 100 columns, hit columns that fill the width, the file name in view."""
        self.query_one(Footer).compact = self.size.width < 100
        if self.hits:
            self._fill_table(keep_row=True)
        path_input = self.query_one("#path", Input)
        if path_input.value and not path_input.has_focus:
            self.call_after_refresh(self._put_path, path_input.value)

    # ----------------------------------------------------------------- the check

    def run_check(self) -> None:
        """Load the event and check it in a worker; an older check still running is dropped."""
        self._checking = True
        self.query_one("#check-box").border_title = "Sensitivity check · checking…"
        self.lif.run_store(
            load_and_check,
            self.lif.store,
            self.event_id,
            on_done=self._checked,
            on_error=self._check_error,
            description="check the event",
            group="export-check",
            exclusive=True,
        )

    def _checked(self, result: tuple["EventRecord", list["SensitivityHit"]]) -> None:
        first = self._first_check
        self._first_check = False
        self._checking = False
        self._check_failed = ""
        self.record, self.hits = result
        event = self.record.event
        self.query_one("#export-heading", Static).update(f"Export · {event.title} · {event.event_date:%d %B %Y}")
        if not self._default_value:
            self._set_default_path()
        self._fill_table(keep_row=not first)
        if first and self.hits and self.focused is self.query_one("#kind"):
            self.query_one("#hits").focus()
        self.refresh_bindings()
        if self._export_when_checked:
            self._export_when_checked = False
            self.action_export()

    def _check_error(self, error: LifError) -> None:
        self._checking = False
        self._check_failed = str(error)
        self._export_when_checked = False
        self.query_one("#check-box").border_title = "Sensitivity check · could not run"
        self._show_check_empty(f"The check could not run: {error}\nPress ctrl+r to try again.", error=True)
        self.refresh_bindings()

    def _column_widths(self) -> tuple[int, int, int, int]:
        """Found, where, text and suggestion widths that fill the screen. Below 100 columns the suggestion
        column goes (0): the detail under the table shows it in full."""
        width = max(self.size.width, 60)
        if width < 100:
            inner = width - 2 - 2 - 6  # border, scrollbar, cell padding of three columns
            found, where = 13, max(18, inner * 2 // 5 - 4)
            return found, where, inner - found - where, 0
        inner = width - 2 - 2 - 8
        found, where = 15, max(28, inner // 4)
        suggestion = max(30, (inner - found - where) * 2 // 5)
        return found, where, inner - found - where - suggestion, suggestion

    def _add_columns(self) -> None:
        table = self.query_one("#hits", HitsTable)
        found, where, snippet, suggestion = self._column_widths()
        table.clear(columns=True)
        table.add_column("Found", width=found, key="found")
        table.add_column("Where", width=where, key="where")
        table.add_column("Text", width=snippet, key="text")
        if suggestion:
            table.add_column("Suggestion", width=suggestion, key="suggestion")

    def _fill_table(self, *, keep_row: bool) -> None:
        table = self.query_one("#hits", HitsTable)
        row = table.cursor_row if keep_row else 0
        had_focus = self.focused is table
        self._add_columns()
        wide = len(table.columns) == 4
        text_width = self._column_widths()[2]
        for index, hit in enumerate(self.hits):
            text = self._cell_snippet(hit, text_width)
            cells = (hit.item, hit.field, text, hit.suggestion) if wide else (hit.item, hit.field, text)
            table.add_row(*cells, key=str(index))
        count = len(self.hits)
        box = self.query_one("#check-box")
        if count:
            noun = "item" if count == 1 else "items"
            box.border_title = f"Sensitivity check · {count} {noun} should not reach a briefing"
            box.border_subtitle = "Enter on a hit: fix it · ctrl+r: check again"
            table.display = True
            self.query_one("#check-empty").display = False
            self.query_one("#hit-detail").display = True
            table.move_cursor(row=min(max(row, 0), count - 1), animate=False)
            self._show_detail()
        else:
            box.border_title = "Sensitivity check · nothing found"
            box.border_subtitle = ""
            table.display = False
            self.query_one("#hit-detail").display = False
            self._show_check_empty(
                "Nothing found: no postcodes, phone numbers, email addresses, NHS or National Insurance numbers, "
                "full dates or watch-list words in anything a briefing prints."
            )
            if had_focus:
                self.query_one("#path").focus()

    def _cell_snippet(self, hit: "SensitivityHit", width: int) -> str:
        """The hit's snippet cut down to `width` around the hit itself, so a narrow column never hides it."""
        if len(hit.snippet) <= width or self.record is None:
            return hit.snippet
        from lif_tui.sensitivity import check_text, snippet

        for match in check_text(hit.snippet, self.record.event.watch_list):
            if match.item == hit.item:
                return snippet(hit.snippet, match.start, match.end, width=width - 2)
        return hit.snippet

    def _show_check_empty(self, message: str, *, error: bool = False) -> None:
        empty = self.query_one("#check-empty", Static)
        empty.update(message)
        empty.set_class(error, "-error")
        empty.display = True

    @on(DataTable.RowHighlighted, "#hits")
    def _show_detail(self) -> None:
        table = self.query_one("#hits", HitsTable)
        if not self.hits or not 0 <= table.cursor_row < len(self.hits):
            return
        hit = self.hits[table.cursor_row]
        fixable = self.record is not None and edit_target(self.record, hit) is not None
        detail = Text()
        detail.append(f"{hit.item}", style="bold")
        detail.append(f" in {hit.field}\n")
        detail.append(hit.snippet)
        if hit.suggestion:
            detail.append(f"\nSuggestion: {hit.suggestion}.", style="italic")
        detail.append("  Enter: fix it." if fixable else "  Fix it in set-up.", style="bold")
        self.query_one("#hit-detail", Static).update(detail)

    # ----------------------------------------------------------------- fixing

    @on(DataTable.RowSelected, "#hits")
    def _fix(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.record is None or not 0 <= event.cursor_row < len(self.hits):
            return
        hit = self.hits[event.cursor_row]
        edit = edit_target(self.record, hit)
        if edit is None:
            self.notify(
                f"{hit.field} cannot be edited from here: change it in the event's set-up (s on the home screen).",
                title="Fix it in set-up",
                severity="warning",
            )
            return
        record = self.record

        def saved(value: str | None) -> None:
            if value is not None:
                self.lif.run_store(
                    apply_fix,
                    self.lif.store,
                    self.event_id,
                    edit,
                    value,
                    on_done=lambda _: self._fixed(edit),
                    description="save the correction",
                )

        if edit.kind == "finding" and edit.field == "text":
            finding = _owner(record, "finding", edit.id)
            where = f"{hit.item} in {edit.where}" + (f" · {hit.suggestion}" if hit.suggestion else "")
            self.app.push_screen(FixFindingDialog(edit.text, str(finding.kind), cursor=edit.cursor, where=where), saved)
            return
        self.app.push_screen(
            EditTextDialog(
                f"Fix · {edit.where}",
                edit.text,
                where=f"{hit.item}" + (f" · {hit.suggestion}" if hit.suggestion else ""),
                note=edit.note,
                multiline=edit.multiline,
                cursor=edit.cursor,
                problem=lambda value: problem_with(record, edit, value),
            ),
            saved,
        )

    def _fixed(self, edit: FieldEdit) -> None:
        self.notify(f"Saved the change to {edit.where}. Checking again.", timeout=3)
        self.run_check()

    # ----------------------------------------------------------------- kind, path and template

    def _set_default_path(self) -> None:
        """Put the suggested path in the field, unless the facilitator has typed their own."""
        path_input = self.query_one("#path", Input)
        if self.record is None:
            return
        name = default_file_name(self.record.event.title, self.kind, self._today())
        current = path_input.value.strip()
        if not current or current == self._default_value:
            value = str(self.exports_dir() / name)
        else:
            typed = Path(current)
            old_kind_name = Path(self._default_value).name if self._default_value else ""
            if typed.name == old_kind_name:
                value = str(typed.with_name(name))  # their folder, the new kind's name
            elif typed.suffix.lower() in {k.suffix for k in KINDS} and typed.suffix.lower() != self.kind.suffix:
                value = str(typed.with_suffix(self.kind.suffix))
            else:
                value = current
        self._default_value = str(Path(value).parent / name)
        self._put_path(value)
        self._show_path_message()

    def _put_path(self, value: str) -> None:
        """Show `value` in the path field scrolled to its end: the file name matters more than the folder."""
        path_input = self.query_one("#path", Input)
        with path_input.prevent(Input.Changed):
            path_input.value = value
        # Moving the cursor (not just setting it) is what makes the Input scroll it into view.
        path_input.cursor_position = 0
        path_input.cursor_position = len(value)

    @on(RadioSet.Changed, "#kind")
    def _kind_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.kind = KINDS[max(event.index, 0)]
        self._set_default_path()
        self._show_kind_hint()
        self._show_template_message()

    def _show_kind_hint(self) -> None:
        hints = {
            ExportKind.LEARNING: "Word briefing for professionals, ten sections: a draft to edit.",
            ExportKind.SEVEN_MINUTE: "Word 7-minute briefing: seven sections on about two pages.",
            ExportKind.BUNDLE: "Everything recorded, for another laptop. Not checked: keep it safe.",
            ExportKind.CSV: "Findings and actions tables for Excel, checked like the briefings.",
        }
        self.query_one("#kind-hint", Static).update(hints[self.kind])
        template = self.query_one("#template", Input)
        template.disabled = not self.kind.is_briefing

    @on(Input.Changed, "#path")
    def _path_changed(self) -> None:
        self._show_path_message()

    @on(Input.Changed, "#template")
    def _template_changed(self) -> None:
        self._show_template_message()

    def _show_path_message(self) -> tuple[Path | None, str]:
        path, problem = self._resolve_path()
        if problem:
            self._show_message("path", problem, error=True)
        elif path is not None and self.kind is ExportKind.CSV:
            self._show_message("path", "Writes two files: “… - findings.csv” and “… - actions.csv”.")
        elif path is not None and path.exists():
            self._show_message("path", "This file exists: exporting replaces it (you will be asked).")
        else:
            self._show_message("path", "Missing folders are created, readable only by you.")
        return path, problem

    def _resolve_path(self) -> tuple[Path | None, str]:
        if self.record is None:
            return None, ""
        name = default_file_name(self.record.event.title, self.kind, self._today())
        return resolve_output(self.query_one("#path", Input).value, self.kind, name)

    def _show_template_message(self) -> tuple[Path | None, str]:
        if not self.kind.is_briefing:
            self._show_message("template", "Templates apply to the Word briefings only.")
            return None, ""
        template, problem = check_template(self.query_one("#template", Input).value)
        if problem:
            self._show_message("template", problem, error=True)
        elif template is not None:
            self._show_message("template", "Its styles, header, footer and logo will be used.")
        else:
            self._show_message("template", "Empty: the built-in styles are used.")
        return template, problem

    def _show_message(self, name: str, message: str, *, error: bool = False) -> None:
        label = self.query_one(f"#{name}-message", Static)
        label.update(message)
        label.set_class(error, "-error")
        self.query_one(f"#field-{name}").set_class(error, "-invalid")

    @on(Input.Submitted, "#path")
    @on(Input.Submitted, "#template")
    def _submitted(self) -> None:
        self.action_export()

    # ----------------------------------------------------------------- exporting

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export":
            return None if self._exporting else True  # greyed out while one is running
        if action == "recheck":
            return None if self._checking else True
        return True

    def action_recheck(self) -> None:
        if not self._checking:
            self.run_check()
            self.refresh_bindings()

    def action_back(self) -> None:
        if self._exporting:
            self.notify("The export is still running; it finishes in a moment.", severity="warning")
            return
        self.dismiss(None)

    def action_export(self) -> None:
        """Validate, then ask about sensitive items (briefings) and replacing files, then write in a worker."""
        if self._exporting:
            return
        self.query_one("#progress-row").display = False  # the last export's progress no longer applies
        if self._checking or (self.record is None and not self._check_failed):
            self._export_when_checked = True
            self._show_status("Waiting for the sensitivity check to finish…")
            return
        if self.record is None:
            self._show_result(f"Nothing was written: the event could not be loaded ({self._check_failed}).", error=True)
            return
        path, problem = self._show_path_message()
        template, template_problem = self._show_template_message()
        if problem or path is None:
            self.query_one("#path").focus()
            self._show_result(f"Nothing was written. {problem}", error=True)
            return
        if template_problem:
            self.query_one("#template").focus()
            self._show_result(f"Nothing was written. Template: {template_problem}", error=True)
            return
        if self.query_one("#path", Input).value.strip() != str(path):
            self._put_path(str(path))  # show the file that will really be written
        self._confirm_sensitive(path, template)

    def _confirm_sensitive(self, path: Path, template: Path | None) -> None:
        count = len(self.hits)
        if not (self.kind.is_checked and count):
            self._confirm_replace(path, template)
            return
        from lif_tui.screens.dialogs import ConfirmDialog

        noun = "item" if count == 1 else "items"

        def answered(yes: bool | None) -> None:
            if yes:
                self._confirm_replace(path, template)
            else:
                self._show_result(
                    "Nothing was written. Fix the items listed (Enter on each), or press ctrl+e and answer y "
                    "to export anyway.",
                    error=True,
                )

        self.app.push_screen(
            ConfirmDialog(
                f"Export with {count} sensitive {noun}?",
                detail=(
                    f"The check found {count} {noun} that should never reach a briefing (listed on this screen). "
                    "A briefing is read across the partnership. Answer n to go back and fix them."
                ),
                yes="Export anyway",
                no="Go back",
                destructive=True,
            ),
            callback=answered,
        )

    def _confirm_replace(self, path: Path, template: Path | None) -> None:
        targets = list(csv_paths(path)) if self.kind is ExportKind.CSV else [path]
        existing = [target for target in targets if target.exists()]
        if not existing:
            self._start_export(path, template)
            return
        from lif_tui.screens.dialogs import ConfirmDialog

        names = " and ".join(f"“{target.name}”" for target in existing)

        def answered(yes: bool | None) -> None:
            if yes:
                self._start_export(path, template)
            else:
                self._show_result("Nothing was written. Change the file name to keep the existing file.")

        self.app.push_screen(
            ConfirmDialog(
                f"Replace {names}?",
                detail=f"It is already in {path.parent}. The new export replaces it.",
                yes="Replace",
                no="Keep it",
                destructive=True,
            ),
            callback=answered,
        )

    def _start_export(self, path: Path, template: Path | None) -> None:
        assert self.record is not None
        self._exporting = True
        self.refresh_bindings()
        self.query_one("#progress-row").display = True
        self.query_one("#progress", ProgressBar).update(progress=0)
        self._show_status("Starting…")
        self.query_one("#export-result").display = False
        kind = self.kind
        self.lif.run_store(
            write_export,
            kind,
            self.lif.store,
            self.record,
            path,
            template=template if kind.is_briefing else None,
            today=self._today(),
            on_progress=self._progress_from_worker,
            on_done=lambda outcome: self._exported(kind, outcome),
            on_error=self._export_failed,
            description=f"write the {kind.label.lower()}",
            group="export-write",
        )

    def _progress_from_worker(self, fraction: float, message: str) -> None:
        """Called in the export thread: hand the progress to the UI thread."""
        if self.app.is_running:
            self.app.call_from_thread(self._show_progress, fraction, message)

    def _show_progress(self, fraction: float, message: str) -> None:
        self.query_one("#progress", ProgressBar).update(progress=round(fraction * 100))
        self._show_status(message)

    def _show_status(self, message: str) -> None:
        self.query_one("#progress-row").display = True
        self.query_one("#progress-message", Label).update(message)

    def _exported(self, kind: ExportKind, outcome: ExportOutcome) -> None:
        self._exporting = False
        self.refresh_bindings()
        self._show_progress(1.0, "Done")
        lines = ["Written:"] + [f"  {path}" for path in outcome.paths]
        if outcome.warnings:
            lines.append("Template warnings:")
            lines += [f"  • {warning}" for warning in outcome.warnings]
        if kind.is_checked and self.hits:
            count = len(self.hits)
            noun = "item" if count == 1 else "items"
            lines.append(f"It includes {count} sensitive {noun}: edit them out before it goes out.")
        self._show_result("\n".join(lines), warning=bool(outcome.warnings))
        self._show_path_message()
        written = outcome.paths[0].name if len(outcome.paths) == 1 else f"{len(outcome.paths)} files"
        self.notify(f"Wrote {written}.", title="Exported", timeout=5)

    def _export_failed(self, error: LifError) -> None:
        self._exporting = False
        self.refresh_bindings()
        self._show_status("Stopped")
        message = str(error)
        if "Nothing was written" not in message:
            message += " Nothing was written."
        self._show_result(message, error=True)

    def _show_result(self, message: str, *, error: bool = False, warning: bool = False) -> None:
        result = self.query_one("#export-result", Static)
        result.update(message)
        result.set_class(error, "-error")
        result.set_class(warning and not error, "-warning")
        result.set_class(not error and not warning, "-done")
        result.display = True

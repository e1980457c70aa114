"""Form building blocks: a labelled field whose validation message sits right under its input.

Validation messages are keyed ("title", "attendance.3", "phase.<id>") so a screen can build a whole
record, collect every problem, and show each one beside the field it belongs to in one pass.
"""

from __future__ import annotations

from typing import Iterable

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Label, Static

from lif_tui.models import validation_messages


class FieldError(Static):
    """The message for one key; hidden while there is nothing wrong."""

    def __init__(self, key: str) -> None:
        super().__init__("", classes="field-error", markup=False)
        self.key = key
        self.display = False

    def show(self, message: str | None) -> None:
        self.update(message or "")
        self.display = bool(message)
        owner = next((node for node in self.ancestors if isinstance(node, FormField)), self.parent)
        if isinstance(owner, Widget):
            owner.set_class(bool(message), "-invalid")


class FormField(Horizontal):
    """Label on the left; the control, an optional hint and its FieldError on the right."""

    def __init__(self, label: str, control: Widget, *, key: str, hint: str = "") -> None:
        super().__init__(classes="field", id=f"field-{key.replace('.', '-')}")
        self.label = label
        self.control = control
        self.key = key
        self.hint = hint

    def compose(self) -> ComposeResult:
        yield Label(self.label, classes="field-label")
        with Vertical(classes="field-body"):
            yield self.control
            if self.hint:
                yield Static(self.hint, classes="field-hint", markup=False)
            yield FieldError(self.key)


def show_errors(container: Widget, errors: dict[str, str], *, prefix: str = "") -> FieldError | None:
    """Show each message beside its field inside `container` and clear the others (only keys starting
    with `prefix`, when given). Returns the first field with a message, in screen order."""
    first = None
    for field_error in container.query(FieldError):
        if not field_error.key.startswith(prefix):
            continue
        message = errors.get(field_error.key)
        field_error.show(message)
        if message and first is None:
            first = field_error
    return first


def first_focusable(container: Widget) -> Widget | None:
    """The first widget inside `container`, in screen order, that can take the focus and is shown."""
    for widget in container.walk_children(Widget):
        if not widget.focusable:
            continue
        shown = True
        for node in widget.ancestors_with_self:
            if node is container:
                break
            if isinstance(node, Widget) and not node.display:
                shown = False
                break
        if shown:
            return widget
    return None


def focus_field(field_error: FieldError) -> None:
    """Put the focus on the first control next to this message, so the person can fix it at once."""
    if field_error.parent is not None and (control := first_focusable(field_error.parent)) is not None:
        control.focus()


def errors_by_field(
    error: ValidationError,
    *,
    prefix: str = "",
    fields: Iterable[str] = (),
    labels: dict[str, str] | None = None,
) -> dict[str, str]:
    """Map pydantic errors to FieldError keys by their loc: ("title",) → "title".

    A list index in the loc becomes "line N" ("reflection_questions", 2 → "line 3: ..."). Errors on a
    field not in `fields` (when given) go to the `prefix` key itself, or "" for the general message,
    named by `labels` (field → words the form uses, such as "count" → "number attending").
    """
    labels = labels or {}
    known = set(fields)
    found: dict[str, list[str]] = {}
    for item in error.errors():
        loc = [part for part in item.get("loc", ()) if part != "__root__"]
        name = str(loc[0]) if loc else ""
        if known and name not in known:
            key, where = prefix, ".".join(str(p) for p in loc)
        else:
            key, where = (f"{prefix}.{name}" if prefix and name else name or prefix), ""
        message = validation_messages(_single(error, item))[0].split(": ", 1)[-1]
        lines = [part for part in loc[1:] if isinstance(part, int)]
        if lines:
            message = f"line {lines[0] + 1}: {message}"
        elif where:
            message = f"{labels.get(where, where.replace('_', ' '))}: {message}"
        found.setdefault(key, []).append(message)
    return {key: "; ".join(messages) for key, messages in found.items()}


def _single(error: ValidationError, item: dict) -> ValidationError:
    """A ValidationError holding only `item`, so validation_messages words it the usual way."""
    return ValidationError.from_exception_data(error.title, [_line_error(item)])


def _line_error(item: dict) -> dict:
    detail = {"type": item["type"], "loc": (), "input": item.get("input")}
    if "ctx" in item:
        detail["ctx"] = item["ctx"]
    return detail

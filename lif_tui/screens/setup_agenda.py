"""Set-up, agenda tab: phases generated from a template, then edited and reordered by hand.

A list of phases with one editor below it for the highlighted phase, rather than an editor per phase:
an agenda of a dozen phases stays quick to show and to move through, even at 80x24.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from pydantic import ValidationError
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from lif_tui.agenda import AgendaTemplate, agenda_is_stale, suggest_template
from lif_tui.models import Phase, Review
from lif_tui.screens.form import FieldError, FormField, errors_by_field

PHASE_ERROR_KEY = "agenda.phase"


@dataclass(frozen=True)
class PhaseValues:
    """A phase as typed: kept as text until the whole form is saved."""

    title: str
    minutes: str
    prompt: str

    @classmethod
    def of(cls, phase: Phase) -> "PhaseValues":
        return cls(phase.title, str(phase.planned_minutes), phase.prompt)


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}:{secs:02d}"


def build_phase(phase: Phase, values: PhaseValues, position: int) -> Phase | str:
    """The phase with the typed values, or the message that explains what is wrong."""
    try:
        minutes = int(values.minutes.strip())
    except ValueError:
        return "planned minutes: enter a whole number of minutes, 0 to 600"
    try:
        return Phase.model_validate(
            {
                **phase.model_dump(exclude={"title", "prompt", "planned_minutes", "position"}),
                "position": position,
                "title": values.title,
                "prompt": values.prompt,
                "planned_minutes": minutes,
            }
        )
    except ValidationError as error:
        labels = {"planned_minutes": "planned minutes"}
        return "; ".join(errors_by_field(error, prefix="phase", fields=(), labels=labels).values())


class AgendaEditor(Vertical):
    """The agenda: a template, the list of phases, and the editor for the highlighted phase."""

    HELP_TITLE = "agenda"
    BINDINGS = [
        Binding(
            "ctrl+g",
            "generate",
            "Generate",
            id="setup.agenda.generate",
            tooltip="Make the agenda from the template: one phase per learning point",
        ),
        Binding("alt+up", "move(-1)", "Move up", id="setup.agenda.up", tooltip="Move the highlighted phase earlier"),
        Binding("alt+down", "move(1)", "Move down", id="setup.agenda.down", tooltip="Move the highlighted phase later"),
        Binding(
            "ctrl+r",
            "remove_phase",
            "Remove",
            id="setup.agenda.remove",
            tooltip="Remove the highlighted phase (ctrl+g brings template phases back)",
        ),
    ]

    class GenerateRequested(Message):
        """The screen answers with `set_phases(...)`, since it knows which reviews are linked."""

    def __init__(self, phases: list[Phase], template: AgendaTemplate) -> None:
        super().__init__(id="agenda-editor")
        self.phases: list[Phase] = list(phases)
        self.edits: dict[uuid.UUID, PhaseValues] = {}
        self.problems: dict[uuid.UUID, str] = {}
        self.template = template
        self._current: uuid.UUID | None = None
        self._loading_editor = False
        self._template_chosen = False
        """True once the person picks a template; until then it follows the number of linked reviews."""
        self._suggested = template

    def compose(self) -> ComposeResult:
        with Horizontal(classes="agenda-controls"):
            yield Label("Template", classes="field-label")
            yield Select(
                [(template.value.capitalize(), template) for template in AgendaTemplate],
                value=self.template,
                allow_blank=False,
                compact=True,
                id="agenda-template",
            )
            yield Button("Generate (ctrl+g)", id="generate-agenda", compact=True)
        yield Static("", id="agenda-summary", markup=False)
        yield OptionList(id="phase-list")
        with Vertical(id="phase-detail"):
            yield Static("", id="phase-kind", markup=False)
            yield FormField("Title", Input(compact=True, id="phase-title"), key="agenda.title")
            yield FormField(
                "Minutes", Input(type="integer", compact=True, id="phase-minutes"), key="agenda.minutes"
            )
            yield FormField(
                "Prompt",
                TextArea(compact=True, soft_wrap=True, id="phase-prompt"),
                key="agenda.prompt",
                hint="What the facilitator asks the room in this phase.",
            )
            yield FieldError(PHASE_ERROR_KEY)

    def on_mount(self) -> None:
        self._refresh_list(select=0)

    # ----------------------------------------------------------------- state

    def values_of(self, phase: Phase) -> PhaseValues:
        return self.edits.get(phase.id) or PhaseValues.of(phase)

    def values(self) -> list[tuple[str, PhaseValues]]:
        self._commit_editor()
        return [(str(phase.id), self.values_of(phase)) for phase in self.phases]

    def follow_reviews(self, reviews: list[Review]) -> None:
        """Suggest the template for these reviews, unless the person has chosen one."""
        if self._template_chosen:
            return
        self._suggested = suggest_template(reviews)
        select = self.query_one("#agenda-template", Select)
        if select.value != self._suggested:
            select.value = self._suggested

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "agenda-template" and event.value != self._suggested:
            self._template_chosen = True

    def selected_template(self) -> AgendaTemplate:
        value = self.query_one("#agenda-template", Select).value
        return value if isinstance(value, AgendaTemplate) else self.template

    def build(self) -> tuple[list[Phase], dict[str, str]]:
        """Every phase as validated, or the message for the first one that is not valid (it is selected)."""
        self._commit_editor()
        built, self.problems = [], {}
        for position, phase in enumerate(self.phases):
            result = build_phase(phase, self.values_of(phase), position)
            if isinstance(result, str):
                self.problems[phase.id] = result
            else:
                built.append(result)
        self._refresh_list()
        if not self.problems:
            return built, {}
        first = next(index for index, phase in enumerate(self.phases) if phase.id in self.problems)
        self._select(first)
        bad = self.phases[first]
        return [], {PHASE_ERROR_KEY: f"phase {first + 1}, {self.problems[bad.id]}"}

    def current_phases(self) -> list[Phase]:
        """The phases as edited, keeping the loaded values where an edit is not valid yet."""
        self._commit_editor()
        return [
            result if isinstance(result := build_phase(phase, self.values_of(phase), position), Phase) else phase
            for position, phase in enumerate(self.phases)
        ]

    def set_phases(self, phases: list[Phase], *, keep_highlight: bool = False) -> None:
        highlighted = self.query_one("#phase-list", OptionList).highlighted if keep_highlight else 0
        self.phases = list(phases)
        self.edits = {}
        self.problems = {}
        self._current = None
        self._refresh_list(select=highlighted or 0)

    # ----------------------------------------------------------------- list and editor

    def _label(self, number: int, phase: Phase) -> Text:
        """Plain Text, never markup, so a title with [brackets] shows as typed."""
        values = self.values_of(phase)
        minutes = values.minutes.strip() or "?"
        used = f", {_clock(phase.elapsed_seconds)} used" if phase.elapsed_seconds else ""
        mark = "⚠ " if phase.id in self.problems else ""
        pad = "\u2007" if number < 10 and len(self.phases) >= 10 else ""  # figure space keeps numbers aligned
        label = Text(f"{mark}{pad}{number}. {values.title or '(no title)'}")
        label.append(f" · {minutes} min{used}", style="dim")
        return label

    def _refresh_list(self, select: int | None = None) -> None:
        option_list = self.query_one("#phase-list", OptionList)
        highlighted = option_list.highlighted if select is None else select
        option_list.clear_options()
        option_list.add_options(
            Option(self._label(number, phase), id=str(phase.id))
            for number, phase in enumerate(self.phases, start=1)
        )
        option_list.display = bool(self.phases)
        self.query_one("#phase-detail").display = bool(self.phases)
        if self.phases:
            self._select(min(highlighted or 0, len(self.phases) - 1))
        self.update_summary()

    def _select(self, index: int) -> None:
        option_list = self.query_one("#phase-list", OptionList)
        if option_list.highlighted != index:
            option_list.highlighted = index
        self._load_editor(self.phases[index])

    def _load_editor(self, phase: Phase) -> None:
        if self._current != phase.id:
            self._commit_editor()
            self._current = phase.id
            values = self.values_of(phase)
            self._loading_editor = True
            self.query_one("#phase-title", Input).value = values.title
            self.query_one("#phase-minutes", Input).value = values.minutes
            self.query_one("#phase-prompt", TextArea).load_text(values.prompt)
            self._loading_editor = False
        number = self.phases.index(phase) + 1
        used = f" · {_clock(phase.elapsed_seconds)} used so far" if phase.elapsed_seconds else ""
        self.query_one("#phase-kind", Static).update(f"Phase {number} of {len(self.phases)}: {phase.kind}{used}")
        self._show_problem(phase)

    def _show_problem(self, phase: Phase) -> None:
        problem = self.problems.get(phase.id)
        error = next(e for e in self.query(FieldError) if e.key == PHASE_ERROR_KEY)
        error.show(f"phase {self.phases.index(phase) + 1}, {problem}" if problem else None)

    def _commit_editor(self) -> None:
        """Keep what is typed in the editor as the highlighted phase's edit."""
        if self._current is None or self._loading_editor or not self.is_mounted:
            return
        values = PhaseValues(
            title=self.query_one("#phase-title", Input).value,
            minutes=self.query_one("#phase-minutes", Input).value,
            prompt=self.query_one("#phase-prompt", TextArea).text,
        )
        phase = next((p for p in self.phases if p.id == self._current), None)
        if phase is not None and values != self.values_of(phase):
            self.edits[phase.id] = values

    def _update_current_label(self) -> None:
        if self._current is None:
            return
        index = next((i for i, p in enumerate(self.phases) if p.id == self._current), None)
        if index is not None:
            option_list = self.query_one("#phase-list", OptionList)
            option_list.replace_option_prompt_at_index(index, self._label(index + 1, self.phases[index]))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option_index is not None and 0 <= event.option_index < len(self.phases):
            self._load_editor(self.phases[event.option_index])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one("#phase-title", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in ("phase-title", "phase-minutes") and not self._loading_editor:
            self._commit_editor()
            self._update_current_label()
            self.update_summary()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id == "phase-prompt" and not self._loading_editor:
            self._commit_editor()

    def update_summary(self, reviews: list[Review] | None = None) -> None:
        minutes = sum(
            int(v.minutes) for v in (self.values_of(p) for p in self.phases) if v.minutes.strip().isdigit()
        )
        if self.phases:
            text = (
                f"{len(self.phases)} phases, {minutes // 60}h {minutes % 60:02d}m planned. "
                "Enter edits a phase; alt+↑/↓ moves it."
            )
        else:
            text = "No agenda yet: choose a template and press ctrl+g (saving makes one too)."
        if reviews is not None and agenda_is_stale(self.phases, reviews):
            text += "  The linked reviews have changed: press ctrl+g to update the agenda."
        self.query_one("#agenda-summary", Static).update(text)

    # ----------------------------------------------------------------- actions

    def action_generate(self) -> None:
        self.post_message(self.GenerateRequested())

    def action_move(self, step: int) -> None:
        index = self.query_one("#phase-list", OptionList).highlighted
        if index is None or not self.phases:
            return
        target = index + step
        if not 0 <= target < len(self.phases):
            self.app.bell()
            return
        self._commit_editor()
        self.phases[index], self.phases[target] = self.phases[target], self.phases[index]
        self._refresh_list(select=target)

    def action_remove_phase(self) -> None:
        index = self.query_one("#phase-list", OptionList).highlighted
        if index is None or not self.phases:
            return
        removed = self.phases.pop(index)
        self.edits.pop(removed.id, None)
        self._current = None
        self._refresh_list(select=min(index, len(self.phases) - 1) if self.phases else None)
        self.notify(f"Removed “{removed.title}”. ctrl+g brings template phases back.")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "generate-agenda":
            event.stop()
            self.action_generate()

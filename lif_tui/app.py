"""The Textual application shell: app-wide keys, the command palette, navigation and store workers.

It stays thin. Screens live in `lif_tui.screens` and are imported only when first shown, so start-up pays
for the home screen alone. Every screen reaches the database through `app.store`, and slow calls go
through `app.run_store`, which runs them in a thread worker so the facilitator never waits on the app.
"""

from __future__ import annotations

import inspect
import os
import time
import uuid
from datetime import date
from typing import TYPE_CHECKING, Any, Callable, TypeVar

from textual.app import App
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen
from textual.worker import Worker, get_current_worker

from lif_tui.errors import DataError, LifError

if TYPE_CHECKING:
    from lif_tui.db.store import Store
    from lif_tui.event_summary import EventSummary
    from lif_tui.models import EventRecord

T = TypeVar("T")

EXIT_AFTER_FIRST_PAINT_ENV = "LIF_TUI_EXIT_AFTER_FIRST_PAINT"
"""Benchmarking only: with this set to 1 the app exits as soon as the events list is first painted."""

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"


class LifCommands(Provider):
    """Command-palette entries for the main actions, plus "Open", "Set up" and "Export" for each event."""

    async def startup(self) -> None:
        import asyncio

        app = self.app
        assert isinstance(app, LifApp)
        try:
            self._events = await asyncio.to_thread(app.store.list_events, limit=200)
        except LifError:
            self._events = []

    def _commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        app = self.app
        assert isinstance(app, LifApp)
        commands: list[tuple[str, str, Callable[[], Any]]] = [
            ("New event", "Set up a new event: details, reviews, attendance and agenda", app.action_new_event),
            ("Review past events", "Browse past events, trends and actions", app.action_review),
            ("Search past findings", "Full-text search over every finding, action and learning point", app.action_search),
            ("Action tracker", "Every action from past events, with owners and due dates", app.action_action_tracker),
            ("Toggle dark/light theme", "Switch between the dark and light themes", app.action_toggle_theme),
            ("Help: keys", "List every key of this screen and the app", app.action_help),
            ("Quit", "Quit lif-tui; everything is already saved", app.action_quit),
        ]
        for summary in getattr(self, "_events", []):
            label = f"{summary.title} ({summary.event_date:%d %b %Y})"
            event_id = summary.id
            commands += [
                (f"Open: {label}", "Facilitate this event", lambda e=event_id: app.open_facilitate(e)),
                (f"Set up: {label}", "Edit details, reviews, attendance and agenda", lambda e=event_id: app.open_setup(e)),
                (f"Export: {label}", "Write the learning briefing, bundle or CSV files", lambda e=event_id: app.open_export(e)),
            ]
        return commands

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands()[:7]:
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)


class LifApp(App[int]):
    """lif-tui. Construct with an open Store; the caller closes it after `run()` returns.

    `clock` and `today` are injectable so timers and dates are deterministic in tests and snapshots.
    """

    CSS_PATH = "lif.tcss"
    TITLE = "lif-tui"
    SUB_TITLE = "evidencing impact"
    COMMANDS = App.COMMANDS | {LifCommands}
    BINDINGS = [
        Binding("f1", "help", "Help", id="app.help", tooltip="List every key of this screen and the app"),
        Binding(
            "f2",
            "toggle_theme",
            "Dark/light",
            id="app.theme",
            show=False,
            tooltip="Switch between the dark and light themes",
        ),
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            id="app.quit",
            priority=True,
            tooltip="Quit lif-tui; every capture is already saved",
        ),
    ]

    def __init__(
        self,
        store: "Store",
        *,
        open_event: uuid.UUID | None = None,
        first_page: "list[EventSummary] | None" = None,
        clock: Callable[[], float] = time.monotonic,
        today: Callable[[], date] = date.today,
    ) -> None:
        """`first_page`: the home screen's first page of events, if the caller read it already (see launch_app)."""
        super().__init__()
        self.store = store
        self._first_page = first_page
        self.clock = clock
        self.today = today
        self._open_event = open_event
        self._exit_after_first_paint = os.environ.get(EXIT_AFTER_FIRST_PAINT_ENV) == "1"
        self._warm_up_started = False

    def get_default_screen(self) -> Screen:
        """Home is the bottom of the stack itself, not a screen pushed over Textual's empty default one.

        Pushing it over the default screen cost a second screen's start-up (compose, layout, suspend and
        resume) and held back the first frame by about 55 ms.
        """
        from lif_tui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        if self._open_event is not None:
            self.open_facilitate(self._open_event)

    def first_screen_ready(self) -> None:
        """Called by the home screen once its first page of events is on screen.

        Start-up imports only what that first screen needs; what the next key will need (pydantic, the
        models' validators, sqlite-utils) is imported now, in a thread, so the first paint never waits
        for it and the first load or save does not stall.
        """
        if not self._warm_up_started:
            self._warm_up_started = True
            self.run_worker(self.store.warm_up, thread=True, group="warm-up", exit_on_error=False, description="warm up")
        if self._exit_after_first_paint:
            self._exit_after_first_paint = False
            self.call_after_refresh(self.exit, 0)

    def take_first_page(self) -> "list[EventSummary] | None":
        """The events read before the app started, once; later loads go through `run_store`."""
        page, self._first_page = self._first_page, None
        return page

    # ----------------------------------------------------------------- store workers

    def run_store(
        self,
        call: Callable[..., T],
        *args: Any,
        on_done: Callable[[T], Any] | None = None,
        on_error: Callable[[LifError], Any] | None = None,
        description: str = "",
        group: str = "store",
        exclusive: bool = False,
        **kwargs: Any,
    ) -> Worker[None]:
        """Run `call(*args, **kwargs)` in a thread worker and hand the result back on the UI thread.

        Use it for every Store call from a screen, for example::

            self.app.run_store(self.app.store.load_event, event_id, on_done=self.show_event)

        - `on_done(result)` runs on the UI thread (it may be async) when the call returns.
        - A `LifError` (StoreError, NotFoundError, ...) is shown with `notify(severity="error")`, then
          `on_error(error)` runs on the UI thread, if given, to undo any optimistic UI state.
          Any other exception is reported the same way, wrapped in a DataError (set LIF_TUI_DEBUG=1 to
          let it crash with a traceback instead).
        - `exclusive=True` cancels earlier workers of the same `group`; a cancelled worker's result is
          dropped, so an older, slower load never overwrites a newer one.
        - `description` names the work in error titles ("Could not <description>").
        """

        debug = bool(os.environ.get("LIF_TUI_DEBUG"))

        def work() -> None:
            worker = get_current_worker()
            try:
                result = call(*args, **kwargs)
            except Exception as error:  # noqa: BLE001 - reported to the person, never swallowed silently
                if debug and not isinstance(error, LifError):
                    raise
                if not worker.is_cancelled:
                    self._call_from_worker(self._report_store_error, _as_lif_error(error), description, on_error)
                return
            if on_done is not None and not worker.is_cancelled:
                self._call_from_worker(self._deliver, on_done, result, debug)

        return self.run_worker(
            work,
            thread=True,
            group=group,
            exclusive=exclusive,
            exit_on_error=debug,
            description=description or getattr(call, "__name__", "store call"),
        )

    def _call_from_worker(self, callback: Callable[..., Any], *args: Any) -> None:
        if not self.is_running:
            return  # the app is shutting down; nobody is left to tell
        try:
            self.call_from_thread(callback, *args)
        except RuntimeError:
            if self.is_running:
                raise  # a real error from the callback (only re-raised with LIF_TUI_DEBUG)

    async def _deliver(self, on_done: Callable[[Any], Any], result: Any, debug: bool) -> None:
        """Run a worker's on_done on the UI thread. A bug in it is shown, not hidden in the worker."""
        try:
            outcome = on_done(result)
            if inspect.isawaitable(outcome):
                await outcome
        except Exception as error:
            if debug:
                raise
            self.log.error(f"on_done failed: {error!r}")
            self.notify(
                f"Unexpected error ({type(error).__name__}: {error}). Your saved data is safe.",
                title="Something went wrong",
                severity="error",
                timeout=10,
            )

    def _report_store_error(
        self, error: LifError, description: str, on_error: Callable[[LifError], Any] | None
    ) -> Any:
        title = f"Could not {description}" if description else "Something went wrong"
        self.notify(str(error), title=title, severity="error", timeout=10)
        if on_error is not None:
            return on_error(error)
        return None

    # ----------------------------------------------------------------- navigation

    def open_facilitate(self, event_id: uuid.UUID) -> None:
        from lif_tui.screens.facilitate import FacilitateScreen

        self.push_screen(FacilitateScreen(event_id))

    def open_setup(
        self,
        event_id: uuid.UUID | None = None,
        *,
        template: "EventRecord | None" = None,
        callback: Callable[[uuid.UUID | None], Any] | None = None,
    ) -> None:
        """Set up a new event (optionally pre-filled from `template`) or edit `event_id`.

        `callback` receives the id of the saved event, or None when nothing was saved.
        """
        from lif_tui.screens.setup import SetupScreen

        self.push_screen(SetupScreen(event_id, template=template), callback=callback)

    def open_review(self, initial_query: str | None = None) -> None:
        from lif_tui.screens.review import ReviewScreen

        self.push_screen(ReviewScreen(initial_query=initial_query))

    def open_export(self, event_id: uuid.UUID) -> None:
        from lif_tui.screens.export import ExportScreen

        self.push_screen(ExportScreen(event_id))

    # ----------------------------------------------------------------- actions

    def action_new_event(self) -> None:
        self.open_setup()

    def action_review(self) -> None:
        self.open_review()

    def action_search(self) -> None:
        self.open_review(initial_query="")

    def action_action_tracker(self) -> None:
        """The tracker sits on top of the review screen, so escape goes back to past events."""
        from lif_tui.screens.action_tracker import ActionTrackerScreen

        self.open_review()
        self.push_screen(ActionTrackerScreen())

    async def action_quit(self) -> None:
        """Quit, but ask first if a screen holds unsaved typing (any screen may define
        `has_unsaved_changes() -> bool`). Captures are saved as they are made, so they never ask."""
        unsaved = [
            screen for screen in self.screen_stack if getattr(screen, "has_unsaved_changes", lambda: False)()
        ]
        if not unsaved:
            self.exit()
            return
        from lif_tui.screens.dialogs import ConfirmDialog

        if isinstance(self.screen, ConfirmDialog):
            return

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()

        self.push_screen(
            ConfirmDialog(
                "Quit without saving?",
                detail="Some typing on the set-up screen has not been saved. ctrl+s there saves it.",
                yes="Quit",
                no="Keep editing",
                destructive=True,
            ),
            callback=answered,
        )

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME

    def action_help(self) -> None:
        from lif_tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen) -> Any:
        # The palette's own "Quit" and "Keys" duplicate ours; keep Textual's theme picker and screenshot.
        for command in super().get_system_commands(screen):
            if command.title not in {"Quit", "Keys"}:
                yield command


def _as_lif_error(error: Exception) -> LifError:
    if isinstance(error, LifError):
        return error
    from pydantic import ValidationError

    if isinstance(error, ValidationError):
        from lif_tui.models import validation_messages

        return DataError("Stored data is not valid: " + "; ".join(validation_messages(error)[:3]))
    return DataError(f"Unexpected error ({type(error).__name__}: {error}). Your saved data is safe.")

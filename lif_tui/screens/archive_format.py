"""How the review screens draw archive data: marked snippets, RAG, confidence bars, overdue actions.

Nothing here depends on colour alone: a match is bold and reversed, RAG is spelled out beside its colour
block, and an overdue action says "overdue". Styles are plain Rich styles, readable on both themes.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.text import Text

from lif_tui.models import RAG, ActionStatus

ARCHIVE_CSS = Path(__file__).with_name("archive.tcss")
"""The stylesheet of every review screen and dialog."""

MATCH_STYLE = "bold reverse"
RAG_STYLES = {RAG.RED: "bold red", RAG.AMBER: "bold dark_orange", RAG.GREEN: "bold green"}
OVERDUE_STYLE = "bold red"
BAR_WIDTH = 10
"""Characters in a confidence bar for the full 1-5 scale."""


def marked_text(parts: tuple[tuple[str, bool], ...], width: int | None = None) -> Text:
    """A snippet with each match highlighted (bold, reversed).

    With `width`, context before the first match is cut back (to "…") so the match itself is on screen.
    """
    parts = tuple(parts)
    if width:
        lead_room = max(8, width * 2 // 5)
        first = next((index for index, (_, matched) in enumerate(parts) if matched), None)
        if first is not None:
            before = "".join(chunk for chunk, _ in parts[:first])
            if len(before) > lead_room:
                cut = before[-lead_room:]
                cut = cut[cut.find(" ") + 1 :] if " " in cut[:-1] else cut
                parts = (("…" + cut.lstrip("…"), False), *parts[first:])
    text = Text(no_wrap=True, overflow="ellipsis")
    for chunk, matched in parts:
        text.append(chunk, style=MATCH_STYLE if matched else "")
    return text


def rag_text(rag: RAG | None) -> Text:
    if rag is None:
        return Text("–", style="dim")
    return Text.assemble(("■ ", RAG_STYLES[rag]), (str(rag), RAG_STYLES[rag]))


def confidence_bar(median: float | None, votes: int = 0, *, width: int = BAR_WIDTH) -> Text:
    """"██████▌    3.5 (n=12)": a bar on the 1-5 scale, with the figure, so the chart reads without colour."""
    if median is None:
        return Text("not taken", style="dim")
    eighths = round((median / 5) * width * 8)
    full, part = divmod(eighths, 8)
    bar = "█" * full + ("▏▎▍▌▋▊▉"[part - 1] if part else "")
    text = Text(bar.ljust(width), style="bold")
    text.append(f" {median:g}")
    if votes:
        text.append(f" (n={votes})", style="dim")
    return text


def status_text(status: ActionStatus, overdue: bool) -> Text:
    if overdue:
        return Text(f"OVERDUE · {status}", style=OVERDUE_STYLE)
    return Text(str(status), style="dim" if status in (ActionStatus.DONE, ActionStatus.DROPPED) else "")


def due_text(due: date | None, overdue: bool) -> Text:
    if due is None:
        return Text("no date", style="dim")
    return Text(due.isoformat(), style=OVERDUE_STYLE if overdue else "")


def minutes(seconds: float) -> str:
    """"12m" or "1h 05m" for the planned-versus-actual table."""
    total = int(round(seconds / 60))
    hours, mins = divmod(total, 60)
    return f"{hours}h {mins:02d}m" if hours else f"{mins}m"


def clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"

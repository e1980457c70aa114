"""Ranked full-text search over the archive, with snippets that mark each match.

Ranking runs inside FTS5 (bm25, its `rank` column); snippets and the event, finding or action details
are built only for the page of hits shown. That keeps a search on a 100,000-finding database as cheap as
the bare FTS5 query (see benchmarks/bench_archive.py).

Matches are marked with control characters that `clean_text` strips from all stored text, so a "[" typed
in a finding can never be mistaken for a match marker; `ArchiveHit.parts` carries the marked segments.
"""

from __future__ import annotations

import sqlite3
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from lif_tui.db.browse import ArchiveFilter, event_conditions
from lif_tui.db.store import fts_query, guarded
from lif_tui.errors import UsageError

if TYPE_CHECKING:
    from lif_tui.db.store import Store

_OPEN = "\x01"
_CLOSE = "\x02"
SNIPPET_TOKENS = 24
"""Words of context in a snippet: about one line of a wide terminal."""

KIND_LABELS = {"finding": "finding", "action": "action", "learning_point": "learning point"}


@dataclass(frozen=True)
class ArchiveHit:
    """One search result: the item, where it lives, and its snippet split into (text, is_match) parts."""

    item_kind: str
    """"finding", "action" or "learning_point"."""
    item_id: uuid.UUID
    event_id: uuid.UUID | None
    """The event to open. For a learning point, the latest live event that revisited its review."""
    event_title: str
    event_date: date | None
    parts: tuple[tuple[str, bool], ...]
    detail: str
    """What the item is, e.g. "barrier or gap · Education" or "Child T LP4"."""
    rank: float

    @property
    def snippet(self) -> str:
        """The snippet with each match in [brackets], for plain-text output."""
        return "".join(f"[{text}]" if matched else text for text, matched in self.parts)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.item_kind, self.item_kind)


def split_marked(snippet: str) -> tuple[tuple[str, bool], ...]:
    """Split an FTS5 snippet marked with _OPEN/_CLOSE into (text, is_match) parts."""
    parts: list[tuple[str, bool]] = []
    rest = snippet or ""
    while rest:
        start = rest.find(_OPEN)
        if start < 0:
            parts.append((rest, False))
            break
        if start:
            parts.append((rest[:start], False))
        end = rest.find(_CLOSE, start + 1)
        if end < 0:
            parts.append((rest[start + 1 :], True))
            break
        parts.append((rest[start + 1 : end], True))
        rest = rest[end + 1 :]
    return tuple((" ".join(text.split("\n")), matched) for text, matched in parts if text)


def normalise_query(text: str) -> str:
    """NFC, as stored text is, so a query typed with combining accents matches."""
    return fts_query(unicodedata.normalize("NFC", text or ""))


def _scope(filters: ArchiveFilter) -> tuple[str, list[Any]]:
    """Which index rows the filters allow: items of matching live events, and learning points of their reviews."""
    where, params = event_conditions(filters)
    events = f"SELECT e.id FROM events e WHERE {' AND '.join(where)}"
    clause = f"""(s.event_id IN ({events})
        OR (s.item_kind = 'learning_point' AND s.item_id IN (
            SELECT lp.id FROM learning_points lp JOIN reviews r ON r.id = lp.review_id
            JOIN event_reviews er ON er.review_id = r.id
            WHERE r.deleted_at IS NULL AND er.event_id IN ({events}))))"""
    scope_params = [*params, *params]
    if filters.agency.strip():
        agency = filters.agency.strip()
        clause += """ AND s.item_id IN (
            SELECT id FROM findings WHERE agency = ? COLLATE NOCASE
            UNION ALL SELECT id FROM actions WHERE owner_agency = ? COLLATE NOCASE)"""
        scope_params += [agency, agency]
    return clause, scope_params


@guarded
def search_archive(
    store: "Store",
    query: str,
    filters: ArchiveFilter = ArchiveFilter(),
    *,
    limit: int = 50,
    offset: int = 0,
) -> list[ArchiveHit]:
    """Ranked hits for what the person typed: words are ANDed, "phrases" kept, prefix* allowed.

    Diacritics fold ("cafe" finds "café"); soft-deleted items and items of deleted events are never found.
    """
    match = normalise_query(query)
    if not match or limit <= 0:
        return []
    scope, scope_params = _scope(filters)
    # ORDER BY the FTS5 `rank` column (bm25) lets FTS5 sort internally; SQLite then checks the scope and
    # builds snippets only for rows it returns, stopping at the limit.
    ranked_sql = f"""
        SELECT s.rowid AS rowid, s.item_kind, s.item_id, s.event_id, s.rank AS score,
               snippet(search_index, 0, '{_OPEN}', '{_CLOSE}', '…', {SNIPPET_TOKENS}) AS marked
        FROM search_index s WHERE search_index MATCH ? AND {scope}
        ORDER BY s.rank LIMIT ? OFFSET ?
    """
    try:
        ranked = list(store.db.query(ranked_sql, [match, *scope_params, limit, max(0, offset)]))
    except sqlite3.OperationalError as error:  # an FTS5 error from input fts_query could not make safe
        raise UsageError(f"Cannot search for {query!r}: {error}.") from None
    if not ranked:
        return []
    details = _details(store, ranked, filters)
    hits = []
    for row in ranked:
        event_id, title, when, detail = details.get(row["item_id"], (row["event_id"], "", None, ""))
        hits.append(
            ArchiveHit(
                item_kind=row["item_kind"],
                item_id=uuid.UUID(row["item_id"]),
                event_id=uuid.UUID(event_id) if event_id else None,
                event_title=title,
                event_date=date.fromisoformat(when) if when else None,
                parts=split_marked(row["marked"] or ""),
                detail=detail,
                rank=row["score"],
            )
        )
    return hits


@guarded
def count_hits(store: "Store", query: str, filters: ArchiveFilter = ArchiveFilter()) -> int:
    """How many items match, for "120 results"; cheap because it never ranks or builds snippets."""
    match = normalise_query(query)
    if not match:
        return 0
    scope, scope_params = _scope(filters)
    sql = f"SELECT count(*) FROM search_index s WHERE search_index MATCH ? AND {scope}"
    return store.db.execute(sql, [match, *scope_params]).fetchone()[0]


def _details(store: "Store", ranked: list[dict[str, Any]], filters: ArchiveFilter) -> dict[str, tuple]:
    """(event id, event title, event date, detail) for each hit, in a few small queries."""
    by_kind: dict[str, list[str]] = {}
    for row in ranked:
        by_kind.setdefault(row["item_kind"], []).append(row["item_id"])
    out: dict[str, tuple] = {}

    def marks(ids: list[str]) -> str:
        return ",".join("?" for _ in ids)

    if ids := by_kind.get("finding"):
        for row in store.db.query(
            f"""SELECT f.id, f.event_id, e.title, e.event_date, f.kind, f.agency FROM findings f
                JOIN events e ON e.id = f.event_id WHERE f.id IN ({marks(ids)})""",
            ids,
        ):
            detail = " · ".join(part for part in (row["kind"], row["agency"]) if part)
            out[row["id"]] = (row["event_id"], row["title"], row["event_date"], detail)
    if ids := by_kind.get("action"):
        for row in store.db.query(
            f"""SELECT a.id, a.event_id, e.title, e.event_date, a.status, a.owner_agency FROM actions a
                JOIN events e ON e.id = a.event_id WHERE a.id IN ({marks(ids)})""",
            ids,
        ):
            detail = " · ".join(part for part in (f"action, {row['status']}", row["owner_agency"]) if part)
            out[row["id"]] = (row["event_id"], row["title"], row["event_date"], detail)
    if ids := by_kind.get("learning_point"):
        where, params = event_conditions(filters)
        for row in store.db.query(
            f"""SELECT lp.id, lp.number, r.pseudonym,
                  (SELECT e.id || char(9) || e.title || char(9) || e.event_date FROM event_reviews er
                     JOIN events e ON e.id = er.event_id
                   WHERE er.review_id = r.id AND {' AND '.join(where)}
                   ORDER BY e.event_date DESC LIMIT 1) AS latest
                FROM learning_points lp JOIN reviews r ON r.id = lp.review_id WHERE lp.id IN ({marks(ids)})""",
            [*params, *ids],
        ):
            event_id, title, when = (row["latest"].split("\t", 2) if row["latest"] else (None, "", None))
            out[row["id"]] = (event_id, title, when, f"{row['pseudonym']} LP{row['number']}")
    return out

"""The sensitivity check: finds identifying details before anything leaves the laptop as a briefing.

It looks for patterns that should never reach a briefing (UK postcodes, phone numbers, email addresses,
NHS numbers with a valid mod-11 check digit, National Insurance numbers and full dates) and for the
event's watch-list words, which are compared by salted hash because the words themselves are never
stored.

This module is pure Python: no textual, no python-docx and no store, so the TUI, the CLI and the exports
all share it. Each scan is linear in the length of the text: a fixed set of compiled regular expressions,
and for the watch list one hash per word n-gram (up to three words).

`check_record` scans exactly the fields that the briefings print (see `briefing_fields`), and only
active (not deleted) rows.
"""

from __future__ import annotations

import calendar
import hashlib
import re
import uuid
from dataclasses import dataclass
from typing import Iterator, NamedTuple

from lif_tui.exports.briefing_content import learning_point_labels, linked_reviews
from lif_tui.models import EventRecord, WatchList, clean_text

__all__ = [
    "HitRef",
    "SensitivityHit",
    "TextMatch",
    "check_text",
    "check_record",
    "briefing_fields",
    "nhs_number_is_valid",
    "MAX_WATCH_WORDS",
]

MAX_WATCH_WORDS = 3
"""Watch-list entries of up to this many words are found; longer entries never match."""

SNIPPET_WIDTH = 60


@dataclass(frozen=True)
class HitRef:
    """Where a hit lives, for jumping to the item: the kind of row, its id and the field name."""

    kind: str  # "finding", "action", "event", "review", "learning_point", "phase" or "attendance"
    id: uuid.UUID
    field: str


@dataclass(frozen=True)
class SensitivityHit:
    """One thing that should not reach a briefing, described for the facilitator."""

    item: str
    """What matched, in words: "UK postcode", "NHS number", "full date", "watch-list word", ..."""
    field: str
    """Where, in words: "finding 12 (what has changed, LP2)", "action 3: measure", "event: purpose"."""
    snippet: str
    """About 60 characters around the hit, with the hit itself shown."""
    suggestion: str
    """What to do instead, such as "use month and year: March 2026"."""
    ref: HitRef | None = None

    def as_line(self) -> str:
        """One line for the CLI and logs: item, field, snippet and suggestion."""
        line = f"{self.item} in {self.field}: {self.snippet}"
        return f"{line} ({self.suggestion})" if self.suggestion else line


class TextMatch(NamedTuple):
    """A low-level match in one piece of text: what kind, where, and what to do instead."""

    item: str
    start: int
    end: int
    suggestion: str


# --- patterns -------------------------------------------------------------------------------------------

# Postcode areas of the UK (plus the Crown dependencies). Requiring a real area keeps "LP2 3rd" and
# similar phrases from looking like postcodes even though the match is case-insensitive.
_POSTCODE_AREAS = (
    "AB AL B BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH "
    "EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME "
    "MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY "
    "TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE"
).split()
_AREA_ALT = "|".join(sorted(_POSTCODE_AREAS, key=len, reverse=True))
_POSTCODE = re.compile(
    rf"(?<![A-Za-z0-9])(?:(?:{_AREA_ALT})[0-9][A-Z0-9]?|GIR)[ \t]{{0,2}}([0-9][ABD-HJLNP-UW-Z]{{2}})(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_ORDINAL_ENDINGS = {"st", "nd", "rd", "th"}

# UK phone numbers: 0 followed by 9 or 10 digits, or +44 / 0044 followed by 9 or 10 digits, where
# spaces, hyphens, dots and brackets may separate groups. The digit count is checked afterwards.
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)44[ \t]?(?:\(0\)[ \t]?)?|\(?0)[1-9](?:[ \t\-.()]{0,2}[0-9]){8,9}(?![0-9])"
)

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)

_NHS = re.compile(r"(?<![\w])([0-9]{3})[ \t\-]?([0-9]{3})[ \t\-]?([0-9]{4})(?![\w])")

# National Insurance numbers: the prefix letters follow HMRC's rules (D, F, I, Q, U and V are never used;
# O is never second; BG, GB, KN, NK, NT, TN and ZZ are not allocated), six digits, suffix A-D.
_NI = re.compile(
    r"(?<![A-Za-z0-9])(?!(?:BG|GB|KN|NK|NT|TN|ZZ))[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
    r"[ \t]?[0-9]{2}[ \t]?[0-9]{2}[ \t]?[0-9]{2}[ \t]?[A-D](?![A-Za-z0-9])",
    re.IGNORECASE,
)

_MONTHS = {name.lower(): index for index, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): index for index, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ORD = r"(?:st|nd|rd|th)?"

_DATE_DMY = re.compile(
    r"(?<![\w/.\-])(0?[1-9]|[12][0-9]|3[01])([/\-.])(0?[1-9]|1[0-2])\2([0-9]{4}|[0-9]{2})(?![\w/\-]|\.[0-9])"
)
_DATE_ISO = re.compile(r"(?<![\w/.\-])([0-9]{4})-(0?[1-9]|1[0-2])-(0?[1-9]|[12][0-9]|3[01])(?![\w/\-])")
_DATE_D_MONTH_Y = re.compile(
    rf"(?<![\w])(0?[1-9]|[12][0-9]|3[01]){_ORD}[ \t]+(?:of[ \t]+)?({_MONTH_ALT})\.?,?[ \t]+([0-9]{{4}})(?![\w])",
    re.IGNORECASE,
)
_DATE_MONTH_D_Y = re.compile(
    rf"(?<![\w])({_MONTH_ALT})\.?[ \t]+(0?[1-9]|[12][0-9]|3[01]){_ORD},?[ \t]+([0-9]{{4}})(?![\w])",
    re.IGNORECASE,
)
# A day and month with no year is still an exact date. Month names must be capitalised here so that
# "the 2 may be" is not a date.
_CAP_MONTHS = "|".join(
    sorted({m.capitalize() for m in _MONTHS} | {m.upper() for m in _MONTHS if len(m) > 3}, key=len, reverse=True)
)
_DATE_D_MONTH = re.compile(rf"(?<![\w])(0?[1-9]|[12][0-9]|3[01]){_ORD}[ \t]+(?:of[ \t]+)?({_CAP_MONTHS})\b")
_DATE_MONTH_D = re.compile(rf"\b({_CAP_MONTHS})\.?[ \t]+(0?[1-9]|[12][0-9]|3[01]){_ORD}(?![\w:])")

_WORD = re.compile(r"\w+(?:['\u2019\-]\w+)*")


def nhs_number_is_valid(digits: str) -> bool:
    """True when ten digits carry a valid NHS mod-11 check digit."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(digit) * weight for digit, weight in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def _month_year(month: int, year: int | None) -> str:
    name = calendar.month_name[month]
    return f"use month and year: {name} {year}" if year else f"use the month only: {name}"


def _full_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _iter_pattern_matches(text: str) -> Iterator[TextMatch]:
    for m in _POSTCODE.finditer(text):
        inward = m.group(1)
        if inward[1:].islower() and inward[1:] in _ORDINAL_ENDINGS:
            continue  # "M1 1st": an ordinal, not a postcode
        yield TextMatch("UK postcode", m.start(), m.end(), "remove the postcode; name the area at most")
    for m in _EMAIL.finditer(text):
        yield TextMatch("email address", m.start(), m.end(), "remove the email address")
    for m in _PHONE.finditer(text):
        raw = m.group(0)
        digits = re.sub(r"[^0-9]", "", raw.replace("(0)", ""))
        if raw.startswith("+") or raw.startswith("00"):
            national = digits[4:] if raw.startswith("00") else digits[2:]
            ok = 9 <= len(national) <= 10 and national[0] in "123789"
        else:
            ok = len(digits) in (10, 11) and digits[1] in "123789"
        if ok:
            yield TextMatch("phone number", m.start(), m.end(), "remove the phone number")
    for m in _NHS.finditer(text):
        if nhs_number_is_valid("".join(m.groups())):
            yield TextMatch("NHS number", m.start(), m.end(), "remove the NHS number")
    for m in _NI.finditer(text):
        yield TextMatch("National Insurance number", m.start(), m.end(), "remove the National Insurance number")

    dates: list[TextMatch] = []
    for m in _DATE_DMY.finditer(text):
        year_text = m.group(4)
        if len(year_text) == 2 and m.group(2) == ".":
            continue  # "1.2.10" is more likely a section number than a date
        dates.append(TextMatch("full date", m.start(), m.end(), _month_year(int(m.group(3)), _full_year(year_text))))
    for m in _DATE_ISO.finditer(text):
        dates.append(TextMatch("full date", m.start(), m.end(), _month_year(int(m.group(2)), int(m.group(1)))))
    for m in _DATE_D_MONTH_Y.finditer(text):
        dates.append(
            TextMatch("full date", m.start(), m.end(), _month_year(_MONTHS[m.group(2).lower()], int(m.group(3))))
        )
    for m in _DATE_MONTH_D_Y.finditer(text):
        dates.append(
            TextMatch("full date", m.start(), m.end(), _month_year(_MONTHS[m.group(1).lower()], int(m.group(3))))
        )
    # Positions already inside a dated match, so "14 March 2026" is not reported again as "14 March".
    covered = {position for d in dates for position in range(d.start, d.end)}
    for m in _DATE_D_MONTH.finditer(text):
        if m.start() not in covered and m.end() - 1 not in covered:
            dates.append(TextMatch("full date", m.start(), m.end(), _month_year(_MONTHS[m.group(2).lower()], None)))
    for m in _DATE_MONTH_D.finditer(text):
        if m.start() not in covered and m.end() - 1 not in covered:
            dates.append(TextMatch("full date", m.start(), m.end(), _month_year(_MONTHS[m.group(1).lower()], None)))
    yield from dates


def _watch_list_matches(text: str, watch_list: WatchList) -> Iterator[TextMatch]:
    if not watch_list.hashes:
        return
    wanted = set(watch_list.hashes)
    salt = watch_list.salt
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    seen: set[tuple[int, int]] = set()

    def digest(candidate: str) -> str:
        normal = " ".join(candidate.casefold().split())
        return hashlib.sha256((salt + normal).encode("utf-8", "surrogatepass")).hexdigest()

    for index, (start, _end) in enumerate(words):
        for size in range(1, MAX_WATCH_WORDS + 1):
            if index + size > len(words):
                break
            end = words[index + size - 1][1]
            span = text[start:end]
            candidates = {span, " ".join(text[s:e] for s, e in words[index : index + size])}
            if any(digest(candidate) in wanted for candidate in candidates) and (start, end) not in seen:
                seen.add((start, end))
                yield TextMatch("watch-list word", start, end, "remove or replace the watched word")
        # parts of hyphenated words ("Smith-Jones" when "Smith" is watched)
        span = text[start : words[index][1]]
        if "-" in span:
            offset = start
            for part in span.split("-"):
                if part and digest(part) in wanted and (offset, offset + len(part)) not in seen:
                    seen.add((offset, offset + len(part)))
                    yield TextMatch("watch-list word", offset, offset + len(part), "remove or replace the watched word")
                offset += len(part) + 1


def check_text(text: str, watch_list: WatchList | None = None) -> list[TextMatch]:
    """All sensitive matches in one piece of text, in order of position.

    Each match is (item, start, end, suggestion) where start and end index into `clean_text(text)`; the
    text is cleaned first, exactly as the models clean it, so offsets agree with what the store holds.
    """
    if not text:
        return []
    text = clean_text(text)
    matches = list(_iter_pattern_matches(text))
    if watch_list is not None:
        matches.extend(_watch_list_matches(text, watch_list))
    unique = {(m.item, m.start, m.end): m for m in matches}
    return sorted(unique.values(), key=lambda m: (m.start, m.end, m.item))


def snippet(text: str, start: int, end: int, width: int = SNIPPET_WIDTH) -> str:
    """About `width` characters around text[start:end], on one line, with ellipses where cut."""
    hit = text[start:end]
    room = max(0, width - len(hit))
    before = room // 2
    left = max(0, start - before)
    right = min(len(text), end + (room - (start - left)))
    left = max(0, min(left, right - width))
    piece = " ".join(text[left:right].split())
    return ("…" if left > 0 else "") + piece + ("…" if right < len(text) else "")


# --- record scan ----------------------------------------------------------------------------------------


class BriefingField(NamedTuple):
    """One text field that a briefing prints: its text, a label for people and a ref for the TUI."""

    text: str
    label: str
    ref: HitRef | None


def briefing_fields(record: EventRecord) -> Iterator[BriefingField]:
    """Every text field that can reach a learning briefing or 7-minute briefing, active rows only.

    The exports print no other free text, so scanning these is enough to clear a briefing.
    """
    event = record.event
    ev = event.id

    def ref(kind: str, row_id: uuid.UUID, name: str) -> HitRef:
        return HitRef(kind, row_id, name)

    yield BriefingField(event.title, "event: title", ref("event", ev, "title"))
    yield BriefingField(event.partnership, "event: partnership", ref("event", ev, "partnership"))
    yield BriefingField(event.facilitator, "event: facilitator", ref("event", ev, "facilitator"))
    yield BriefingField(event.purpose, "event: purpose", ref("event", ev, "purpose"))
    for number, question in enumerate(event.reflection_questions, start=1):
        yield BriefingField(question, f"event: reflection question {number}", ref("event", ev, "reflection_questions"))
    for number, resource in enumerate(event.resources, start=1):
        yield BriefingField(resource, f"event: resource {number}", ref("event", ev, "resources"))

    for review in linked_reviews(record):
        name = review.pseudonym
        yield BriefingField(review.pseudonym, f"review {name}: pseudonym", ref("review", review.id, "pseudonym"))
        yield BriefingField(review.year, f"review {name}: year", ref("review", review.id, "year"))
        for theme in review.themes:
            yield BriefingField(theme, f"review {name}: themes", ref("review", review.id, "themes"))
        yield BriefingField(review.summary, f"review {name}: summary", ref("review", review.id, "summary"))
        for point in review.active_learning_points():
            yield BriefingField(point.text, f"review {name}: {point.label} text", ref("learning_point", point.id, "text"))
            yield BriefingField(
                point.theme, f"review {name}: {point.label} theme", ref("learning_point", point.id, "theme")
            )

    for row in record.active_attendance():
        yield BriefingField(row.agency, f"attendance: agency '{row.agency[:30]}'", ref("attendance", row.id, "agency"))

    labels = learning_point_labels(record)
    for number, finding in enumerate(record.active_findings(), start=1):
        where = str(finding.kind)
        if finding.learning_point_id in labels:
            where += f", {labels[finding.learning_point_id]}"
        yield BriefingField(finding.text, f"finding {number} ({where})", ref("finding", finding.id, "text"))
        yield BriefingField(finding.agency, f"finding {number} ({where}): agency", ref("finding", finding.id, "agency"))

    for number, action in enumerate(record.active_actions(), start=1):
        yield BriefingField(action.text, f"action {number}: text", ref("action", action.id, "text"))
        yield BriefingField(action.owner_agency, f"action {number}: owner agency", ref("action", action.id, "owner_agency"))
        yield BriefingField(action.owner_role, f"action {number}: owner role", ref("action", action.id, "owner_role"))
        yield BriefingField(action.measure, f"action {number}: measure", ref("action", action.id, "measure"))


def check_record(record: EventRecord) -> list[SensitivityHit]:
    """Scan every text field that could reach a briefing (active rows only), in briefing order."""
    watch_list = record.event.watch_list
    hits: list[SensitivityHit] = []
    for field in briefing_fields(record):
        if not field.text:
            continue
        text = clean_text(field.text)
        for match in check_text(text, watch_list):
            hits.append(
                SensitivityHit(
                    item=match.item,
                    field=field.label,
                    snippet=snippet(text, match.start, match.end),
                    suggestion=match.suggestion,
                    ref=field.ref,
                )
            )
    return hits

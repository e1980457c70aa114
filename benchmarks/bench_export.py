"""Benchmark: the learning briefing for a large event against a bare python-docx script.

Run by hand: `python -m benchmarks.bench_export` (or `python -m benchmarks bench_export`).

The event has 1,000 findings across 10 learning points and 200 actions. The baseline is the simplest
python-docx script that writes the same paragraphs (a heading per group, a List Bullet paragraph per
finding) and the same table rows (attendance, ratings, actions, via `table.add_row().cells`), then saves.
Both run in the same process, alternately, several times; the best time of each is compared, so a busy
machine slows both alike. Targets: at most 1.5x the baseline, and under 2 s.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from lif_tui.exports import briefing_content as bc
from lif_tui.models import (
    RAG,
    Action,
    Attendance,
    Event,
    EventRecord,
    EvidenceType,
    Finding,
    FindingKind,
    LearningPoint,
    Rating,
    Review,
    STANDARD_AGENCIES,
)

FINDINGS = 1_000
ACTIONS = 200
LEARNING_POINTS = 10
REPEATS = 5
TARGET_RATIO = 1.5
TARGET_SECONDS = 2.0

_WORDS = (
    "practitioners health school visit referral plan family clinic appointment follow-up safeguarding neglect "
    "audit training protocol transition diabetes nurse record shared agency review young person carer"
).split()


def large_record(seed: int = 4) -> EventRecord:
    """A deterministic event with FINDINGS findings and ACTIONS actions."""
    rng = random.Random(seed)

    def sentence(words: int) -> str:
        text = " ".join(rng.choice(_WORDS) for _ in range(words))
        return text[0].upper() + text[1:] + "."

    points = [
        LearningPoint(number=n, text=sentence(25), theme=f"Theme {n}") for n in range(1, LEARNING_POINTS + 1)
    ]
    review = Review(pseudonym="Child Z", year="2024/25", themes=[p.theme for p in points], summary=sentence(80),
                    learning_points=points)
    event = Event(title="Evidencing impact: Child Z", event_date=date(2026, 3, 12), partnership="Benchmark Partnership",
                  purpose=sentence(60), review_ids=[review.id], resources=[sentence(6) for _ in range(5)])
    kinds = list(FindingKind)
    findings = [
        Finding(
            kind=kinds[i % len(kinds)],
            text=sentence(rng.randint(15, 45)),
            learning_point_id=points[i % LEARNING_POINTS].id if i % 7 else None,
            agency=STANDARD_AGENCIES[i % len(STANDARD_AGENCIES)],
            evidence_type=list(EvidenceType)[i % len(EvidenceType)],
        )
        for i in range(FINDINGS)
    ]
    actions = [
        Action(
            text=sentence(rng.randint(12, 30)),
            learning_point_id=points[i % LEARNING_POINTS].id,
            owner_agency=STANDARD_AGENCIES[i % len(STANDARD_AGENCIES)],
            owner_role="Named lead",
            due_date=date(2026, 6, 1) + timedelta(days=i),
            measure=sentence(rng.randint(8, 20)),
        )
        for i in range(ACTIONS)
    ]
    ratings = [
        Rating(learning_point_id=p.id, rag=list(RAG)[i % 3],
               confidence_before={s: rng.randint(0, 8) for s in range(1, 6)},
               confidence_after={s: rng.randint(0, 8) for s in range(1, 6)})
        for i, p in enumerate(points)
    ]
    attendance = [Attendance(agency=a, count=rng.randint(1, 6)) for a in STANDARD_AGENCIES]
    return EventRecord(event=event, reviews=[review], attendance=attendance, findings=findings, ratings=ratings,
                       actions=actions)


def baseline_script(record: EventRecord, path: Path) -> None:
    """The simplest python-docx script writing the same paragraphs and table rows."""
    import docx

    document = docx.Document()
    document.add_heading(record.event.title, 1)
    document.add_paragraph(record.event.purpose)
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Agency", "Number attending"
    for agency, count in record.attendance_by_agency().items():
        cells = table.add_row().cells
        cells[0].text, cells[1].text = agency, str(count)
    ratings = document.add_table(rows=1, cols=4)
    ratings.style = "Table Grid"
    for row in bc.rating_rows(record):
        cells = ratings.add_row().cells
        cells[0].text, cells[1].text = row.heading, str(row.rag)
        cells[2].text, cells[3].text = bc.tally_text(row.before), bc.tally_text(row.after)
    groups = bc.group_findings(record, tuple(FindingKind), keep_empty_points=False)
    for group in groups:
        document.add_heading(group.label, 3)
        for kind, findings in group.by_kind.items():
            if findings:
                document.add_heading(str(kind), 4)
                for finding in findings:
                    document.add_paragraph(bc.attribution(finding), style="List Bullet")
    actions = document.add_table(rows=1, cols=6)
    actions.style = "Table Grid"
    for cell, text in zip(actions.rows[0].cells, ("Action", "Learning point", "Owner", "Due", "How we will know", "Status")):
        cell.text = text
    for action in record.active_actions():
        cells = actions.add_row().cells
        values = (action.text, "LP", action.owner_agency, bc.month_year(action.due_date), action.measure, str(action.status))
        for cell, text in zip(cells, values):
            cell.text = text
    document.save(str(path))


def _time(function, *args) -> float:
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started


def run(repeats: int = REPEATS) -> list[dict]:
    from lif_tui.exports import export_learning_briefing

    record = large_record()
    import docx  # noqa: F401  (import cost is not part of either timing)

    ours: list[float] = []
    bare: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        # one warm-up of each, then alternate so both see the same machine state
        export_learning_briefing(record, out / "warm.docx")
        baseline_script(record, out / "warm-bare.docx")
        for index in range(repeats):
            ours.append(_time(export_learning_briefing, record, out / f"ours{index}.docx"))
            bare.append(_time(baseline_script, record, out / f"bare{index}.docx"))
    best, best_bare = min(ours), min(bare)
    return [
        {
            "name": f"export learning briefing ({FINDINGS:,} findings, {ACTIONS} actions), s",
            "value": round(best, 3),
            "baseline": round(best_bare, 3),
            "ratio": round(best / best_bare, 2),
            "target": f"<= {TARGET_RATIO}x and < {TARGET_SECONDS:g} s",
        },
        {
            "name": "export learning briefing, median of runs, s",
            "value": round(statistics.median(ours), 3),
            "baseline": round(statistics.median(bare), 3),
            "ratio": round(statistics.median(ours) / statistics.median(bare), 2),
            "target": f"<= {TARGET_RATIO}x",
        },
    ]


def main() -> int:
    rows = run()
    for row in rows:
        print(f"{row['name']}: {row['value']} s vs bare python-docx {row['baseline']} s -> {row['ratio']}x (target {row['target']})")
    best = rows[0]
    ok = best["ratio"] <= TARGET_RATIO and best["value"] < TARGET_SECONDS
    print("targets met" if ok else "TARGETS NOT MET")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

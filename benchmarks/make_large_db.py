"""Build a large archive for the scale benchmarks: 500 events and 100,000 findings (run by hand).

    python -m benchmarks.make_large_db [PATH] [--events 500] [--findings-per-event 200]

Rows are written through the store's own row mapping, in store transactions of 25 events, so the search
index, triggers and row format are exactly the app's. Text is drawn from a fixed vocabulary with a seeded random generator, so
two runs build the same content (ids aside) and searches have realistic hit counts: "diabetes" is in
roughly one finding in twelve, some words are rare.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from lif_tui.db import open_store
from lif_tui.models import (
    RAG,
    STANDARD_AGENCIES,
    Action,
    ActionStatus,
    Attendance,
    Event,
    EventRecord,
    EventStatus,
    EvidenceType,
    Finding,
    FindingKind,
    LearningPoint,
    Phase,
    PhaseKind,
    Rating,
    Review,
    ReviewType,
)

DEFAULT_PATH = Path(tempfile.gettempdir()) / "lif-tui-bench" / "large.sqlite3"
EVENTS = 500
FINDINGS_PER_EVENT = 200
REVIEWS = 25
"""Each review is revisited by about 20-40 events, so trends have plenty of points."""

SUBJECTS = (
    "Health visitors", "School nurses", "The GP practice", "Children's social care", "Police officers",
    "The emergency department", "Early help workers", "Designated safeguarding leads", "Midwives",
    "The paediatric diabetes team", "Housing officers", "Youth workers", "Probation officers", "Café staff",
)
VERBS = (
    "now follow up", "routinely record", "share within 48 hours", "escalate", "discuss in supervision",
    "audit every quarter", "flag on the record", "ask about", "check at each contact", "review jointly",
)
OBJECTS = (
    "missed appointments", "diabetes care plans", "bruising in non-mobile babies", "who lives in the household",
    "the voice of the child", "transition to adult services", "fathers and male carers", "medical neglect",
    "emergency department attendances", "pre-birth assessments", "school attendance", "coping with crying",
)
TAILS = (
    "since the training", "after the audit", "but capacity is a barrier", "and the evidence is anecdotal",
    "which parents say helps", "with a clear pathway", "though not yet consistently", "in most teams",
    "for naïve first-time parents", "and Zoë's team piloted it",
)


def _sentence(rng: random.Random) -> str:
    text = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}."
    if rng.random() < 0.3:
        text += f" {rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}."
    return text


def _reviews(rng: random.Random) -> list[Review]:
    reviews = []
    for index in range(REVIEWS):
        points = [
            LearningPoint(number=n, text=f"{rng.choice(SUBJECTS)} did not {rng.choice(VERBS)} {rng.choice(OBJECTS)}.", theme=rng.choice(OBJECTS).capitalize())
            for n in range(1, rng.randint(3, 7))
        ]
        reviews.append(
            Review(
                pseudonym=f"Child {chr(65 + index % 26)}{index // 26 or ''}",
                review_type=rng.choice(list(ReviewType)),
                year=str(2015 + index % 10),
                themes=[rng.choice(OBJECTS).capitalize()],
                summary=_sentence(rng),
                learning_points=points,
            )
        )
    return reviews


def build_record(rng: random.Random, number: int, reviews: list[Review], findings_per_event: int) -> EventRecord:
    day = date(2016, 1, 4) + timedelta(days=number * 7 + rng.randint(0, 3))
    start = datetime.combine(day, datetime.min.time(), tzinfo=timezone.utc) + timedelta(hours=9)
    linked = rng.sample(reviews, rng.choice((1, 1, 2)))
    points = [point for review in linked for point in review.learning_points]
    phases = [Phase(position=0, kind=PhaseKind.WELCOME, title="Welcome", planned_minutes=15, elapsed_seconds=rng.randint(600, 1300))]
    for position, point in enumerate(points, start=1):
        phases.append(
            Phase(position=position, kind=PhaseKind.LEARNING_POINT, title=f"LP{point.number}", learning_point_id=point.id,
                  planned_minutes=20, elapsed_seconds=rng.randint(700, 1800))
        )
    findings = []
    for index in range(findings_per_event):
        phase = rng.choice(phases)
        moment = start + timedelta(seconds=index * 20)
        findings.append(
            Finding(
                kind=rng.choice(list(FindingKind)),
                text=_sentence(rng),
                learning_point_id=phase.learning_point_id,
                agency=rng.choice(STANDARD_AGENCIES),
                evidence_type=rng.choice([None, *EvidenceType]),
                phase_id=phase.id,
                created_at=moment,
                updated_at=moment,
            )
        )
    ratings = [
        Rating(
            learning_point_id=point.id,
            rag=rng.choice(list(RAG)),
            confidence_before={score: rng.randint(0, 6) for score in range(1, 6)},
            confidence_after={score: rng.randint(0, 6) for score in range(1, 6)},
        )
        for point in points
    ]
    actions = [
        Action(
            text=f"{rng.choice(SUBJECTS)} will {rng.choice(VERBS)} {rng.choice(OBJECTS)}.",
            owner_agency=rng.choice(STANDARD_AGENCIES),
            owner_role="Lead",
            due_date=day + timedelta(days=rng.randint(30, 400)),
            status=rng.choice(list(ActionStatus)),
            learning_point_id=rng.choice(points).id,
        )
        for _ in range(5)
    ]
    attendance = [Attendance(agency=agency, role="Practitioner", count=rng.randint(1, 6)) for agency in rng.sample(STANDARD_AGENCIES, 6)]
    event = Event(
        title=f"Evidencing impact {number + 1:03d}: {', '.join(r.pseudonym for r in linked)}",
        event_date=day,
        partnership="Benchmark Safeguarding Children Partnership",
        status=EventStatus.CLOSED if number < EVENTS - 3 else EventStatus.PLANNED,
        review_ids=[review.id for review in linked],
    )
    return EventRecord(event=event, reviews=linked, attendance=attendance, phases=phases, findings=findings, ratings=ratings, actions=actions)


def _insert_records(store, records: list[EventRecord], known_reviews: set) -> None:
    """Bulk-insert whole new events in one transaction, through the store's row mapping and triggers.

    `Store.save_event` upserts (insert, then update) so that it can edit an event; a new archive needs only
    the insert, which is several times faster and leaves exactly the rows save_event would.
    """
    from lif_tui.db import rows

    with store.transaction():
        for record in records:
            for review in record.reviews:
                if review.id not in known_reviews:
                    store.db["reviews"].insert(rows.review_to_row(review))
                    store.db["learning_points"].insert_all(rows.learning_point_to_row(p, review.id) for p in review.learning_points)
                    known_reviews.add(review.id)
            eid = str(record.event.id)
            store.db["events"].insert(rows.event_to_row(record.event))
            store.db["event_reviews"].insert_all(
                {"event_id": eid, "review_id": str(rid), "position": n} for n, rid in enumerate(record.event.review_ids)
            )
            for table in rows.EVENT_CHILD_TABLES:
                store.db[table].insert_all((rows.to_row(table, item, event_id=eid) for item in getattr(record, table)), batch_size=200)


def make_large_db(path: Path = DEFAULT_PATH, *, events: int = EVENTS, findings_per_event: int = FINDINGS_PER_EVENT, seed: int = 5) -> Path:
    """Write a fresh large database at `path` (an existing file is replaced); return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    rng = random.Random(seed)
    reviews = _reviews(rng)
    known: set = set()
    with open_store(path) as store:
        batch: list[EventRecord] = []
        for number in range(events):
            batch.append(build_record(rng, number, reviews, findings_per_event))
            if len(batch) == 25 or number == events - 1:
                _insert_records(store, batch, known)
                batch = []
        store.db.execute("INSERT INTO search_index(search_index) VALUES ('optimize')")
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def ensure_large_db(path: Path = DEFAULT_PATH) -> Path:
    """Reuse the database at `path` if it already holds the full set, else build it."""
    if path.exists():
        try:
            with open_store(path, create=False) as store:
                found = store.db.execute("SELECT count(*) FROM findings").fetchone()[0]
            if found >= EVENTS * FINDINGS_PER_EVENT:
                return path
        except Exception:  # a half-built or damaged file: build it again
            pass
    return make_large_db(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.make_large_db", description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--events", type=int, default=EVENTS)
    parser.add_argument("--findings-per-event", type=int, default=FINDINGS_PER_EVENT)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    path = make_large_db(args.path, events=args.events, findings_per_event=args.findings_per_event)
    size = path.stat().st_size / 1024 / 1024
    print(f"Wrote {args.events} events, {args.events * args.findings_per_event:,} findings to {path} "
          f"({size:.0f} MiB) in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

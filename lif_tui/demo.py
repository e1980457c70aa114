"""Three fictional, fully anonymised demo events, built as `EventRecord` objects.

They exist so that `lif-tui --demo`, the tests and the screenshots have realistic content to show without
touching real data. The third event revisits the Child T review six months after the first, sharing the very
same review and learning points, so the Trends view has a change across events to show. The reviews are
summarised only from themes in the public record; the partnership, findings, figures and actions are
invented. Nothing here names a person, school, GP practice or ward.

Everything is data (tuples of text) plus one small builder. Dates are offsets from a fixed reference day,
`DEMO_TODAY`, so the output is deterministic; only the UUIDs and the watch-list salt are fresh on each call.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone

from .models import (
    RAG,
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
    Marking,
    Phase,
    PhaseKind,
    ProgressNote,
    Rating,
    Review,
    ReviewStatus,
    ReviewType,
    WatchList,
)

DEMO_TODAY = date(2026, 11, 26)
"""The reference day the demo is written for: some actions are overdue on it and some are still due."""

PARTNERSHIP = "Southdown Safeguarding Children Partnership"
"""A fictional partnership, so no real body's name appears in screenshots."""

CHILD_T_WATCH_WORDS: tuple[str, ...] = ("Tobias Rennick", "Kingsmere College")
INFANT_INJURY_WATCH_WORDS: tuple[str, ...] = ("Kayden Ashworth", "Larkfield Surgery")
"""Invented names put on each event's watch list. They appear nowhere else, so the sensitivity check passes."""

_K = FindingKind
_E = EvidenceType
_EVENT_START = time(9, 30)
"""Events start at 09:30 (timestamps are stored as UTC)."""

# --------------------------------------------------------------------------------------------------------
# Specification types: plain data, turned into models by `_build`.

FindingSpec = tuple[FindingKind, str, EvidenceType | None, str]
"""kind, agency, evidence type, text."""
Tally = tuple[int, int, int, int, int]
"""How many people chose confidence 1, 2, 3, 4 and 5."""
LPRef = tuple[str, int] | None
"""(review pseudonym, learning point number), or None."""
_Captured = list[tuple[FindingSpec, uuid.UUID | None]]
"""Findings captured in one phase, each with the id of the learning point it was linked to."""


@dataclass(frozen=True)
class PointSpec:
    """A learning point, with everything that happened in its phase of the event."""

    text: str
    theme: str
    short_title: str
    planned_minutes: int
    elapsed_minutes: float
    rag: RAG
    before: Tally
    after: Tally
    findings: tuple[FindingSpec, ...]


@dataclass(frozen=True)
class ReviewSpec:
    pseudonym: str
    review_type: ReviewType
    year: str
    themes: tuple[str, ...]
    summary: str
    points: tuple[PointSpec, ...]


@dataclass(frozen=True)
class ActionSpec:
    learning_point: LPRef
    text: str
    owner_agency: str
    owner_role: str
    due_in_days: int
    """Offset of the due date from DEMO_TODAY (negative means already due)."""
    measure: str
    status: ActionStatus
    notes: tuple[tuple[int, str], ...] = ()
    """(days from DEMO_TODAY, note text)."""


@dataclass(frozen=True)
class EventSpec:
    title: str
    days_before_today: int
    venue: str
    facilitator: str
    purpose: str
    resources: tuple[str, ...]
    watch_words: tuple[str, ...]
    attendance: tuple[tuple[str, str, int, bool], ...]
    """agency, role, count, involved in the original case."""
    timings: dict[PhaseKind, tuple[int, float]]
    """Planned and elapsed minutes of each fixed phase (not the learning-point phases)."""
    prompts: dict[PhaseKind, str]
    reviews: tuple[ReviewSpec, ...]
    voice: tuple[FindingSpec, ...]
    barriers: tuple[FindingSpec, ...]
    actions: tuple[ActionSpec, ...]
    key_messages: tuple[tuple[LPRef, str], ...]


_GROUND_RULES = (
    "Ground rules: this is about learning, not blame. What is said in the room stays in the room. We record "
    "what agencies do, never who said it, and everything is anonymised before it leaves this laptop. Step "
    "out whenever you need to; wellbeing support is available afterwards. Then take baseline confidence "
    "ratings for each learning point."
)
_ACTIONS_PROMPT = (
    "What will we do next? For each action: which agency and role owns it, by when, and how will we know it "
    "worked?"
)
_BARRIERS_PROMPT = "What still gets in the way? Where are the gaps, and what would it take to close them?"
_CLOSE_PROMPT = (
    "What are the key messages for practitioners who were not here? Take confidence ratings again, then one "
    "reflection each and the next steps."
)
_POINT_PROMPT = (
    "What has changed since the review, and what is the evidence? Go round each agency. What difference has "
    "it made to children? Agree a RAG rating and take confidence ratings."
)

# --------------------------------------------------------------------------------------------------------
# Child T

_CHILD_T = EventSpec(
    title="Evidencing impact: Child T",
    days_before_today=259,  # 2026-03-12
    venue="Partnership training room",
    facilitator="Partnership learning and development lead",
    purpose=(
        "The Child T review was published several years ago and its learning has been built into policy, "
        "training and practice across the partnership. We held this event to find out, from front-line "
        "practitioners and managers, whether that learning has changed what we do for children with a "
        "chronic health condition, and whether it has made a difference to their outcomes. Some attendees "
        "worked with the family at the time. The event looked at each of the five learning points in turn, "
        "asked what has changed and what the evidence is, and agreed what the partnership will do next."
    ),
    resources=(
        "Partnership 'Was Not Brought' guidance (2024)",
        "Transition to adult services protocol",
        "Neglect toolkit: medical neglect section",
        "'Diabetes can kill' e-learning module",
    ),
    watch_words=CHILD_T_WATCH_WORDS,
    attendance=(
        ("Children's social care", "Social worker", 4, True),
        ("Children's social care", "Team manager", 1, True),
        ("Paediatric diabetes team", "Diabetes specialist nurse", 2, True),
        ("School nursing", "School nurse", 3, False),
        ("GP / primary care", "GP safeguarding lead", 1, True),
        ("Education", "Designated safeguarding lead", 4, False),
        ("Early help", "Family worker", 2, False),
        ("Acute hospital", "Named nurse for safeguarding", 1, False),
        ("Adult social care", "Transitions social worker", 2, False),
        ("Police", "Child protection officer", 1, False),
    ),
    timings={
        PhaseKind.WELCOME: (10, 12.5),
        PhaseKind.RECAP: (10, 9.0),
        PhaseKind.VOICE: (15, 18.25),
        PhaseKind.BARRIERS: (15, 16.0),
        PhaseKind.ACTIONS: (20, 24.5),
        PhaseKind.CLOSE: (10, 11.0),
    },
    prompts={
        PhaseKind.WELCOME: _GROUND_RULES,
        PhaseKind.RECAP: (
            "Summarise the review and its five learning points. What do people remember about it, and what "
            "did their service do in response?"
        ),
        PhaseKind.VOICE: (
            "What would Child T say about our services now? Would it feel different to be a teenager with "
            "diabetes in this area today?"
        ),
        PhaseKind.BARRIERS: _BARRIERS_PROMPT,
        PhaseKind.ACTIONS: _ACTIONS_PROMPT,
        PhaseKind.CLOSE: _CLOSE_PROMPT,
    },
    reviews=(
        ReviewSpec(
            pseudonym="Child T",
            review_type=ReviewType.SCR,
            year="2018/19",
            themes=(
                "Was not brought",
                "Transition to adulthood",
                "Information sharing",
                "Diabetes awareness",
                "Medical neglect",
            ),
            summary=(
                "An 18-year-old died in hospital from complications in managing type 1 diabetes. The review "
                "found that neglect of his medical needs began in childhood. Missed appointments were not "
                "followed up, information held by health did not reach education, staff outside health did "
                "not know that diabetes can kill, and no agency led his move into adulthood."
            ),
            points=(
                PointSpec(
                    text=(
                        "When Child T was not brought to health appointments there was no follow-up; missed "
                        "appointments were seen as the family's choice, not as a possible sign of neglect."
                    ),
                    theme="Was not brought",
                    short_title="Missed appointments",
                    planned_minutes=20,
                    elapsed_minutes=23.5,
                    rag=RAG.AMBER,
                    before=(3, 7, 7, 3, 1),
                    after=(0, 2, 8, 9, 2),
                    findings=(
                        (_K.CHANGED, "Paediatric diabetes team", _E.POLICY,
                         "Missed clinic appointments are now recorded as 'was not brought' rather than 'did "
                         "not attend'. After two in a row the diabetes nurse phones the family and tells the "
                         "GP and the school nurse."),
                        (_K.EVIDENCE, "School nursing", _E.AUDIT,
                         "Health and school nursing now share a 'was not brought' alert within 48 hours; an "
                         "audit of 40 cases last autumn showed 85% shared on time, up from about half the "
                         "year before."),
                        (_K.GOOD_PRACTICE, "GP / primary care", _E.CASE_EXAMPLE,
                         "A practice nurse noticed a teenager had missed three diabetes reviews, checked the "
                         "record for other missed appointments and referred to early help; the family took "
                         "up support and blood glucose control improved within six months."),
                        (_K.BARRIER, "Acute hospital", _E.PRACTITIONER_ACCOUNT,
                         "Some outpatient clinics still discharge a child back to the GP after two missed "
                         "appointments without a safeguarding check; the policy has not reached every "
                         "specialty."),
                    ),
                ),
                PointSpec(
                    text=(
                        "Procedures for young people nearing adulthood were unclear, so no agency led the "
                        "planning for the move from children's to adult services."
                    ),
                    theme="Transition to adulthood",
                    short_title="Transition to adulthood",
                    planned_minutes=20,
                    elapsed_minutes=19.0,
                    rag=RAG.AMBER,
                    before=(4, 8, 6, 2, 1),
                    after=(1, 4, 9, 6, 1),
                    findings=(
                        (_K.CHANGED, "Paediatric diabetes team", _E.POLICY,
                         "A joint transition clinic with the adult diabetes service now starts at 16, and "
                         "every young person has a named transition worker agreed before they turn 17."),
                        (_K.EVIDENCE, "Paediatric diabetes team", _E.AUDIT,
                         "Of the young people who moved to adult diabetes services last year, 18 of 21 "
                         "attended their first adult appointment; before the joint clinic it was fewer than "
                         "half."),
                        (_K.CHANGED, "Children's social care", _E.POLICY,
                         "The transition to adult services protocol now covers young people with complex "
                         "health needs who are not open to social care, not only those with an education, "
                         "health and care plan."),
                        (_K.BARRIER, "Adult social care", _E.PRACTITIONER_ACCOUNT,
                         "Adult social care still hears about most of these young people only after they "
                         "turn 18; referrals at 17 and a half are rare, which leaves no time to plan."),
                    ),
                ),
                PointSpec(
                    text=(
                        "Information sharing between health and education was weak: school staff did not "
                        "know about the diabetes care plan or about missed clinic appointments."
                    ),
                    theme="Information sharing",
                    short_title="Health and education sharing",
                    planned_minutes=20,
                    elapsed_minutes=21.75,
                    rag=RAG.RED,
                    before=(5, 8, 5, 2, 1),
                    after=(2, 7, 7, 4, 1),
                    findings=(
                        (_K.CHANGED, "Education", _E.POLICY,
                         "Individual healthcare plans for pupils with diabetes are now written with the "
                         "diabetes nurse and reviewed every year, and schools receive clinic letters with "
                         "the family's consent."),
                        (_K.EVIDENCE, "Education safeguarding team", _E.AUDIT,
                         "A sample of 30 secondary-age pupils with type 1 diabetes found 26 had an "
                         "up-to-date healthcare plan; three years ago fewer than half did."),
                        (_K.GOOD_PRACTICE, "School nursing", _E.PRACTITIONER_ACCOUNT,
                         "In several secondary schools the school nurse and the special educational needs "
                         "coordinator meet each half term to go through pupils with medical needs, "
                         "including missed clinic appointments and school attendance."),
                        (_K.BARRIER, "Education", _E.PRACTITIONER_ACCOUNT,
                         "Schools still cannot see whether a pupil has missed clinic appointments unless "
                         "health tell them; it depends on individual relationships rather than a system."),
                    ),
                ),
                PointSpec(
                    text=(
                        "Staff outside health services did not know that poorly managed type 1 diabetes "
                        "can kill."
                    ),
                    theme="Diabetes awareness",
                    short_title="Diabetes awareness",
                    planned_minutes=20,
                    elapsed_minutes=17.5,
                    rag=RAG.GREEN,
                    before=(2, 5, 8, 5, 1),
                    after=(0, 1, 4, 11, 5),
                    findings=(
                        (_K.CHANGED, "Safeguarding partnership", _E.TRAINING,
                         "A 30-minute 'Diabetes can kill' e-learning module is now part of the partnership's "
                         "core neglect training and is open to schools, social care, early help and police."),
                        (_K.EVIDENCE, "Safeguarding partnership", _E.AUDIT,
                         "More than 600 practitioners have completed the module; in the follow-up survey 82% "
                         "could name the warning signs of diabetic ketoacidosis, compared with 35% before."),
                        (_K.GOOD_PRACTICE, "Children's social care", _E.PRACTITIONER_ACCOUNT,
                         "Social workers now ask to see a young person's blood glucose readings on home "
                         "visits and contact the diabetes team the same day when readings stay high."),
                        (_K.BARRIER, "Police", _E.PRACTITIONER_ACCOUNT,
                         "Few police officers or housing staff have done the module; an officer on a welfare "
                         "check would not necessarily recognise a young person in ketoacidosis."),
                    ),
                ),
                PointSpec(
                    text=(
                        "A chronic health condition was not treated as a safeguarding matter; neglect of "
                        "medical needs was not recognised or escalated."
                    ),
                    theme="Medical neglect",
                    short_title="Medical neglect",
                    planned_minutes=20,
                    elapsed_minutes=22.0,
                    rag=RAG.AMBER,
                    before=(3, 6, 8, 3, 1),
                    after=(0, 3, 8, 8, 2),
                    findings=(
                        (_K.CHANGED, "Children's social care", _E.POLICY,
                         "The neglect toolkit now has a section on medical neglect, with prompts about "
                         "missed appointments, prescriptions not collected and unmanaged chronic conditions."),
                        (_K.EVIDENCE, "Early help", _E.AUDIT,
                         "Referrals citing neglect of medical needs rose from 9 to 31 in the year after the "
                         "toolkit was updated; most came from health and schools."),
                        (_K.GOOD_PRACTICE, "Paediatric diabetes team", _E.CASE_EXAMPLE,
                         "The diabetes team called a professionals meeting for a young teenager with repeated "
                         "admissions and no engagement; a child in need plan followed and there were no "
                         "further admissions over the next year."),
                        (_K.BARRIER, "GP / primary care", _E.PRACTITIONER_ACCOUNT,
                         "There is still reluctance to call it neglect when parents are struggling "
                         "themselves; practitioners worry about damaging the relationship with the family."),
                    ),
                ),
            ),
        ),
    ),
    voice=(
        (_K.VOICE, "Paediatric diabetes team", _E.PRACTITIONER_ACCOUNT,
         "Child T might say that adults noticed the missed appointments but nobody asked him why. Teenagers "
         "tell the team they skip clinic when they feel judged about their readings."),
        (_K.VOICE, "Voluntary sector", _E.PRACTITIONER_ACCOUNT,
         "Young people in the diabetes youth group say they want one person who knows them, not a new face "
         "at every clinic."),
        (_K.VOICE, "School nursing", _E.PRACTITIONER_ACCOUNT,
         "Pupils with diabetes want school staff to know about their condition without having to explain it "
         "in front of the class."),
        (_K.VOICE, "Children's social care", _E.POLICY,
         "The young people's advisory group asked that from 16, letters about missed appointments go to the "
         "young person as well as to their parents; the diabetes service has agreed."),
    ),
    barriers=(
        (_K.BARRIER, "Acute hospital", _E.PRACTITIONER_ACCOUNT,
         "Health and education still use separate systems; there is no shared way to flag a child with a "
         "chronic condition who is missing both appointments and school."),
        (_K.BARRIER, "Child and adolescent mental health", _E.PRACTITIONER_ACCOUNT,
         "Emotional support for young people struggling with their diabetes has a long wait; low mood and "
         "poor control go together, but the services are not joined up."),
        (_K.BARRIER, "Safeguarding partnership", _E.AUDIT,
         "Training reach fades with turnover: about a third of school designated safeguarding leads have "
         "changed since the diabetes module was launched."),
    ),
    actions=(
        ActionSpec(
            learning_point=("Child T", 1),
            text=(
                "Extend the 'was not brought' policy to every outpatient clinic, so that no child is discharged "
                "back to the GP after missed appointments without a safeguarding check."
            ),
            owner_agency="Acute hospital",
            owner_role="Named nurse for safeguarding",
            due_in_days=-149,  # end of June
            measure=(
                "An audit of 30 children discharged for non-attendance finds a recorded safeguarding check in "
                "at least 90%."
            ),
            status=ActionStatus.IN_PROGRESS,
            notes=(
                (-196, "Policy agreed by the hospital safeguarding committee; roll-out to surgical clinics "
                       "still to do."),
                (-84, "In place in 9 of 14 specialties. The audit has moved to the new year."),
            ),
        ),
        ActionSpec(
            learning_point=("Child T", 2),
            text=(
                "Add to the transition protocol that adult social care is told, by the time a young person "
                "turns 17, of everyone with a complex health need who may need adult support."
            ),
            owner_agency="Adult social care",
            owner_role="Transitions team manager",
            due_in_days=-57,  # end of September
            measure=(
                "The number of referrals received before 17 and a half, reported to the partnership each "
                "quarter."
            ),
            status=ActionStatus.OPEN,
        ),
        ActionSpec(
            learning_point=("Child T", 3),
            text=(
                "Pilot a shared health and education flag, in two secondary schools, for pupils with a chronic "
                "condition who miss both clinic appointments and school."
            ),
            owner_agency="Education safeguarding team",
            owner_role="Education safeguarding adviser",
            due_in_days=125,  # end of March next year
            measure=(
                "Flags raised and follow-up recorded in the pilot schools, and feedback from designated "
                "safeguarding leads at the end of the pilot."
            ),
            status=ActionStatus.IN_PROGRESS,
        ),
        ActionSpec(
            learning_point=("Child T", 4),
            text=(
                "Offer the 'Diabetes can kill' module to police, housing and youth justice staff, and add it "
                "to the induction for new designated safeguarding leads."
            ),
            owner_agency="Safeguarding partnership",
            owner_role="Learning and development lead",
            due_in_days=-118,  # end of July
            measure=(
                "Completion figures by agency each quarter; 75% of new designated safeguarding leads complete "
                "it in their first term."
            ),
            status=ActionStatus.DONE,
            notes=((-127, "Added to induction and shared with police and housing; 140 completions so far."),),
        ),
        ActionSpec(
            learning_point=("Child T", 5),
            text=(
                "Run a multi-agency audit of neglect cases where a chronic health condition is a factor, to "
                "test whether the updated toolkit is being used."
            ),
            owner_agency="Children's social care",
            owner_role="Head of quality assurance",
            due_in_days=64,  # end of January next year
            measure=(
                "Audit report to the partnership's quality assurance group, with its findings used in the "
                "next refresh of neglect training."
            ),
            status=ActionStatus.OPEN,
        ),
    ),
    key_messages=(
        (("Child T", 1), "A missed appointment is a child who was not brought. Follow it up, find out why, and "
                         "tell the other professionals involved."),
        (("Child T", 4), "Type 1 diabetes can kill. If a child's diabetes is poorly controlled, ask what help "
                         "the family needs and whether medical needs are being neglected."),
        (("Child T", 2), "Plan transition early: from 16, agree who leads and make sure the young person knows "
                         "who that is."),
        (("Child T", 3), "A healthcare plan only protects a child if the people around them have read it: "
                         "share it between health and school."),
        (None, "Talk to the young person directly. Teenagers with a long-term condition want to be asked, "
               "not judged."),
    ),
)

# --------------------------------------------------------------------------------------------------------
# Infant injury (thematic)

_INFANT = EventSpec(
    title="Evidencing impact: infant injury",
    days_before_today=63,  # 2026-09-24
    venue="Partnership training room",
    facilitator="Partnership learning and development lead",
    purpose=(
        "Between them, two serious case reviews and three rapid reviews looked at non-accidental injuries to "
        "babies. They found the same things again and again: bruising in babies who were not yet mobile not "
        "acted on, fathers and male carers invisible to services, parents not helped to cope with crying, "
        "risks not brought together before birth, and babies not seen. We held this thematic event to test "
        "whether the partnership's response has changed practice, to hear what still gets in the way, and to "
        "agree what we will do next."
    ),
    resources=(
        "Bruising in non-mobile babies protocol",
        "ICON: coping with a crying baby (partnership leaflet for parents)",
        "Pre-birth assessment pathway",
        "Working with fathers and male carers: practice guide",
    ),
    watch_words=INFANT_INJURY_WATCH_WORDS,
    attendance=(
        ("Health visiting", "Health visitor", 5, True),
        ("Health visiting", "Health visiting team leader", 1, False),
        ("Acute hospital", "Safeguarding midwife", 2, False),
        ("Acute hospital", "Emergency department nurse", 2, False),
        ("Acute hospital", "Consultant paediatrician", 1, True),
        ("Children's social care", "Social worker", 3, True),
        ("GP / primary care", "GP safeguarding lead", 1, False),
        ("Police", "Child abuse investigation officer", 2, True),
        ("Early help", "Family practitioner", 2, False),
        ("Probation", "Probation officer", 1, False),
        ("Adult mental health", "Perinatal mental health practitioner", 1, False),
        ("Voluntary sector", "Fathers' support worker", 1, False),
    ),
    timings={
        PhaseKind.WELCOME: (10, 11.0),
        PhaseKind.RECAP: (15, 17.5),
        PhaseKind.VOICE: (10, 9.5),
        PhaseKind.BARRIERS: (15, 18.0),
        PhaseKind.ACTIONS: (20, 21.25),
        PhaseKind.CLOSE: (10, 10.5),
    },
    prompts={
        PhaseKind.WELCOME: _GROUND_RULES,
        PhaseKind.RECAP: (
            "Summarise the five reviews and the themes they share. Which of these cases do people remember, "
            "and what changed in their service afterwards?"
        ),
        PhaseKind.VOICE: (
            "These babies could not speak for themselves. What would they need us to notice? What do parents, "
            "and especially fathers, tell us about our services now?"
        ),
        PhaseKind.BARRIERS: _BARRIERS_PROMPT,
        PhaseKind.ACTIONS: _ACTIONS_PROMPT,
        PhaseKind.CLOSE: _CLOSE_PROMPT,
    },
    reviews=(
        ReviewSpec(
            pseudonym="Child V",
            review_type=ReviewType.SCR,
            year="2019",
            themes=("Bruising in non-mobile babies", "Fathers and male carers"),
            summary=(
                "A baby under six months old suffered serious non-accidental injuries. A bruise had been seen "
                "by professionals earlier and accepted as accidental without a medical assessment. The father, "
                "the main carer during the day, had almost no contact with services."
            ),
            points=(
                PointSpec(
                    text=(
                        "Bruising in a baby who was not yet mobile was not referred under the bruising "
                        "protocol; a parent's explanation was accepted without a paediatric assessment."
                    ),
                    theme="Bruising in non-mobile babies",
                    short_title="Bruising in non-mobile babies",
                    planned_minutes=12,
                    elapsed_minutes=14.0,
                    rag=RAG.GREEN,
                    before=(1, 3, 8, 7, 3),
                    after=(0, 1, 4, 11, 6),
                    findings=(
                        (_K.CHANGED, "Safeguarding partnership", _E.POLICY,
                         "The bruising protocol was rewritten: any bruise, however small, in a baby who is "
                         "not yet crawling leads to a same-day referral to children's social care and a "
                         "paediatric assessment."),
                        (_K.EVIDENCE, "Acute hospital", _E.AUDIT,
                         "A paediatric audit of 52 referrals under the protocol over twelve months found "
                         "every baby was seen the same or next day; 7 referrals led to child protection "
                         "enquiries."),
                        (_K.GOOD_PRACTICE, "Health visiting", _E.CASE_EXAMPLE,
                         "A health visitor saw a small mark on a young baby's ear at a routine contact and "
                         "followed the protocol despite a plausible explanation; the assessment found an "
                         "earlier injury that had not been seen."),
                    ),
                ),
                PointSpec(
                    text=(
                        "Professionals focused on the mother; the father and other male carers were not "
                        "seen, assessed or included in planning."
                    ),
                    theme="Fathers and male carers",
                    short_title="Fathers and male carers",
                    planned_minutes=12,
                    elapsed_minutes=15.5,
                    rag=RAG.AMBER,
                    before=(3, 7, 8, 3, 1),
                    after=(1, 4, 9, 7, 1),
                    findings=(
                        (_K.CHANGED, "Health visiting", _E.POLICY,
                         "The new birth visit record now asks who the baby's father and any other male carers "
                         "are and whether they were seen; an evening visit is offered when fathers work."),
                        (_K.EVIDENCE, "Health visiting", _E.AUDIT,
                         "Recorded contact with fathers at the new birth visit rose from 38% to 71% in the "
                         "year after the record changed."),
                        (_K.BARRIER, "Probation", _E.PRACTITIONER_ACCOUNT,
                         "Probation is rarely asked whether a man joining a household with a new baby is known "
                         "to them; checks happen only when the mother is already open to social care."),
                    ),
                ),
            ),
        ),
        ReviewSpec(
            pseudonym="Child W",
            review_type=ReviewType.SCR,
            year="2019",
            themes=("Pre-birth assessment", "Health visitor contacts", "Information sharing"),
            summary=(
                "A baby was admitted to hospital with a head injury and older fractures. Parental mental "
                "health, past domestic abuse and a previous plan for an older sibling were each known to a "
                "different agency, but no pre-birth assessment took place."
            ),
            points=(
                PointSpec(
                    text=(
                        "Known risks were not brought together before the birth, so there was no pre-birth "
                        "assessment and no referral to children's social care."
                    ),
                    theme="Pre-birth assessment",
                    short_title="Pre-birth assessment",
                    planned_minutes=12,
                    elapsed_minutes=12.0,
                    rag=RAG.AMBER,
                    before=(2, 6, 9, 4, 1),
                    after=(0, 3, 9, 8, 2),
                    findings=(
                        (_K.CHANGED, "Children's social care", _E.POLICY,
                         "A pre-birth assessment pathway now starts at 20 weeks of pregnancy where risks are "
                         "known, with a multi-agency meeting before 28 weeks."),
                        (_K.GOOD_PRACTICE, "Acute hospital", _E.PRACTITIONER_ACCOUNT,
                         "Safeguarding midwives hold a monthly vulnerable pregnancies meeting with social "
                         "care and perinatal mental health, so concerns held by different agencies are put "
                         "together early."),
                        (_K.EVIDENCE, "Children's social care", _E.AUDIT,
                         "Pre-birth referrals made before 24 weeks rose from a third to almost two thirds, and "
                         "fewer babies now need an emergency plan at birth."),
                    ),
                ),
                PointSpec(
                    text=(
                        "Health visiting contacts were missed or held by phone, so the baby was not seen at "
                        "home at key points."
                    ),
                    theme="Health visitor contacts",
                    short_title="Health visitor contacts",
                    planned_minutes=12,
                    elapsed_minutes=13.25,
                    rag=RAG.RED,
                    before=(4, 8, 7, 2, 1),
                    after=(3, 7, 8, 3, 1),
                    findings=(
                        (_K.CHANGED, "Health visiting", _E.POLICY,
                         "Every mandated contact is face to face again, and the baby must be seen at home at "
                         "the new birth visit and at six to eight weeks."),
                        (_K.BARRIER, "Health visiting", _E.PRACTITIONER_ACCOUNT,
                         "Caseloads are still high, around 400 families for each full-time health visitor in "
                         "some teams, so extra targeted visits are the first thing to be squeezed."),
                    ),
                ),
            ),
        ),
        ReviewSpec(
            pseudonym="Rapid review A",
            review_type=ReviewType.RAPID_REVIEW,
            year="2020",
            themes=("Coping with crying", "Fathers and male carers"),
            summary=(
                "A young baby suffered a head injury consistent with shaking during a period of prolonged "
                "crying. Neither parent recalled being given advice on coping with crying."
            ),
            points=(
                PointSpec(
                    text=(
                        "Neither parent had been given advice on coping with crying, and the father had not "
                        "been at any antenatal or postnatal contact."
                    ),
                    theme="Coping with crying",
                    short_title="Coping with crying (ICON)",
                    planned_minutes=12,
                    elapsed_minutes=13.0,
                    rag=RAG.GREEN,
                    before=(2, 4, 8, 6, 2),
                    after=(0, 1, 5, 10, 6),
                    findings=(
                        (_K.CHANGED, "Safeguarding partnership", _E.TRAINING,
                         "ICON (Infant crying is normal, Comfort methods can help, It's OK to walk away, Never "
                         "shake a baby) is now given by midwives before discharge, by health visitors at the "
                         "new birth visit and by GPs at the six-week check."),
                        (_K.EVIDENCE, "Acute hospital", _E.AUDIT,
                         "Midwifery records show ICON discussed with 89% of parents before discharge; fathers "
                         "were present for about half of these conversations."),
                        (_K.GOOD_PRACTICE, "Voluntary sector", _E.PRACTITIONER_ACCOUNT,
                         "The dads' group runs a session on coping with crying; fathers say hearing other men "
                         "talk about feeling overwhelmed made it easier to ask for help."),
                    ),
                ),
            ),
        ),
        ReviewSpec(
            pseudonym="Rapid review B",
            review_type=ReviewType.RAPID_REVIEW,
            year="2020",
            themes=("Bruising in non-mobile babies", "Information sharing"),
            summary=(
                "A non-mobile baby with a small bruise was seen in an emergency department and sent home. The "
                "bruise was recognised as significant only when the baby came back with a fracture."
            ),
            points=(
                PointSpec(
                    text=(
                        "The emergency department did not apply the bruising protocol, and the GP and health "
                        "visitor were not told about the attendance."
                    ),
                    theme="Bruising in non-mobile babies",
                    short_title="Emergency department attendances",
                    planned_minutes=12,
                    elapsed_minutes=11.5,
                    rag=RAG.AMBER,
                    before=(2, 5, 9, 5, 1),
                    after=(0, 2, 8, 10, 2),
                    findings=(
                        (_K.CHANGED, "Acute hospital", _E.POLICY,
                         "The emergency department record now prompts staff to check mobility and skin for "
                         "every baby under six months, and a notice goes to the GP and health visitor after "
                         "each attendance."),
                        (_K.EVIDENCE, "GP / primary care", _E.AUDIT,
                         "A spot check of 20 attendances by babies found 19 notices had reached the GP within "
                         "one working day."),
                    ),
                ),
            ),
        ),
        ReviewSpec(
            pseudonym="Rapid review C",
            review_type=ReviewType.RAPID_REVIEW,
            year="2020",
            themes=("Fathers and male carers", "Remote contact"),
            summary=(
                "A baby was injured by the mother's new partner, who services did not know was living in the "
                "household. During the pandemic most contact with the family had been by phone or video."
            ),
            points=(
                PointSpec(
                    text="Professionals did not ask who else lived in or regularly visited the household.",
                    theme="Fathers and male carers",
                    short_title="Who lives here?",
                    planned_minutes=12,
                    elapsed_minutes=12.75,
                    rag=RAG.AMBER,
                    before=(3, 6, 8, 4, 1),
                    after=(0, 3, 9, 8, 2),
                    findings=(
                        (_K.CHANGED, "Children's social care", _E.TRAINING,
                         "Assessment training now treats 'Who lives here and who visits?' as a standard "
                         "question, and the answer is recorded at every visit."),
                        (_K.GOOD_PRACTICE, "Early help", _E.CASE_EXAMPLE,
                         "A family practitioner noticed a man's work boots by the door, asked about them and "
                         "learned that a new partner had moved in; checks were made and a safety plan "
                         "agreed."),
                    ),
                ),
                PointSpec(
                    text=(
                        "Contact by phone and video meant the baby was not seen in person or in the home "
                        "for several weeks."
                    ),
                    theme="Remote contact",
                    short_title="Seeing the baby",
                    planned_minutes=12,
                    elapsed_minutes=10.0,
                    rag=RAG.GREEN,
                    before=(1, 4, 8, 7, 2),
                    after=(0, 1, 5, 11, 5),
                    findings=(
                        (_K.CHANGED, "Children's social care", _E.POLICY,
                         "Guidance now says a baby on a plan must be seen in person, and undressed where "
                         "appropriate; video contact can add to a home visit but never replace it."),
                        (_K.EVIDENCE, "Children's social care", _E.AUDIT,
                         "A case audit of 25 babies on child protection plans found all had been seen in "
                         "person as often as their plan required."),
                    ),
                ),
            ),
        ),
    ),
    voice=(
        (_K.VOICE, "Health visiting", _E.PRACTITIONER_ACCOUNT,
         "A baby cannot tell us what is happening; their voice is what we see. Practitioners said that means "
         "undressing and handling the baby, and watching how the baby responds to each carer."),
        (_K.VOICE, "Voluntary sector", _E.PRACTITIONER_ACCOUNT,
         "Fathers in the dads' group say letters and appointments are still addressed only to the mother, "
         "so they feel like visitors in their own baby's care."),
    ),
    barriers=(
        (_K.BARRIER, "Police", _E.PRACTITIONER_ACCOUNT,
         "Police checks on a new partner depend on someone knowing he exists; when he is not named to any "
         "agency, no check is made."),
        (_K.BARRIER, "Adult mental health", _E.PRACTITIONER_ACCOUNT,
         "Adult mental health services do not routinely ask whether a patient is about to become a parent or "
         "is caring for a baby, so perinatal risks can be missed."),
        (_K.BARRIER, "Acute hospital", _E.AUDIT,
         "Minor injury units outside the main hospital have not yet adopted the electronic prompt for babies, "
         "and agency staff are not always trained in the bruising protocol."),
    ),
    actions=(
        ActionSpec(
            learning_point=("Child V", 2),
            text=(
                "Add a standard question to police and probation check requests: is a man joining a household "
                "with a baby under one known to you?"
            ),
            owner_agency="Probation",
            owner_role="Senior probation officer",
            due_in_days=-13,
            measure=(
                "The question appears on the request form, and the number of positive returns is reported "
                "each quarter."
            ),
            status=ActionStatus.OPEN,
        ),
        ActionSpec(
            learning_point=("Child W", 2),
            text=(
                "Review health visiting capacity for targeted home visits and bring options to the partnership "
                "board."
            ),
            owner_agency="Health visiting",
            owner_role="Head of health visiting",
            due_in_days=66,
            measure=(
                "Options paper considered by the board; the share of targeted visits completed is tracked "
                "monthly."
            ),
            status=ActionStatus.IN_PROGRESS,
            notes=((-16, "Caseload data collected from all teams; options paper being drafted."),),
        ),
        ActionSpec(
            learning_point=("Rapid review A", 1),
            text=(
                "Reach fathers who miss antenatal contacts with ICON, through the dads' group and the GP "
                "six-week check, and record who received it."
            ),
            owner_agency="Voluntary sector",
            owner_role="Fathers' project coordinator",
            due_in_days=125,
            measure="The proportion of fathers recorded as receiving ICON, from a baseline taken this autumn.",
            status=ActionStatus.OPEN,
        ),
        ActionSpec(
            learning_point=("Child V", 1),
            text="Re-audit use of the bruising protocol in the emergency department and the minor injury units.",
            owner_agency="Acute hospital",
            owner_role="Named doctor for safeguarding",
            due_in_days=-27,
            measure=(
                "Every non-mobile baby with a bruise has a recorded protocol referral; gaps are reported to the "
                "partnership."
            ),
            status=ActionStatus.DONE,
            notes=((-30, "Audit complete: the main department was fully compliant, minor injury units were not. "
                         "Training for unit staff is booked."),),
        ),
        ActionSpec(
            learning_point=("Rapid review C", 1),
            text=(
                "Run a practice week on 'Who lives here and who visits?' across social care, early help and "
                "health visiting."
            ),
            owner_agency="Safeguarding partnership",
            owner_role="Learning and development lead",
            due_in_days=-6,
            measure=(
                "Attendance by agency, and a dip sample of assessments afterwards showing household members "
                "recorded."
            ),
            status=ActionStatus.IN_PROGRESS,
        ),
    ),
    key_messages=(
        (("Child V", 1), "Any bruise on a baby who is not yet mobile needs a same-day referral under the "
                         "protocol, whatever the explanation."),
        (("Child V", 2), "See the father and any other men in the baby's life. Ask who lives in the home and "
                         "who visits, and record it every time."),
        (("Rapid review A", 1), "Talk to both parents about coping with crying: it is normal, comfort can help, "
                                "it is OK to walk away, and never shake a baby."),
        (("Child W", 1), "Bring known risks together before the baby is born: refer early for a pre-birth "
                         "assessment."),
    ),
)

# --------------------------------------------------------------------------------------------------------
# Child T, six months on: a follow-up event on the same review, so trends show change across events.

_CHILD_T_REVIEW = _CHILD_T.reviews[0]


def _revisit(number: int, **changes: object) -> PointSpec:
    """Child T's learning point `number` (same text and theme) with this event's phase, rating and findings."""
    return replace(_CHILD_T_REVIEW.points[number - 1], **changes)


_CHILD_T_FOLLOW_UP = EventSpec(
    title="Evidencing impact: Child T, six months on",
    days_before_today=35,  # 2026-10-22
    venue="Partnership training room",
    facilitator="Partnership learning and development lead",
    purpose=(
        "In March the partnership held an evidencing-impact event on the Child T review and agreed five "
        "actions. We came back six months on, with a smaller group of the same services, to test what has "
        "stuck and what has slipped: for each learning point, what has changed since March, what the "
        "evidence is now, and whether confidence in the room has moved."
    ),
    resources=(
        "Partnership 'Was Not Brought' guidance (2024)",
        "Transition to adult services protocol (revised 2026)",
        "'Diabetes can kill' e-learning module",
    ),
    watch_words=CHILD_T_WATCH_WORDS,
    attendance=(
        ("Children's social care", "Social worker", 3, True),
        ("Paediatric diabetes team", "Diabetes specialist nurse", 2, True),
        ("School nursing", "School nurse", 2, False),
        ("Education", "Designated safeguarding lead", 3, False),
        ("Adult social care", "Transitions social worker", 2, False),
        ("Early help", "Family worker", 2, False),
        ("Acute hospital", "Named nurse for safeguarding", 1, False),
    ),
    timings={
        PhaseKind.WELCOME: (10, 9.0),
        PhaseKind.RECAP: (10, 12.5),
        PhaseKind.VOICE: (10, 8.0),
        PhaseKind.BARRIERS: (15, 14.0),
        PhaseKind.ACTIONS: (20, 17.5),
        PhaseKind.CLOSE: (10, 10.0),
    },
    prompts={
        PhaseKind.WELCOME: _GROUND_RULES,
        PhaseKind.RECAP: (
            "Recap the review, its five learning points, and what the March event found and agreed. Where did "
            "each action get to?"
        ),
        PhaseKind.VOICE: (
            "What are young people with diabetes telling us now? Has anything changed for them since March?"
        ),
        PhaseKind.BARRIERS: _BARRIERS_PROMPT,
        PhaseKind.ACTIONS: _ACTIONS_PROMPT,
        PhaseKind.CLOSE: _CLOSE_PROMPT,
    },
    reviews=(
        replace(
            _CHILD_T_REVIEW,
            points=(
                _revisit(
                    1,
                    planned_minutes=15,
                    elapsed_minutes=13.5,
                    rag=RAG.GREEN,
                    before=(0, 1, 4, 7, 3),
                    after=(0, 0, 1, 6, 8),
                    findings=(
                        (_K.EVIDENCE, "Paediatric diabetes team", _E.AUDIT,
                         "The 'was not brought' alert is now routine: a re-audit of 40 cases this autumn "
                         "found 37 of 40 shared with the GP and school nurse within 48 hours, up from 85% "
                         "in March."),
                        (_K.CHANGED, "Acute hospital", _E.POLICY,
                         "The 'was not brought' policy now covers 12 of 14 outpatient specialties; the two "
                         "surgical clinics still to adopt it have agreed to start in the new year."),
                    ),
                ),
                _revisit(
                    2,
                    planned_minutes=15,
                    elapsed_minutes=16.5,
                    rag=RAG.AMBER,
                    before=(0, 3, 6, 5, 1),
                    after=(0, 1, 5, 7, 2),
                    findings=(
                        (_K.CHANGED, "Adult social care", _E.POLICY,
                         "The revised transition protocol was signed off in the summer: adult social care "
                         "is now told, by 17, of every young person with a complex health need. It has not "
                         "yet been used in a live case."),
                        (_K.BARRIER, "Children's social care", _E.PRACTITIONER_ACCOUNT,
                         "Practitioners are unsure who sends the notification for a young person who is not "
                         "open to social care; until it is tested on a real case nobody can say it works."),
                    ),
                ),
                _revisit(
                    3,
                    planned_minutes=15,
                    elapsed_minutes=15.0,
                    rag=RAG.AMBER,
                    before=(1, 4, 6, 3, 1),
                    after=(0, 2, 5, 7, 1),
                    findings=(
                        (_K.EVIDENCE, "Education safeguarding team", _E.CASE_EXAMPLE,
                         "The shared health and education flag is live in two pilot secondary schools. In "
                         "its first weeks it picked up two pupils missing both clinic and school, and both "
                         "now have an updated healthcare plan."),
                    ),
                ),
                _revisit(
                    4,
                    planned_minutes=15,
                    elapsed_minutes=18.0,
                    rag=RAG.AMBER,
                    before=(1, 3, 6, 4, 1),
                    after=(0, 2, 6, 5, 2),
                    findings=(
                        (_K.EVIDENCE, "Safeguarding partnership", _E.TRAINING,
                         "Diabetes awareness training for school staff has reached 60% of schools; the rest "
                         "have not booked, and completions of the e-learning module fell over the summer "
                         "term."),
                        (_K.BARRIER, "Education", _E.PRACTITIONER_ACCOUNT,
                         "Several designated safeguarding leads new this term have not done the module; "
                         "turnover is undoing what was gained last year."),
                    ),
                ),
                _revisit(
                    5,
                    planned_minutes=15,
                    elapsed_minutes=14.5,
                    rag=RAG.AMBER,
                    before=(0, 3, 6, 5, 1),
                    after=(0, 1, 5, 7, 2),
                    findings=(
                        (_K.GOOD_PRACTICE, "Early help", _E.CASE_EXAMPLE,
                         "A family worker used the toolkit's medical neglect prompts with a family whose "
                         "child kept missing asthma reviews; the parent agreed a reminder plan and the child "
                         "has attended every review since."),
                    ),
                ),
            ),
        ),
    ),
    voice=(
        (_K.VOICE, "School nursing", _E.PRACTITIONER_ACCOUNT,
         "Young people in the diabetes youth group say letters about missed appointments now come to them as "
         "well as their parents, and it feels less like being told off."),
    ),
    barriers=(
        (_K.BARRIER, "Paediatric diabetes team", _E.PRACTITIONER_ACCOUNT,
         "Waits for emotional support for young people struggling with their diabetes are no shorter than in "
         "March; the diabetes team is holding young people it cannot help on its own."),
    ),
    actions=(
        ActionSpec(
            learning_point=("Child T", 2),
            text=(
                "Review the first three young people notified to adult social care under the revised "
                "transition protocol, with the diabetes team and the young people themselves."
            ),
            owner_agency="Adult social care",
            owner_role="Transitions team manager",
            due_in_days=94,  # end of February next year
            measure=(
                "A short case review for each young person, reported to the partnership: who led, when they "
                "were told, and whether the young person knew who their transition worker was."
            ),
            status=ActionStatus.OPEN,
        ),
        ActionSpec(
            learning_point=("Child T", 4),
            text=(
                "Offer diabetes awareness training to every school that has not yet had it, with a catch-up "
                "session for designated safeguarding leads new this term."
            ),
            owner_agency="Safeguarding partnership",
            owner_role="Learning and development lead",
            due_in_days=-6,  # 2026-11-20
            measure=(
                "The share of schools with at least one trained member of staff, reported each term, rising "
                "from 60% to 90%."
            ),
            status=ActionStatus.IN_PROGRESS,
            notes=((-13, "Sessions booked for 8 of the remaining schools; the catch-up session is full."),),
        ),
    ),
    key_messages=(
        (("Child T", 1), "'Was not brought' is now routine. Keep sharing the alert within 48 hours, and keep "
                         "asking the family and the young person why."),
        (("Child T", 4), "Diabetes awareness fades as staff change: make sure every new designated safeguarding "
                         "lead completes the module in their first term."),
        (("Child T", 2), "The transition protocol is signed off but untested. Use it for every young person with "
                         "a complex health need who is turning 17."),
    ),
)

_SPECS = (_CHILD_T, _INFANT)
_FOLLOW_UPS = ((_CHILD_T_FOLLOW_UP, 0),)
"""Events that revisit an earlier demo event's reviews: (spec, index in `_SPECS` of the event revisited)."""

# --------------------------------------------------------------------------------------------------------
# Builder


def _spread(start: datetime, seconds: float, count: int) -> list[datetime]:
    """`count` capture times evenly spaced inside a phase that began at `start` and lasted `seconds`.

    Giving every row an explicit, increasing timestamp keeps the capture order stable.
    """
    step = seconds / (count + 1)
    return [start + timedelta(seconds=round(step * (index + 1))) for index in range(count)]


def _tallies(counts: Tally) -> dict[int, int]:
    return {score: count for score, count in zip(range(1, 6), counts)}


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.utc)


def _build(spec: EventSpec, today: date) -> EventRecord:
    event_day = today - timedelta(days=spec.days_before_today)
    planned_at = _at(event_day - timedelta(days=42), 11)

    # Reviews and learning points were entered while planning the event.
    reviews: list[Review] = []
    points: dict[tuple[str, int], tuple[LearningPoint, PointSpec]] = {}
    for review_spec in spec.reviews:
        lps = [
            LearningPoint(number=number, text=p.text, theme=p.theme, created_at=planned_at, updated_at=planned_at)
            for number, p in enumerate(review_spec.points, start=1)
        ]
        for lp, p in zip(lps, review_spec.points):
            points[(review_spec.pseudonym, lp.number)] = (lp, p)
        reviews.append(
            Review(
                pseudonym=review_spec.pseudonym,
                review_type=review_spec.review_type,
                year=review_spec.year,
                status=ReviewStatus.PUBLISHED,
                themes=list(review_spec.themes),
                summary=review_spec.summary,
                learning_points=lps,
                created_at=planned_at,
                updated_at=planned_at,
            )
        )

    def lp_id(ref: LPRef) -> uuid.UUID | None:
        return points[ref][0].id if ref else None

    # The agenda: kind, title, prompt, planned and elapsed minutes, learning point, and the findings
    # captured in that phase, each with the learning point it was linked to.
    agenda: list[tuple[PhaseKind, str, str, int, float, LearningPoint | None, _Captured]] = []

    def fixed(kind: PhaseKind, title: str, captured: _Captured | None = None) -> None:
        planned, elapsed = spec.timings[kind]
        agenda.append((kind, title, spec.prompts[kind], planned, elapsed, None, captured or []))

    fixed(PhaseKind.WELCOME, "Welcome and ground rules")
    fixed(PhaseKind.RECAP, "Recap of the review" if len(reviews) == 1 else "Recap of the reviews")
    fixed(PhaseKind.VOICE, "Voice of the child", [(f, None) for f in spec.voice])
    for (pseudonym, _number), (lp, p) in points.items():
        prefix = lp.label if len(reviews) == 1 else f"{pseudonym} {lp.label}"
        agenda.append(
            (
                PhaseKind.LEARNING_POINT,
                f"{prefix}: {p.short_title}",
                f"{pseudonym} {lp.label}: {lp.text}\n\n{_POINT_PROMPT}",
                p.planned_minutes,
                p.elapsed_minutes,
                lp,
                [(f, lp.id) for f in p.findings],
            )
        )
    fixed(PhaseKind.BARRIERS, "Barriers and remaining gaps", [(f, None) for f in spec.barriers])
    fixed(PhaseKind.ACTIONS, "Actions")
    key_messages = [((_K.KEY_MESSAGE, "", None, text), lp_id(ref)) for ref, text in spec.key_messages]
    fixed(PhaseKind.CLOSE, "Key messages and close", key_messages)

    now = datetime.combine(event_day, _EVENT_START, tzinfo=timezone.utc)
    phases: list[Phase] = []
    findings: list[Finding] = []
    actions: list[Action] = []
    phase_start: dict[PhaseKind, datetime] = {}
    for position, (kind, title, prompt, planned, elapsed_min, lp, captured) in enumerate(agenda):
        start, seconds = now, elapsed_min * 60
        now = start + timedelta(seconds=seconds)
        phase_start.setdefault(kind, start)
        phase = Phase(
            position=position,
            kind=kind,
            title=title,
            prompt=prompt,
            planned_minutes=planned,
            elapsed_seconds=seconds,
            learning_point_id=lp.id if lp else None,
            created_at=planned_at,
            updated_at=now,
        )
        phases.append(phase)
        moments = _spread(start, seconds, len(captured))
        for ((fkind, agency, evidence, text), point), moment in zip(captured, moments):
            findings.append(
                Finding(
                    kind=fkind,
                    text=text,
                    learning_point_id=point,
                    agency=agency,
                    evidence_type=evidence,
                    phase_id=phase.id,
                    created_at=moment,
                    updated_at=moment,
                )
            )
        if kind is PhaseKind.ACTIONS:
            for action_spec, moment in zip(spec.actions, _spread(start, seconds, len(spec.actions))):
                notes = [
                    ProgressNote(noted_on=today + timedelta(days=offset), text=text)
                    for offset, text in action_spec.notes
                ]
                updated = _at(notes[-1].noted_on, 12) if notes else moment
                actions.append(
                    Action(
                        text=action_spec.text,
                        learning_point_id=lp_id(action_spec.learning_point),
                        owner_agency=action_spec.owner_agency,
                        owner_role=action_spec.owner_role,
                        due_date=today + timedelta(days=action_spec.due_in_days),
                        measure=action_spec.measure,
                        status=action_spec.status,
                        progress_notes=notes,
                        created_at=moment,
                        updated_at=updated,
                    )
                )
    finished_at = now

    # Baseline confidence is taken at the welcome and taken again at the close, which is the last change.
    ratings = [
        Rating(
            learning_point_id=lp.id,
            rag=p.rag,
            confidence_before=_tallies(p.before),
            confidence_after=_tallies(p.after),
            created_at=phase_start[PhaseKind.WELCOME] + timedelta(minutes=8),
            updated_at=phase_start[PhaseKind.CLOSE] + timedelta(minutes=5),
        )
        for lp, p in points.values()
    ]
    sign_in = phase_start[PhaseKind.WELCOME]
    attendance = [
        Attendance(
            agency=agency,
            role=role,
            count=count,
            involved_in_case=involved,
            created_at=sign_in,
            updated_at=sign_in,
        )
        for agency, role, count, involved in spec.attendance
    ]
    event = Event(
        title=spec.title,
        event_date=event_day,
        venue=spec.venue,
        partnership=PARTNERSHIP,
        facilitator=spec.facilitator,
        marking=Marking.OFFICIAL_SENSITIVE,
        status=EventStatus.CLOSED,
        purpose=spec.purpose,
        review_ids=[review.id for review in reviews],
        resources=list(spec.resources),
        watch_list=WatchList().add(spec.watch_words),
        current_phase_id=phases[-1].id,
        created_at=planned_at,
        updated_at=finished_at,
    )
    return EventRecord(
        event=event,
        reviews=reviews,
        attendance=attendance,
        phases=phases,
        findings=findings,
        ratings=ratings,
        actions=actions,
    )


def _share_reviews(record: EventRecord, revisited: EventRecord) -> EventRecord:
    """`record` relinked to the very same review objects as `revisited`, as a later event on a shared review.

    `_build` makes fresh reviews for every event; a follow-up must instead rate the learning points the
    earlier event rated, so every learning-point reference is mapped across by review pseudonym and number.
    """
    by_number = {
        (review.pseudonym, point.number): point.id for review in revisited.reviews for point in review.learning_points
    }
    remap = {
        point.id: by_number[(review.pseudonym, point.number)]
        for review in record.reviews
        for point in review.learning_points
    }

    def relink(items: list) -> list:
        return [
            item.model_copy(update={"learning_point_id": remap[item.learning_point_id]})
            if item.learning_point_id is not None
            else item
            for item in items
        ]

    return EventRecord(
        event=record.event.model_copy(update={"review_ids": list(revisited.event.review_ids)}),
        reviews=list(revisited.reviews),
        attendance=record.attendance,
        phases=relink(record.phases),
        findings=relink(record.findings),
        ratings=relink(record.ratings),
        actions=relink(record.actions),
    )


def demo_records(today: date | None = None) -> list[EventRecord]:
    """The three demo events; deterministic content (ids may be fresh uuid4s each call).

    With no argument the events fall on 2026-03-12 (Child T), 2026-09-24 (infant injury) and 2026-10-22
    (Child T, six months on), written as of `DEMO_TODAY` (2026-11-26). The last revisits the first event's
    review: it links the same `Review` objects and rates the same learning point ids, so the Trends view
    shows change across events. Earlier events keep their indexes. Passing `today` moves every date by the
    same amount, so a demo shown later still has some overdue actions and some still to come.
    """
    reference = today or DEMO_TODAY
    records = [_build(spec, reference) for spec in _SPECS]
    for spec, revisited in _FOLLOW_UPS:
        records.append(_share_reviews(_build(spec, reference), records[revisited]))
    return records

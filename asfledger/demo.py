"""A realistic, valid history of the association's ASF work (``asfledger demo``).

Built only from the command vocabulary of ``domain.commands``, deterministic for a seed,
and valid by construction: every command is one the guards accept, in an order they
accept it. The history covers ``years`` calendar years ending with ``last_year``; nothing
happens after ``today`` (decisions, payments, meetings, reports), though an activity may
be planned ahead, an action may be due ahead and an agreement may end ahead.

The generator works a year at a time and keeps only the commands that are not yet due in
a heap ordered by date, so a very long or very large history streams in bounded memory
(``scaled_commands`` grows it to about a given number of events for benchmarks).
"""

from __future__ import annotations

import calendar
import heapq
import itertools
import math
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from typing import TYPE_CHECKING, ClassVar, TypeVar, get_args

from domain import commands as c
from domain.clock import recording_with
from domain.money import Money
from domain.reference import DISTRICTS, PARTIES, TARGET_GROUPS
from domain.span import DateSpan
from domain.values import luhn_ok

if TYPE_CHECKING:
    from asfledger.ledger import Ledger

T = TypeVar("T")

# The policy's code lists (domain/reference.py), as the commands type them.
DISTRICT_CODES: tuple[c.District, ...] = tuple(
    d for d in get_args(c.District) if d != "city_wide")  # partners work in a district
PARTY_CODES: tuple[c.PartyCode, ...] = get_args(c.PartyCode)
TARGET_GROUP_CODES: tuple[c.TargetGroup, ...] = tuple(TARGET_GROUPS)  # the standard six
CRITERIA: tuple[c.Criterion, ...] = get_args(c.Criterion)
STRUCTURAL: tuple[c.StructuralMeasure, ...] = get_args(c.StructuralMeasure)
PLAN_MEASURES: tuple[c.Measure, ...] = get_args(c.Measure)

PARTY_GROUPS: tuple[tuple[c.PartyCode, ...], ...] = (
    (), ("stockholms_stad",), ("arbetsformedlingen", "forsakringskassan"))
PARTY_NAMES = {code: party.name for code, party in PARTIES.items()}

# Who records what: role-style handles, never personal data.
ACTORS = {
    "samordnare": ("samordnare.anna", "samordnare.johan"),
    "forbundschef": ("forbundschef.erik",),
    "ekonom": ("ekonom.maria",),
    "kansli": ("kansli.sara",),
}

# Invented enterprises: (name core, what they sell).
BUSINESSES: tuple[tuple[str, str], ...] = (
    ("Kafé Kompassen", "kafé och catering"),
    ("Gröna Trappan", "trädgårdsskötsel och odling"),
    ("Cykelköket", "cykelverkstad och cykeluthyrning"),
    ("Returhuset", "second hand och återbruk"),
    ("Vävstugan Tensta", "vävning och textilt hantverk"),
    ("Snickeriet Bredäng", "snickeri och möbelrenovering"),
    ("Tvättstugan Hökarängen", "tvätteri och mangling"),
    ("Mångfaldens kök", "lunchrestaurang och catering"),
    ("Fixarna", "fastighetsservice och enklare reparationer"),
    ("Stadsodlarna", "stadsodling och grönsaksförsäljning"),
    ("Bokbinderiet Lumen", "bokbinderi och pappersprodukter"),
    ("Flyttlaget", "flytt- och transporttjänster"),
    ("Tassen hunddagis", "hunddagis och hundrastning"),
    ("Lagerverket", "lager, packning och logistik"),
    ("Tryckverkstan", "tryck och profilprodukter"),
    ("Nålen syateljé", "sömnad och ändringsskrädderi"),
    ("Återbruket Årsta", "återbruk av byggmaterial"),
    ("Glansen städ", "städtjänster för kontor och trapphus"),
    ("Parkskötarna", "park- och utemiljöskötsel"),
    ("Kaffekvarnen", "kafé och rosteri"),
    ("Ramverkstaden", "inramning och hantverk"),
    ("Brödboden", "bageri och konditori"),
    ("Hjulet verkstad", "bil- och däckservice"),
    ("Loppis & Lagning", "loppis och reparation av elektronik"),
    ("Skogsgläntan", "trädgårdshandel och plantskola"),
    ("Smedjan", "metallhantverk och svetsning"),
    ("Kvarterskrogen", "restaurang och matlådor"),
    ("Datakompisen", "återställning och försäljning av begagnade datorer"),
    ("Tvålfabriken", "tillverkning av tvål och hudvård"),
    ("Postbudet", "budtjänster med lådcykel"),
)

LEGAL_FORM_WEIGHTS: tuple[tuple[c.LegalForm, int], ...] = (
    ("ekonomisk_forening", 50), ("ideell_forening", 24), ("aktiebolag_svb", 21),
    ("stiftelse", 5))

AGREEMENT_WEIGHTS: tuple[tuple[c.AgreementKind, int], ...] = (
    ("cooperation", 30), ("iop", 30), ("procurement", 20), ("reserved_procurement", 20))
EMPLOYER_WEIGHTS: tuple[tuple[c.PartyCode, int], ...] = (
    ("stockholms_stad", 70), ("arbetsformedlingen", 14), ("region_stockholm", 11),
    ("forsakringskassan", 5))
RUN_BY_WEIGHTS: tuple[tuple[c.PartyCode, int], ...] = (
    ("stockholms_stad", 45), ("arbetsformedlingen", 30), ("forsakringskassan", 15),
    ("region_stockholm", 10))
ACTIVITY_WEIGHTS: tuple[tuple[c.ActivityKind, int], ...] = (
    ("seminar", 50), ("inspiration_day", 25), ("study_visit", 25))
RENEWED_KIND: dict[str, c.AgreementKind] = {
    "procurement": "reserved_procurement", "cooperation": "iop",
    "reserved_procurement": "iop", "iop": "iop"}

# Swedish org numbers begin by legal form (third digit always 2 or more).
_ORG_PREFIX: dict[str, tuple[str, ...]] = {
    "ekonomisk_forening": ("769", "716"),
    "ideell_forening": ("802",),
    "stiftelse": ("802", "817"),
    "aktiebolag_svb": ("559",),
    "aktiebolag": ("556", "559"),
}

SUPPLIERS: tuple[tuple[str, c.LegalForm, str], ...] = (
    ("LEV-1042", "aktiebolag", "Konferenslokaler Söder AB"),
    ("LEV-1187", "ekonomisk_forening", "Folkets Hus Västberga ek. för."),
    ("LEV-2210", "aktiebolag", "Catering Norrmalm AB"),
    ("LEV-3051", "stiftelse", "Stiftelsen Medborgarhuset"),
    ("LEV-3320", "aktiebolag", "Föreläsarbyrån Insikt AB"),
    ("LEV-3712", "ideell_forening", "Studieförbundet Lärgården, avd. Stockholm"),
)
TARGET_GROUP_SV = {code: term.sv for code, term in TARGET_GROUPS.items()}

FAR_FUTURE = date(9999, 12, 31)
# Fields that say when something happened; anything else (ends_on, due_on, planned_on)
# may lie ahead of the history's last day.
_OCCURRED = ("assessed_on", "onboarded_on", "offboarded_on", "starts_on", "ended_on",
             "decided_on", "paid_on", "held_on", "done_on", "adopted_on", "completed_on",
             "dropped_on", "joined_on", "left_on")


def make_org_nr(rng: random.Random, legal_form: str = "ekonomisk_forening") -> str:
    """A Luhn-valid ``NNNNNN-NNNN`` with a prefix typical for the legal form."""
    prefix = rng.choice(_ORG_PREFIX.get(legal_form, ("559",)))
    body = prefix + "".join(str(rng.randrange(10)) for _ in range(9 - len(prefix)))
    check = next(d for d in "0123456789" if luhn_ok(body + d))
    return f"{body[:6]}-{body[6:]}{check}"


def expected_events(cmd: c.Command) -> int:
    """How many events the ledger records for ``cmd`` (the generator's own commands)."""
    if isinstance(cmd, c.SignAgreement | c.DecideSupervisorFunding | c.StartEffort):
        return 2  # the decision, and its link on the partner (business dates)
    if isinstance(cmd, c.RecordExpenditure):
        # the expenditure, its charge on the effort; paid to a partner, its link on the
        # partner and its charge on the agreement it is paid under (F1)
        return (1 + (cmd.purpose == "effort_financing" and cmd.linked_ref is not None)
                + 2 * (cmd.payee_kind == "partner"))
    return 1


def occurred_on(cmd: c.Command) -> date | None:
    """The latest date in ``cmd`` that says when something happened (not ends/due/planned)."""
    found = [v for name in _OCCURRED if isinstance(v := getattr(cmd, name, None), date)]
    return max(found) if found else None


# --- dates -------------------------------------------------------------------------------

def _add_months(d: date, n: int) -> date:
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _next_month(d: date) -> date:
    return _add_months(d.replace(day=1), 1)


def _quarter_end(year: int, q: int) -> date:
    month = 3 * q
    return date(year, month, calendar.monthrange(year, month)[1])


def _quarters(start: date, end: date) -> Iterator[tuple[int, int, date, date]]:
    """(year, quarter, first day, last day) of every quarter overlapping [start, end]."""
    y, q = start.year, (start.month - 1) // 3 + 1
    while True:
        first = date(y, 3 * q - 2, 1)
        if first > end:
            return
        yield y, q, first, _quarter_end(y, q)
        y, q = (y, q + 1) if q < 4 else (y + 1, 1)


def _months_between(first: date, last: date) -> int:
    """Calendar months touched by [first, last]."""
    return (last.year - first.year) * 12 + last.month - first.month + 1


def _workday(d: date) -> date:
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d


# --- the history ---------------------------------------------------------------------------

@dataclass
class _Partner:
    org_nr: str
    name: str
    business: str
    legal_form: c.LegalForm
    districts: list[c.District]
    onboarded_on: date | None = None
    offboard_on: date | None = None
    supervisor: bool = False
    agreement_until: date | None = None  # None: open-ended (or none yet)
    agreement_kind: c.AgreementKind = "cooperation"
    funding_until: date | None = None
    effort_until: date | None = None
    # R9: from this day a criterion is assessed "not met": nothing more is decided or paid.
    unmet_from: date | None = None

    def criteria_hold_on(self, day: date) -> bool:
        return self.unmet_from is None or day < self.unmet_from

    def active_on(self, day: date) -> bool:
        return self.onboarded_on is not None and DateSpan(
            self.onboarded_on, stop=self.offboard_on).covers(day)


@dataclass
class _PlanAction:
    action_id: str
    measure: c.Measure
    due_on: date


class _History:
    def __init__(self, years: int, seed: int, last_year: int, today: date,
                 scale: float = 1.0) -> None:
        if years < 1:
            raise ValueError("years must be at least 1")
        self.rng = random.Random(seed)
        self.first = last_year - years + 1
        self.last = last_year
        self.cutoff = today if today.year == last_year else date(last_year, 12, 31)
        self.scale = scale
        self._heap: list[tuple[date, int, c.Command]] = []
        self.flushed_on = today  # the day of the command last flushed (dated_demo_commands)
        self._seq = itertools.count()
        self._floor = date(self.first, 1, 1)
        self._meetings: dict[int, list[date]] = {}
        self._paragraphs: dict[date, int] = {}
        self._plans: dict[int, list[_PlanAction]] = {}
        self._partners: list[_Partner] = []
        self._org_nrs: set[str] = set()
        self._names: set[str] = set()
        self._business_pool: list[tuple[str, str]] = []
        self._pool_round = 0
        self._counters: dict[tuple[str, int], int] = {}
        self._renamed: dict[str, str] = {}
        self._membership_days: dict[str, tuple[date, date]] = {}
        self._switch_coordinator = date(self.first + 1, 6, 1) if years > 1 else FAR_FUTURE
        # What the corrections part (below) may find a mistake in: the payments made
        # (day, funding, öre, payee, what is left of the decided amount after it) and
        # the partners' registrations.
        self._payments_made: list[tuple[date, str, int, str, int]] = []
        self._registrations: list[tuple[date, c.RegisterPartner]] = []

    # --- plumbing ---------------------------------------------------------------------

    def run(self) -> Iterator[c.Command]:
        for year in range(self.first, self.last + 1):
            self._year(year)
            self._floor = date(year, 11, 1)
            yield from self._flush(self._floor)
        yield from self._flush(None)

    def _push(self, day: date, cmd: c.Command, role: str) -> None:
        """Record ``cmd`` on ``day``, unless something in it happens after the cutoff."""
        if day < self._floor:
            raise AssertionError(f"{c.command_name(cmd)} on {day} is before {self._floor}")
        happened = occurred_on(cmd)
        if max(day, happened or day) > self.cutoff:
            return
        handles = ACTORS[role]
        cmd.actor = handles[1] if len(handles) > 1 and day >= self._switch_coordinator \
            else handles[0]
        heapq.heappush(self._heap, (day, next(self._seq), cmd))

    def _flush(self, before: date | None) -> Iterator[c.Command]:
        while self._heap and (before is None or self._heap[0][0] < before):
            day, _, cmd = heapq.heappop(self._heap)
            self.flushed_on = day  # the day the command yielded next is recorded on
            for name in ("ref", "voucher_ref", "linked_ref"):
                value = getattr(cmd, name, None)
                if isinstance(value, str) and value.startswith("@"):
                    setattr(cmd, name, self._final_ref(value, day))
            yield cmd

    def _placeholder(self, prefix: str) -> str:
        """A ref numbered when it is first flushed, so numbers follow the dates."""
        return f"@{prefix}@{next(self._seq)}"

    def _final_ref(self, placeholder: str, day: date) -> str:
        final = self._renamed.get(placeholder)
        if final is None:
            prefix = placeholder.split("@")[1]
            final = f"{prefix}-{day.year}-{self._count(prefix, day.year):03d}"
            self._renamed[placeholder] = final
        return final

    def _count(self, prefix: str, year: int) -> int:
        n = self._counters.get((prefix, year), 0) + 1
        self._counters[(prefix, year)] = n
        return n

    def _day(self, first: date, last: date) -> date:
        return first + timedelta(days=self.rng.randint(0, max(0, (last - first).days)))

    def _weighted(self, pairs: Sequence[tuple[T, int]]) -> T:
        values = [v for v, _ in pairs]
        return self.rng.choices(values, weights=[w for _, w in pairs])[0]

    def _n(self, low: int, high: int) -> int:
        """A count between low and high, grown by the scale."""
        return max(1, round(self.rng.randint(low, high) * self.scale))

    def _note(self, probability: float, *choices: str) -> str | None:
        return self.rng.choice(choices) if self.rng.random() < probability else None

    # --- board meetings and decisions -------------------------------------------------

    def meetings(self, year: int) -> list[date]:
        if year not in self._meetings:
            targets = ((2, 12), (3, 26), (5, 28), (9, 10), (10, 22), (12, 4))
            days = [_workday(date(year, m, d) + timedelta(days=self.rng.randint(-4, 4)))
                    for m, d in targets]
            self._meetings[year] = days
            for k, day in enumerate(days, start=1):
                self._paragraphs[day] = 4
                if day >= self._floor:
                    self._push(day, c.HoldBoardMeeting(
                        ref=f"SB {day.isoformat()}", held_on=day,
                        minutes_ref=f"Protokoll {year}:{k}",
                        note=self._note(0.15, "Justerat protokoll diariefört.",
                                        "Checkpoint för liggaren antecknad i protokollet.")),
                        "kansli")
        return self._meetings[year]

    def meeting_after(self, day: date) -> date:
        for year in (day.year, day.year + 1):
            for meeting in self.meetings(year):
                if meeting >= day:
                    return meeting
        raise AssertionError("unreachable")  # pragma: no cover

    def meeting_before(self, day: date, not_before: date) -> date | None:
        found = [m for m in self.meetings(day.year) if not_before <= m <= day]
        return found[-1] if found else None

    def board_ref(self, meeting: date) -> str:
        self._paragraphs[meeting] = self._paragraphs.get(meeting, 4) + 1
        return f"SB {meeting.isoformat()} §{self._paragraphs[meeting]}"

    @staticmethod
    def delegation_ref(day: date) -> str:
        return f"Delegationsbeslut FC {day.isoformat()}"

    def decision(self, earliest: date, within_days: int = 45) -> tuple[date, str]:
        """The board's next meeting if it is soon, else a delegated decision that day."""
        meeting = self.meeting_after(earliest)
        if (meeting - earliest).days <= within_days and self.rng.random() < 0.7:
            return meeting, self.board_ref(meeting)
        day = _workday(earliest)
        return day, self.delegation_ref(day)

    # --- one year ----------------------------------------------------------------------

    def _year(self, year: int) -> None:
        self.meetings(year)
        if year == self.first:
            self._draft_plan(year, _workday(date(year, 1, 9)))
            self._memberships()
        self._run_plan(year)
        self._new_partners(year)
        self._renewals(year)
        self._activities(year)
        self._structural_work(year)
        self._running_costs(year)
        self._corrections(year)
        self._draft_plan(year + 1, _workday(self._day(date(year, 11, 3), date(year, 11, 20))))

    # --- action plan (R6) -------------------------------------------------------------

    ACTION_TEXTS: ClassVar[dict[str, tuple[str, ...]]] = {
        "S1": ("Kartlägga ASF som kan ta emot deltagare för arbetsträning i {district}",
               "Samverka med ASF om platser för deltagare i arbetslivsinriktad rehabilitering"),
        "S2": ("Ta fram underlag för reserverad upphandling av arbetsträningsplatser "
               "tillsammans med Stockholms stad",
               "Utreda förutsättningar för IOP med ASF inom återbruk och service"),
        "S3": ("Informera handläggare på Arbetsförmedlingen och Försäkringskassan om ASF",
               "Ta fram informationsmaterial om ASF för parternas medarbetare"),
        "S4": ("Etablera kontaktpersoner för ASF i stadsdelsförvaltningarna",
               "Bygga upp en stadsövergripande stödstruktur för ASF med {district} som pilot"),
        "S5": ("Följa utvecklingen om ASF nationellt och regionalt och rapportera till styrelsen",),
        "S6": ("Påverkansarbete mot arbetsmarknadsnämnden om ASF i stadens upphandlingar",
               "Dialog med Region Stockholm om ASF i rehabiliteringskedjan"),
        "S7": ("Arrangera inspirationsdag om ASF under hösten",
               "Genomföra studiebesök på ASF för parternas chefer"),
        "I1": ("Finansiera arbetsförberedande insatser på ASF för "
               "{target_group}",),
        "I2": ("Genomföra utbildning om ASF för deltagare i förbundets insatser",),
        "I3": ("Finansiera handledare anställda hos parterna som stöd för målgruppen på ASF",),
    }
    OWNERS = ("förbundschef", "samordnare", "samordnare", "förbundschef och samordnare",
              "beredningsgruppen", "ekonom")

    def _action_text(self, measure: str) -> str:
        text = self.rng.choice(self.ACTION_TEXTS[measure])
        return text.format(district=DISTRICTS[self.rng.choice(DISTRICT_CODES)],
                           target_group=TARGET_GROUP_SV[self.rng.choice(TARGET_GROUP_CODES)])

    def _draft_plan(self, year: int, day: date) -> None:
        self._push(day, c.DraftActionPlan(
            year=year, operations_plan_ref=f"Verksamhetsplan {year}",
            note=self._note(0.5, "Handlingsplanen kopplas till verksamhetsplanen enligt "
                                 "policyn.")), "forbundschef")
        doubled: list[c.Measure] = ["S1", "S3", "I1", "S7"]
        measures = list(PLAN_MEASURES) + self.rng.sample(doubled, 2)
        measures.sort(key=PLAN_MEASURES.index)
        actions = []
        for i, measure in enumerate(measures, start=1):
            action = _PlanAction(f"HP{year}-{i:02d}", measure,
                                 _workday(self._day(date(year, 3, 1), date(year, 12, 15))))
            actions.append(action)
            self._push(day, c.AddAction(
                year=year, action_id=action.action_id, measure=measure,
                description=self._action_text(measure), owner=self.rng.choice(self.OWNERS),
                due_on=action.due_on), "forbundschef")
        self._plans[year] = actions

    def _run_plan(self, year: int) -> None:
        meetings = self.meetings(year)
        adopted = meetings[0]
        self._push(adopted, c.AdoptActionPlan(year=year, adopted_on=adopted,
                                              decision_ref=self.board_ref(adopted)),
                   "forbundschef")
        actions = list(self._plans[year])
        # One action added after adoption, by a decision of the board.
        added_on = meetings[2]
        added: list[c.Measure] = ["S7", "S2"]
        extra = _PlanAction(f"HP{year}-{len(actions) + 1:02d}", self.rng.choice(added),
                            _workday(self._day(date(year, 9, 1), date(year, 12, 10))))
        self._push(added_on, c.AddAction(
            year=year, action_id=extra.action_id, measure=extra.measure,
            description=self._action_text(extra.measure), owner="samordnare",
            due_on=extra.due_on, decision_ref=self.board_ref(added_on),
            note="Tillägg efter styrelsens beslut under året."), "forbundschef")
        actions.append(extra)
        dropped = self.rng.randrange(len(actions) - 1)
        for i, action in enumerate(actions):
            earliest = max(adopted, added_on if action is extra else adopted) + timedelta(7)
            if i == dropped or self.rng.random() < 0.06:
                day = _workday(self._day(earliest, date(year, 11, 30)))
                self._push(day, c.DropAction(
                    year=year, action_id=action.action_id, dropped_on=day,
                    reason=self.rng.choice((
                        "Prioriteras ned efter styrelsens budgetbeslut.",
                        "Ersätts av en regional satsning med samma syfte.",
                        "Parterna har inte kunnat avsätta resurser under året."))),
                    "forbundschef")
            elif self.rng.random() < 0.82:
                day = _workday(action.due_on + timedelta(days=self.rng.randint(-30, 20)))
                day = min(max(day, earliest), date(year, 12, 30))
                self._push(day, c.CompleteAction(
                    year=year, action_id=action.action_id, completed_on=day,
                    outcome=self.rng.choice((
                        "Genomfört enligt plan; redovisat för styrelsen.",
                        "Genomfört. Underlag och minnesanteckningar finns i diariet.",
                        "Genomfört i samverkan med parterna; uppföljning nästa år.",
                        "Delvis genomfört; återstående delar förs till nästa års plan."))),
                    "samordnare")

    # --- partners (C1–C4, R2, R3) -------------------------------------------------------

    EVIDENCE_MET: ClassVar[dict[str, tuple[str, ...]]] = {
        "C1": ("Verksamhetsberättelsen {year} visar försäljning av {business} och att "
               "{n} av {m} medarbetare tidigare stått långt från arbetsmarknaden.",
               "Stadgarna §2 anger ändamålet att integrera människor med stora svårigheter "
               "att få arbete; intäkterna kommer främst från {business}.",
               "Intervju med verksamhetsledaren och resultaträkningen: verksamheten säljer "
               "{business} till privata och offentliga kunder."),
        "C2": ("Stadgarna ger alla anställda medlemskap och rösträtt på föreningsstämman; "
               "{n} medarbetare är medlemmar.",
               "Medarbetaravtal om delaktighet och ett medarbetarråd med protokollförda "
               "möten (intervju och protokoll).",
               "Intervju med medarbetare: veckovisa arbetsplatsträffar och representation "
               "i styrelsen är dokumenterade."),
        "C3": ("Årsredovisningen {prev} visar att överskottet återinvesteras i verksamheten; "
               "ingen vinstutdelning.",
               "Bolagsordningen begränsar vinstutdelning enligt reglerna för svb; "
               "årsredovisningen {prev} visar ingen utdelning.",
               "Stadgarna föreskriver att överskott används för ändamålet; bekräftat i "
               "årsredovisningen {prev}."),
        "C4": ("Registreringsbevis och stadgar: ingen offentlig huvudman och styrelsen väljs "
               "av medlemmarna.",
               "Stadgarna och intervju med ordföranden: inga ledamöter utses av kommun, "
               "region eller myndighet.",
               "Ägarförteckning och stadgar: organisationen är fristående från offentlig "
               "verksamhet."),
    }
    EVIDENCE_UNMET: ClassVar[dict[str, tuple[str, str]]] = {
        # (not met, met again after the change)
        "C2": ("Intervju med verksamhetsledaren: medarbetarna saknar dokumenterat inflytande; "
               "inget medarbetarråd eller avtal om delaktighet.",
               "Medarbetarråd inrättat och avtal om delaktighet undertecknat; protokoll från "
               "två möten har lämnats in."),
        "C3": ("Årsredovisningen {prev} visar utdelning till en extern ägare motsvarande större "
               "delen av vinsten.",
               "Bolagsordningen ändrad på extra bolagsstämma: vinstutdelning begränsad enligt "
               "svb-reglerna."),
        "C4": ("Stadgarna ger stadsdelsförvaltningen rätt att utse styrelsens ordförande; "
               "verksamheten är inte organisatoriskt fristående.",
               "Extra föreningsstämma har ändrat stadgarna; ingen ledamot utses längre av "
               "stadsdelsförvaltningen."),
    }

    def _business(self) -> tuple[str, str]:
        if not self._business_pool:
            self._pool_round += 1
            self._business_pool = list(BUSINESSES)
            self.rng.shuffle(self._business_pool)
        core, business = self._business_pool.pop()
        if self._pool_round > 1:
            core = f"{core} {DISTRICTS[self.rng.choice(DISTRICT_CODES)]}"
        return core, business

    def _partner_name(self, core: str, legal_form: str) -> str:
        forms = {
            "ekonomisk_forening": (f"{core} Kooperativ ek. för.",
                                   f"Arbetskooperativet {core} ek. för.",
                                   f"{core} ekonomisk förening"),
            "ideell_forening": (f"{core} ideell förening", f"Föreningen {core}"),
            "aktiebolag_svb": (f"{core} AB (svb)", f"{core} Service AB (svb)"),
            "stiftelse": (f"Stiftelsen {core}",),
        }[legal_form]
        name = self.rng.choice(forms)
        base, n = name, 2
        while name in self._names:
            name = f"{base} ({n})"
            n += 1
        self._names.add(name)
        return name

    def _org_nr(self, legal_form: str) -> str:
        while True:
            org_nr = make_org_nr(self.rng, legal_form)
            if org_nr not in self._org_nrs:
                self._org_nrs.add(org_nr)
                return org_nr

    def _evidence(self, criterion: str, partner: _Partner, day: date) -> str:
        options = self.EVIDENCE_MET[criterion]
        if criterion == "C3" and partner.legal_form != "aktiebolag_svb":
            options = (options[0], options[2])
        m = self.rng.randint(6, 30)
        return self.rng.choice(options).format(
            year=day.year - 1, prev=day.year - 1, business=partner.business,
            n=self.rng.randint(max(2, m // 2), m), m=m)

    def _new_partners(self, year: int) -> None:
        count = self._n(7, 8) if year == self.first else self._n(3, 5)
        span = (date(year, 1, 8), date(year, 3, 31)) if year == self.first else \
            (date(year, 1, 15), date(year, 9, 30))
        days = sorted(_workday(self._day(*span)) for _ in range(count))
        for i, registered in enumerate(days):
            flow = "clean"
            if year == self.first and i == 1:
                flow = "fail_first"
            elif year == self.first and i in (0, 2):
                flow = "offboard" if i == 0 or self.rng.random() < 0.5 else "clean"
            else:
                flow = self._weighted((("clean", 70), ("fail_first", 18), ("never", 7),
                                       ("offboard", 5)))
            self._partner(registered, flow)

    def _partner(self, registered: date, flow: str) -> None:
        legal_form = self._weighted(LEGAL_FORM_WEIGHTS)
        if flow == "fail_first" and self.rng.random() < 0.4:
            legal_form = "aktiebolag_svb"  # fails C3 until its articles are changed
        core, business = self._business()
        districts: list[c.District]
        if self.rng.random() < 0.1:
            districts = ["city_wide"]
        else:
            districts = self.rng.sample(DISTRICT_CODES, self._weighted(((1, 70), (2, 25),
                                                                        (3, 5))))
        p = _Partner(self._org_nr(legal_form), self._partner_name(core, legal_form), business,
                     legal_form, districts)
        self._partners.append(p)
        registration = c.RegisterPartner(
            org_nr=p.org_nr, name=p.name, legal_form=p.legal_form, districts=p.districts,
            note=self._note(0.2, "Kontakt via stadsdelsförvaltningens arbetsmarknadsenhet.",
                            "Anmälde intresse efter inspirationsdagen.",
                            "Kontakt via Arbetsförmedlingens lokalkontor."))
        self._registrations.append((registered, registration))
        self._push(registered, registration, "samordnare")
        failing: c.Criterion | None = None
        if flow in ("fail_first", "never"):
            either: list[c.Criterion] = ["C2", "C4"]
            failing = "C3" if p.legal_form == "aktiebolag_svb" else self.rng.choice(either)
        last = registered
        for criterion in CRITERIA:
            day = _workday(self._day(registered + timedelta(days=5),
                                     registered + timedelta(days=40)))
            last = max(last, day)
            met = criterion != failing
            evidence = self._evidence(criterion, p, day) if met else \
                self.EVIDENCE_UNMET[criterion][0].format(prev=day.year - 1)
            self._push(day, c.AssessCriterion(
                org_nr=p.org_nr, criterion=criterion, met=met, evidence=evidence,
                assessed_on=day, note=self._note(0.1, "Bedömningen gjord vid platsbesök.",
                                                 "Underlag inhämtat via e-post.")),
                "samordnare")
        if failing is not None:
            if flow == "never":
                return
            day = _workday(self._day(last + timedelta(days=60), last + timedelta(days=150)))
            last = day
            self._push(day, c.AssessCriterion(
                org_nr=p.org_nr, criterion=failing, met=True,
                evidence=self.EVIDENCE_UNMET[failing][1], assessed_on=day,
                note="Förnyad bedömning efter ändring."), "samordnare")
        onboarded_on, ref = self.decision(last + timedelta(days=self.rng.randint(3, 20)))
        p.onboarded_on = onboarded_on
        self._push(onboarded_on, c.OnboardPartner(org_nr=p.org_nr, onboarded_on=onboarded_on,
                                                  decision_ref=ref), "forbundschef")
        if flow == "offboard":
            # Offboarded while its renewed supervisor funding runs, so that is ended too.
            renewed = _add_months(_next_month(self.meeting_after(onboarded_on +
                                                                 timedelta(days=14))), 12)
            p.offboard_on = _workday(self._day(renewed + timedelta(days=60),
                                               renewed + timedelta(days=200)))
            p.supervisor = True
            self._offboard(p)
        else:
            p.supervisor = self.rng.random() < 0.6
        self._programme(p)

    def _offboard(self, p: _Partner) -> None:
        assert p.offboard_on is not None
        if self.rng.random() < 0.5:
            day = _workday(p.offboard_on - timedelta(days=self.rng.randint(15, 30)))
            p.unmet_from = day
            self._push(day, c.AssessCriterion(
                org_nr=p.org_nr, criterion="C4", met=False, assessed_on=day,
                evidence="Årsstämman har beslutat att verksamheten ska ingå i ett kommunalt "
                         "helägt bolag; den är inte längre organisatoriskt fristående."),
                "samordnare")
            reason = "Uppfyller inte längre C4 efter ombildning till kommunalt bolag."
        else:
            reason = self.rng.choice((
                "Föreningen har beslutat att avveckla verksamheten (stämmobeslut).",
                "Partnern har begärt att avsluta samarbetet med förbundet."))
        self._push(p.offboard_on, c.OffboardPartner(org_nr=p.org_nr,
                                                    offboarded_on=p.offboard_on,
                                                    reason=reason), "forbundschef")

    def _programme(self, p: _Partner) -> None:
        """What a new partner gets: an agreement, often a supervisor, maybe an effort."""
        assert p.onboarded_on is not None
        decided = p.onboarded_on
        ref = self.board_ref(decided) if decided in self._paragraphs else \
            self.delegation_ref(decided)
        kind = self._weighted(AGREEMENT_WEIGHTS)
        self._agreement(p, kind, decided, ref, _next_month(decided))
        if p.supervisor:
            meeting = self.meeting_after(decided + timedelta(days=14))
            self._funding(p, meeting, self.board_ref(meeting), _next_month(meeting), 12)
        if self.rng.random() < 0.5 or p.offboard_on is not None:
            meeting = self.meeting_after(decided + timedelta(days=30))
            self._effort(p, meeting, _next_month(meeting))

    def _renewals(self, year: int) -> None:
        for p in self._partners:
            if p.onboarded_on is None or (not p.active_on(date(year, 1, 1)) and \
                    p.onboarded_on.year != year):
                continue
            open_until = p.offboard_on - timedelta(days=45) if p.offboard_on else FAR_FUTURE
            until = p.agreement_until
            if until is not None and until.year == year and until < open_until:
                decided, ref = self._renewal_decision(until - timedelta(days=14))
                kind = p.agreement_kind
                if self.rng.random() < 0.3:
                    kind = RENEWED_KIND[kind]
                self._agreement(p, kind, decided, ref, until + timedelta(days=1))
            until = p.funding_until
            if p.supervisor and until is not None and until.year == year and \
                    until < open_until:
                if self.rng.random() < 0.1 and p.offboard_on is None:
                    p.supervisor = False
                else:
                    decided, ref = self._renewal_decision(until - timedelta(days=10))
                    self._funding(p, decided, ref, until + timedelta(days=1), 12)
            until = p.effort_until
            if (until is None or until < date(year, 6, 1)) and self.rng.random() < 0.35:
                meeting = self.meetings(year)[self.rng.randrange(1, 5)]
                starts = _next_month(meeting)
                if p.active_on(meeting) and starts < open_until - timedelta(days=90) and \
                        (until is None or until < meeting):
                    self._effort(p, meeting, starts)

    def _active_partner(self, since: date, until: date) -> _Partner | None:
        """A partner onboarded by ``since`` and not offboarded by ``until``, if one is found."""
        def ok(p: _Partner) -> bool:
            return p.active_on(since) and p.active_on(until)

        if len(self._partners) <= 200:
            found = [p for p in self._partners if ok(p)]
            return self.rng.choice(found) if found else None
        for _ in range(40):  # large (scaled) histories: sample instead of scanning
            p = self.rng.choice(self._partners)
            if ok(p):
                return p
        return None

    def _renewal_decision(self, latest: date) -> tuple[date, str]:
        meeting = self.meeting_before(latest, max(self._floor, latest - timedelta(days=120)))
        if meeting is not None:
            return meeting, self.board_ref(meeting)
        day = _workday(max(self._floor, latest - timedelta(days=self.rng.randint(5, 25))))
        return day, self.delegation_ref(day)

    # --- agreements (R3, R4) ------------------------------------------------------------

    def _agreement(self, p: _Partner, kind: c.AgreementKind, decided: date, decision_ref: str,
                   starts_on: date) -> None:
        years = {"iop": 3, "procurement": 2, "reserved_procurement": 2, "cooperation": 2}[kind]
        ends_on: date | None = _add_months(starts_on, 12 * years) - timedelta(days=1)
        if kind == "cooperation" and self.rng.random() < 0.5:
            ends_on = None
        value: int | None = None
        if kind in ("procurement", "reserved_procurement"):
            value = self.rng.randrange(300_000, 1_500_000, 10_000) * 100 * years // 2
        elif kind == "iop" and self.rng.random() < 0.5:
            value = self.rng.randrange(200_000, 800_000, 10_000) * 100
        ref = self._placeholder({"iop": "IOP", "cooperation": "SAMV"}.get(kind, "AVT"))
        # F1: what the association buys, recorded with its value when it is signed.
        scope = None if value is None else (
            f"Arbetsträningsplatser för målgruppen ({p.business})" if kind != "iop"
            else f"Arbetsträning och handledning för målgruppen ({p.business})")
        self._push(decided, c.SignAgreement(
            ref=ref, org_nr=p.org_nr, kind=kind, starts_on=starts_on,
            ends_on=ends_on, value_sek=Money(value).plain() if value else None, scope=scope,
            decision_ref=decision_ref,
            note=self._note(0.15, "Avtalet diariefört; original i pärm hos kansliet.",
                            "Avtalet följer stadens mall för IOP." if kind == "iop"
                            else "Avtalet följer upphandlingsunderlaget.")), "forbundschef")
        last_day = ends_on or FAR_FUTURE
        if p.offboard_on is not None and p.offboard_on <= last_day:
            self._push(p.offboard_on, c.EndAgreement(
                ref=ref, ended_on=p.offboard_on,
                reason="Partnern är avslutad som ASF-partner."), "forbundschef")
            last_day = p.offboard_on - timedelta(days=1)
        p.agreement_until = ends_on if last_day == (ends_on or FAR_FUTURE) else None
        p.agreement_kind = kind
        if value is not None and kind != "iop":
            self._procured_services(p, ref, starts_on, last_day, value)

    def _procured_services(self, p: _Partner, ref: str, starts_on: date, last_day: date,
                           value: int) -> None:
        end = min(last_day, starts_on + timedelta(days=365 * 3))
        quarters = list(_quarters(starts_on, end))
        share = value // max(1, len(quarters))
        paid = 0
        for year, q, _, q_end in quarters:
            day = _workday(q_end + timedelta(days=self.rng.randint(12, 35)))
            amount = share * self.rng.randint(70, 100) // 100
            if (day > last_day or paid + amount > value or amount <= 0
                    or not p.criteria_hold_on(day)):
                continue
            paid += amount
            self._push(day, c.RecordExpenditure(
                ref=self._placeholder("UTB"), paid_on=day, amount_sek=Money(amount).plain(),
                purpose="procured_service", payee_kind="partner", payee=p.org_nr,
                linked_ref=ref,
                description=f"Arbetsträningsplatser enligt avtal, {year}-Q{q} ({p.business})"),
                "ekonom")

    # --- supervisor funding (I3, R1, R5) ----------------------------------------------

    def _funding(self, p: _Partner, decided: date, decision_ref: str, starts_on: date,
                 months: int) -> None:
        if p.offboard_on is not None and starts_on >= p.offboard_on - timedelta(days=30):
            return
        ends_on = _add_months(starts_on, months) - timedelta(days=1)
        employer = self._weighted(EMPLOYER_WEIGHTS)
        fte = self._weighted(((25, 15), (50, 45), (75, 20), (100, 20)))
        yearly = self.rng.randrange(560_000, 690_000, 1_000)
        amount = yearly * fte * months // 1200 // 100 * 100 * 100  # whole hundreds, in öre
        groups = self.rng.sample(TARGET_GROUP_CODES, self._weighted(((1, 50), (2, 40),
                                                                      (3, 10))))
        ref = self._placeholder("HF")
        self._push(decided, c.DecideSupervisorFunding(
            ref=ref, org_nr=p.org_nr, employer=employer, amount_sek=Money(amount).plain(),
            decided_on=decided, starts_on=starts_on, ends_on=ends_on, fte_percent=fte,
            target_groups=groups, decision_ref=decision_ref), "forbundschef")
        last_day = ends_on
        ended: date | None = None
        reason = ""
        if p.offboard_on is not None and p.offboard_on <= ends_on:
            ended, reason = p.offboard_on, "Partnern är avslutad som ASF-partner."
        elif self.rng.random() < 0.08 and p.offboard_on is None:
            ended = _workday(self._day(starts_on + timedelta(days=90),
                                       ends_on - timedelta(days=30)))
            reason = "Handledaren har slutat sin anställning; tjänsten tillsätts inte igen."
        if ended is not None:
            self._push(ended, c.EndSupervisorFunding(ref=ref, ended_on=ended, reason=reason),
                       "forbundschef")
            last_day = ended - timedelta(days=1)
            p.supervisor = False
        p.funding_until = last_day if ended is None else None
        # Paid quarterly in arrears to the employer party, never more than decided (R5).
        monthly = amount // months
        paid = 0
        for year, q, q_first, q_end in _quarters(starts_on, last_day):
            covered = _months_between(max(q_first, starts_on), min(q_end, last_day))
            claim = monthly * covered
            if self.rng.random() < 0.3:
                claim = claim * self.rng.randint(80, 99) // 100 + self.rng.randint(0, 99)
            claim = min(claim, amount - paid)
            day = _workday(q_end + timedelta(days=self.rng.randint(18, 45)))
            if claim <= 0 or not p.criteria_hold_on(day):
                continue
            paid += claim
            self._payments_made.append((day, ref, claim, employer, amount - paid))
            self._push(day, c.PaySupervisorFunding(
                ref=ref, voucher_ref=self._placeholder("VER"), paid_on=day,
                amount_sek=Money(claim).plain(), payee=employer,
                note=self._note(0.08, f"Rekvisition för {year}-Q{q} inkom sent.",
                                f"Avser {year}-Q{q}; lägre belopp p.g.a. sjukfrånvaro.")),
                "ekonom")

    # --- efforts (I1, I2, R3, R5, R7) -------------------------------------------------

    def _effort(self, p: _Partner, decided: date, starts_on: date) -> None:
        if p.offboard_on is not None and starts_on >= p.offboard_on - timedelta(days=60):
            return
        measure: c.EffortMeasure = "I1" if self.rng.random() < 0.7 else "I2"
        run_by = self._weighted(RUN_BY_WEIGHTS)
        months = self.rng.choice((12, 18, 24))
        planned_end = _add_months(starts_on, months) - timedelta(days=1)
        open_ended = self.rng.random() < 0.2
        budget = self.rng.randrange(180_000, 900_000, 5_000) * 100
        ref = self._placeholder("INS")
        self._push(decided, c.StartEffort(
            ref=ref, org_nr=p.org_nr, measure=measure, run_by=run_by, starts_on=starts_on,
            ends_on=None if open_ended else planned_end, budget_sek=Money(budget).plain(),
            decision_ref=self.board_ref(decided) if decided in self._paragraphs
            else self.delegation_ref(decided)), "forbundschef")
        completed = planned_end + timedelta(days=self.rng.randint(0, 60) if open_ended else 0)
        last_day = completed
        if p.offboard_on is not None and p.offboard_on <= completed:
            completed, last_day = p.offboard_on, p.offboard_on - timedelta(days=1)
        p.effort_until = completed
        self._push(_workday(completed + timedelta(days=self.rng.randint(0, 20))),
                   c.CompleteEffort(ref=ref, completed_on=completed,
                                    note=self._note(0.3, "Slutrapport inlämnad.")),
                   "samordnare")
        groups = self.rng.sample(TARGET_GROUP_CODES, self._weighted(((1, 30), (2, 50),
                                                                      (3, 20))))
        size = max(2, budget // 100 // 60_000)
        quarters = list(_quarters(starts_on, last_day))
        spent = 0
        reported_in: dict[int, int] = {}  # year → participants reported for its quarters
        last_report: dict[int, date] = {}  # year → the day its last quarter was reported
        for year, q, _, q_end in quarters:
            reported = _workday(q_end + timedelta(days=self.rng.randint(8, 25)))
            counts: dict[c.TargetGroup, c.GenderCounts] = {}
            total = 0
            for group in groups:
                n = self.rng.randint(1, max(1, size // len(groups)) + 2)
                other = 1 if n > 3 and self.rng.random() < 0.05 else 0
                women = self.rng.randint(0, n - other)
                counts[group] = c.GenderCounts(women=women, men=n - women - other, other=other)
                total += n
            self._push(reported, c.ReportParticipants(ref=ref, period=f"{year}-Q{q}",
                                                      counts=counts), "samordnare")
            reported_in[year] = reported_in.get(year, 0) + total
            last_report[year] = reported
            if measure == "I1":
                work = self.rng.randint(0, total // 3)
                studies = self.rng.randint(0, (total - work) // 4)
                seeking = self.rng.randint(0, (total - work - studies) // 2)
                # Outcomes are the participants' (never more than reported).
                other = min(self.rng.randint(0, 2), total - work - studies - seeking)
                self._push(reported, c.ReportOutcomes(
                    ref=ref, period=f"{year}-Q{q}", work=work, studies=studies,
                    job_seeking=seeking, other=other), "samordnare")
            # Financing of the effort, quarterly in arrears, within its budget (R5).
            amount = budget // len(quarters) * self.rng.randint(80, 100) // 100
            amount = min(amount, budget - spent)
            paid_on = _workday(q_end + timedelta(days=self.rng.randint(20, 40)))
            if amount <= 0 or not p.criteria_hold_on(paid_on):
                continue
            spent += amount
            # To the party that runs the effort: money reaches an ASF only as payment under
            # an agreement with a recorded value and scope (F1 by substance).
            self._push(paid_on, c.RecordExpenditure(
                ref=self._placeholder("UTB"), paid_on=paid_on, amount_sek=Money(amount).plain(),
                purpose="effort_financing", payee_kind="party", payee=run_by, linked_ref=ref,
                description=f"Finansiering av insats ({measure}) hos {p.name}, {year}-Q{q}"),
                "ekonom")
        if measure == "I2":
            for year in range(starts_on.year, last_day.year + 1):
                day = _workday(date(year + 1, 1, 1) + timedelta(days=self.rng.randint(14, 30)))
                if year in last_report:  # after the year's participants are all reported
                    day = max(day, _workday(last_report[year] + timedelta(days=1)))
                total = self.rng.randint(4, 20)
                work = self.rng.randint(0, total // 4)
                studies = self.rng.randint(0, (total - work) // 3)
                seeking = self.rng.randint(0, (total - work) // 2)
                other = self.rng.randint(0, 3)
                # Outcomes are the participants' (never more than reported in the year).
                room = reported_in.get(year, 0)
                outcomes = []
                for n in (work, studies, seeking, other):
                    outcomes.append(min(n, room))
                    room -= outcomes[-1]
                self._push(day, c.ReportOutcomes(
                    ref=ref, period=str(year), work=outcomes[0], studies=outcomes[1],
                    job_seeking=outcomes[2], other=outcomes[3]), "samordnare")

    # --- activities (S7) ----------------------------------------------------------------

    def _activities(self, year: int) -> None:
        days = sorted(_workday(self._day(date(year, 1, 20), date(year, 12, 10)))
                      for _ in range(self._n(7, 10)))
        days = [d if d.month != 7 else _workday(d + timedelta(days=35)) for d in days]
        days.sort()
        cancelled = self.rng.randrange(len(days))
        for i, planned_on in enumerate(days, start=1):
            kind = self._weighted(ACTIVITY_WEIGHTS)
            district: c.District = self.rng.choice(DISTRICT_CODES)
            districts: list[c.District]
            host = self._active_partner(planned_on - timedelta(days=30), planned_on)
            if kind == "study_visit" and host is not None:
                title = f"Studiebesök hos {host.name}"
                districts = [d for d in host.districts if d != "city_wide"] or [district]
            elif kind == "study_visit":
                title = f"Studiebesök: ASF i {DISTRICTS[district]}"
                districts = [district]
            elif kind == "inspiration_day":
                districts = [district] if self.rng.random() < 0.5 else []
                title = f"Inspirationsdag: ASF i {DISTRICTS[district]}" if districts else \
                    f"Inspirationsdag om ASF {year}"
            else:
                title = self.rng.choice((
                    "Frukostseminarium: IOP och reserverad upphandling",
                    f"Seminarium: ASF som väg till arbete för "
                    f"{TARGET_GROUP_SV[self.rng.choice(TARGET_GROUP_CODES)]}",
                    "Seminarium för handläggare om ASF och arbetsträning",
                    "Seminarium: Handledarens roll på ASF",
                    "Seminarium om Tillväxtverkets definition av ASF"))
                districts = [district] if self.rng.random() < 0.5 else []
            ref = f"AKT-{year}-{i:02d}"
            planned = max(self._floor, planned_on - timedelta(days=self.rng.randint(20, 60)))
            self._push(planned, c.PlanActivity(ref=ref, kind=kind, title=title,
                                               planned_on=planned_on, districts=districts),
                       "samordnare")
            if i - 1 == cancelled or self.rng.random() < 0.04:
                day = max(planned, planned_on - timedelta(days=self.rng.randint(2, 14)))
                self._push(day, c.CancelActivity(ref=ref, reason=self.rng.choice((
                    "För få anmälda.", "Föreläsaren fick förhinder; nytt datum planeras.",
                    "Lokalen blev inte tillgänglig."))), "samordnare")
                continue
            held_on = planned_on
            note = None
            if self.rng.random() < 0.1:
                held_on = _workday(planned_on + timedelta(days=self.rng.randint(7, 21)))
                note = f"Flyttad från {planned_on.isoformat()}."
            attendance: dict[c.AttendanceGroup, int] = {
                "stockholms_stad": self.rng.randint(3, 30),
                "arbetsformedlingen": self.rng.randint(0, 10),
                "forsakringskassan": self.rng.randint(0, 6),
                "region_stockholm": self.rng.randint(0, 6),
                "asf": self.rng.randint(2, 15),
            }
            if kind != "seminar" or self.rng.random() < 0.5:
                attendance["participants"] = self.rng.randint(0, 20)
            if self.rng.random() < 0.5:
                attendance["other"] = self.rng.randint(1, 6)
            self._push(held_on, c.HoldActivity(ref=ref, held_on=held_on, attendance=attendance,
                                               note=note), "samordnare")
            if kind != "study_visit" or self.rng.random() < 0.3:
                supplier, form, supplier_name = self.rng.choice(SUPPLIERS)
                paid = _workday(held_on + timedelta(days=self.rng.randint(10, 30)))
                what = "Föreläsararvode" if supplier == "LEV-3320" else \
                    "Lokalhyra och förtäring"
                self._push(paid, c.RecordExpenditure(
                    ref=self._placeholder("UTB"), paid_on=paid,
                    amount_sek=Money(self.rng.randrange(2_000, 28_000, 50) * 100).plain(),
                    purpose="activity_costs", payee_kind="supplier", payee=supplier,
                    payee_legal_form=form,
                    description=f"{what}, {title} ({supplier_name})"), "ekonom")

    # --- structural work (S1–S6) ----------------------------------------------------------

    STRUCTURAL_TEXTS: ClassVar[dict[str, tuple[str, ...]]] = {
        "S1": ("Matchningsmöte mellan {party} och {partner} om arbetsträningsplatser",
               "Samverkansmöte med ASF i {district} om platser för deltagare i rehabilitering",
               "Trepartssamtal med {partner} och {party} om deltagare i arbetsträning"),
        "S2": ("Dialog med stadens upphandlingsenhet om reserverade kontrakt för ASF",
               "Uppföljningsmöte om avtalet med {partner}",
               "Genomgång av IOP-modellen med {party}"),
        "S3": ("Information om ASF på {party}s enhetsmöte",
               "Information om ASF för socialsekreterare i {district}",
               "Nyhetsbrev om ASF till parternas chefer"),
        "S4": ("Möte med kontaktpersonen för ASF i {district}",
               "Arbetsgrupp för stödstruktur för ASF, stadsövergripande",
               "Kartläggning av stödfunktioner för ASF i {district}"),
        "S5": ("Omvärldsbevakning: genomgång av regionala och nationella rapporter om ASF",
               "Deltog i regionalt nätverksmöte om socialt företagande",
               "Rapport till styrelsen om utvecklingen för ASF hos samverkanspartnerna"),
        "S6": ("Möte med förtroendevalda i arbetsmarknadsnämnden om ASF",
               "Skrivelse till {party} om ASF:s roll i rehabiliteringskedjan",
               "Dialog med näringslivsföreträdare om praktik och anställning via ASF"),
    }

    def _structural_work(self, year: int) -> None:
        entries: list[tuple[date, c.StructuralMeasure]] = []
        for q in range(1, 5):
            q_first = date(year, 3 * q - 2, 1)
            for measure in STRUCTURAL:
                extra = 1 if measure in ("S1", "S3") and self.rng.random() < 0.5 else 0
                for _ in range(self._n(1, 1) + extra):
                    day = _workday(self._day(q_first, _quarter_end(year, q) - timedelta(3)))
                    entries.append((day, measure))
        entries.sort()
        for i, (day, measure) in enumerate(entries, start=1):
            party = self.rng.choice(PARTY_CODES)
            district = self.rng.choice(DISTRICT_CODES)
            partner = self._active_partner(day, day)
            text = self.rng.choice(self.STRUCTURAL_TEXTS[measure])
            if "{partner}" in text and partner is None:
                # A text that names no partner (one ending "med {partner}" would end in a
                # space, which the text rule refuses).
                text = next((t for t in self.STRUCTURAL_TEXTS[measure] if "{partner}" not in t),
                            self.STRUCTURAL_TEXTS[measure][1])
            description = text.format(
                party=PARTY_NAMES[party], district=DISTRICTS[district],
                partner=partner.name if partner else "")
            self._push(day, c.LogStructuralWork(
                ref=f"SA-{year}-{i:03d}", measure=measure, done_on=day,
                description=description,
                districts=[district] if "{district}" in text else [],
                parties=[party] if "{party}" in text else list(self.rng.choice(
                    PARTY_GROUPS))),
                "samordnare")

    # --- memberships (F3: networks only) and running costs ----------------------------

    MEMBERSHIPS: tuple[tuple[str, str, c.OrganisationKind, str, c.LegalForm, int], ...] = (
        ("MEDL-NNS", "Nationella nätverket för samordningsförbund (NNS)", "network",
         "LEV-4410", "ideell_forening", 9_500),
        ("MEDL-FINSAM-STHLM", "Finsamnätverket i Stockholms län", "network",
         "LEV-4475", "ideell_forening", 2_500),
        ("MEDL-ARBNAT", "Nätverket för arbetsmarknadsfrågor i Storstockholm", "other",
         "LEV-4520", "ideell_forening", 4_000),
    )

    def _memberships(self) -> None:
        """Join two networks in the first year, a third the year after; leave one."""
        first = self.meetings(self.first)
        second = self.meetings(self.first + 1) if self.last > self.first else None
        joined = (first[0], first[1], second[1] if second else first[3])
        left = second[3] if second else first[4]
        for k, (ref, name, kind, _, _, _) in enumerate(self.MEMBERSHIPS):
            self._membership_days[ref] = (joined[k], left if k == 1 else FAR_FUTURE)
            self._push(joined[k], c.JoinOrganisation(
                ref=ref, name=name, kind=kind, joined_on=joined[k],
                decision_ref=self.board_ref(joined[k]),
                org_nr=self._org_nr("ideell_forening") if k == 0 else None), "forbundschef")
        self._push(left, c.LeaveOrganisation(
            ref="MEDL-FINSAM-STHLM", left_on=left,
            note="Nätverket har gått upp i det nationella nätverket."), "forbundschef")

    def _running_costs(self, year: int) -> None:
        meetings = self.meetings(year)
        for ref, name, _, supplier, form, fee in self.MEMBERSHIPS:
            joined, left = self._membership_days[ref]
            day = _workday(max(joined + timedelta(days=10), date(year, 3, 10)))
            if day.year != year or day >= left:
                continue
            self._push(day, c.RecordExpenditure(
                ref=self._placeholder("UTB"), paid_on=day,
                amount_sek=Money(fee * 100 + 500 * 100 * (year - self.first)).plain(),
                purpose="membership_fee", payee_kind="supplier", payee=supplier,
                payee_legal_form=form, linked_ref=ref,
                description=f"Medlemsavgift {year}, {name}"), "ekonom")
        for q in range(1, 5):
            day = _workday(_quarter_end(year, q) + timedelta(days=self.rng.randint(15, 30)))
            if day.year != year:
                continue
            self._push(day, c.RecordExpenditure(
                ref=self._placeholder("UTB"), paid_on=day,
                amount_sek=Money(self.rng.randrange(12_000, 26_000, 100) * 100).plain(),
                purpose="administration", payee_kind="party", payee="stockholms_stad",
                description=f"Ekonomi- och löneadministration, andel för ASF-uppdraget, "
                            f"{year}-Q{q}"), "ekonom")
        day = _workday(meetings[1] - timedelta(days=self.rng.randint(10, 20)))
        self._push(day, c.RecordExpenditure(
            ref=self._placeholder("UTB"), paid_on=day,
            amount_sek=Money(self.rng.randrange(18_000, 32_000, 500) * 100).plain(),
            purpose="administration", payee_kind="supplier", payee="LEV-5120",
            payee_legal_form="aktiebolag",
            description=f"Granskning av uppföljningen av ASF-policyn {year - 1} "
                        f"(Revisionsbyrån Norrström AB)"), "ekonom")
        # Compliant, but its words are the proof's to list for review (F1: "bidrag").
        day = _workday(meetings[2] - timedelta(days=self.rng.randint(5, 15)))
        self._push(day, c.RecordExpenditure(
            ref=self._placeholder("UTB"), paid_on=day,
            amount_sek=Money(self.rng.randrange(8_000, 15_000, 500) * 100).plain(),
            purpose="activity_costs", payee_kind="supplier", payee="LEV-6034",
            payee_legal_form="enskild_naringsidkare",
            description=f"Föreläsning för parternas handläggare om lönebidrag och "
                        f"anställningsstöd vid ASF, {year}"), "ekonom")


    # --- corrections (issue 15): mistakes put right by a new event, never an edit -------
    # A part of its own: it draws nothing from ``self.rng``, so the rest of the history is
    # the same with it or without it. Each year (up to mid-October) holds three mistakes
    # and their corrections: a payment made twice and reversed, a partner's name misspelt
    # at registration and corrected, an activity registered twice and the copy voided.

    def _corrections(self, year: int) -> None:
        first = max(self._floor, date(year, 1, 1))
        last = min(self.cutoff, date(year, 10, 15))
        self._paid_twice(first, last)
        self._name_misspelt(first, last)
        self._registered_twice(year, first, last)

    def _paid_twice(self, first: date, last: date) -> None:
        """The year's first supervisor funding payment that leaves room for it (R5) is
        paid again the same day; a week later the party has paid it back: reversed."""
        found = next((made for made in sorted(self._payments_made)
                      if first <= made[0] and _workday(made[0] + timedelta(days=7)) <= last
                      and made[4] >= made[2]), None)
        if found is None:
            return
        day, ref, ore, payee, _ = found
        reversed_on = _workday(day + timedelta(days=7))
        voucher = self._placeholder("VER")
        self._push(day, c.PaySupervisorFunding(
            ref=ref, voucher_ref=voucher, paid_on=day, amount_sek=Money(ore).plain(),
            payee=payee), "ekonom")
        self._push(reversed_on, c.ReversePayment(
            ref=ref, voucher_ref=voucher, reversed_on=reversed_on,
            reason="Rekvisitionen betalades två gånger; parten har betalat tillbaka beloppet.",
            decision_ref=self.delegation_ref(reversed_on)), "ekonom")

    def _name_misspelt(self, first: date, last: date) -> None:
        """The year's first partner registered has two letters of its name swapped; two
        weeks later the name is corrected from the registration certificate."""
        found = next(((registered, registration) for registered, registration
                      in sorted(self._registrations, key=lambda r: r[0])
                      if first <= registered
                      and _workday(registered + timedelta(days=14)) <= last
                      and registration.name[1:3].isalpha()
                      and registration.name[1] != registration.name[2]), None)
        if found is None:
            return
        registered, registration = found
        corrected_on, name = _workday(registered + timedelta(days=14)), registration.name
        registration.name = name[0] + name[2] + name[1] + name[3:]
        self._push(corrected_on, c.CorrectFact(
            kind="partner", key=registration.org_nr, field="name", value=name,
            reason="Namnet stavades fel vid registreringen; rättat enligt "
                   "registreringsbeviset."), "samordnare")

    def _registered_twice(self, year: int, first: date, last: date) -> None:
        """The year's first activity planned is planned again the next day by the other
        coordinator, under the next free ref; the copy is voided two days later."""
        planned = sorted((day, seq, cmd) for day, seq, cmd in self._heap
                         if isinstance(cmd, c.PlanActivity)
                         and cmd.ref.startswith(f"AKT-{year}-"))
        found = next(((day, original) for day, _, original in planned if first <= day), None)
        if found is None:
            return
        day, original = found
        again, voided_on = _workday(day + timedelta(days=1)), _workday(day + timedelta(days=3))
        if voided_on > last:
            return
        copy = f"AKT-{year}-{max(int(cmd.ref.rsplit('-', 1)[1]) for _, _, cmd in planned) + 1:02d}"
        self._push(again, c.PlanActivity(
            ref=copy, kind=original.kind, title=original.title,
            planned_on=original.planned_on, districts=list(original.districts)), "samordnare")
        self._push(voided_on, c.VoidDecision(
            kind="activity", key=copy,
            reason=f"Registrerad två gånger: samma aktivitet som {original.ref}."),
            "samordnare")


def demo_commands(years: int = 3, seed: int = 1, *, last_year: int | None = None,
                  today: date | None = None) -> list[c.Command]:
    """A realistic, valid history of ``years`` calendar years ending with ``last_year``.

    ``last_year`` defaults to the current year; nothing happens after ``today`` (default:
    the real date) when ``last_year`` is the current year, else after 31 December.
    """
    return list(iter_demo_commands(years, seed, last_year=last_year, today=today))


def dated_demo_commands(years: int = 3, seed: int = 1, *, today: date | None = None
                        ) -> Iterator[tuple[date, c.Command]]:
    """``demo_commands`` with the day each is recorded on (never decreasing)."""
    today = today or date.today()
    history = _History(years, seed, today.year, today, 1.0)
    for cmd in history.run():
        yield history.flushed_on, cmd


def record_demo(ledger: Ledger, years: int = 3, seed: int = 1, *,
                today: date | None = None) -> tuple[int, int]:
    """Record the demo history into the (empty) ``ledger`` as it would have been recorded:
    each month's commands in one batch at the end of the day of its last decision (from
    16:00 UTC, a second apart per event, never after now), months in increasing order.
    Looking back "as recorded" then shows the demo's past; a batch a month keeps the
    writes few (a 20-year demo is 240 transactions). Returns (commands, events)."""
    now = datetime.now(UTC)
    commands = events = 0
    for _, dated in itertools.groupby(dated_demo_commands(years, seed, today=today),
                                      key=lambda dated: (dated[0].year, dated[0].month)):
        batch = list(dated)
        last_day = batch[-1][0]
        moments = itertools.count(datetime.combine(last_day, time(16), UTC).timestamp())
        with recording_with(partial(_at, moments, now)):
            applied = ledger.execute([cmd for _, cmd in batch])
        commands += applied.commands
        events += applied.events
    return commands, events


def _at(moments: Iterator[float], now: datetime) -> datetime:
    return min(datetime.fromtimestamp(next(moments), UTC), now)


def iter_demo_commands(years: int = 3, seed: int = 1, *, last_year: int | None = None,
                       today: date | None = None, scale: float = 1.0) -> Iterator[c.Command]:
    """``demo_commands`` as a stream; ``scale`` grows partners, activities and logged work."""
    today = today or date.today()
    last_year = today.year if last_year is None else last_year
    return _History(years, seed, last_year, today, scale).run()


# About this many events per year at scale 1 (measured; used only to pick a scale).
_EVENTS_PER_YEAR_AT_SCALE_1 = 350


def _events_at(scale: float, years: int, seed: int, last_year: int | None,
               today: date | None) -> int:
    return sum(map(expected_events, iter_demo_commands(years, seed, last_year=last_year,
                                                       today=today, scale=scale)))


def _scale_for(target: int, years: int, seed: int, last_year: int | None,
               today: date | None) -> float:
    """The scale (in hundredths) whose whole history holds at least ``target`` events and
    its last year's worth at most more: the events grow about in proportion to the scale,
    so a few counts find it."""
    scale = max(1.0, target / (_EVENTS_PER_YEAR_AT_SCALE_1 * years))
    for _ in range(6):
        total = _events_at(scale, years, seed, last_year, today)
        if target <= total <= target * (1 + 0.5 / years) or (scale == 1.0 and total >= target):
            return scale
        scale = max(1.0, math.ceil(scale * target * (1 + 0.2 / years) / total * 100) / 100)
    while _events_at(scale, years, seed, last_year, today) < target:  # never short of it
        scale = math.ceil(scale * 102) / 100
    return scale


def scaled_commands(target_events: int, seed: int = 1, *, years: int = 10,
                    last_year: int | None = None, today: date | None = None
                    ) -> Iterator[c.Command]:
    """About ``target_events`` events of valid history (for benchmarks), streamed.

    The history of ``years`` years is grown until it holds at least that many events and
    cut after the command that reaches the target. A prefix of a valid history is valid,
    but not always compliant: cut in an earlier year, before that year's plan is adopted,
    every year after it would end without one (R8). So the scale is the one at which the
    whole history holds just over the target (counted, not estimated), and the cut falls
    in its last year. A target below what ``years`` years hold at scale 1, the smallest,
    gets fewer years.
    """
    while years > 1 and _events_at(1.0, years, seed, last_year, today) > target_events:
        years -= 1
    scale = _scale_for(target_events, years, seed, last_year, today)
    produced = 0
    for cmd in iter_demo_commands(years, seed, last_year=last_year, today=today,
                                  scale=scale):
        if produced >= target_events:
            return
        produced += expected_events(cmd)
        yield cmd


def write_jsonl(commands: Sequence[c.Command]) -> bytes:
    """JSON Lines for ``asfledger import``: one command a line, a blank line before each
    board meeting, so the file reads as the work between the board's meetings."""
    lines: list[bytes] = []
    for cmd in commands:
        if isinstance(cmd, c.HoldBoardMeeting) and lines:
            lines.append(b"")
        lines.append(c.encode_command(cmd))
    return b"\n".join(lines) + b"\n"


__all__ = ["dated_demo_commands", "demo_commands", "expected_events", "iter_demo_commands",
           "make_org_nr", "occurred_on", "record_demo", "scaled_commands", "write_jsonl"]


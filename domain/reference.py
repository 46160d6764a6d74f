"""The ASF policy as data: every code of SPEC §1, defined once, in Swedish and English.

Grep a code (``C2``, ``S7``) to find its definition here; the rules F1–F4 and R1–R9 are
records of their own in domain/rules.py. Policy quotes are taken word for word from
``shared/policy/asf-policy-sv.txt``; the English is our translation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Final


@dataclass(frozen=True, slots=True)
class Term:
    """A coded term with its Swedish and English text (and the policy's own words)."""

    code: str
    sv: str
    en: str
    quote_sv: str = ""
    quote_en: str = ""

    def text(self, lang: str) -> str:
        return self.sv if lang == "sv" else self.en

    def quote(self, lang: str) -> str:
        if lang == "sv":
            return self.quote_sv or self.sv
        return self.quote_en or self.en


@dataclass(frozen=True, slots=True)
class Party:
    code: str
    name: str
    org_nr: str


PARTIES: Final[dict[str, Party]] = {
    p.code: p
    for p in (
        Party("stockholms_stad", "Stockholms stad", "212000-0142"),
        Party("region_stockholm", "Region Stockholm", "232100-0016"),
        Party("arbetsformedlingen", "Arbetsförmedlingen", "202100-2114"),
        Party("forsakringskassan", "Försäkringskassan", "202100-5521"),
    )
}

# The association itself (the funder in open data, e.g. the 360Giving export).
# The org number is to be checked against the association's registration certificate
# (registreringsbevis); SPEC does not state it.
ASSOCIATION: Final[Party] = Party(
    "samordningsforbundet_stockholms_stad", "Samordningsförbundet Stockholms stad",
    "222000-1776")

DISTRICTS: Final[dict[str, str]] = {
    "bromma": "Bromma",
    "enskede_arsta_vantor": "Enskede-Årsta-Vantör",
    "farsta": "Farsta",
    "hagersten_alvsjo": "Hägersten-Älvsjö",
    "hasselby_vallingby": "Hässelby-Vällingby",
    "jarva": "Järva",
    "kungsholmen": "Kungsholmen",
    "norra_innerstaden": "Norra innerstaden",
    "skarpnack": "Skarpnäck",
    "skarholmen": "Skärholmen",
    "sodermalm": "Södermalm",
    "city_wide": "Hela staden",
}


def _terms(*terms: Term) -> dict[str, Term]:
    return {t.code: t for t in terms}


TARGET_GROUPS: Final[dict[str, Term]] = _terms(
    Term("long_term_unemployed", "långtidsarbetslösa med försörjningsstöd",
         "long-term unemployed receiving income support"),
    Term("newly_arrived_refugees", "nyanlända flyktingar", "newly arrived refugees"),
    Term("young_far_from_labour_market", "ungdomar långt ifrån arbetsmarknaden",
         "young people far from the labour market"),
    Term("mental_disability", "personer med psykisk funktionsnedsättning",
         "people with a mental disability"),
    Term("returning_after_sick_leave", "personer efter långtidssjukskrivning",
         "people returning after long-term sick leave"),
    Term("lss_daily_activity", "personer inom LSS, daglig verksamhet",
         "people in LSS daily activity"),
)
# The six are the policy's examples ("t ex"): another group is recorded as ``other:`` and
# a short label of its own (the text rule and R7 apply to it), and is reported by that label.
OTHER_TARGET_GROUP: Final[str] = "other:"
TARGET_GROUP_LABEL_MAX: Final[int] = 60


def target_group_name(code: str, lang: str) -> str:
    """The words for a target group: a standard one's, or another group's own label."""
    term = TARGET_GROUPS.get(code)
    return term.text(lang) if term is not None else code.removeprefix(OTHER_TARGET_GROUP)

# C1–C4: the ASF definition (Tillväxtverket).
CRITERIA: Final[dict[str, Term]] = _terms(
    Term("C1", "Driver näringsverksamhet med övergripande ändamål att integrera människor",
         "Runs a business whose overall aim is to integrate people",
         "Driver näringsverksamhet (producerar och säljer varor eller tjänster) med "
         "övergripande ändamål att integrera människor som har stora svårigheter att få "
         "och/eller behålla ett arbete, i arbetsliv och samhälle.",
         "Runs a business (produces and sells goods or services) whose overall aim is to "
         "integrate people who have great difficulty getting and/or keeping a job into "
         "working life and society."),
    Term("C2", "Skapar delaktighet för medarbetarna", "Creates participation for its staff",
         "Skapar delaktighet för medarbetarna genom ägande, avtal eller på annat "
         "väldokumenterat sätt.",
         "Creates participation for its staff through ownership, agreements or another "
         "well-documented way."),
    Term("C3", "Återinvesterar i huvudsak sina vinster", "Mainly reinvests its profits",
         "I huvudsak återinvesterar sina vinster i den egna eller liknande verksamheter.",
         "Mainly reinvests its profits in its own or similar activities."),
    Term("C4", "Är organisatoriskt fristående från offentlig verksamhet",
         "Is organisationally independent of the public sector",
         "Är organisatoriskt fristående från offentlig verksamhet.",
         "Is organisationally independent of the public sector."),
)

STRUCTURAL_MEASURES: Final[dict[str, Term]] = _terms(
    Term("S1", "Samverka med ASF", "Cooperate with ASF",
         "Samverka med ASF för att stödja människor som är i behov av rehabilitering och "
         "arbetsträning för att de ska få möjlighet till arbete och sysselsättning",
         "Cooperate with ASF to support people who need rehabilitation and work training "
         "so that they get the chance of work and occupation"),
    Term("S2", "Långsiktiga förutsättningar genom upphandling och IOP",
         "Long-term conditions through procurement and IOP",
         "Skapa långsiktiga och rimliga förutsättningar för fler och växande ASF genom "
         "upphandling samt genom samarbetsavtal t ex IOP (idéburet offentligt partnerskap)",
         "Create long-term and reasonable conditions for more and growing ASF through "
         "procurement and cooperation agreements such as IOP (non-profit public partnership)"),
    Term("S3", "Öka kunskapen om ASF", "Raise knowledge of ASF",
         "Öka kunskapen om ASF och dess villkor genom att synliggöra dem internt inom "
         "förbundet samt hos Stockholm stad, Arbetsförmedlingen, Försäkringskassan samt "
         "Stockholm Läns Landsting",
         "Raise knowledge of ASF and their conditions by making them visible within the "
         "association and at the City of Stockholm, the Public Employment Service, the "
         "Social Insurance Agency and Stockholm County Council"),
    Term("S4", "Stödstruktur för ASF", "A support structure for ASF",
         "Mobilisera och utveckla en stödstruktur för ASF för Stockholm stad samt anpassad "
         "stödstrukturen för stadsdelarna",
         "Mobilise and develop a support structure for ASF for the City of Stockholm, "
         "adapted for the districts"),
    Term("S5", "Följa utvecklingen om ASF", "Follow ASF developments",
         "Följa utvecklingen om ASF nationellt, regionalt, lokalt samt hos våra "
         "samverkanspartners.",
         "Follow ASF developments nationally, regionally, locally and at our partners."),
    Term("S6", "Strategiskt påverkansarbete", "Strategic advocacy",
         "Strategiskt påverkansarbete till myndigheter, beslutfattare och näringsliv",
         "Strategic advocacy to authorities, decision makers and business"),
    Term("S7", "Inspirationsdagar, seminarier, studiebesök",
         "Inspiration days, seminars, study visits",
         "Arrangera inspirationsdagar, seminarier eller studiebesök om ASF.",
         "Arrange inspiration days, seminars or study visits about ASF."),
)

INDIVIDUAL_MEASURES: Final[dict[str, Term]] = _terms(
    Term("I1", "Arbetsförberedande insatser på ASF", "Work-preparatory efforts at ASF",
         "Erbjuda arbetsförberedande och arbetslivsinriktade insatser för målgruppen på ASF",
         "Offer work-preparatory and work-oriented efforts for the target group at ASF"),
    Term("I2", "Utbildning om ASF", "Education about ASF",
         "Utbildning om ASF för Samordningsförbundets målgrupp",
         "Education about ASF for the association's target group"),
    Term("I3", "Finansiering av handledare", "Financing supervisors",
         "Finansiering av handledare, anställd hos någon av parterna, för att stödja "
         "målgruppen på ASF.",
         "Financing supervisors, employed by one of the parties, to support the target "
         "group at ASF."),
)

MEASURES: Final[dict[str, Term]] = {**STRUCTURAL_MEASURES, **INDIVIDUAL_MEASURES}

# The rules F1–F4 and R1–R9, which quote these words, are in domain/rules.py.

LEGAL_FORMS: Final[dict[str, Term]] = _terms(
    Term("ekonomisk_forening", "ekonomisk förening", "economic association"),
    Term("ideell_forening", "ideell förening", "non-profit association"),
    Term("aktiebolag_svb", "aktiebolag med särskild vinstutdelningsbegränsning (svb)",
         "limited company with restricted dividends (svb)"),
    Term("aktiebolag", "aktiebolag", "limited company"),
    Term("stiftelse", "stiftelse", "foundation"),
    Term("enskild_naringsidkare", "enskild näringsidkare", "sole trader"),
    Term("handelsbolag", "handelsbolag", "trading partnership"),
    Term("other", "annan", "other"),
)

AGREEMENT_KINDS: Final[dict[str, Term]] = _terms(
    Term("iop", "IOP (idéburet offentligt partnerskap)", "IOP (non-profit public partnership)"),
    Term("procurement", "upphandling", "procurement"),
    Term("reserved_procurement", "reserverad upphandling", "reserved procurement"),
    Term("cooperation", "samarbetsavtal", "cooperation agreement"),
)

# F1: the agreements under which the association buys, and pays the partner an agreed
# compensation (a cooperation agreement pays nothing).
PAYING_AGREEMENT_KINDS: Final[frozenset[str]] = frozenset(
    {"iop", "procurement", "reserved_procurement"})

# F1: the one purpose of money paid to a partner (an ASF): what the association buys.
PURPOSE_PAID_TO_ASF: Final[str] = "procured_service"

ACTIVITY_KINDS: Final[dict[str, Term]] = _terms(
    Term("seminar", "seminarium", "seminar"),
    Term("inspiration_day", "inspirationsdag", "inspiration day"),
    Term("study_visit", "studiebesök", "study visit"),
)

PURPOSES: Final[dict[str, Term]] = _terms(
    Term("supervisor_funding", "handledarfinansiering", "supervisor funding"),
    Term("effort_financing", "finansiering av insats", "effort financing"),
    Term("procured_service", "upphandlad tjänst", "procured service"),
    Term("activity_costs", "aktivitetskostnader", "activity costs"),
    Term("administration", "administration", "administration"),
    Term("membership_fee", "medlemsavgift", "membership fee"),
    Term("cash_grant", "kontantbidrag", "cash grant"),
    Term("asf_startup", "start av ASF", "starting an ASF"),
    Term("asf_development", "utveckling av ASF", "developing an ASF"),
    Term("asf_staff_development", "kompetensutveckling för ASF-anställda",
         "skills development for ASF staff"),
)

# The purposes that are forbidden outright, and the rule that forbids each.
FORBIDDEN_PURPOSES: Final[dict[str, str]] = {
    "cash_grant": "F1",
    "asf_startup": "F2",
    "asf_development": "F2",
    "asf_staff_development": "F4",
}

# F4 by substance: education, courses, coaching and consulting paid for (any purpose) say
# whom they are for; for ASF staff, or paid to or for an ASF and not participant places,
# they are skills development for ASF employees.
SKILLS_SERVICES: Final[dict[str, Term]] = _terms(
    Term("education", "utbildning", "education"),
    Term("course", "kurs", "course"),
    Term("coaching", "coachning", "coaching"),
    Term("consulting", "konsulttjänst", "consulting"),
)

BENEFICIARIES: Final[dict[str, Term]] = _terms(
    Term("participants", "deltagare i målgruppen", "participants of the target group"),
    Term("association_staff", "förbundets personal", "the association's staff"),
    Term("party_staff", "parternas personal", "the parties' staff"),
    Term("asf_staff", "anställda på ASF", "ASF employees"),
)


def skills_for_asf_staff(skills_service: str | None, beneficiaries: str | None,
                         for_asf: bool) -> bool:
    """F4: a skills service (education, course, coaching, consulting) for ASF staff, or
    paid to or for an ASF (``for_asf``) and not for participants of the target group."""
    if skills_service is None:
        return False
    return beneficiaries == "asf_staff" or (for_asf and beneficiaries != "participants")


ORGANISATION_KINDS: Final[dict[str, Term]] = _terms(
    Term("asf", "arbetsintegrerande socialt företag", "work-integrating social enterprise"),
    Term("asf_interest_organisation", "intresseorganisation för ASF",
         "ASF interest organisation"),
    Term("network", "nätverk", "network"),
    Term("other", "annan", "other"),
)

# Memberships of these kinds are forbidden by F3.
F3_ORGANISATION_KINDS: Final[frozenset[str]] = frozenset({"asf", "asf_interest_organisation"})


@dataclass(frozen=True, slots=True)
class InterestOrganisation:
    """An ASF interest organisation (F3: no membership, whatever ``kind`` it is recorded
    as). Matched by its org number where one is confirmed, else by a word of its name
    (``name_words``, compared case-insensitively with the words of the recorded name)."""

    name: str
    name_words: tuple[str, ...]
    org_nr: str | None  # None: not yet confirmed by a person (see ``org_nr_note``)
    source: str  # where it was confirmed to be an ASF interest organisation
    listed_on: date  # when it was added to this list
    org_nr_note: str = ""


# The reference list of ASF interest organisations: only those confirmed from a source,
# each with it and the day it was listed. An org number is entered only when a person has
# checked it (e.g. in Bolagsverket's register); until then the name decides.
ASF_INTEREST_ORGANISATIONS: Final[tuple[InterestOrganisation, ...]] = (
    InterestOrganisation(
        name="Skoopi – intresseorganisationen för arbetsintegrerande sociala företag",
        name_words=("skoopi",),
        org_nr=None,
        source="Skoopi's own description of itself as the interest organisation of "
               "work-integrating social enterprises in Sweden (skoopi.coop)",
        listed_on=date(2026, 12, 5),
        org_nr_note="org number to be confirmed by a person (Bolagsverket); matched by "
                    "name until then",
    ),
)

_WORD = re.compile(r"\w+")


def listed_interest_organisation(name: str, org_nr: str | None
                                 ) -> InterestOrganisation | None:
    """The listed ASF interest organisation that an organisation named ``name`` with
    ``org_nr`` is, or None (F3)."""
    words = {w.casefold() for w in _WORD.findall(name)}
    for listed in ASF_INTEREST_ORGANISATIONS:
        if org_nr is not None and listed.org_nr == org_nr:
            return listed
        if words.intersection(listed.name_words):
            return listed
    return None

PAYEE_KINDS: Final[tuple[str, ...]] = ("party", "partner", "supplier")
ATTENDANCE_GROUPS: Final[tuple[str, ...]] = (*PARTIES, "asf", "participants", "other")
OUTCOME_KEYS: Final[tuple[str, ...]] = ("work", "studies", "job_seeking", "other")
GENDER_KEYS: Final[tuple[str, ...]] = ("women", "men", "other")

# What rules over data cannot decide: free text that mentions these words is listed by the
# proof "to review" under the rule it may hide (never as a violation). Word stems, matched
# case-insensitively from the start of a word ("lönebidrag" and "bidraget" match "bidrag"
# anywhere in a word). Swedish as the policy writes it (F4 "t.ex. affärsutveckling"),
# with English equivalents.
REVIEW_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "F1": ("bidrag", "grant", "subsid"),
    "F2": ("starta", "start-up", "startup", "start up"),
    "F4": ("affärsutveckl", "kompetensutveckl", "business development",
           "skills development", "competence development"),
}


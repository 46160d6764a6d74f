"""The rules of the policy, one record per code: F1–F4 (what the National Council forbids)
and R1–R9 (what follows from the positive policy).

Everything a rule says lives in its record: the rule in our words (the line the proof
prints for it and the title of a refusal), the policy's own words in Swedish and English,
the refusals its guards raise, the details its checks write in the compliance proof, and
where it applies (the commands its guards can refuse, the event types its check reads).
Grep a code (``"R5"``) to find the rule here, its guards in domain/ and its check in
projections/compliance/; grep a key (``"refusal.R5_exceeds"``) to find its words.

    from domain.rules import RULES, rule
    rule("R5").text("sv")                      # the rule in our words
    rule("R5").quote("en")                     # the policy's words
    rule("R5").check_text("check.R5", "en", paid=…, limit=…)
    rule("R5").refusal_text("refusal.R5_exceeds", "sv", amount=…, …)

The criteria C1–C4 and the measures S1–S7, I1–I3 are the policy's vocabulary, not rules
with guards of their own: they are in domain/reference.py (R2 and R9 guard the criteria).
Policy quotes are word for word from ``shared/policy/asf-policy-sv.txt``; the English is
our translation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from domain.events import (
    ActionPlanActionAdded,
    ActionPlanActionCompleted,
    ActionPlanActionCorrected,
    ActionPlanActionDropped,
    ActionPlanAdopted,
    ActionPlanVoided,
    AgreementEnded,
    AgreementFactCorrected,
    AgreementSigned,
    AgreementVoided,
    BoardMeetingFactCorrected,
    BoardMeetingHeld,
    BoardMeetingVoided,
    EffortFactCorrected,
    EffortStarted,
    EffortVoided,
    Event,
    ExpenditureRecorded,
    ExpenditureReversed,
    MembershipJoined,
    PartnerCriterionAssessed,
    PartnerOffboarded,
    PartnerOnboarded,
    PartnerVoided,
    SupervisorFundingDecided,
    SupervisorFundingFactCorrected,
    SupervisorFundingPaid,
    SupervisorFundingPaymentReversed,
    SupervisorFundingVoided,
)
from domain.reference import CRITERIA, INDIVIDUAL_MEASURES, STRUCTURAL_MEASURES
from domain.words import Words, fill

# A rule that applies to every command (its guard runs before any is decided): R7, no
# personal data anywhere (its check reads every event: ``events=(Event,)``).
EVERY: Final[tuple[str, ...]] = ("*",)

# key → (Swedish, English) templates, filled in by domain.words.fill.
Texts = Mapping[str, Words]


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of the policy: its code, its words, its refusals and its checks."""

    code: str
    sv: str  # the rule in our words: the proof's line for it, a refusal's title
    en: str
    quote_sv: str  # the policy's words
    quote_en: str
    commands: tuple[str, ...]  # commands its guards can refuse (EVERY: all of them)
    events: tuple[type[Event], ...]  # the event classes its check in the proof reads
    refusals: Texts  # refusal key → words, raised as Refusal(code, key, …) by a guard
    checks: Texts  # check key → words, a violation (or an item to review) in the proof

    def text(self, lang: str) -> str:
        return self.sv if lang == "sv" else self.en

    def quote(self, lang: str) -> str:
        return self.quote_sv if lang == "sv" else self.quote_en

    def refusal_text(self, key: str, lang: str, /, **params: Any) -> str:
        return fill(self.refusals[key], lang, **params)

    def check_text(self, key: str, lang: str, /, **params: Any) -> str:
        return fill(self.checks[key], lang, **params)


_FORBIDDEN_SV = "Samordningsförbunden ska därför inte: "
_FORBIDDEN_EN = "Coordination associations must therefore not: "
_ASF_SV = "Arbetsintegrerande sociala företag är företag som: " + " / ".join(
    CRITERIA[c].quote_sv for c in ("C1", "C2", "C3", "C4"))
_ASF_EN = "Work-integrating social enterprises are enterprises that: " + " / ".join(
    CRITERIA[c].quote_en for c in ("C1", "C2", "C3", "C4"))
_I3_SV, _I3_EN = INDIVIDUAL_MEASURES["I3"].quote_sv, INDIVIDUAL_MEASURES["I3"].quote_en
_S2_SV, _S2_EN = STRUCTURAL_MEASURES["S2"].quote_sv, STRUCTURAL_MEASURES["S2"].quote_en
_PLAN_SV = ("Utifrån denna policy kommer samordningsförbundet att göra en handlingsplan "
            "varje år som kopplas till verksamhetsplanen.")
_PLAN_EN = ("Based on this policy the association will make an action plan every year, "
            "linked to the operations plan.")


def _table(*rules: Rule) -> dict[str, Rule]:
    return {r.code: r for r in rules}


# F1–F4 then R1–R9, in the order the proof and the reports list them.
RULES: Final[dict[str, Rule]] = _table(
    Rule(
        "F1",
        "Kontantbidrag till enskilda näringsidkare",
        "Cash grants to individual businesses",
        quote_sv=_FORBIDDEN_SV + "ge stöd till enskilda näringsidkare i form av kontantbidrag",
        quote_en=_FORBIDDEN_EN + "give support to individual businesses in the form of cash grants",
        commands=("record_expenditure",),
        events=(ExpenditureRecorded, AgreementFactCorrected),
        refusals={
            "refusal.F1_purpose": (
                "utgiften {ref} är ett kontantbidrag (ändamål: {purpose})",
                "expenditure {ref} is a cash grant (purpose: {purpose})"),
            "refusal.F1_to_asf": (
                "utgiften {ref} går till ASF:et {org_nr} utan att vara betalning för en "
                "upphandlad tjänst enligt ett IOP- eller upphandlingsavtal med det "
                "(ändamål: {purpose}, kopplad till: {agreement}); pengar till ett ASF i "
                "annan form är ett kontantbidrag",
                "expenditure {ref} goes to the ASF {org_nr} without being payment for a "
                "procured service under an IOP or procurement agreement with it (purpose: "
                "{purpose}, linked to: {agreement}); money to an ASF in any other form is a "
                "cash grant"),
        },
        checks={
            "check.F1": (
                "kontantbidrag (ändamål: {purpose})",
                "a cash grant (purpose: {purpose})"),
            "check.F1_to_asf": (
                "pengar till ASF:et {org_nr} utan upphandlad tjänst enligt IOP- eller "
                "upphandlingsavtal med det (ändamål: {purpose}, kopplad till: {agreement})",
                "money to the ASF {org_nr} without a procured service under an IOP or "
                "procurement agreement with it (purpose: {purpose}, linked to: {agreement})"),
            "review.no_value": (
                "betalning enligt avtalet {agreement}, som saknar registrerat värde och "
                "omfattning",
                "payment under agreement {agreement}, which has no recorded value and scope"),
        },
    ),
    Rule(
        "F2",
        "Starta och utveckla ASF",
        "Starting or developing ASF",
        quote_sv=_FORBIDDEN_SV + "starta och utveckla ASF",
        quote_en=_FORBIDDEN_EN + "start or develop ASF",
        commands=("record_expenditure",),
        events=(ExpenditureRecorded,),
        refusals={
            "refusal.F2_purpose": (
                "utgiften {ref} startar eller utvecklar ett ASF (ändamål: {purpose})",
                "expenditure {ref} starts or develops an ASF (purpose: {purpose})"),
        },
        checks={
            "check.F2": (
                "start eller utveckling av ASF (ändamål: {purpose})",
                "starting or developing an ASF (purpose: {purpose})"),
        },
    ),
    Rule(
        "F3",
        "Medlemskap i ASF eller intresseorganisationer",
        "Membership in ASF or interest organisations",
        quote_sv=_FORBIDDEN_SV + "vara medlem i ASF eller i intresseorganisationer",
        quote_en=_FORBIDDEN_EN + "be a member of an ASF or of interest organisations",
        commands=("join_organisation", "record_expenditure"),
        events=(MembershipJoined, ExpenditureRecorded),
        refusals={
            "refusal.F3_join": (
                "medlemskap i {name} ({kind}) är medlemskap i ett ASF eller en "
                "intresseorganisation",
                "membership of {name} ({kind}) is membership of an ASF or an interest "
                "organisation"),
            "refusal.F3_listed": (
                "{name} ({kind}) är {listed}, en intresseorganisation för ASF enligt "
                "förbundets referenslista (källa: {source})",
                "{name} ({kind}) is {listed}, an ASF interest organisation by the "
                "association's reference list (source: {source})"),
            "refusal.F3_fee": (
                "medlemsavgiften {ref} till {payee} gäller ett ASF eller en intresseorganisation",
                "membership fee {ref} to {payee} is for an ASF or an interest organisation"),
        },
        checks={
            "check.F3_fee": (
                "medlemsavgift till ASF eller intresseorganisation ({payee})",
                "membership fee to an ASF or interest organisation ({payee})"),
            "check.F3_member": (
                "medlemskap i {name} ({kind})",
                "membership of {name} ({kind})"),
            "check.F3_listed": (
                "medlemskap i {name} ({kind}), som är {listed} på referenslistan över "
                "intresseorganisationer för ASF",
                "membership of {name} ({kind}), which is {listed} on the reference list of "
                "ASF interest organisations"),
        },
    ),
    Rule(
        "F4",
        "Kompetensutveckling till anställda på ASF",
        "Skills development for ASF employees",
        quote_sv=_FORBIDDEN_SV + ("finansiera kompetensutveckling till anställda på ASF t.ex. "
                                 "affärsutveckling."),
        quote_en=_FORBIDDEN_EN + ("finance skills development for employees at ASF, e.g. "
                                 "business development."),
        commands=("record_expenditure",),
        events=(ExpenditureRecorded,),
        refusals={
            "refusal.F4_purpose": (
                "utgiften {ref} finansierar kompetensutveckling för ASF-anställda (ändamål: "
                "{purpose})",
                "expenditure {ref} finances skills development for ASF staff (purpose: {purpose})"),
            "refusal.F4_staff": (
                "utgiften {ref} är {service} för {beneficiaries}, till eller för ett ASF: "
                "kompetensutveckling för ASF-anställda (bara platser för deltagare i "
                "målgruppen får köpas)",
                "expenditure {ref} is {service} for {beneficiaries}, paid to or for an ASF: "
                "skills development for ASF staff (only places for participants of the "
                "target group may be bought)"),
        },
        checks={
            "check.F4": (
                "kompetensutveckling för ASF-anställda (ändamål: {purpose})",
                "skills development for ASF staff (purpose: {purpose})"),
            "check.F4_staff": (
                "{service} för {beneficiaries}, till eller för ett ASF",
                "{service} for {beneficiaries}, paid to or for an ASF"),
        },
    ),
    Rule(
        "R1",
        "Handledaren är anställd hos en av parterna och betalningen går till arbetsgivaren",
        "The supervisor is employed by a party and payments go to that employer",
        quote_sv=_I3_SV, quote_en=_I3_EN,
        commands=("decide_supervisor_funding", "pay_supervisor_funding", "correct_fact"),
        events=(SupervisorFundingDecided, SupervisorFundingPaid,
                SupervisorFundingFactCorrected),
        refusals={
            "refusal.R1_employer": (
                "handledarens arbetsgivare {employer} är inte en av parterna ({parties})",
                "the supervisor's employer {employer} is not one of the parties ({parties})"),
            "refusal.R1_payee": (
                "betalningen för {ref} går till {payee}, men arbetsgivaren är {employer}",
                "the payment for {ref} goes to {payee}, but the employer is {employer}"),
            "refusal.R1_correction_paid": (
                "arbetsgivaren för {ref} kan inte rättas till {employer}: {payments} "
                "betalades till {payee} (återför dem först)",
                "the employer of {ref} cannot be corrected to {employer}: {payments} "
                "was paid to {payee} (reverse it first)"),
        },
        checks={
            "check.R1_employer": (
                "arbetsgivaren {employer} är inte en part",
                "employer {employer} is not a party"),
            "check.R1_payee": (
                "betalning till {payee}, arbetsgivaren är {employer}",
                "payment to {payee}, the employer is {employer}"),
            "check.R1_corrected": (
                "arbetsgivaren rättades till {employer}, men {voucher} betalades till {payee}",
                "the employer was corrected to {employer}, but {voucher} was paid to {payee}"),
        },
    ),
    Rule(
        "R2",
        "En partner tas in först när C1–C4 alla är uppfyllda",
        "A partner is onboarded only when C1–C4 are all met",
        quote_sv=_ASF_SV, quote_en=_ASF_EN,
        commands=("onboard_partner", "assess_criterion"),
        events=(PartnerOnboarded, PartnerCriterionAssessed),
        refusals={
            "refusal.R2_unmet": (
                "partnern {org_nr} uppfyller inte {criteria} enligt senaste bedömning per {day}",
                "partner {org_nr} does not meet {criteria} by its latest assessment on {day}"),
        },
        checks={
            "check.R2": (
                "antagen utan att uppfylla {criteria}",
                "onboarded without meeting {criteria}"),
            "check.R2_dated": (
                "antagen {day} fast {criteria} bedömdes som inte uppfyllt från {since} "
                "(bedömningen registrerades senare)",
                "onboarded on {day} although {criteria} was assessed as not met from {since} "
                "(an assessment recorded later)"),
        },
    ),
    Rule(
        "R3",
        "Avtal, handledarfinansiering och insatser bara med aktiva partner",
        "Agreements, supervisor funding and efforts only with active partners",
        quote_sv="Samverka med ASF för att stödja människor som är i behov av rehabilitering och "
        "arbetsträning för att de ska få möjlighet till arbete och sysselsättning",
        quote_en="Cooperate with ASF to support people who need rehabilitation and work training "
        "so that they get the chance of work and occupation",
        commands=("sign_agreement", "decide_supervisor_funding", "start_effort",
                  "offboard_partner", "correct_fact", "void_decision"),
        events=(AgreementSigned, SupervisorFundingDecided, EffortStarted,
                PartnerOffboarded, SupervisorFundingFactCorrected, EffortFactCorrected,
                AgreementFactCorrected, PartnerVoided),
        refusals={
            "refusal.R3_inactive": (
                "{what} {ref}: partnern {org_nr} är inte antagen {day}",
                "{what} {ref}: partner {org_nr} is not onboarded on {day}"),
        },
        checks={
            "check.R3": (
                "partnern {org_nr} var inte antagen på startdagen",
                "partner {org_nr} was not onboarded on the start date"),
            "check.R3_void_partner": (
                "partnern makulerades fast {dependents} bygger på den",
                "the partner was voided although {dependents} depend on it"),
            "check.R3_dated": (
                "partnern {org_nr} var inte antagen {day} (avslutad {ended})",
                "partner {org_nr} was not onboarded on {day} (offboarded {ended})"),
        },
    ),
    Rule(
        "R4",
        "Pengar till en partner kräver ett aktivt avtal på betalningsdagen",
        "Money to a partner needs an agreement active on the payment date",
        quote_sv=_S2_SV, quote_en=_S2_EN,
        commands=("record_expenditure", "end_agreement", "correct_fact", "void_decision"),
        events=(ExpenditureRecorded, AgreementEnded, AgreementFactCorrected, AgreementVoided),
        refusals={
            "refusal.R4_no_agreement": (
                "utgiften {ref} till partnern {org_nr} saknar ett avtal som gäller {day}",
                "expenditure {ref} to partner {org_nr} has no agreement active on {day}"),
        },
        checks={
            "check.R4_corrected": (
                "betalningen till {org_nr} {day} har inget gällande avtal sedan avtalet "
                "{agreement} rättades eller makulerades",
                "the payment to {org_nr} on {day} has no active agreement since agreement "
                "{agreement} was corrected or voided"),
            "check.R4": (
                "betalning till {org_nr} utan gällande avtal",
                "payment to {org_nr} without an active agreement"),
            "check.R4_dated": (
                "betalning till {org_nr} {day} efter att avtalet {agreement} avslutades {ended} "
                "(avslutet registrerades senare)",
                "payment to {org_nr} on {day} after agreement {agreement} was ended on {ended} "
                "(an end recorded later)"),
        },
    ),
    Rule(
        "R5",
        "Betalningar överskrider aldrig beslutat belopp eller budget",
        "Payments never exceed the decided amount or budget",
        quote_sv="Styrelsen för Samordningsförbundet har ansvar för att denna policy efterlevs.",
        quote_en="The association's board is responsible for this policy being followed.",
        commands=("pay_supervisor_funding", "record_expenditure", "reverse_payment",
                  "reverse_expenditure", "correct_fact", "void_decision"),
        events=(SupervisorFundingDecided, EffortStarted, SupervisorFundingPaid,
                ExpenditureRecorded, SupervisorFundingPaymentReversed, ExpenditureReversed,
                SupervisorFundingFactCorrected, EffortFactCorrected,
                SupervisorFundingVoided, EffortVoided, AgreementFactCorrected,
                AgreementVoided),
        refusals={
            "refusal.R5_exceeds": (
                "{amount} mot {ref} skulle överskrida {limit} ({spent} redan betalt)",
                "{amount} against {ref} would exceed {limit} ({spent} already paid)"),
            "refusal.R5_reverse_unpaid": (
                "{ref} har ingen utbetalning med verifikation {voucher} att återföra",
                "{ref} has no payment with voucher {voucher} to reverse"),
            "refusal.R5_correction_below_paid": (
                "{ref} kan inte rättas till {amount}: {spent} är redan betalt mot den",
                "{ref} cannot be corrected to {amount}: {spent} is already paid against it"),
        },
        checks={
            "check.R5": (
                "betalt {paid} av beslutade {limit}",
                "{paid} paid of {limit} decided"),
            "check.R5_no_effort": (
                "insatsfinansiering mot okänd insats {ref}",
                "effort financing against unknown effort {ref}"),
            "check.R5_reverse_unpaid": (
                "återföring av en utbetalning som aldrig gjordes ({voucher})",
                "a reversal of a payment never made ({voucher})"),
            "check.R5_reversed_twice": (
                "utgiften återfördes en andra gång",
                "the expenditure was reversed a second time"),
            "check.R5_void_paid": (
                "makulerad med {paid} öre betalt mot den",
                "voided with {paid} öre paid against it"),
        },
    ),
    Rule(
        "R6",
        "Åtgärder avslutas bara i en antagen handlingsplan; en per år",
        "Actions are completed or dropped only in an adopted plan; one per year",
        quote_sv=_PLAN_SV, quote_en=_PLAN_EN,
        commands=("add_action", "adopt_action_plan", "complete_action", "drop_action",
                  "correct_fact", "void_decision"),
        events=(ActionPlanActionAdded, ActionPlanAdopted, ActionPlanActionCompleted,
                ActionPlanActionDropped, ActionPlanActionCorrected, ActionPlanVoided),
        refusals={
            "refusal.R6_correct_needs_decision": (
                "handlingsplanen {year} är antagen: en rättelse av åtgärden {action} kräver "
                "en beslutsreferens",
                "the {year} action plan is adopted: a correction of action {action} needs a "
                "decision_ref"),
            "refusal.R6_add_needs_decision": (
                "handlingsplanen {year} är antagen: åtgärden {action} kräver en beslutsreferens",
                "the {year} action plan is adopted: action {action} needs a decision_ref"),
            "refusal.R6_void_needs_decision": (
                "handlingsplanen {year} är antagen: att makulera den kräver en "
                "beslutsreferens",
                "the {year} action plan is adopted: voiding it needs a decision_ref"),
            "refusal.R6_already_adopted": (
                "handlingsplanen {year} antogs redan {day}",
                "the {year} action plan was already adopted on {day}"),
            "refusal.R6_not_adopted": (
                "handlingsplanen {year} är inte antagen, så åtgärden {action} kan inte avslutas",
                "the {year} action plan is not adopted, so action {action} cannot be closed"),
            "refusal.R6_before_adoption": (
                "åtgärden {action} kan inte avslutas {day}, före planens antagande {adopted}",
                "action {action} cannot be closed on {day}, before the plan's adoption on "
                "{adopted}"),
        },
        checks={
            "check.R6_added": (
                "åtgärden {action} lades till efter antagandet utan beslut",
                "action {action} added after adoption without a decision"),
            "check.R6_corrected": (
                "åtgärden {action} rättades efter antagandet utan beslut",
                "action {action} corrected after adoption without a decision"),
            "check.R6_voided_without_decision": (
                "den antagna handlingsplanen makulerades utan beslut",
                "the adopted plan was voided without a decision"),
            "check.R6_plan_voided": (
                "handlingsplanen makulerades fast åtgärderna {actions} avslutades i den",
                "the plan was voided although actions {actions} were closed in it"),
            "check.R6_twice": (
                "handlingsplanen antogs en andra gång",
                "the plan was adopted twice"),
            "check.R6_unadopted": (
                "åtgärden {action} avslutades i en plan som inte var antagen",
                "action {action} closed in a plan that was not adopted"),
            "check.R6_not_open": (
                "åtgärden {action} var inte öppen",
                "action {action} was not open"),
        },
    ),
    Rule(
        "R7",
        "Inga personuppgifter: deltagare räknas, namnges aldrig",
        "No personal data: participants are counted, never named",
        quote_sv="Målgrupper – eller vilka kan bli deltagare och medarbetare i ASF?",
        quote_en="Target groups – or who can become participants and staff at ASF?",
        commands=EVERY,
        events=(Event,),
        refusals={
            "refusal.R7_personal_data": (
                "fältet {field} innehåller ett personnummer eller samordningsnummer",
                "field {field} contains a personal identity or coordination number"),
            "refusal.R7_actor_option": (
                "den som registrerar (--actor) är ett personnummer eller samordningsnummer; ange "
                "ett namn eller användar-id",
                "the actor (--actor) is a personal identity or coordination number; give a name "
                "or a user id"),
            "refusal.R7_actor_env": (
                "den som registrerar ($ASFLEDGER_ACTOR) är ett personnummer eller "
                "samordningsnummer; ange ett namn eller användar-id",
                "the actor ($ASFLEDGER_ACTOR) is a personal identity or coordination number; give"
                " a name or a user id"),
            "refusal.R7_actor_os_user": (
                "operativsystemets användarnamn, som används som den som registrerar, är ett "
                "personnummer eller samordningsnummer; ange --actor eller $ASFLEDGER_ACTOR",
                "the operating-system user name, used as the actor, is a personal identity or "
                "coordination number; give --actor or $ASFLEDGER_ACTOR"),
        },
        checks={
            "check.R7": (
                "personnummer eller samordningsnummer i händelsen",
                "a personal identity or coordination number in the event"),
        },
    ),
    Rule(
        "R8",
        "Varje år har en handlingsplan, kopplad till verksamhetsplanen och antagen av styrelsen "
        "på ett registrerat styrelsemöte",
        "Every year has an action plan, linked to the operations plan and adopted by the board at"
        " a recorded board meeting",
        quote_sv=_PLAN_SV, quote_en=_PLAN_EN,
        commands=("adopt_action_plan", "correct_fact", "void_decision"),
        events=(ActionPlanAdopted, BoardMeetingHeld,
                BoardMeetingFactCorrected, BoardMeetingVoided, ActionPlanVoided),
        refusals={
            "refusal.R8_meeting_depends": (
                "styrelsemötet {key} kan inte rättas i {field}: {dependents} antogs där, den "
                "dag det hölls",
                "board meeting {key} cannot have its {field} corrected: {dependents} was "
                "adopted at it, on the day it was held"),
            "refusal.R8_no_meeting": (
                "handlingsplanen {year}: beslutet {ref} nämner inget styrelsemöte som finns i "
                "liggaren (registrera mötet först)",
                "the {year} action plan: decision {ref} names no board meeting recorded in the "
                "ledger (record the meeting first)"),
            "refusal.R8_meeting_day": (
                "handlingsplanen {year}: styrelsemötet {ref} hölls {held}, inte {day}",
                "the {year} action plan: board meeting {ref} was held on {held}, not on {day}"),
        },
        checks={
            "check.R8_meeting_corrected": (
                "handlingsplanen {year} antogs vid styrelsemötet {ref}, som sedan rättades "
                "eller makulerades",
                "the {year} action plan was adopted at board meeting {ref}, which was later "
                "corrected or voided"),
            "check.R8_missing": (
                "år {year} slutade utan en antagen handlingsplan",
                "the year {year} ended without an adopted action plan"),
            "check.R8_no_meeting": (
                "handlingsplanen antogs {adopted} utan ett registrerat styrelsemöte den dagen "
                "({ref})",
                "the action plan was adopted on {adopted} without a board meeting recorded for "
                "that day ({ref})"),
            "review.R8_open": (
                "år {year} pågår: handlingsplanen är inte antagen än (öppen, varken överträdelse "
                "eller bevisad)",
                "the year {year} is running: its action plan is not adopted yet (open: neither a "
                "violation nor proven)"),
        },
    ),
    Rule(
        "R9",
        "Kriterierna C1–C4 gäller vid varje beslut, inte bara vid antagandet",
        "The criteria C1–C4 hold at every decision, not only at onboarding",
        quote_sv=_ASF_SV, quote_en=_ASF_EN,
        commands=("assess_criterion", "sign_agreement", "decide_supervisor_funding",
                  "pay_supervisor_funding", "start_effort", "record_expenditure",
                  "correct_fact"),
        events=(PartnerCriterionAssessed, AgreementSigned, SupervisorFundingDecided,
                SupervisorFundingPaid, EffortStarted, ExpenditureRecorded,
                AgreementFactCorrected),
        refusals={
            "refusal.R9_unmet": (
                "{what} {ref}: partnern {org_nr} uppfyller inte {criteria} enligt senaste "
                "bedömning per {day} (ej uppfyllt sedan {since})",
                "{what} {ref}: partner {org_nr} does not meet {criteria} by its latest assessment"
                " on {day} (not met since {since})"),
            "refusal.R9_assessment": (
                "bedömningen att {org_nr} inte uppfyller {criterion} från {day} strider mot redan"
                " registrerade beslut: {conflicts}",
                "assessing {org_nr} as not meeting {criterion} from {day} conflicts with "
                "decisions already recorded: {conflicts}"),
        },
        checks={
            "check.R9": (
                "beslut för {org_nr} när {criteria} inte var uppfyllt (sedan {since})",
                "decision for {org_nr} while {criteria} was not met (since {since})"),
        },
    ),
)


def rule(code: str) -> Rule:
    """The rule ``code`` (F1–F4, R1–R9)."""
    return RULES[code]


def rule_texts() -> dict[str, Words]:
    """Every refusal and check text of every rule by key, for the domain's messages."""
    return {key: words for r in RULES.values()
            for key, words in (*r.refusals.items(), *r.checks.items())}

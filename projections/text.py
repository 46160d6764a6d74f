"""The read models' words in Swedish and English: the timeline of events, the 360Giving
export and the proof's words that are not a rule's.

Keys not found here are looked up in the layers below (``domain.text``); see
domain/text.py.
"""

from __future__ import annotations

from typing import Final

from domain.text import CATALOGUE as BELOW
from domain.text import Catalogue
from domain.words import Words

MESSAGES: Final[dict[str, Words]] = {
    # Compliance checks (over stored events) ------------------------------------------------
    "check.unknown_type": ("okänd händelsetyp {type}: beviset kan inte föras",
                           "unknown event type {type}: the proof cannot be made"),
    "check.unreadable": ("händelsen går inte att läsa: {error}",
                         "the event cannot be read: {error}"),
    # Free text that may hide a rule (domain/reference.py REVIEW_WORDS): to review.
    "review.words": ("fritexten nämner ”{word}”: {text}",
                     "the free text mentions “{word}”: {text}"),
    "replay.note": ("{sentence} – anteckning: {note}", "{sentence} – note: {note}"),
    "replay.from": ("från {day}", "from {day}"),
    "replay.none": ("inga", "none"),
    "replay.decision": (" (beslut {decision})", " (decision {decision})"),
    "replay.value": (", värde {amount}", ", value {amount}"),
    "replay.scope": (", omfattning: {scope}", ", scope: {scope}"),
    "replay.met": ("uppfyllt", "met"),
    "replay.not_met": ("inte uppfyllt", "not met"),
    "replay.gender": ("kvinnor {women}, män {men}, annat {other}",
                      "women {women}, men {men}, other {other}"),
    "replay.supplier": ("leverantören {payee} ({legal_form})",
                        "supplier {payee} ({legal_form})"),
    "replay.linked": (", avser {ref}", ", for {ref}"),
    # privacy: the board's redaction (issue 15).
    # Corrections: each names the position it corrects, who, when (the line) and why.
    "replay.corrects": (" (rättar position {position})", " (corrects position {position})"),
    "replay.unknown_event": (
        "händelse av okänd typ {type} för {subject}",
        "event of unknown type {type} for {subject}"),
    "replay.unreadable_event": (
        "oläslig händelse: {error}", "unreadable event: {error}"),
    # Open data: the 360Giving export (asfledger export 360giving) --------------------------
    "export.funding.title": (
        "Handledarfinansiering {ref}: handledare på {partner}",
        "Supervisor funding {ref}: a supervisor at {partner}"),
    "export.funding.description": (
        "”{measure}” Handledare anställd hos {employer} ({fte} % av heltid) som stödjer "
        "målgruppen på {partner}; målgrupper: {groups}. Utbetalningar går till "
        "arbetsgivaren. Beslut {decision}.",
        "“{measure}” A supervisor employed by {employer} ({fte}% of full time) who supports "
        "the target group at {partner}; target groups: {groups}. Payments go to the "
        "employer. Decision {decision}."),
    "export.effort.title": (
        "Insats {ref}: {measure_title} på {partner}",
        "Effort {ref}: {measure_title} at {partner}"),
    "export.effort.description": (
        "”{measure}”. Insatsen drivs av {run_by}. Beslut {decision}.",
        "“{measure}”. The effort is run by {run_by}. Decision {decision}."),
    "export.effort.no_decision_date": (
        "Beslutets datum finns inte i liggaren: tilldelningsdatum är insatsens startdatum.",
        "The ledger does not hold the date of the decision: the award date is the "
        "effort's start date."),
    "export.effort.paid_title": (
        "Insats {ref}: betalningar till {recipient}",
        "Effort {ref}: payments to {recipient}"),
    "export.effort.paid_to": (
        "Den här delen betalades till {recipient} enligt avtal med förbundet (köp av "
        "tjänst, inte kontantbidrag); resten av insatsens budget går till {run_by}.",
        "This part was paid to {recipient} under its agreement with the association (a "
        "purchase, not a cash grant); the rest of the effort's budget goes to {run_by}."),
    "export.open_ended": (
        "Tills vidare: beslutet har inget slutdatum.",
        "Until further notice: the decision has no end date."),
    "export.location.city": ("Stockholms stad", "City of Stockholm"),
    "export.package.title": (
        "{funder}: beslut om handledarfinansiering och insatser för ASF",
        "{funder}: decisions on supervisor funding and efforts for ASF"),
    "export.package.description": (
        "Förbundets beslut enligt ASF-policyn (I1–I3) i 360Giving-standarden, med "
        "mottagaren av varje betalning. Belopp i kronor.",
        "The association's decisions under the ASF policy (I1–I3) in the 360Giving Data "
        "Standard, with the recipient of each payment. Amounts in SEK."),
}

# What each event type did, in the policy's words: the timeline's sentence for it.
EVENT_SENTENCES: Final[dict[str, Words]] = {
    "Partner.Registered": (
        "Partnern {partner} registrerades ({legal_form}; {districts})",
        "registered partner {partner} ({legal_form}; {districts})"),
    "Partner.CriterionAssessed": (
        "{criterion} bedömdes som {met} för {partner} per {day}: {evidence}",
        "assessed {criterion} as {met} for {partner} on {day}: {evidence}"),
    "Partner.Onboarded": (
        "Partnern {partner} antogs {day} (beslut {decision})",
        "onboarded partner {partner} on {day} (decision {decision})"),
    "Partner.Offboarded": (
        "Partnerskapet med {partner} avslutades {day}: {reason}",
        "offboarded partner {partner} on {day}: {reason}"),
    "Partner.AgreementLinked": (
        "Avtalet {ref} knöts till partnern {partner}",
        "linked agreement {ref} to partner {partner}"),
    "Partner.DecisionLinked": (
        "Beslutet {ref} knöts till partnern {partner}",
        "linked decision {ref} to partner {partner}"),
    "Agreement.Signed": (
        "Avtalet {ref} ({kind}) med {partner} tecknades, gäller {period}{value} "
        "(beslut {decision})",
        "signed agreement {ref} ({kind}) with {partner}, valid {period}{value} "
        "(decision {decision})"),
    "Agreement.Ended": (
        "Avtalet {ref} avslutades {day}: {reason}",
        "ended agreement {ref} on {day}: {reason}"),
    "Agreement.Charged": (
        "{amount} betalades enligt avtalet {ref} {day} (utgiften {expenditure})",
        "paid {amount} under agreement {ref} on {day} (expenditure {expenditure})"),
    "Agreement.ChargeReversed": (
        "{amount} återfördes till avtalet {ref} {reversed_on} (utgiften {expenditure}, "
        "betald {day}, återförd)",
        "returned {amount} to agreement {ref} on {reversed_on} (expenditure "
        "{expenditure}, paid on {day}, reversed)"),
    "SupervisorFunding.Decided": (
        "Handledarfinansieringen {ref} beslutades {day}: {amount} för en handledare på "
        "{partner}, anställd hos {employer} ({fte} %), {period}; målgrupper: {groups} "
        "(beslut {decision})",
        "decided supervisor funding {ref} on {day}: {amount} for a supervisor at {partner}, "
        "employed by {employer} ({fte}%), {period}; target groups: {groups} "
        "(decision {decision})"),
    "SupervisorFunding.Paid": (
        "{amount} betalades ut {day} till {payee} för handledarfinansieringen {ref} "
        "(verifikation {voucher})",
        "paid {amount} on {day} to {payee} for supervisor funding {ref} "
        "(voucher {voucher})"),
    "SupervisorFunding.Ended": (
        "Handledarfinansieringen {ref} avslutades {day}: {reason}",
        "ended supervisor funding {ref} on {day}: {reason}"),
    "Activity.Planned": (
        "Aktiviteten {ref} ({kind}) planerades till {day}: ”{title}”{districts}",
        "planned activity {ref} ({kind}) for {day}: “{title}”{districts}"),
    "Activity.Held": (
        "Aktiviteten {ref} genomfördes {day} med {total} närvarande ({attendance})",
        "held activity {ref} on {day} with {total} attending ({attendance})"),
    "Activity.Cancelled": (
        "Aktiviteten {ref} ställdes in: {reason}",
        "cancelled activity {ref}: {reason}"),
    "StructuralWork.Logged": (
        "Strukturarbetet {ref} ({measure}) utfördes {day}: {description}",
        "logged structural work {ref} ({measure}) done on {day}: {description}"),
    "ActionPlan.Drafted": (
        "Handlingsplanen {year} upprättades som utkast, kopplad till verksamhetsplanen "
        "{operations_plan}",
        "drafted the {year} action plan, linked to operations plan {operations_plan}"),
    "ActionPlan.ActionAdded": (
        "Åtgärden {action} ({measure}) lades till i handlingsplanen {year}: {description}; "
        "ansvarig {owner}, klar senast {due}{decision}",
        "added action {action} ({measure}) to the {year} action plan: {description}; "
        "owner {owner}, due {due}{decision}"),
    "ActionPlan.Adopted": (
        "Handlingsplanen {year} antogs {day} (beslut {decision})",
        "adopted the {year} action plan on {day} (decision {decision})"),
    "ActionPlan.ActionCompleted": (
        "Åtgärden {action} i handlingsplanen {year} genomfördes {day}: {outcome}",
        "completed action {action} of the {year} action plan on {day}: {outcome}"),
    "ActionPlan.ActionDropped": (
        "Åtgärden {action} i handlingsplanen {year} ströks {day}: {reason}",
        "dropped action {action} of the {year} action plan on {day}: {reason}"),
    "Effort.Started": (
        "Insatsen {ref} ({measure}) på {partner} startade, {period}, driven av {run_by}, "
        "budget {amount} (beslut {decision})",
        "started effort {ref} ({measure}) at {partner}, {period}, run by {run_by}, "
        "budget {amount} (decision {decision})"),
    "Effort.ParticipantsReported": (
        "Insatsen {ref} rapporterade {total} deltagare för {period}: {counts}",
        "reported {total} participants in effort {ref} for {period}: {counts}"),
    "Effort.OutcomesReported": (
        "Insatsen {ref} rapporterade utfall för {period}: arbete {work}, studier {studies}, "
        "arbetssökande {job_seeking}, annat {other}",
        "reported outcomes of effort {ref} for {period}: work {work}, studies {studies}, "
        "job seeking {job_seeking}, other {other}"),
    "Effort.Completed": (
        "Insatsen {ref} avslutades {day}",
        "completed effort {ref} on {day}"),
    "Effort.Charged": (
        "{amount} belastade budgeten för insatsen {ref} {day} (utgiften {expenditure})",
        "charged {amount} to the budget of effort {ref} on {day} "
        "(expenditure {expenditure})"),
    "Expenditure.Recorded": (
        "Utgiften {ref} betalades {day}: {amount} till {payee} för {purpose}{linked}: "
        "{description}",
        "recorded expenditure {ref} paid on {day}: {amount} to {payee} for {purpose}"
        "{linked}: {description}"),
    "Membership.Joined": (
        "Förbundet gick med i {name} ({kind}) {day}, medlemskapet {ref} "
        "(beslut {decision})",
        "joined {name} ({kind}) on {day}, membership {ref} (decision {decision})"),
    "Membership.Left": (
        "Medlemskapet {ref} ({name}) upphörde {day}",
        "left membership {ref} ({name}) on {day}"),
    "BoardMeeting.Held": (
        "Styrelsemötet {ref} hölls {day} (protokoll {minutes})",
        "held board meeting {ref} on {day} (minutes {minutes})"),
    "Redaction.Redacted": (
        "Fältet {field} i position {position} maskerades enligt {decision}: {reason}",
        "redacted field {field} of position {position} by decision {decision}: {reason}"),
    "SupervisorFunding.PaymentReversed": (
        "Utbetalningen {voucher} ({amount} till {payee}, {day}) för "
        "handledarfinansieringen {ref} återfördes {reversed_on}{corrects}: {reason}{decision}",
        "reversed payment {voucher} ({amount} to {payee} on {day}) of supervisor funding "
        "{ref} on {reversed_on}{corrects}: {reason}{decision}"),
    "Expenditure.Reversed": (
        "Utgiften {ref} ({amount} för {purpose}{linked}, betald {day}) återfördes "
        "{reversed_on}{corrects}: {reason}{decision}",
        "reversed expenditure {ref} ({amount} for {purpose}{linked}, paid on {day}) on "
        "{reversed_on}{corrects}: {reason}{decision}"),
    "Effort.ChargeReversed": (
        "{amount} återfördes till budgeten för insatsen {ref} {reversed_on} (utgiften "
        "{expenditure}, betald {day}, återförd)",
        "returned {amount} to the budget of effort {ref} on {reversed_on} (expenditure "
        "{expenditure}, paid on {day}, reversed)"),
    "Partner.FactCorrected": (
        "Partnern {ref}: {field} rättades från {old} till {new}{corrects}: {reason}{decision}",
        "corrected {field} of partner {ref} from {old} to {new}{corrects}: {reason}"
        "{decision}"),
    "SupervisorFunding.FactCorrected": (
        "Handledarfinansieringen {ref}: {field} rättades från {old} till {new}{corrects}: "
        "{reason}{decision}",
        "corrected {field} of supervisor funding {ref} from {old} to {new}{corrects}: "
        "{reason}{decision}"),
    "Effort.FactCorrected": (
        "Insatsen {ref}: {field} rättades från {old} till {new}{corrects}: {reason}{decision}",
        "corrected {field} of effort {ref} from {old} to {new}{corrects}: {reason}"
        "{decision}"),
    "Activity.FactCorrected": (
        "Aktiviteten {ref}: {field} rättades från {old} till {new}{corrects}: "
        "{reason}{decision}",
        "corrected {field} of activity {ref} from {old} to {new}{corrects}: {reason}"
        "{decision}"),
    "StructuralWork.FactCorrected": (
        "Strukturarbetet {ref}: {field} rättades från {old} till {new}{corrects}: "
        "{reason}{decision}",
        "corrected {field} of structural work {ref} from {old} to {new}{corrects}: "
        "{reason}{decision}"),
    "Expenditure.FactCorrected": (
        "Utgiften {ref}: {field} rättades från {old} till {new}{corrects}: {reason}{decision}",
        "corrected {field} of expenditure {ref} from {old} to {new}{corrects}: {reason}"
        "{decision}"),
    "Partner.Voided": (
        "Registreringen av partnern {ref} makulerades{corrects}: {reason}{decision}",
        "voided the registration of partner {ref}{corrects}: {reason}{decision}"),
    "SupervisorFunding.Voided": (
        "Beslutet om handledarfinansieringen {ref} makulerades{corrects}: {reason}{decision}",
        "voided the decision on supervisor funding {ref}{corrects}: {reason}{decision}"),
    "Effort.Voided": (
        "Beslutet om insatsen {ref} makulerades{corrects}: {reason}{decision}",
        "voided the decision on effort {ref}{corrects}: {reason}{decision}"),
    "Agreement.FactCorrected": (
        "Avtalet {ref}: {field} rättades från {old} till {new}{corrects}: {reason}{decision}",
        "corrected {field} of agreement {ref} from {old} to {new}{corrects}: {reason}"
        "{decision}"),
    "Agreement.Voided": (
        "Avtalet {ref} makulerades{corrects}: {reason}{decision}",
        "voided agreement {ref}{corrects}: {reason}{decision}"),
    "Membership.FactCorrected": (
        "Medlemskapet {ref}: {field} rättades från {old} till {new}{corrects}: "
        "{reason}{decision}",
        "corrected {field} of membership {ref} from {old} to {new}{corrects}: {reason}"
        "{decision}"),
    "Membership.Voided": (
        "Medlemskapet {ref} makulerades{corrects}: {reason}{decision}",
        "voided membership {ref}{corrects}: {reason}{decision}"),
    "BoardMeeting.FactCorrected": (
        "Styrelsemötet {ref}: {field} rättades från {old} till {new}{corrects}: "
        "{reason}{decision}",
        "corrected {field} of board meeting {ref} from {old} to {new}{corrects}: {reason}"
        "{decision}"),
    "BoardMeeting.Voided": (
        "Styrelsemötet {ref} makulerades{corrects}: {reason}{decision}",
        "voided board meeting {ref}{corrects}: {reason}{decision}"),
    "ActionPlan.ActionCorrected": (
        "Handlingsplanen {ref}, åtgärden {action}: {field} rättades från {old} till {new}"
        "{corrects}: {reason}{decision}",
        "corrected {field} of action {action} of the {ref} action plan from {old} to {new}"
        "{corrects}: {reason}{decision}"),
    "ActionPlan.Voided": (
        "Handlingsplanen {ref} makulerades{corrects}: {reason}{decision}",
        "voided the {ref} action plan{corrects}: {reason}{decision}"),
    "ActionPlan.Redrafted": (
        "Handlingsplanen {ref} upprättades på nytt som utkast, kopplad till "
        "verksamhetsplanen {operations_plan}",
        "drafted the {ref} action plan again, linked to operations plan {operations_plan}"),
    "ActionPlan.FactCorrected": (
        "Handlingsplanen {ref}: {field} rättades från {old} till {new}{corrects}: "
        "{reason}{decision}",
        "corrected {field} of the {ref} action plan from {old} to {new}{corrects}: "
        "{reason}{decision}"),
    "Activity.Voided": (
        "Aktiviteten {ref} makulerades{corrects}: {reason}{decision}",
        "voided activity {ref}{corrects}: {reason}{decision}"),
    "StructuralWork.Voided": (
        "Strukturarbetet {ref} makulerades{corrects}: {reason}{decision}",
        "voided structural work {ref}{corrects}: {reason}{decision}"),
}

# The attendance groups that are not a party (those go by the party's name).
ATTENDANCE_GROUP_NAMES: Final[dict[str, Words]] = {
    "asf": ("ASF", "ASF"),
    "participants": ("deltagare", "participants"),
    "other": ("övriga", "others"),
}

CATALOGUE: Final = Catalogue(MESSAGES, below=BELOW)
translate: Final = CATALOGUE.translate

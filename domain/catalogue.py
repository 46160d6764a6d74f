"""The one catalogue of user-facing text, in Swedish and English.

Every message the domain, the command line and the UI show is a key here with its
Swedish and English template. ``translate(key, lang, **params)`` fills in the template.
"""

from __future__ import annotations

from typing import Any, Final

LANGUAGES: Final = ("sv", "en")

# key → (Swedish, English)
MESSAGES: Final[dict[str, tuple[str, str]]] = {
    # Refusals --------------------------------------------------------------------------
    "refusal.rule": (
        "Avvisat enligt {code}: {detail}. Policyn: »{quote_sv}« ({quote_en})",
        "Refused under {code}: {detail}. The policy: “{quote_sv}” ({quote_en})",
    ),
    "refusal.duplicate": (
        "{kind} {key} finns redan i liggaren",
        "the {kind} {key} is already in the ledger",
    ),
    "refusal.unknown": (
        "{kind} {key} finns inte i liggaren",
        "the {kind} {key} is not in the ledger",
    ),
    "refusal.date_before": (
        "{subject}: {field} {day} ligger före {other}",
        "{subject}: {field} {day} is before {other}",
    ),
    "refusal.already_ended": (
        "{subject} avslutades redan {day}",
        "{subject} was already ended on {day}",
    ),
    "refusal.already_completed": (
        "insatsen {ref} avslutades redan {day}",
        "effort {ref} was already completed on {day}",
    ),
    "refusal.already_left": (
        "medlemskapet {ref} upphörde redan {day}",
        "membership {ref} already ended on {day}",
    ),
    "refusal.partner_already_onboarded": (
        "partnern {org_nr} är redan antagen",
        "partner {org_nr} is already onboarded",
    ),
    "refusal.partner_not_onboarded": (
        "partnern {org_nr} är inte antagen",
        "partner {org_nr} is not onboarded",
    ),
    "refusal.activity_held": (
        "aktiviteten {ref} genomfördes redan {day}",
        "activity {ref} was already held on {day}",
    ),
    "refusal.activity_cancelled": (
        "aktiviteten {ref} är inställd",
        "activity {ref} is cancelled",
    ),
    "refusal.duplicate_voucher": (
        "verifikationen {voucher} är redan bokförd mot {ref}",
        "voucher {voucher} is already recorded against {ref}",
    ),
    "refusal.duplicate_action": (
        "åtgärden {action} finns redan i handlingsplanen {year}",
        "action {action} is already in the {year} action plan",
    ),
    "refusal.unknown_action": (
        "åtgärden {action} finns inte i handlingsplanen {year}",
        "action {action} is not in the {year} action plan",
    ),
    "refusal.action_closed": (
        "åtgärden {action} är redan {status}",
        "action {action} is already {status}",
    ),
    "refusal.R1_employer": (
        "handledarens arbetsgivare {employer} är inte en av parterna ({parties})",
        "the supervisor's employer {employer} is not one of the parties ({parties})",
    ),
    "refusal.R1_payee": (
        "betalningen för {ref} går till {payee}, men arbetsgivaren är {employer}",
        "the payment for {ref} goes to {payee}, but the employer is {employer}",
    ),
    "refusal.R2_unmet": (
        "partnern {org_nr} uppfyller inte {criteria} enligt senaste bedömning per {day}",
        "partner {org_nr} does not meet {criteria} by its latest assessment on {day}",
    ),
    "refusal.R3_inactive": (
        "{what} {ref}: partnern {org_nr} är inte antagen {day}",
        "{what} {ref}: partner {org_nr} is not onboarded on {day}",
    ),
    "refusal.R4_no_agreement": (
        "utgiften {ref} till partnern {org_nr} saknar ett avtal som gäller {day}",
        "expenditure {ref} to partner {org_nr} has no agreement active on {day}",
    ),
    "refusal.R5_exceeds": (
        "{amount} kr mot {ref} skulle överskrida {limit} kr ({spent} kr redan betalt)",
        "SEK {amount} against {ref} would exceed SEK {limit} (SEK {spent} already paid)",
    ),
    "refusal.R6_add_needs_decision": (
        "handlingsplanen {year} är antagen: åtgärden {action} kräver decision_ref",
        "the {year} action plan is adopted: action {action} needs a decision_ref",
    ),
    "refusal.R6_already_adopted": (
        "handlingsplanen {year} antogs redan {day}",
        "the {year} action plan was already adopted on {day}",
    ),
    "refusal.R6_not_adopted": (
        "handlingsplanen {year} är inte antagen, så åtgärden {action} kan inte avslutas",
        "the {year} action plan is not adopted, so action {action} cannot be closed",
    ),
    "refusal.R6_before_adoption": (
        "åtgärden {action} kan inte avslutas {day}, före planens antagande {adopted}",
        "action {action} cannot be closed on {day}, before the plan's adoption on {adopted}",
    ),
    "refusal.R7_personal_data": (
        "fältet {field} innehåller ett personnummer eller samordningsnummer",
        "field {field} contains a personal identity or coordination number",
    ),
    "refusal.F1_purpose": (
        "utgiften {ref} är ett kontantbidrag ({purpose})",
        "expenditure {ref} is a cash grant ({purpose})",
    ),
    "refusal.F2_purpose": (
        "utgiften {ref} startar eller utvecklar ett ASF ({purpose})",
        "expenditure {ref} starts or develops an ASF ({purpose})",
    ),
    "refusal.F3_join": (
        "medlemskap i {name} ({kind}) är medlemskap i ett ASF eller en intresseorganisation",
        "membership of {name} ({kind}) is membership of an ASF or an interest organisation",
    ),
    "refusal.F3_fee": (
        "medlemsavgiften {ref} till {payee} gäller ett ASF eller en intresseorganisation",
        "membership fee {ref} to {payee} is for an ASF or an interest organisation",
    ),
    "refusal.F4_purpose": (
        "utgiften {ref} finansierar kompetensutveckling för ASF-anställda ({purpose})",
        "expenditure {ref} finances skills development for ASF staff ({purpose})",
    ),
    # Invalid input ---------------------------------------------------------------------
    "invalid.not_a_party": (
        "fältet {field}: {value} är inte en part ({parties})",
        "field {field}: {value} is not a party ({parties})",
    ),
    "invalid.field": (
        "fältet {field}: {detail}",
        "field {field}: {detail}",
    ),
    # Import and command line -------------------------------------------------------------
    "import.where": ("rad {line}{command}", "line {line}{command}"),
    "import.not_utf8": ("raden är inte UTF-8-text", "the line is not UTF-8 text"),
    "import.applied": ("tillämpade {commands} kommandon, {events} händelser",
                       "applied {commands} commands, {events} events"),
    "import.dry_run": ("provkörning: {commands} kommandon skulle godtas, inget skrevs",
                       "dry run: {commands} commands would be accepted, nothing was written"),
    "cli.file_unreadable": ("kan inte läsa {path}: {error}", "cannot read {path}: {error}"),
    "cli.demo_not_empty": (
        "liggaren har redan {events} händelser; demohistorik fylls bara i en tom liggare",
        "the ledger already has {events} events; the demo history only fills an empty ledger"),
    "cli.demo_done": ("demohistorik: {commands} kommandon, {events} händelser",
                      "demo history: {commands} commands, {events} events"),
    "cli.bad_date": ("{value} är inget datum (ÅÅÅÅ-MM-DD)", "{value} is not a date (YYYY-MM-DD)"),
    "cli.storage": ("lagringsfel: {detail}", "storage problem: {detail}"),
    "cli.interrupted": ("avbrutet; inget skrevs", "interrupted; nothing was written"),
    # Audit ----------------------------------------------------------------------------------
    "verify.changed": (
        "position {position}: händelsen stämmer inte med den lagrade kedjan – den har ändrats, "
        "lagts till, tagits bort eller flyttats",
        "position {position}: the event does not match the stored chain – it was changed, "
        "inserted, deleted or reordered"),
    "verify.not_in_chain": (
        "position {position}: en händelse som kedjan inte känner till (tillagd)",
        "position {position}: an event the chain does not know (inserted)"),
    "verify.missing": (
        "position {position}: kedjan har en händelse som inte längre finns (borttagen)",
        "position {position}: the chain records an event that is no longer stored (deleted)"),
    "verify.other_ledger": (
        "kontrollpunkten gäller liggaren {other}, inte denna ({this})",
        "the checkpoint is for ledger {other}, not this one ({this})"),
    "verify.shorter": (
        "historiken har {size} händelser, kortare än kontrollpunktens {expected}",
        "the history has {size} events, fewer than the checkpoint's {expected}"),
    "verify.checkpoint_differs": (
        "historiken fram till position {position} skiljer sig från kontrollpunkten: en "
        "händelse på eller före den positionen har ändrats",
        "the history up to position {position} differs from the checkpoint: an event at or "
        "before that position was changed"),
    "verify.ok": (
        "verifierad: {size} händelser, huvud {head}; {checkpoints} kontrollpunkter stämmer",
        "verified: {size} events, head {head}; {checkpoints} checkpoints match"),
    "verify.failed": (
        "verifieringen misslyckades vid första felaktiga {reason}",
        "verification failed at the first bad {reason}"),
    "cli.checkpoint_written": ("kontrollpunkten skrevs till {path}",
                               "checkpoint written to {path}"),
    # Compliance checks (over stored events) ------------------------------------------------
    "check.unknown_type": ("okänd händelsetyp {type}: beviset kan inte föras",
                           "unknown event type {type}: the proof cannot be made"),
    "check.unreadable": ("händelsen går inte att läsa: {error}",
                         "the event cannot be read: {error}"),
    "check.F1": ("kontantbidrag ({purpose})", "a cash grant ({purpose})"),
    "check.F2": ("start eller utveckling av ASF ({purpose})",
                 "starting or developing an ASF ({purpose})"),
    "check.F3_fee": ("medlemsavgift till ASF eller intresseorganisation ({payee})",
                     "membership fee to an ASF or interest organisation ({payee})"),
    "check.F3_member": ("medlemskap i {name} ({kind})", "membership of {name} ({kind})"),
    "check.F4": ("kompetensutveckling för ASF-anställda ({purpose})",
                 "skills development for ASF staff ({purpose})"),
    "check.R1_employer": ("arbetsgivaren {employer} är inte en part",
                          "employer {employer} is not a party"),
    "check.R1_payee": ("betalning till {payee}, arbetsgivaren är {employer}",
                       "payment to {payee}, the employer is {employer}"),
    "check.R2": ("antagen utan att uppfylla {criteria}", "onboarded without meeting {criteria}"),
    "check.R3": ("partnern {org_nr} var inte antagen på startdagen",
                 "partner {org_nr} was not onboarded on the start date"),
    "check.R4": ("betalning till {org_nr} utan gällande avtal",
                 "payment to {org_nr} without an active agreement"),
    "check.R5": ("betalt {paid} öre av beslutade {limit} öre",
                 "{paid} öre paid of {limit} öre decided"),
    "check.R5_no_effort": ("insatsfinansiering mot okänd insats {ref}",
                           "effort financing against unknown effort {ref}"),
    "check.R6_added": ("åtgärden {action} lades till efter antagandet utan beslut",
                       "action {action} added after adoption without a decision"),
    "check.R6_twice": ("handlingsplanen antogs en andra gång", "the plan was adopted twice"),
    "check.R6_unadopted": ("åtgärden {action} avslutades i en plan som inte var antagen",
                           "action {action} closed in a plan that was not adopted"),
    "check.R6_not_open": ("åtgärden {action} var inte öppen", "action {action} was not open"),
    "check.R7": ("personnummer eller samordningsnummer i händelsen",
                 "a personal identity or coordination number in the event"),
    # Compliance report --------------------------------------------------------------------
    "proof.title": ("Efterlevnadsbevis: ASF-policyn", "Compliance proof: the ASF policy"),
    "proof.range": (
        "Historik: {events} händelser, position {first}–{last}, registrerade {first_time} – "
        "{last_time}",
        "History: {events} events, positions {first}–{last}, recorded {first_time} – "
        "{last_time}"),
    "proof.as_of": ("Per: {day} (händelser registrerade till och med detta datum)",
                    "As of: {day} (events recorded on or before this date)"),
    "proof.checkpoint": ("Kontrollpunkt: liggare {ledger}, storlek {size}, huvud {head}",
                         "Checkpoint: ledger {ledger}, size {size}, head {head}"),
    "proof.closed_world": ("Sluten värld: varje händelsetyp är klassificerad",
                           "Closed world: every event type is classified"),
    "proof.rule": ("Regel", "Rule"),
    "proof.examined": ("Granskade händelser", "Events examined"),
    "proof.violations": ("Överträdelser", "Violations"),
    "proof.examined_n": ("{n} granskade", "{n} examined"),
    "proof.violations_n": ("{n} överträdelser", "{n} violations"),
    "proof.violation": ("position {position}, {date}, {subject}: {detail}",
                        "position {position}, {date}, {subject}: {detail}"),
    "proof.verdict_ok": (
        "Slutsats: BEVISAT. Ingen av de förbjudna åtgärderna F1–F4 och inget brott mot "
        "R1–R7 finns i historiken.",
        "Verdict: PROVEN. None of the forbidden actions F1–F4 and no breach of R1–R7 is in "
        "the history."),
    "proof.verdict_failed": ("Slutsats: EJ BEVISAT – {n} överträdelser.",
                             "Verdict: NOT PROVEN – {n} violations."),
    # Subjects --------------------------------------------------------------------------
    "kind.partner": ("partnern", "partner"),
    "kind.agreement": ("avtalet", "agreement"),
    "kind.supervisor_funding": ("handledarfinansieringen", "supervisor funding"),
    "kind.activity": ("aktiviteten", "activity"),
    "kind.structural_work": ("strukturarbetet", "structural work"),
    "kind.action_plan": ("handlingsplanen", "action plan"),
    "kind.effort": ("insatsen", "effort"),
    "kind.expenditure": ("utgiften", "expenditure"),
    "kind.membership": ("medlemskapet", "membership"),
    "kind.board_meeting": ("styrelsemötet", "board meeting"),
}


def translate(message_key: str, lang: str, /, **params: Any) -> str:
    """The message ``message_key`` in ``lang`` (``sv`` or ``en``), ``params`` filled in."""
    sv, en = MESSAGES[message_key]
    template = sv if lang == "sv" else en
    return template.format(**params) if params else template

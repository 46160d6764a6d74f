"""The domain's messages in Swedish and English: the refusals, the format rules of values,
msgspec's messages and the names of things (the rules' own words are in domain/rules.py).

Each layer keeps its messages beside it: ``domain/text.py`` (here), ``projections/text.py``,
``asfledger/text.py`` (command line, reports, audit) and ``tui/text.py`` (the screens and
forms). A layer's ``translate`` finds a key among its own messages, then among those of the
layers below it, never above: the UI can show a refusal, the domain cannot show a screen.
A key is written as a literal string where it is used, so a grep finds each use.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Final

from domain.rules import rule_texts
from domain.words import Words, fill


class Catalogue:
    """The messages of one layer (key → Swedish and English templates), then those of the
    layers below it."""

    def __init__(self, messages: Mapping[str, Words], below: Catalogue | None = None) -> None:
        self.messages = messages
        self.below = below

    def words(self, key: str) -> Words:
        for layer in self.layers():
            if key in layer.messages:
                return layer.messages[key]
        raise KeyError(key)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and any(key in layer.messages for layer in self.layers())

    def layers(self) -> Iterator[Catalogue]:
        layer: Catalogue | None = self
        while layer is not None:
            yield layer
            layer = layer.below

    def translate(self, key: str, lang: str, /, **params: Any) -> str:
        """The message ``key`` in ``lang``, ``params`` filled in (see ``fill``)."""
        return fill(self.words(key), lang, **params)


MESSAGES: Final[dict[str, Words]] = {
    # Each rule's refusals and checks are in its record (domain/rules.py).
    **rule_texts(),
    # Refusals --------------------------------------------------------------------------
    # privacy: redaction (issue 15): domain Refusals, said by Refusal.describe.
    "refusal.redact_no_event": (
        "det finns ingen händelse på position {position}",
        "there is no event at position {position}"),
    "refusal.redact_a_redaction": (
        "händelsen på position {position} är en maskering; den kan inte maskeras",
        "the event at position {position} is a redaction; it cannot be redacted"),
    "refusal.redact_no_text": (
        "händelsen på position {position} har inget textfält {field}",
        "the event at position {position} has no text field {field}"),
    "refusal.redact_empty": (
        "fältet {field} i händelsen på position {position} är redan tomt",
        "field {field} of the event at position {position} is already empty"),
    "refusal.rule": (
        "Avvisat enligt {code}: {detail}. Policyn: ”{quote_sv}”{translation}",
        "Refused under {code}: {detail}. The policy: “{quote_sv}”{translation}",
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
    # ui (issue 19): outcomes are counted among the participants reported
    "refusal.outcomes_exceed_participants": (
        "insatsen {ref} har {outcomes} resultat för {period} men bara {participants} "
        "deltagare rapporterade för perioden",
        "effort {ref} would have {outcomes} outcomes for {period} but only {participants} "
        "participants reported for that period",
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
    # Corrections: reversal, correction of a fact, void (domain/correcting.py) ----------
    "refusal.voided": (
        "{kind} {key} är makulerad: inget mer kan registreras på den",
        "the {kind} {key} is void: nothing more can be recorded on it",
    ),
    "refusal.void_depends": (
        "{kind} {key} kan inte makuleras, det här bygger på den: {dependents}",
        "the {kind} {key} cannot be voided, these depend on it: {dependents}",
    ),
    "refusal.correction_same": (
        "{kind} {key} har redan det värdet i {field}: inget att rätta",
        "the {kind} {key} already has that {field}: nothing to correct",
    ),
    "refusal.already_reversed": (
        "utgiften {ref} är redan återförd",
        "expenditure {ref} is already reversed",
    ),
    "refusal.correction_after_payment": (
        "{ref} kan inte rättas till beslutsdagen {day}: utbetalningen {voucher} gjordes "
        "redan {paid_on}",
        "{ref} cannot be corrected to a decision date of {day}: payment {voucher} was "
        "made on {paid_on}",
    ),
    # business dates (issue 14)
    "refusal.dated_conflict": (
        "{what} {ref} daterat {day} strider mot redan registrerade beslut: {conflicts}",
        "{what} {ref} dated {day} conflicts with decisions already recorded: {conflicts}",
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
    # Format rules of values (domain/values.py, issue 16) ---------------------------------
    "value.org_nr_form": ("organisationsnumret {value!r} ska skrivas NNNNNN-NNNN eller med tio "
                          "siffror", "org number {value!r} must be NNNNNN-NNNN or ten digits"),
    "value.org_nr_third_digit": ("organisationsnumret {value!r} ska ha 2 eller mer som tredje "
                                 "siffra", "org number {value!r} must have a third digit of 2 "
                                 "or more"),
    "value.org_nr_luhn": ("organisationsnumret {value!r} har fel kontrollsiffra (Luhn)",
                          "org number {value!r} fails the Luhn check"),
    "value.amount_boolean": ("beloppet ska vara en sträng eller ett heltal, inte true/false",
                             "amount must be a string or an integer, not a boolean"),
    "value.amount_positive": ("beloppet ska vara större än noll",
                              "amount must be greater than zero"),
    "value.amount_form": ("beloppet {value!r} ska vara kronor med högst två decimaler "
                          "(1234,50 eller 1 234.50)", "amount {value!r} must be kronor with at "
                          "most two decimals (1234.50 or 1 234,50)"),
    "value.amount_bound": ("beloppet är för stort: högst {bound}",
                           "the amount is too large: at most {bound}"),
    "value.period_form": ("perioden {value!r} ska vara ÅÅÅÅ, ÅÅÅÅ-Qn eller ÅÅÅÅ-MM",
                          "period {value!r} must be YYYY, YYYY-Qn or YYYY-MM"),
    "value.period_month": ("perioden {value!r} har ingen månad {month}",
                           "period {value!r} has no month {month}"),
    "value.report_period_form": ("perioden {value!r} ska vara ett år (2026) eller ett kvartal "
                                 "(2026-Q1)", "period {value!r} must be a year (2026) or a "
                                 "quarter (2026-Q1)"),
    "value.date_window": ("{value} ligger utanför åren {first}–{last}",
                          "{value} lies outside the years {first}–{last}"),
    "value.text_control": ("innehåller ett styr- eller formattecken ({code}, tecken "
                           "{position}) som inte syns", "holds a control or format character "
                           "({code}, character {position}) that cannot be seen"),
    "value.target_group": (
        "{value!r} är ingen målgrupp: en av {codes}, eller en annan målgrupp skriven "
        "other:BENÄMNING (högst {max} tecken)",
        "{value!r} is not a target group: one of {codes}, or another group written "
        "other:LABEL (at most {max} characters)"),
    "value.text_blank": ("är tomt (bara blanksteg)", "is blank (only whitespace)"),
    "value.text_whitespace": ("börjar eller slutar med blanksteg; ta bort dem",
                              "begins or ends with whitespace; remove it"),
    "invalid.value": ("fältet {field}: {detail}", "field {field}: {detail}"),
    "invalid.supervisor_purpose": (
        "fältet {field}: {purpose} betalas med {paying}, inte {command}",
        "field {field}: {purpose} is paid with {paying}, not {command}"),
    "invalid.legal_form_needed": (
        "fältet {field} krävs när {other} är {value}",
        "field {field} is required when {other} is {value}"),
    # A correction of a decision is decided too (issue 15); kind: in words (errors.in_words).
    "invalid.decision_ref_to_correct": (
        "fältet {field} krävs för att rätta {kind}: originalet var ett beslut",
        "field {field} is required to correct {kind}: the original was a decision"),
    "invalid.decision_ref_to_void": (
        "fältet {field} krävs för att makulera {kind}: originalet var ett beslut",
        "field {field} is required to void {kind}: the original was a decision"),
    "invalid.linked_ref_needed": ("fältet {field} krävs för syftet {purpose}",
                                  "field {field} is required for purpose {purpose}"),
    "refusal.ends_before_start": ("{field} {day} ligger före {start_field} ({start})",
                                  "{field} {day} is before {start_field} ({start})"),
    "refusal.in_future": (
        "{field} {day} ligger efter i dag ({today}): det som har gjorts kan inte registreras "
        "i förväg",
        "{field} {day} is after today ({today}): what has been done cannot be recorded in "
        "advance"),
    # msgspec's messages by kind (domain/library_messages.py, issue 16) -------------------
    "invalid.key_in": ("en nyckel i fältet {field}: {detail}", "a key in field {field}: {detail}"),
    "msgspec.expected": ("ska vara {want}, inte {got}", "must be {want}, not {got}"),
    "msgspec.bound": ("ska vara {want} {op} {n}", "must be {want} {op} {n}"),
    "msgspec.length": ("ska vara {want} med längd {op} {n}", "must be {want} of length {op} {n}"),
    "msgspec.pattern": ("har inte rätt form (mönstret {pattern})",
                        "does not have the right form (the pattern {pattern})"),
    "msgspec.enum": ("{value} är inget av de tillåtna värdena (se asfledger schema)",
                     "{value} is not one of the allowed values (see asfledger schema)"),
    "msgspec.value": ("{value} är inget känt värde (se asfledger schema)",
                      "{value} is not a known value (see asfledger schema)"),
    "msgspec.missing": ("fältet {name} saknas", "the field {name} is missing"),
    "msgspec.unknown": ("fältet {name} finns inte i kommandot",
                        "the command has no field {name}"),
    "msgspec.date": ("är inget giltigt datum (ÅÅÅÅ-MM-DD)", "is not a valid date (YYYY-MM-DD)"),
    "msgspec.out_of_range": ("talet är för stort", "the number is too large"),
    "msgspec.truncated": ("raden tar slut mitt i JSON-objektet",
                          "the line ends in the middle of the JSON object"),
    "msgspec.malformed": ("JSON är felaktig: {what} (byte {byte} på raden)",
                          "JSON is malformed: {what} (byte {byte} of the line)"),
    "json.invalid_character": ("ett otillåtet tecken", "an invalid character"),
    "json.trailing": ("tecken efter objektets slut", "characters after the end of the object"),
    "json.trailing_comma": ("ett kommatecken för mycket", "a trailing comma"),
    "json.expected_comma_brace": ("',' eller '}' förväntades", "expected ',' or '}'"),
    "json.expected_comma_bracket": ("',' eller ']' förväntades", "expected ',' or ']'"),
    "json.expected_colon": ("':' förväntades", "expected ':'"),
    "json.expected_quote": ("'\"' förväntades", "expected '\"'"),
    "json.keys_strings": ("nycklar ska vara strängar", "object keys must be strings"),
    "json.bad_escape": ("en ogiltig escape-sekvens i en sträng",
                        "an invalid escape sequence in a string"),
    "json.bad_utf8": ("ogiltig UTF-8", "invalid UTF-8"),
    "json.invalid_number": ("ett ogiltigt tal", "an invalid number"),
    "json.number_range": ("ett tal utanför tillåtet intervall", "a number out of range"),
    "type.int": ("ett heltal", "an integer"),
    "type.str": ("en sträng", "a string"),
    "type.bool": ("true eller false", "true or false"),
    "type.object": ("ett objekt", "an object"),
    "type.array": ("en lista", "an array"),
    "type.null": ("null", "null"),
    "type.float": ("ett decimaltal", "a decimal number"),
    "type.date": ("ett datum (ÅÅÅÅ-MM-DD)", "a date (YYYY-MM-DD)"),
    "type.int_or_str": ("ett heltal eller en sträng", "an integer or a string"),
    # Subjects --------------------------------------------------------------------------
}

# Each kind of thing in the ledger (an aggregate's KIND) as a message names it.
KIND_NAMES: Final[dict[str, Words]] = {
    "partner": ("partnern", "partner"),
    "agreement": ("avtalet", "agreement"),
    "supervisor_funding": ("handledarfinansieringen", "supervisor funding"),
    "activity": ("aktiviteten", "activity"),
    "structural_work": ("strukturarbetet", "structural work"),
    "action_plan": ("handlingsplanen", "action plan"),
    "effort": ("insatsen", "effort"),
    "expenditure": ("utgiften", "expenditure"),
    "membership": ("medlemskapet", "membership"),
    "board_meeting": ("styrelsemötet", "board meeting"),
    "redaction": ("maskeringen", "redaction"),
}

CATALOGUE: Final = Catalogue(MESSAGES)
translate: Final = CATALOGUE.translate

"""Correcting from the row that is wrong (issue 15): "correct…" on a selected event.

``corrections_of`` says what may be corrected of a stored event, as the ledger stands
now: a payment or an expenditure reversed, a fact of a registration or decision
corrected, a registration or decision voided. ``CorrectionPicker`` offers those;
``CorrectionForm`` takes the new value, the date of a reversal, the reason and the
decision reference, decides the command without writing (a refusal names its rule and
the policy), then confirms in words with the value before and after, and records it.
Every text is in tui/text.py (``corr.*`` and the ``CORRECTION_*`` vocabularies by
command), in Swedish and English.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, cast

import msgspec
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from asfledger.failures import explain
from asfledger.ledger import Ledger
from domain.aggregates import ActionPlan, SupervisorFunding
from domain.commands import (
    COMMAND_TYPES,
    Command,
    CorrectFact,
    ReverseExpenditure,
    ReversePayment,
    VoidDecision,
)
from domain.correcting import CORRECTABLE
from domain.corrections import DECIDED_KINDS, FACTS, VOIDABLE, as_stored, stored_value
from domain.errors import InvalidCommand, Refusal
from domain.events import (
    ActionPlanActionAdded,
    ActionPlanDrafted,
    ActivityPlanned,
    AgreementSigned,
    BoardMeetingHeld,
    EffortStarted,
    Event,
    ExpenditureRecorded,
    MembershipJoined,
    PartnerRegistered,
    StructuralWorkLogged,
    SupervisorFundingDecided,
    SupervisorFundingPaid,
)
from domain.library_messages import explain_detail
from domain.money import Money
from domain.text import KIND_NAMES
from domain.words import fill
from projections.timeline import fact_text
from tui.forms.dialogs import RefusalDialog, refusal_text
from tui.forms.form import refuse_if_read_only
from tui.forms.recording import Decided, Written, try_out, write
from tui.forms.vocabulary import error_field
from tui.screens.common import translate_bindings
from tui.text import (
    CORRECTION_CHOICES,
    CORRECTION_OUTCOMES,
    CORRECTION_TITLES,
    FIELD_LABELS,
    translate,
)
from tui.widgets.confirm import ConfirmDialog

if TYPE_CHECKING:
    from tui.app import LedgerApp

# The event that registers or decides each correctable kind.
_CREATED: dict[type[Event], str] = {
    PartnerRegistered: "partner", SupervisorFundingDecided: "supervisor_funding",
    EffortStarted: "effort", ActivityPlanned: "activity",
    StructuralWorkLogged: "structural_work", ExpenditureRecorded: "expenditure",
    AgreementSigned: "agreement", MembershipJoined: "membership",
    BoardMeetingHeld: "board_meeting", ActionPlanDrafted: "action_plan",
}


# A kind of correction that is not an aggregate's, named as the aggregate it is in.
_NAMED_AS: dict[str, str] = {"action": "action_plan"}

AnyCorrection = ReversePayment | ReverseExpenditure | CorrectFact | VoidDecision


@dataclass(frozen=True, slots=True)
class Correction:
    """One correction the selected event allows: the command, what it corrects, and the
    value now (as shown, and as a command would give it)."""

    command: str  # reverse_payment, reverse_expenditure, correct_fact, void_decision
    kind: str
    key: str
    before: str  # the value or state now, in words
    field: str | None = None  # correct_fact: as the command names it
    voucher: str | None = None  # reverse_payment
    value: str = ""  # correct_fact: the value now, as the form's input takes it

    def label(self, lang: str) -> str:
        return fill(CORRECTION_CHOICES[self.command], lang, field=fact_words(self.field, lang),
                    key=self.key, voucher=self.voucher or "", before=self.before)


def fact_words(field: str | None, lang: str) -> str:
    """A corrected fact as the recording forms label its field ("amount_sek" → "amount
    (SEK)"), within a sentence; the code if no form labels it."""
    if not field:
        return ""
    if field not in FIELD_LABELS:
        return field
    label = fill(FIELD_LABELS[field], lang)
    return label[:1].lower() + label[1:]


# Facts whose value is a list, typed as its items separated by commas.
_LISTS = ("districts", "target_groups")


def _typed_value(kind_of_value: str, raw: str) -> Any:
    """The form's input as a command's value: a list, a whole number or the text."""
    if kind_of_value in _LISTS:
        return [item.strip() for item in raw.split(",") if item.strip()]
    if kind_of_value == "percent" and raw.isdigit():
        return int(raw)
    return raw


def _input_value(kind_of_value: str, stored: Any) -> str:
    if stored is None:  # never recorded (an agreement without an end or a value)
        return ""
    if kind_of_value == "money":
        return Money(stored).plain()
    if kind_of_value in _LISTS:
        return ", ".join(stored)
    return str(as_stored(stored))


def corrections_of(ledger: Ledger, event: Event | type[Event], subject: str,
                   lang: str) -> list[Correction]:
    """What may be corrected of ``event`` (or of the event of that class) of ``subject``,
    now."""
    found: list[Correction] = []
    if isinstance(event, ActionPlanActionAdded):
        return _action_corrections(ledger, subject, event.action_id, lang)
    if isinstance(event, SupervisorFundingPaid):
        funding = ledger.get(SupervisorFunding, subject)
        voucher = event.voucher_ref
        if funding is not None and not funding.voided and voucher in funding.payments:
            found.append(Correction("reverse_payment", "supervisor_funding", subject,
                                    Money(funding.payments[voucher][1]).text(lang),
                                    voucher=voucher))
        return found
    kind = _CREATED.get(event if isinstance(event, type) else type(event))
    if kind is None:
        return found
    aggregate: Any = ledger.get(CORRECTABLE[kind], subject)
    if aggregate is None or aggregate.voided:
        return found
    if kind == "expenditure":
        if aggregate.reversed:
            return found
        found.append(Correction("reverse_expenditure", kind, subject,
                                Money(aggregate.amount_ore).text(lang)))
    if kind == "supervisor_funding":  # its standing payments, from the funding's row too
        found += [Correction("reverse_payment", kind, subject, Money(ore).text(lang),
                             voucher=voucher)
                  for voucher, (_, ore, _, _) in aggregate.payments.items()]
    for fact in FACTS[kind].values():
        now = getattr(aggregate, fact.stored)
        found.append(Correction("correct_fact", kind, subject,
                                fact_text(fact.stored, as_stored(now), lang),
                                field=fact.field, value=_input_value(fact.kind_of_value, now)))
    if kind in VOIDABLE:
        found.append(Correction("void_decision", kind, subject,
                                translate("corr.counts", lang)))
    return found


def _action_corrections(ledger: Ledger, year: str, action_id: str,
                        lang: str) -> list[Correction]:
    """What may be corrected of one action of the plan of ``year``: its facts (kind
    "action", key "YEAR/ACTION_ID")."""
    plan = ledger.get(ActionPlan, year)
    action = plan.actions.get(action_id) if plan is not None and not plan.voided else None
    if action is None:
        return []
    return [Correction("correct_fact", "action", f"{year}/{action_id}",
                       fact_text(fact.stored, as_stored(getattr(action, fact.stored)), lang),
                       field=fact.field,
                       value=_input_value(fact.kind_of_value, getattr(action, fact.stored)))
            for fact in FACTS["action"].values()]


def open_corrections(app: LedgerApp, position: int | None) -> bool:
    """"Correct…" on the event at ``position``: the picker, then the form. False (with a
    notice saying why) when nothing may be recorded or nothing of it can be corrected."""
    if position is None or refuse_if_read_only(app):
        return False
    event = app.ledger.event_data(position)
    choices = (corrections_of(app.ledger, event.event, event.subject, app.lang)
               if event is not None else [])
    return _offer(app, choices, str(position))


# A part of the policy's screen → the event that registers or decides its rows' objects.
_PART_CREATED: dict[str, type[Event]] = {
    "partners": PartnerRegistered, "funding": SupervisorFundingDecided,
    "efforts": EffortStarted, "activities": ActivityPlanned,
    "structural": StructuralWorkLogged, "expenditure": ExpenditureRecorded,
    "memberships": MembershipJoined, "board": BoardMeetingHeld,
    "plan": ActionPlanDrafted,
}


def open_corrections_for(app: LedgerApp, part: str, key: str | None) -> bool:
    """"Correct…" on the selected object of a part's screen (``key``: its row's key)."""
    if key is None or refuse_if_read_only(app):
        return False
    created = _PART_CREATED.get(part)
    choices: list[Correction] = []
    if part == "plan":  # a row is one action of a plan: "2026/A3"; then the plan's facts
        key, _, action_id = key.partition("/")
        choices = _action_corrections(app.ledger, key, action_id, app.lang)
    if created is not None:
        choices += corrections_of(app.ledger, created, key, app.lang)
    return _offer(app, choices, key)


def _offer(app: LedgerApp, choices: list[Correction], what: str) -> bool:
    if not choices:
        app.notify(translate("corr.nothing", app.lang, position=what), severity="warning")
        return False

    def picked(choice: Correction | None) -> None:
        if choice is not None:
            app.push_screen(CorrectionForm(choice, app.lang))

    if len(choices) == 1:
        picked(choices[0])
    else:
        app.push_screen(CorrectionPicker(choices, app.lang, what), picked)
    return True


class CorrectionPicker(ModalScreen[Correction | None]):
    """The corrections the selected event allows; Enter picks one, Esc closes."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "ui.key.close")]

    def __init__(self, choices: list[Correction], lang: str, position: str) -> None:
        super().__init__(id="correction-picker")
        self.choices = choices
        self.language = lang
        self.position = position

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(translate("corr.pick.title", self.language, position=self.position),
                         classes="dialog-title", markup=False)
            yield OptionList(*(Option(c.label(self.language), id=str(i))
                               for i, c in enumerate(self.choices)), id="correction-options")

    def on_mount(self) -> None:
        translate_bindings(self, self.language)
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[int(event.option.id or 0)])

    def action_close(self) -> None:
        self.dismiss(None)


class CorrectionForm(ModalScreen[bool]):
    """The correction's fields; Ctrl+S decides it (without writing), shows before and
    after to confirm, and records it. A refusal names its rule; nothing is written."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", "ui.key.submit", priority=True),
        Binding("escape", "cancel", "ui.key.close"),
    ]

    def __init__(self, correction: Correction, lang: str) -> None:
        super().__init__(id="correction-form")
        self.correction = correction
        self.language = lang
        self.busy = False  # deciding or writing: a second Ctrl+S waits

    def t(self, key: str, /, **params: Any) -> str:
        return translate(key, self.language, **params)

    def heading(self) -> str:
        c = self.correction
        return fill(CORRECTION_TITLES[c.command], self.language,
                    kind=fill(KIND_NAMES[_NAMED_AS.get(c.kind, c.kind)], self.language),
                    key=c.key,
                    field=fact_words(c.field, self.language), voucher=c.voucher or "")

    @property
    def ledger_app(self) -> LedgerApp:
        return cast("LedgerApp", self.app)

    def compose(self) -> ComposeResult:
        c = self.correction
        with Vertical(classes="dialog-box"):
            yield Static(self.heading(),
                         id="correction-title", classes="dialog-title", markup=False)
            yield Static(self.t("corr.before", before=c.before), id="correction-before",
                         markup=False)
            if c.command == "correct_fact":
                yield Label(self.t("corr.field.value", field=fact_words(c.field, self.language)))
                yield Input(c.value, id="correction-value")
            if c.command.startswith("reverse_"):
                yield Label(self.t("corr.field.reversed_on"))
                yield Input(date.today().isoformat(), id="correction-date")
            yield Label(self.t("corr.field.reason"))
            yield Input(id="correction-reason")
            decided = c.kind in DECIDED_KINDS and c.command != "reverse_payment"
            yield Label(self.t("corr.field.decision_ref" if decided
                               else "corr.field.decision_ref_optional"))
            yield Input(id="correction-decision")
            yield Static(self.t("corr.why"), classes="why", markup=False)
            yield Static("", id="correction-status", markup=False)

    def on_mount(self) -> None:
        translate_bindings(self, self.language)
        first = "#correction-value" if self.correction.command == "correct_fact" else (
            "#correction-reason")
        self.query_one(first, Input).focus()

    def _value(self, selector: str) -> str:
        return self.query_one(selector, Input).value.strip()

    def command(self) -> AnyCorrection:
        """The correction as a command of the import vocabulary; ``ValueError`` or
        ``msgspec.ValidationError`` naming the field when an input is not valid."""
        c = self.correction
        fields: dict[str, Any] = {"command": c.command, "reason": self._value(
            "#correction-reason")}
        decision = self._value("#correction-decision")
        if decision:
            fields["decision_ref"] = decision
        if c.command == "reverse_payment":
            fields |= {"ref": c.key, "voucher_ref": c.voucher}
        elif c.command == "reverse_expenditure":
            fields["ref"] = c.key
        else:
            fields |= {"kind": c.kind, "key": c.key}
        if c.command.startswith("reverse_"):
            fields["reversed_on"] = self._value("#correction-date")
        if c.command == "correct_fact":
            raw = self._value("#correction-value")
            kind_of_value = FACTS[c.kind][c.field or ""].kind_of_value
            fields |= {"field": c.field, "value": _typed_value(kind_of_value, raw)}
        # Decoded as the importer decodes a line: the same checks, the same messages.
        cmd = msgspec.json.decode(msgspec.json.encode(fields), type=COMMAND_TYPES[c.command])
        return cast(AnyCorrection, cmd)

    def invalid(self, error: Exception) -> str:
        """What is wrong with an input, in the UI's language, naming the field by the
        label the form shows (not the command's code)."""
        own = error.__cause__ if isinstance(error.__cause__, InvalidCommand) else error
        if isinstance(own, InvalidCommand):
            return InvalidCommand(self.label_of(own.field), own.message_key,
                                  **own.params).describe(self.language)
        field = error_field(error)
        detail = explain_detail(error, self.language)
        if field is None:
            return detail
        return self.t("invalid.field", field=self.label_of(field), detail=detail)

    def label_of(self, field: str) -> str:
        """The label of the input that gives the command's ``field``."""
        if field == "value":
            return fact_words(self.correction.field, self.language)
        key = {"reason": "corr.label.reason", "decision_ref": "corr.label.decision",
               "reversed_on": "corr.label.reversed_on"}.get(field)
        return self.t(key).lower() if key else field

    def after(self, cmd: AnyCorrection) -> str:
        """The value or state after the correction, in words."""
        c = self.correction
        if c.command == "correct_fact":
            fact = FACTS[c.kind][c.field or ""]
            value = cmd.value if isinstance(cmd, CorrectFact) else None
            return fact_text(fact.stored, stored_value(fact, value), self.language)
        return fill(CORRECTION_OUTCOMES[c.command], self.language)

    def _status(self, text: str) -> None:
        self.query_one("#correction-status", Static).update(text)

    # Deciding and writing happen in thread workers, as in the recording forms
    # (tui/forms/recording.py): a worker asks the ledger and posts a message; its handler,
    # on the UI thread, changes the screen.

    def action_submit(self) -> None:
        if refuse_if_read_only(self.app) or self.busy:
            return
        try:
            cmd = self.command()
        except (ValueError, msgspec.ValidationError) as e:
            self._status(self.t("corr.invalid", error=self.invalid(e)))
            return
        self.busy = True
        self._status(self.t("form.checking"))
        self._try_out(cmd)

    @work(thread=True, exclusive=True, group="correction")
    def _try_out(self, cmd: AnyCorrection) -> None:
        self.post_message(Decided([cmd], try_out(self.ledger_app.ledger, [cmd])))

    @on(Decided)
    def _decided(self, message: Decided) -> None:
        cmd = cast(AnyCorrection, message.commands[0])
        if message.outcome is not None:
            self.busy = False
            self._not_recorded(message.outcome)
            return
        self._status("")
        c = self.correction
        lines = [(self.t("corr.label.before"), c.before),
                 (self.t("corr.label.after"), self.after(cmd)),
                 (self.t("corr.label.reason"), cmd.reason),
                 (self.t("corr.label.decision"), cmd.decision_ref or "–")]
        self.app.push_screen(ConfirmDialog(self.heading(), lines, self.language),
                             lambda yes: self._confirmed(cmd, bool(yes)))

    def _confirmed(self, cmd: Command, yes: bool) -> None:
        # Looking back may have begun meanwhile (the palette's "Look back" over the dialog).
        if not yes or refuse_if_read_only(self.app):
            self.busy = False
            return
        self._write(cmd)

    @work(thread=True, exclusive=True, group="correction")
    def _write(self, cmd: Command) -> None:
        self.post_message(write(self.ledger_app.ledger, [cmd]))

    @on(Written)
    def _written(self, message: Written) -> None:
        self.busy = False
        if message.outcome is not None:  # refused meanwhile, or a storage problem
            self._not_recorded(message.outcome)
            return
        self.notify(self.t("corr.recorded"))
        self.dismiss(True)
        self.ledger_app.poll()

    def _not_recorded(self, outcome: Refusal | Exception) -> None:
        """A refusal in words (the policy's in its dialog too), or why the ledger could
        not be read or written; the form stays as typed."""
        if not isinstance(outcome, Refusal):
            self._status(explain(outcome, self.language))
            return
        if outcome.is_policy_rule:
            self.app.push_screen(RefusalDialog(outcome, self.language))
        self._status(refusal_text(outcome, self.language, quote=False))

    def action_cancel(self) -> None:
        self.dismiss(False)

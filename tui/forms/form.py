"""A form for any command of SPEC §2, built from its msgspec ``Struct``.

One widget per field (``vocabulary.field_specs``): a ``Select`` for a choice, a
``SelectionList`` for a list of choices, an ``Input`` for text, numbers, amounts and
dates, a ``Switch`` for yes/no, small count inputs for the counts of a dict. Fields that
name what the ledger holds offer only those (``choices``).

As you type, each field is checked by the Struct's own type and the domain's value rules,
then the whole command by ``msgspec.convert`` (its ``__post_init__`` rules too); the
error shows next to the field it names. A command that converts is decided against the
ledger without writing (``Ledger.execute(..., dry_run=True)``, debounced, in a thread),
so a policy refusal shows before anything is confirmed.

Recording (Ctrl+S): check again, decide again, confirm in words, write. A refusal by a
policy rule opens ``RefusalDialog``; a consistency refusal (duplicate, unknown, state)
shows in the form. Dismisses with the recorded command, or None.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, cast

import msgspec
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import (
    Button,
    Footer,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
    Switch,
)
from textual.widgets.select import InvalidSelectValueError

from asfledger.failures import explain
from domain.aggregates import Effort
from domain.commands import Command, ReportParticipants
from domain.errors import Refusal
from domain.handlers import check_dates
from domain.money import Money
from domain.reference import (
    OTHER_TARGET_GROUP,
    PARTIES,
    TARGET_GROUP_LABEL_MAX,
    TARGET_GROUPS,
    target_group_name,
)
from domain.values import parse_sek
from domain.words import fill
from tui.forms.choices import Choices, cached_choices, load_choices
from tui.forms.dialogs import LeaveDialog, RefusalDialog, refusal_text
from tui.forms.recording import Checked, ChoicesRead, Decided, Written, try_out, write
from tui.forms.vocabulary import (
    GENDERS,
    GROUP_OF,
    FieldSpec,
    command_error,
    command_title,
    field_error,
    field_label,
    field_specs,
    option_label,
    options,
    today,
)
from tui.screens.common import format_time, translate_bindings
from tui.text import COMMAND_NAMES, FIELD_LABELS, FORM_GROUPS, GENDER_NAMES, translate
from tui.widgets.confirm import ConfirmDialog

if TYPE_CHECKING:
    from tui.app import LedgerApp

DEBOUNCE_SECONDS = 0.3

# Fields the Struct leaves optional that another field's value makes required (its
# ``__post_init__`` says so): (command, field) → (the other field, its value; None: any).
REQUIRED_WHEN: dict[tuple[str, str], tuple[str, str | None]] = {
    ("record_expenditure", "payee_legal_form"): ("payee_kind", "supplier"),
    # F4: education, a course, coaching or consulting says whom it is for.
    ("record_expenditure", "beneficiaries"): ("skills_service", None),
}


def in_words(message: str, specs: tuple[FieldSpec, ...], lang: str) -> str:
    """A message with the fields it names by their labels ("payee_legal_form" → "the
    payee's legal form"), not their codes."""
    for spec in sorted(specs, key=lambda s: len(s.name), reverse=True):
        label = fill(FIELD_LABELS[spec.name], lang)
        if "_" in spec.name:
            message = re.sub(rf"\b{re.escape(spec.name)}\b", label, message)
        else:  # a plain word ("purpose") only where it names the field
            message = re.sub(rf"\b(fältet|field) {re.escape(spec.name)}\b",
                             rf"\1 {label}", message)
    for code, words in COMMAND_NAMES.items():  # "is paid with pay_supervisor_funding"
        message = re.sub(rf"\b{code}\b", fill(words, lang).lower(), message)
    return message
PARTY_OPTIONS = [(p.name, code) for code, p in PARTIES.items()]


def _field_of(widget_id: str | None) -> str | None:
    """``f-org_nr`` → ``org_nr``; ``f-attendance-asf`` → ``attendance``."""
    if not widget_id or not widget_id.startswith("f-"):
        return None
    return widget_id[2:].split("-", 1)[0]


class CommandForm(ModalScreen[Command | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", "ui.key.submit", priority=True),
        Binding("escape", "cancel", "ui.key.close"),
    ]

    def __init__(self, command: str, lang: str,
                 initial: Mapping[str, Any] | None = None, *,
                 subject: Mapping[str, Any] | None = None) -> None:
        super().__init__(id=f"form-{command}", classes="command-form")
        self.command = command
        self.specs = field_specs(command)
        self.by_name = {s.name: s for s in self.specs}
        self.language = lang
        self.initial = dict(initial or {})
        # What the selection on the screen fills: kept only where the form offers it.
        self.subject = dict(subject or {})
        self.choices: Choices | None = None
        self.ready = False
        self.submitted = False  # after a first Ctrl+S every error shows, touched or not
        self.touched: set[str] = set()
        self.checked: Command | None = None  # the last command the ledger would take
        self.refusal: Refusal | None = None  # the last refusal of the ledger
        # The command last decided against the ledger, and what was decided.
        self.decision: tuple[Command, Refusal | Exception | None] | None = None
        self._timer: Timer | None = None
        self._busy = False
        # Writing in a worker now: the app's poll waits (this form says what it recorded).
        self.writing = False
        self._change_pending = False
        # What the dependent fields were last set up for (the action ids of a year, the
        # payees of a kind, the employer of a funding): a change message that arrives
        # after ``fill`` must not undo what it set.
        self._shown_for: dict[str, Any] = {}
        self._has_actions = any(s.kind == "action" for s in self.specs)
        # The values as the form opened (after its subject and any draft were filled in):
        # leaving with other values asks first (``action_cancel``).
        self.baseline: dict[str, Any] = {}
        self.from_draft = False  # opened with the draft of an earlier, unsent form
        self.note: str | None = None  # what recording the command replaces (``_note``)

    # Building the form ------------------------------------------------------------------

    @property
    def ledger_app(self) -> LedgerApp:
        return cast("LedgerApp", self.app)

    def t(self, key: str, /, **params: Any) -> str:
        return translate(key, self.language, **params)

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box"):
            yield Static(self.t("form.title", command=command_title(self.command,
                                                                     self.language),
                                group=fill(FORM_GROUPS[GROUP_OF[self.command]], self.language)),
                         id="form-title", classes="dialog-title", markup=False)
            with VerticalScroll(id="form-fields"):
                for spec in self.specs:
                    with Vertical(classes="form-row", id=f"row-{spec.name}"):
                        yield Label(field_label(spec, self.language), classes="form-label",
                                    markup=False)
                        yield from self._widgets(spec)
                        yield Static("", id=f"e-{spec.name}", classes="form-error",
                                     markup=False)
            yield Static("", id="form-status", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.t("form.submit"), id="form-submit", variant="primary")
                yield Button(self.t("form.cancel"), id="form-cancel")
        yield Footer()

    def _widgets(self, spec: FieldSpec) -> ComposeResult:
        fid = f"f-{spec.name}"
        prompt = self.t("form.choose")
        if spec.kind == "choice":
            yield Select(options(spec, self.language), id=fid, prompt=prompt)
        elif spec.kind == "choices":
            yield SelectionList[str](*options(spec, self.language), id=fid)
            if spec.name == "target_groups":  # another group: typed, reported by its label
                yield Input(id=f"{fid}-other", max_length=TARGET_GROUP_LABEL_MAX,
                            placeholder=self.t("form.other_group_placeholder"))
        elif spec.kind == "party":
            yield Select(PARTY_OPTIONS, id=fid, prompt=prompt)
        elif spec.kind in ("partner", "ref", "plan_year", "action"):
            yield Select[Any]([], id=fid, prompt=prompt)
        elif spec.kind == "bool":
            yield Switch(id=fid)
        elif spec.kind == "date":
            yield Input(today().isoformat() if spec.required else "", id=fid,
                        placeholder=self.t("form.date_placeholder"), max_length=10,
                        restrict=r"[0-9-]*")
        elif spec.kind == "int":
            yield Input(id=fid, type="integer")
        elif spec.kind == "amount":
            yield Input(id=fid, placeholder=self.t("form.amount_placeholder"))
        elif spec.kind == "counts":
            with Grid(classes="counts"):
                for key in spec.values:
                    yield Label(option_label(spec.values, key, self.language), markup=False)
                    yield Input(id=f"{fid}-{key}", type="integer", placeholder="0")
        elif spec.kind == "gender_counts":
            with Grid(classes="gender-counts"):
                yield Label("")
                for gender in GENDERS:
                    yield Label(fill(GENDER_NAMES[gender], self.language), markup=False)
                for group in spec.values:
                    yield Label(TARGET_GROUPS[group].text(self.language), markup=False)
                    for gender in GENDERS:
                        yield Input(id=f"{fid}-{group}-{gender}", type="integer",
                                    placeholder="0")
                # Another target group: its label, then its counts.
                yield Input(id=f"{fid}-other", max_length=TARGET_GROUP_LABEL_MAX,
                            placeholder=self.t("form.other_group_placeholder"))
                for gender in GENDERS:
                    yield Input(id=f"{fid}-other-{gender}", type="integer", placeholder="0")
        elif spec.kind == "payee":
            yield Select[str]([], id=f"{fid}-choice", prompt=prompt)
            yield Input(id=fid, placeholder=self.t("form.supplier_placeholder"))
        else:
            placeholder = self.t("form.period_placeholder") if spec.name == "period" else ""
            yield Input(id=fid, placeholder=placeholder)

    def on_mount(self) -> None:
        translate_bindings(self, self.language)
        cached = cached_choices(self.ledger_app.ledger)
        if cached is not None:
            self._loaded(cached)
            return
        self.query_one("#form-box").loading = True
        self._load()

    @work(thread=True, exclusive=True, group="form-choices")
    def _load(self) -> None:
        self.post_message(ChoicesRead(load_choices(self.ledger_app.ledger)))

    @on(ChoicesRead)
    def _choices_read(self, message: ChoicesRead) -> None:
        self._loaded(message.choices)

    def _loaded(self, choices: Choices) -> None:
        self.choices = choices
        lang = self.language
        for spec in self.specs:
            if spec.kind == "partner":
                self._set_options(spec.name, choices.partners(spec.ref, lang))
            elif spec.kind == "ref":
                self._set_options(spec.name, choices.refs(spec.ref, lang))
            elif spec.kind == "plan_year":
                self._set_options(spec.name, choices.plan_years(spec.ref, lang))
        if "payee_kind" in self.by_name:
            self._payee_kind_changed()
        self.query_one("#form-box").loading = False
        for name, value in self.subject.items():
            try:
                self.fill({name: value})
            except InvalidSelectValueError:  # not offered here (an onboarded partner…)
                self.query_one(f"#f-{name}", Select).clear()
        self.fill(self.initial)
        draft = self._drafts().get(self.command)
        if draft is not None:
            self.fill(draft)
            self.from_draft = True
            self.notify(self.t("form.draft_restored", command=command_title(
                self.command, self.language)))
        self.baseline, _ = self.values()
        self.ready = True
        self.touched = set(self.initial) | set(draft or {})
        # The focus starts on the first required field still empty (the subject and the
        # dates are often filled already), else on the first field.
        widgets = self.query(".form-row Input, .form-row Select, .form-row SelectionList, "
                             ".form-row Switch")
        empty = self.values()[1]
        required_empty = {n for n in empty if self.by_name[n].required}
        first = next((w for w in widgets
                      if w.display and _field_of(w.id) in required_empty), widgets.first())
        first.focus()
        self._after_change()

    def _set_options(self, name: str, found: list[tuple[str, Any]]) -> None:
        select = self.query_one(f"#f-{name}", Select)
        select.set_options(found)
        if not found:
            select.prompt = self.t("form.none_to_choose")

    # Values -----------------------------------------------------------------------------

    def fill(self, values: Mapping[str, Any]) -> None:
        """Set the widgets from command values (as the Struct holds them)."""
        for name, value in values.items():
            spec = self.by_name[name]
            if spec.kind in ("choice", "party", "partner", "ref", "plan_year", "action"):
                if spec.kind == "action":
                    self._year_changed()
                self.query_one(f"#f-{name}", Select).value = (
                    Select.NULL if value is None else value)
                if name == "payee_kind":
                    self._payee_kind_changed()
                if name == "year" and self._has_actions:
                    self._year_changed()
                if (name, self.command) == ("ref", "pay_supervisor_funding") \
                        and "payee" not in values:
                    self._funding_changed()
            elif spec.kind == "choices":
                selection = self.query_one(f"#f-{name}", SelectionList)
                selection.deselect_all()
                for item in value:
                    if item in spec.values:
                        selection.select(item)
                    elif name == "target_groups":
                        self.query_one(f"#f-{name}-other", Input).value = (
                            target_group_name(item, self.language))
            elif spec.kind == "bool":
                self.query_one(f"#f-{name}", Switch).value = bool(value)
            elif spec.kind == "counts":
                for key in spec.values:
                    count = value.get(key)
                    self.query_one(f"#f-{name}-{key}", Input).value = (
                        "" if count is None else str(count))
            elif spec.kind == "gender_counts":
                others = [g for g in value if g not in spec.values][:1]
                for group, key in [*((g, g) for g in spec.values),
                                   *((g, "other") for g in others)]:
                    counts = value.get(group) or {}
                    if not isinstance(counts, Mapping):
                        counts = msgspec.structs.asdict(counts)
                    for gender in GENDERS:
                        count = counts.get(gender)
                        self.query_one(f"#f-{name}-{key}-{gender}", Input).value = (
                            "" if count is None else str(count))
                for group in others:
                    self.query_one(f"#f-{name}-other", Input).value = (
                        target_group_name(group, self.language))
            elif spec.kind == "payee":
                kind = self.query_one("#f-payee_kind", Select).selection
                if kind in ("party", "partner"):
                    self.query_one("#f-payee-choice", Select).value = value
                else:
                    self.query_one("#f-payee", Input).value = str(value)
            else:
                self.query_one(f"#f-{name}", Input).value = (
                    "" if value is None else str(value))

    def values(self) -> tuple[dict[str, Any], set[str]]:
        """The command's values as entered (empty fields left out), and the empty ones."""
        found: dict[str, Any] = {}
        empty: set[str] = set()
        for spec in self.specs:
            value = self._value(spec)
            if value is None:
                empty.add(spec.name)
            else:
                found[spec.name] = value
        return found, empty

    def _value(self, spec: FieldSpec) -> Any:
        name = spec.name
        if spec.kind in ("choice", "party", "partner", "ref", "plan_year", "action"):
            return self.query_one(f"#f-{name}", Select).selection
        if spec.kind == "choices":
            selected = list(self.query_one(f"#f-{name}", SelectionList).selected)
            if name == "target_groups":
                other = self.query_one(f"#f-{name}-other", Input).value
                if other:
                    selected.append(OTHER_TARGET_GROUP + other)
            return selected if selected or spec.required else None
        if spec.kind == "bool":
            return self.query_one(f"#f-{name}", Switch).value
        if spec.kind == "counts":
            counts = {key: _number(self.query_one(f"#f-{name}-{key}", Input).value)
                      for key in spec.values}
            return {k: v for k, v in counts.items() if v is not None}
        if spec.kind == "gender_counts":
            groups: dict[str, dict[str, Any]] = {}
            for group in spec.values:
                by_gender = {g: _number(self.query_one(f"#f-{name}-{group}-{g}", Input).value)
                             for g in GENDERS}
                if any(v is not None for v in by_gender.values()):
                    groups[group] = {g: v for g, v in by_gender.items() if v is not None}
            label = self.query_one(f"#f-{name}-other", Input).value
            by_gender = {g: _number(self.query_one(f"#f-{name}-other-{g}", Input).value)
                         for g in GENDERS}
            if label or any(v is not None for v in by_gender.values()):
                groups[OTHER_TARGET_GROUP + label] = {
                    g: v for g, v in by_gender.items() if v is not None}
            return groups
        if spec.kind == "payee":
            if self.query_one("#f-payee_kind", Select).selection in ("party", "partner"):
                return self.query_one("#f-payee-choice", Select).selection
            raw = self.query_one("#f-payee", Input).value
            return raw or None
        raw = self.query_one(f"#f-{name}", Input).value
        if raw == "":
            return None
        return _number(raw) if spec.kind == "int" else raw

    def build(self) -> tuple[Command | None, dict[str, str]]:
        """The command the form holds, or the errors by field ("" for the whole form)."""
        values, empty = self.values()
        errors: dict[str, str] = {}
        for spec in self.specs:
            error = field_error(spec, values.get(spec.name), self.language,
                                missing=spec.name in empty)
            if spec.name in empty and self.required_now(spec.name, values):
                error = self.t("form.required")
            if error:
                errors[spec.name] = in_words(error, self.specs, self.language)
        if errors:
            return None, errors
        cmd, field, message = command_error(self.command, values, self.language)
        if cmd is None:
            return None, {field: in_words(message, self.specs, self.language)}
        try:  # the order of its own dates, as you type (the day it is recorded comes later)
            check_dates(cmd, date.max)
        except Refusal as wrong:
            name = str(wrong.params.get("field", ""))
            return None, {name: in_words(wrong.detail(self.language), self.specs, self.language)}
        return cmd, {}

    def required_now(self, name: str, values: Mapping[str, Any]) -> bool:
        """Optional in the Struct, but required by what else is entered (the label says
        so, and the field is checked as you type)."""
        when = REQUIRED_WHEN.get((self.command, name))
        if when is None or values.get(when[0]) is None:
            return False
        return when[1] is None or values.get(when[0]) == when[1]

    def _labels(self) -> None:
        """Relabel the fields whose requirement depends on others (``REQUIRED_WHEN``)."""
        values, _ = self.values()
        for (command, name), _when in REQUIRED_WHEN.items():
            if command != self.command:
                continue
            spec = self.by_name[name]
            required = self.required_now(name, values)
            text = (fill(FIELD_LABELS[name], self.language) if required
                    else field_label(spec, self.language))
            label = self.query_one(f"#row-{name} .form-label", Label)
            if str(label.content) != text:
                label.update(text)

    # Reacting to changes ----------------------------------------------------------------

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Switch.Changed)
    @on(SelectionList.SelectedChanged)
    def _widget_changed(self, event: Input.Changed | Select.Changed | Switch.Changed |
                        SelectionList.SelectedChanged[Any]) -> None:
        name = _field_of(event.control.id)
        if name is None or not self.ready:
            return
        self.touched.add(name)
        if name == "payee_kind":
            self._payee_kind_changed()
        elif name == "year" and self._has_actions:
            self._year_changed()
        elif name == "ref" and self.command == "pay_supervisor_funding":
            self._funding_changed()
        if not self._change_pending:  # many changes at once (a paste, fill): check once
            self._change_pending = True
            self.call_after_refresh(self._after_change)

    def _payee_kind_changed(self) -> None:
        kind = self.query_one("#f-payee_kind", Select).selection
        if kind == self._shown_for.get("payee_kind", Select.NULL):
            return
        self._shown_for["payee_kind"] = kind
        choice = self.query_one("#f-payee-choice", Select)
        supplier = self.query_one("#f-payee", Input)
        choice.display = kind in ("party", "partner")
        supplier.display = not choice.display
        if kind == "party":
            choice.set_options(PARTY_OPTIONS)
        elif kind == "partner" and self.choices is not None:
            choice.set_options(self.choices.partners("all", self.language))

    def _year_changed(self) -> None:
        year = self.query_one("#f-year", Select).selection
        if year == self._shown_for.get("year", Select.NULL):
            return
        self._shown_for["year"] = year
        found = (self.choices.open_actions(year)
                 if self.choices is not None and year is not None else [])
        self._set_options("action_id", found)

    def _funding_changed(self) -> None:
        """Payments for a funding go to its employer (R1): pre-fill the payee with it."""
        ref = self.query_one("#f-ref", Select).selection
        if ref == self._shown_for.get("ref", Select.NULL):
            return
        self._shown_for["ref"] = ref
        employer = self.choices.funding_employer(ref) if self.choices and ref else None
        if employer in PARTIES:
            self.query_one("#f-payee", Select).value = employer

    def _after_change(self) -> None:
        """Show field errors now; decide against the ledger a moment after typing stops."""
        self._change_pending = False
        self._labels()
        cmd, errors = self.build()
        self._show_errors(errors)
        self._gate()
        if self._timer is not None:
            self._timer.stop()
        if cmd is not None and self.decision is not None and self.decision[0] == cmd:
            self._show_decision(cmd, self.decision[1])  # decided already: say it again
            return
        self.checked = self.refusal = None
        self.decision = None
        if cmd is None:
            self._status("")
            return
        self._status(self.t("form.checking"))
        self._timer = self.set_timer(DEBOUNCE_SECONDS, lambda: self._dry_run(cmd))

    def _show_errors(self, errors: Mapping[str, str]) -> None:
        for spec in self.specs:
            error = errors.get(spec.name, "")
            when = REQUIRED_WHEN.get((self.command, spec.name))
            shown = (self.submitted or spec.name in self.touched
                     or (when is not None and when[0] in self.touched))
            _show(self.query_one(f"#e-{spec.name}", Static), error if shown else "")
        if "" in errors and (self.submitted or self.touched):
            self._status(errors[""], error=True)

    def _status(self, text: str, *, error: bool = False, ok: bool = False) -> None:
        status = self.query_one("#form-status", Static)
        if str(status.content) != text:
            status.update(text)
        status.set_class(error, "-error")
        status.set_class(ok, "-ok")

    # The onboarding gate (R2) -----------------------------------------------------------

    def gate_reason(self) -> str | None:
        """Why recording is impossible whatever else is entered (R2 for onboarding)."""
        if self.command != "onboard_partner" or self.choices is None:
            return None
        values, _ = self.values()
        org_nr, day = values.get("org_nr"), values.get("onboarded_on")
        try:
            on = date.fromisoformat(day) if isinstance(day, str) else None
        except ValueError:
            on = None
        if not org_nr or on is None:
            return None
        unmet = self.choices.unmet_criteria(org_nr, on)
        if not unmet:
            return None
        return self.t("form.unmet", criteria=", ".join(unmet), day=on.isoformat())

    def _gate(self) -> None:
        button = self.query_one("#form-submit", Button)
        reason = self.gate_reason()
        label = reason or self.t("form.submit")
        button.disabled = reason is not None
        if str(button.label) != label:
            button.label = label
            button.refresh(layout=True)  # a longer label needs a wider button

    # Deciding without writing -----------------------------------------------------------

    @work(thread=True, exclusive=True, group="form-check")
    def _dry_run(self, cmd: Command) -> None:
        ledger = self.ledger_app.ledger
        self.post_message(Checked(cmd, try_out(ledger, [cmd]), self._note(cmd)))

    @on(Checked)
    def _dry_run_done(self, message: Checked) -> None:
        current, _ = self.build()
        if current == message.command:  # else typed on meanwhile: a newer check comes
            self.note = message.note
            self._show_decision(message.command, message.outcome)

    def _note(self, cmd: Command) -> str | None:
        """What recording ``cmd`` changes that the user should know first (runs in a
        thread): participants reported again for a period replace the earlier count."""
        if not isinstance(cmd, ReportParticipants):
            return None
        try:
            effort = self.ledger_app.ledger.get(Effort, cmd.ref)
        except Exception:  # the ledger cannot be read: the dry run says so
            return None
        if effort is None or cmd.period not in effort.participants:
            return None
        recorded = effort.participants_recorded.get(cmd.period)
        earlier = sum(sum(c.values()) for c in effort.participants[cmd.period].values())
        return self.t("form.replaces_count", period=cmd.period, count=earlier,
                      day=format_time(recorded.isoformat()) if recorded else "?")

    def _show_decision(self, cmd: Command, result: Refusal | Exception | None, *,
                       submitting: bool = False) -> None:
        """What the ledger decided for ``cmd``: ready, or the refusal in the status line,
        by the field it is about (a consistency refusal), or in the dialog citing the
        policy (a policy rule, when recording)."""
        self.decision = (cmd, result)
        self.checked = cmd if result is None else None
        self.refusal = result if isinstance(result, Refusal) else None
        if result is None:
            ready = self.t("form.ready")
            self._status(f"{ready}\n{self.note}" if self.note else ready, ok=True)
            return
        if not isinstance(result, Refusal):  # the ledger cannot be read or written
            problem = explain(result, self.language)
            self._status(problem, error=True)
            if submitting:
                self.notify(problem, severity="error")
            return
        message = refusal_text(result, self.language, quote=False)
        self._status(message, error=True)
        if result.is_policy_rule:
            if submitting:
                self.app.push_screen(RefusalDialog(result, self.language))
            return
        name = self._field_for(result)
        if name:
            _show(self.query_one(f"#e-{name}", Static), message)
            if submitting:
                self._focus_field(name)

    # Recording --------------------------------------------------------------------------

    @on(Button.Pressed, "#form-submit")
    def action_submit(self) -> None:
        if refuse_if_read_only(self.app):
            return
        if self._busy:
            return
        reason = self.gate_reason()
        if reason is not None and self.refusal is not None and self.refusal.is_policy_rule:
            # The rule in full, with the policy's words, as the status line promises.
            self.app.push_screen(RefusalDialog(self.refusal, self.language))
            return
        if reason is not None:
            self.notify(reason, severity="warning")
            self._status(reason, error=True)
            return
        self.submitted = True
        cmd, errors = self.build()
        self._show_errors(errors)
        if cmd is None:
            self._status(self.t("form.fix_errors"), error=True)
            for name in errors:
                if name:
                    self._focus_field(name)
                    break
            return
        self._busy = True
        self._submit(cmd)

    def _focus_field(self, name: str) -> None:
        row = self.query_one(f"#row-{name}")
        widgets = [w for w in row.query("Input, Select, SelectionList, Switch")
                   if w.display]
        if widgets:
            widgets[0].focus()

    @work(thread=True, exclusive=True, group="form-submit")
    def _submit(self, cmd: Command) -> None:
        ledger = self.ledger_app.ledger
        self.post_message(Decided([cmd], try_out(ledger, [cmd]), self._note(cmd)))

    @on(Decided)
    def _decided(self, message: Decided) -> None:
        cmd, refusal = message.commands[0], message.outcome
        self.note = message.note
        self._show_decision(cmd, refusal, submitting=True)
        if refusal is not None:
            self._busy = False
            return
        title = self.t("form.confirm.title", command=command_title(self.command,
                                                                     self.language))
        lines = self.summary(cmd)
        if self.note:
            lines.append((self.t("form.note"), self.note))
        self.app.push_screen(ConfirmDialog(title, lines, self.language),
                             lambda yes: self._confirmed(cmd, bool(yes)))

    def _confirmed(self, cmd: Command, yes: bool) -> None:
        # Looking back may have begun meanwhile (the palette's "Look back" over the dialog).
        if not yes or refuse_if_read_only(self.app):
            self._busy = False
            return
        self.writing = True
        self._write(cmd)

    @work(thread=True, exclusive=True, group="form-submit")
    def _write(self, cmd: Command) -> None:
        self.post_message(write(self.ledger_app.ledger, [cmd]))

    @on(Written)
    def _written(self, message: Written) -> None:
        self._busy = self.writing = False
        cmd = message.commands[0]
        if message.outcome is not None:  # refused, or a storage problem: keep the form
            self._show_decision(cmd, message.outcome, submitting=True)
        else:
            self._recorded(cmd, message.events)

    def _recorded(self, cmd: Command, events: int) -> None:
        self._drafts().pop(self.command, None)
        self.notify(self.t("form.recorded", command=command_title(self.command,
                                                                    self.language),
                           events=events))
        self.dismiss(cmd)
        self.ledger_app.recorded_here()  # one toast per save

    def _field_for(self, refusal: Refusal) -> str | None:
        """The field holding the key a consistency refusal is about."""
        key = refusal.params.get("key", refusal.params.get("ref",
                                                           refusal.params.get("org_nr")))
        values, _ = self.values()
        for name, value in values.items():
            if key is not None and str(value) == str(key):
                return name
        return None

    # Leaving without recording: nothing typed is lost ------------------------------------

    def _drafts(self) -> dict[str, dict[str, Any]]:
        drafts: dict[str, dict[str, Any]] | None = getattr(self.app, "drafts", None)
        return drafts if drafts is not None else {}

    @property
    def changed(self) -> bool:
        """Something was typed since the form opened (or since its draft was restored)."""
        return self.ready and self.values()[0] != self.baseline

    @on(Button.Pressed, "#form-cancel")
    def action_cancel(self) -> None:
        """Esc: close at once when nothing was typed; else ask (keep editing, close and
        keep a draft, discard)."""
        if not self.changed and not self.from_draft:
            self.dismiss(None)
            return
        if not isinstance(self.app.screen, LeaveDialog):  # asked already (a second Esc)
            self.app.push_screen(LeaveDialog(self.language), self._leave)

    def _leave(self, answer: str | None) -> None:
        if answer == "draft":
            self._drafts()[self.command] = self.values()[0]
            self.notify(self.t("form.draft_kept", command=command_title(
                self.command, self.language)))
        elif answer == "discard":
            self._drafts().pop(self.command, None)
        else:
            return  # keep editing
        self.dismiss(None)

    # The command in words ---------------------------------------------------------------

    def summary(self, cmd: Command) -> list[tuple[str, str]]:
        data = msgspec.structs.asdict(cmd)
        lines = []
        for spec in self.specs:
            value = data.get(spec.name)
            if value is None or value == [] or value == {}:
                continue
            lines.append((fill(FIELD_LABELS[spec.name], self.language),
                          self._words(spec, value, data)))
        return lines

    def _words(self, spec: FieldSpec, value: Any, data: Mapping[str, Any]) -> str:
        lang = self.language
        partner = self.choices.partner_name if self.choices else str
        if spec.kind == "choice":
            return option_label(spec.values, value, lang)
        if spec.kind == "choices":
            return ", ".join(option_label(spec.values, v, lang) for v in value)
        if spec.kind == "partner":
            return partner(value)
        if spec.kind == "party":
            return PARTIES[value].name if value in PARTIES else str(value)
        if spec.kind == "payee":
            if data.get("payee_kind") == "party" and value in PARTIES:
                return PARTIES[value].name
            return partner(value) if data.get("payee_kind") == "partner" else str(value)
        if spec.kind == "bool":
            return self.t("report.yes" if value else "report.no")
        if spec.kind == "amount":
            return Money(parse_sek(value)).text(lang)
        if spec.kind == "counts":
            return ", ".join(f"{option_label(spec.values, k, lang)}: {n}"
                             for k, n in value.items())
        if spec.kind == "gender_counts":
            return "; ".join(
                f"{target_group_name(g, lang)}: "
                + self.t("replay.gender", **msgspec.structs.asdict(c))
                for g, c in value.items())
        return str(value)


def refuse_if_read_only(app: App[Any]) -> bool:
    """True (and a notice saying why) when nothing may be recorded: the ledger was opened
    ``--read-only``, or the screens look back at the ledger as it was."""
    ledger_app = cast("LedgerApp", app)
    if not ledger_app.read_only:
        return False
    unwritable = getattr(ledger_app, "unwritable", None)
    why = ("form.unwritable_role" if unwritable == "_role"
           else "form.unwritable" if unwritable is not None
           else "form.read_only" if getattr(ledger_app, "opened_read_only", True)
           else "form.looking_back")
    app.notify(translate(why, ledger_app.lang), severity="warning")
    return True


def _show(box: Static, text: str) -> None:
    """An error line next to its field: shown only when there is something to say."""
    if str(box.content) != text:
        box.update(text)
    if box.display != bool(text):
        box.display = bool(text)


def _number(raw: str) -> int | str | None:
    raw = raw.strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        return raw


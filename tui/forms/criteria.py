"""C1–C4 assessed together (issue 19): one form for a partner's four criteria, each with
its own evidence (or the shared evidence when its own is left empty), recorded as one
batch of ``assess_criterion`` (all or nothing). Checked against the ledger without
writing, confirmed in words, then written, like every ``CommandForm``."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, cast

import msgspec
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Select, Static, Switch

from asfledger.failures import explain
from domain.commands import AssessCriterion, Command
from domain.errors import Refusal
from domain.library_messages import explain_detail
from domain.reference import CRITERIA
from domain.words import fill
from tui.forms.choices import Choices, cached_choices, load_choices
from tui.forms.dialogs import LeaveDialog, RefusalDialog, refusal_text
from tui.forms.recording import ChoicesRead, Decided, Outcome, Written, try_out, write
from tui.forms.subject import CRITERIA_FORM
from tui.forms.vocabulary import today
from tui.screens.common import translate_bindings
from tui.text import FIELD_LABELS, translate
from tui.widgets.confirm import ConfirmDialog

if TYPE_CHECKING:
    from tui.app import LedgerApp


class CriteriaForm(ModalScreen[list[Command] | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", "ui.key.submit", priority=True),
        Binding("escape", "cancel", "ui.key.close"),
    ]

    def __init__(self, lang: str, initial: dict[str, Any] | None = None) -> None:
        super().__init__(id="form-assess_criteria", classes="command-form")
        self.language = lang
        self.command = CRITERIA_FORM
        self.initial = dict(initial or {})
        self.choices: Choices | None = None
        self.ready = False
        self.baseline: dict[str, Any] = {}
        self.from_draft = False
        self._busy = False
        self.writing = False  # in a worker now: the app's poll waits (see CommandForm)

    @property
    def ledger_app(self) -> LedgerApp:
        return cast("LedgerApp", self.app)

    def t(self, key: str, /, **params: Any) -> str:
        return translate(key, self.language, **params)

    def compose(self) -> ComposeResult:
        lang = self.language
        with Vertical(id="form-box"):
            yield Static(self.t("form.criteria.title"), id="form-title",
                         classes="dialog-title", markup=False)
            with VerticalScroll(id="form-fields"):
                yield Label(fill(FIELD_LABELS["org_nr"], lang), classes="form-label",
                            markup=False)
                yield Select[str]([], id="f-org_nr", prompt=self.t("form.choose"))
                yield Label(fill(FIELD_LABELS["assessed_on"], lang), classes="form-label",
                            markup=False)
                yield Input(today().isoformat(), id="f-assessed_on", max_length=10,
                            restrict=r"[0-9-]*")
                yield Label(self.t("form.criteria.evidence"), classes="form-label",
                            markup=False)
                yield Input(id="f-evidence")
                for code, term in CRITERIA.items():
                    yield Label(f"{code} {term.text(lang)}", classes="form-label",
                                markup=False)
                    with Horizontal(classes="criterion-row"):
                        yield Switch(True, id=f"f-met-{code}")
                        yield Input(id=f"f-evidence-{code}",
                                    placeholder=self.t("form.criteria.own_evidence"))
            yield Static("", id="form-status", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.t("form.submit"), id="form-submit", variant="primary")
                yield Button(self.t("form.cancel"), id="form-cancel")
        yield Footer()

    def on_mount(self) -> None:
        translate_bindings(self, self.language)
        cached = cached_choices(self.ledger_app.ledger)
        if cached is not None:
            self._loaded(cached)
        else:
            self._load()

    @work(thread=True, exclusive=True, group="form-choices")
    def _load(self) -> None:
        self.post_message(ChoicesRead(load_choices(self.ledger_app.ledger)))

    @on(ChoicesRead)
    def _choices_read(self, message: ChoicesRead) -> None:
        self._loaded(message.choices)

    def _loaded(self, choices: Choices) -> None:
        self.choices = choices
        select = self.query_one("#f-org_nr", Select)
        select.set_options(choices.partners("all", self.language))
        org_nr = self.initial.get("org_nr")
        if org_nr is not None and any(v == org_nr for _, v in
                                      choices.partners("all", self.language)):
            select.value = org_nr
        drafts: dict[str, dict[str, Any]] = getattr(self.app, "drafts", {})
        draft = drafts.get(self.command)
        if draft is not None:
            self._fill(draft)
            self.from_draft = True
        self.baseline = self.values()
        self.ready = True
        first = "#f-evidence" if select.selection is not None else "#f-org_nr"
        self.query_one(first).focus()

    # Values ------------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "org_nr": self.query_one("#f-org_nr", Select).selection,
            "assessed_on": self.query_one("#f-assessed_on", Input).value,
            "evidence": self.query_one("#f-evidence", Input).value}
        for code in CRITERIA:
            found[f"met-{code}"] = self.query_one(f"#f-met-{code}", Switch).value
            found[f"evidence-{code}"] = self.query_one(f"#f-evidence-{code}", Input).value
        return found

    def _fill(self, values: dict[str, Any]) -> None:
        for name, value in values.items():
            widget = self.query_one(f"#f-{name}")
            if isinstance(widget, Select):
                widget.value = Select.NULL if value is None else value
            elif isinstance(widget, (Input, Switch)):
                widget.value = value

    def build(self) -> tuple[list[Command], str]:
        """The four assessments, or what is wrong (one sentence)."""
        v = self.values()
        if v["org_nr"] is None:
            return [], self.t("form.criteria.no_partner")
        try:
            on = date.fromisoformat(v["assessed_on"])
        except ValueError:
            return [], self.t("form.criteria.bad_date")
        commands: list[Command] = []
        for code in CRITERIA:
            evidence = (v[f"evidence-{code}"] or v["evidence"]).strip()
            if not evidence:
                return [], self.t("form.criteria.no_evidence", criterion=code)
            try:
                commands.append(msgspec.convert(
                    {"org_nr": v["org_nr"], "criterion": code, "met": v[f"met-{code}"],
                     "evidence": evidence, "assessed_on": on.isoformat()}, AssessCriterion))
            except (msgspec.ValidationError, ValueError) as e:
                return [], f"{code}: {explain_detail(e, self.language)}"
        return commands, ""

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#form-status", Static)
        status.update(text)
        status.set_class(error, "-error")

    # Recording ---------------------------------------------------------------------------

    @on(Button.Pressed, "#form-submit")
    def action_submit(self) -> None:
        from tui.forms.form import refuse_if_read_only
        if refuse_if_read_only(self.app) or self._busy:
            return
        commands, problem = self.build()
        if not commands:
            self._status(problem, error=True)
            return
        self._busy = True
        self._decide(commands)

    @work(thread=True, exclusive=True, group="form-submit")
    def _decide(self, commands: list[Command]) -> None:
        self.post_message(Decided(commands, try_out(self.ledger_app.ledger, commands)))

    @on(Decided)
    def _on_decided(self, message: Decided) -> None:
        self._decided(message.commands, message.outcome)

    def _decided(self, commands: list[Command], result: Outcome) -> None:
        if result is not None:
            self._busy = False
            if isinstance(result, Refusal):
                self._status(refusal_text(result, self.language, quote=False), error=True)
                if result.is_policy_rule:
                    self.app.push_screen(RefusalDialog(result, self.language))
            else:
                self._status(explain(result, self.language), error=True)
            return
        lines = [(f"{x.criterion} {CRITERIA[x.criterion].text(self.language)}",
                  f"{self.t('report.yes' if x.met else 'report.no')} · {x.evidence}")
                 for x in commands if isinstance(x, AssessCriterion)]
        assert self.choices is not None
        title = self.t("form.confirm.title", command=self.t("form.criteria.title"))
        lines.insert(0, (fill(FIELD_LABELS["org_nr"], self.language),
                         self.choices.partner_name(str(self.values()["org_nr"]))))
        self.app.push_screen(ConfirmDialog(title, lines, self.language),
                             lambda yes: self._confirmed(commands, bool(yes)))

    def _confirmed(self, commands: list[Command], yes: bool) -> None:
        if not yes:
            self._busy = False
            return
        self.writing = True
        self._write(commands)

    @work(thread=True, exclusive=True, group="form-submit")
    def _write(self, commands: list[Command]) -> None:
        self.post_message(write(self.ledger_app.ledger, commands))

    @on(Written)
    def _written(self, message: Written) -> None:
        self._busy = self.writing = False
        if message.outcome is not None:  # refused, or a storage problem: keep the form
            self._decided(message.commands, message.outcome)
        else:
            self._recorded(message.commands, message.events)

    def _recorded(self, commands: list[Command], events: int) -> None:
        getattr(self.app, "drafts", {}).pop(self.command, None)
        self.notify(self.t("form.recorded", command=self.t("form.criteria.title"),
                           events=events))
        self.dismiss(commands)
        self.ledger_app.recorded_here()  # one toast per save

    # Leaving -----------------------------------------------------------------------------

    @on(Button.Pressed, "#form-cancel")
    def action_cancel(self) -> None:
        if not self.from_draft and (not self.ready or self.values() == self.baseline):
            self.dismiss(None)
            return
        if not isinstance(self.app.screen, LeaveDialog):  # asked already (a second Esc)
            self.app.push_screen(LeaveDialog(self.language), self._leave)

    def _leave(self, answer: str | None) -> None:
        drafts: dict[str, dict[str, Any]] = getattr(self.app, "drafts", {})
        if answer == "draft":
            drafts[self.command] = self.values()
        elif answer == "discard":
            drafts.pop(self.command, None)
        else:
            return
        self.dismiss(None)

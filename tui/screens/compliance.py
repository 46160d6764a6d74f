"""Compliance (SPEC §5): replay the history through the proof, rule by rule, down to the
event; and verify the audit chain against a checkpoint the board keeps.

The replay is ``asfledger audit compliance`` (``prove``) in a thread worker that advances
a progress bar as events are fed; ``escape`` cancels it, ``p`` runs it again. Each rule
F1–F4, R1–R9 (and the closed world) shows the events it examined and its violations;
``enter`` on a violation opens the event (its data, recorded time, actor and chain hash).
While the app looks back to a date, the proof is as of that date (``--as-of``). ``v``
verifies the chain (``asfledger audit verify``), against a checkpoint file if one is
given: OK, or the first bad position and why.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Footer, Header, Input, ProgressBar, Static
from textual.worker import get_current_worker

from asfledger.audit.checkpoint import Checkpoint, CheckpointError
from asfledger.audit.compliance import ProofReport, as_json, verdict_text
from asfledger.audit.verify import Verification
from tui.screens.common import LedgerScreen, cells, translate_bindings, went_wrong
from tui.screens.timetravel import EventDetailScreen
from tui.text import translate


class _Stopped(Exception):
    """The replay was overtaken (a newer one, or the screen went away)."""


class ComplianceScreen(LedgerScreen):
    TITLE_KEY = "ui.screen.compliance"
    AUTO_FOCUS = "#rules"
    DEFAULT_CSS = """
    ComplianceScreen #proof-head { height: auto; padding: 0 1; }
    ComplianceScreen #proof-status { width: 1fr; color: $text-muted; }
    ComplianceScreen #proof-progress { width: auto; }
    ComplianceScreen #rules {
        height: auto; max-height: 14; margin: 0 1; scrollbar-size-horizontal: 0;
    }
    ComplianceScreen #violations {
        height: 1fr; min-height: 4; margin: 0 1; border: round $primary 40%;
    }
    ComplianceScreen #verdict { height: auto; padding: 0 1; }
    ComplianceScreen #verdict.-proven { color: $success; }
    ComplianceScreen #verdict.-failed { color: $error; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "prove", "ui.key.rerun_proof", id="compliance.rerun"),
        Binding("v", "verify", "ui.key.verify_chain", id="compliance.verify"),
        # Only while the replay runs (``check_action``): else escape goes back, as anywhere.
        Binding("escape", "cancel", "ui.key.cancel_run", id="compliance.cancel"),
    ]

    def __init__(self) -> None:
        super().__init__(id="compliance")
        self.report: ProofReport | None = None
        self.data: dict[str, Any] | None = None  # ``as_json`` of the report, in the language
        self.total = 0
        self.done = 0
        self.rule: str | None = None  # the rule whose violations are shown
        self.run = 0  # the replay asked for last; an older one's end is ignored
        self.running = False
        self.cancelled = False  # the last replay was cancelled (escape)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="proof-head"):
            yield Static(id="proof-status", markup=False)
            yield ProgressBar(id="proof-progress", show_eta=False)
        yield DataTable[Text](id="rules", cursor_type="row", zebra_stripes=True)
        yield DataTable[Text](id="violations", cursor_type="row", zebra_stripes=True)
        yield Static(id="verdict", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self._columns()
        self.watch(self.app, "look_back", self._looked_back, init=False)
        self.action_prove()

    def _columns(self) -> None:
        t = self.t
        self.query_one("#rules", DataTable).add_columns(
            "", t("proof.rule"), t("proof.examined"), t("proof.violations"),
            t("ui.proof.title_col"))
        self.query_one("#violations", DataTable).add_columns(
            t("ui.col.position"), t("ui.proof.date"), t("ui.col.subject"),
            t("ui.proof.detail"))

    def language_changed(self) -> None:
        self._columns()
        self.query_one("#rules", DataTable).focus()
        if self.report is not None:
            self._show(self.report)
        else:
            self._progress()

    def ledger_changed(self, head: int) -> None:
        self.action_prove()

    def _looked_back(self) -> None:
        self.action_prove()

    @property
    def as_of(self) -> date | None:
        """The date the app looks back to, if it does by date."""
        look_back = getattr(self.app, "look_back", None)
        return getattr(look_back, "as_of", None)

    # -- the replay ----------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel":
            return self.running
        return True

    def action_prove(self) -> None:
        self.total = self.ledger_app.ledger.head()
        self.done = 0
        self.run += 1
        self.running, self.cancelled = True, False
        self.refresh_bindings()
        self._progress()
        self._replay(self.as_of, self.run)

    def action_cancel(self) -> None:
        """Stop the replay: it stops at its next progress (every thousand events)."""
        if self.running:
            self.workers.cancel_group(self, "compliance")
            self.cancelled = True

    def _progress(self) -> None:
        bar = self.query_one("#proof-progress", ProgressBar)
        bar.update(total=max(self.total, 1), progress=self.done)
        if self.running and (self.report is None or self.done < self.total):
            self.query_one("#proof-status", Static).update(
                self.t("ui.proof.running", done=self.done, total=self.total))

    class Progressed(Message, bubble=False):
        """From the replay's worker: the events fed so far."""

        def __init__(self, run: int, done: int) -> None:
            super().__init__()
            self.run, self.done = run, done

    class Ended(Message, bubble=False):
        """From the replay's worker: it ended, proven (``report``), failed (``error``) or
        cancelled (neither)."""

        def __init__(self, run: int, report: ProofReport | None = None,
                     error: Exception | None = None) -> None:
            super().__init__()
            self.run, self.report, self.error = run, report, error

    @work(thread=True, exclusive=True, group="compliance")
    def _replay(self, as_of: date | None, run: int) -> None:
        worker = get_current_worker()
        ledger = self.ledger_app.ledger

        def advance(position: int) -> None:
            if worker.is_cancelled:
                raise _Stopped
            self.post_message(self.Progressed(run, position))

        ended = self.Ended(run)
        try:
            # The trust check in the same pass: a history that fails it gives no verdict.
            ended.report = ledger.prove(as_of=as_of, progress=advance)
        except _Stopped:
            pass
        except Exception as error:  # an unreadable history or storage gone: say so, go on
            ended.error = error
        if worker.is_cancelled:
            ended.report = ended.error = None
        self.post_message(ended)

    @on(Progressed)
    def _progressed(self, message: Progressed) -> None:
        if message.run == self.run and self.running:
            self._advanced(message.done)

    @on(Ended)
    def _ended(self, message: Ended) -> None:
        if message.run != self.run:
            return
        if message.report is not None:
            self._proven(message.report)
        elif message.error is not None:
            self._failed(message.error)
        self.running = False
        self.refresh_bindings()
        if self.cancelled:
            self.query_one("#proof-status", Static).update(
                self.t("ui.proof.cancelled", done=self.done, total=self.total))

    def _advanced(self, position: int) -> None:
        self.done = min(position, self.total)
        self._progress()

    def _failed(self, error: Exception) -> None:
        message = went_wrong(error, self.lang)
        self.query_one("#proof-status", Static).update(message)
        self.notify(message, severity="error")

    def _proven(self, report: ProofReport) -> None:
        self.report = report
        self.done = self.total
        self._progress()
        self._show(report)

    # -- rule by rule --------------------------------------------------------------------
    def _show(self, report: ProofReport) -> None:
        data = self.data = as_json(report, self.lang)
        history = data["history"]
        status = self.t("ui.proof.done", events=history["events"],
                        first=history["first_position"] or 0,
                        last=history["last_position"] or 0)
        if data["as_of"]:
            status += " · " + self.t("ui.proof.as_of", day=data["as_of"])
        self.query_one("#proof-status", Static).update(status)
        rules = self.query_one("#rules", DataTable)
        cursor = rules.cursor_row
        rules.clear()
        open_rules = {item["rule"] for item in data["to_review"]}
        for code, rule in data["rules"].items():
            count = len(rule["violations"])
            # ✓ only where nothing was found and nothing is left to review (as the proof).
            mark = (Text("✗", style="bold red") if count
                    else Text("?", style="bold yellow") if code in open_rules
                    else Text("✓", style="bold green"))
            rules.add_row(mark, *cells(code, rule["events_examined"], count, rule["title"]),
                          key=code)
        if rules.row_count:
            rules.move_cursor(row=min(cursor, rules.row_count - 1))
        verdict = self.query_one("#verdict", Static)
        checkpoint = data["checkpoint"]
        verdict.update(verdict_text(report.proven, data["violations"], len(data["to_review"]),
                                    data["history"]["events"], self.lang) + "\n" + self.t(
            "proof.checkpoint", ledger=checkpoint["ledger"], size=checkpoint["size"],
            head=checkpoint["head"]))
        verdict.set_class(report.proven, "-proven")
        verdict.set_class(not report.proven, "-failed")
        self._show_rule(self._highlighted_rule())

    def _highlighted_rule(self) -> str | None:
        rules = self.query_one("#rules", DataTable)
        if not rules.row_count:
            return None
        return str(rules.coordinate_to_cell_key(rules.cursor_coordinate).row_key.value)

    @on(DataTable.RowHighlighted, "#rules")
    def _rule_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_rule(str(event.row_key.value))

    @on(DataTable.RowSelected, "#rules")
    def _rule_selected(self, event: DataTable.RowSelected) -> None:
        violations = self.query_one("#violations", DataTable)
        if violations.row_count:
            violations.focus()

    def _show_rule(self, code: str | None) -> None:
        self.rule = code
        table = self.query_one("#violations", DataTable)
        table.clear()
        if self.data is None or code is None or code not in self.data["rules"]:
            table.border_title = ""
            return
        rule = self.data["rules"][code]
        for v in rule["violations"]:
            table.add_row(*cells(v["position"], v["date"], v["subject"], v["detail"]),
                          key=str(v["position"]))
        # What the proof leaves to review under this rule is listed with it: the "?"
        # beside the rule is explained here, not only in the CLI's text.
        reviews = [item for item in self.data["to_review"] if item["rule"] == code]
        for i, item in enumerate(reviews):
            table.add_row(*cells(item["position"], item["date"], item["subject"],
                                 self.t("ui.proof.review_row", detail=item["detail"])),
                          key=f"{item['position']}/review/{i}")
        n = len(rule["violations"])
        if reviews:
            table.border_title = self.t("ui.proof.review_of", code=code, n=n,
                                        open=len(reviews))
        else:
            key = "ui.proof.violations_of" if n else "ui.proof.none_of"
            table.border_title = self.t(key, code=code, n=n)
        policy = rule["policy_sv"] if self.lang == "sv" else rule["policy_en"]
        table.border_subtitle = policy[:120] if policy else ""

    @on(DataTable.RowSelected, "#violations")
    def _violation_selected(self, event: DataTable.RowSelected) -> None:
        position = str(event.row_key.value).split("/")[0]  # a review row: "N/review/i"
        self.app.push_screen(EventDetailScreen(int(position), self.lang))

    # -- the chain -----------------------------------------------------------------------
    def action_verify(self) -> None:
        self.app.push_screen(VerifyDialog(self.lang))


def describe_verification(result: Verification, lang: str) -> tuple[bool, str]:
    """OK with the head, or the first bad position and why (then every problem)."""
    if result.ok:
        return True, translate("verify.ok", lang, size=result.size, head=result.head.hex(),
                               checkpoints=result.checkpoints_checked)
    first = result.first_bad
    assert first is not None
    lines = [translate("verify.failed", lang, position=first.position,
                       reason=first.describe(lang))]
    lines += [f"· {p.describe(lang)}" for p in result.problems if p is not first]
    return False, "\n".join(lines)


class VerifyDialog(ModalScreen[None]):
    """Verify the chain, alone or against a checkpoint file (``asfledger checkpoint``)."""

    DEFAULT_CSS = """
    VerifyDialog { align: center middle; }
    #verify-box {
        width: 80%; max-width: 100; height: auto; border: round $primary;
        background: $surface; padding: 1 2;
    }
    #verify-title { text-style: bold; }
    #verify-bar { height: auto; margin-top: 1; }
    #checkpoint-path { width: 1fr; }
    #verify-result { margin-top: 1; height: auto; }
    #verify-result.-ok { color: $success; }
    #verify-result.-bad { color: $error; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "ui.key.close"),
    ]

    def __init__(self, lang: str) -> None:
        super().__init__(id="verify")
        self.lang = lang
        self.result: Verification | None = None
        self.error: str | None = None

    def t(self, key: str, /, **params: Any) -> str:
        return translate(key, self.lang, **params)

    def compose(self) -> ComposeResult:
        with Vertical(id="verify-box"):
            yield Static(self.t("ui.verify.title"), id="verify-title", markup=False)
            yield Static(self.t("ui.verify.explain"), classes="why", markup=False)
            with Horizontal(id="verify-bar"):
                yield Input(id="checkpoint-path", placeholder=self.t("ui.verify.path"))
                yield Button(self.t("ui.verify.run"), id="verify-run", variant="primary")
            yield Static(id="verify-result", markup=False)

    def on_mount(self) -> None:
        translate_bindings(self, self.lang)
        self.query_one("#checkpoint-path", Input).focus()

    @on(Input.Submitted, "#checkpoint-path")
    @on(Button.Pressed, "#verify-run")
    def run(self) -> None:
        path = self.query_one("#checkpoint-path", Input).value.strip()
        checkpoints: list[Checkpoint] = []
        if path:
            try:
                text = Path(path).expanduser().read_text(encoding="utf-8")
                checkpoints.append(Checkpoint.parse(text, path))
            except (OSError, UnicodeDecodeError, CheckpointError) as e:
                reason = e.strerror if isinstance(e, OSError) and e.strerror else e
                self._answer(False, self.t("ui.verify.unreadable", path=path, error=reason))
                return
        self.query_one("#verify-box").loading = True
        self._verify(checkpoints)

    class Verified(Message, bubble=False):
        """From the worker: the chain's verification, or why it could not run."""

        def __init__(self, result: Verification | None, problem: str | None = None) -> None:
            super().__init__()
            self.result, self.problem = result, problem

    @work(thread=True, exclusive=True, group="verify")
    def _verify(self, checkpoints: list[Checkpoint]) -> None:
        ledger = getattr(self.app, "ledger")  # noqa: B009 - the LedgerApp's
        try:
            result = ledger.verify(checkpoints)
        except Exception as error:  # storage gone: say so
            self.post_message(self.Verified(None, went_wrong(error, self.lang)))
            return
        self.post_message(self.Verified(result))

    @on(Verified)
    def _on_verified(self, message: Verified) -> None:
        if message.result is not None:
            self._verified(message.result)
        else:
            self._answer(False, message.problem or "")

    def _verified(self, result: Verification) -> None:
        self.result = result
        self._answer(*describe_verification(result, self.lang))

    def _answer(self, ok: bool, text: str) -> None:
        self.error = None if ok else text
        self.query_one("#verify-box").loading = False
        shown = self.query_one("#verify-result", Static)
        shown.update(("✓ " if ok else "✗ ") + text)
        shown.set_class(ok, "-ok")
        shown.set_class(not ok, "-bad")
        self.query_one("#checkpoint-path", Input).focus()  # another file, or escape

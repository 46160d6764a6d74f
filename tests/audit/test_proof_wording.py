"""The compliance proof in the board's words (docs/ordlista.md): amounts in kronor, rule
titles never cut, no code words of the program, Swedish quotation marks."""

from __future__ import annotations

import io
from datetime import date

from asfledger.audit.compliance import _violation_text
from asfledger.cli import run
from asfledger.importer import import_bytes
from asfledger.ledger import Ledger
from domain.rules import RULES
from projections.compliance import Violation
from tests.audit.realistic import realistic_history


def test_R5_amounts_are_kronor_not_ore() -> None:
    v = Violation("R5", 12, date(2026, 3, 1), "x", "check.R5",
                  {"paid": 12613333, "limit": 86000000})
    assert _violation_text(v, "sv") == "betalt 126\u00a0133,33\u00a0kr av beslutade " \
                                       "860\u00a0000,00\u00a0kr"
    assert _violation_text(v, "en") == "SEK\u00a0126,133.33 paid of SEK\u00a0860,000.00 decided"


def test_rule_titles_are_whole_and_no_code_word_is_shown(ledger: Ledger) -> None:
    import_bytes(ledger, realistic_history())
    out, err = io.StringIO(), io.StringIO()
    assert run(["--db", ledger.db, "--lang", "sv", "audit", "compliance"], out=out,
               err=err) == 0, err.getvalue()
    text = out.getvalue()
    for code in ("R1", "R4"):
        assert RULES[code].sv in text  # "…på betalningsdagen", not "betalningsda"
    assert "closed_world" not in text
    assert "Sluten värld" in text


def test_a_purpose_is_named_in_the_policys_words() -> None:
    v = Violation("F1", 3, date(2026, 3, 1), "x", "check.F1", {"purpose": "cash_grant"})
    assert _violation_text(v, "sv") == "kontantbidrag (ändamål: kontantbidrag)"
    assert "cash_grant" not in _violation_text(v, "en")

"""The rule table (domain/rules.py): one record per code holds all a rule says, and one grep
of a code finds the rule, its guard, its check and its tests."""

from __future__ import annotations

import re
from pathlib import Path

import msgspec
import pytest

from domain import commands
from domain.errors import Refusal
from domain.events import EVENT_TYPES, Event
from domain.money import Money
from domain.rules import EVERY, RULES, rule
from domain.text import MESSAGES

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{([^{}:!]*)[^{}]*\}")


def _sources(*folders: str) -> dict[Path, str]:
    return {path: path.read_text(encoding="utf-8")
            for folder in folders for path in sorted((ROOT / folder).rglob("*.py"))}


def _command_names() -> set[str]:
    tagged = [cls for cls in vars(commands).values()
              if isinstance(cls, type) and issubclass(cls, commands.Command)
              and cls is not commands.Command]
    return {msgspec.inspect.type_info(cls).tag for cls in tagged}  # type: ignore[attr-defined]


def test_the_table_has_F1_to_F4_and_R1_to_R9_in_order() -> None:
    assert list(RULES) == ["F1", "F2", "F3", "F4", *(f"R{n}" for n in range(1, 10))]
    assert all(rule(code).code == code for code in RULES)
    with pytest.raises(KeyError):
        rule("R10")


@pytest.mark.parametrize("code", RULES)
def test_each_rule_has_its_words_and_the_policys_in_both_languages(code: str) -> None:
    r = rule(code)
    assert r.text("sv") == r.sv and r.text("en") == r.en and r.sv != r.en
    assert r.quote("sv") == r.quote_sv and r.quote("en") == r.quote_en
    assert r.quote_sv and r.quote_en and r.quote_sv != r.quote_en
    assert r.refusals and r.checks  # every rule is both guarded and checked


@pytest.mark.parametrize("code", RULES)
def test_each_rules_keys_name_it_and_fill_in_the_same_way_in_both_languages(code: str) -> None:
    r = rule(code)
    for key in r.refusals:
        assert key.startswith(f"refusal.{code}_"), key
    for key in r.checks:
        assert re.fullmatch(rf"(check|review)\.{code}(_\w+)?|review\.no_value", key), key
    for key, (sv, en) in {**r.refusals, **r.checks}.items():
        assert sv and en and sv != en, key
        assert set(PLACEHOLDER.findall(sv)) == set(PLACEHOLDER.findall(en)), key
        assert MESSAGES[key] == (sv, en)  # translate() finds it like any other message


def test_refusal_and_check_texts_fill_in_their_parameters() -> None:
    r5 = rule("R5")
    assert r5.check_text("check.R5", "sv", paid="12 000 kr", limit="10 000 kr") == (
        "betalt 12 000 kr av beslutade 10 000 kr")
    assert "SEK 5.00 against E-1" in r5.refusal_text(
        "refusal.R5_exceeds", "en", amount=Money(500), ref="E-1", limit=Money(400),
        spent=Money(0))
    with pytest.raises(KeyError):
        r5.check_text("check.R4", "en", org_nr="x")  # another rule's words


@pytest.mark.parametrize("code", RULES)
def test_each_rule_says_where_it_applies(code: str) -> None:
    r = rule(code)
    if r.commands != EVERY:
        assert set(r.commands) <= _command_names(), r.commands
    assert all(cls is Event or cls in EVENT_TYPES.values() for cls in r.events), r.events
    assert r.commands and r.events


@pytest.mark.parametrize("code", RULES)
def test_one_grep_finds_the_guard_the_check_and_a_test(code: str) -> None:
    """Each refusal key is raised by a guard (domain/ or asfledger/), each check key is
    written by the proof (projections/), and a test names the rule by its code."""
    r = rule(code)
    guards = "".join(_sources("domain", "asfledger").values()).replace(
        (ROOT / "domain" / "rules.py").read_text(encoding="utf-8"), "")
    proof = "".join(_sources("projections").values())
    tests = {path: text for path, text in _sources("tests").items()
             if path.name != Path(__file__).name}
    assert f'"{code}"' in guards, f"no guard names {code}"
    for key in r.refusals:
        assert f'"{key}"' in guards, f"no guard raises {key}"
    for key in r.checks:
        assert f'"{key}"' in proof, f"no check writes {key}"
    assert any(re.search(rf"\b{code}\b", text) for text in tests.values())


def test_a_refusal_under_a_rule_quotes_that_rules_policy() -> None:
    refused = Refusal("R4", "refusal.R4_no_agreement", ref="E-1", org_nr="556000-0000",
                      day="2026-01-01")
    assert refused.is_policy_rule
    said = refused.describe("sv")
    assert said.startswith("Avvisat enligt R4: ") and rule("R4").quote_sv in said

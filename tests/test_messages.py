"""Messages live with their layer (domain/, projections/, asfledger/, tui/ each have a
text.py), in Swedish and English, and every key is a literal string where it is used."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import asfledger.text
import domain.text
import projections.text
import tui.text
from domain.aggregates import AGGREGATE_TYPES
from domain.commands import COMMAND_TYPES
from domain.reference import ATTENDANCE_GROUPS, GENDER_KEYS, OUTCOME_KEYS, PARTIES, PAYEE_KINDS
from domain.text import Catalogue
from domain.words import Words
from tui.forms.vocabulary import GROUP_OF

ROOT = Path(__file__).resolve().parents[1]
LAYERS: dict[str, Catalogue] = {  # bottom to top: each finds what the ones before it have
    "domain": domain.text.CATALOGUE,
    "projections": projections.text.CATALOGUE,
    "asfledger": asfledger.text.CATALOGUE,
    "tui": tui.text.CATALOGUE,
}
ALL = {key: words for catalogue in LAYERS.values() for key, words in catalogue.messages.items()}
PLACEHOLDER = re.compile(r"\{([^{}:!]*)[^{}]*\}")
# Where the two languages say it differently on purpose.
WORDED_APART = {
    "report.pack.period.quarter": "Swedish names the quarter by its ordinal in words",
}
# A key as the source writes it: a known prefix, a dot, then the rest.
PREFIXES = "|".join(sorted({key.split(".")[0] for key in ALL}))
KEY = re.compile(rf"""["']((?:{PREFIXES})\.[A-Za-z0-9_.]+)["']""")
# A key given to a lookup, whatever its prefix (one whose family became a vocabulary too).
LOOKED_UP = re.compile(r"""(?:translate|\bt)\(\s*["']([a-z0-9_]+\.[A-Za-z0-9_.]+)["']""")
BUILT = re.compile(rf"""f["'](?:{PREFIXES})\.[^"']*\{{""")


def _sources(layer: str) -> dict[Path, str]:
    return {path: path.read_text(encoding="utf-8")
            for path in sorted((ROOT / layer).rglob("*.py")) if path.name != "text.py"}


def test_each_layer_finds_its_own_messages_then_those_below_never_above() -> None:
    assert LAYERS["tui"].translate("ui.help.key", "sv") == "Tangent"
    assert LAYERS["tui"].translate("refusal.unknown", "en", kind="partner", key="X") == (
        "the partner X is not in the ledger")  # the UI shows a domain refusal
    assert "ui.help.key" not in LAYERS["asfledger"]
    with pytest.raises(KeyError):
        LAYERS["domain"].translate("ui.help.key", "sv")
    assert [c for c in LAYERS["tui"].layers()] == list(LAYERS.values())[::-1]


def test_no_key_is_defined_in_two_layers() -> None:
    defined = [key for catalogue in LAYERS.values() for key in catalogue.messages]
    assert len(defined) == len(set(defined)) > 500


@pytest.mark.parametrize("layer", LAYERS)
def test_swedish_and_english_are_both_there_and_take_the_same_parameters(layer: str) -> None:
    for key, (sv, en) in LAYERS[layer].messages.items():
        assert sv.strip() and en.strip(), key
        if key not in WORDED_APART:
            assert set(PLACEHOLDER.findall(sv)) == set(PLACEHOLDER.findall(en)), key
    assert set(WORDED_APART) <= set(ALL)


def _vocabularies() -> dict[str, dict[str, Words]]:
    """Words looked up by a code (``KIND_NAMES["partner"]``) rather than by a key."""
    found = {}
    for module in (domain.text, projections.text, asfledger.text, tui.text):
        for name, value in vars(module).items():
            if name.isupper() and name != "MESSAGES" and isinstance(value, dict) and all(
                    isinstance(w, tuple) and len(w) == 2 for w in value.values()):
                found[f"{module.__name__}.{name}"] = value
    return found


# Every text of every layer: its messages by key, its vocabularies' words by name and code.
EVERY_TEXT: dict[str, Words] = {**ALL, **{f"{name}[{code}]": words
                                          for name, vocabulary in _vocabularies().items()
                                          for code, words in vocabulary.items()}}


def test_vocabularies_have_both_languages_with_the_same_parameters() -> None:
    vocabularies = _vocabularies()
    assert {"domain.text.KIND_NAMES", "projections.text.EVENT_SENTENCES",
            "tui.text.FIELD_LABELS"} <= set(vocabularies)
    assert len(EVERY_TEXT) > len(ALL) + 200  # what test_ordlista reads
    for name, words in vocabularies.items():
        for code, (sv, en) in words.items():
            assert sv.strip() and en.strip(), (name, code)
            assert set(PLACEHOLDER.findall(sv)) == set(PLACEHOLDER.findall(en)), (name, code)


@pytest.mark.parametrize("layer", LAYERS)
def test_every_key_a_layer_uses_is_its_own_or_from_a_layer_below(layer: str) -> None:
    catalogue = LAYERS[layer]
    wrong = {f"{path.relative_to(ROOT)}: {key}" for path, text in _sources(layer).items()
             for key in {*KEY.findall(text), *LOOKED_UP.findall(text)}
             if key not in catalogue}
    assert wrong == set()


@pytest.mark.parametrize("layer", LAYERS)
def test_no_key_is_built_at_run_time(layer: str) -> None:
    """A key is a literal where it is used, so grepping it finds every use."""
    built = {f"{path.relative_to(ROOT)}: {match}" for path, text in _sources(layer).items()
             for match in BUILT.findall(text)}
    assert built == set()


def test_the_scans_find_what_they_look_for() -> None:
    assert KEY.findall('translate("ui.help.key", lang)') == ["ui.help.key"]
    assert LOOKED_UP.findall("f\"{translate('kind.effort', lang)} {e.key}\"") == ["kind.effort"]
    assert LOOKED_UP.findall('self.t("corr.label.before")') == ["corr.label.before"]
    assert BUILT.findall('translate(f"ui.status.{status}", lang)')
    assert not BUILT.findall('translate("ui.status.open", lang)')


def test_each_vocabulary_names_every_code_of_its_list() -> None:
    """Looked up by a code from the data, so a code without words would fail at run time."""
    # The forms record the commands of the record picker (corrections have their own).
    fields = {name for command in GROUP_OF
              for name in COMMAND_TYPES[command].__struct_fields__}
    assert set(domain.text.KIND_NAMES) == {cls.KIND for cls in AGGREGATE_TYPES}
    assert set(tui.text.COMMAND_NAMES) == set(GROUP_OF)
    assert set(tui.text.FORM_GROUPS) == set(GROUP_OF.values())
    assert set(tui.text.FIELD_LABELS) >= fields - {"command", "actor"}  # actor: the CLI's
    assert set(tui.text.GENDER_NAMES) == set(GENDER_KEYS)
    assert set(tui.text.PAYEE_KIND_NAMES) == set(PAYEE_KINDS)
    assert set(tui.text.SUBJECT_KINDS) == {cls.KIND for cls in AGGREGATE_TYPES}
    assert set(asfledger.text.OUTCOME_NAMES) == set(OUTCOME_KEYS)
    assert set(projections.text.ATTENDANCE_GROUP_NAMES) == set(ATTENDANCE_GROUPS) - set(PARTIES)
    assert len(asfledger.text.MONTH_NAMES) == 12 and len(asfledger.text.QUARTER_ORDINALS) == 4

"""The JSON Schema of the import commands: the contract of ``asfledger import`` (issue 16).

Generated from the same msgspec Structs the importer decodes with, plus what msgspec
cannot see: the text rule's pattern (``values.text_pattern``), the keys a dict may have
(``propertyNames``), and the cross-field rules of ``record_expenditure`` (``if``/``then``).
Draft 2020-12, standard keywords only (no OpenAPI ``discriminator``).

What it accepts, the importer accepts or refuses by policy (exit 1); what it rejects, the
importer rejects as invalid input (exit 2). The one rule it cannot say is the Luhn check
of an organisation number; its description says so. Rules over time (a thing done may not
lie after the day it is recorded, an end not before its start) are refusals, exit 1.
"""

from __future__ import annotations

import typing
from typing import Any

import msgspec

from domain import commands as c
from domain.corrections import DECIDED_KINDS, FACTS
from domain.reference import OTHER_TARGET_GROUP, TARGET_GROUP_LABEL_MAX, TARGET_GROUPS
from domain.values import text_pattern

FREE_TEXT, ONE_LINE = "FreeText", "OneLine"  # the $defs of the text rule
TARGET_GROUP = "TargetGroup"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
ORG_NR_PATTERN = r"^[0-9]{2}[2-9][0-9]{3}-?[0-9]{4}$"

DESCRIPTION = (
    "One JSON object per line of an asfledger import file (JSON Lines). Every line this "
    "schema accepts is either recorded or refused by the policy (exit 1); every line it "
    "rejects is invalid input (exit 2). One rule cannot be said in JSON Schema: an "
    "organisation number (org_nr, and payee when payee_kind is partner) must also pass the "
    "Luhn check. Texts are stored in Unicode NFC. Dates of things done may not lie after "
    "the day they are recorded, and ends_on not before starts_on: those are refusals.")


def json_schema() -> dict[str, Any]:
    schema: dict[str, Any] = msgspec.json.schema(c.AnyCommand)
    schema.pop("discriminator", None)
    defs: dict[str, Any] = schema["$defs"]
    for name, definition in defs.items():
        cls = getattr(c, name)
        properties: dict[str, Any] = definition["properties"]
        for field, prop in properties.items():
            _texts(prop)
            if field == "org_nr" or prop.get("pattern") == c.ORG_NR_PATTERN:
                _org_nr(prop)
        _dict_keys(cls, properties)
    _record_expenditure(defs["RecordExpenditure"])
    for name in ("VoidDecision", "CorrectFact"):
        if name in defs:
            _corrections(defs[name])
    defs[FREE_TEXT] = {"type": "string", "pattern": text_pattern(multiline=True),
                       "description": "Unicode text without control or format characters "
                                      "(line breaks allowed), not beginning or ending with "
                                      "whitespace"}
    defs[ONE_LINE] = {"type": "string", "pattern": text_pattern(),
                      "description": "one line of Unicode text without control or format "
                                     "characters, not beginning or ending with whitespace"}
    defs[TARGET_GROUP] = {
        "description": "a standard target group, or another group: other: and a short label "
                       f"(at most {TARGET_GROUP_LABEL_MAX} characters, one line of text)",
        "anyOf": [{"enum": list(TARGET_GROUPS)},
                  {"type": "string", "pattern": "^" + OTHER_TARGET_GROUP + text_pattern()[1:],
                   "maxLength": len(OTHER_TARGET_GROUP) + TARGET_GROUP_LABEL_MAX}]}
    return {"$schema": DRAFT, "title": "asfledger import command",
            "description": DESCRIPTION, **schema}


def _texts(node: Any) -> None:
    """Put the text rule's pattern where commands.py marked a text or a one-line string."""
    if isinstance(node, dict):
        marker = node.pop("$comment", None)
        if marker in ("asfledger:text", "asfledger:line"):
            node["$ref"] = f"#/$defs/{FREE_TEXT if marker == 'asfledger:text' else ONE_LINE}"
        elif marker == "asfledger:target_group":
            node.pop("type", None)
            node["$ref"] = f"#/$defs/{TARGET_GROUP}"
        for value in node.values():
            _texts(value)
    elif isinstance(node, list):
        for value in node:
            _texts(value)


def _org_nr(node: dict[str, Any]) -> None:
    for option in node.get("anyOf", [node]):
        if option.get("type") == "string":
            option["pattern"] = ORG_NR_PATTERN
            option["description"] = "NNNNNN-NNNN or ten digits, third digit 2 or more, Luhn"


def _dict_keys(cls: type, properties: dict[str, Any]) -> None:
    """``dict[Literal[...], V]``: the keys it may have, as ``propertyNames``."""
    hints = typing.get_type_hints(cls, include_extras=True)
    for field, prop in properties.items():
        tp = hints.get(field)
        if typing.get_origin(tp) is dict:
            key_type = typing.get_args(tp)[0]
            if typing.get_origin(key_type) is typing.Literal:
                prop["propertyNames"] = {"enum": sorted(typing.get_args(key_type))}


def _record_expenditure(definition: dict[str, Any]) -> None:
    properties = definition["properties"]
    properties["purpose"]["enum"] = [purpose for purpose in properties["purpose"]["enum"]
                                     if purpose != "supervisor_funding"]
    legal_forms = properties["payee_legal_form"]["anyOf"][0]
    beneficiaries = properties["beneficiaries"]["anyOf"][0]
    line = dict(properties["ref"])
    definition["allOf"] = [
        {"if": {"properties": {"payee_kind": {"const": "supplier"}}},
         "then": {"required": ["payee_legal_form"],
                  "properties": {"payee_legal_form": legal_forms}}},
        {"if": {"properties": {"payee_kind": {"const": "party"}}},
         "then": {"properties": {"payee": {"enum": list(c.PARTY_CODES)}}}},
        {"if": {"properties": {"payee_kind": {"const": "partner"}}},
         "then": {"properties": {"payee": {"type": "string", "pattern": ORG_NR_PATTERN}}}},
        {"if": {"properties": {"purpose": {"enum": ["effort_financing", "membership_fee"]}}},
         "then": {"required": ["linked_ref"], "properties": {"linked_ref": line}}},
        # F4: education, a course, coaching or consulting says whom it is for.
        {"if": {"required": ["skills_service"],
                "properties": {"skills_service": {"type": "string"}}},
         "then": {"required": ["beneficiaries"],
                  "properties": {"beneficiaries": beneficiaries}}},
    ]


def _corrections(definition: dict[str, Any]) -> None:
    """A correction or void of a decision names the decision that makes it; a partner is
    named by its org number (domain.commands: _check_decision_ref, _check_correction_key)."""
    line = dict(definition["properties"]["key"])
    definition["allOf"] = [
        {"if": {"properties": {"kind": {"enum": sorted(DECIDED_KINDS)}}},
         "then": {"required": ["decision_ref"], "properties": {"decision_ref": line}}},
        {"if": {"properties": {"kind": {"const": "partner"}}},
         "then": {"properties": {"key": {"type": "string", "pattern": ORG_NR_PATTERN}}}},
        {"if": {"properties": {"kind": {"const": "action"}}},
         "then": {"properties": {"key": {"type": "string", "pattern": c.ACTION_KEY_PATTERN}}}},
    ]
    if "value" in definition["properties"]:  # correct_fact: a fact is a value or a list
        definition["properties"]["value"] = {"anyOf": [
            {"type": ["string", "integer", "boolean", "null"]},
            {"type": "array", "items": {"type": ["string", "integer"]}}]}
    if "field" in definition["properties"]:  # correct_fact: the fields of each kind
        definition["allOf"] += [
            {"if": {"properties": {"kind": {"const": kind}}},
             "then": {"properties": {"field": {"enum": sorted(facts)}}}}
            for kind, facts in FACTS.items()]

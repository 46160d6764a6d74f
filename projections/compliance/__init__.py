"""The compliance proof (SPEC §5): checks written over events, separate from the guards.

Written in the style of beancount's plugins: one small named check per rule of the policy
(``f1_cash_grants`` … ``r9_criteria_hold``, each with its own tests under
tests/projections/compliance/), run over the whole history by a plain fold (``fold``),
failing loudly. Each rule counts the events it examined and lists its violations with
position, date, subject and the policy's words; what rules over data cannot decide is
listed to review. Closed world: every event type is classified (``closed_world``); an
event of an unknown type fails the proof.
"""

from projections.compliance.findings import RuleTally, Violation
from projections.compliance.fold import CLOSED_WORLD, RULE_CODES, ComplianceProof
from projections.compliance.redactions import Redacted

__all__ = ["CLOSED_WORLD", "RULE_CODES", "ComplianceProof", "Redacted", "RuleTally",
           "Violation"]

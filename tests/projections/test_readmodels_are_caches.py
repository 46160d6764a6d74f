"""Read models are caches, never evidence: a saved read model rewritten in the database
(the dashboard showing SEK 0.01 of expenditure instead of millions) is named by ``audit
verify``, with the position it was saved at, and a saved head that is not the chain's is
rebuilt when read."""

from __future__ import annotations

from asfledger.ledger import Ledger
from asfledger.readmodels import READMODEL_TABLE, catch_up
from projections.dashboard import DashboardState
from tests.audit.trust_support import Tables, cli, filled, tamper


def _saved(t: Tables) -> tuple[int, bytes]:
    position, state = t.sql(f"SELECT position, state FROM {READMODEL_TABLE} WHERE name = ?",
                            DashboardState.name)[0]
    return int(position), bytes(state)


def test_a_clean_ledger_and_its_saved_read_models_verify(db: str) -> None:
    filled(db, 200)
    code, _out, err = cli("--db", db, "audit", "verify")
    assert code == 0, err


def test_a_rewritten_read_model_is_named_by_verify(db: str) -> None:
    size = filled(db, 200)

    def shrink_expenditure(t: Tables) -> None:
        _, state = _saved(t)
        model = DashboardState.from_bytes(state)
        spent = model.flows.spent
        assert any(ore for by_purpose in spent.values() for ore in by_purpose.values())
        for by_purpose in spent.values():
            for purpose, ore in by_purpose.items():
                by_purpose[purpose] = min(ore, 1)  # SEK 0.01
        t.sql(f"UPDATE {READMODEL_TABLE} SET state = ? WHERE name = ?", model.to_bytes(),
              DashboardState.name)

    tamper(db, shrink_expenditure)
    code, _out, err = cli("--db", db, "audit", "verify")
    assert code == 1
    assert f"position {size}: the saved read model dashboard" in err
    code, out, err = cli("--db", db, "audit", "compliance")  # the proof never read it
    assert code in (0, 1) and "Stands on" in out


def test_a_read_model_saved_at_another_head_is_rebuilt(db: str) -> None:
    filled(db, 200)

    def other_head(t: Tables) -> None:
        t.sql(f"UPDATE {READMODEL_TABLE} SET chain = ?, state = ? WHERE name = ?",
              bytes(32), DashboardState().to_bytes(), DashboardState.name)

    tamper(db, other_head)
    code, _out, err = cli("--db", db, "audit", "verify")
    assert code == 1 and "read model dashboard" in err
    with Ledger(db, read_only=True) as ledger:
        tracked = catch_up(ledger, DashboardState)
    assert tracked.rebuilt
    assert any(ore > 100 for by_purpose in tracked.model.flows.spent.values()
               for ore in by_purpose.values())

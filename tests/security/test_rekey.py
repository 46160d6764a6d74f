"""Key rotation = re-encryption into a new ledger (docs/SECURITY.md): the new ledger holds
the same events under the new key, a new chain, and the old ledger's final checkpoint,
which verifies against the old ledger: continuity is provable."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from asfledger.security import generate_key
from tests.security.support import ENCRYPTED, PARTNER_NAME, cli, file_bytes, import_history


def _events(db: str, key: Path | None) -> list[dict[str, object]]:
    """The history without its chain (the chain is the new ledger's own)."""
    key_args = ["--key-file", str(key)] if key else []
    code, out, err = cli("--db", db, *key_args, "events", "--format", "jsonl")
    assert code == 0, err
    entries = [json.loads(line) for line in out.splitlines()]
    for entry in entries:
        del entry["chain"]
    return entries


def test_rekey_copies_under_a_new_key_and_continuity_is_provable(
        db: str, tmp_path: Path) -> None:
    old_key = generate_key(tmp_path / "old.key")
    new_key = generate_key(tmp_path / "new.key")
    import_history(db, tmp_path, "--key-file", str(old_key))
    new_db = str(tmp_path / "rekeyed.sqlite")

    code, out, err = cli("--key-file", str(old_key), "rekey", "--from", db, "--to", new_db,
                         "--new-key-file", str(new_key))

    assert code == 0, err
    assert out.startswith("copied 10 events from ")
    old_text, new_text = out.split("The old ledger's final checkpoint (for the minutes):\n"
                                   )[1].split("The new ledger's checkpoint (for the minutes):\n")
    # 1. The old ledger's final checkpoint verifies against the old ledger.
    (tmp_path / "old-final.txt").write_text(old_text)
    code, _, err = cli("--db", db, "audit", "verify", "--checkpoint",
                       str(tmp_path / "old-final.txt"))
    assert code == 0, err
    # 2. The new ledger verifies, against its own first checkpoint, and names the old one.
    (tmp_path / "new-first.txt").write_text(new_text)
    code, out, err = cli("--db", new_db, "audit", "verify", "--checkpoint",
                         str(tmp_path / "new-first.txt"))
    assert code == 0, err
    old_id = old_text.split("ledger: ")[1].split("\n")[0]
    old_head = old_text.split("head: ")[1].split("\n")[0]
    assert f"continues ledger {old_id} from its checkpoint at size 10, head {old_head}" in out
    assert old_id not in new_text  # a new ledger, with a new chain
    # 3. The same events, decrypted with each ledger's own key.
    assert _events(new_db, new_key) == _events(db, old_key)
    # 4. The new ledger is encrypted with the new key only.
    assert PARTNER_NAME.encode() not in file_bytes(new_db)
    code, _, err = cli("--db", new_db, "--key-file", str(old_key), "events")
    assert code == 3
    assert "does not open the ledger" in err
    code, _, err = cli("--db", new_db, "events")
    assert code == 3
    assert err.strip().endswith(ENCRYPTED)


def test_rekey_encrypts_a_plain_ledger(tmp_path: Path) -> None:
    old_db, new_db = str(tmp_path / "plain.sqlite"), str(tmp_path / "encrypted.sqlite")
    import_history(old_db, tmp_path)
    key = generate_key(tmp_path / "new.key")

    code, _, err = cli("rekey", "--from", old_db, "--to", new_db, "--new-key-file", str(key))

    assert code == 0, err
    assert PARTNER_NAME.encode() in file_bytes(old_db)
    assert PARTNER_NAME.encode() not in file_bytes(new_db)
    assert _events(new_db, key) == _events(old_db, None)


def test_rekey_only_copies_into_a_new_empty_ledger(tmp_path: Path) -> None:
    old_db, new_db = str(tmp_path / "old.sqlite"), str(tmp_path / "busy.sqlite")
    import_history(old_db, tmp_path)
    import_history(new_db, tmp_path)
    key = generate_key(tmp_path / "new.key")

    code, _, err = cli("rekey", "--from", old_db, "--to", new_db, "--new-key-file", str(key))
    assert code == 2
    assert "busy.sqlite is not a new, empty ledger; rekey only copies into one" in err
    encrypted_db = str(tmp_path / "encrypted.sqlite")
    other_key = generate_key(tmp_path / "other.key")
    import_history(encrypted_db, tmp_path, "--key-file", str(other_key))
    code, _, err = cli("rekey", "--from", old_db, "--to", encrypted_db,
                       "--new-key-file", str(key))
    assert code == 2
    assert "is not a new, empty ledger" in err
    code, _, err = cli("rekey", "--from", old_db, "--to", encrypted_db,
                       "--new-key-file", str(other_key))
    assert code == 2
    assert "is not a new, empty ledger" in err
    code, _, err = cli("rekey", "--from", old_db, "--to", old_db, "--new-key-file", str(key))
    assert code == 2
    assert "are the same ledger" in err


def test_rekey_refuses_a_ledger_that_does_not_verify(tmp_path: Path) -> None:
    old_db, new_db = tmp_path / "old.sqlite", tmp_path / "new.sqlite"
    import_history(str(old_db), tmp_path)
    with sqlite3.connect(old_db) as conn:  # a colleague edits an amount in place
        conn.execute("UPDATE stored_events SET state = replace(state, '9876543', '9876544')")
    conn.close()
    key = generate_key(tmp_path / "new.key")

    code, _, err = cli("rekey", "--from", str(old_db), "--to", str(new_db),
                       "--new-key-file", str(key))

    assert code == 1
    assert "does not verify (first bad position" in err
    assert not new_db.exists()  # the old ledger is verified before the new one is made


@pytest.mark.parametrize("wrong", ["no key", "wrong key"])
def test_rekey_needs_the_old_key(tmp_path: Path, wrong: str) -> None:
    old_db, new_db = str(tmp_path / "old.sqlite"), str(tmp_path / "new.sqlite")
    old_key = generate_key(tmp_path / "old.key")
    import_history(old_db, tmp_path, "--key-file", str(old_key))
    new_key = generate_key(tmp_path / "new.key")
    key_args = [] if wrong == "no key" else ["--key-file", str(new_key)]

    code, _, _ = cli(*key_args, "rekey", "--from", old_db, "--to", new_db,
                     "--new-key-file", str(new_key))

    assert code == 3
    assert not Path(new_db).exists()

"""Signed checkpoints (docs/SECURITY.md, "a colleague who edits the database"): a checkpoint
signed with the board's Ed25519 key verifies with its public key; a changed, unsigned or
foreign-signed checkpoint is refused with exit 1."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from asfledger.audit.checkpoint import Checkpoint
from tests.security.support import cli, import_history


@pytest.fixture
def signing_key(tmp_path: Path) -> Path:
    path = tmp_path / "board.key"
    code, out, err = cli("keygen", "--signing", "-o", str(path))
    assert code == 0, err
    assert "board.key.pub" in out
    return path


@pytest.fixture
def signed(db: str, tmp_path: Path, signing_key: Path) -> Path:
    """A checkpoint of a small ledger on ``db``, signed with ``signing_key``."""
    import_history(db, tmp_path)
    path = tmp_path / "checkpoint.txt"
    code, out, err = cli("--db", db, "checkpoint", "--sign", str(signing_key), "-o", str(path))
    assert code == 0, err
    assert out == path.read_text()
    return path


def _verify(db: str, checkpoint: Path, *public_keys: Path) -> tuple[int, str, str]:
    keys = [arg for key in public_keys for arg in ("--public-key", str(key))]
    return cli("--db", db, "audit", "verify", "--checkpoint", str(checkpoint), *keys)


def _pub(key: Path) -> Path:
    return key.with_name(key.name + ".pub")


def test_keygen_signing_writes_a_private_key_and_a_public_key(signing_key: Path) -> None:
    assert stat.S_IMODE(signing_key.stat().st_mode) == 0o600
    assert signing_key.read_text().startswith("-----BEGIN PRIVATE KEY-----")
    assert _pub(signing_key).read_text().startswith("-----BEGIN PUBLIC KEY-----")

    code, _, err = cli("keygen", "--signing", "-o", str(signing_key))

    assert code == 2
    assert "already exists" in err


def test_keygen_signing_refuses_when_only_the_public_key_exists(tmp_path: Path) -> None:
    (tmp_path / "k.pub").write_text("somebody's key\n")

    code, _, _ = cli("keygen", "--signing", "-o", str(tmp_path / "k"))

    assert code == 2
    assert not (tmp_path / "k").exists()
    assert (tmp_path / "k.pub").read_text() == "somebody's key\n"


def test_a_signed_checkpoint_verifies_with_its_public_key(
        db: str, signed: Path, signing_key: Path) -> None:
    assert "\nsignature: ed25519 " in signed.read_text()

    code, out, err = _verify(db, signed, _pub(signing_key))

    assert code == 0, err
    assert "1 checkpoint matches" in out


def test_reformatting_in_the_minutes_keeps_the_signature_valid(
        db: str, signed: Path, signing_key: Path, tmp_path: Path) -> None:
    indented = tmp_path / "minutes.txt"
    indented.write_text("\n".join(f"    {line}  " for line in signed.read_text().splitlines())
                        + "\n\n")

    code, _, err = _verify(db, indented, _pub(signing_key))

    assert code == 0, err


@pytest.mark.parametrize("field", ["ledger", "size", "head", "time"])
def test_a_changed_signed_checkpoint_is_refused(db: str, signed: Path, signing_key: Path,
                                                tmp_path: Path, field: str) -> None:
    original = Checkpoint.parse(signed.read_text())
    changed_text = {
        "ledger": signed.read_text().replace(original.ledger_id, "0" * 32),
        "size": signed.read_text().replace(f"size: {original.size}",
                                           f"size: {original.size - 1}"),
        "head": signed.read_text().replace(original.head, "f" * 64),
        "time": signed.read_text().replace(f"time: {original.time.year}",
                                           f"time: {original.time.year - 1}"),
    }[field]
    assert changed_text != signed.read_text()
    changed = tmp_path / "changed.txt"
    changed.write_text(changed_text)

    code, _, err = _verify(db, changed, _pub(signing_key))

    assert code == 1
    assert err.strip() == (f"the signature of {changed} does not verify with the public key "
                           "given: the checkpoint was changed or signed with another key")


def test_an_unsigned_checkpoint_is_refused_when_a_public_key_is_given(
        db: str, signed: Path, signing_key: Path, tmp_path: Path) -> None:
    unsigned = tmp_path / "unsigned.txt"
    code, _, _ = cli("--db", db, "checkpoint", "-o", str(unsigned))
    assert code == 0
    assert _verify(db, unsigned)[0] == 0  # without --public-key it is a fine checkpoint

    code, _, err = _verify(db, unsigned, _pub(signing_key))

    assert code == 1
    assert err.strip() == (f"{unsigned} is not signed, and --public-key requires signed "
                           "checkpoints")


def test_a_checkpoint_signed_with_another_key_is_refused(
        db: str, signed: Path, signing_key: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.key"
    assert cli("keygen", "--signing", "-o", str(other))[0] == 0

    assert _verify(db, signed, _pub(other))[0] == 1
    assert _verify(db, signed, _pub(other), _pub(signing_key))[0] == 0  # any of them


def test_key_files_of_the_wrong_kind_are_usage_errors(
        db: str, signed: Path, signing_key: Path, tmp_path: Path) -> None:
    code, _, err = cli("--db", db, "checkpoint", "--sign", str(_pub(signing_key)))
    assert code == 2
    assert "is not an Ed25519 private key" in err

    code, _, err = _verify(db, signed, signing_key)  # the private key where the public goes
    assert code == 2
    assert "is not an Ed25519 public key" in err

    code, _, err = cli("--db", db, "audit", "verify", "--public-key", str(_pub(signing_key)))
    assert code == 2
    assert "give them with --checkpoint" in err

"""Keys: encryption at rest, signed checkpoints, and re-encryption into a new ledger.

- **Encryption key** (``asfledger keygen -o FILE``): 32 random bytes for eventsourcing's
  AES-GCM cipher, in a small text file readable only by its owner. With it, every event's
  data (names, amounts, notes) is stored encrypted; topics, aggregate ids, versions and
  the audit chain are not, so ``audit verify`` and ``checkpoint`` work without the key.
- **The marker**: when an encrypted ledger is created, ``asfledger_meta`` gets a
  ``key_check`` row, a constant encrypted with the key. It tells a reader without the key
  that the ledger is encrypted, and a reader with a key whether it is the right one, even
  before the first event. If the row is missing, the first stored event tells the same.
- **Signing key** (``asfledger keygen --signing -o FILE``): an Ed25519 key pair (PEM);
  ``checkpoint --sign FILE`` adds a ``signature:`` line, ``audit verify --public-key`` checks it.
- **Rekey** (``asfledger rekey``): copies a verified ledger into a new, empty one under a
  new key. The new ledger has a new chain; it records the old ledger's final checkpoint
  as ``continues`` in its meta table, and the old checkpoint verifies against the old ledger.
"""

from __future__ import annotations

import base64
import hashlib
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import ClassVar

import msgspec
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from eventsourcing.persistence import Cipher, StoredEvent

from asfledger.audit.chain_store import ChainedRecorder
from asfledger.audit.checkpoint import Checkpoint, CheckpointError
from asfledger.storage import Described, StorageError, is_postgres, safe_location

KEY_FILE_ENV = "ASFLEDGER_KEY_FILE"
KEY_HEADER = "asfledger-key v1"
KEY_BYTES = 32
KEY_CHECK = "key_check"  # asfledger_meta: the constant below, encrypted with the key
CONTINUES = "continues"  # asfledger_meta: the final checkpoint of the ledger this one copies
_KEY_CHECK_PLAINTEXT = b"asfledger key check v1"
SIGNATURE_SCHEME = "ed25519"


class KeyProblem(StorageError):
    """The ledger cannot be read or written with the key given, or without one (exit 3)."""


class KeyUsageError(Described, ValueError):
    """Invalid usage of keys: a key file that exists, cannot be read or is of the wrong kind;
    a rekey onto a ledger that is not new (exit 2)."""

    exit_code: ClassVar[int] = 2


class RekeyRefused(Described):
    """The old ledger does not verify: it is not copied (exit 1)."""

    exit_code: ClassVar[int] = 1


# Files ----------------------------------------------------------------------------------

def _write_new(path: Path, data: bytes, mode: int) -> None:
    """Create ``path`` with ``mode``; never overwrite (O_EXCL), never leave a half file."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        os.write(fd, data)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        path.unlink(missing_ok=True)
        raise
    os.close(fd)


def _refuse_existing(*paths: Path) -> None:
    for path in paths:
        if path.exists() or path.is_symlink():
            raise KeyUsageError("key.exists", path=str(path))


def _written(path: Path, data: bytes, mode: int) -> None:
    try:
        _write_new(path, data, mode)
    except FileExistsError:
        raise KeyUsageError("key.exists", path=str(path)) from None
    except OSError as e:
        raise KeyUsageError("key.cannot_write", path=str(path),
                           error=e.strerror or str(e)) from None


# Encryption key -------------------------------------------------------------------------

def generate_key(path: str | Path) -> Path:
    """Write a new AES-256 key to ``path`` (mode 0600); refuse an existing file."""
    target = Path(path)
    _refuse_existing(target)
    key = base64.b64encode(os.urandom(KEY_BYTES)).decode("ascii")
    text = (f"{KEY_HEADER}\n{key}\n"
            "# asfledger encryption key (AES-256-GCM). Keep it secret and keep a copy: "
            "without it the ledger cannot be read.\n")
    _written(target, text.encode("ascii"), 0o600)
    return target


def load_key(path: str | Path) -> str:
    """The base64 key in ``path``, as eventsourcing's ``CIPHER_KEY`` wants it."""
    source = Path(path)
    try:
        info = source.stat()
        text = source.read_text(encoding="ascii")
    except OSError as e:
        raise KeyProblem("key.unreadable", path=str(source), error=e) from None
    except UnicodeDecodeError:
        raise KeyProblem("key.malformed", path=str(source)) from None
    if os.name == "posix" and info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise KeyProblem("key.too_open", path=str(source))
    lines = [ln.strip() for ln in text.splitlines()
             if ln.strip() and not ln.lstrip().startswith("#")]
    if len(lines) != 2 or lines[0] != KEY_HEADER:
        raise KeyProblem("key.malformed", path=str(source))
    try:
        raw = base64.b64decode(lines[1], validate=True)
    except ValueError:
        raise KeyProblem("key.malformed", path=str(source)) from None
    if len(raw) != KEY_BYTES:
        raise KeyProblem("key.malformed", path=str(source))
    return lines[1]


def key_file_from(explicit: str | Path | None) -> Path | None:
    """The key file given, else ``$ASFLEDGER_KEY_FILE``, else none (a plain ledger)."""
    chosen = explicit or os.environ.get(KEY_FILE_ENV)
    return Path(chosen) if chosen else None


def _first_state(recorder: ChainedRecorder) -> bytes | None:
    from asfledger.audit.chain import current_state

    for notification in recorder.select_notifications(start=1, limit=1):
        state = notification.state
        # A redacted event is read after its marker (asfledger.redaction).
        return current_state(state if isinstance(state, bytes) else str(state).encode())
    return None


def _is_plain(state: bytes) -> bool:
    """A plain record (JSON), or one that was, damaged: its recorded time is still there
    (an encrypted record is random bytes), and verification names its position."""
    if b'"timestamp":"' in state[:24]:
        return True
    try:
        return isinstance(msgspec.json.decode(state), dict)
    except msgspec.DecodeError:
        return False


def _opens(cipher: Cipher, data: bytes) -> bytes | None:
    try:
        return cipher.decrypt(data)
    except ValueError:
        return None


def _marker(cipher: Cipher) -> str:
    return base64.b64encode(cipher.encrypt(_KEY_CHECK_PLAINTEXT)).decode("ascii")


def _marker_opens(cipher: Cipher, marker: str) -> bool:
    try:
        data = base64.b64decode(marker, validate=True)
    except ValueError:
        return False
    return _opens(cipher, data) == _KEY_CHECK_PLAINTEXT


def is_encrypted(recorder: ChainedRecorder) -> bool:
    """Does this ledger store its events encrypted (marker, else its first event)?"""
    if recorder.meta(KEY_CHECK) is not None:
        return True
    first = _first_state(recorder)
    return first is not None and not _is_plain(first)


def check_key(recorder: ChainedRecorder, cipher: Cipher | None, *, db: str,
              key_file: Path | None, read_only: bool, require_key: bool) -> None:
    """Refuse a ledger that the key given (or its absence) cannot read; mark a new
    encrypted ledger. Raises ``KeyProblem`` (exit 3) before anything is read or written."""
    store = recorder
    location = safe_location(db)
    marker = store.meta(KEY_CHECK)
    if cipher is None:
        if require_key and is_encrypted(recorder):
            raise KeyProblem("key.encrypted", location=location)
        return
    path = str(key_file)
    if marker is not None:
        if not _marker_opens(cipher, marker):
            raise KeyProblem("key.wrong", path=path, location=location)
        return
    first = _first_state(recorder)
    if first is not None:
        if _is_plain(first):
            raise KeyProblem("key.not_encrypted", path=path, location=location)
        if _opens(cipher, first) is None:
            raise KeyProblem("key.wrong", path=path, location=location)
        return  # encrypted with this key, its marker lost: read on, never write a new one
    if not read_only:
        store.set_meta(KEY_CHECK, _marker(cipher))
        # Two writers may have created it at once with different keys: the first one won.
        winner = store.meta(KEY_CHECK)
        if winner is None or not _marker_opens(cipher, winner):
            raise KeyProblem("key.wrong", path=path, location=location)


def refuse_plain_write(recorder: ChainedRecorder, *, db: str) -> None:
    """A writer without a key must not add plain events to a ledger that became encrypted
    after it was opened (another writer created it with a key meanwhile)."""
    if recorder.meta(KEY_CHECK) is not None:
        raise KeyProblem("key.encrypted", location=safe_location(db))


# Signed checkpoints -----------------------------------------------------------------------

def generate_signing_key(path: str | Path) -> tuple[Path, Path]:
    """Write a new Ed25519 private key to ``path`` (0600) and its public key to
    ``path.pub`` (0644, for the auditors); refuse if either exists."""
    private_path = Path(path)
    public_path = private_path.with_name(private_path.name + ".pub")
    _refuse_existing(private_path, public_path)
    key = Ed25519PrivateKey.generate()
    private_pem = key.private_bytes(serialization.Encoding.PEM,
                                    serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
    public_pem = key.public_key().public_bytes(serialization.Encoding.PEM,
                                               serialization.PublicFormat.SubjectPublicKeyInfo)
    _written(private_path, private_pem, 0o600)
    try:
        _written(public_path, public_pem, 0o644)
    except KeyUsageError:
        private_path.unlink(missing_ok=True)
        raise
    return private_path, public_path


def _read(path: Path, message_key: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as e:
        raise KeyUsageError(message_key, path=str(path), error=e) from None


def load_signing_key(path: str | Path) -> Ed25519PrivateKey:
    source = Path(path)
    data = _read(source, "signing.unreadable")
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError):
        raise KeyUsageError("signing.not_private", path=str(source)) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyUsageError("signing.not_private", path=str(source))
    return key


def load_public_key(path: str | Path) -> Ed25519PublicKey:
    source = Path(path)
    data = _read(source, "signing.unreadable")
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError):
        raise KeyUsageError("signing.not_public", path=str(source)) from None
    if not isinstance(key, Ed25519PublicKey):
        raise KeyUsageError("signing.not_public", path=str(source))
    return key


def key_id(public_key: Ed25519PublicKey) -> str:
    """A short fingerprint of a public key, named in the signature line."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def sign(checkpoint: Checkpoint, key: Ed25519PrivateKey) -> Checkpoint:
    """The checkpoint with a signature over its canonical body (every field but this one)."""
    signature = key.sign(checkpoint.body().encode("utf-8"))
    value = (f"{SIGNATURE_SCHEME} {key_id(key.public_key())} "
             f"{base64.b64encode(signature).decode('ascii')}")
    return replace(checkpoint, signature=value)


def signature_ok(checkpoint: Checkpoint, public_keys: Sequence[Ed25519PublicKey]) -> bool:
    """Is the checkpoint signed by one of ``public_keys``? (Unsigned: no.)"""
    parts = checkpoint.signature.split()
    if len(parts) != 3 or parts[0] != SIGNATURE_SCHEME:
        return False
    try:
        signature = base64.b64decode(parts[2], validate=True)
    except ValueError:
        return False
    body = checkpoint.body().encode("utf-8")
    for public_key in public_keys:
        try:
            public_key.verify(signature, body)
        except InvalidSignature:
            continue
        return True
    return False


# Rekey: re-encrypt into a new ledger -----------------------------------------------------

@dataclass(frozen=True)
class Rekeyed:
    events: int
    old: Checkpoint  # the old ledger's final checkpoint, recorded in the new ledger
    new: Checkpoint  # the new ledger's first checkpoint


def continues(recorder: ChainedRecorder) -> Checkpoint | None:
    """The old ledger's final checkpoint, if this ledger was made by ``rekey``."""
    text = recorder.meta(CONTINUES)
    if not text:
        return None
    try:
        return Checkpoint.parse(text, CONTINUES)
    except CheckpointError:
        return None


def _ledger_identity(db: str) -> str:
    """Where a ledger is: the resolved file, or the server, database and schema (two
    schemas of one database are two ledgers)."""
    if is_postgres(db):
        from urllib.parse import parse_qs, urlparse

        schema = parse_qs(urlparse(db).query).get("schema", ["public"])[0]
        return f"{safe_location(db)}?schema={schema}"
    return str(Path(db).expanduser().resolve())


def rekey(old_db: str, new_db: str, *, old_key_file: Path | None, new_key_file: Path,
          actor: str | None = None) -> Rekeyed:
    """Copy every event of the verified ledger at ``old_db`` into the new, empty ledger at
    ``new_db``, decrypted with the old key (if any) and encrypted with the new one.

    The copy is one transaction: all events or none. The old ledger is opened read-only.
    """
    from asfledger.audit.verify import verify
    from asfledger.history import stream
    from asfledger.ledger import Ledger
    from asfledger.redaction import in_clear, open_state

    if _ledger_identity(old_db) == _ledger_identity(new_db):
        raise KeyUsageError("rekey.same")
    with Ledger(old_db, actor=actor, read_only=True, key_file=old_key_file) as old:
        checked = verify(old.store)
        if not checked.ok:
            problem = checked.first_bad
            assert problem is not None
            raise RekeyRefused("rekey.old_does_not_verify", location=safe_location(old_db),
                               position=problem.position)
        final = checked.checkpoint()
        old_cipher = old.cipher
        try:
            new = Ledger(new_db, actor=actor, key_file=new_key_file)
        except KeyProblem as e:
            if e.message_key in ("key.not_encrypted", "key.wrong"):  # it is someone's ledger
                raise KeyUsageError("rekey.not_empty", location=safe_location(new_db)) from None
            raise
        with new:
            if new.head():
                raise KeyUsageError("rekey.not_empty", location=safe_location(new_db))
            new_cipher = new.cipher
            assert new_cipher is not None
            copies: list[StoredEvent] = []
            head = b""
            for row in stream(old.store):
                if row.position > final.size:
                    break  # written after the verification: not part of this copy
                # A redacted event is copied as it is now; a redaction stays in clear.
                plain = open_state(row.topic, row.state, old_cipher)
                copies.append(StoredEvent(originator_id=row.originator_id,
                                          originator_version=row.version, topic=row.topic,
                                          state=plain if in_clear(row.topic)
                                          else new_cipher.encrypt(plain)))
                head = row.chain
            if final.size and head.hex() != final.head:
                raise RekeyRefused("rekey.old_does_not_verify", location=safe_location(old_db),
                                   position=len(copies))
            store = new.store
            store.set_meta(CONTINUES, final.text(), replace=True)
            if copies:
                new.store.insert_events(copies)
            fresh = verify(new.store)
    return Rekeyed(len(copies), final, fresh.checkpoint())

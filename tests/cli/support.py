"""What "nothing written" means for a command that failed: every file of a folder as it was.

SQLite's -wal and -shm beside a ledger are left out when the WAL is empty: opening a WAL
ledger may create them, and no byte of the ledger has changed then."""

from __future__ import annotations

import hashlib
from pathlib import Path


def files_of(folder: Path) -> dict[str, str]:
    """Every file's name and SHA-256, but an empty WAL and its shared-memory file."""
    empty_wal = {p.name[:-4] for p in folder.glob("*-wal") if p.stat().st_size == 0}
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file() and not (
                p.name.endswith(("-wal", "-shm")) and p.name[:-4] in empty_wal)}

"""The audit trail: the hash chain, checkpoints and their verification (SPEC §5)."""

"""Property and stateful tests of the ledger (hypothesis)."""

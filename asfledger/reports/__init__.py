"""Reports built from the ledger: the board's pack (``asfledger report board``)."""

"""What the ``Ledger`` answers as plain data, for the UI and the command line: the state
as of a date or a position (``snapshot``), a page of the history (``history_page``), one
event (``event``), the board's report folded once (``report``). Each reads the store it
is given; only the Ledger's queries (``ledger_queries.LedgerQueries``) call them."""

# Everyday recipes. `uv run just --list` shows them (rust-just is a dev dependency).

# open the terminal UI on the embedded default ledger (or --db ...)
run *ARGS:
    uv run asfledger {{ARGS}}

# the whole test suite (PostgreSQL tests skip without a server unless ASFLEDGER_REQUIRE_POSTGRES=1)
test *ARGS:
    uv run pytest {{ARGS}}

lint:
    uv run ruff check .

fmt:
    uv run ruff check --fix .

typecheck:
    uv run mypy

# everything CI runs, from setup to linters
ci:
    bash .ci/run

# No options: SQLite at 100,000 events. --postgres --rss --cli --ui add sections, --all
# runs every one, --events N sets the size (`just bench --help` lists the rest).
# side-by-side measurements (see benchmarks/README.md; e.g. `just bench --all`)
bench *ARGS:
    uv run python -m benchmarks {{ARGS}}

"""Side-by-side measurements (SPEC §7). Run ``uv run python -m benchmarks --help``."""

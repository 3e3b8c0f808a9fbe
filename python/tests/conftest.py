"""Shared fixtures: the repository root, the CLI binary (built by `cargo test`), and
optional packages that CI requires.

CI sets CASELOAD_REQUIRE_CLI=1 (a missing binary fails instead of skipping) and
CASELOAD_REQUIRE_EXTRAS=1 (missing dask, duckdb or nbclient fail instead of skipping).
"""

import importlib
import os
import pathlib
import shutil

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def need(module: str):
    """Imports `module`, or skips (fails under CASELOAD_REQUIRE_EXTRAS=1)."""
    try:
        return importlib.import_module(module)
    except ImportError as e:
        if os.environ.get("CASELOAD_REQUIRE_EXTRAS") == "1":
            pytest.fail(f"{module} is not installed: {e}")
        pytest.skip(f"{module} is not installed")


@pytest.fixture(scope="session")
def cli() -> str:
    """The `caseload` binary: $CASELOAD_BIN, target/debug/caseload, or on PATH."""
    for path in (os.environ.get("CASELOAD_BIN"), str(ROOT / "target/debug/caseload"), shutil.which("caseload")):
        if path and os.access(path, os.X_OK):
            return path
    if os.environ.get("CASELOAD_REQUIRE_CLI") == "1":
        pytest.fail("no caseload binary (build it with `cargo build -p caseload-cli`)")
    pytest.skip("no caseload binary")

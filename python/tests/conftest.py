"""Shared fixtures: the repository root and the CLI binary (built by `cargo test`)."""

import os
import pathlib
import shutil

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def cli() -> str:
    """The `caseload` binary: $CASELOAD_BIN, target/debug/caseload, or on PATH.

    CI sets CASELOAD_REQUIRE_CLI=1 so that a missing binary fails instead of skipping.
    """
    for path in (os.environ.get("CASELOAD_BIN"), str(ROOT / "target/debug/caseload"), shutil.which("caseload")):
        if path and os.access(path, os.X_OK):
            return path
    if os.environ.get("CASELOAD_REQUIRE_CLI") == "1":
        pytest.fail("no caseload binary (build it with `cargo build -p caseload-cli`)")
    pytest.skip("no caseload binary")

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from onrecord import load_pipeline

REPO = Path(__file__).resolve().parents[1]

# CI draws the same examples every run (a red run on a random draw would block a landing);
# local runs keep the randomised search. `.ci/run` sets ONRECORD_CI.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("ONRECORD_CI"):
    settings.load_profile("ci")


def _shared_data() -> Path:
    """The read-only data: $ONRECORD_SHARED, else ../shared beside the clone, else /work/shared."""
    candidates = [os.environ.get("ONRECORD_SHARED"), REPO.parent / "shared", "/work/shared"]
    found = [Path(c) for c in candidates if c and (Path(c) / "data").is_dir()]
    return found[0] if found else REPO.parent / "shared"


SHARED = _shared_data()
SEED = SHARED / "data" / "seed" / "khan-ceasefire-2023-10-27.txt"
SAMPLES = REPO / "samples" / "wikinews-sample.jsonl"


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip(f"reference article not found at {SEED}")
    return SEED

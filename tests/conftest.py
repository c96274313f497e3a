from __future__ import annotations

from pathlib import Path

import pytest

from onrecord import load_pipeline

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
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

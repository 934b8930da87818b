from __future__ import annotations

import random
from pathlib import Path

import pytest

from gixlint.testing import random_spec

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


@pytest.fixture
def spec():
    """A balanced, clean report spec (fresh for each test, so tests may mutate it)."""
    return random_spec(random.Random(20241231))


def rules_of(findings) -> set[str]:
    return {f.rule for f in findings}


def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Each test gets an empty result cache of its own, never the user's (~/.cache/gixlint)."""
    monkeypatch.setenv("GIXLINT_CACHE_DIR", str(tmp_path_factory.mktemp("gixlint-cache")))


@pytest.fixture(autouse=True)
def _limits_put_back():
    """A run in process makes its configuration's [limits] the process's (workers inherit them);
    put the limits back after each test, so one test's line-chars = 50 is not the next one's."""
    from gixlint.vocab import limits

    before = limits.current()
    yield
    limits.use(before)

"""The example plugin's own tests: its kind and pack load through the entry point and fire correctly."""

from pathlib import Path

import pytest

from gixlint.engine import Linter
from gixlint.testing.harness import load_cases

HERE = Path(__file__).parent


@pytest.mark.parametrize("case", load_cases(HERE / "cases.toml"), ids=str)
def test_case(case):
    case.check()


def test_plugin_is_discovered_through_its_entry_point():
    linter = Linter.create()
    assert linter.registry.has("example-office")
    assert linter.registry.kind_source["keyword-coverage"] == "example-office"
    assert {"SZB101", "SZB102"} <= {r.id for r in linter.rules}


def test_plugin_is_not_loaded_with_no_plugins():
    linter = Linter.create(load_plugins=False)
    assert not {r.id for r in linter.rules if r.id.startswith("SZB")}

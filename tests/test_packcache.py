"""Rule packs validated once (#11 start-up): a kept pack is the pack validation gives, and
anything that could change validation's verdict validates it again."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from gixlint.lint import packcache, packs
from gixlint.lint.packs import ConfigError, load_pack
from gixlint.lint.plugins import build_registry
from gixlint.parse.grammars import folder

RULE = ('[pack]\nprefix = "TST"\n\n[[rule]]\nid = "TST001"\nname = "t"\ncategory = "text"\nseverity = "warning"\n'
        'kind = "forbidden-statement"\npattern = "{pattern}"\nmessage = "m"\n')


@pytest.fixture
def kinds():
    return build_registry(load_entry_points=False).kinds


@pytest.fixture
def counted(monkeypatch):
    """How many times packs were validated (not taken from the cache)."""
    calls = []
    real = packs._validated
    monkeypatch.setattr(packs, "_validated", lambda *a: calls.append(a[1]) or real(*a))
    return calls


def test_the_national_pack_is_validated_once_and_kept_as_validated(tmp_path, monkeypatch, kinds, counted):
    monkeypatch.setenv("GIXLINT_CACHE_DIR", str(tmp_path))
    national = folder("gixlint.rules") / "national-2021.toml"
    first = load_pack(national, kinds)
    second = load_pack(national, kinds)
    assert counted == [str(national)]
    assert second == first and second is not first       # every rule, every parameter, equal
    assert len(second.rules) > 40


def test_an_edited_pack_is_validated_again_and_a_broken_one_every_time(tmp_path, monkeypatch, kinds, counted):
    monkeypatch.setenv("GIXLINT_CACHE_DIR", str(tmp_path / "cache"))
    pack = tmp_path / "pack.toml"
    pack.write_text(RULE.format(pattern="申请"), encoding="utf-8")
    assert load_pack(pack, kinds).rules[0].params["pattern"] == "申请"
    pack.write_text(RULE.format(pattern="(a+)+$"), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ConfigError, match="回溯"):
            load_pack(pack, kinds)
    assert len(counted) == 3


def test_a_changed_parameter_default_or_validator_validates_again(tmp_path, monkeypatch, kinds, counted):
    monkeypatch.setenv("GIXLINT_CACHE_DIR", str(tmp_path / "cache"))
    pack = tmp_path / "pack.toml"
    pack.write_text(RULE.format(pattern="申请"), encoding="utf-8")
    load_pack(pack, kinds)
    kind = kinds["forbidden-statement"]
    changed = dict(kinds)
    first_param = next(iter(kind.params))
    params = {**kind.params, first_param: dataclasses.replace(kind.params[first_param], default="其他")}
    changed["forbidden-statement"] = dataclasses.replace(kind, params=params)
    load_pack(pack, changed)
    judged = dict(kinds)
    judged["forbidden-statement"] = dataclasses.replace(kind, validate=lambda params: None)
    load_pack(pack, judged)
    load_pack(pack, kinds)
    assert len(counted) == 3                         # the original kinds: taken from the cache


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05N."])     # the last: a pickled None
def test_a_damaged_copy_is_validated_again(tmp_path, monkeypatch, kinds, counted, damage):
    monkeypatch.setenv("GIXLINT_CACHE_DIR", str(tmp_path))
    national = folder("gixlint.rules") / "national-2021.toml"
    first = load_pack(national, kinds)
    [kept] = (tmp_path / "packs").glob("*.pickle")
    kept.write_bytes(damage)
    assert load_pack(national, kinds) == first and len(counted) == 2


def test_an_unwritable_cache_folder_is_no_error(tmp_path, monkeypatch, kinds):
    blocked = tmp_path / "file"
    blocked.write_text("x", encoding="utf-8")
    monkeypatch.setenv("GIXLINT_CACHE_DIR", str(blocked))
    national = folder("gixlint.rules") / "national-2021.toml"
    assert load_pack(national, kinds) == load_pack(national, kinds)
    assert packcache.get(packcache.key("x", "y", kinds, packs.__file__), packs.Pack) is None


def test_a_kept_pack_brings_its_formulas_parsed(tmp_path, monkeypatch):
    """A run whose packs come from the cache parses no formula: the pack keeps them parsed, and
    checking a report gives the findings a freshly validated pack gives."""
    from pathlib import Path

    from gixlint.lint import formula
    from gixlint.lint.linter import Linter
    from gixlint.parse.build import parse_text

    monkeypatch.setenv("GIXLINT_CACHE_DIR", str(tmp_path))
    example = Path(__file__).resolve().parents[1] / "examples" / "03-unbalanced-tables.txt"
    report = parse_text(example.read_text(encoding="utf-8"))

    def findings():
        return [(f.rule, f.line, f.message) for f in Linter.create(load_plugins=False).check(report)]

    fresh = findings()                                       # packs validated, their formulas parsed and kept
    assert {"GIX301", "GIX302", "GIX304"} <= {rule for rule, _line, _message in fresh}
    monkeypatch.setattr(formula, "_remembered", {})
    formula._parsed.cache_clear()
    monkeypatch.setattr(formula, "_lark", lambda: pytest.fail("a kept pack's formula was parsed again"))
    assert findings() == fresh
    kept = load_pack(folder("gixlint.rules") / "national-2021.toml", build_registry(load_entry_points=False).kinds)
    assert len(kept.formulas) >= 10 and all(isinstance(f, formula.Formula) for f in kept.formulas)


def test_a_kept_pack_is_used_only_under_its_whole_key(tmp_path, monkeypatch, kinds, counted):
    """Files are named by a checksum of the key: a copy whose kept key differs (another pack whose
    key shares the name) is not used, and is replaced."""
    monkeypatch.setenv("GIXLINT_CACHE_DIR", str(tmp_path))
    national = folder("gixlint.rules") / "national-2021.toml"
    first = load_pack(national, kinds)
    [kept] = (tmp_path / "packs").glob("*.pickle")
    key, pack = pickle.loads(kept.read_bytes())
    assert key == packcache.key(national.read_text(encoding="utf-8"), str(national), kinds, packs.__file__)
    kept.write_bytes(pickle.dumps((key + "其他", dataclasses.replace(pack, rules=[]))))
    assert load_pack(national, kinds) == first and len(counted) == 2       # validated again
    assert pickle.loads(kept.read_bytes())[0] == key

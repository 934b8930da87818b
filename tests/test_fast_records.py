"""Cell has a hand-written __init__ (for speed); it must still behave exactly as the frozen
dataclass dataclass() would generate from the same fields: equal, hashed and shown alike,
immutable, copied by dataclasses.replace, pickled. Item is a plain slots dataclass (for speed:
not frozen), copied and pickled the same way."""

from __future__ import annotations

import dataclasses
import pickle
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gixlint.read.document import Item
from gixlint.vocab.values import Cell


def _generated(cls):
    """The frozen dataclass dataclass() makes of ``cls``'s fields, with its generated __init__."""
    fields = [(f.name, f.type, dataclasses.field(default=f.default)) if f.default is not dataclasses.MISSING
              else (f.name, f.type) for f in dataclasses.fields(cls)]
    return dataclasses.make_dataclass(cls.__name__, fields, frozen=True)


_ITEMS = st.tuples(st.integers(), st.text(max_size=5), st.sampled_from(["text", "cell", "empty"]),
                   st.integers(0, 3), st.text(max_size=5))
_CELLS = st.tuples(st.text(max_size=5), st.integers(), st.sampled_from(["number", "blank", "text"]),
                   st.one_of(st.none(), st.integers(), st.decimals(allow_nan=False)), st.text(max_size=5))


@pytest.mark.parametrize(("cls", "values"), [(Cell, _CELLS)])
def test_hand_written_init_behaves_as_the_generated_one(cls, values):
    reference = _generated(cls)

    required = sum(1 for f in dataclasses.fields(cls) if f.default is dataclasses.MISSING)

    @given(values, st.integers(required, 5))
    def check(args, count):
        ours, theirs = cls(*args[:count]), reference(*args[:count])
        assert dataclasses.astuple(ours) == dataclasses.astuple(theirs)
        assert repr(ours) == repr(theirs)
        assert ours == cls(*dataclasses.astuple(ours)) and hash(ours) == hash(cls(*dataclasses.astuple(ours)))
        assert pickle.loads(pickle.dumps(ours)) == ours
        name = dataclasses.fields(cls)[1].name
        assert getattr(dataclasses.replace(ours, **{name: 7}), name) == 7
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(ours, name, 7)

    check()


@given(_ITEMS)
def test_an_item_is_copied_and_pickled_whole(args):
    item = Item(*args)
    assert dataclasses.astuple(item) == args and not hasattr(item, "__dict__")
    assert pickle.loads(pickle.dumps(item)) == item
    assert dataclasses.replace(item, text="自然人") == Item(args[0], "自然人", *args[2:])


def test_keywords_and_defaults():
    assert Item(line=3, text="a") == Item(3, "a", "text", 0, "")
    assert Cell(raw="1", line=2, kind="number", value=Decimal("1.5")).annotation == ""

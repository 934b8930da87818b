"""A cheap first test for statement patterns: words one of which every match must contain.

A rule's regex is searched in every sentence of its scope, a few hundred a report, and almost
none match. Most patterns cannot match without some fixed words (「处理费」, 「申请」, one of
「条」「件」「个」), and ``word in sentence`` is much cheaper than a search, so a sentence holding
none of them is passed over. The words are read off the parsed pattern, never guessed: a
pattern they cannot be found for (case-insensitive, or matching without any fixed text) gets
no first test, and its every sentence is searched as before.

Parsing the national pack's patterns takes ~15 ms, what searching some fifty reports' sentences
saves; so a process works a pattern's words out only once it has been asked for them
:data:`WARM` times, and a run of one file or a few never pays for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

try:
    import re._constants as sre_constants
    import re._parser as sre_parse  # Python 3.11+
except ImportError:                   # pragma: no cover - Python 3.10
    import sre_constants
    import sre_parse

_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT}
if hasattr(sre_constants, "POSSESSIVE_REPEAT"):
    _REPEATS.add(sre_constants.POSSESSIVE_REPEAT)
MOST = 16       # more words than this, and testing them costs about what the search does
WARM = 32       # times a pattern is asked for before its words are worked out
_words: dict[str, tuple[str, ...] | None] = {}
_asked: dict[str, int] = {}


def needles(pattern: str) -> tuple[str, ...] | None:
    """:func:`required_words` of ``pattern``, once this process has asked for them :data:`WARM`
    times (None until then: no first test)."""
    try:
        return _words[pattern]
    except KeyError:
        pass
    asked = _asked[pattern] = _asked.get(pattern, 0) + 1
    if asked < WARM:
        return None
    _asked.pop(pattern)
    words = _words[pattern] = required_words(pattern)
    return words


def required_words(pattern: str) -> tuple[str, ...] | None:
    """Words one of which every match of ``pattern`` contains, or None when there are none."""
    try:
        parsed = sre_parse.parse(pattern)
    except Exception:        # an exotic construct: no first test
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    found = _required(list(parsed))
    if not found or len(found) > MOST:
        return None
    return tuple(sorted(found, key=lambda w: (len(w), w)))


def searcher(pattern: str) -> Callable[[str], re.Match | None]:
    """``re.compile(pattern).search``, passing over a text that holds none of its words."""
    search = re.compile(pattern).search
    words = needles(pattern)
    if words is None:
        return search

    def first_test_then_search(text: str) -> re.Match | None:
        for word in words:
            if word in text:
                return search(text)
        return None
    return first_test_then_search


def _required(items: list) -> set[str] | None:
    """For a sequence of parsed items: a set of words one of which every match contains (the
    most selective one the sequence offers), or None."""
    choices: list[set[str]] = []
    run: list[str] = []
    for op, av in items:
        if op == sre_constants.LITERAL:
            run.append(chr(av))
            continue
        if run:
            choices.append({"".join(run)})
            run = []
        got = _item(op, av)
        if got:
            choices.append(got)
    if run:
        choices.append({"".join(run)})
    if not choices:
        return None
    # the longest shortest word, then the fewest words: the rarest in ordinary sentences
    return max(choices, key=lambda words: (min(map(len, words)), -len(words)))


def _item(op, av) -> set[str] | None:
    if op == sre_constants.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        return None if add_flags & re.IGNORECASE else _required(list(sub))
    if op in _REPEATS:
        low, _high, sub = av
        return _required(list(sub)) if low >= 1 else None
    if op == sre_constants.BRANCH:
        branches = [_required(list(b)) for b in av[1]]
        if any(not b for b in branches):
            return None
        return set().union(*branches)
    if op == sre_constants.IN:
        if all(o == sre_constants.LITERAL for o, _ in av):
            return {chr(c) for _o, c in av}
        return None
    if getattr(sre_constants, "ATOMIC_GROUP", None) is not None and op == sre_constants.ATOMIC_GROUP:
        return _required(list(av))
    return None     # assertions, anchors, any character, classes, back-references: no word

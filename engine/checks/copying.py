"""Copied narrative across a folder: a section 一 or 五 that is last year's text again, or another
agency's text with the names changed (国办公开办函〔2021〕30号 names 内容雷同、敷衍塞责).

Texts are compared as sets of four-character shingles, after removing spaces and punctuation,
the agency's own name and every number (so a copy with this year's figures filled in is still a
copy). Similarity is the Jaccard index of two such sets. A run may hold 100,000 reports, so a
report is not kept as its set but as a MinHash signature of it (datasketch's, 128 permutations,
512 bytes a section), made where the report is read. The signatures estimate the Jaccard index
(to about ±4 points near the 75% threshold; an exact copy estimates exactly 100%), and
locality-sensitive hashing of the signatures finds the pairs across agencies worth estimating
without comparing every pair: the step grows with the number of reports, not its square. Pairs
estimated at 85% or more are found all but certainly; a pair right at the threshold may be missed
(about one in five at 75%), never reported falsely. Shared boilerplate does not
make pairs: two unrelated real reports score 2%–4%.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections import defaultdict
from functools import cache, lru_cache

from gixlint.checks.common import section_name, section_number
from gixlint.checks.cross import agencies, consecutive_years
from gixlint.lint.hookspecs import hookimpl
from gixlint.lint.kinds import CheckKind, Hit, Param, section_value
from gixlint.vocab import labels as L
from gixlint.vocab.agencies import agency_key
from gixlint.vocab.normal import nfkc

_NOISE = re.compile(r"[\s\W_]+")
_DIGITS = re.compile(r"\d+")
_WIDTH = 4
_FIGURES = 0.25     # a section where more shingles than this hold a number is a list of figures


def shingles(report, number: int, min_chars: int) -> frozenset[str]:
    """The section's shingles, or an empty set when it is missing or too short to judge."""
    section = report.section(number)
    if section is None:
        return frozenset()
    text = nfkc(section.text)
    for name in sorted({report.meta.agency, agency_key(report.meta.agency)} - {""}, key=len, reverse=True):
        text = text.replace(name, "〇")
    text = _DIGITS.sub("#", _NOISE.sub("", text))
    if len(text) < min_chars:
        return frozenset()
    pieces = [text[i:i + _WIDTH] for i in range(len(text) - _WIDTH + 1)]
    if _holding_figures(pieces) > _FIGURES * len(pieces):
        return frozenset()      # mostly figures (「主动公开信息#条，其中…#条」): the same words every year
    return frozenset(pieces)


def _holding_figures(pieces: list[str]) -> int:
    """How many shingles hold a figure (#), counted in C: a section has hundreds."""
    return sum(map(operator.contains, pieces, itertools.repeat("#")))


NUM_PERM = 128


def signature(pieces: frozenset[str]) -> bytes | None:
    """The MinHash signature of a shingle set as 128 little-endian 32-bit minima (None for an
    empty set), with a stable 32-bit hash per shingle (crc32), so signatures from worker processes
    and from the cache agree; datasketch's numbers, made without it (:mod:`gixlint.checks.minhash`)."""
    if not pieces:
        return None
    from gixlint.checks.minhash import signature as minhash

    return minhash(pieces, NUM_PERM, seed=1)


def estimate(a: bytes, b: bytes) -> float:
    """The Jaccard index two signatures estimate: the share of minima they have in common."""
    import numpy as np

    return float((np.frombuffer(a, "<u4") == np.frombuffer(b, "<u4")).mean())


def narrative_digest(rule, report, context):
    """For each section compared: (its line, the signature of its shingles or None). Two rules
    comparing the same sections (this year's peers, last year's report) share one digest."""
    key = (tuple(rule.params["sections"]), int(rule.params["min_chars"]))
    last = context.shared.get("copying.last")
    if last is not None and last[0] is report and last[1] == key:
        return last[2]
    out = _narrative_digest(rule, report)
    context.shared["copying.last"] = (report, key, out)
    return out


def _narrative_digest(rule, report):
    min_chars, out = int(rule.params["min_chars"]), {}
    for value in rule.params["sections"]:
        number = section_number(value)
        section = report.section(number)
        out[number] = (section.line if section else 0, signature(shingles(report, number, min_chars)))
    return out


def jaccard(a: frozenset, b: frozenset) -> float:
    """The exact Jaccard index of two shingle sets."""
    common = len(a & b)
    return common / (len(a) + len(b) - common) if a and b else 0.0


def similar_pairs(signatures: list, threshold: float):
    """(j, i, estimated similarity) for pairs j < i of signatures (bytes, or None for a section not
    compared) estimated at least ``threshold`` alike."""
    import numpy as np

    present = [k for k, sig in enumerate(signatures) if sig is not None]
    if len(present) < 2:
        return
    matrix = np.frombuffer(b"".join(signatures[k] for k in present), "<u4").reshape(len(present), NUM_PERM)
    for a, b, score in similar_rows(matrix, threshold):
        yield present[a], present[b], score


def similar_rows(matrix, threshold: float):
    """(a, b, estimated similarity) for rows a < b of a signature matrix (one signature a row)
    estimated at least ``threshold`` alike.

    Locality-sensitive hashing: the 128 minima are cut into ``b`` bands of ``r`` (datasketch's
    choice for a threshold a little below ours), and two signatures are a candidate pair when
    some band is the same in both; only candidates are estimated. Bands are grouped and candidate
    pairs kept with numpy (sorting, and 8 bytes a pair), not dictionaries and sets of Python
    numbers, so a year of 10,000 reports costs a few megabytes."""
    import numpy as np

    n = len(matrix)
    if n < 2:
        return
    bands, rows = _banding(threshold)
    pending, waiting = [np.empty(0, dtype=np.int64)], 0      # pair (a, b), a < b, as a * n + b
    for band in range(bands):
        block = np.ascontiguousarray(matrix[:, band * rows:(band + 1) * rows])
        keys = block.view(np.dtype((np.void, block.dtype.itemsize * rows))).ravel()
        _unique, groups, counts = np.unique(keys, return_inverse=True, return_counts=True)
        shared = np.flatnonzero(counts[groups] > 1)
        if not len(shared):
            continue
        order = shared[np.argsort(groups[shared], kind="stable")]
        bounds = np.flatnonzero(np.diff(groups[order])) + 1
        for members in np.split(order, bounds):
            low, high = _within(len(members))
            pending.append(members[low] * n + members[high])
            waiting += len(pending[-1])
        if waiting > 1 << 20:           # merge now and then: 8 MB of pairs at most wait
            pending, waiting = [_distinct(np.concatenate(pending))], 0
    found = _distinct(np.concatenate(pending))
    for start in range(0, len(found), 4096):          # estimate in batches of 4 MB: bounded memory
        chunk = found[start:start + 4096]
        low, high = chunk // n, chunk % n
        scores = (matrix[low] == matrix[high]).mean(axis=1)
        for a, b, score in zip(low.tolist(), high.tolist(), scores.tolist()):
            if score >= threshold:
                yield a, b, score


def _distinct(values):
    """The distinct values, sorted (by sorting: numpy's hash-based unique is slower on millions)."""
    import numpy as np

    values.sort()
    return values[np.concatenate(([True], values[1:] != values[:-1]))] if len(values) else values


@lru_cache(maxsize=64)
def _within(size: int):
    """Every pair (x, y), x < y, of ``size`` positions, as two index arrays."""
    import numpy as np

    return np.triu_indices(size, 1)


@cache
def _banding(threshold: float) -> tuple[int, int]:
    """(bands, rows) for a threshold a little below ours: the split of the 128 minima that makes
    the areas of missed pairs (above it) and extra candidates (below it) least, weighed alike —
    datasketch's criterion for its MinHash LSH (a test holds the two equal), worked out here so the
    main process needs numpy only, not datasketch's scipy (60 MB).

    Every split's cost is worked out at once with numpy (the loop in Python took 0.2 s of every
    folder run); the few splits within rounding of the least are then costed by :func:`_cost`
    in the original order, so the choice is the one the plain loop makes."""
    import numpy as np

    target = max(0.05, threshold - 0.1)
    splits = [(bands, rows) for bands in range(1, NUM_PERM + 1) for rows in range(1, NUM_PERM // bands + 1)]
    b = np.array([s[0] for s in splits], dtype=float)[:, None]
    r = np.array([s[1] for s in splits], dtype=float)[:, None]
    weights = np.array([_simpson_weight(k) for k in range(_STEPS + 1)], dtype=float)

    def areas(f, low: float, high: float):
        h = (high - low) / _STEPS
        return h / 3 * (f(low + np.arange(_STEPS + 1) * h) * weights).sum(axis=1)

    costs = 0.5 * areas(lambda s: 1 - (1 - s ** r) ** b, 0.0, target) + 0.5 * areas(lambda s: (1 - s ** r) ** b,
                                                                                      target, 1.0)
    near = np.flatnonzero(costs <= costs.min() + 1e-9)
    best = None
    for index in near.tolist():
        bands, rows = splits[index]
        cost = _cost(bands, rows, target)
        if best is None or cost < best[0]:
            best = (cost, bands, rows)
    return best[1], best[2]


_STEPS = 200        # Simpson's rule over 200 steps


def _simpson_weight(k: int) -> int:
    return 1 if k in (0, _STEPS) else 4 if k % 2 else 2


def _cost(bands: int, rows: int, target: float) -> float:
    """The missed and extra areas of one split, weighed alike (the reference, in plain Python)."""
    def area(f, low: float, high: float) -> float:
        h = (high - low) / _STEPS
        return h / 3 * sum(_simpson_weight(k) * f(low + k * h) for k in range(_STEPS + 1))

    def kept_apart(s: float) -> float:
        return (1 - s ** rows) ** bands        # no band alike: not a candidate

    extra = area(lambda s: 1 - kept_apart(s), 0.0, target)
    missed = area(kept_apart, target, 1.0)
    return 0.5 * extra + 0.5 * missed


def copied_narrative(rule, reports, context):
    """Sections much the same as the agency's previous year, or as another agency's same year.
    Each report's digest is read once (they come from disk in a large run), and only one year's
    signatures are held at a time."""
    threshold = float(rule.params["threshold"])
    numbers = [section_number(value) for value in rule.params["sections"]]
    if rule.params["compare"] == "previous-year":
        for i, j in consecutive_years(reports, context):
            now, before = reports[i].data or {}, reports[j].data or {}
            for number in numbers:
                (line, mine), (_line, theirs) = now.get(number, (0, None)), before.get(number, (0, None))
                if mine is None or theirs is None:
                    continue
                score = estimate(mine, theirs)
                if score >= threshold:
                    yield i, _hit(reports, i, j, number, score, line)
        return
    if len(reports) < 2:
        return      # nothing to compare with: a lone report's run does not import numpy (~90 ms)
    import numpy as np

    keys = agencies(reports, context)
    by_year: dict[int, list[int]] = defaultdict(list)
    for i, r in enumerate(reports):
        if r.meta.year and keys[i]:
            by_year[r.meta.year].append(i)
    for members in by_year.values():
        # one matrix a section for the year, filled as each report's digest is read once
        matrices = {number: np.empty((len(members), NUM_PERM), "<u4") for number in numbers}
        present: dict[int, list[int]] = {number: [] for number in numbers}
        for i in members:
            data = reports[i].data or {}
            for number in numbers:
                sig = data.get(number, (0, None))[1]
                if sig is not None:
                    matrices[number][len(present[number])] = np.frombuffer(sig, "<u4")
                    present[number].append(i)
        for number in numbers:
            rows = present[number]
            for a, b, score in similar_rows(matrices[number][:len(rows)], threshold):
                i, j = rows[a], rows[b]
                if keys[i] != keys[j]:
                    yield i, _hit(reports, i, j, number, score, reports[i].data[number][0])
                    yield j, _hit(reports, j, i, number, score, reports[j].data[number][0])


def _percent(score: float) -> str:
    """An estimate said as one: 「约 86%」; an exact copy estimates exactly 100%."""
    return "100%" if score >= 1.0 else f"约 {score:.0%}"


def _hit(reports, i: int, j: int, number: int, score: float, line: int) -> Hit:
    other = reports[j]
    return Hit(line=line, section=section_name(number), expected=None, actual=_percent(score),
               values={"similarity": _percent(score), "other_file": other.path, "other_agency": other.meta.agency,
                       "other_year": other.meta.year or "", "part": f"{L.NUMERALS[number - 1]}、{L.SECTION_TITLES[number]}"})


def _sections(value) -> str | None:
    problems = [section_value(v) for v in value]
    return next((p for p in problems if p), None)


@hookimpl
def gixlint_check_kinds():
    return [CheckKind("copied-narrative", copied_narrative, {
        "compare": Param(str, "和谁比：previous-year（本机关上一年度的报告）或 other-agencies（同一年度其他机关的报告）",
                         required=True, choices=("previous-year", "other-agencies")),
        "sections": Param(list, "比较哪些部分，如 [\"一\", \"五\"]", default=["一", "五"], validate=_sections),
        "threshold": Param((int, float), "相似度（0–1，按四字片段的 Jaccard 指数）达到多少时报告", default=0.75,
                           validate=lambda v: None if 0 < v <= 1 else f"应在 0 和 1 之间，而不是 {v!r}"),
        "min_chars": Param(int, "去掉空白、标点、机关名称和数字后不足多少字的部分不比较（如只写「无」）", default=80,
                           validate=lambda v: None if v >= _WIDTH else f"至少为 {_WIDTH}"),
    }, corpus=True, digest=narrative_digest, doc="文字照搬：某部分与本机关上一年度，或同一年度其他机关的同一部分几乎相同（机关名称和数字不计）。",
        placeholders=("similarity", "other_file", "other_agency", "other_year", "part"))]

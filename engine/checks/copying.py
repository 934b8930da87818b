"""Copied narrative across a folder: a section 一 or 五 that is last year's text again, or another
agency's text with the names changed (国办公开办函〔2021〕30号 names 内容雷同、敷衍塞责).

Texts are compared as sets of four-character shingles, after removing spaces and punctuation,
the agency's own name and every number (so a copy with this year's figures filled in is still a
copy). Similarity is the Jaccard index. Pairs across agencies are found with prefix filtering:
with shingles ordered rarest first, two sets at least ``threshold`` alike must share one of their
first ``n − ⌈threshold·n⌉ + 1`` shingles, so only those are indexed and boilerplate every report
shares never makes a candidate pair; a positional bound drops most of the rest before the full
comparison. That keeps a folder of thousands of reports near linear.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict

from gixlint.checks.common import section_name, section_number
from gixlint.checks.cross import agencies, consecutive_years
from gixlint.lint.hookspecs import hookimpl
from gixlint.lint.kinds import CheckKind, Hit, Param, section_value
from gixlint.vocab import labels as L
from gixlint.vocab.agencies import agency_key

_NOISE = re.compile(r"[\s\W_]+")
_DIGITS = re.compile(r"\d+")
_WIDTH = 4
_FIGURES = 0.25     # a section where more shingles than this hold a number is a list of figures


def shingles(report, number: int, min_chars: int) -> frozenset[str]:
    """The section's shingles, or an empty set when it is missing or too short to judge."""
    section = report.section(number)
    if section is None:
        return frozenset()
    text = unicodedata.normalize("NFKC", section.text)
    for name in sorted({report.meta.agency, agency_key(report.meta.agency)} - {""}, key=len, reverse=True):
        text = text.replace(name, "〇")
    text = _DIGITS.sub("#", _NOISE.sub("", text))
    if len(text) < min_chars:
        return frozenset()
    pieces = [text[i:i + _WIDTH] for i in range(len(text) - _WIDTH + 1)]
    if sum("#" in p for p in pieces) > _FIGURES * len(pieces):
        return frozenset()      # mostly figures (「主动公开信息#条，其中…#条」): the same words every year
    return frozenset(pieces)


def _shingle_sets(reports, number: int, min_chars: int, shared: dict) -> list[frozenset[str]]:
    """Every report's shingles of one section, made once a run for both comparisons."""
    key = ("copying.shingles", number, min_chars)
    if key not in shared:
        shared[key] = {id(r): shingles(r, number, min_chars) for r in reports}
    return [shared[key][id(r)] for r in reports]


def jaccard(a: frozenset, b: frozenset) -> float:
    common = len(a & b)
    return common / (len(a) + len(b) - common) if a and b else 0.0


def _ceil(x: float) -> int:
    """⌈x⌉ of a product of floats: 0.8 × 35 = 28.000000000000004 must give 28, or a pair exactly at
    the threshold would be missed."""
    return math.ceil(x - 1e-9)


def similar_pairs(sets: list[frozenset], threshold: float):
    """(j, i, similarity) for every pair j < i whose sets are at least ``threshold`` alike.

    Prefix filtering with the positional bound (PPJoin): shingles are ordered rarest first; a
    pair is a candidate only through a shared prefix shingle, and is dropped as soon as the
    shingles left after that position cannot bring the overlap up to what the threshold needs.
    Only the candidates that survive are compared in full."""
    frequency = Counter(s for shingle_set in sets for s in shingle_set)
    orders = [sorted(current, key=lambda s: (frequency[s], s)) for current in sets]
    index: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for i, order in enumerate(orders):
        n = len(order)
        overlap: dict[int, int] = {}
        for p in range(n - _ceil(threshold * n) + 1 if n else 0):
            for j, q in index[order[p]]:
                m = len(orders[j])
                if overlap.get(j) == -1 or min(n, m) < threshold * max(n, m):
                    continue
                needed = _ceil(threshold / (1 + threshold) * (n + m))
                found = overlap.get(j, 0)
                overlap[j] = found + 1 if found + 1 + min(n - p - 1, m - q - 1) >= needed else -1
            index[order[p]].append((i, p))
        for j in sorted(j for j, found in overlap.items() if found > 0):
            score = jaccard(sets[i], sets[j])
            if score >= threshold:
                yield j, i, score


def copied_narrative(rule, reports, context):
    """Sections much the same as the agency's previous year, or as another agency's same year."""
    threshold, min_chars = float(rule.params["threshold"]), int(rule.params["min_chars"])
    for value in rule.params["sections"]:
        number = section_number(value)
        sets = _shingle_sets(reports, number, min_chars, context.shared)
        if rule.params["compare"] == "previous-year":
            for i, j in consecutive_years(reports, context):
                score = jaccard(sets[i], sets[j])
                if score >= threshold:
                    yield i, _hit(reports, i, j, number, score)
            continue
        keys = agencies(reports, context)
        by_year: dict[int, list[int]] = defaultdict(list)
        for i, r in enumerate(reports):
            if r.meta.year and keys[i]:
                by_year[r.meta.year].append(i)
        for members in by_year.values():
            for a, b, score in similar_pairs([sets[i] for i in members], threshold):
                i, j = members[a], members[b]
                if keys[i] != keys[j]:
                    yield i, _hit(reports, i, j, number, score)
                    yield j, _hit(reports, j, i, number, score)


def _hit(reports, i: int, j: int, number: int, score: float) -> Hit:
    section, other = reports[i].section(number), reports[j]
    return Hit(line=section.line, section=section_name(number), expected=None, actual=f"{score:.0%}",
               values={"similarity": f"{score:.0%}", "other_file": other.path, "other_agency": other.meta.agency,
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
    }, corpus=True, doc="文字照搬：某部分与本机关上一年度，或同一年度其他机关的同一部分几乎相同（机关名称和数字不计）。",
        placeholders=("similarity", "other_file", "other_agency", "other_year", "part"))]

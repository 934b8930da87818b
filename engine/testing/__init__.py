"""Helpers for testing gixlint and rule packs: a report generator and a lint-a-string helper."""

from __future__ import annotations

from datetime import date

from gixlint.testing.generate import LAYOUTS, Document, ReportSpec, random_spec, render

TODAY = date(2026, 11, 23)


def lint_text(text: str, select=None, ignore=None, today: date = TODAY, packs=None):
    """Lint report text with the default rules; returns the findings."""
    from gixlint.parse.build import parse_text

    linter = _linter(tuple(select or ()), tuple(ignore or ()), today, tuple(packs or ()))
    return linter.check(parse_text(text))


_cache: dict = {}


def _linter(select, ignore, today, packs):
    from gixlint.lint.linter import Linter

    key = (select, ignore, today, packs)
    if key not in _cache:
        _cache[key] = Linter.create(today=today, select=list(select) or None, ignore=list(ignore) or None,
                                    packs=list(packs) or None, load_plugins=False)
    return _cache[key]


__all__ = ["LAYOUTS", "Document", "ReportSpec", "random_spec", "render", "lint_text", "TODAY"]

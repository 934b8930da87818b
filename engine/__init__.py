"""gixlint: lint Chinese government information-disclosure annual reports (政府信息公开工作年度报告).

Data flows one way, one package a stage: :mod:`gixlint.read` (a file → text, items or PDF
characters) → :mod:`gixlint.layout` (items, one per cell or paragraph) → :mod:`gixlint.parse`
(lark grammar → the report AST) → :mod:`gixlint.lint` with :mod:`gixlint.checks` (TOML rules run
as pluggy check kinds → findings) → :mod:`gixlint.corpus` (cross-report checks, roster, baseline)
→ :mod:`gixlint.report` (text, JSON, CSV) → :mod:`gixlint.cli`. :mod:`gixlint.vocab` is the
format's vocabulary every stage shares. See docs/architecture.md. ``hookimpl`` is what plugins
use to extend gixlint.
"""

__version__ = "0.1.0"

from gixlint.vocab import dataclasscache, regexcache  # noqa: E402

regexcache.warm()      # before the stages' modules compile their patterns: see vocab.regexcache
dataclasscache.install()   # before they define their dataclasses: see vocab.dataclasscache

from gixlint.lint.hookspecs import hookimpl  # noqa: E402

__all__ = ["__version__", "hookimpl"]

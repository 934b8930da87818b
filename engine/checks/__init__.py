"""Built-in check kinds. Each module registers its kinds through the ``gixlint_check_kinds`` hook,
exactly as a plugin would."""

from gixlint.checks import (
                   balance,
                   copying,
                   counts,
                   coverage,
                   cross,
                   dates,
                   magnitude,
                   narrative,
                   parse,
                   sections,
                   statements,
                   template,
                   wording,
)

BUILTIN_MODULES = (parse, sections, counts, magnitude, balance, statements, narrative, wording, dates, cross, copying,
                   coverage, template)

"""The check stage: rules from TOML packs run as check kinds (pluggy hooks) on one report.

:mod:`.linter` runs them and makes findings (:mod:`.findings`); :mod:`.packs` loads and validates
rule packs, :mod:`.formula` the balancing formulas, :mod:`.kinds` is the kind API plugins use,
:mod:`.hookspecs` and :mod:`.plugins` the hooks and their loading, :mod:`.config` gixlint.toml.
The built-in kinds are in :mod:`gixlint.checks`.
"""

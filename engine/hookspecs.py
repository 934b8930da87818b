"""Deprecated location of :mod:`gixlint.lint.hookspecs`, kept so that existing plugins keep working.

Import from ``gixlint.lint.hookspecs`` in new code; this name will go in a future release.
"""

import sys

from gixlint.lint.hookspecs import __name__ as _target

sys.modules[__name__] = sys.modules[_target]

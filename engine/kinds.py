"""Deprecated location of :mod:`gixlint.lint.kinds`, kept so that existing plugins keep working.

Import from ``gixlint.lint.kinds`` in new code; this name will go in a future release.
"""

import sys

from gixlint.lint.kinds import __name__ as _target

sys.modules[__name__] = sys.modules[_target]

"""gixlint: lint Chinese government information-disclosure annual reports (政府信息公开工作年度报告).

Data flows one way: reader → layout → parser (lark) → AST → rules (TOML + pluggy kinds) →
findings → reporters. ``hookimpl`` is what plugins use to extend it.
"""

__version__ = "0.1.0"

from .hookspecs import hookimpl  # noqa: E402

__all__ = ["__version__", "hookimpl"]

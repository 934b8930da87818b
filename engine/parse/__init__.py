"""The parse stage: a layout → the report AST (:mod:`.model`), through the lark grammar.

:mod:`.lexer` names each item by a grammar terminal and runs lark; :mod:`.build` turns the tree
into sections, keyed table cells, metadata and dates, placing rows whose labels were lost
(:mod:`.placing`) and saying how far each table could be read (:mod:`.readstatus`).
"""

from gixlint.parse.build import parse, parse_file, parse_text

__all__ = ["parse", "parse_file", "parse_text"]

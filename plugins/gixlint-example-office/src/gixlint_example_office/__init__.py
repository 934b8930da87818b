"""An example office plugin: one new check kind and a TOML pack (code prefix SZB).

The kind ``keyword-coverage`` checks that a section talks about each of a list of topics
(say, the five parts 总体情况 should cover). The pack instantiates it, and also uses
gixlint's declarative ``required-statement`` kind for a local requirement that needs no code.
"""

from __future__ import annotations

import re
from importlib import resources

from gixlint import hookimpl
from gixlint.checks.common import section_name, section_number
from gixlint.kinds import CheckKind, Hit, Param, regex_list, section_value


def keyword_coverage(rule, report, context):
    """Fires when the section mentions fewer than ``min`` of the ``keywords`` (regular expressions)."""
    number = section_number(rule.params["section"])
    section = report.section(number)
    if section is None:
        return  # gixlint's own GIX101 reports a missing section
    text = section.text
    labels = rule.params["labels"] or rule.params["keywords"]
    missing = [label for pattern, label in zip(rule.params["keywords"], labels) if not re.search(pattern, text)]
    found = len(rule.params["keywords"]) - len(missing)
    if found < rule.params["min"]:
        yield Hit(line=section.line, section=section_name(number), expected=rule.params["min"], actual=found,
                  values={"missing": "、".join(missing), "found": found})


@hookimpl
def gixlint_check_kinds():
    return [CheckKind("keyword-coverage", keyword_coverage, {
        "section": Param((str, int), "哪一部分，如 \"一\"", required=True, validate=section_value),
        "keywords": Param(list, "要涉及的话题，每个一个正则表达式", required=True, validate=regex_list),
        "labels": Param(list, "话题的名称（与 keywords 一一对应，用于提示）", default=[]),
        "min": Param(int, "至少涉及几个话题", default=1),
    }, doc="某部分涉及了规定的各项话题。", placeholders=("missing", "found"))]


@hookimpl
def gixlint_rule_packs():
    return [resources.files(__name__).joinpath("office.toml")]

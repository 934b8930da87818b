"""SARIF 2.1.0: findings for code-scanning dashboards and editors that read static-analysis results.

Waived findings are kept with an external suppression, as SARIF means them to be: accepted, not gone.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from gixlint import __version__
from gixlint.report.text import location

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    """A relative URI where the file is under the current folder (as scanners expect), else absolute."""
    p = Path(path)
    try:
        return quote(p.resolve().relative_to(Path.cwd().resolve()).as_posix())
    except ValueError:
        return p.resolve().as_uri()


def _rule(rule) -> dict:
    text = (rule.doc or {}).get("summary") or rule.message
    return {"id": rule.id, "name": rule.name, "shortDescription": {"text": str(text)},
            "defaultConfiguration": {"level": LEVEL.get(rule.severity, "warning")},
            "properties": {"category": rule.category}}


def _result(f, path: str, index: dict, waived: bool) -> dict:
    location_ = {"physicalLocation": {"artifactLocation": {"uri": _uri(path)}}}
    if f.line:
        location_["physicalLocation"]["region"] = {"startLine": f.line}
    where = location(f)
    if where:
        location_["message"] = {"text": where}
    out = {"ruleId": f.rule, "level": LEVEL[f.severity], "message": {"text": f.message},
           "locations": [location_],
           "properties": {"category": f.category, "name": f.name,
                          **{k: getattr(f, k) for k in ("section", "table", "row", "column") if getattr(f, k)}}}
    if f.rule in index:
        out["ruleIndex"] = index[f.rule]
    if waived:
        out["suppressions"] = [{"kind": "external", "justification": "豁免清单或 per-file-ignores 已接受"}]
    return out


def render(results, rules=None) -> str:
    rules = list(rules or [])
    index = {r.id: i for i, r in enumerate(rules)}
    out = []
    for r in results:
        out += [_result(f, r.path, index, False) for f in r.findings]
        out += [_result(f, r.path, index, True) for f in getattr(r, "waived", ())]
    doc = {"$schema": SCHEMA, "version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": "gixlint", "version": __version__, "rules": [_rule(r) for r in rules]}},
        "results": out,
        "columnKind": "unicodeCodePoints",
    }]}
    return json.dumps(doc, ensure_ascii=False, indent=2)

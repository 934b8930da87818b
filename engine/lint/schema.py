"""JSON Schema for rule packs, derived from the registered check kinds (for editors).

    python -m gixlint.lint.schema > rules/pack.schema.json
"""

from __future__ import annotations

import json

_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean", list: "array", dict: "object"}
RULE_REQUIRED = ["id", "name", "category", "severity", "message", "kind"]


def _type(t):
    names = sorted({_TYPES[x] for x in (t if isinstance(t, tuple) else (t,))})
    return names[0] if len(names) == 1 else names


def pack_schema(kinds: dict) -> dict:
    common = {
        "id": {"type": "string", "pattern": "^[A-Z][A-Z0-9]*[0-9]{3}$", "description": "稳定的规则编号，如 GIX301"},
        "name": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "description": "短横线名称"},
        "aliases": {"type": "array", "items": {"type": "string"}},
        "category": {"type": "string"},
        "severity": {"enum": ["error", "warning", "info"]},
        "message": {"type": "string", "description": "提示信息，可含 {占位符}"},
        "kind": {"type": "string", "description": "检查类型：" + "、".join(sorted(kinds))},
        "when": {"type": "string", "description": "适用条件公式，如 year >= 2021"},
        "enabled": {"type": "boolean"},
        "formats": {"type": "array", "items": {"enum": ["v2021", "v2019", "unknown"]},
                    "description": "适用的报告格式；不写则适用于全部"},
        "doc": {"type": "object", "additionalProperties": False,
                "properties": {k: {"type": "string"} for k in ("what", "why", "source", "fail", "pass")}},
    }
    variants = []
    for name in sorted(kinds):
        props = {**common, "kind": {"const": name}}
        for pname, p in kinds[name].params.items():
            props[pname] = ({"enum": list(p.choices), "description": p.doc} if p.choices
                            else {"type": _type(p.type), "description": p.doc})
        required = RULE_REQUIRED + [n for n, p in kinds[name].params.items() if p.required]
        variants.append({"if": {"properties": {"kind": {"const": name}}, "required": ["kind"]},
                         "then": {"properties": props, "required": required, "additionalProperties": False}})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "gixlint rule pack",
        "description": "gixlint 规则包（TOML）。由 python -m gixlint.lint.schema 生成；插件的检查类型不在其中。",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "pack": {"type": "object", "additionalProperties": False, "properties": {
                "name": {"type": "string"}, "version": {"type": "string"}, "description": {"type": "string"},
                "formats": {"type": "array", "items": {"type": "string"}},
                "years": {"type": "array", "items": {"type": "integer"}},
                "prefix": {"type": "string", "pattern": "^[A-Z][A-Z0-9]*$"}}},
            "rule": {"type": "array", "items": {"type": "object", "properties": common,
                                                 "required": RULE_REQUIRED, "allOf": variants}},
        },
    }


def render() -> str:
    from gixlint.lint.plugins import build_registry

    return json.dumps(pack_schema(build_registry(load_entry_points=False).kinds), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    print(render(), end="")

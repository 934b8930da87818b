"""The JSON report: a stable schema for supervisors' scripts (``version`` says which)."""

from __future__ import annotations

import json

from gixlint import __version__
from gixlint.report.ast import read_status
from gixlint.report.inert import json_text
from gixlint.report.summary import overview, totals
from gixlint.vocab import labels as L

SCHEMA_VERSION = 1


def finding_json(f) -> dict:
    data = f.to_json()
    data["row_label"] = L.row_label(f.table, f.row) if f.row else None
    data["column_label"] = L.column_label(f.table, f.column) if f.column else None
    return data


def render(results, stale_waivers=(), waived: int = 0, rules=None, config_used=None) -> str:
    return "".join(chunks(results, stale_waivers, waived, rules, config_used))


def chunks(results, stale_waivers=(), waived: int = 0, rules=None, config_used=None):
    """The document piece by piece, one file's entry at a time, made as it is written: a run of
    100,000 reports never holds the whole document. The text is the same as one
    ``json.dumps(..., ensure_ascii=False, indent=2)``; each entry is encoded whole, because
    passing the encoder's hundred-odd pieces an entry one by one cost more than encoding them."""
    encoder = json.JSONEncoder(ensure_ascii=False, indent=2)
    head = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "gixlint", "version": __version__},
        "config_used": config_used,   # the configuration file read, how it was found, what it changed
    }
    tail = {"waived": waived, "stale_waivers": [w.describe() for w in stale_waivers],
            "overview": overview(results, rules)}
    yield "{\n"
    for key, value in head.items():
        yield _member(encoder, key, value) + ",\n"
    if not results:
        yield '  "files": [],\n'
    else:
        yield '  "files": [\n'
        last = len(results) - 1
        for index, result in enumerate(results):
            entry = _nested(encoder.encode(_file(result)), "    ")
            yield json_text(f"    {entry},\n" if index < last else f"    {entry}\n")   # exact, and inert in a terminal
        yield "  ],\n"
    yield _member(encoder, "summary", {**totals(results), **tail}) + "\n}"


def _member(encoder: json.JSONEncoder, key: str, value) -> str:
    """One member of the top-level object, as the indenting encoder writes it there."""
    return json_text(f"  {encoder.encode(key)}: {_nested(encoder.encode(value), '  ')}")


def _nested(text: str, indent: str) -> str:
    """An encoded value moved in by ``indent`` (a JSON string never holds a raw line break)."""
    return text.replace("\n", "\n" + indent)


def _file(r) -> dict:
    return {
        "path": r.path,
        "agency": (r.record.meta.agency if r.record else None) or None,
        "roster": r.roster,
        "year": r.record.meta.year if r.record else None,
        # how far each table could be read: findings are only about what was read
        "tables": {name: read_status(t) for name, t in r.record.tables.items()} if r.record else {},
        "findings": [finding_json(f) for f in r.findings],
    }

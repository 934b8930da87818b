"""Waivers (baseline): accepted findings, keyed by report, rule and logical place — never by line.

    {"version": 1, "waivers": [
      {"report": {"agency": "示例县教育局", "year": 2024, "file": "a.txt"}, "rule": "GIX204",
       "section": "二、主动公开政府信息情况", "table": "t2", "row": "licensing", "column": "count",
       "reason": "注释系上级要求保留"}]}

A line moves whenever text is added above it; the section, table, row and column do not.
Waivers that match nothing in reports of the run are reported as stale.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from gixlint.lint.packs import ConfigError
from gixlint.vocab import labels as L

PLACE = ("section", "table", "row", "column")
TODO_REASON = "待填写：为什么接受这一问题"


def identity(result) -> dict:
    """Who and which year a report is; the file name only when the report does not say."""
    meta = result.record.meta if result.record else None
    if meta and meta.agency and meta.year:
        return {"agency": meta.agency, "year": meta.year}
    return {"file": Path(result.path).name}


def _key(report_id: dict, finding) -> tuple:
    return (tuple(sorted(report_id.items())), finding.rule, *(getattr(finding, k) or "" for k in PLACE))


@dataclass
class Waiver:
    report: dict
    rule: str
    place: dict
    reason: str
    used: bool = False

    def key(self) -> tuple:
        return (tuple(sorted(self.report.items())), self.rule, *(self.place.get(k) or "" for k in PLACE))

    def describe(self) -> str:
        """「示例县教育局 2024 GIX205 表四 · 行政复议 · 尚未审结」: labels, not keys."""
        from gixlint.lint.findings import TABLE_ZH

        who = self.report.get("agency") or self.report.get("file")
        table, row, column = (self.place.get(k) or "" for k in ("table", "row", "column"))
        parts = [self.place.get("section") or "", TABLE_ZH.get(table, table),
                 L.row_label(table, row) if row else "", L.column_label(table, column) if column else ""]
        where = " · ".join(p for p in parts if p)
        return f"{who} {self.report.get('year', '')} {self.rule} {where}".strip()


def write(path: Path, results) -> int:
    waivers = []
    seen = set()
    for r in results:
        rid = identity(r)
        for f in r.findings:
            key = _key(rid, f)
            if key in seen:
                continue
            seen.add(key)
            waivers.append({"report": rid, "rule": f.rule, **{k: getattr(f, k) or None for k in PLACE},
                            "reason": TODO_REASON})
    path.write_text(json.dumps({"version": 1, "waivers": waivers}, ensure_ascii=False, indent=2) + "\n",
                    encoding="utf-8")
    return len(waivers)


def load(path: Path) -> list[Waiver]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{path}: 无法读取豁免清单：{exc}") from exc
    waivers = []
    for i, entry in enumerate(data.get("waivers", []) if isinstance(data, dict) else [], start=1):
        if not isinstance(entry, dict):
            raise ConfigError(f"{path}: 第 {i} 条豁免应为对象")
        unknown = sorted(set(entry) - {"report", "rule", "reason", *PLACE})
        if unknown:
            raise ConfigError(f"{path}: 第 {i} 条豁免中未知的键「{unknown[0]}」，可用：report, rule, reason, "
                              + ", ".join(PLACE))
        for key in ("report", "rule"):
            if key not in entry:
                raise ConfigError(f"{path}: 第 {i} 条豁免缺少「{key}」")
        if not isinstance(entry["report"], dict):
            raise ConfigError(f"{path}: 第 {i} 条豁免的 report 应为对象，如 {{\"agency\": …, \"year\": …}}")
        waivers.append(Waiver(entry["report"], entry["rule"], {k: entry.get(k) for k in PLACE},
                              str(entry.get("reason", ""))))
    return waivers


def apply(waivers: list[Waiver], results) -> list[Waiver]:
    """Move waived findings from each result's findings to its ``waived`` (still true of the report,
    so the overview counts them); return waivers stale for reports in this run."""
    index: dict[tuple, list[Waiver]] = {}
    for w in waivers:
        index.setdefault(w.key(), []).append(w)
    present = set()
    for r in results:
        rid = identity(r)
        present.add(tuple(sorted(rid.items())))
        kept = []
        for f in r.findings:
            matched = index.get(_key(rid, f))
            if matched:
                for w in matched:
                    w.used = True
                r.waived.append(f)
            else:
                kept.append(f)
        r.findings = kept
    return [w for w in waivers if not w.used and tuple(sorted(w.report.items())) in present]

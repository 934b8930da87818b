"""The supervisor's view of a folder run: how many reports balance, state the fee, were on time."""

from __future__ import annotations

from collections import Counter

from gixlint.lint.findings import SEVERITY_RANK

# the balancing identities of tables 三 and 四: a report balances when all of them ran, the tables
# are there, and none of them said anything (an identity that could not be checked is no balance)
IDENTITIES = frozenset({"t3-row-total", "t3-results-total", "t3-carry-identity", "t4-block-total"})


def overview(results, rules=None) -> dict:
    """Counts over the readable reports of a run (findings by rule name, so codes may be re-numbered).
    A count whose rule did not run (``--select``, ``ignore``) is None rather than a false all-clear.
    Waived findings (baseline, per-file-ignores) count: a waiver accepts a finding, it does not
    make the report balance or state its fee."""
    reports = [r for r in results if r.record is not None and r.record.readable]
    rosters = [r for r in results if r.roster]
    names = [{f.name for f in all_findings(r)} for r in reports]
    issued = [r.record.issued for r in reports]
    dates = sorted(min(found) for found in issued if found)

    def ran(test) -> bool:
        return rules is None or any(test(rule) for rule in rules)

    return {
        "reports": len(reports),
        "formats": dict(Counter(r.record.meta.format for r in reports)),
        "balanced": sum(1 for r, n in zip(reports, names) if _fully_read(r.record) and not n & IDENTITIES)
        if rules is None or IDENTITIES <= {rule.name for rule in rules} else None,
        # reports whose tables 三 and 四 were not there or not all read: neither balanced nor not
        "balance_unchecked": sum(1 for r in reports if not _fully_read(r.record)),
        "fee_statement": sum(1 for n in names if "fee-statement-missing" not in n)
        if ran(lambda rule: rule.name == "fee-statement-missing") else None,
        "dated": len(dates),
        "on_time": sum(1 for n, found in zip(names, issued) if found and not n & {"late", "dated-before-year-end"})
        if ran(lambda rule: rule.name == "late") else None,
        "median_date": dates[len(dates) // 2].isoformat() if dates else None,
        # agencies on the supervisor's roster with no report: past their deadline, and not yet due
        "roster_missing": sum(f.actual == "overdue" for r in rosters for f in all_findings(r)) if rosters else None,
        "roster_not_due": sum(f.actual == "not-yet-due" for r in rosters for f in all_findings(r)) if rosters else None,
    }


def totals(results) -> dict:
    """The run's counts (files, findings by severity and by rule): the JSON's "summary", the text's last lines."""
    counts = Counter(f.severity for r in results for f in r.findings)
    files = [r for r in results if not r.roster]
    return {
        "files": len(files),
        "files_with_findings": sum(1 for r in files if r.findings),
        "findings": sum(counts.values()),
        "error": counts.get("error", 0),
        "warning": counts.get("warning", 0),
        "info": counts.get("info", 0),
        "by_rule": dict(sorted(Counter(f.rule for r in results for f in r.findings).items())),
        "files_by_rule": files_by_rule(results),
    }


def all_findings(result) -> list:
    """Everything true of a report: its reported findings and those a waiver accepted."""
    return [*result.findings, *getattr(result, "waived", ())]


def _fully_read(record) -> bool:
    """Tables 三 and 四 are there and every cell of them was read: only then can they balance."""
    tables = record.tables
    return all(name in tables and tables[name].status == "exact" and not tables[name].reconstructed
               for name in ("t3", "t4"))


def files_by_rule(results) -> dict[str, int]:
    """How many files each rule fired on, errors first, then the most widespread: what a
    supervisor's office should address first."""
    results = [r for r in results if not r.roster]
    counts = Counter(rule for r in results for rule in {f.rule for f in r.findings})
    worst: dict[str, int] = {}
    for r in results:
        for f in r.findings:
            worst[f.rule] = max(worst.get(f.rule, 0), SEVERITY_RANK[f.severity])
    return dict(sorted(counts.items(), key=lambda kv: (-worst[kv[0]], -kv[1], kv[0])))


def common(results, most: int = 5) -> str:
    """One line of Chinese naming the rules to address first (see :func:`files_by_rule`)."""
    names = {f.rule: f.name for r in results for f in r.findings}
    top = list(files_by_rule(results).items())[:most]
    return "最需关注：" + "；".join(f"{rule} {names[rule]}（{n} 个文件）" for rule, n in top) if top else ""


def sentence(o: dict) -> str:
    """One line of Chinese for the end of a text run."""
    n = o["reports"]
    formats = "、".join(f"{ {'v2021': '2021 年格式', 'v2019': '2019 年试行格式'}.get(k, '格式不明')} {v}"
                        for k, v in sorted(o["formats"].items()))
    parts = [f"汇总：{n} 份报告（{formats}）"]
    for key, label in (("balanced", "表格勾稽平衡"), ("fee_statement", "说明了信息处理费"), ("on_time", "按时发布")):
        if o[key] is not None:
            parts.append(f"{label} {o[key]}/{n}")
            if key == "balanced" and o.get("balance_unchecked"):
                parts[-1] += f"（{o['balance_unchecked']} 份的表三、表四未能完整读出，无法核对）"
    if o.get("roster_missing") is not None:  # the roster was checked: say so even when nobody is missing
        parts.append(f"名单上 {o['roster_missing']} 个机关逾期未发布"
                     + (f"、{o['roster_not_due']} 个尚未到期" if o["roster_not_due"] else ""))
    text = "；".join(parts)
    if o["median_date"]:
        text += f"；发布或落款日期中位数 {o['median_date']}"
    return text


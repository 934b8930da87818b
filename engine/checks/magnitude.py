"""An amount too large for its unit, judged by the agency's level: table 二's 行政事业性收费 is in
万元, and a figure a province collects would be a county bureau's amount entered in 元.

The level comes from the agency's name (or the title): 省/自治区 and the four 直辖市 are
provincial; a district of a 直辖市, an 自治州, 地区 or 盟 is prefectural; a 县, 旗, a district of
an ordinary city or a county-level city named under its prefecture is a county; a 乡, 镇 or 街道 is
below it. 「某某市人民政府」 alone may be a prefecture or a county-level city: the larger limit
applies. A name that tells no level (no name, a central ministry) gets no magnitude finding; a
unit word other than the column's own (「3500元」) is reported whatever the level.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fnmatch import fnmatch
from functools import lru_cache

from gixlint.checks.common import TABLE_SECTION, read_cells, section_name
from gixlint.lint.findings import TABLE_ZH
from gixlint.lint.hookspecs import hookimpl
from gixlint.lint.kinds import CheckKind, Hit, Param
from gixlint.vocab import labels as L
from gixlint.vocab.values import NUMBER

LEVELS = {
    "province": "省级机关",
    "city": "设区的市级机关",
    "county_government": "县级人民政府",
    "county_department": "县级部门或乡镇",
}
DEFAULT_THRESHOLDS = {"province": 5000000, "city": 500000, "county_government": 50000, "county_department": 10000}

_MUNICIPALITY = re.compile(r"^(中国)?(北京|上海|天津|重庆)市")
_PROVINCE = re.compile(r"^[\u4e00-\u9fff]{2,3}省|^(内蒙古|广西壮族|西藏|宁夏回族|新疆维吾尔)自治区")
_TOWNSHIP = re.compile(r"[\u4e00-\u9fff](乡|镇)人民政府|街道办事处|[\u4e00-\u9fff]{2}(乡|镇|街道)(党委|办事处|综合)")
# a county-level unit: 县, 旗, a district (not 地区, 林区/开发区 are read as districts too), 县级市
_COUNTY = re.compile(r"[\u4e00-\u9fff](自治县|县|自治旗|旗|(?<![地社园景片校新])区)(?!域|划|块|级)")
_PREFECTURE = re.compile(r"[\u4e00-\u9fff]{1,6}(自治州|地区|盟)")
_CITY = re.compile(r"[\u4e00-\u9fff]{1,4}?(?<![城都超门夜集股上])市(?!场|民|容|级)")
_GOVERNMENT = re.compile(r"人民政府(办公室|办公厅)?$")


def agency_level(name: str) -> str | None:
    """province, city, county_government, county_department, or None when the name tells no level."""
    name = re.sub(r"\s", "", name or "")
    name = re.sub(r"^(关于)?(\d{4}|[〇零一二三四五六七八九]{4})年度?|(关于)?((\d{4}|[〇零一二三四五六七八九]{4})年度?)?(政府)?信息公开.*$", "", name)
    if not name:
        return None
    government = bool(_GOVERNMENT.search(name))
    if _TOWNSHIP.search(name):
        return "county_department"
    m = _MUNICIPALITY.match(name)
    if m:
        rest = name[m.end():]
        if re.search(r"[\u4e00-\u9fff](自治县|县)(?!域|级)", rest):
            return "county_government" if government else "county_department"
        if re.search(r"[\u4e00-\u9fff]区(?!域|划|块|级)", rest):
            return "city"          # a district of a 直辖市 ranks with a prefecture
        return "province"
    p = _PROVINCE.match(name)
    rest = name[p.end():] if p else name
    county = _COUNTY.search(rest)
    cities = [c for c in _CITY.finditer(rest)]
    if county or len(cities) >= 2 or (_PREFECTURE.search(rest) and cities):
        return "county_government" if government else "county_department"
    if cities or _PREFECTURE.search(rest):
        return "city"
    if p:
        return "province"
    return None


def _matches(name: str, row: str, column: str, patterns) -> bool:
    return _matches_any(name, row, column, tuple(patterns))


@lru_cache(maxsize=1024)
def _matches_any(name: str, row: str, column: str, patterns: tuple[str, ...]) -> bool:
    """Remembered: every report asks it of the same few cells of table 二."""
    return any(fnmatch(f"{name}.{row}", p) or fnmatch(f"{name}.{row}.{column}", p) for p in patterns)


def amount_magnitude(rule, report, context):
    """An amount at or above the limit for the agency's level, or carrying another unit."""
    unit = rule.params["unit"]
    limits = {**DEFAULT_THRESHOLDS, **rule.params["thresholds"]}
    level = agency_level(report.meta.agency) or agency_level(report.meta.title)
    for name, row, column, cell in read_cells(report, ("t2", "t2v19")):
        if cell.kind != NUMBER or not _matches(name, row.key, column, rule.params["cells"]):
            continue
        written = cell.annotation.strip()
        if written and written != unit:
            reason = f"格中写的单位「{written}」与表头的「{unit}」不同"
        elif level and cell.value >= Decimal(str(limits[level])):
            reason = f"按{LEVELS[level]}计已超过 {limits[level]} {unit}"
        else:
            continue
        label = f"{TABLE_ZH[name]}「{L.row_label(name, row.key)}」"
        yield Hit(line=cell.line, section=section_name(TABLE_SECTION[name]), table=name, row=row.key,
                  column=column, expected=f"< {limits[level]}" if level else unit,
                  actual=cell.raw.strip(),
                  values={"cell": label, "raw": cell.raw.strip(), "reason": reason,
                          "level": LEVELS.get(level, "级别不明"), "threshold": limits.get(level, ""),
                          "unit": unit})


def _thresholds(value) -> str | None:
    unknown = [k for k in value if k not in LEVELS]
    if unknown:
        return f"不认识 {', '.join(unknown)}；可用：{', '.join(LEVELS)}"
    bad = [k for k, v in value.items() if isinstance(v, bool) or not isinstance(v, (int, float)) or v <= 0]
    return f"{', '.join(bad)} 的上限应为正数" if bad else None


@hookimpl
def gixlint_check_kinds():
    return [CheckKind("amount-magnitude", amount_magnitude, {
        "cells": Param(list, "检查哪些金额格，如 [\"t2.fee_amount\"]（通配符）", default=["t2.fee_amount"]),
        "unit": Param(str, "表头规定的单位", default="万元"),
        "thresholds": Param(dict, "按机关级别的上限（达到即报告）：province、city、county_government、county_department；"
                                  "未写的用默认值 " + "、".join(f"{k} = {v}" for k, v in DEFAULT_THRESHOLDS.items()),
                            default={}, validate=_thresholds),
    }, doc="金额按机关级别（由机关名称判断）看是否大得不合常理（多半是按元填进了万元栏），或格中写了别的单位；"
           "级别无法判断时只查单位。", placeholders=("cell", "raw", "reason", "level", "threshold", "unit"))]

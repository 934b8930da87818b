"""Canonical labels and machine keys of the 2021 format (国办公开办函〔2021〕30号).

Everything that names a section, a table row or a column lives here, so the parser, the
rules and the fixture generator agree on one vocabulary (the keys of spec/format-2021.md).
"""

from __future__ import annotations

import re
from functools import lru_cache

from gixlint.vocab.normal import nfkc

# --- text normalisation -----------------------------------------------------------------

_QUOTES = str.maketrans({"“": '"', "”": '"', "＂": '"', "‘": "'", "’": "'", "、": ",", "，": ","})


@lru_cache(maxsize=16384)
def squash(text: str) -> str:
    """Full-width to half-width (NFKC) and no whitespace: how labels are compared."""
    # whitespace (str.isspace: what str.split() splits at), zero-width space and BOM deleted
    squashed = "".join(nfkc(text).split())
    if "\u200b" in squashed or "\ufeff" in squashed:
        squashed = squashed.replace("\u200b", "").replace("\ufeff", "")
    return squashed


@lru_cache(maxsize=16384)
def label_key(text: str) -> str:
    """A looser form for matching table labels: also unify quotes and list commas. Each is
    replaced where it occurs (``str.translate`` with a table looks every character up, ten times
    the cost on a paragraph)."""
    key = squash(text)
    for quote, plain in _QUOTE_PAIRS:
        if quote in key:
            key = key.replace(quote, plain)
    return key


_QUOTE_PAIRS = tuple((chr(code), plain) for code, plain in _QUOTES.items())   # each to one ASCII character


# --- sections ---------------------------------------------------------------------------

NUMERALS = "一二三四五六七八九十"

SECTION_TITLES = {
    1: "总体情况",
    2: "主动公开政府信息情况",
    3: "收到和处理政府信息公开申请情况",
    4: "政府信息公开行政复议、行政诉讼情况",
    5: "存在的主要问题及改进情况",
    6: "其他需要报告的事项",
}
SECTION_KEYS = {1: "overview", 2: "proactive", 3: "applications", 4: "review_litigation",
                5: "problems", 6: "other"}

# A heading's title (numbering stripped, squashed) is recognised by these patterns.
SECTION_PATTERNS = {
    1: re.compile(r"^(工作)?(总体|基本)(工作)?(情况|概况)$|^概述$"),   # 「一、工作总体情况」
    # the wordings of 二 and 三 name the information; shorter ones (「主动公开情况」) are also
    # sub-headings of 一, so they count only numbered 二、/三、 in their place (parse.build)
    2: re.compile(r"^(行政机关)?主动公开政府信息(的)?(情况)?(统计)?(情况)?$"),
    3: re.compile(r"^(行政机关)?(收到和处理|受理和处理|受理和办理)政府信息公开申请(的)?(办理)?(情况)?(统计)?(情况)?$"),
    4: re.compile(r"^(政府信息公开|因政府信息公开(工作|申请)?(被)?(申请)?)?(行政法?复议)[、,和及与](被)?(提起)?行政诉讼"
                  r"(的)?(案件)?情况(统计)?$"),
    5: re.compile(r"^(政府信息公开工作)?(存在的)?(主要)?问题(及|和|与)(其)?(改进|整改)(情况|措施|策略|计划|方向|工作)?$"),
    6: re.compile(r"^其他需(要)?报告(的)?事项(说明)?$|^其他事项$"),
}

# --- table 二 ---------------------------------------------------------------------------

T2_ROWS = {
    # key: (canonical label, block, column keys)
    "regulations": ("规章", "一", ("made", "repealed", "in_force")),
    "normative_documents": ("行政规范性文件", "一", ("made", "repealed", "in_force")),
    "licensing": ("行政许可", "五", ("count",)),
    "penalty": ("行政处罚", "六", ("count",)),
    "enforcement": ("行政强制", "六", ("count",)),
    "fee_amount": ("行政事业性收费", "八", ("amount",)),
}
T2_LABEL_ALIASES = {"规范性文件": "normative_documents"}
# the 2019 trial format (国办公开办函〔2019〕60号), used for the 2019 and 2020 reports: table 二 differs
T2V19_ROWS = {
    "regulations": ("规章", "一", ("new_made", "new_published", "total_published")),
    "normative_documents": ("规范性文件", "一", ("new_made", "new_published", "total_published")),
    "licensing": ("行政许可", "五", ("prev_items", "change", "decisions")),
    "other_services": ("其他对外管理服务事项", "五", ("prev_items", "change", "decisions")),
    "punishment": ("行政处罚", "六", ("prev_items", "change", "decisions")),
    "coercion": ("行政强制", "六", ("prev_items", "change", "decisions")),
    "fee_amount": ("行政事业性收费", "八", ("prev_items", "change")),
    "procurement": ("政府集中采购", "九", ("items", "amount")),
}
T2V19_COLUMNS = {"new_made": "本年新制作数量", "new_published": "本年新公开数量", "total_published": "对外公开总数量",
                 "prev_items": "上一年项目数量", "change": "本年增/减", "decisions": "处理决定数量",
                 "items": "采购项目数量", "amount": "采购总金额"}
T2_COLUMNS = {"made": "本年制发件数", "repealed": "本年废止件数", "in_force": "现行有效件数",
              "count": "本年处理决定数量", "amount": "本年收费金额（单位：万元）"}
T2_HEADERS = ["信息内容", *T2_COLUMNS.values(), *T2V19_COLUMNS.values(), "本年增减"]
# which format a report uses (spec §B.4): any of these labels decides
V2019_MARKERS = ["本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "本年增减",
                 "第二十条第（九）项", "政府集中采购", "其他对外管理服务事项", "采购项目数量"]
V2021_MARKERS = ["本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额（单位：万元）"]
T2_BLOCK = re.compile(r"^第二十条第\(([一二三四五六七八九十])\)项$")

# --- table 三 ---------------------------------------------------------------------------

T3_COLUMNS = {
    "natural_person": "自然人",
    "commercial": "商业企业",
    "research": "科研机构",
    "social_welfare": "社会公益组织",
    "legal_service": "法律服务机构",
    "other": "其他",
    "total": "总计",
}
T3_APPLICANTS = tuple(k for k in T3_COLUMNS if k != "total")

T3_ROWS = {
    "new_received": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "granted": "（一）予以公开",
    "partially_granted": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "denied_state_secret": "1.属于国家秘密",
    "denied_other_laws": "2.其他法律行政法规禁止公开",
    "denied_three_security_one_stability": "3.危及“三安全一稳定”",
    "denied_third_party": "4.保护第三方合法权益",
    "denied_internal_affairs": "5.属于三类内部事务信息",
    "denied_process_info": "6.属于四类过程性信息",
    "denied_enforcement_file": "7.属于行政执法案卷",
    "denied_query_matter": "8.属于行政查询事项",
    "unable_not_held": "1.本机关不掌握相关政府信息",
    "unable_needs_creation": "2.没有现成信息需要另行制作",
    "unable_unclear_after_correction": "3.补正后申请内容仍不明确",
    "not_processed_petition": "1.信访举报投诉类申请",
    "not_processed_duplicate": "2.重复申请",
    "not_processed_publication": "3.要求提供公开出版物",
    "not_processed_mass_repeat": "4.无正当理由大量反复申请",
    "not_processed_confirm_info": "5.要求行政机关确认或重新出具已获取信息",
    "other_no_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other_fee_unpaid": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "other_other": "3.其他",
    "total": "（七）总计",
    "carried_forward": "四、结转下年度继续办理",
}
# Group labels carry no numbers of their own; （六）其他处理 may stand for its three sub-rows.
T3_GROUPS = {
    "results": "三、本年度办理结果",
    "denied": "（三）不予公开",
    "unable": "（四）无法提供",
    "not_processed": "（五）不予处理",
    "other_total": "（六）其他处理",
}
T3_LEAVES = tuple(list(T3_ROWS)[2:23])  # the 21 result rows summed by （七）总计
T3_OTHER_LEAVES = ("other_no_correction", "other_fee_unpaid", "other_other")
T3_HEADERS = ["申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织",
              "法律服务机构", "商业", "企业", "科研", "机构", "申请人"]
T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

# --- table 四 ---------------------------------------------------------------------------

T4_BLOCKS = {"review": "行政复议", "litigation_direct": "行政诉讼·未经复议直接起诉",
             "litigation_after_review": "行政诉讼·复议后起诉"}
T4_FIELDS = {"maintain": "结果维持", "correct": "结果纠正", "other": "其他结果",
             "pending": "尚未审结", "total": "总计"}
T4_PARTS = ("maintain", "correct", "other", "pending")
T4_HEADERS = ["行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结",
              "未经复议直接起诉", "复议后起诉", "结果", "维持", "纠正", "尚未", "审结",
              "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）", "行政诉讼·未经复议直接起诉", "行政诉讼·复议后起诉"]
# which block of table 四 a header names (a table split into three, each under its block's name)
T4_BLOCK_WORDS = (("复议后起诉", "litigation_after_review"), ("未经复议直接起诉", "litigation_direct"),
                  ("直接起诉", "litigation_direct"), ("行政复议", "review"))
# header words of table 四 that a layout may glue together (「维持纠正结果审结」): never a value
T4_HEADER_CHARS = set("行政复议诉讼未经直接起后结果维持纠正其他尚审总计·()（） ")
COMMON_HEADERS = ["其他", "总计"]


_NUMBERING = re.compile(r"^([一二三四五六七八九十]+,|\([一二三四五六七八九十\d]+\)|\d+[.,])")


def _row_index() -> dict[str, str]:
    """label_key → row key, including the label without its list number (e.g. 属于国家秘密)."""
    index = {label_key(label): key for key, label in T3_ROWS.items()}
    for key, label in T3_ROWS.items():
        bare = _NUMBERING.sub("", label_key(label))
        if len(bare) > 3:
            index.setdefault(bare, key)
    return index


T3_ROW_INDEX = _row_index()
T3_GROUP_INDEX = {label_key(label): key for key, label in T3_GROUPS.items()}
T2_ROW_INDEX = {label_key(label): key for key, (label, _b, _c) in T2_ROWS.items()}
T2_ROW_INDEX.update({label_key(k): v for k, v in T2_LABEL_ALIASES.items()})
T2V19_ROW_INDEX = {label_key(label): key for key, (label, _b, _c) in T2V19_ROWS.items()}
T2V19_ROW_INDEX[label_key("行政规范性文件")] = "normative_documents"
T2_LABELS = set(T2_ROW_INDEX) | set(T2V19_ROW_INDEX)   # what the lexer calls a table-二 row label


def column_label(table: str, column: str) -> str:
    """Human label of a column key, for messages."""
    if table == "t3":
        return T3_COLUMNS.get(column, column)
    if table == "t4":
        return T4_FIELDS.get(column, column)
    if table == "t2v19":
        return T2V19_COLUMNS.get(column, column)
    return T2_COLUMNS.get(column, column)


_T3_GROUP_OF = {"denied_": "不予公开", "unable_": "无法提供", "not_processed_": "不予处理", "other_": "其他处理"}


@lru_cache(maxsize=1024)
def row_label(table: str, row: str) -> str:
    """Human label of a row (or block) key, for messages: 不予公开·1.属于国家秘密. Remembered:
    every finding and cell name asks, and the labels are the format's own."""
    if table == "t3":
        label = T3_ROWS.get(row) or T3_GROUPS.get(row, row)
        label = re.sub(r"（区分处理的.*$", "", label)
        for prefix, group in _T3_GROUP_OF.items():
            if row.startswith(prefix) and row in T3_ROWS:
                return f"{group}·{label}"
        return label
    if table == "t4":
        return T4_BLOCKS.get(row, row)
    if table == "t2v19":
        return T2V19_ROWS[row][0] if row in T2V19_ROWS else row
    return T2_ROWS[row][0] if row in T2_ROWS else row


# --- tolerant matching of table-三 row labels ----------------------------------------------

_T3_FULL = {label_key(label): key for key, label in T3_ROWS.items()}
_NUMBER_STYLE = re.compile(r"^\(?(\d{1,2})(?:\)[.,]?|[.,])")
_LABEL_LIKE = re.compile(r"^(\d{1,2}[.,]|\([一二三四五六七八九十]\)|[一二三四],)")


@lru_cache(maxsize=4096)
def match_t3_row(text: str) -> tuple[str, float, bool] | None:
    """(row key, confidence, guessed) for a table-三 row label, tolerating slips and abbreviation.

    Exact labels (ignoring spaces, bracket width, quotes) and labels without their list number
    are certain; a label cut short after its first words (（二）部分公开) is accepted as written;
    anything else is a guess by similarity, which the parser reports so a person can confirm it.
    """
    key = _NUMBER_STYLE.sub(r"\1.", label_key(text))   # 1、 (1) 1． all read as 1.
    if key in T3_ROW_INDEX:
        return T3_ROW_INDEX[key], 1.0, False
    bare = _NUMBERING.sub("", key)
    if len(bare) > 3 and bare in T3_ROW_INDEX:
        return T3_ROW_INDEX[bare], 1.0, False
    if not _LABEL_LIKE.match(key) or len(key) > 60:
        return None
    prefixed = [row for full, row in _T3_FULL.items() if len(key) >= 5 and full.startswith(key)]
    if len(prefixed) == 1:
        return prefixed[0], 0.95, False
    from difflib import SequenceMatcher  # only for a label no exact or prefix look-up finds

    matchers = [(SequenceMatcher(None, key, full), row) for full, row in _T3_FULL.items()]
    if all(m.real_quick_ratio() < 0.8 or m.quick_ratio() < 0.8 for m, _row in matchers):
        return None     # the quick ratios bound the ratio from above: no label is close enough
    scores = sorted(((m.ratio(), row) for m, row in matchers), reverse=True)
    (best, row), (second, _) = scores[0], scores[1]
    if best >= 0.8 and best - second >= 0.08:
        return row, round(best, 2), True
    return None

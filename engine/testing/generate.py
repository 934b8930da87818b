"""Write synthetic annual reports: valid ones in each text layout, or with chosen defects.

Tests, examples and benchmarks all use this, so gixlint is checked on reports we wrote
ourselves. Every value's line is recorded, so a test can ask "was line N named?".

    spec = random_spec(random.Random(7))
    spec.t3["granted"][6] = "99"                  # a defect: a total that no longer balances
    doc = render(spec, layout="blank-lines")
    doc.text, doc.lines["t3.granted.total"]
"""

from __future__ import annotations

import random

from gixlint.testing.spec import (
    Document,
    ReportSpec,
    matter_paragraphs,
    overview_paragraphs,
    problem_paragraphs,
)
from gixlint.vocab import labels as L

LAYOUTS = ("word-tabs", "blank-lines", "rows", "markdown", "tsv")
ONE_CELL_LAYOUTS = ("word-tabs", "blank-lines")
T3_KEYS = list(L.T3_ROWS)
_GROUP_BEFORE = {"granted": "三、本年度办理结果", "denied_state_secret": "（三）不予公开",
                 "unable_not_held": "（四）无法提供", "not_processed_petition": "（五）不予处理",
                 "other_no_correction": "（六）其他处理"}


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    cuts = sorted(rng.randint(0, total) for _ in range(parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total])]


def random_spec(rng: random.Random | None = None, busy: bool = True) -> ReportSpec:
    """A report whose every table balances (``busy`` spreads non-zero counts over many cells), with
    its own wording of sections 一 and 五."""
    rng = rng or random.Random(0)
    spec = ReportSpec()
    spec.t2 = {
        "regulations": [0, 0, 0],
        "normative_documents": [rng.randint(0, 5), rng.randint(0, 5), rng.randint(5, 40)],
        "licensing": [rng.randint(0, 300)],
        "penalty": [rng.randint(0, 120)],
        "enforcement": [rng.randint(0, 20)],
        "fee_amount": [rng.choice(["0", "0.35", "12.6"])],
    }
    applicants = L.T3_APPLICANTS
    leaves = {k: [0] * 6 for k in L.T3_LEAVES}
    carried_forward = [0] * 6
    carried_over = [0] * 6
    new = [0] * 6
    for c in range(6):
        if not busy and c > 1:
            continue
        handled = rng.randint(0, 60 if c == 0 else 8)
        for leaf, n in zip(L.T3_LEAVES, _split(rng, handled, len(L.T3_LEAVES))):
            leaves[leaf][c] = n if busy else (handled if leaf == "granted" else 0)
        carried_forward[c] = rng.randint(0, 3)
        carried_over[c] = rng.randint(0, min(3, handled + carried_forward[c]))
        new[c] = handled + carried_forward[c] - carried_over[c]
    total_row = [sum(leaves[k][c] for k in L.T3_LEAVES) for c in range(len(applicants))]

    def with_total(values: list[int]) -> list[int]:
        return [*values, sum(values)]

    spec.t3 = {"new_received": with_total(new), "carried_over": with_total(carried_over)}
    spec.t3.update({k: with_total(v) for k, v in leaves.items()})
    spec.t3["total"] = with_total(total_row)
    spec.t3["carried_forward"] = with_total(carried_forward)
    spec.t4 = []
    for _block in L.T4_BLOCKS:
        parts = [rng.randint(0, 2) for _ in L.T4_PARTS]
        spec.t4.extend([*parts, sum(parts)])
    random_narrative(spec, rng)     # drawn last: the numbers of a seed stay what they were
    return spec


# Narrative building blocks. random_spec draws an overview and a section 五 from them, so two
# generated reports read differently (as two agencies' reports do) and the copied-narrative checks
# stay quiet on a folder of them. No sentence holds a number the narrative rules would compare.
_TOPICS = {
    "（一）主动公开情况。": [
        "通过门户网站及时发布机构职能、政策文件、行政执法和财政预决算等信息。",
        "重要政策文件均同步发布解读材料，解读形式包括图文、问答和视频。",
        "围绕优化营商环境、乡村振兴等重点领域，集中发布惠企惠民政策。",
        "对涉及群众切身利益的事项，在出台前通过网站公开征求意见。",
        "财政预决算、“三公”经费等信息按时在统一平台公开。",
        "行政许可、行政处罚结果在作出决定后七个工作日内上网公示。",
    ],
    "（二）依申请公开情况。": [
        "严格按照法定时限和程序办理政府信息公开申请，规范答复文书。",
        "申请受理、登记、审核、答复各环节全程留痕，做到件件有回音。",
        "对申请内容不明确的，一次性告知补正事项，帮助申请人准确表达诉求。",
        "加强与法律顾问的沟通，疑难申请在答复前进行合法性审查。",
        "畅通当面、信函和网络等申请渠道，为申请人提供便利。",
    ],
    "（三）政府信息管理情况。": [
        "定期梳理本机关制发的规范性文件，及时清理失效文件并标注效力。",
        "动态更新政府信息公开目录和公开指南，确保内容准确。",
        "落实公开属性源头认定制度，公文在拟制时即明确公开方式。",
        "严格执行信息发布保密审查，未发生泄密事件。",
        "建立政策文件库，实现现行有效文件集中展示和检索。",
    ],
    "（四）平台建设情况。": [
        "持续优化政府信息公开专栏栏目设置，做好内容保障。",
        "加强政务新媒体管理，做到与门户网站信息同步发布。",
        "完善网站无障碍和适老化功能，方便老年人和残障人士浏览。",
        "依托政务服务大厅设置政府信息公开查阅点，提供线下查阅服务。",
        "开展网站常态化监测，及时修正错链、空白栏目等问题。",
    ],
    "（五）监督保障情况。": [
        "将政务公开纳入年度工作考核，压实各科室公开责任。",
        "开展自查自纠，对发现的问题建立台账，限期整改。",
        "组织全体干部参加政务公开业务培训，提升工作能力。",
        "主动接受社会监督，认真办理网民留言和意见建议。",
        "本年度未发生因政府信息公开工作引起的责任追究情况。",
    ],
}
_OPENINGS = [
    "本机关认真贯彻《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，现将本年度工作情况报告如下。",
    "本机关在上级部门的指导下，围绕中心工作推进决策、执行、管理、服务、结果公开，各项工作取得新进展。",
    "本机关把政务公开作为建设法治政府的重要抓手，进一步提升公开的质量和实效。",
    "本机关紧扣群众关切，健全公开制度，拓宽公开渠道，政府信息公开工作稳步推进。",
]
_PROBLEMS = [
    "政务公开专职人员较少，业务能力有待提升。",
    "政策解读的形式还不够丰富，图表和视频解读数量偏少。",
    "部分栏目信息更新不够及时，公开内容的系统性有待加强。",
    "与公众的互动回应还不够充分，意见征集的反馈不够及时。",
    "基层公开标准目录的细化落实还有差距。",
    "依申请公开答复文书的规范性还需提高。",
    "公开属性认定的标准把握还不够统一。",
    "政务新媒体的内容更新频率不高，影响力有限。",
    "重点领域信息公开的深度和广度还需拓展。",
]
_FIXES = [
    "下一步将加强业务培训，建立常态化学习机制。",
    "将丰富图表、视频等解读形式，提升政策解读的可读性。",
    "将完善信息发布审核流程，明确栏目更新责任和时限。",
    "将健全意见征集反馈机制，及时公开采纳情况。",
    "将对照标准目录逐项完善，推进基层政务公开标准化规范化。",
    "将统一答复文书模板，邀请法律顾问参与审核。",
    "将细化公开属性认定指引，组织专题培训。",
    "将加强政务新媒体运维，提高发布频次和质量。",
    "将聚焦重点领域，持续扩大公开范围。",
]


# … and the agency's own particulars: real reports name their own work, so two agencies' texts
# share boilerplate but never most of their words
_WHEN = ["一季度", "上半年", "汛期前", "年中", "三季度", "年底前", "春节前", "开学前", "全年", "第四季度"]
_DID = ["集中发布了", "梳理更新了", "专题解读了", "组织公开了", "优化调整了", "及时公开了", "逐项核对了", "上线运行了"]
_WHAT = ["城乡供水工程进展", "中小学招生政策", "医保报销流程", "农村道路建设计划", "老旧小区改造名单",
         "企业减税降费措施", "河道整治方案", "社区养老服务清单", "就业补贴申领办法", "地质灾害防治预案",
         "校外培训监管情况", "农产品质量抽检结果", "公共文化设施开放时间", "住房公积金缴存政策", "生猪稳产保供措施"]


def _particular(rng: random.Random) -> str:
    return f"{rng.choice(_WHEN)}{rng.choice(_DID)}{rng.choice(_WHAT)}和{rng.choice(_WHAT)}。"


def random_narrative(spec: ReportSpec, rng: random.Random) -> None:
    """Give ``spec`` an overview (一) and problems (五) drawn from the pools above."""
    spec.overview = [f"{spec.year}年，{rng.choice(_OPENINGS)}"]
    for topic, sentences in _TOPICS.items():
        spec.overview.append(topic + "".join(rng.sample(sentences, 2)) + _particular(rng))
    spec.problems = ["（一）存在的主要问题。" + "".join(rng.sample(_PROBLEMS, 3)),
                     "（二）改进情况。" + "".join(rng.sample(_FIXES, 3))]


def render(spec: ReportSpec, layout: str = "word-tabs") -> Document:
    """The report as text in one of :data:`LAYOUTS`."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; choose from {LAYOUTS}")
    if layout not in ONE_CELL_LAYOUTS:
        from gixlint.testing.grid import render_grid

        return render_grid(spec, layout)
    out: list[str] = []
    lines: dict[str, int] = {}
    tabs = layout == "word-tabs"

    def para(text: str, key: str | None = None) -> None:
        out.append(text)
        if key:
            lines[key] = len(out)
        if not tabs:
            out.append("")

    def cell(text, key: str | None = None) -> None:
        out.append(("\t" if tabs else "") + str(text))
        if key:
            lines[key] = len(out)
        if not tabs:
            out.append("")

    def row_break() -> None:
        if tabs:
            out.append("")

    def heading(number: int) -> bool:
        if number in spec.omit_sections:
            return False
        if number in spec.drop_headings:
            return True
        text = spec.headings.get(number, f"{L.NUMERALS[number - 1]}、{L.SECTION_TITLES[number]}")
        para(text, f"sec.{number}")
        return True

    para(f"{spec.agency}{spec.year}年政府信息公开工作年度报告", "title")
    if spec.published:
        para(f"来源:{spec.agency} 发布时间:{spec.published} 字体:[ 大 中 小 ]", "published")
    if spec.period is not None:
        period = spec.period or f"{spec.year}年1月1日至{spec.year}年12月31日"
        para(f"本报告根据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限为{period}。", "period")

    if heading(1):
        for text in overview_paragraphs(spec):
            para(text)

    if heading(2):
        blocks = (("一", ["regulations", "normative_documents"], ["本年制发件数", "本年废止件数", "现行有效件数"]),
                  ("五", ["licensing"], ["本年处理决定数量"]),
                  ("六", ["penalty", "enforcement"], ["本年处理决定数量"]),
                  ("八", ["fee_amount"], ["本年收费金额（单位：万元）"]))
        for numeral, rows, headers in blocks:
            cell(f"第二十条第（{numeral}）项")
            row_break()
            for h in ["信息内容", *headers]:
                cell(h)
            row_break()
            for key in rows:
                if key not in spec.t2:
                    continue
                cell(L.T2_ROWS[key][0])
                columns = L.T2_ROWS[key][2]
                for col, value in zip(columns, spec.t2[key]):
                    cell(value, f"t2.{key}.{col}" if len(columns) > 1 else f"t2.{key}")
                row_break()

    if heading(3):
        cell(L.T3_NOTE)
        cell("申请人情况")
        row_break()
        for h in ("自然人", "法人或其他组织", "总计"):
            cell(h)
        row_break()
        for key in L.T3_APPLICANTS[1:]:
            cell(L.T3_COLUMNS[key])
        row_break()
        for key in T3_KEYS:
            if key in _GROUP_BEFORE:
                cell(_GROUP_BEFORE[key])
            elif tabs and key not in ("new_received", "carried_over", "carried_forward", "total"):
                cell("")  # the merged group column, empty in rows after the first
            if key not in spec.t3:
                continue
            cell(L.T3_ROWS[key], f"t3.{key}")
            columns = list(L.T3_COLUMNS)
            for i, value in enumerate(spec.t3[key]):
                cell(value, f"t3.{key}.{columns[i] if i < len(columns) else f'extra{i}'}")
            row_break()

    if heading(4):
        for h in ("行政复议", "行政诉讼"):
            cell(h)
        row_break()
        for h in (*L.T4_FIELDS.values(), "未经复议直接起诉", "复议后起诉"):
            cell(h)
        row_break()
        for _ in range(2):
            for h in L.T4_FIELDS.values():
                cell(h)
        row_break()
        for i, value in enumerate(spec.t4):
            block = list(L.T4_BLOCKS)[i // 5] if i < 15 else "extra"
            field_ = list(L.T4_FIELDS)[i % 5]
            cell(value, f"t4.{block}.{field_}")
        row_break()

    if heading(5):
        for text in problem_paragraphs(spec):
            para(text)

    if heading(6):
        for text in matter_paragraphs(spec):
            para(text, "fee")

    if spec.signoff is not None:
        para(spec.agency, "agency")
        para(spec.signoff or f"{spec.year + 1}年1月20日", "signoff")
    return Document("\n".join(out) + "\n", lines)


def spec_cells(spec: ReportSpec) -> dict[str, tuple]:
    """Every table cell a spec writes, keyed like ``t3.granted.total``, as (kind, value) gixlint should read."""
    from gixlint.vocab.values import parse_cell

    out = {}
    for key, values in spec.t2.items():
        for col, v in zip(L.T2_ROWS[key][2], values):
            out[f"t2.{key}.{col}"] = v
    for key, values in spec.t3.items():
        for col, v in zip(L.T3_COLUMNS, values):
            out[f"t3.{key}.{col}"] = v
    for i, v in enumerate(spec.t4[:15]):
        out[f"t4.{list(L.T4_BLOCKS)[i // 5]}.{list(L.T4_FIELDS)[i % 5]}"] = v
    return {k: (parse_cell(str(v), 0).kind, parse_cell(str(v), 0).value) for k, v in out.items()}


def report_cells(report) -> dict[str, tuple]:
    """The same view of a parsed report: ``t3.granted.total`` → (kind, value)."""
    return {f"{t}.{r}.{c}": (cell.kind, cell.value) for t, table in report.tables.items()
            for r, row in table.rows.items() for c, cell in row.cells.items()}

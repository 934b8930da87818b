"""What a generated report says (:class:`ReportSpec`), the text written for it (:class:`Document`)
and the default wording of its sections 一, 五 and 六, shared by every writer of :mod:`gixlint.testing`."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ReportSpec:
    """Everything a generated report says. Values are written as given (str or int)."""

    agency: str = "示例市示例区生态环境局"
    year: int = 2024
    t2: dict[str, list] = field(default_factory=dict)
    t3: dict[str, list] = field(default_factory=dict)
    t4: list = field(default_factory=list)
    headings: dict[int, str] = field(default_factory=dict)   # section number → heading line
    omit_sections: set[int] = field(default_factory=set)    # heading and content left out
    drop_headings: set[int] = field(default_factory=set)    # content kept, heading line left out
    overview: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    other_matters: list[str] = field(default_factory=list)
    period: str | None = ""          # "" = the correct full-year period; None = no statement
    signoff: str | None = ""         # "" = 1月20日 of the next year; None = no sign-off
    published: str | None = None     # e.g. "2025-01-17": a portal line under the title


@dataclass
class Document:
    text: str
    lines: dict[str, int]            # cell key (t3.granted.total) or sec.N / fee → 1-based line


def overview_paragraphs(spec: ReportSpec) -> list[str]:
    return spec.overview or [
        f"{spec.year}年，本机关认真落实政府信息公开条例，坚持以公开为常态、不公开为例外，围绕中心工作做好主动公开、"
        "依申请公开和政府信息管理，现将本年度工作情况报告如下。",
        "（一）主动公开情况。本年度通过门户网站及时发布机构职能、政策文件、行政执法和财政预决算等信息，"
        "重要政策文件均同步发布解读材料。",
        "（二）依申请公开情况。严格按照法定时限和程序办理政府信息公开申请，规范答复文书，做到件件有回音。",
        "（三）政府信息管理情况。定期梳理本机关制发的规范性文件，动态更新政府信息公开目录和公开指南。",
        "（四）平台建设情况。持续优化政府信息公开专栏栏目设置，做好网站与政务新媒体的内容保障。",
        "（五）监督保障情况。将政务公开纳入年度工作考核，开展自查自纠，本年度未发生责任追究情况。",
    ]


def matter_paragraphs(spec: ReportSpec) -> list[str]:
    return spec.other_matters or [f"{spec.year}年，本机关未收取因依申请公开政府信息产生的信息处理费。"]


def problem_paragraphs(spec: ReportSpec) -> list[str]:
    return spec.problems or [
        "（一）存在的主要问题。政务公开专职人员较少，政策解读的形式还不够丰富。",
        "（二）改进情况。下一步将加强业务培训，丰富图表和视频解读，提升公开质量。",
    ]

"""A generated region for supervisors' checks at scale: many agencies, several years each.

Consecutive years of one agency chain as real ones do (上年结转 is last year's 结转下年度, the
documents in force carry over, counts drift rather than jump), every report shares the stock
phrases real reports of a region share, and each agency writes its own particulars. A few
defects are planted — another agency's 总体情况 copied with the name changed, last year's 五
reused word for word, a broken carry-over, a broken stock of documents — and :attr:`Region.planted`
says which cross-report finding each should give, so a benchmark can check that all are found
and nothing else is.

    region = make_region(agencies=300, years=(2022, 2023, 2024), seed=1)
    region.write(folder)        # 900 .txt files
    region.planted              # {("GIX910", "0007-2024.txt"), …}
"""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass, field
from pathlib import Path

from gixlint.testing.generate import LAYOUTS, random_spec, render
from gixlint.testing.spec import ReportSpec
from gixlint.vocab import labels as L

# the stock phrases every report of the region repeats, as real ones do
STOCK = ("坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大精神，认真贯彻落实《中华人民共和国政府信息公开条例》"
         "和上级关于政务公开工作的决策部署，坚持以公开为常态、不公开为例外，持续推进决策、执行、管理、服务、结果公开。")
_DOMAINS = ["教育", "水利", "交通运输", "生态环境", "卫生健康", "自然资源", "住房和城乡建设", "农业农村", "市场监督管理",
            "民政", "人力资源和社会保障", "文化和旅游", "应急管理", "财政", "审计", "统计", "医疗保障", "退役军人事务"]
_WHEN = ["一季度", "上半年", "汛期前", "年中", "三季度", "年底前", "春节前", "开学前", "全年", "第四季度", "五月", "九月"]
_DID = ["集中发布了", "梳理更新了", "专题解读了", "组织公开了", "优化调整了", "及时公开了", "逐项核对了", "上线运行了",
        "编制印发了", "全面清理了", "动态调整了", "分批公示了"]
_WHAT = ["城乡供水工程进展", "中小学招生政策", "医保报销流程", "农村道路建设计划", "老旧小区改造名单", "企业减税降费措施",
         "河道整治方案", "社区养老服务清单", "就业补贴申领办法", "地质灾害防治预案", "校外培训监管情况", "农产品质量抽检结果",
         "公共文化设施开放时间", "住房公积金缴存政策", "生猪稳产保供措施", "高标准农田建设项目", "燃气安全排查结果",
         "义务教育学位分布", "保障性住房分配结果", "重点项目招标信息", "防汛抗旱责任人名单", "低保对象审核结果"]
_WHERE = ["门户网站专栏", "政务新媒体", "政务服务大厅查阅点", "村（社区）公开栏", "新闻发布会", "政策解读专栏"]


@dataclass
class Region:
    files: dict[str, str] = field(default_factory=dict)      # file name → report text
    planted: set[tuple[str, str]] = field(default_factory=set)   # (rule, file) each planted defect gives

    def write(self, folder: Path) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for name, text in self.files.items():
            path = folder / name
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        return paths


def _particulars(rng: random.Random, count: int) -> str:
    return "".join(f"{rng.choice(_WHEN)}通过{rng.choice(_WHERE)}{rng.choice(_DID)}{rng.choice(_WHAT)}"
                   f"和{rng.choice(_WHAT)}，共{rng.randint(3, 60)}项。" for _ in range(count))


def _narrative(spec: ReportSpec, rng: random.Random) -> None:
    """Sections 一 and 五: the stock phrases, a few pooled sentences, and the agency's own work."""
    base = random_spec(rng)          # its pooled sentences
    spec.overview = [f"{spec.year}年，{spec.agency}{STOCK}", *(p + _particulars(rng, 2) for p in base.overview[1:])]
    spec.problems = [base.problems[0] + f"对照{rng.choice(_WHAT)}等重点领域，" + _particulars(rng, 1),
                     base.problems[1] + "下一步，" + _particulars(rng, 2)]


def _next_year(prev: ReportSpec, rng: random.Random) -> ReportSpec:
    """The same agency a year later: counts drift (never five-fold, which GIX907 would rightly
    question), the carried-over and in-force figures chain."""
    for _ in range(50):
        spec = _drifted(prev, rng)
        if not _jumped(prev, spec):
            return spec
    raise AssertionError("no drift without a jump")


def _jumped(prev: ReportSpec, spec: ReportSpec) -> bool:
    pairs = [(prev.t3["new_received"][6], spec.t3["new_received"][6]),
             (prev.t2["licensing"][0], spec.t2["licensing"][0]), (prev.t2["penalty"][0], spec.t2["penalty"][0])]
    return any(min(a, b) >= 10 and max(a, b) > 4 * min(a, b) for a, b in pairs)


def _drifted(prev: ReportSpec, rng: random.Random) -> ReportSpec:
    spec = copy.deepcopy(prev)
    spec.year = prev.year + 1
    spec.signoff = f"{spec.year + 1}年1月{rng.randint(10, 28)}日"
    for key in ("licensing", "penalty", "enforcement"):
        spec.t2[key] = [max(0, round(prev.t2[key][0] * rng.uniform(0.8, 1.25)))]
    made, repealed = rng.randint(0, 5), rng.randint(0, 3)
    in_force = max(prev.t2["normative_documents"][2] + made - repealed, 0)
    spec.t2["normative_documents"] = [made, prev.t2["normative_documents"][2] + made - in_force, in_force]
    leaves = {k: [max(0, v + rng.randint(-1, 1)) for v in prev.t3[k][:6]] for k in L.T3_LEAVES}
    handled = [sum(leaves[k][c] for k in L.T3_LEAVES) for c in range(6)]
    over = list(prev.t3["carried_forward"][:6])
    forward = [rng.randint(0, 2) for _ in range(6)]
    new = [h + f - o for h, f, o in zip(handled, forward, over)]
    forward = [f - min(n, 0) for f, n in zip(forward, new)]      # never a negative count
    new = [max(n, 0) for n in new]

    def with_total(values: list[int]) -> list[int]:
        return [*values, sum(values)]

    spec.t3 = {"new_received": with_total(new), "carried_over": with_total(over)}
    spec.t3.update({k: with_total(v) for k, v in leaves.items()})
    spec.t3["total"] = with_total(handled)
    spec.t3["carried_forward"] = with_total(forward)
    _narrative(spec, rng)
    return spec


def make_region(agencies: int = 300, years: tuple[int, ...] = (2022, 2023, 2024), seed: int = 1,
                plant_every: int = 50) -> Region:
    """``agencies`` × ``years`` reports in the text layouts; one agency in ``plant_every`` gets
    each planted defect in the last year (0: none)."""
    rng = random.Random(seed)
    region = Region()
    last = years[-1]
    specs: dict[int, list[ReportSpec]] = {}
    for a in range(agencies):
        spec = random_spec(random.Random(rng.randrange(1 << 30)))
        spec.agency = f"示例市第{a + 1}区{rng.choice(_DOMAINS)}局"
        spec.year = years[0]
        spec.signoff = f"{spec.year + 1}年1月{rng.randint(10, 28)}日"
        spec.t2["fee_amount"] = ["0"]
        _narrative(spec, rng)
        chain = [spec]
        for _ in years[1:]:
            chain.append(_next_year(chain[-1], rng))
        specs[a] = chain
    planted = {}
    if plant_every:
        for a in range(0, agencies, plant_every):
            kind = (a // plant_every) % 4
            now, before = specs[a][-1], specs[a][-2]
            if kind == 0 and a + 1 < agencies:           # took the next agency's 总体情况, name changed
                other = specs[a + 1][-1]
                now.overview = [p.replace(other.agency, now.agency) for p in other.overview]
                planted[a] = "GIX910"
                planted[a + 1] = "GIX910"
            elif kind == 1:                              # last year's 五 again, word for word
                now.problems = list(before.problems)
                planted[a] = "GIX909"
            elif kind == 2:                              # 上年结转 not last year's 结转下年度
                t3 = now.t3
                t3["carried_over"][0] += 1
                t3["carried_over"][6] += 1
                side = "new_received" if t3["new_received"][0] else "carried_forward"
                t3[side][0] += -1 if side == "new_received" else 1     # the table still balances
                t3[side][6] += -1 if side == "new_received" else 1
                planted[a] = "GIX901"
            else:                                        # the stock of documents does not carry over
                now.t2["normative_documents"][2] += 3
                planted[a] = "GIX902"
    for a, chain in specs.items():
        for spec in chain:
            name = f"{a:05d}-{spec.year}.txt"
            region.files[name] = render(spec, LAYOUTS[(a + spec.year) % len(LAYOUTS)]).text
            if spec.year == last and a in planted:
                region.planted.add((planted[a], name))
    return region

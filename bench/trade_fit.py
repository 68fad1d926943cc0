"""How often a pack holds a tool made for another trade than the client's (issue 11, s20 brief item 3).

    python bench/trade_fit.py            # every business x need of the grid below, through the offline advisor
    python bench/trade_fit.py --fields /work/wt/tools/knowledge/catalogue   # an older checkout, today's fit fields

A pack line contradicts the client's trade when the tool lists GB/T sections (`industries`) that exclude the
client's and the need names nothing the tool works on (`works_on`, read from the catalogue file, so the same script
measures code that predates the field). The grid crosses businesses of twelve sections with needs whose words other
trades' tools share (备货, 温度, 客流, 预约…): the places where a tool listed for one trade used to reach another.
Prints the rate and each contradicting line as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.container import Container
from app.services.readiness import ensure_ready
from app.settings import PROJECT_ROOT, Settings
from app.text.normalize import normalize

# (the business as an owner introduces it, its GB/T section)
BUSINESSES = [
    ("佛山一家做速冻食品的工厂，80人", "C"),
    ("绍兴一家纺织厂，120人", "C"),
    ("寿光一个蔬菜大棚种植基地，20人", "A"),
    ("湖南一个养猪场，40人", "A"),
    ("郑州一家冷链运输公司，35辆车", "G"),
    ("成都一家社区小超市，8个人", "F"),
    ("义乌一家五金批发公司，15人", "F"),
    ("杭州一家餐厅，20人", "H"),
    ("丽江一家民宿，10间房，6个员工", "H"),
    ("杭州一家做客服SaaS的软件公司，40人", "I"),
    ("杭州一家社区诊所，5个医生", "Q"),
    ("苏州一家少儿英语培训机构，12个老师", "P"),
    ("长沙一家美发店，6个人", "O"),
    ("合肥一家建筑施工公司，200人", "E"),
    ("上海一家律师事务所，20人", "L"),
]
NEEDS = [
    "想用AI预测备货，少压库存",
    "想用AI做温度异常报警",
    "想用AI做质检，挑出次品",
    "客户消息太多回不过来",
    "想用AI自动排班",
    "想用AI预测客流",
    "想用AI写营销文案",
    "设备老坏，想提前预警",
    "想用AI省电费",
    "单据录入太慢",
    "想用AI接预约电话",
    "浇水施肥全靠人工",
    "想用AI回复差评",
]


def _fit_fields(catalogue: Path) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for path in sorted(catalogue.glob("solutions*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["solutions"]:
            out[entry["id"]] = entry
    return out


def contradicts(entry: dict, section: str, need: str) -> bool:
    """The tool is listed for other sections than the client's and the need names nothing it works on."""
    listed = entry.get("industries") or []
    if not listed or section in listed:
        return False
    said = normalize(need)
    return not any(normalize(word) in said for word in entry.get("works_on") or [])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fields", type=Path, default=PROJECT_ROOT / "knowledge" / "catalogue")
    args = parser.parse_args()
    container = Container(Settings())
    problem = ensure_ready(container.ingest)
    if problem is not None:
        raise SystemExit(str(problem))
    advisor = container.advisor
    fields = _fit_fields(args.fields)
    lines = bad = 0
    found = []
    started = time.perf_counter()
    for business, section in BUSINESSES:
        for need in NEEDS:
            ids = [s.id for s in advisor.ask(f"我们是{business}，{need}").solutions]
            lines += len(ids)
            for sid in ids:
                if contradicts(fields[sid], section, need):
                    bad += 1
                    found.append({"business": business, "need": need, "tool": sid})
    report = {
        "asks": len(BUSINESSES) * len(NEEDS),
        "pack_lines": lines,
        "contradicting": bad,
        "rate": round(bad / lines, 4) if lines else 0.0,
        "seconds": round(time.perf_counter() - started, 1),
        "lines": found,
    }
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()

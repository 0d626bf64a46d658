#!/usr/bin/env python3
"""Writes N synthetic wenshu projects for benchmarks.

usage: python3 bench/generate.py N DIR [--seed S]

Each project is realistic rather than a copy: a district, a name and a
budget of its own, 20 to 60 indicators with targets and year-end actuals,
and long report narratives, so every project builds its 申报表, 绩效评价报告
and 绩效自评表. The same N and seed always give the same files.
"""
import random, sys
from pathlib import Path

DISTRICTS = ["盐田区", "福田区", "南山区", "罗湖区", "宝安区", "龙岗区", "黄埔区", "天河区", "越秀区", "海珠区",
             "番禺区", "顺德区", "湖里区", "思明区", "集美区", "香洲区", "禅城区", "南海区", "石岐区", "东区"]
STREETS = ["沙头角", "海山", "梅沙", "文冲", "金山", "杏坛", "大良", "容桂", "莲花", "翠竹", "华富", "园岭", "南园", "新安"]
SERVICES = ["阳光家庭", "长者关爱", "青少年成长", "妇女维权", "社区融合", "困境儿童", "家庭综合", "残障支援", "五社联动", "志愿服务"]
TASKS = ["电访", "探访", "个案接案", "个案结案", "个案服务", "专业小组", "小组节数", "社区活动", "社区讲座", "入户走访",
         "政策宣传", "志愿者培训", "督导", "家长课堂", "亲子活动", "长者探访", "义诊服务", "法律咨询", "心理辅导", "联席会议",
         "社区调研", "资源链接", "社团培育", "骨干培训", "节日活动", "读书会", "兴趣班", "课业辅导", "危机干预", "转介服务"]
UNITS = ["个", "次", "场", "节", "人次", "户", "份"]
SENTENCES = [
    "项目立足社区实际，坚持需求导向，整合街道、社区、社会组织和志愿者等多方资源",
    "社工通过走访调研、个案跟进和小组活动等方式，系统回应居民在家庭关系、就业和心理健康方面的需求",
    "服务过程中注重过程记录和成效评估，每季度召开联席会议，及时调整服务计划",
    "项目团队由持证社工组成，定期接受督导，专业能力和服务质量稳步提升",
    "居民对服务的知晓率和参与度明显提高，形成了一批可复制、可推广的服务经验",
    "受场地和人员变动影响，部分服务进度一度滞后，项目组通过调整排期予以弥补",
]


def paragraph(rng, sentences=5):
    return "，".join(rng.choice(SENTENCES) for _ in range(sentences)) + "。"


def money(fen):
    return f"{fen // 100}.{fen % 100:02d}元"


def project(i, rng):
    district, street, service = rng.choice(DISTRICTS), rng.choice(STREETS), rng.choice(SERVICES)
    year = rng.choice([2021, 2022, 2023, 2024])
    name = f"{street}{service}服务项目（{i:03d}）"
    grades = sorted(rng.sample(range(2, 9), rng.randint(2, 3)))
    staff = [(g, rng.randint(1, 3), rng.randint(9, 22) * 10_000_00) for g in grades]  # per person in 分
    running = rng.randint(10, 60) * 1_000_00
    total = sum(c * p for _, c, p in staff) + running
    spent = total - rng.randint(0, total // 20 // 100) * 100
    lines = [
        "version: 1",
        f"year: {year}",
        f"name: {name}",
        f"filing_unit: {district}妇联",
        f"department: {district}妇联",
        f"implementer: {district}{street}社会工作服务中心",
        "funding:",
        f"  total: {money(total)}",
        f"  fiscal: {money(total)}",
        "application:",
        f"  attribute: {rng.choice(['新增', '延续性'])}",
        "  period: 1年",
        "  category: 常规性项目",
        f"  key_project: {rng.choice(['true', 'false'])}",
        f"  contact: {rng.choice('王李张刘陈杨黄赵吴周')}{rng.choice(['敏', '静', '丽', '强', '伟', '芳', '军'])}",
        "  phones:",
        f"    - 0755{rng.randint(1000000, 9999999)}",
        "  budget:",
        "    staff:",
    ]
    for g, c, p in staff:
        lines += [f"      - grade: {g}", f"        count: {c}", f"        per_person: {money(p)}"]
    lines += [
        "    costs:",
        "      - item: 运营经费",
        f"        amount: {money(running)}",
        "    schedule:",
        "      - { quarter: 1, share: 40% }",
        "      - { quarter: 2, share: 20% }",
        "      - { quarter: 3, share: 20% }",
        "      - { quarter: 4, share: 20% }",
        "  rationale:",
        f"    basis: {paragraph(rng, 6)}",
        f"    necessity: {paragraph(rng, 8)}",
        f"    feasibility: {paragraph(rng, 6)}",
        "  long_term_goals:",
    ]
    lines += [f"    - {paragraph(rng, 2)}" for _ in range(4)]
    lines += ["  annual_goals:"] + [f"    - {paragraph(rng, 1)}" for _ in range(6)]
    lines += ["indicators:"]
    count = rng.randint(20, 60)
    outputs = count - 4
    lines += ["  - level1: 产出指标", "    groups:"]
    per_group = 6
    for g in range(0, outputs, per_group):
        lines += [f"      - level2: 服务{g // per_group + 1}", "        items:"]
        for k in range(g, min(g + per_group, outputs)):
            unit = rng.choice(UNITS)
            target = rng.randint(5, 500)
            actual = max(1, int(target * rng.uniform(0.7, 1.5)))
            lines += [f"          - indicator: {rng.choice(TASKS)}{k + 1}",
                      f"            target: {target}{unit}",
                      f"            actual: {actual}{unit}"]
            if actual < target:
                lines.append(f"            reason: {paragraph(rng, 1)}")
    lines += ["  - level1: 效益指标", "    groups:", "      - level2: 社会效益指标", "        items:"]
    for k in range(2):
        lines += [f"          - indicator: 服务对象问题改善率{k + 1}", "            target: ≥80%",
                  f"            actual: {rng.randint(80, 99)}%"]
    lines += ["  - level1: 满意度指标", "    groups:", "      - level2: 服务对象满意度指标", "        items:",
              "          - indicator: 服务对象满意度", "            target: ≥90%", f"            actual: {rng.randint(90, 99)}%",
              "          - indicator: 有效投诉", "            target: 0次", "            actual: 0次"]
    lines += [
        "evaluation:",
        "  spending:",
        "    source: 一般公共预算财政拨款",
        "    fiscal:",
        f"      initial: {money(total)}",
        f"      spent: {money(spent)}",
        "  overall:",
        f"    expected: {paragraph(rng, 3)}",
        f"    achieved: {paragraph(rng, 3)}",
        "  report:",
        f"    title: {year}年度{district}{name}绩效评价报告",
        "    performer: 项目",
    ]
    for key in ["background", "basis", "goal", "implementation", "purpose", "design", "method", "conclusion"]:
        lines.append(f"    {key}: {paragraph(rng, rng.randint(4, 10))}")
    lines += ["    method_items:"] + [f"      - {paragraph(rng, 2)}" for _ in range(4)]
    lines += ["    analysis:"] + [f"      - {paragraph(rng, 2)}" for _ in range(3)]
    for key in ["experiences", "problems", "suggestions"]:
        lines.append(f"    {key}:")
        for k in range(rng.randint(2, 4)):
            lines += [f"      - title: {rng.choice(SERVICES)}服务经验{k + 1}", f"        text: {paragraph(rng, rng.randint(3, 8))}"]
    return "\n".join(lines) + "\n"


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    n, out = int(argv[0]), Path(argv[1])
    seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 2026
    rng = random.Random(seed)
    for i in range(1, n + 1):
        folder = out / f"p{i:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "project.yaml").write_text(project(i, rng), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])

#!/usr/bin/env python3
"""Writes the bad-input corpus: one small project file per mistake.

usage: python3 tests/bad/make.py    (rewrites tests/bad/cases/)

Every case starts from BASE, a small valid project, and breaks one thing:
YAML syntax, types, required fields, unknown keys, money, percentages,
targets and actuals, encodings, limits, documents. The test binary runs
`wenshu build` on each file and snapshots the exit code and the message
(tests/wenshu/corpus.rs); no case may panic or write a PDF. A 10 MB text
field is made by the test itself rather than committed.
"""
import shutil
from pathlib import Path

BASE = """\
version: 1
year: 2024
name: 测试项目
department: 测试区妇联
implementer: 测试社工中心
funding:
  total: 20万元
  fiscal: 20万元
application:
  attribute: 新增
  period: 1年
  category: 常规性项目
  key_project: false
  contact: 张敏
  phones:
    - 07550000000
  budget:
    staff:
      - grade: 5
        count: 1
        amount: 18万元
    costs:
      - item: 运营经费
        amount: 2万元
    schedule:
      - quarter: 1
        share: 60%
      - quarter: 4
        share: 40%
  rationale:
    basis: 依据。
    necessity: 必要性。
    feasibility: 可行性。
  long_term_goals:
    - 长期目标。
  annual_goals:
    - 年度目标。
indicators:
  - level1: 产出指标
    groups:
      - level2: 数量指标
        items:
          - indicator: 个案
            target: 10个
            actual: 12个
          - indicator: 小组
            target: 4个
            actual: 4个
  - level1: 效益指标
    groups:
      - level2: 社会效益指标
        items:
          - indicator: 服务对象问题改善率
            target: ≥80%
            actual: 85%
  - level1: 满意度指标
    groups:
      - level2: 服务对象满意度指标
        items:
          - indicator: 满意度
            target: ≥90%
            actual: 95%
evaluation:
  spending:
    source: 一般公共预算财政拨款
    fiscal:
      initial: 20万元
      spent: 20万元
  overall:
    expected: 预期目标。
    achieved: 实际完成。
"""

# A 用户需求书 section appended to BASE by the cases on work hours.
REQUIREMENTS = """\
requirements:
  title: 测试项目用户需求书
  needs:
    - （一）配备社工2名。
  service_period: 2024年1月1日至12月31日
  beneficiaries: 社区居民。
  content:
    - 咨询服务。
  workload:
    - type: 专业性工作
      tasks:
        - { task: 咨询, unit: 人次, quantity: 100, hours_each: 2 }
  weekly_hours: 40
"""

# A 湖里区申报表 section and a 服务分项目标及指标 section, for their rules.
HULI = """\
huli_application:
  community: 金海社区
  applicant: 金海社区居委会
  project_year: 2
  project_type: 单项
  renewal: true
  reasons: 居民需要。
"""
SERVICE_PLAN = """\
service_plan:
  title: 社工服务分项目标及指标
"""

# A 采购需求 section with a team and its staffing rules (a small 荔湾-style
# requirement: 主任1名、社工2名、外聘督导至少1名), for the staffing cases.
PROCUREMENT = """\
procurement:
  title: 测试项目采购需求
  outline:
    - title: 人员配备要求
      insert: team
  team:
    - { member: 林晓, role: 主任, qualifications: [社会工作师], education: 本科, years: 6, full_time: true }
    - { member: 陈雅, role: 社工, qualifications: [助理社会工作师], education: 大专, years: 2, full_time: true }
    - { member: 黄婷, role: 社工, qualifications: [助理社会工作师], education: 社会工作专业本科, years: 1, full_time: true }
    - { member: 罗清, role: 外聘督导, education: 心理学硕士, years: 10, experience: { 禁毒: 4 } }
  staffing_rules:
    team_size: 3
    education: 大专
    full_time: true
    roles:
      - { role: 主任, count: 1, qualifications: [中级社会工作师], years: 5, years_from: [社会工作, 项目管理] }
      - { role: 社工, count: 2, qualifications: [社会工作者职业水平证书] }
      - { role: 外聘督导, count: { min: 1 }, qualifications: [社会工作专业, 心理学], years: 3, years_from: [禁毒], external: true }
"""


def staffing(find, replace):
    """BASE with the 采购需求 section, one thing of it replaced."""
    assert find in PROCUREMENT, find
    return "    achieved: 实际完成。\n" + PROCUREMENT.replace(find, replace, 1)


# (name, find, replace): text cases built by one replacement in BASE.
EDITS = [
    # YAML syntax
    ("syntax-tab-indent", "  total: 20万元", "\ttotal: 20万元"),
    ("syntax-unclosed-double-quote", "name: 测试项目", 'name: "测试项目'),
    ("syntax-unclosed-single-quote", "name: 测试项目", "name: '测试项目"),
    ("syntax-unclosed-flow-sequence", "    - 07550000000", "    - [07550000000"),
    ("syntax-unclosed-flow-mapping", "funding:\n", "funding: {\n"),
    ("syntax-bad-dedent", "  fiscal: 20万元", " fiscal: 20万元"),
    ("syntax-over-indent", "  fiscal: 20万元", "     fiscal: 20万元"),
    ("syntax-key-value-value", "name: 测试项目", "name: 测试: 项目"),
    ("syntax-stray-bracket", "name: 测试项目", "name: 测试项目\n]"),
    ("syntax-list-in-map", "  fiscal: 20万元", "  - fiscal: 20万元"),
    ("syntax-undefined-alias", "name: 测试项目", "name: *nowhere"),
    ("syntax-bad-escape", "name: 测试项目", 'name: "测试\\q项目"'),
    ("syntax-two-documents", "version: 1\n", "version: 1\n---\nversion: 1\n"),
    ("syntax-reserved-at", "name: 测试项目", "name: @测试项目"),
    ("syntax-reserved-backtick", "name: 测试项目", "name: `测试项目"),
    ("syntax-directive", "version: 1\n", "%YAML 9.9\n---\nversion: 1\n"),
    ("syntax-missing-colon", "name: 测试项目", "name 测试项目"),
    ("syntax-duplicate-top-key", "year: 2024\n", "year: 2024\nyear: 2025\n"),
    ("syntax-duplicate-nested-key", "  fiscal: 20万元\n", "  fiscal: 20万元\n  fiscal: 20万元\n"),
    ("syntax-duplicate-item-key", "            target: 10个\n", "            target: 10个\n            target: 11个\n"),
    ("syntax-question-key", "name: 测试项目", "? [a, b]\n: 测试项目"),
    ("syntax-block-scalar-bad-indent", "    basis: 依据。", "    basis: |\n  依据。"),
    ("syntax-anchor-on-nothing", "name: 测试项目", "name: &a"),
    ("syntax-unterminated-flow-in-list", "    - 长期目标。", "    - {长期目标。"),
    ("syntax-colon-in-flow", "    - 07550000000", "    - [a: b: c]"),
    # Wrong types
    ("type-text-for-money", "  total: 20万元", "  total: 很多钱"),
    ("type-list-for-map", "funding:\n  total: 20万元\n  fiscal: 20万元", "funding:\n  - 20万元\n  - 20万元"),
    ("type-map-for-list", "  phones:\n    - 07550000000", "  phones:\n    office: 07550000000"),
    ("type-scalar-for-list", "  phones:\n    - 07550000000", "  phones: 07550000000"),
    ("type-number-for-bool", "  key_project: false", "  key_project: 0"),
    ("type-yes-for-bool", "  key_project: false", "  key_project: yes"),
    ("type-chinese-for-bool", "  key_project: false", "  key_project: 否"),
    ("type-text-for-year", "year: 2024", "year: 二〇二四"),
    ("type-float-year", "year: 2024", "year: 2024.5"),
    ("type-text-version", "version: 1", "version: 一"),
    ("type-negative-count", "        count: 1", "        count: -1"),
    ("type-float-count", "        count: 1", "        count: 1.5"),
    ("type-text-grade", "      - grade: 5", "      - grade: 五级"),
    ("type-text-quarter", "      - quarter: 1", "      - quarter: 一"),
    ("type-list-for-text", "name: 测试项目", "name: [测试, 项目]"),
    ("type-map-for-text", "name: 测试项目", "name: {a: 1}"),
    ("type-list-for-actual", "            actual: 12个", "            actual: [12个]"),
    ("type-map-for-target", "            target: 10个", "            target: {value: 10}"),
    ("type-map-for-indicators", "indicators:\n  - level1: 产出指标", "indicators:\n  产出指标:\n  - level1: 产出指标"),
    ("type-null-name", "name: 测试项目", "name: ~"),
    ("type-attribute-unknown", "  attribute: 新增", "  attribute: 新"),
    ("type-attribute-english", "  attribute: 新增", "  attribute: new"),
    ("type-list-for-evaluation", "evaluation:\n  spending:", "evaluation:\n  - spending:"),
    # Blank required text
    ("blank-name", "name: 测试项目", "name: ''"),
    ("blank-contact", "  contact: 张敏", "  contact: '   '"),
    ("blank-basis", "    basis: 依据。", "    basis: ''"),
    ("blank-goal-item", "    - 年度目标。", "    - ''"),
    ("blank-indicator", "          - indicator: 个案", "          - indicator: ''"),
    ("blank-level1", "  - level1: 产出指标", "  - level1: ''"),
    ("empty-phones", "  phones:\n    - 07550000000", "  phones: []"),
    ("empty-long-term-goals", "  long_term_goals:\n    - 长期目标。", "  long_term_goals: []"),
    ("empty-staff", "    staff:\n      - grade: 5\n        count: 1\n        amount: 18万元", "    staff: []"),
    ("empty-items", "        items:\n          - indicator: 满意度\n            target: ≥90%\n            actual: 95%", "        items: []"),
    ("bad-phone", "    - 07550000000", "    - 打办公室电话"),
    ("bad-year", "year: 2024", "year: 1949"),
    ("bad-version", "version: 1", "version: 2"),
    ("bad-grade", "      - grade: 5", "      - grade: 0"),
    ("bad-count-zero", "        count: 1", "        count: 0"),
    ("bad-quarter", "      - quarter: 4", "      - quarter: 5"),
    ("bad-quarter-twice", "      - quarter: 4", "      - quarter: 1"),
    ("no-staff-amount", "        amount: 18万元\n", ""),
    # Missing required fields
    ("missing-version", "version: 1\n", ""),
    ("missing-year", "year: 2024\n", ""),
    ("missing-name", "name: 测试项目\n", ""),
    ("missing-funding-total", "  total: 20万元\n", ""),
    ("missing-funding-fiscal", "  fiscal: 20万元\n", ""),
    ("missing-attribute", "  attribute: 新增\n", ""),
    ("missing-period", "  period: 1年\n", ""),
    ("missing-category", "  category: 常规性项目\n", ""),
    ("missing-key-project", "  key_project: false\n", ""),
    ("missing-contact", "  contact: 张敏\n", ""),
    ("missing-phones", "  phones:\n    - 07550000000\n", ""),
    ("missing-schedule", "    schedule:\n      - quarter: 1\n        share: 60%\n      - quarter: 4\n        share: 40%\n", ""),
    ("missing-rationale-basis", "    basis: 依据。\n", ""),
    ("missing-annual-goals", "  annual_goals:\n    - 年度目标。\n", ""),
    ("missing-level1", "  - level1: 产出指标\n    groups:", "  - groups:"),
    ("missing-indicator", "          - indicator: 个案\n            target: 10个", "          - target: 10个"),
    ("missing-spending-source", "    source: 一般公共预算财政拨款\n", ""),
    ("missing-spent", "      spent: 20万元\n", ""),
    ("missing-overall", "  overall:\n    expected: 预期目标。\n    achieved: 实际完成。\n", ""),
    ("missing-achieved", "    achieved: 实际完成。\n", ""),
    # Unknown keys
    ("unknown-root-typo", "name: 测试项目", "nmae: 测试项目"),
    ("unknown-root-extra", "version: 1\n", "version: 1\nauthor: 张三\n"),
    ("unknown-funding-typo", "  fiscal: 20万元", "  fiscl: 20万元"),
    ("unknown-application-typo", "  contact: 张敏", "  contcat: 张敏"),
    ("unknown-section-typo", "application:", "aplication:"),
    ("unknown-budget-typo", "  budget:", "  budgte:"),
    ("unknown-staff-key", "        count: 1", "        count: 1\n        salary: 1万元"),
    ("unknown-indicator-key", "            target: 10个", "            target_value: 10个"),
    ("unknown-actual-typo", "            actual: 12个", "            actuall: 12个"),
    ("unknown-group-key", "      - level2: 数量指标", "      - level_2: 数量指标"),
    ("unknown-evaluation-typo", "evaluation:", "evalution:"),
    ("unknown-spending-typo", "  spending:", "  spendng:"),
    ("unknown-chinese-key", "name: 测试项目", "项目名称: 测试项目"),
    ("unknown-uppercase-key", "name: 测试项目", "Name: 测试项目"),
    ("unknown-rationale-key", "    basis: 依据。", "    reason: 依据。"),
    # Money
    ("money-negative", "  total: 20万元", "  total: -5万元"),
    ("money-exponent", "  total: 20万元", "  total: 1e30"),
    ("money-too-precise", "  total: 20万元", "  total: 200000.001元"),
    ("money-chinese-number", "  total: 20万元", "  total: 二十万元"),
    ("money-too-large", "  total: 20万元", "  total: 99999999999999万元"),
    ("money-yen-sign", "  total: 20万元", "  total: ¥200000"),
    ("money-empty", "  total: 20万元", "  total: ''"),
    ("money-nan", "  total: 20万元", "  total: .nan"),
    ("money-infinity", "  total: 20万元", "  total: .inf"),
    ("money-spaces-in-number", "  total: 20万元", "  total: 2 0万元"),
    ("money-total-mismatch", "  total: 20万元", "  total: 21万元"),
    ("money-fiscal-mismatch", "  fiscal: 20万元", "  fiscal: 19万元"),
    ("money-staff-mismatch", "        amount: 18万元", "        amount: 17万元"),
    ("money-per-person-mismatch", "        amount: 18万元", "        amount: 18万元\n        per_person: 17万元"),
    ("money-staff-total-mismatch", "    costs:", "    staff_total: 19万元\n    costs:"),
    ("money-initial-mismatch", "      initial: 20万元", "      initial: 19万元"),
    # Percentages
    ("percent-sum-over", "        share: 40%", "        share: 50%"),
    ("percent-sum-under", "        share: 40%", "        share: 30%"),
    ("percent-no-sign", "        share: 40%", "        share: 40"),
    ("percent-too-precise", "        share: 40%", "        share: 40.001%"),
    ("percent-negative", "        share: 40%", "        share: -40%"),
    ("percent-over-hundred", "        share: 60%", "        share: 160%"),
    ("percent-party-weights", "evaluation:\n", "evaluation:\n  parties:\n    - { party: 监督方, weight: 10%, score: 90 }\n    - { party: 第三方, weight: 80%, score: 90 }\n"),
    ("percent-party-score-over", "evaluation:\n", "evaluation:\n  parties:\n    - { party: 第三方, weight: 100%, score: 120 }\n"),
    # Targets and actuals
    ("actual-not-quantity", "            actual: 12个", "            actual: 十二个"),
    ("actual-unit-mismatch", "            actual: 12个", "            actual: 12人"),
    ("actual-missing", "            actual: 12个\n", ""),
    ("actual-shortfall-no-reason", "            actual: 4个", "            actual: 3个"),
    ("judged-score-over-points", "            target: 4个\n            actual: 4个", "            target: 常态化\n            actual: 已开展\n            score: 80"),
    ("points-over-level", "            target: 10个", "            target: 10个\n            points: 60"),
    ("points-not-number", "            target: 10个", "            target: 10个\n            points: 很多"),
    ("level-without-weight", "  - level1: 满意度指标\n    groups:\n      - level2: 服务对象满意度指标", "  - level1: 其他指标\n    groups:\n      - level2: 其他"),
    ("grades-unordered", "evaluation:\n", "evaluation:\n  grades:\n    - { grade: 合格, min: 60 }\n    - { grade: 优秀, min: 90 }\n    - { grade: 不合格, min: 0 }\n"),
    ("grades-no-zero", "evaluation:\n", "evaluation:\n  grades:\n    - { grade: 优秀, min: 90 }\n    - { grade: 合格, min: 60 }\n"),
    ("weights-text", "evaluation:\n", "evaluation:\n  weights: { execution: 十, output: 50, benefit: 30, satisfaction: 10 }\n"),
    # Targets real tables write, and what wenshu refuses to guess
    ("target-number-unreadable", "            target: 10个\n            actual: 12个", "            target: 各1套或一批次\n            actual: 1套"),
    ("target-compound-part-missing", "            target: 10个\n            actual: 12个", "            target: 个案≥4个、个案服务≥20人次\n            actual: 个案5个"),
    ("target-compound-half", "            target: 10个\n            actual: 12个", "            target: 个案≥4个、个案服务≥20人次\n            actual: 个案2个，个案服务10人次"),
    ("target-labelled-unit-mismatch", "            target: 10个\n            actual: 12个", "            target: 社区社会组织2个\n            actual: 社区社会组织3人"),
    ("target-unitless-ambiguous", "            target: 10个\n            actual: 12个", "            target: ≥20\n            actual: 电访400个、探访300个"),
    ("judged-without-score", "            target: 4个\n            actual: 4个", "            target: 常态化\n            actual: 已开展"),
    ("judged-score-text", "            target: 4个\n            actual: 4个", "            target: 常态化\n            actual: 已开展\n            score: 很高"),
    ("kind-unknown", "            target: 4个", "            target: 4个\n            kind: 主观"),
    ("weights-missing-category", "  - level1: 效益指标\n    groups:\n      - level2: 社会效益指标\n        items:\n          - indicator: 服务对象问题改善率\n            target: ≥80%\n            actual: 85%\n", ""),
    ("weights-not-hundred", "evaluation:\n", "evaluation:\n  weights: { execution: 10, output: 50, benefit: 30, satisfaction: 20 }\n"),
    ("weights-unknown-word", "evaluation:\n", "evaluation:\n  weights: 自动分配\n"),
    ("points-below-level", "            target: ≥80%\n", "            target: ≥80%\n            points: 20\n"),
    ("completion-unknown", "evaluation:\n", "evaluation:\n  completion: 封顶\n"),
    # Nonsense figures
    ("zero-funding", "  total: 20万元\n  fiscal: 20万元", "  total: 0万元\n  fiscal: 0万元"),
    ("zero-cost-amount", "        amount: 2万元", "        amount: 0万元"),
    ("zero-staff-amount", "        amount: 18万元", "        amount: 0万元"),
    ("zero-hours-each", "    achieved: 实际完成。\n", "    achieved: 实际完成。\n" + REQUIREMENTS.replace("hours_each: 2", "hours_each: 0")),
    ("zero-quantity", "    achieved: 实际完成。\n", "    achieved: 实际完成。\n" + REQUIREMENTS.replace("quantity: 100", "quantity: 0")),
    ("zero-weekly-hours", "    achieved: 实际完成。\n", "    achieved: 实际完成。\n" + REQUIREMENTS.replace("weekly_hours: 40", "weekly_hours: 0")),
    ("empty-content", "    achieved: 实际完成。\n", "    achieved: 实际完成。\n" + REQUIREMENTS.replace("  content:\n    - 咨询服务。\n", "  content: []\n")),
    ("number-too-large", "    achieved: 实际完成。\n", "    achieved: 实际完成。\n" + REQUIREMENTS.replace("quantity: 100", "quantity: 1000000000000")),
    # Every section has its rules
    ("huli-blank-community", "    achieved: 实际完成。\n", "    achieved: 实际完成。\n" + HULI.replace("community: 金海社区", "community: ''")),
    ("huli-blank-applicant", "    achieved: 实际完成。\n", "    achieved: 实际完成。\n" + HULI.replace("applicant: 金海社区居委会", "applicant: ''")),
    ("huli-year-zero", "    achieved: 实际完成。\n", "    achieved: 实际完成。\n" + HULI.replace("project_year: 2", "project_year: 0")),
    ("huli-type-unknown", "    achieved: 实际完成。\n", "    achieved: 实际完成。\n" + HULI.replace("project_type: 单项", "project_type: 多项")),
    ("service-plan-blank-title", "    achieved: 实际完成。\n", "    achieved: 实际完成。\n" + SERVICE_PLAN.replace("title: 社工服务分项目标及指标", "title: ''")),
    ("service-plan-number-zero", "    achieved: 实际完成。\n", "    achieved: 实际完成。\n" + SERVICE_PLAN + "  number: 0\n"),
    # Staffing rules of a 采购需求
    ("staffing-role-count", "    achieved: 实际完成。\n", staffing("count: 2,", "count: 3,")),
    ("staffing-team-size", "    achieved: 实际完成。\n", staffing("team_size: 3", "team_size: { min: 4 }")),
    ("staffing-education-below", "    achieved: 实际完成。\n", staffing("education: 大专,", "education: 中专,")),
    ("staffing-external-missing", "    achieved: 实际完成。\n", staffing("    - { member: 罗清", "    # - { member: 罗清")),
    ("staffing-years-wrong-kind", "    achieved: 实际完成。\n", staffing("experience: { 禁毒: 4 }", "experience: { 社区矫正: 4 }")),
    ("staffing-assistant-not-intermediate", "    achieved: 实际完成。\n", staffing("qualifications: [社会工作师]", "qualifications: [助理社会工作师]")),
    ("staffing-not-full-time", "    achieved: 实际完成。\n", staffing("years: 2, full_time: true", "years: 2")),
    ("staffing-count-in-words", "    achieved: 实际完成。\n", staffing("count: 1,", "count: 一名,")),
    ("staffing-education-unknown", "    achieved: 实际完成。\n", staffing("education: 大专\n", "education: 大专以上\n")),
    # A comma in a one-line {…} value
    ("flow-map-comma", "      - item: 运营经费\n        amount: 2万元", "      - { item: 运营, 办公经费, amount: 2万元 }"),
    # Documents
    ("documents-unknown", "version: 1\n", "version: 1\ndocuments: [决算表]\n"),
    ("documents-missing-section", "version: 1\n", "version: 1\ndocuments: [湖里区申报表]\n"),
    ("documents-report-without-text", "version: 1\n", "version: 1\ndocuments: [绩效评价报告]\n"),
    # Characters no font has
    ("glyph-private-use", "  contact: 张敏", "  contact: 张\U0010fffd"),
    ("glyph-extension-b", "  contact: 张敏", "  contact: 张𠀀"),
    ("glyph-emoji", "    basis: 依据。", "    basis: 依据😀。"),
    ("glyph-in-indicator", "          - indicator: 个案", "          - indicator: 个案𪚥"),
    # Limits
    ("limit-deep-nesting", "name: 测试项目", "name: " + "[" * 300 + "]" * 300),
    ("limit-many-aliases", "    - 07550000000", "    - &p 07550000000" + "\n    - *p" * 150),
    ("limit-deep-flow-list", "  phones:\n    - 07550000000", "  phones: " + "[" * 200 + "1" + "]" * 200),
    ("limit-alias-bomb", "version: 1\n", "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\nversion: 1\n"),
]

# (name, bytes): cases that are not one edit of BASE.
RAW = [
    ("encoding-empty", b""),
    ("encoding-whitespace-only", b"   \n\n  \n"),
    ("encoding-comments-only", "# 只有注释\n# 没有内容\n".encode()),
    ("encoding-bom-only", b"\xef\xbb\xbf"),
    ("encoding-nul-byte", BASE.replace("测试项目", "测试\x00项目").encode()),
    ("encoding-invalid-utf8", BASE.encode()[:40] + b"\xff\xfe\xfd" + BASE.encode()[40:]),
    ("encoding-gbk", BASE.encode("gbk")),
    ("encoding-utf16", BASE.encode("utf-16")),
    ("encoding-scalar-document", "测试项目\n".encode()),
    ("encoding-list-document", b"- 1\n- 2\n"),
]


def main():
    # The valid project every case breaks; the tests check it builds.
    Path(__file__).with_name("base.yaml").write_text(BASE, encoding="utf-8")
    out = Path(__file__).with_name("cases")
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    names = set()
    for name, find, replace in EDITS:
        assert find in BASE, name
        assert name not in names, name
        names.add(name)
        (out / f"{name}.yaml").write_text(BASE.replace(find, replace, 1), encoding="utf-8")
    for name, data in RAW:
        assert name not in names, name
        names.add(name)
        (out / f"{name}.yaml").write_bytes(data)
    print(f"{len(names)} cases in {out}")


if __name__ == "__main__":
    main()

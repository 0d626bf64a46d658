//! The rules a person checks before signing a form: sums to the 分, shares
//! that make 100%, fields that must not be blank. Every broken rule is
//! reported, not just the first, each at its place in the file.

use crate::compute::{holds, is_supervisor, team_counts};
use crate::error::{Error, ErrorKind};
use crate::evaluate::evaluate;
use crate::model::{Application, Member, Project, Requirements, Spanned, StaffingRules, Text};
use crate::money::{Money, Percent};
use crate::number::Number;
use crate::pipeline::DOCUMENTS;

/// Checks `project`, whose text is `source`; returns every problem found.
pub fn validate(project: &Project, source: &str) -> Vec<Error> {
    let mut problems = Problems { source, found: Vec::new() };
    check_header(project, &mut problems);
    check_funding(project, &mut problems);
    if let Some(application) = &project.application {
        check_application(project, application, &mut problems);
    }
    check_indicators(project, &mut problems);
    if let Some(evaluation) = &project.evaluation
        && let Err(errors) = evaluate(project, evaluation)
    {
        problems.found.extend(errors.into_iter().map(|e| {
            let (line, column) = (e.line, e.column);
            e.at(source, line, column)
        }));
    }
    if let Some(requirements) = &project.requirements {
        check_requirements(requirements, &mut problems);
    }
    check_documents(project, &mut problems);
    problems.found.sort_by_key(|e| (e.line, e.column));
    problems.found
}

struct Problems<'a> {
    source: &'a str,
    found: Vec<Error>,
}

impl Problems<'_> {
    fn report<T>(&mut self, place: &Spanned<T>, message: String) {
        let loc = place.referenced;
        let error = Error::new(ErrorKind::Invalid, message);
        self.found.push(error.at(self.source, loc.line() as usize, loc.column() as usize));
    }

    fn require_text(&mut self, text: &Spanned<Text>, label: &str) {
        if text.value.is_blank() {
            self.report(text, format!("{label}不能为空"));
        }
    }

    fn require_items<T>(&mut self, list: &Spanned<Vec<T>>, label: &str) {
        if list.value.is_empty() {
            self.report(list, format!("{label}至少要有一项"));
        }
    }
}

fn check_header(project: &Project, problems: &mut Problems) {
    if project.version.value != 1 {
        let message = format!("文件格式版本 {} 不受支持，本程序读取版本 1", project.version.value);
        problems.report(&project.version, message);
    }
    if !(2000..=2100).contains(&project.year.value) {
        problems.report(&project.year, format!("年度 {} 不在 2000 到 2100 之间", project.year.value));
    }
    problems.require_text(&project.name, "项目名称");
    if let Some(department) = &project.department {
        problems.require_text(department, "项目主管部门");
    }
    if let Some(implementer) = &project.implementer {
        problems.require_text(implementer, "项目实施单位");
    }
}

/// 项目资金 = 财政拨款 + 其他资金.
fn check_funding(project: &Project, problems: &mut Problems) {
    let Some(funding) = &project.funding else { return };
    let other = funding.other_funds.as_ref().map_or(Money::ZERO, |m| m.value);
    let sources = funding.fiscal.value + other;
    if funding.total.value != sources {
        let message = format!(
            "项目资金 {} ≠ 财政拨款 {} + 其他资金 {other} = {sources}",
            funding.total.value, funding.fiscal.value
        );
        problems.report(&funding.fiscal, message);
    }
}

fn check_application(project: &Project, application: &Application, problems: &mut Problems) {
    problems.require_text(&application.period, "项目周期");
    problems.require_text(&application.category, "项目类别");
    problems.require_text(&application.contact, "项目联系人");
    problems.require_items(&application.phones, "联系电话");
    for phone in &application.phones.value {
        let text = phone.value.as_str();
        let ok = !phone.value.is_blank() && text.chars().all(|c| c.is_ascii_digit() || "-+() 转".contains(c));
        if !ok {
            problems.report(phone, format!("联系电话“{text}”只能包含数字、-、+、括号和“转”"));
        }
    }
    problems.require_text(&application.rationale.basis, "项目设立的依据");
    problems.require_text(&application.rationale.necessity, "项目申报的必要性");
    problems.require_text(&application.rationale.feasibility, "项目申报的可行性");
    for (goals, label) in
        [(&application.long_term_goals, "项目中长期目标"), (&application.annual_goals, "项目年度目标")]
    {
        problems.require_items(goals, label);
        if goals.value.iter().any(Text::is_blank) {
            problems.report(goals, format!("{label}中有空白的一项"));
        }
    }
    problems.require_items(&project.indicators, "年度绩效指标");
    check_budget(project, application, problems);
}

fn check_budget(project: &Project, application: &Application, problems: &mut Problems) {
    let budget = &application.budget;
    problems.require_items(&budget.staff, "人员经费（社工等级明细）");
    let mut staff_sum = Money::ZERO;
    for line in &budget.staff.value {
        let grade = line.grade.value;
        if !(1..=20).contains(&grade) {
            problems.report(&line.grade, format!("社工等级 {grade} 不在 1 到 20 级之间"));
        }
        if line.count.value == 0 {
            problems.report(&line.count, format!("社工等级 {grade}级：人数不能为 0"));
        }
        if let Some(subtotal) = staff_line_total(line, problems) {
            staff_sum = staff_sum + subtotal;
        }
    }
    if let Some(declared) = &budget.staff_total
        && declared.value != staff_sum
    {
        let message = format!("人员经费合计 {} ≠ 各社工等级小计之和 {staff_sum}", declared.value);
        problems.report(declared, message);
    }
    let costs: Money = budget.costs.iter().map(|c| c.amount.value).sum();
    for cost in &budget.costs {
        problems.require_text(&cost.item, "费用名称");
    }

    let Some(funding) = &project.funding else { return };
    let parts = staff_sum + costs;
    if funding.total.value != parts {
        let message = format!("项目资金 {} ≠ 各预算明细之和 {parts}", funding.total.value);
        problems.report(&funding.total, message);
    }

    problems.require_items(&budget.schedule, "资金支出进度");
    let mut seen = [false; 5];
    for share in &budget.schedule.value {
        let quarter = share.quarter.value;
        match quarter {
            1..=4 if seen[quarter as usize] => {
                problems.report(&share.quarter, format!("资金支出进度：第{quarter}季度写了两次"));
            }
            1..=4 => seen[quarter as usize] = true,
            _ => problems.report(&share.quarter, format!("季度 {quarter} 不存在，应为 1 到 4")),
        }
    }
    let total: Percent = budget.schedule.value.iter().map(|s| s.share.value).sum();
    if !budget.schedule.value.is_empty() && total != Percent::HUNDRED {
        problems.report(&budget.schedule, format!("资金支出进度各季度之和为 {total}，应为 100%"));
    }
}

/// The 小计 of one staff line: the stated one, or 每人经费 × 人数; both
/// stated must agree.
fn staff_line_total(line: &crate::model::StaffLine, problems: &mut Problems) -> Option<Money> {
    let grade = line.grade.value;
    let count = line.count.value;
    let from_rate = line.per_person.as_ref().map(|rate| (rate, rate.value.times(count)));
    match (&line.amount, from_rate) {
        (Some(amount), Some((_, Some(product)))) if amount.value != product => {
            let rate = line.per_person.as_ref().map(|r| r.value).unwrap_or_default();
            let message = format!("社工等级 {grade}级：小计 {} ≠ 每人 {rate} × {count}名 = {product}", amount.value);
            problems.report(amount, message);
            Some(amount.value)
        }
        (Some(amount), _) => Some(amount.value),
        (None, Some((_, Some(product)))) => Some(product),
        (None, Some((rate, None))) => {
            problems.report(rate, format!("社工等级 {grade}级：每人经费 × 人数 过大"));
            None
        }
        (None, None) => {
            problems.report(&line.grade, format!("社工等级 {grade}级：请填写 amount（小计）或 per_person（每人经费）"));
            None
        }
    }
}

fn check_indicators(project: &Project, problems: &mut Problems) {
    for category in &project.indicators.value {
        problems.require_text(&category.level1, "一级指标");
        problems.require_items(&category.groups, "二级指标");
        for group in &category.groups.value {
            problems.require_text(&group.level2, "二级指标");
            problems.require_items(&group.items, "指标");
            for item in &group.items.value {
                problems.require_text(&item.indicator, "指标内容");
            }
        }
    }
}

/// The 用户需求书: a workload to add up, and a team that meets the staffing rules.
fn check_requirements(requirements: &Requirements, problems: &mut Problems) {
    problems.require_text(&requirements.title, "用户需求书标题");
    problems.require_items(&requirements.workload, "工时测算");
    for work in &requirements.workload.value {
        problems.require_items(&work.tasks, "工时测算指标");
    }
    if requirements.weekly_hours.value.is_zero() {
        problems.report(&requirements.weekly_hours, "每周服务时间不能为 0".to_owned());
    }
    if let Some(team) = &requirements.team {
        check_team(team, requirements.staffing_rules.as_ref(), problems);
    }
}

/// Certificates a 项目主管 may hold: 中级社会工作师 or above, 心理咨询师二级 or above, 婚姻家庭咨询师.
const SUPERVISOR: [&str; 5] =
    ["中级社会工作师", "高级社会工作师", "心理咨询师二级", "心理咨询师一级", "婚姻家庭咨询师"];

/// The staffing rules of seed 003, or the project's own.
fn check_team(team: &Spanned<Vec<Member>>, rules: Option<&StaffingRules>, problems: &mut Problems) {
    let (qualified_min, supervisor_min, member_years, supervisor_years) = match rules {
        Some(r) => (r.qualified_share.value, r.supervisor_share.value, r.member_years.value, r.supervisor_years.value),
        None => {
            (Percent::from_hundredths(8000), Percent::from_hundredths(2000), Number::from_int(3), Number::from_int(3))
        }
    };
    let members = &team.value;
    problems.require_items(team, "项目团队");
    if members.is_empty() {
        return;
    }
    let counts = team_counts(members);
    let n = counts.size;
    if counts.qualified_share < qualified_min {
        let message = format!(
            "团队中持有社会工作、心理咨询或婚姻家庭咨询资格的有 {} 人，占 {}（共 {n} 人），低于要求的 {qualified_min}",
            counts.qualified, counts.qualified_share
        );
        problems.report(team, message);
    }
    if counts.supervisor_share < supervisor_min {
        let message = format!(
            "项目主管有 {} 人，占 {}（共 {n} 人），低于要求的 {supervisor_min}",
            counts.supervisors, counts.supervisor_share
        );
        problems.report(team, message);
    }
    let supervisors: Vec<&Member> = members.iter().filter(|m| is_supervisor(m)).collect();
    for member in members {
        let name = member.member.value.as_str();
        if member.years.value < member_years {
            let message = format!("{name}从事社会工作 {} 年，要求 {member_years} 年以上", member.years.value);
            problems.report(&member.years, message);
        }
    }
    for supervisor in supervisors {
        let name = supervisor.member.value.as_str();
        if !holds(supervisor, &SUPERVISOR) {
            let message = format!("项目主管{name}须持有中级社会工作师或心理咨询师二级、婚姻家庭咨询师以上资格");
            problems.report(&supervisor.member, message);
        }
        match &supervisor.management_years {
            Some(years) if years.value >= supervisor_years => {}
            Some(years) => {
                let message =
                    format!("项目主管{name}有 {} 年项目运营经验，要求至少 {supervisor_years} 年", years.value);
                problems.report(years, message);
            }
            None => {
                let message =
                    format!("项目主管{name}须写明 management_years（项目运营年限），要求至少 {supervisor_years} 年");
                problems.report(&supervisor.member, message);
            }
        }
    }
}

/// Documents named in `documents` must exist and have their sections.
fn check_documents(project: &Project, problems: &mut Problems) {
    let Some(names) = &project.documents else { return };
    for name in &names.value {
        match DOCUMENTS.iter().find(|d| d.name == name.value.as_str()) {
            None => {
                let known: Vec<&str> = DOCUMENTS.iter().map(|d| d.name).collect();
                let message = format!("没有名为“{}”的文书，可选：{}", name.value.as_str(), known.join("、"));
                problems.report(name, message);
            }
            Some(kind) => {
                if let Some(missing) = kind.missing_section(project) {
                    problems.report(name, format!("生成{}需要填写 {missing}", kind.name));
                }
            }
        }
    }
}

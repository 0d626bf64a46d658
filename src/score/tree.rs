//! A project's indicators read once: each 三级指标 in its 一级 and 二级,
//! its 指标值 read in its place in the table ([`target_of`]) and its
//! 实际完成值 read against it ([`indicator::read`]). Completion
//! rates, the evaluation and its report sentences all walk this tree, so
//! each target and each actual is read once and every stage sees the same reading.

use crate::project::model::{Indicator, IndicatorKind, Project};
use crate::score::indicator::{self, Reading};
use crate::score::target::{Context, Target};

/// The indicators, as the table has them.
pub struct Tree<'p> {
    pub categories: Vec<CategoryNode<'p>>,
}

/// A 一级指标 and its groups.
pub struct CategoryNode<'p> {
    pub level1: &'p str,
    pub groups: Vec<GroupNode<'p>>,
}

/// A 二级指标 and its indicators.
pub struct GroupNode<'p> {
    pub level2: &'p str,
    pub items: Vec<ItemNode<'p>>,
}

/// One indicator and its target, read.
pub struct ItemNode<'p> {
    pub item: &'p Indicator,
    /// The 指标值 read, or why it cannot be.
    pub target: Result<Target, String>,
    /// The 实际完成值 read against that target, when both are there; or
    /// why it cannot be read.
    pub actual: Option<Result<Reading, String>>,
}

impl<'p> Tree<'p> {
    /// Reads every indicator of `project`.
    pub fn read(project: &'p Project) -> Tree<'p> {
        let categories = project
            .indicators
            .value
            .iter()
            .map(|category| {
                let level1 = category.level1.value.as_str();
                let groups = category
                    .groups
                    .value
                    .iter()
                    .map(|group| {
                        let level2 = group.level2.value.as_str();
                        let context = Context { level1, level2, indicator: "", year: project.year() };
                        let items = group.items.value.iter().map(|item| {
                            let target = target_of(item, &context);
                            let actual = match (&target, &item.actual) {
                                (Ok(target), Some(actual)) => Some(indicator::read(target, actual.value.as_str())),
                                _ => None,
                            };
                            ItemNode { item, target, actual }
                        });
                        GroupNode { level2, items: items.collect() }
                    })
                    .collect();
                CategoryNode { level1, groups }
            })
            .collect();
        Tree { categories }
    }

    /// Every indicator with its 一级 and 二级, in the table's order.
    pub fn items(&self) -> impl Iterator<Item = (&CategoryNode<'p>, &GroupNode<'p>, &ItemNode<'p>)> {
        self.categories
            .iter()
            .flat_map(|c| c.groups.iter().map(move |g| (c, g)))
            .flat_map(|(c, g)| g.items.iter().map(move |i| (c, g, i)))
    }

    /// Whether any indicator has an actual yet.
    pub fn has_actuals(&self) -> bool {
        self.items().any(|(_, _, i)| i.item.actual.is_some())
    }
}

/// An indicator's target, read in its place in the table as the project
/// says it should be: `kind: 定性` makes any 指标值 judged, `kind: 定量`
/// requires a number.
pub fn target_of(item: &Indicator, context: &Context) -> Result<Target, String> {
    let text = item.target.as_ref().map_or("", |t| t.value.as_str());
    let context = Context { indicator: item.indicator.value.as_str(), ..*context };
    match item.kind.as_ref().map(|k| k.value) {
        Some(IndicatorKind::Judged) => Ok(match Target::read(text, &context) {
            Ok(Target::None) => Target::None,
            Ok(Target::NotApplicable) => Target::NotApplicable,
            _ => Target::Judged(text.trim().to_owned()),
        }),
        Some(IndicatorKind::Measured) => match Target::read(text, &context)? {
            Target::Judged(words) => {
                Err(format!("指标值“{words}”没有数字，不能按定量计分：请写出数量，或去掉 kind: 定量"))
            }
            target => Ok(target),
        },
        None => Target::read(text, &context).map_err(|problem| {
            if problem.contains("kind: 定性") {
                problem
            } else {
                format!("{problem}；这个指标由人评定时，写 kind: 定性 并写得分 score")
            }
        }),
    }
}

//! No text overlaps, ever: every example, and each of them again with every
//! text five times as long, laid out and checked from Typst's own frames —
//! no two runs of text overlap, none leaves the page, and the one-page
//! 湖里区 form stays one page plus its 附件.

use serde_json::Value as Json;
use typst::layout::{Frame, FrameItem, Point};
use wenshu::yaml::tree::{Node, NodeKind, Tag};

use crate::*;

/// A run of text on a page: its box in points, and its text.
#[derive(Debug)]
struct Run {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    text: String,
}

fn runs(frame: &Frame, origin: Point, out: &mut Vec<Run>) {
    for (pos, item) in frame.items() {
        let at = origin + *pos;
        match item {
            FrameItem::Group(group) => {
                // Groups may be moved or scaled; the templates only move them.
                let offset = Point::new(group.transform.tx, group.transform.ty);
                runs(&group.frame, at + offset - Point::zero(), out)
            }
            FrameItem::Text(text) => {
                let size = text.size.to_pt();
                let (x, y) = (at.x.to_pt(), at.y.to_pt());
                out.push(Run {
                    x0: x,
                    y0: y - 0.85 * size,
                    x1: x + text.width().to_pt(),
                    y1: y + 0.15 * size,
                    text: text.text.to_string(),
                });
            }
            _ => {}
        }
    }
}

/// Overlapping runs and runs off the page, in a laid-out document.
fn clashes(document: &wenshu::typeset::compile::Document) -> Vec<String> {
    let mut found = Vec::new();
    for (n, page) in document.pages().iter().enumerate() {
        let (width, height) = (page.frame.width().to_pt(), page.frame.height().to_pt());
        let mut page_runs = Vec::new();
        runs(&page.frame, Point::zero(), &mut page_runs);
        for run in &page_runs {
            if run.x0 < -1.0 || run.y0 < -1.0 || run.x1 > width + 1.0 || run.y1 > height + 1.0 {
                found.push(format!("p{}: “{}” leaves the page", n + 1, run.text));
            }
        }
        for (i, a) in page_runs.iter().enumerate() {
            for b in &page_runs[i + 1..] {
                let dx = a.x1.min(b.x1) - a.x0.max(b.x0);
                let dy = a.y1.min(b.y1) - a.y0.max(b.y0);
                if dx <= 0.5 || dy <= 0.5 {
                    continue;
                }
                let smaller = ((a.x1 - a.x0) * (a.y1 - a.y0)).min((b.x1 - b.x0) * (b.y1 - b.y0)).max(1.0);
                if dx * dy > 0.3 * smaller {
                    found.push(format!("p{}: “{}” overlaps “{}”", n + 1, a.text, b.text));
                }
            }
        }
    }
    found
}

/// `node` with every piece of free text (a `Text` field that is not a
/// figure) five times as long.
fn stretched(node: &Node, schema: Option<&Json>, root: &Json) -> Node {
    let kind = match &node.kind {
        NodeKind::Scalar(scalar) if scalar.tag == Tag::Str && is_free_text(schema, root) => {
            NodeKind::Scalar(wenshu::yaml::tree::Scalar { text: scalar.text.repeat(5), tag: Tag::Str })
        }
        NodeKind::List(items) => {
            // The items of a list whose words are read are read too.
            let read = schema.is_some_and(|s| is_read(s));
            let item_schema = schema.filter(|_| !read).and_then(|s| wenshu::check::schema::items(root, s));
            NodeKind::List(items.iter().map(|i| stretched(i, item_schema, root)).collect())
        }
        NodeKind::Map(map) => NodeKind::Map(wenshu::yaml::tree::Map {
            entries: map
                .entries
                .iter()
                .map(|e| {
                    let child = schema.and_then(|s| wenshu::check::schema::property(root, s, &e.key));
                    wenshu::yaml::tree::Entry { value: stretched(&e.value, child, root), ..e.clone() }
                })
                .collect(),
            flow: map.flow,
        }),
        other => other.clone(),
    };
    Node { at: node.at, kind }
}

/// Whether a field holds free text: typed `Text`, and not one whose
/// words are read (a 指标值, an actual, a role the staffing rules match).
fn is_free_text(schema: Option<&Json>, root: &Json) -> bool {
    let Some(schema) = schema else { return false };
    let title = schema.get("title").and_then(Json::as_str).unwrap_or("");
    // 一级指标 names a scoring category (and a 满意度 二级指标 one, under the
    // national points); a 评分细则 is read as a rule.
    if ["指标值", "实际完成值", "当年度指标值", "年度", "指标类型", "提纲的一项", "一级指标", "二级指标", "评分细则"]
        .contains(&title)
    {
        return false;
    }
    let reference = schema
        .get("$ref")
        .or_else(|| schema.get("anyOf").and_then(|a| a.as_array()).and_then(|a| a.iter().find_map(|b| b.get("$ref"))))
        .and_then(Json::as_str);
    reference == Some("#/$defs/Text") && wenshu::check::schema::resolve(root, schema).get("enum").is_none()
}

/// Fields whose words wenshu reads, so stretching them would change the figures.
fn is_read(schema: &Json) -> bool {
    let title = schema.get("title").and_then(Json::as_str).unwrap_or("");
    [
        "指标值",
        "实际完成值",
        "指标类型",
        "一级指标",
        "二级指标",
        "评分细则",
        "岗位",
        "资格证书",
        "学历与专业",
        "认可的资格",
        "主管岗位",
        "主管须持有的资格",
    ]
    .contains(&title)
}

fn laid_out(loaded: &wenshu::Loaded) -> Vec<(String, wenshu::typeset::compile::Document)> {
    let prepared = workspace().prepare(loaded).unwrap_or_else(|e| panic!("{}", lines(&e)));
    workspace()
        .documents_for(loaded)
        .into_iter()
        .map(|form| {
            let (_, document) =
                workspace().session(loaded, &prepared).lay_out(form).unwrap_or_else(|e| panic!("{}", lines(&e)));
            (form.name.clone(), document)
        })
        .collect()
}

#[test]
fn no_text_overlaps_in_any_example() {
    for example in EXAMPLES {
        for (name, document) in laid_out(&loaded(&source_of(example), example)) {
            assert_eq!(clashes(&document), Vec::<String>::new(), "{example} {name}");
        }
    }
}

#[test]
fn no_text_overlaps_with_every_text_five_times_as_long() {
    let root = workspace().schema();
    for example in EXAMPLES {
        let source = source_of(example);
        let tree = stretched(&wenshu::yaml::tree::parse(&source).unwrap(), Some(root), root);
        let project = wenshu::yaml::de::from_node(&tree).unwrap();
        let loaded = wenshu::Loaded { path: example.into(), source: source.clone(), tree, project };
        for (name, document) in laid_out(&loaded) {
            assert_eq!(clashes(&document), Vec::<String>::new(), "{example} {name}, texts ×5");
            if name == "湖里区申报表" {
                // The form stays one page; what does not fit goes to the 附件 after it.
                let pages: Vec<String> = document
                    .pages()
                    .iter()
                    .map(|page| {
                        let mut runs_of_page = Vec::new();
                        runs(&page.frame, Point::zero(), &mut runs_of_page);
                        runs_of_page.iter().map(|r| r.text.as_str()).collect()
                    })
                    .collect();
                assert!(pages[0].contains("本表一式三份"), "the form runs past its page: {}", pages[0]);
                assert!(pages[1].starts_with("附件"), "{}", pages[1]);
            }
        }
    }
}

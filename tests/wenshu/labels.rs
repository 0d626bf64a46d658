//! Every message names the field as its form prints it, at its own place:
//! a test walks every field of every example (the model's and every form's
//! own), puts a value of the wrong kind there, and checks the message
//! carries that field's label from the schema and that field's line.

use serde_json::Value as Json;
use wenshu::yaml::tree::{Map, Node, NodeKind, Place, Scalar, Tag};

use crate::*;

/// A value of another kind than `node`, at its place.
fn wrong_kind(node: &Node) -> Node {
    let kind = match &node.kind {
        NodeKind::Scalar(_) | NodeKind::Null => NodeKind::Map(Map { entries: Vec::new(), flow: true }),
        NodeKind::List(_) | NodeKind::Map(_) => NodeKind::Scalar(Scalar { text: "乱写".to_owned(), tag: Tag::Str }),
    };
    Node { at: node.at, kind }
}

/// Every map entry below `node`: its path of entry and item indices, its
/// key and its value.
fn entries(node: &Node, path: Vec<usize>, out: &mut Vec<(Vec<usize>, String, Place)>) {
    match &node.kind {
        NodeKind::Map(map) => {
            for (i, entry) in map.entries.iter().enumerate() {
                let here = [path.clone(), vec![i]].concat();
                out.push((here.clone(), entry.key.clone(), entry.value.at));
                entries(&entry.value, here, out);
            }
        }
        NodeKind::List(items) => {
            for (i, item) in items.iter().enumerate() {
                entries(item, [path.clone(), vec![i]].concat(), out);
            }
        }
        _ => {}
    }
}

/// The node at a path, to change.
fn node_at<'a>(node: &'a mut Node, path: &[usize]) -> &'a mut Node {
    let Some((first, rest)) = path.split_first() else { return node };
    match &mut node.kind {
        NodeKind::Map(map) => node_at(&mut map.entries[*first].value, rest),
        NodeKind::List(items) => node_at(&mut items[*first], rest),
        _ => unreachable!("paths lead through maps and lists"),
    }
}

/// The schema's title of the field at a path of the tree.
fn title(tree: &Node, path: &[usize], root: &Json) -> Option<String> {
    let mut node = tree;
    let mut schema = root;
    let mut title = None;
    for index in path {
        match &node.kind {
            NodeKind::Map(map) => {
                let entry = &map.entries[*index];
                schema = wenshu::check::schema::property(root, schema, &entry.key)?;
                title = schema.get("title").and_then(Json::as_str).map(str::to_owned);
                node = &entry.value;
            }
            NodeKind::List(items) => {
                schema = wenshu::check::schema::items(root, schema)?;
                node = &items[*index];
            }
            _ => return None,
        }
    }
    title
}

#[test]
fn every_field_of_every_example_is_named_by_its_own_label_at_its_own_line() {
    let root_schema = workspace().schema();
    let mut checked = 0;
    for example in EXAMPLES {
        let source = source_of(example);
        let tree = wenshu::yaml::tree::parse(&source).unwrap();
        let mut all = Vec::new();
        entries(&tree, Vec::new(), &mut all);
        for (path, key, at) in all {
            let Some(label) = title(&tree, &path, root_schema) else { panic!("{example}: `{key}` has no title") };
            let mut broken = tree.clone();
            let target = node_at(&mut broken, &path);
            *target = wrong_kind(target);
            let errors = wenshu::project::shape::check(&broken, root_schema, &source);
            let error = errors.iter().find(|e| e.line == at.line as usize);
            let Some(error) = error else { panic!("{example}: `{key}` at line {}: {errors:?}", at.line) };
            assert!(error.message.contains(&label), "{example}: `{key}` should be called {label}: {}", error.message);
            checked += 1;
        }
    }
    assert!(checked > 600, "only {checked} fields checked");
}

#[test]
fn a_missing_glyph_is_placed_where_each_field_has_it() {
    let edited = source_of(YANTIAN).replacen("contact: 韩翠萍", "contact: 韩𠀀萍", 1).replacen(
        "category: 常规性项目",
        "category: 常规𠀀项目",
        1,
    );
    let errors = problems(&edited, YANTIAN);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].contains(":24:15: 项目类别中的字“𠀀”"), "{errors:?}");
    assert!(errors[1].contains(":26:13: 项目联系人中的字“𠀀”"), "{errors:?}");
}

//! The parts of an Office file: a zip archive of XML files, read into a
//! small element tree. Every read is capped: a part may not decompress to
//! more than [`PART_LIMIT`] (a zip bomb stops there), and elements may not
//! nest deeper than [`DEPTH_LIMIT`], so no input can exhaust memory or the
//! stack.

use std::io::{Cursor, Read};

use quick_xml::events::Event;

/// The most a part may decompress to.
pub const PART_LIMIT: u64 = 20 * 1024 * 1024;

/// The deepest elements may nest (Word nests a cell's table in a cell's
/// paragraph …; real files stay under 40).
pub const DEPTH_LIMIT: usize = 256;

/// An opened .docx or .xlsx.
pub struct Package<'a> {
    archive: zip::ZipArchive<Cursor<&'a [u8]>>,
}

impl<'a> Package<'a> {
    /// The archive in `bytes`; the error says what the file is instead.
    pub fn open(bytes: &'a [u8]) -> Result<Package<'a>, String> {
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Err("这是旧版 Office 格式（.doc 或 .xls），wenshu 只读 .docx 和 .xlsx：\
                        请用 Word、WPS 另存为 .docx/.xlsx，或运行 soffice --headless --convert-to docx 文件名"
                .to_owned());
        }
        match zip::ZipArchive::new(Cursor::new(bytes)) {
            Ok(archive) => Ok(Package { archive }),
            Err(_) => {
                Err("不是 zip 压缩包（.docx 和 .xlsx 都是 zip 压缩包），文件可能已损坏，或不是 Word、Excel 文件"
                    .to_owned())
            }
        }
    }

    /// Whether the archive holds a part of this name.
    pub fn has(&self, name: &str) -> bool {
        self.archive.index_for_name(name).is_some()
    }

    /// The part `name` read as XML; `None` when the archive has no such part.
    pub fn part(&mut self, name: &str) -> Result<Option<Element>, String> {
        if !self.has(name) {
            return Ok(None);
        }
        let mut file = self.archive.by_name(name).map_err(|err| format!("无法读取压缩包中的 {name}：{err}"))?;
        let mut bytes = Vec::new();
        (&mut file)
            .take(PART_LIMIT + 1)
            .read_to_end(&mut bytes)
            .map_err(|err| format!("无法解压压缩包中的 {name}：{err}（文件可能已损坏）"))?;
        if bytes.len() as u64 > PART_LIMIT {
            return Err(format!(
                "压缩包中的 {name} 解压后超过 {} MB，wenshu 不读这样大的表格",
                PART_LIMIT / 1024 / 1024
            ));
        }
        parse(&bytes).map(Some).map_err(|err| format!("{name} 不是有效的 XML：{err}"))
    }
}

/// An element: its local name (`tc` of `w:tc`), attributes by local name,
/// and children.
#[derive(Debug, Clone, Default)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone)]
pub enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    /// The attribute of this local name (`val` for `w:val`).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element of this name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// The child elements of this name.
    pub fn children_named<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s Element> + 's {
        self.elements().filter(move |e| e.name == name)
    }

    /// `self/a/b/…`: the first element down this path of names.
    pub fn path(&self, names: &[&str]) -> Option<&Element> {
        names.iter().try_fold(self, |e, name| e.child(name))
    }

    /// Every element below this one, in document order, skipping the
    /// subtrees of elements named in `skip`.
    pub fn descendants<'s>(&'s self, skip: &'s [&'s str]) -> Vec<&'s Element> {
        let mut found = Vec::new();
        let mut stack: Vec<&Element> = self.elements().collect::<Vec<_>>().into_iter().rev().collect();
        while let Some(e) = stack.pop() {
            if skip.contains(&e.name.as_str()) {
                continue;
            }
            found.push(e);
            stack.extend(e.elements().collect::<Vec<_>>().into_iter().rev());
        }
        found
    }

    /// The text directly in this element.
    pub fn own_text(&self) -> String {
        self.children
            .iter()
            .filter_map(|n| match n {
                Node::Text(t) => Some(t.as_str()),
                Node::Element(_) => None,
            })
            .collect()
    }
}

/// Reads an XML document into its root element.
pub fn parse(bytes: &[u8]) -> Result<Element, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| "不是 UTF-8 编码".to_owned())?;
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = vec![Element::default()];
    loop {
        let event = reader.read_event().map_err(|err| format!("第 {} 字节处：{err}", reader.buffer_position()))?;
        match event {
            Event::Start(start) => {
                if stack.len() > DEPTH_LIMIT {
                    return Err(format!("元素嵌套超过 {DEPTH_LIMIT} 层"));
                }
                stack.push(element_of(&start)?);
            }
            Event::Empty(start) => {
                let element = element_of(&start)?;
                push(&mut stack, Node::Element(element));
            }
            Event::End(_) => {
                let done = stack.pop().unwrap_or_default();
                if stack.is_empty() {
                    return Err("结束标记多于开始标记".to_owned());
                }
                push(&mut stack, Node::Element(done));
            }
            Event::Text(text) => push_text(&mut stack, &text.xml10_content()),
            Event::CData(data) => push_text(&mut stack, &data.xml10_content()),
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => match &*reference {
                        "amp" => "&".to_owned(),
                        "lt" => "<".to_owned(),
                        "gt" => ">".to_owned(),
                        "quot" => "\"".to_owned(),
                        "apos" => "'".to_owned(),
                        _ => String::new(),
                    },
                };
                push_text(&mut stack, &resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() != 1 {
        return Err("文件在元素结束前就结束了".to_owned());
    }
    let root = stack.pop().unwrap_or_default();
    root.elements().next().cloned().ok_or_else(|| "没有根元素".to_owned())
}

fn element_of(start: &quick_xml::events::BytesStart) -> Result<Element, String> {
    let name = AsRef::<str>::as_ref(&start.local_name()).to_owned();
    let mut attrs = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|err| format!("属性写法有误：{err}"))?;
        let key = AsRef::<str>::as_ref(&attr.key.local_name()).to_owned();
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|err| format!("属性值写法有误：{err}"))?
            .into_owned();
        attrs.push((key, value));
    }
    Ok(Element { name, attrs, children: Vec::new() })
}

fn push(stack: &mut [Element], node: Node) {
    if let Some(top) = stack.last_mut() {
        top.children.push(node);
    }
}

fn push_text(stack: &mut [Element], text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(top) = stack.last_mut() {
        if let Some(Node::Text(last)) = top.children.last_mut() {
            last.push_str(text);
        } else {
            top.children.push(Node::Text(text.to_owned()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_elements_attributes_and_entities() {
        let root = parse(br#"<w:a xmlns:w="x"><w:b w:val="1 &amp; 2"/>x&lt;y&#x4E00;<w:c>t</w:c></w:a>"#).unwrap();
        assert_eq!(root.name, "a");
        assert_eq!(root.child("b").unwrap().attr("val"), Some("1 & 2"));
        assert_eq!(root.own_text(), "x<y一");
        assert_eq!(root.path(&["c"]).unwrap().own_text(), "t");
    }

    #[test]
    fn refuses_broken_and_deep_xml() {
        assert!(parse(b"<a><b></a>").is_err());
        assert!(parse(b"<a>").is_err());
        assert!(parse(b"\xff\xfe").is_err());
        let deep = format!("{}{}", "<a>".repeat(DEPTH_LIMIT + 2), "</a>".repeat(DEPTH_LIMIT + 2));
        assert!(parse(deep.as_bytes()).unwrap_err().contains("嵌套"));
    }

    #[test]
    fn a_file_that_is_not_a_zip_is_named_as_such() {
        let err = Package::open(b"hello").err().unwrap();
        assert!(err.starts_with("不是 zip 压缩包"), "{err}");
        let err = Package::open(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0]).err().unwrap();
        assert!(err.contains(".doc"), "{err}");
    }
}

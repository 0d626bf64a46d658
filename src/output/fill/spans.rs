//! XML read as spans of its source: each element's name and where its
//! start tag, content and end lie in the text. Filling a file edits those
//! spans in place (a paragraph, a cell, a row replaced), so every byte of
//! the part outside them stays as the funder's file has it.

use quick_xml::events::Event;

/// An element of the source: `start..end` is all of it, `open` the end of
/// its start tag (`end` for an empty element).
#[derive(Debug, Clone, Default)]
pub struct Span {
    /// Its name as written, prefix and all: `w:tc`.
    pub name: String,
    pub start: usize,
    pub open: usize,
    pub end: usize,
    pub children: Vec<Span>,
}

/// The deepest an element may nest.
const DEPTH: usize = 256;

impl Span {
    /// Its name without the prefix: `tc`.
    pub fn local(&self) -> &str {
        self.name.rsplit(':').next().unwrap_or(&self.name)
    }

    pub fn child(&self, local: &str) -> Option<&Span> {
        self.children.iter().find(|c| c.local() == local)
    }

    /// Every element below it, in document order, not entering those named
    /// in `skip`.
    pub fn descendants<'s>(&'s self, skip: &[&str]) -> Vec<&'s Span> {
        let mut found = Vec::new();
        let mut stack: Vec<&Span> = self.children.iter().rev().collect();
        while let Some(span) = stack.pop() {
            if skip.contains(&span.local()) {
                continue;
            }
            found.push(span);
            stack.extend(span.children.iter().rev());
        }
        found
    }

    /// The children named in `names`, looking through those named in
    /// `wrappers` (Word's content controls, custom XML).
    pub fn unwrapped<'s>(&'s self, names: &[&str], wrappers: &[&str]) -> Vec<&'s Span> {
        let mut found = Vec::new();
        let mut stack: Vec<&Span> = self.children.iter().rev().collect();
        while let Some(span) = stack.pop() {
            if names.contains(&span.local()) {
                found.push(span);
            } else if wrappers.contains(&span.local()) {
                stack.extend(span.children.iter().rev());
            }
        }
        found
    }

    /// Its source.
    pub fn source<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// Its content's source (between its tags).
    pub fn inner<'t>(&self, text: &'t str) -> &'t str {
        if self.open >= self.end { "" } else { &text[self.open..self.end - self.name.len() - 3] }
    }

    /// The value of an attribute of its start tag, by local name.
    pub fn attr(&self, text: &str, local: &str) -> Option<String> {
        let tag = &text[self.start..self.open];
        let mut reader = quick_xml::Reader::from_str(tag);
        let Ok(Event::Start(start) | Event::Empty(start)) = reader.read_event() else { return None };
        start.attributes().filter_map(Result::ok).find_map(|a| {
            (AsRef::<str>::as_ref(&a.key.local_name()) == local)
                .then(|| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
                .flatten()
        })
    }
}

/// The spans of an XML text: a root span holding its top elements.
pub fn parse(text: &str) -> Result<Span, String> {
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut stack = vec![Span { end: text.len(), ..Span::default() }];
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|err| format!("第 {} 字节处：{err}", reader.buffer_position()))?;
        let after = reader.buffer_position() as usize;
        match event {
            Event::Start(start) => {
                if stack.len() > DEPTH {
                    return Err(format!("元素嵌套超过 {DEPTH} 层"));
                }
                let name = AsRef::<str>::as_ref(&start.name()).to_owned();
                stack.push(Span { name, start: before, open: after, end: after, children: Vec::new() });
            }
            Event::Empty(start) => {
                let name = AsRef::<str>::as_ref(&start.name()).to_owned();
                let span = Span { name, start: before, open: after, end: after, children: Vec::new() };
                if let Some(top) = stack.last_mut() {
                    top.children.push(span);
                }
            }
            Event::End(_) => {
                let mut done = stack.pop().ok_or("结束标记多于开始标记")?;
                done.end = after;
                stack.last_mut().ok_or("结束标记多于开始标记")?.children.push(done);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() != 1 {
        return Err("文件在元素结束前就结束了".to_owned());
    }
    Ok(stack.pop().unwrap_or_default())
}

/// Text escaped for XML content and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 cannot hold are left out.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The text of an element's content with its entities resolved (a `w:t`).
pub fn unescape(inner: &str) -> String {
    quick_xml::escape::unescape(inner).map_or_else(|_| inner.to_owned(), |t| t.into_owned())
}

/// `text` with each `(range, replacement)` made; ranges must not overlap.
pub fn splice(text: &str, mut edits: Vec<(std::ops::Range<usize>, String)>) -> String {
    // An insertion goes before an edit starting where it is.
    edits.sort_by_key(|(range, _)| (range.start, range.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (range, replacement) in edits {
        if range.start < at {
            continue;
        }
        out.push_str(&text[at..range.start]);
        out.push_str(&replacement);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_cover_their_source() {
        let text = r#"<?xml version="1.0"?><w:a x="1"><w:b w:val="&amp;"/>t<w:c>in</w:c></w:a>"#;
        let root = parse(text).unwrap();
        let a = &root.children[0];
        assert_eq!(a.local(), "a");
        assert_eq!(a.source(text), r#"<w:a x="1"><w:b w:val="&amp;"/>t<w:c>in</w:c></w:a>"#);
        assert_eq!(a.children[0].attr(text, "val").as_deref(), Some("&"));
        assert_eq!(a.children[1].inner(text), "in");
        assert!(
            splice(text, vec![(a.children[1].start..a.children[1].end, "<w:d/>".into())]).ends_with("t<w:d/></w:a>")
        );
        assert!(parse("<a><b></a>").is_err());
    }
}

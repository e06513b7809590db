//! The one place that knows the YAML crate: parses text into a tree of
//! nodes that remember their byte span, so every later diagnostic can point
//! at the exact field. Swap the parser here and nothing else changes.

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Tag};
use std::borrow::Cow;
use std::ops::Range;

/// How deeply mappings and lists may nest. Real front matter nests three
/// or four levels; the bound keeps every later walk of a value (checking,
/// templates, export) far from the end of its thread's stack.
pub const MAX_DEPTH: usize = 64;

/// A YAML node with the byte range it came from (relative to the parsed text).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: NodeValue,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeValue {
    /// A scalar as written; `quoted` scalars are always strings.
    Scalar {
        text: String,
        quoted: bool,
    },
    Seq(Vec<Node>),
    /// Keys keep their own spans so that "unknown field" can point at them.
    Map(Vec<(Node, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub message: String,
    /// Byte offset of the error in the parsed text.
    pub offset: usize,
    /// Nested deeper than `MAX_DEPTH`, rather than malformed.
    pub too_deep: bool,
}

/// Parses one YAML document. An empty document is an empty mapping,
/// so a file with only `---\n---` front matter still parses.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    let offsets = CharOffsets::new(text);
    let mut builder = Builder::default();
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| scan_error(&e, &offsets))?;
        let range = offsets.byte(span.start.index())..offsets.byte(span.end.index());
        builder.push(event, range)?;
    }
    Ok(builder.root.unwrap_or(Node {
        value: NodeValue::Map(Vec::new()),
        span: 0..0,
    }))
}

fn scan_error(e: &ScanError, offsets: &CharOffsets) -> SyntaxError {
    let offset = offsets.byte(e.marker().index());
    // The scanner has a bound of its own on flow nesting (`[[[...`).
    match e.info() {
        "recursion limit exceeded" => too_deep(offset),
        info => unsupported(info.to_string(), offset),
    }
}

fn too_deep(offset: usize) -> SyntaxError {
    SyntaxError {
        message: format!("mappings and lists are nested more than {MAX_DEPTH} levels deep"),
        offset,
        too_deep: true,
    }
}

fn unsupported(message: String, offset: usize) -> SyntaxError {
    SyntaxError {
        message,
        offset,
        too_deep: false,
    }
}

/// Tags are not part of charter's YAML, but for `!!str`, which makes a
/// value text as quotes do; `!!seq` and `!!map` say what is plain anyway.
/// Any other is refused rather than ignored, so that `!!int "5"` is never
/// silently text.
fn tag_quotes(tag: Option<&Cow<'_, Tag>>, offset: usize) -> Result<bool, SyntaxError> {
    let Some(tag) = tag else {
        return Ok(false);
    };
    match (tag.is_yaml_core_schema(), tag.suffix.as_str()) {
        (true, "str") => Ok(true),
        (true, "seq" | "map") => Ok(false),
        (core, suffix) => {
            // As it was written: `!!int`, `!local`, `!e!name`.
            let handle = if core { "!!" } else { tag.handle.as_str() };
            Err(unsupported(
                format!(
                    "the YAML tag `{handle}{suffix}` is not supported; write the value without it (quote text)"
                ),
                offset,
            ))
        }
    }
}

/// The parser counts characters; spans in charter are bytes.
struct CharOffsets {
    /// Byte offset of each char index, only when the text is not ASCII.
    table: Option<Vec<usize>>,
    len: usize,
}

impl CharOffsets {
    fn new(text: &str) -> Self {
        let table = (!text.is_ascii()).then(|| text.char_indices().map(|(i, _)| i).collect());
        CharOffsets {
            table,
            len: text.len(),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        match &self.table {
            None => char_index.min(self.len),
            Some(t) => t.get(char_index).copied().unwrap_or(self.len),
        }
    }
}

enum Open {
    Seq(Vec<Node>, usize),
    Map(Vec<(Node, Node)>, Option<Node>, usize),
}

#[derive(Default)]
struct Builder {
    stack: Vec<Open>,
    root: Option<Node>,
    documents: usize,
}

impl Builder {
    fn push(&mut self, event: Event<'_>, span: Range<usize>) -> Result<(), SyntaxError> {
        match event {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(unsupported(
                        "more than one YAML document; a file holds one".into(),
                        span.start,
                    ));
                }
            }
            Event::Alias(_) => {
                return Err(unsupported(
                    "YAML aliases (`*name`) are not supported; write the value out".into(),
                    span.start,
                ));
            }
            Event::Scalar(text, style, _, tag) => {
                let quoted =
                    !matches!(style, ScalarStyle::Plain) || tag_quotes(tag.as_ref(), span.start)?;
                self.finish(Node {
                    value: NodeValue::Scalar {
                        text: text.into_owned(),
                        quoted,
                    },
                    span,
                });
            }
            Event::SequenceStart(_, tag) => {
                tag_quotes(tag.as_ref(), span.start)?;
                self.open(Open::Seq(Vec::new(), span.start), span.start)?;
            }
            Event::MappingStart(_, tag) => {
                tag_quotes(tag.as_ref(), span.start)?;
                self.open(Open::Map(Vec::new(), None, span.start), span.start)?;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let node = match self.stack.pop() {
                    Some(Open::Seq(items, start)) => Node {
                        span: start..items.last().map_or(span.end, |n| n.span.end),
                        value: NodeValue::Seq(items),
                    },
                    Some(Open::Map(entries, _, start)) => Node {
                        span: start..entries.last().map_or(span.end, |(_, v)| v.span.end),
                        value: NodeValue::Map(entries),
                    },
                    None => return Ok(()),
                };
                self.finish(node);
            }
            _ => {}
        }
        Ok(())
    }

    fn open(&mut self, open: Open, at: usize) -> Result<(), SyntaxError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(too_deep(at));
        }
        self.stack.push(open);
        Ok(())
    }

    fn finish(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Open::Seq(items, _)) => items.push(node),
            Some(Open::Map(entries, key, _)) => match key.take() {
                None => *key = Some(node),
                Some(k) => entries.push((k, node)),
            },
        }
    }
}

impl Node {
    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.value {
            NodeValue::Map(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            NodeValue::Seq(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_scalar(&self) -> Option<&str> {
        match &self.value {
            NodeValue::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// YAML's null: `~`, `null`, or nothing at all after the colon.
    pub fn is_null(&self) -> bool {
        matches!(&self.value, NodeValue::Scalar { text, quoted: false }
            if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// What kind of YAML value this is, for "expected X, found Y" messages.
    pub fn describe(&self) -> &'static str {
        match &self.value {
            NodeValue::Map(_) => "a mapping",
            NodeValue::Seq(_) => "a list",
            NodeValue::Scalar { .. } if self.is_null() => "nothing",
            NodeValue::Scalar { quoted: true, .. } => "a string",
            NodeValue::Scalar { text, .. } if text.parse::<f64>().is_ok() => "a number",
            NodeValue::Scalar { text, .. } if text == "true" || text == "false" => "a boolean",
            NodeValue::Scalar { .. } => "a string",
        }
    }

    /// Converts to plain JSON for free-form `extra:` data and for export.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match &self.value {
            NodeValue::Seq(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            NodeValue::Map(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.as_scalar().unwrap_or_default().to_string(), v.to_json()))
                    .collect(),
            ),
            NodeValue::Scalar { .. } if self.is_null() => Value::Null,
            NodeValue::Scalar { text, quoted: true } => Value::String(text.clone()),
            NodeValue::Scalar { text, .. } => match text.as_str() {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                _ => text
                    .parse::<i64>()
                    .map(Value::from)
                    .ok()
                    .or_else(|| {
                        text.parse::<f64>()
                            .ok()
                            .and_then(serde_json::Number::from_f64)
                            .map(Value::Number)
                    })
                    .unwrap_or_else(|| Value::String(text.clone())),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_point_at_values() {
        let text = "title: Hello\nowner: bob\nlist:\n  - a\n  - b\n";
        let root = parse(text).unwrap();
        let map = root.as_map().unwrap();
        let (k, v) = &map[1];
        assert_eq!(&text[k.span.clone()], "owner");
        assert_eq!(&text[v.span.clone()], "bob");
        let list = map[2].1.as_seq().unwrap();
        assert_eq!(&text[list[1].span.clone()], "b");
    }

    #[test]
    fn non_ascii_spans_are_bytes() {
        let text = "name: Zoë Müller\nteam: ops\n";
        let root = parse(text).unwrap();
        let (_, v) = &root.as_map().unwrap()[1];
        assert_eq!(&text[v.span.clone()], "ops");
    }

    #[test]
    fn syntax_error_has_offset() {
        let text = "title: a\nowner: [bob\n";
        let err = parse(text).unwrap_err();
        assert!(err.offset > 8, "{err:?}");
    }

    #[test]
    fn str_tags_make_text_and_other_tags_are_refused() {
        let root = parse("a: !!str 2500\nb: !!seq [1]\n").unwrap();
        let (_, a) = &root.as_map().unwrap()[0];
        assert_eq!(a.describe(), "a string");
        for text in ["a: !!int 5\n", "a: !custom x\n", "a: !!binary aGk=\n"] {
            let err = parse(text).unwrap_err();
            assert!(err.message.contains("is not supported"), "{text}: {err:?}");
        }
    }

    #[test]
    fn nesting_is_bounded() {
        let flow = |n: usize| format!("a: {}1{}\n", "[".repeat(n), "]".repeat(n));
        let block = |n: usize| {
            let lines: String = (0..n)
                .map(|i| format!("{}-\n", " ".repeat(2 * i)))
                .collect();
            format!("a:\n{lines}")
        };
        for (deep, huge) in [(flow as fn(usize) -> String, 100_000), (block, 2_000)] {
            assert!(parse(&deep(MAX_DEPTH - 1)).is_ok());
            let err = parse(&deep(MAX_DEPTH)).unwrap_err();
            assert!(err.too_deep, "{err:?}");
            let err = parse(&deep(huge)).unwrap_err();
            assert!(err.too_deep, "{err:?}");
        }
    }

    #[test]
    fn empty_is_empty_map() {
        assert_eq!(parse("").unwrap().as_map().map(|m| m.len()), Some(0));
    }
}

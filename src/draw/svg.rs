//! A small writer of SVG markup: elements with attributes, text escaped
//! once here, and coordinates printed short, so that no drawing builds
//! markup by hand and no title can break out of its element.

use crate::text::escape::escape_into;
use std::fmt::{self, Write};

/// A coordinate, printed with at most one decimal (`12`, `12.5`).
#[derive(Debug, Clone, Copy)]
pub struct Px(pub f64);

impl Px {
    /// Appends the coordinate to `out`: in whole tenths, so that no float
    /// is formatted (drawings print thousands of coordinates per build).
    pub fn push_to(self, out: &mut String) {
        // Writing to a String cannot fail.
        let _ = self.write_to(out);
    }

    fn write_to(self, out: &mut impl Write) -> fmt::Result {
        let tenths = (self.0 * 10.0).round() as i64;
        if tenths < 0 {
            out.write_char('-')?;
        }
        let tenths = tenths.unsigned_abs();
        write!(out, "{}", tenths / 10)?;
        if !tenths.is_multiple_of(10) {
            out.write_char('.')?;
            out.write_char(char::from(b'0' + (tenths % 10) as u8))?;
        }
        Ok(())
    }
}

impl fmt::Display for Px {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}

/// An attribute's value: a coordinate or text (escaped when written).
pub enum Attr<'a> {
    Px(f64),
    Text(&'a str),
}

impl From<f64> for Attr<'_> {
    fn from(x: f64) -> Self {
        Attr::Px(x)
    }
}

impl<'a> From<&'a str> for Attr<'a> {
    fn from(s: &'a str) -> Self {
        Attr::Text(s)
    }
}

impl<'a> From<&'a String> for Attr<'a> {
    fn from(s: &'a String) -> Self {
        Attr::Text(s)
    }
}

/// Markup being written, element by element.
#[derive(Default)]
pub struct Svg(String);

impl Svg {
    fn start(&mut self, tag: &str, attrs: &[(&str, Attr)]) {
        // Pieces rather than `write!`: drawings are made for every item page.
        self.0.push('<');
        self.0.push_str(tag);
        for (name, value) in attrs {
            self.0.push(' ');
            self.0.push_str(name);
            self.0.push_str("=\"");
            match value {
                Attr::Px(x) => Px(*x).push_to(&mut self.0),
                Attr::Text(t) => escape_into(&mut self.0, t),
            }
            self.0.push('"');
        }
    }

    /// `<tag attrs>`, closed later by `close`.
    pub fn open(&mut self, tag: &str, attrs: &[(&str, Attr)]) {
        self.start(tag, attrs);
        self.0.push('>');
    }

    pub fn close(&mut self, tag: &str) {
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
    }

    /// `<tag attrs/>`.
    pub fn leaf(&mut self, tag: &str, attrs: &[(&str, Attr)]) {
        self.start(tag, attrs);
        self.0.push_str("/>");
    }

    /// `<tag attrs>text</tag>`.
    pub fn text(&mut self, tag: &str, attrs: &[(&str, Attr)], text: &str) {
        self.open(tag, attrs);
        escape_into(&mut self.0, text);
        self.close(tag);
    }

    /// `<tag attrs><title>title</title></tag>`: a shape with a name that
    /// screen readers and tooltips give.
    pub fn titled(&mut self, tag: &str, attrs: &[(&str, Attr)], title: &str) {
        self.open(tag, attrs);
        self.text("title", &[], title);
        self.close(tag);
    }

    /// `<line class x1 y1 x2 y2/>`.
    pub fn line(&mut self, class: &str, (x1, y1): (f64, f64), (x2, y2): (f64, f64)) {
        let attrs = [("x1", x1), ("y1", y1), ("x2", x2), ("y2", y2)];
        let mut all = vec![("class", Attr::Text(class))];
        all.extend(attrs.map(|(k, v)| (k, Attr::Px(v))));
        self.leaf("line", &all);
    }

    /// Markup written by another `Svg`.
    pub fn raw(&mut self, markup: &str) {
        self.0.push_str(markup);
    }

    pub fn finish(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut svg = Svg::default();
        svg.open("a", &[("href", "x?a=1&b=\"2\"".into())]);
        svg.text("text", &[("x", 1.25.into())], "<script>'");
        svg.close("a");
        assert_eq!(
            svg.finish(),
            "<a href=\"x?a=1&amp;b=&quot;2&quot;\"><text x=\"1.3\">&lt;script&gt;&#x27;</text></a>"
        );
    }

    #[test]
    fn coordinates_are_short() {
        assert_eq!(Px(12.0).to_string(), "12");
        assert_eq!(Px(12.04).to_string(), "12");
        assert_eq!(Px(-0.55).to_string(), "-0.6");
        assert_eq!(Px(-0.04).to_string(), "0");
        assert_eq!(Px(-12.0).to_string(), "-12");
        assert_eq!(Px(880.25).to_string(), "880.3");
    }
}

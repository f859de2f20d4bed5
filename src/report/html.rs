//! A small typed markup builder for HTML and inline SVG.
//!
//! Element and attribute names are `&'static str` (they can only come from this crate's
//! code); attribute values and text go through [`escape`] whatever their type. Markup
//! can only be added as `&'static str` ([`Html::raw`], for the stylesheet) or as
//! another builder ([`Html::append`]). So no string from the data can become markup:
//! the type of each method says what is escaped.

use super::escape::escape;
use std::fmt::{self, Display, Write};

/// An attribute list: static names, any displayable value (escaped when written).
pub type Attrs<'a> = &'a [(&'static str, &'a dyn Display)];

/// A number for geometry: at most two decimals, no trailing zeros, `-0` as `0`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct N(pub f64);

impl Display for N {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = (self.0 * 100.0).round() / 100.0;
        if !r.is_finite() {
            return f.write_str("0");
        }
        if r == r.trunc() {
            let i = r as i64;
            write!(f, "{i}")
        } else {
            let s = format!("{r:.2}");
            f.write_str(s.trim_end_matches('0').trim_end_matches('.'))
        }
    }
}

/// Markup under construction.
#[derive(Debug, Default, Clone)]
pub struct Html {
    buf: String,
    scratch: String,
}

impl Html {
    pub fn new() -> Self {
        Html::default()
    }

    fn open_tag(&mut self, tag: &'static str, attrs: Attrs) {
        self.buf.push('<');
        self.buf.push_str(tag);
        for (name, value) in attrs {
            self.scratch.clear();
            write!(self.scratch, "{value}").expect("writing to a String");
            self.buf.push(' ');
            self.buf.push_str(name);
            self.buf.push_str("=\"");
            self.buf.push_str(&escape(&self.scratch));
            self.buf.push('"');
        }
    }

    /// `<tag attrs>` … what `body` adds … `</tag>`.
    pub fn el(&mut self, tag: &'static str, attrs: Attrs, body: impl FnOnce(&mut Html)) {
        self.open_tag(tag, attrs);
        self.buf.push('>');
        body(self);
        self.close(tag);
    }

    /// `<tag attrs>text</tag>`, the text escaped.
    pub fn leaf(&mut self, tag: &'static str, attrs: Attrs, text: &str) {
        self.open_tag(tag, attrs);
        self.buf.push('>');
        self.text(text);
        self.close(tag);
    }

    /// An element without content: `<tag attrs/>` (valid for HTML void elements and SVG).
    pub fn empty(&mut self, tag: &'static str, attrs: Attrs) {
        self.open_tag(tag, attrs);
        self.buf.push_str("/>");
    }

    fn close(&mut self, tag: &'static str) {
        self.buf.push_str("</");
        self.buf.push_str(tag);
        self.buf.push('>');
    }

    /// Escaped text.
    pub fn text(&mut self, s: &str) {
        self.buf.push_str(&escape(s));
    }

    /// Formatted text, escaped: `h.textf(format_args!("{} projects", n))`.
    pub fn textf(&mut self, args: fmt::Arguments) {
        self.scratch.clear();
        self.scratch.write_fmt(args).expect("writing to a String");
        let s = std::mem::take(&mut self.scratch);
        self.text(&s);
        self.scratch = s;
    }

    /// A line break in the source (keeps the file readable and diffable).
    pub fn nl(&mut self) {
        self.buf.push('\n');
    }

    /// Markup written in this crate's source (the stylesheet, the doctype).
    pub fn raw(&mut self, markup: &'static str) {
        self.buf.push_str(markup);
    }

    /// Markup built by another builder.
    pub fn append(&mut self, other: Html) {
        self.buf.push_str(&other.buf);
    }

    pub fn as_str(&self) -> &str {
        &self.buf
    }

    pub fn into_string(self) -> String {
        self.buf
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_text_are_escaped() {
        let mut h = Html::new();
        let name = "<script>alert(1)</script>";
        h.el("p", &[("title", &name), ("data-n", &3)], |h| {
            h.text(name);
            h.empty("br", &[]);
            h.textf(format_args!("{} & co", "A"));
        });
        assert_eq!(
            h.as_str(),
            "<p title=\"&lt;script&gt;alert(1)&lt;/script&gt;\" data-n=\"3\">\
             &lt;script&gt;alert(1)&lt;/script&gt;<br/>A &amp; co</p>"
        );
    }

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(N(3.0).to_string(), "3");
        assert_eq!(N(2.499).to_string(), "2.5");
        assert_eq!(N(1.0 / 3.0).to_string(), "0.33");
        assert_eq!(N(-0.001).to_string(), "0");
        assert_eq!(N(f64::NAN).to_string(), "0");
    }
}

//! HTML escaping: the only way user text (project names, ids, categories, skills,
//! reasons, scenario names…) enters the report. The same escaping is valid in element
//! content and in double-quoted attribute values, in HTML and in inline SVG.

use std::borrow::Cow;

/// Escapes `&`, `<`, `>`, `"` and `'`, and replaces control characters that HTML
/// forbids (all C0 controls except tab, line feed and carriage return; DEL; C1) with
/// U+FFFD, so that any string from the data shows as text and never as markup.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if forbidden_control(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    matches!(c, '&' | '<' | '>' | '"' | '\'') || forbidden_control(c)
}

fn forbidden_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_becomes_text() {
        assert_eq!(
            escape("<script>alert('x & y')</script>"),
            "&lt;script&gt;alert(&#39;x &amp; y&#39;)&lt;/script&gt;"
        );
        assert_eq!(escape(r#"a"b"#), "a&quot;b");
    }

    #[test]
    fn plain_text_is_borrowed_and_unicode_kept() {
        assert!(matches!(escape("Équipe €—✓"), Cow::Borrowed(_)));
        assert_eq!(escape("Équipe €—✓"), "Équipe €—✓");
    }

    #[test]
    fn forbidden_controls_are_replaced() {
        assert_eq!(escape("a\u{0}b\u{1b}c\td\n"), "a\u{FFFD}b\u{FFFD}c\td\n");
    }

    #[test]
    fn already_escaped_text_is_escaped_again() {
        assert_eq!(escape("&lt;"), "&amp;lt;");
    }
}

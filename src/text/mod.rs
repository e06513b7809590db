//! Text from the strategy's files and its git history, made safe to show
//! anywhere: in a terminal or CI log (where an escape sequence or a
//! carriage return would act), and in XML (which forbids control
//! characters). Its modules write text for every output: HTML escaping
//! (`escape`) and numbers as people read them (`numbers`), shared by the
//! pages, the drawings and the history.

pub mod escape;
pub mod numbers;

use std::borrow::Cow;

/// `text` with each control character but tab, newline and carriage
/// return turned into the visible symbol that stands for it (`␛` for
/// escape), and the two non-characters XML forbids into `�`.
pub fn readable(text: &str) -> Cow<'_, str> {
    shown(text, |c| matches!(c, '\t' | '\n' | '\r'))
}

/// `readable`, with tabs and line breaks shown as symbols too: for one
/// line of a terminal, where a carriage return could hide what precedes it.
pub fn one_line(text: &str) -> Cow<'_, str> {
    shown(text, |_| false)
}

fn shown(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    let control = |c: char| (c.is_ascii_control()) && !keep(c);
    let forbidden = |c: char| control(c) || matches!(c, '\u{fffe}' | '\u{ffff}');
    if !text.chars().any(forbidden) {
        return Cow::Borrowed(text);
    }
    let symbol = |c: char| match c {
        '\u{7f}' => '\u{2421}',
        c if control(c) => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        c if forbidden(c) => '\u{fffd}',
        c => c,
    };
    Cow::Owned(text.chars().map(symbol).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_symbols() {
        assert_eq!(readable("a\x1b[2Jb\tc\n"), "a\u{241b}[2Jb\tc\n");
        assert_eq!(one_line("a\rb\n\x7f"), "a\u{240d}b\u{240a}\u{2421}");
        assert!(matches!(readable("plain é"), Cow::Borrowed(_)));
        assert_eq!(readable("\u{fffe}"), "\u{fffd}");
        assert_eq!(
            readable("a\u{1}b\u{c}c\u{0}\u{7f}\u{ffff}"),
            "a␁b␌c␀␡\u{fffd}"
        );
    }
}

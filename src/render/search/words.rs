//! The words search matches: text folded to lower case without accents,
//! split at anything that is not a letter or digit. `search.js` folds what
//! is typed the same way (`fold` there mirrors `fold` here), so that
//! "zoe" finds "Zoë Müller" and "strasse" finds "Straße".

use pulldown_cmark::{CowStr, Event, Parser};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Letters that carry no combining mark to drop, spelled as their plain
/// Latin equivalents (as `search.js` does).
fn plain(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'ł' => "l",
        'đ' | 'ð' => "d",
        'þ' => "th",
        'ı' => "i",
        _ => return None,
    })
}

/// `text` in lower case, accents removed: `Zoë Müller` → `zoe muller`.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
        for lower in c.to_lowercase() {
            match plain(lower) {
                Some(s) => out.push_str(s),
                None => out.push(lower),
            }
        }
    }
    out
}

/// The folded words of `text`, in order, repeats included.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .flat_map(|w| {
            let folded = fold(w);
            // Folding may bring out separators (`½` → `1⁄2`), never in
            // ASCII: most words are taken as they are, not split again.
            let (whole, parts) = match w.is_ascii() {
                true => (Some(folded), Vec::new()),
                false => {
                    let parts = folded.split(|c: char| !c.is_alphanumeric());
                    let parts = parts.filter(|w| !w.is_empty()).map(String::from);
                    (None, parts.collect())
                }
            };
            whole.into_iter().chain(parts)
        })
}

/// The text a reader sees of Markdown `source`, piece by piece as it is
/// parsed: its text and code, without link targets, HTML or markup.
pub fn markdown_text(source: &str) -> impl Iterator<Item = CowStr<'_>> {
    Parser::new(source).filter_map(|event| match event {
        Event::Text(t) | Event::Code(t) => Some(t),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_case_and_accents() {
        assert_eq!(fold("Zoë Müller"), "zoe muller");
        assert_eq!(fold("José ÁLVAREZ"), "jose alvarez");
        assert_eq!(fold("Nadia Petrović"), "nadia petrovic");
        assert_eq!(fold("Straße, Ærø, Łódź"), "strasse, aero, lodz");
        assert_eq!(fold("ﬁle"), "ﬁle", "compatibility forms are left alone");
        assert_eq!(fold("日本"), "日本");
    }

    #[test]
    fn words_split_at_anything_but_letters_and_digits() {
        let all: Vec<String> = words("Single sign-on (SSO) for Q3'27: café_au_lait").collect();
        assert_eq!(
            all,
            [
                "single", "sign", "on", "sso", "for", "q3", "27", "cafe", "au", "lait"
            ]
        );
    }

    #[test]
    fn markdown_text_keeps_what_a_reader_sees() {
        let source = "## Why\nSee [the *audit* log](../x/audit.md) and `SAML`.<b>bold</b>";
        let all: Vec<String> = markdown_text(source)
            .flat_map(|t| words(&t).collect::<Vec<_>>())
            .collect();
        assert_eq!(
            all,
            ["why", "see", "the", "audit", "log", "and", "saml", "bold"]
        );
    }
}

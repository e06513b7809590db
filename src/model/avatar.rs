//! How a person is pictured wherever they appear (org chart, team pages,
//! cards): their photo from `static/` when they name one, else initials.
//! It travels with every Link to a person, so no page works it out again.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Avatar {
    /// One or two letters: the first of the first and last words of the name.
    pub initials: String,
    /// The photo's address relative to the site root, percent-encoded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub photo: Option<String>,
}

impl Avatar {
    /// `photo` is a path under `static/`, which the site publishes at its
    /// root; one that names no such file is an error of its own (`check`).
    pub fn new(name: &str, photo: Option<&str>) -> Avatar {
        Avatar {
            initials: initials(name),
            photo: photo.map(encode_path),
        }
    }
}

/// "Zoë Müller" → "ZM", "Ada" → "A", "José Álvarez-Ortiz" → "JÁ". Words
/// that start with no letter ("(she/her)", "3rd") are skipped.
fn initials(name: &str) -> String {
    let mut firsts = name
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphabetic());
    let first = firsts.next();
    let last = firsts.next_back();
    first
        .into_iter()
        .chain(last)
        // One letter each, even where the capital is two ("ß" → "S").
        .filter_map(|c| c.to_uppercase().next())
        .collect()
}

/// Percent-encodes what a URL path may not hold as written, keeping `/`.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_take_the_first_and_last_words() {
        assert_eq!(initials("Ada Okafor"), "AO");
        assert_eq!(initials("Zoë van der Müller"), "ZM");
        assert_eq!(initials("ada"), "A");
        assert_eq!(initials("  Wei   Chen (he/him) "), "WC");
        assert_eq!(initials("Person 12"), "P");
        assert_eq!(initials("ßtefan Öz"), "SÖ");
        assert_eq!(initials(""), "");
    }

    #[test]
    fn photos_are_encoded_as_url_paths() {
        let a = Avatar::new("Ada", Some("people/ada okafor.jpg"));
        assert_eq!(a.photo.as_deref(), Some("people/ada%20okafor.jpg"));
        assert_eq!(
            Avatar::new("Zoë", Some("zoë.png")).photo.as_deref(),
            Some("zo%C3%AB.png")
        );
    }
}

//! Reading a built site back: a small HTML tokenizer and a link checker
//! that every build test uses to prove the site is self-contained.

use crate::support::read_tree;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

#[test]
fn link_checker_catches_what_it_should() {
    // The checker itself must be able to fail, or the build tests prove nothing.
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    std::fs::create_dir_all(site.join("sub")).unwrap();
    std::fs::write(site.join("sub/index.html"), "<p id=x>x</p>").unwrap();
    std::fs::write(
        site.join("index.html"),
        r#"<!doctype html><html><head>
        <link rel="stylesheet" href="https://cdn.example.com/x.css">
        <link rel="stylesheet" href="style.css">
        <script src="//cdn.example.com/x.js"></script>
        <style>body { background: url('http://img.example.com/bg.png') }</style>
        </head><body>
        <a href="sub/">folder</a>
        <a href="sub&#x2F;index.html#x">fine</a>
        <a href="missing.html?q=1">missing</a>
        <a href="/abs/index.html">absolute</a>
        <a href="https://example.com/">external anchor</a>
        <a href="mailto:a@example.com">mail</a>
        <img src="data:image/png;base64,AAAA" alt="">
        <img src="../outside.png" alt="">
        </body></html>"#,
    )
    .unwrap();
    std::fs::write(
        site.join("style.css"),
        "@font-face { src: url(\"https://fonts.example.com/f.woff2\") }\n.a { background: url(sub/index.html) }\n",
    )
    .unwrap();
    let report = check_site(site);
    assert_eq!(
        report.problems,
        [
            "index.html: remote asset https://cdn.example.com/x.css in <link href>",
            "index.html: remote asset //cdn.example.com/x.js in <script src>",
            "index.html: link to a folder sub/ in <a href> (name its index.html)",
            "index.html: missing file missing.html?q=1 in <a href>",
            "index.html: site-absolute link /abs/index.html in <a href>",
            "index.html: link leaves the site ../outside.png in <img src>",
            "index.html: remote asset http://img.example.com/bg.png in url()",
            "style.css: remote asset https://fonts.example.com/f.woff2 in url()",
        ]
    );
    assert_eq!(
        report.external_anchors,
        BTreeSet::from(["https://example.com/".to_string()])
    );
}

// ---------------------------------------------------------------- helpers

pub fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// A page without the theme's one script, the search box's: what is left
/// must run nothing.
pub fn without_search_script(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<script src=\"") {
        let tag = &rest[start..];
        let end = tag.find("</script>").map_or(tag.len(), |e| e + 9);
        let src = tag[13..end].strip_suffix(r#"search.js" defer></script>"#);
        let search = src.is_some_and(|root| root.replace("../", "").is_empty() || root == "/");
        out.push_str(&rest[..start]);
        if !search {
            out.push_str(&tag[..end]);
        }
        rest = &tag[end..];
    }
    out.push_str(rest);
    out
}

/// The `<main>` element of a page: the part a page's own content lives in.
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main").unwrap_or(0);
    let end = html.rfind("</main>").map_or(html.len(), |e| e + 7);
    &html[start..end]
}

/// The text of built page `page` of the site in `out`.
pub fn read_page(out: &Path, page: &str) -> String {
    std::fs::read_to_string(out.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"))
}

/// Every `href` of a page, decoded.
pub fn hrefs(out: &Path, page: &str) -> BTreeSet<String> {
    let html = read_page(out, page);
    tags(&html)
        .into_iter()
        .flat_map(|t| t.attrs)
        .filter(|(name, _)| name == "href")
        .map(|(_, value)| value)
        .collect()
}

/// The `href`s of links in a page's Markdown body (`.prose`), in order.
pub fn body_hrefs(out: &Path, page: &str) -> Vec<String> {
    let html = read_page(out, page);
    let start = html
        .find(r#"<div class="prose">"#)
        .unwrap_or_else(|| panic!("{page} has no body"));
    let end = start + html[start..].find("</div>").unwrap();
    tags(&html[start..end])
        .into_iter()
        .filter(|t| t.name == "a")
        .flat_map(|t| t.attrs)
        .filter(|(name, _)| name == "href")
        .map(|(_, value)| value)
        .collect()
}

#[derive(Debug, Default)]
pub struct SiteReport {
    pub pages: usize,
    pub css_files: usize,
    pub internal_links: usize,
    pub external_anchors: BTreeSet<String>,
    pub problems: Vec<String>,
}

/// Walks every HTML and CSS file of a built site: relative links must name
/// existing files (not folders), nothing but 404.html is site-absolute, and nothing but
/// `<a>` anchors points to another host.
pub fn check_site(out: &Path) -> SiteReport {
    let files = read_tree(out);
    let mut report = SiteReport::default();
    for (rel, bytes) in &files {
        let is_html = rel.ends_with(".html");
        let is_css = rel.ends_with(".css");
        if !is_html && !is_css {
            continue;
        }
        let text = String::from_utf8_lossy(bytes);
        let mut links: Vec<(String, String)> = Vec::new();
        if is_html {
            report.pages += 1;
            for tag in tags(&text) {
                for (name, value) in &tag.attrs {
                    if ["href", "src", "xlink:href", "poster", "action"].contains(&name.as_str()) {
                        links.push((format!("<{} {name}>", tag.name), value.clone()));
                    }
                }
            }
        } else {
            report.css_files += 1;
        }
        for url in css_urls(&text) {
            links.push(("url()".into(), url));
        }
        for (place, value) in links {
            let lower = value.to_ascii_lowercase();
            let problem = if lower.starts_with("http://")
                || lower.starts_with("https://")
                || lower.starts_with("//")
            {
                if place == "<a href>" {
                    report.external_anchors.insert(value.clone());
                    None
                } else {
                    Some("remote asset")
                }
            } else if lower.starts_with("javascript:") {
                Some("script URL")
            } else if has_scheme(&lower) || lower.starts_with('#') {
                None
            } else if lower.starts_with('/') && rel == "404.html" {
                // A server shows 404.html at any depth, so it links from
                // `base_url` (here `/`) instead; those links must resolve too.
                report.internal_links += 1;
                resolve(&files, out, "index.html", &value[1..])
            } else if lower.starts_with('/') {
                Some("site-absolute link")
            } else if value.is_empty() {
                Some("empty link")
            } else {
                report.internal_links += 1;
                resolve(&files, out, rel, &value)
            };
            if let Some(problem) = problem {
                let hint = if problem == "link to a folder" {
                    " (name its index.html)"
                } else {
                    ""
                };
                report
                    .problems
                    .push(format!("{rel}: {problem} {value} in {place}{hint}"));
            }
        }
    }
    report
}

fn has_scheme(url: &str) -> bool {
    url.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && !s.contains('/')
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    })
}

/// Resolves a relative URL found in `from` against the site's files.
fn resolve(
    files: &BTreeMap<String, Vec<u8>>,
    out: &Path,
    from: &str,
    url: &str,
) -> Option<&'static str> {
    let path = url.split(['#', '?']).next().unwrap_or_default();
    if path.is_empty() {
        return None;
    }
    let mut parts: Vec<String> = from.split('/').map(String::from).collect();
    parts.pop();
    for c in Path::new(&percent_decode(path)).components() {
        match c {
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            Component::ParentDir => {
                let Some(_) = parts.pop() else {
                    return Some("link leaves the site");
                };
            }
            _ => {}
        }
    }
    let joined = parts.join("/");
    if files.contains_key(&joined) {
        None
    } else if path.ends_with('/') || out.join(PathBuf::from(&joined)).is_dir() {
        Some("link to a folder")
    } else {
        Some("missing file")
    }
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).unwrap_or("");
            if let Ok(v) = u8::from_str_radix(hex, 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The values of every `url(...)` in CSS (a stylesheet, a `<style>` or a
/// `style` attribute) and of `@import "..."`.
fn css_urls(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("url(") {
        let after = &rest[i + 4..];
        let end = after.find(')').unwrap_or(after.len());
        let value = decode_entities(after[..end].trim().trim_matches(['"', '\'']));
        out.push(value);
        rest = &after[end..];
    }
    let mut rest = text;
    while let Some(i) = rest.find("@import") {
        let after = rest[i + 7..].trim_start();
        if let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') {
            let inner = &after[1..];
            out.push(inner[..inner.find(q).unwrap_or(inner.len())].to_string());
        }
        rest = &rest[i + 7..];
    }
    out
}

#[derive(Debug)]
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
}

/// A small HTML tokenizer: the start tags of a document with their
/// attributes (values entity-decoded); comments and the insides of
/// `<script>` and `<style>` are skipped.
fn tags(html: &str) -> Vec<Tag> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let start = i + off + 1;
        let rest = &html[start..];
        if rest.starts_with("!--") {
            i = rest.find("-->").map_or(html.len(), |e| start + e + 3);
            continue;
        }
        let name_len = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..name_len].to_ascii_lowercase();
        if name.is_empty() || !name.chars().next().unwrap().is_ascii_alphabetic() {
            i = start;
            continue;
        }
        let mut j = start + name_len;
        let bytes = html.as_bytes();
        let mut attrs = Vec::new();
        while j < html.len() {
            let c = bytes[j];
            if c.is_ascii_whitespace() || c == b'/' {
                j += 1;
                continue;
            }
            if c == b'>' {
                j += 1;
                break;
            }
            let name_end = html[j..]
                .find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/')
                .map_or(html.len(), |e| j + e);
            let attr = html[j..name_end].to_ascii_lowercase();
            j = name_end;
            while j < html.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value = String::new();
            if j < html.len() && bytes[j] == b'=' {
                j += 1;
                while j < html.len() && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < html.len() && (bytes[j] == b'"' || bytes[j] == b'\'') {
                    let q = bytes[j] as char;
                    let end = html[j + 1..].find(q).map_or(html.len(), |e| j + 1 + e);
                    value = html[j + 1..end].to_string();
                    j = (end + 1).min(html.len());
                } else {
                    let end = html[j..]
                        .find(|c: char| c.is_whitespace() || c == '>')
                        .map_or(html.len(), |e| j + e);
                    value = html[j..end].to_string();
                    j = end;
                }
            }
            attrs.push((attr, decode_entities(&value)));
        }
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            j = html[j..].find(&close).map_or(html.len(), |e| j + e);
            // A <style> still gets its url()s checked, by css_urls on the whole text.
        }
        out.push(Tag { name, attrs });
        i = j;
    }
    out
}

fn decode_entities(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let Some(semi) = after.find(';').filter(|n| *n <= 10) else {
            out.push('&');
            rest = &after[1..];
            continue;
        };
        let entity = &after[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e if e.starts_with("#x") || e.starts_with("#X") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

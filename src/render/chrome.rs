//! The site's header and footer (`partials/header.html`, `partials/footer.html`):
//! the same on every page of one folder depth and navigation section, so
//! each is rendered once per pair and placed as is. On 10,000 item pages
//! rendering them again took a quarter of Tera's time.

use super::theme::Theme;
use anyhow::{Result, anyhow};
use rustc_hash::FxHashMap;
use serde_json::{Value as Json, json};
use std::sync::{Arc, Mutex};

const PARTS: [(&str, &str); 2] = [
    ("header_html", "partials/header.html"),
    ("footer_html", "partials/footer.html"),
];

/// The header and footer of a `(root, section)`.
type Made = FxHashMap<(String, String), Arc<[String; 2]>>;

/// The header and footer made so far.
#[derive(Default)]
pub struct Chrome(Mutex<Made>);

impl Chrome {
    /// Adds `header_html` and `footer_html` to `context`, a page's, which
    /// holds `root` and `section` and the names every page has (`shared`).
    pub fn add(&self, theme: &Theme, shared: &Json, context: &mut Json) -> Result<()> {
        let root = context["root"].as_str().unwrap_or_default();
        let section = context["section"].as_str().unwrap_or_default();
        let key = (root.to_string(), section.to_string());
        let found = self.lock().get(&key).cloned();
        let parts = match found {
            Some(parts) => parts,
            None => {
                let made = Arc::new(make(theme, shared, root, section)?);
                self.lock().entry(key).or_insert(made).clone()
            }
        };
        for ((name, _), html) in PARTS.iter().zip(parts.iter()) {
            context[*name] = Json::String(html.clone());
        }
        Ok(())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Made> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn make(theme: &Theme, shared: &Json, root: &str, section: &str) -> Result<[String; 2]> {
    let mut context = shared.clone();
    context["root"] = json!(root);
    context["section"] = json!(section);
    let render = |template: &str| {
        theme
            .render(template, context.clone())
            .map_err(|e| anyhow!("cannot render {template}: {e}"))
    };
    Ok([render(PARTS[0].1)?, render(PARTS[1].1)?])
}

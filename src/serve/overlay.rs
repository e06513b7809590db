//! What `serve` adds to pages, and never `build`: a small script that
//! reloads the page when the site changes, and the page that shows the
//! diagnostics in the browser while the strategy is broken (or says that
//! its folder is gone).

use super::body::Body;
use crate::diagnostics::{Format, Renderer, Severity};
use crate::project::Project;
use crate::text::escape::escape;
use std::path::Path;
use std::sync::Arc;

/// Polls `/__charter/reload` (a long poll: it answers when the site
/// changes) and reloads the page then.
fn reload_script(generation: u64) -> String {
    format!(
        r#"<script>(function(){{var g={generation};function poll(){{fetch("/__charter/reload?since="+g,{{cache:"no-store"}}).then(function(r){{return r.json()}}).then(function(d){{if(d.generation!==g){{location.reload()}}else{{poll()}}}}).catch(function(){{setTimeout(poll,1000)}})}}poll()}})();</script>"#
    )
}

pub fn with_reload_script(html: Vec<u8>, generation: u64) -> Vec<u8> {
    let script = reload_script(generation);
    let text = String::from_utf8_lossy(&html);
    let out = match text.rfind("</body>") {
        Some(i) => format!("{}{script}{}", &text[..i], &text[i..]),
        None => format!("{text}{script}"),
    };
    out.into_bytes()
}

/// The page shown in place of every page while the strategy has errors
/// (or a template cannot be rendered): each problem as `check` prints it.
pub fn page(project: Option<&Project>, failure: Option<&str>, generation: u64) -> Body {
    let mut items = String::new();
    if let Some(project) = project {
        let source = |p: &str| project.source(p);
        let renderer = Renderer {
            format: Format::Human,
            color: false,
            source: &source,
            repo_prefix: "",
        };
        for d in project.diagnostics_sorted() {
            let class = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let mut text = Vec::new();
            let _ = renderer.write(&mut text, std::slice::from_ref(&d));
            items.push_str(&format!(
                "<li class=\"{class}\"><pre>{}</pre></li>",
                escape(String::from_utf8_lossy(&text).trim_end())
            ));
        }
    }
    if let Some(f) = failure {
        items.push_str(&format!(
            "<li class=\"error\"><pre>{}</pre></li>",
            escape(f)
        ));
    }
    show(
        "Strategy has problems",
        "The strategy has problems",
        "Fix them and this page reloads by itself.",
        &items,
        500,
        generation,
    )
}

/// What the terminal and every page say while the strategy folder is not
/// there.
pub fn gone_message(root: &Path) -> String {
    format!(
        "the strategy folder {} is gone (moved or deleted); waiting for it to come back",
        root.display()
    )
}

/// The page shown in place of every page while the folder is gone.
pub fn gone(root: &Path, generation: u64) -> Body {
    let item = format!(
        "<li class=\"error\"><pre>{}</pre></li>",
        escape(&gone_message(root))
    );
    show(
        "Strategy folder gone",
        "The strategy folder is gone",
        "Put it back and this page reloads by itself.",
        &item,
        503,
        generation,
    )
}

fn show(title: &str, heading: &str, lead: &str, items: &str, status: u16, generation: u64) -> Body {
    let html = format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · charter</title>
<style>
body{{font:16px/1.5 system-ui,sans-serif;margin:0;background:#fff7f7;color:#1f1f1f}}
main{{max-width:60rem;margin:2rem auto;padding:0 1rem}}
h1{{font-size:1.5rem;color:#a11}} ul{{list-style:none;padding:0}}
li{{background:#fff;border:1px solid #e5c4c4;border-left:4px solid #c22;border-radius:6px;padding:.75rem 1rem;margin:.75rem 0}}
li.warning{{border-left-color:#c80}} p{{margin:.2rem 0}}
pre{{white-space:pre-wrap;margin:0;font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace;overflow-x:auto}}
@media (prefers-color-scheme:dark){{body{{background:#201616;color:#eee}}li{{background:#2a2020;border-color:#5a3a3a}}h1{{color:#f88}}}}
</style></head><body><main>
<h1>{heading}</h1>
<p>{lead}</p>
<ul>{items}</ul>
</main></body></html>"#
    );
    Body {
        status,
        content_type: "text/html; charset=utf-8",
        bytes: Arc::new(with_reload_script(html.into_bytes(), generation)),
    }
}

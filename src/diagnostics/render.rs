//! Prints diagnostics for people (rustc style, via annotate-snippets), for
//! machines (one JSON object per line) and for GitHub Actions (workflow
//! commands that annotate the pull request).

use super::{Diagnostic, Severity, line_col};
use crate::text::one_line;
use annotate_snippets::{AnnotationKind, Group, Level, Snippet};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Human,
    Json,
    Github,
}

/// Renders diagnostics against the text of the files they point into.
pub struct Renderer<'a> {
    pub format: Format,
    pub color: bool,
    /// The text of a file, by its path relative to the strategy root.
    pub source: &'a dyn Fn(&str) -> Option<&'a str>,
    /// The strategy root's path in its git repository (`"strategy/"`),
    /// put before the files GitHub annotations name: GitHub finds them
    /// from the repository's root.
    pub repo_prefix: &'a str,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    code: &'a str,
    message: &'a str,
    file: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
    help: Option<&'a str>,
}

impl Renderer<'_> {
    pub fn write(&self, out: &mut dyn Write, diagnostics: &[Diagnostic]) -> io::Result<()> {
        for d in diagnostics {
            match self.format {
                Format::Human => writeln!(out, "{}\n", self.human(d))?,
                Format::Json => writeln!(out, "{}", self.json(d))?,
                Format::Github => writeln!(out, "{}", self.github(d))?,
            }
        }
        Ok(())
    }

    fn position(&self, d: &Diagnostic) -> Option<(usize, usize)> {
        let text = (self.source)(d.file.as_deref()?)?;
        Some(line_col(text, d.span.as_ref()?.start))
    }

    fn human(&self, d: &Diagnostic) -> String {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let message = one_line(&d.message);
        let mut group = Group::with_title(level.primary_title(&*message).id(d.code.0));
        let text = d.file.as_deref().and_then(|f| (self.source)(f));
        let (file, label, help) = (
            d.file.as_deref().map(one_line),
            d.label.as_deref().map(one_line),
            d.help.as_deref().map(one_line),
        );
        match (&file, &d.span, text) {
            (Some(file), Some(span), Some(text)) => {
                let mut annotation = AnnotationKind::Primary.span(clamp(text, span));
                if let Some(label) = &label {
                    annotation = annotation.label(&**label);
                }
                group = group.element(Snippet::source(text).path(&**file).annotation(annotation));
            }
            (Some(file), _, _) => {
                group = group.element(annotate_snippets::Origin::path(&**file));
            }
            _ => {}
        }
        if let Some(help) = &help {
            group = group.element(Level::HELP.message(&**help));
        }
        let report: &[Group] = &[group];
        let renderer = if self.color {
            annotate_snippets::Renderer::styled()
        } else {
            annotate_snippets::Renderer::plain()
        };
        renderer.render(report)
    }

    fn json(&self, d: &Diagnostic) -> String {
        let position = self.position(d);
        let json = JsonDiagnostic {
            severity: d.severity,
            code: d.code.0,
            message: &d.message,
            file: d.file.as_deref(),
            line: position.map(|p| p.0),
            column: position.map(|p| p.1),
            help: d.help.as_deref(),
        };
        serde_json::to_string(&json).unwrap_or_default()
    }

    fn github(&self, d: &Diagnostic) -> String {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut props = Vec::new();
        if let Some(file) = &d.file {
            let path = format!("{}{file}", self.repo_prefix);
            props.push(format!("file={}", escape_property(&path)));
        }
        if let Some((line, col)) = self.position(d) {
            props.push(format!("line={line}"));
            props.push(format!("col={col}"));
        }
        props.push(format!("title={}", escape_property(d.code.0)));
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        format!("::{command} {}::{}", props.join(","), escape_data(&message))
    }
}

/// A span that runs past the end of the text or into a character is
/// widened to whole characters inside the text, so any span renders.
fn clamp(text: &str, span: &std::ops::Range<usize>) -> std::ops::Range<usize> {
    let mut end = span.end.min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let mut start = span.start.min(end);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    start..end
}

// GitHub's workflow-command escaping: data escapes `%`, CR and LF;
// properties also escape `:` and `,`.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Code;

    fn sample() -> Diagnostic {
        Diagnostic::new(Code::UNKNOWN_REF, "unknown person `bob` in `owner`")
            .at("roadmap/sso.md", 35..38)
            .label("no people/bob.md or people/bob.yaml")
            .help("did you mean `bobby`?")
    }

    const TEXT: &str = "---\ntitle: SSO\nstatus: idea\nowner: bob\n---\n";

    #[test]
    fn sample_span_is_bob() {
        assert_eq!(&TEXT[35..38], "bob");
    }

    fn render(format: Format) -> String {
        let source = |_: &str| Some(TEXT);
        let r = Renderer {
            format,
            color: false,
            source: &source,
            repo_prefix: "",
        };
        let mut out = Vec::new();
        r.write(&mut out, &[sample()]).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn human_points_at_the_value() {
        let out = render(Format::Human);
        assert!(
            out.starts_with("error[E0102]: unknown person `bob` in `owner`"),
            "{out}"
        );
        assert!(out.contains("--> roadmap/sso.md:4:8"), "{out}");
        assert!(
            out.contains("^^^ no people/bob.md or people/bob.yaml"),
            "{out}"
        );
        assert!(out.contains("= help: did you mean `bobby`?"), "{out}");
    }

    #[test]
    fn human_output_shows_control_characters_as_symbols() {
        let d = Diagnostic::new(Code::UNKNOWN_REF, "unknown person `x\x1b[2J` in `owner`")
            .at("roadmap/\x1b]0;t\x07.md", 35..38)
            .label("no people/x\x1b[2J.md")
            .help("did you mean \x1b[31m?");
        let source = |_: &str| Some(TEXT);
        let r = Renderer {
            format: Format::Human,
            color: false,
            source: &source,
            repo_prefix: "",
        };
        let mut out = Vec::new();
        r.write(&mut out, &[d]).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(!out.contains('\x1b') && !out.contains('\x07'), "{out:?}");
        assert!(out.contains("no people/x\u{241b}[2J.md"), "{out}");
    }

    #[test]
    fn json_has_line_and_column() {
        let v: serde_json::Value = serde_json::from_str(render(Format::Json).trim()).unwrap();
        assert_eq!(v["line"], 4);
        assert_eq!(v["column"], 8);
        assert_eq!(v["severity"], "error");
        assert_eq!(v["file"], "roadmap/sso.md");
    }

    #[test]
    fn github_escapes() {
        let out = render(Format::Github);
        assert!(
            out.starts_with("::error file=roadmap/sso.md,line=4,col=8,title=E0102::"),
            "{out}"
        );
        assert!(out.contains("%0Ahelp: did you mean"), "{out}");
    }
}

//! One HTTP request: the host checked, the path decoded and kept inside
//! the site, the long poll that tells pages to reload, and headers that
//! keep browsers from showing a stale page.

use super::body::Body;
use super::host::Hosts;
use super::live::LiveSite;
use super::server::{Answer, Handler};
use super::wire::{Request, Response};
use crate::validate::links::percent_decode;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long a reload poll waits before answering "nothing changed".
const POLL: Duration = Duration::from_secs(25);

pub struct Preview {
    pub site: Arc<LiveSite>,
    pub hosts: Hosts,
}

impl Handler for Preview {
    fn answer(&self, request: &Request) -> Answer {
        // HTTP/1.0 may leave the host out; browsers, which DNS rebinding
        // needs, always send it.
        let host = request.header("host");
        if (host.is_some() || request.minor > 0)
            && let Err(why) = self.hosts.check(host)
        {
            return Answer::Now(respond(plain(403, &why), None));
        }
        let target = request.target.as_str();
        let body = match (request.method.as_str(), target.split_once('?')) {
            ("GET" | "HEAD", Some(("/__charter/reload", query))) => return self.reload(query),
            ("GET" | "HEAD", _) => match site_path(target) {
                Ok(Resolved::File(path)) => {
                    let site = &self.site;
                    site.get(&path).unwrap_or_else(|| site.not_found())
                }
                Ok(Resolved::Redirect(to)) => {
                    return Answer::Now(respond(plain(301, ""), Some(to)));
                }
                Err(status) => plain(status, "Bad request"),
            },
            _ => plain(405, "Method not allowed"),
        };
        Answer::Now(respond(body, None))
    }
}

impl Preview {
    /// Answers once the site changes after generation `since=`, or after
    /// [`POLL`]; the page reloads if the generation it gets is not its own.
    fn reload(&self, query: &str) -> Answer {
        let since = query
            .split('&')
            .find_map(|kv| kv.strip_prefix("since="))
            .and_then(|v| v.parse().ok())
            .unwrap_or(u64::MAX);
        let generation = self.site.generation();
        let now = Body {
            status: 200,
            content_type: "application/json",
            bytes: Arc::new(format!("{{\"generation\":{generation}}}").into_bytes()),
        };
        match generation == since {
            true => Answer::Wait {
                until: Instant::now() + POLL,
                then: respond(now, None),
            },
            false => Answer::Now(respond(now, None)),
        }
    }
}

fn respond(body: Body, location: Option<String>) -> Response {
    let mut headers = vec![
        ("Content-Type", body.content_type.to_string()),
        ("Cache-Control", "no-store".to_string()),
    ];
    headers.extend(location.map(|to| ("Location", to)));
    Response {
        status: body.status,
        headers,
        body: body.bytes,
    }
}

fn plain(status: u16, text: &str) -> Body {
    Body {
        status,
        content_type: "text/plain; charset=utf-8",
        bytes: Arc::new(text.as_bytes().to_vec()),
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A file of the site, relative to its root.
    File(String),
    /// A folder asked for without its trailing slash.
    Redirect(String),
}

/// Turns a request target into a path inside the site. Each segment is
/// decoded on its own, so `%2e%2e` and `%2f` cannot climb out; anything
/// that would is a 400.
pub fn site_path(target: &str) -> Result<Resolved, u16> {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let Some(path) = path.strip_prefix('/') else {
        return Err(400);
    };
    let mut segments = Vec::new();
    for raw in path.split('/') {
        let segment = percent_decode(raw).ok_or(400u16)?;
        if segment == ".." || segment == "." || segment.contains(['/', '\\', '\0']) {
            return Err(400);
        }
        segments.push(segment);
    }
    // Only the last segment may be empty (`/roadmap/`): `//host` must not
    // become a redirect to another site.
    if segments[..segments.len() - 1].iter().any(String::is_empty) {
        return Err(400);
    }
    let last = segments.last().map(String::as_str).unwrap_or_default();
    if last.is_empty() {
        segments.pop();
        segments.push("index.html".into());
    } else if !last.contains('.') {
        return Ok(Resolved::Redirect(format!("/{path}/")));
    }
    Ok(Resolved::File(segments.join("/")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_site() {
        assert_eq!(site_path("/"), Ok(Resolved::File("index.html".into())));
        assert_eq!(
            site_path("/roadmap/sso/"),
            Ok(Resolved::File("roadmap/sso/index.html".into()))
        );
        assert_eq!(
            site_path("/roadmap/sso"),
            Ok(Resolved::Redirect("/roadmap/sso/".into()))
        );
        assert_eq!(
            site_path("/style.css?v=1"),
            Ok(Resolved::File("style.css".into()))
        );
        assert_eq!(
            site_path("/a%20b.png"),
            Ok(Resolved::File("a b.png".into()))
        );
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/a%2f..%2f..%2fb.txt",
            "/x/%2E%2E/y.css",
            "relative",
            "/a\\..\\b.txt",
            "/%zz.css",
            "/a//b.css",
        ] {
            assert_eq!(site_path(bad), Err(400), "{bad}");
        }
    }
}

//! HTTP/1.1 on the wire, as much as a preview server needs: reading a
//! request head (GET and HEAD; bodies are never read) and writing a
//! response with its length, so that connections can be kept alive.

use std::io::{self, Write};
use std::ops::Range;
use std::sync::Arc;

/// The largest request head accepted; browsers send well under 8 KiB.
pub const MAX_HEAD: usize = 16 * 1024;

#[derive(Debug)]
pub struct Request {
    pub method: String,
    pub target: String,
    /// The minor version: 0 for HTTP/1.0, 1 for HTTP/1.1.
    pub minor: u8,
    headers: Vec<(String, String)>,
}

impl Request {
    /// The value of header `name` (the first, if sent more than once).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Whether the client wants the connection kept open afterwards (an
    /// HTTP/1.0 client would need to be told; it is simpler to close).
    pub fn keep_alive(&self) -> bool {
        let connection = self.header("connection").unwrap_or_default();
        self.minor > 0
            && !connection
                .split(',')
                .any(|t| t.trim().eq_ignore_ascii_case("close"))
    }

    /// Whether a body follows the head: it is not read, so the connection
    /// cannot be used again.
    pub fn has_body(&self) -> bool {
        self.headers.iter().any(|(n, v)| {
            n.eq_ignore_ascii_case("transfer-encoding")
                || (n.eq_ignore_ascii_case("content-length") && v.trim() != "0")
        })
    }
}

/// How far a head still arriving has been looked at, so that each byte is
/// looked at once however slowly the head comes.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Scan {
    /// Where the head starts, after any empty lines before it (RFC 9112
    /// asks to skip them).
    start: usize,
    /// Where the line being read starts.
    line: usize,
    seen: usize,
}

/// The range the head takes in `buf` (the next request starts at its
/// end), once its empty line has arrived.
pub fn head_end(buf: &[u8], scan: &mut Scan) -> Option<Range<usize>> {
    while let Some(i) = buf[scan.seen..].iter().position(|b| *b == b'\n') {
        let end = scan.seen + i + 1;
        let empty = matches!(&buf[scan.line..end - 1], b"" | b"\r");
        let line = std::mem::replace(&mut scan.line, end);
        scan.seen = end;
        match (empty, line == scan.start) {
            (true, true) => scan.start = end,
            (true, false) => {
                let head = scan.start..end;
                *scan = Scan::default();
                return Some(head);
            }
            (false, _) => {}
        }
    }
    scan.seen = buf.len();
    None
}

/// Parses a complete head (as [`head_end`] finds it); the error is the
/// status to answer with before closing the connection.
pub fn parse(head: &[u8]) -> Result<Request, u16> {
    let text = std::str::from_utf8(head).map_err(|_| 400u16)?;
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let request_line = lines.next().unwrap_or_default();
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(400);
    };
    // A control character in the target would reach the `Location` of a
    // redirect, where a carriage return could add headers.
    let target_ok = !target.is_empty() && !target.bytes().any(|b| b.is_ascii_control());
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) || !target_ok {
        return Err(400);
    }
    let minor = match version {
        "HTTP/1.1" => 1,
        "HTTP/1.0" => 0,
        v if v.starts_with("HTTP/") => return Err(505),
        _ => return Err(400),
    };
    let mut headers = Vec::new();
    for line in lines.take_while(|l| !l.is_empty()) {
        // A folded line, or a space before the colon, is how requests get
        // smuggled past proxies; RFC 9112 says to reject both.
        let Some((name, value)) = line.split_once(':') else {
            return Err(400);
        };
        if name.is_empty() || name.contains([' ', '\t']) || line.starts_with([' ', '\t']) {
            return Err(400);
        }
        headers.push((name.to_string(), value.trim().to_string()));
    }
    // Two hosts would leave it to chance which one the Host check sees.
    if headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("host"))
        .count()
        > 1
    {
        return Err(400);
    }
    Ok(Request {
        method: method.to_string(),
        target: target.to_string(),
        minor,
        headers,
    })
}

pub struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Arc<Vec<u8>>,
}

impl Response {
    /// A short plain-text answer.
    pub fn text(status: u16, text: &str) -> Response {
        Response {
            status,
            headers: vec![("Content-Type", "text/plain; charset=utf-8".into())],
            body: Arc::new(format!("{text}\n").into_bytes()),
        }
    }

    /// The status line and headers; `close` says the connection ends here.
    pub fn head(&self, close: bool) -> Vec<u8> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n", self.body.len()));
        if close {
            head.push_str("Connection: close\r\n");
        }
        head.push_str("\r\n");
        head.into_bytes()
    }

    /// Writes the whole response at once: for small answers, from a thread
    /// that must not wait (the write fails rather than block).
    pub fn write_small(
        &self,
        out: &mut impl Write,
        with_body: bool,
        close: bool,
    ) -> io::Result<()> {
        let mut bytes = self.head(close);
        if with_body {
            bytes.extend_from_slice(&self.body);
        }
        out.write_all(&bytes)
    }
}

pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_where_a_head_ends() {
        let end = |buf: &[u8]| head_end(buf, &mut Scan::default());
        assert_eq!(end(b"GET / HTTP/1.1\r\nHost: a\r\n\r\nnext"), Some(0..27));
        assert_eq!(end(b"\r\n\nGET / HTTP/1.1\n\n"), Some(3..19));
        assert_eq!(end(b"GET / HTTP/1.1\r\nHost: a\r\n"), None);
        assert_eq!(end(b"\r\n\r\n"), None);
        assert_eq!(end(b""), None);
        // Arriving a byte at a time, it is found all the same.
        let whole = b"\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n";
        let mut scan = Scan::default();
        for n in 1..whole.len() {
            assert_eq!(head_end(&whole[..n], &mut scan), None, "{n}");
        }
        assert_eq!(head_end(whole, &mut scan), Some(2..whole.len()));
        assert_eq!(scan, Scan::default());
    }

    #[test]
    fn parses_request_heads() {
        let r = parse(b"GET /a?b HTTP/1.1\r\nHost: x:1\r\nConnection: Close\r\n\r\n").unwrap();
        assert_eq!(
            (r.method.as_str(), r.target.as_str(), r.minor),
            ("GET", "/a?b", 1)
        );
        assert_eq!(r.header("HOST"), Some("x:1"));
        assert!(!r.keep_alive() && !r.has_body());
        let old = parse(b"HEAD / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").unwrap();
        assert!(!old.keep_alive() && old.header("host").is_none());
        let body = parse(b"POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\n").unwrap();
        assert!(body.keep_alive() && body.has_body());
        for (bad, status) in [
            (&b"GET / HTTP/2.0\r\n\r\n"[..], 505),
            (b"GET /  HTTP/1.1\r\n\r\n", 400),
            (b"GET / HTTP/1.1 x\r\n\r\n", 400),
            (b"get / HTTP/1.1\r\n\r\n", 400),
            (b"GET / FTP/1.1\r\n\r\n", 400),
            (b"GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400),
            (b"GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n", 400),
            (b"GET / HTTP/1.1\r\nno colon\r\n\r\n", 400),
            (b"GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n", 400),
            (b"GET /\xff HTTP/1.1\r\n\r\n", 400),
            (b"GET /a\rSet-Cookie:x HTTP/1.1\r\n\r\n", 400),
        ] {
            assert_eq!(
                parse(bad).err(),
                Some(status),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    #[test]
    fn writes_the_length_and_leaves_out_the_body_of_a_head_request() {
        let r = Response::text(404, "Not found");
        let mut out = Vec::new();
        r.write_small(&mut out, false, true).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain; charset=utf-8\r\n\
             Content-Length: 10\r\nConnection: close\r\n\r\n"
        );
    }
}

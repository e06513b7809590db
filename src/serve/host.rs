//! Which host names the preview answers to. Without this check a page on
//! another site could point its own name at 127.0.0.1 (DNS rebinding) and
//! read the preview as if it were that site. The rule is Vite's: IP
//! addresses, `localhost` and its subdomains, and the names given with
//! `--allow-host` (`.example.com` for that name and all its subdomains).

use std::net::{Ipv4Addr, Ipv6Addr};

pub struct Hosts {
    allowed: Vec<String>,
}

impl Hosts {
    pub fn new(names: &[String]) -> Hosts {
        Hosts {
            allowed: names.iter().map(|n| normalise(n)).collect(),
        }
    }

    /// `Ok` if a request with this `Host` header may be answered, else the
    /// one line that says why not and what to do.
    pub fn check(&self, host: Option<&str>) -> Result<(), String> {
        let Some(host) = host.filter(|h| !h.is_empty()) else {
            return Err(
                "Refused: the request names no host (Host header); charter serve \
                        answers to localhost, IP addresses and names given with --allow-host"
                    .into(),
            );
        };
        let name = match name_of(host) {
            Some(Name::Ip) => return Ok(()),
            Some(Name::Domain(name)) => name,
            None => return Err(format!("Refused: `{}` is not a host name", printable(host))),
        };
        if name == "localhost" || name.ends_with(".localhost") || self.allows(&name) {
            return Ok(());
        }
        Err(format!(
            "Refused: charter serve answers to localhost and IP addresses, not to `{0}`; \
             to preview the site under this name, restart it with --allow-host {0}",
            printable(&name)
        ))
    }

    fn allows(&self, name: &str) -> bool {
        self.allowed.iter().any(|a| match a.strip_prefix('.') {
            Some(parent) => name == parent || name.ends_with(a.as_str()),
            None => name == a,
        })
    }
}

enum Name {
    Ip,
    Domain(String),
}

/// The name in a `Host` header (`name`, `name:port`, `[v6]:port`), without
/// its port.
fn name_of(host: &str) -> Option<Name> {
    let port_ok = |port: &str| port.bytes().all(|b| b.is_ascii_digit());
    if let Some(rest) = host.strip_prefix('[') {
        let (ip, after) = rest.split_once(']')?;
        ip.parse::<Ipv6Addr>().ok()?;
        return match after {
            "" => Some(Name::Ip),
            _ => after
                .strip_prefix(':')
                .filter(|p| port_ok(p))
                .map(|_| Name::Ip),
        };
    }
    let (name, port) = host.split_once(':').unwrap_or((host, ""));
    if name.is_empty() || !port_ok(port) {
        return None;
    }
    if name.parse::<Ipv4Addr>().is_ok() {
        return Some(Name::Ip);
    }
    Some(Name::Domain(normalise(name)))
}

/// Lower case, without the dot that may end a fully qualified name.
fn normalise(name: &str) -> String {
    let name = name.to_ascii_lowercase();
    name.strip_suffix('.').map(str::to_string).unwrap_or(name)
}

/// What a client sent, safe to echo in one line.
fn printable(s: &str) -> String {
    s.chars()
        .take(100)
        .map(|c| if c.is_ascii_graphic() { c } else { '?' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_to_ips_localhost_and_allowed_names() {
        let hosts = Hosts::new(&["Preview.Example".into(), ".team.example".into()]);
        for ok in [
            "127.0.0.1",
            "127.0.0.1:1111",
            "192.168.1.20:80",
            "[::1]",
            "[::1]:1111",
            "[fe80::1]:8080",
            "localhost",
            "LOCALHOST:1111",
            "localhost.:1111",
            "docs.localhost:1111",
            "preview.example:1111",
            "team.example",
            "a.b.team.example:1",
        ] {
            assert!(hosts.check(Some(ok)).is_ok(), "{ok}");
        }
        for refused in [
            None,
            Some(""),
            Some("evil.example"),
            Some("evil.example:1111"),
            Some("localhost.evil.example"),
            Some("127.0.0.1.nip.io"),
            Some("evilteam.example"),
            Some("preview.example.evil"),
            Some("[::1"),
            Some("[evil.example]:1"),
            Some("::1"),
            Some("localhost:port"),
            Some(":1111"),
        ] {
            assert!(hosts.check(refused).is_err(), "{refused:?}");
        }
    }

    #[test]
    fn says_how_to_allow_a_name() {
        let refused = Hosts::new(&[]).check(Some("Box.lan:1111")).unwrap_err();
        assert!(refused.ends_with("--allow-host box.lan"), "{refused}");
        let odd = Hosts::new(&[]).check(Some("a\u{7}b")).unwrap_err();
        assert!(odd.contains("a?b"), "{odd}");
    }
}

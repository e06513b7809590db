//! `charter serve`: the live preview. The site is rendered from memory on
//! request (nothing is written to disk), the strategy folder is watched,
//! and open pages reload by themselves after each rebuild; while the
//! strategy is broken every page shows its diagnostics instead.

mod body;
mod git;
mod host;
mod http;
mod live;
mod overlay;
mod server;
mod watch;
mod wire;

use crate::cli::{ServeArgs, Verbosity};
use crate::project;
use anyhow::{Context, Result, bail};
use live::{Change, LiveSite, Rebuilt};
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::Arc;
use std::sync::mpsc;

const DEFAULT_PORT: u16 = 1111;

/// Serves until the process is stopped.
pub fn run(args: ServeArgs, verbosity: Verbosity) -> Result<()> {
    let root = project::find_root(args.root.dir)?;
    let site = Arc::new(LiveSite::open(root)?);
    // Watch before announcing the address, so that no edit made after the
    // announcement can be missed.
    let (tx, rx) = mpsc::channel::<watch::Batch>();
    watch::start(site.root(), tx).context("cannot watch the strategy folder")?;
    let (listener, addr) = bind(args.bind, args.port)?;
    let preview = http::Preview {
        site: site.clone(),
        hosts: host::Hosts::new(&args.allow_host),
    };
    let server = server::Server::start(listener, Arc::new(preview));
    let waker = server.waker();
    site.on_change(move || waker.wake());
    let url = format!("http://{addr}/");
    eprintln!(
        "Serving {} at {url} (Ctrl-C to stop)",
        site.root().display()
    );
    if !args.bind.is_loopback() {
        eprintln!(
            "warning: listening on {} makes the site reachable from the network",
            args.bind
        );
    }
    report(&site, &site.summary(), "started", verbosity);
    git::follow_head(site.clone());

    let watched = site.clone();
    std::thread::spawn(move || {
        let mut gone = false;
        for batch in rx {
            let full = batch.iter().any(Option::is_none);
            let changes: Vec<Change> = batch.into_iter().flatten().collect();
            let what = describe(&changes, full);
            let changes = if full {
                vec![Change::Source(String::new()), Change::Theme]
            } else {
                changes
            };
            let rebuilt = watched.apply(&changes);
            match (gone, rebuilt.gone) {
                (false, true) => eprintln!("{} {}", clock(), rebuilt.report),
                (true, true) => {}
                (true, false) => report(&watched, &rebuilt, "the folder is back", verbosity),
                (false, false) => report(&watched, &rebuilt, &what, verbosity),
            }
            gone = rebuilt.gone;
        }
    });
    if args.open {
        open_browser(&url);
    }
    server.run();
    Ok(())
}

/// Binds the port asked for; without one, 1111 or the next free port.
fn bind(ip: IpAddr, port: Option<u16>) -> Result<(TcpListener, SocketAddr)> {
    let candidates: Vec<u16> = match port {
        Some(p) => vec![p],
        None => (DEFAULT_PORT..DEFAULT_PORT + 20).collect(),
    };
    for p in &candidates {
        if let Ok(listener) = TcpListener::bind(SocketAddr::new(ip, *p)) {
            let addr = listener
                .local_addr()
                .context("cannot read the address listened on")?;
            if port.is_none() && *p != DEFAULT_PORT {
                eprintln!("Port {DEFAULT_PORT} is busy; using {p} instead");
            }
            return Ok((listener, addr));
        }
    }
    match port {
        Some(p) => bail!(
            "cannot listen on {ip}:{p}: the port is busy or not allowed; choose another with --port"
        ),
        None => bail!(
            "cannot listen on {ip}: ports {DEFAULT_PORT}-{} are all busy; choose one with --port",
            DEFAULT_PORT + 19
        ),
    }
}

fn describe(changes: &[Change], full: bool) -> String {
    if full {
        return "files changed".into();
    }
    let names: Vec<&str> = changes
        .iter()
        .map(|c| match c {
            Change::Source(p) => p.as_str(),
            Change::Static => "static/",
            Change::Theme => "templates",
        })
        .collect();
    // File names may hold escape sequences; the terminal is shown symbols.
    let said = match names.as_slice() {
        [one] => format!("{one} changed"),
        [first, rest @ ..] => format!("{first} and {} more changed", rest.len()),
        [] => "changed".into(),
    };
    crate::text::one_line(&said).into_owned()
}

/// One line per rebuild; the diagnostics too while there are any.
fn report(site: &LiveSite, rebuilt: &Rebuilt, what: &str, verbosity: Verbosity) {
    let time = clock();
    let ms = rebuilt.took.as_secs_f64() * 1000.0;
    if rebuilt.errors + rebuilt.warnings > 0 {
        site.print_diagnostics();
    }
    if verbosity > Verbosity::Quiet || rebuilt.errors > 0 {
        let state = if rebuilt.errors + rebuilt.warnings == 0 {
            "no problems".to_string()
        } else {
            rebuilt.report.clone()
        };
        eprintln!("{time} {what}: rebuilt in {ms:.0} ms, {state}");
    }
}

/// `HH:MM:SS` in UTC: the local zone would need a time zone database.
fn clock() -> String {
    jiff::Timestamp::now().strftime("%H:%M:%S").to_string()
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    use std::process::Stdio;
    let child = std::process::Command::new(opener)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let url = url.to_string();
    // Without a browser, xdg-open explains itself in several lines; one is
    // enough. Explorer exits with 1 even when it opened the page.
    std::thread::spawn(move || {
        let status = child.and_then(|mut c| c.wait());
        if !status.is_ok_and(|s| s.success() || cfg!(windows)) {
            eprintln!("Could not open a browser; open {url} yourself");
        }
    });
}

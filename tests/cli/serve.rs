//! `charter serve`: a real server on a free port, fetched over HTTP while
//! the files under it change. Every wait is a poll with a deadline.

use crate::support::{Fixture, item};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `charter serve`, stopped when dropped.
pub struct Server {
    child: Child,
    port: u16,
    /// What the server printed, collected in the background.
    log: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Only the port: sends requests from another thread.
struct Probe {
    port: u16,
}

impl Probe {
    fn get(&self, target: &str) -> Reply {
        request(self.port, "GET", target)
    }
}

pub struct Reply {
    pub status: u16,
    headers: String,
    pub body: String,
}

impl Server {
    pub fn start(f: &Fixture) -> Server {
        Server::start_with(f, &[])
    }

    fn start_with(f: &Fixture, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_charter"))
            .args(["serve", "--port", "0"])
            .args(args)
            .current_dir(f.root())
            .env_clear()
            .env("NO_COLOR", "1")
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start charter serve");
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let first = lines.next().expect("a first line").unwrap();
        let port = first
            .rsplit_once("127.0.0.1:")
            .and_then(|(_, rest)| rest.split('/').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no address in {first:?}"));
        let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                sink.lock().unwrap().push_str(&(line + "\n"));
            }
        });
        Server { child, port, log }
    }

    fn request(&self, method: &str, target: &str) -> Reply {
        request(self.port, method, target)
    }

    pub fn get(&self, target: &str) -> Reply {
        self.request("GET", target)
    }

    /// Fetches `target` until `ok` holds, for up to ten seconds.
    pub fn poll(&self, target: &str, what: &str, ok: impl Fn(&Reply) -> bool) -> Reply {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let reply = self.get(target);
            if ok(&reply) {
                return reply;
            }
            assert!(
                Instant::now() < deadline,
                "{what}: {target} still answers {} {}\nserver log:\n{}",
                reply.status,
                &reply.body[reply.body.len().saturating_sub(3000)..],
                self.log.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Sends `method target` exactly as given (no client-side normalising).
fn request(port: u16, method: &str, target: &str) -> Reply {
    raw_request(
        port,
        &format!("{method} {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
    )
}

/// Sends `head` as it is, and reads the reply until the server closes.
fn raw_request(port: u16, head: &str) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    stream.write_all(head.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read reply");
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Reply {
        status,
        headers: head.to_ascii_lowercase(),
        body: body.to_string(),
    }
}

#[test]
fn serves_pages_with_types_and_no_caching() {
    let f = Fixture::new();
    let server = Server::start(&f);
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert!(
        home.headers
            .contains("content-type: text/html; charset=utf-8"),
        "{}",
        home.headers
    );
    assert!(
        home.headers.contains("cache-control: no-store"),
        "{}",
        home.headers
    );
    assert!(
        home.body.contains("/__charter/reload"),
        "serve injects its reload script"
    );
    let css = server.get("/style.css");
    assert_eq!(css.status, 200);
    assert!(
        css.headers.contains("content-type: text/css"),
        "{}",
        css.headers
    );
    let head = server.request("HEAD", "/roadmap/sso/");
    assert_eq!((head.status, head.body.as_str()), (200, ""));
    let folder = server.get("/roadmap/sso");
    assert_eq!(folder.status, 301);
    assert!(
        folder.headers.contains("location: /roadmap/sso/"),
        "{}",
        folder.headers
    );
    let missing = server.get("/roadmap/nope/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("<html"),
        "the 404 page is the theme's"
    );
}

#[test]
fn serves_the_search_index_of_the_strategy_as_it_is() {
    let f = Fixture::new();
    let server = Server::start(&f);
    let index = server.get("/search-index.js");
    let is_script = index.headers.contains("content-type: text/javascript");
    assert_eq!((index.status, is_script), (200, true), "{}", index.headers);
    assert!(index.body.starts_with("window.charterSearch = {"));
    assert!(index.body.contains(r#""Single sign-on","planned""#));
    f.write(
        "roadmap/sso.md",
        item("").replace("Single sign-on", "Passkeys everywhere"),
    );
    server.poll("/search-index.js", "an edit", |r| {
        r.body.contains(r#""Passkeys everywhere","planned""#)
    });
}

#[test]
fn edits_show_up_and_broken_files_show_diagnostics_until_fixed() {
    let f = Fixture::new();
    let server = Server::start(&f);
    assert!(server.get("/roadmap/sso/").body.contains("Single sign-on"));

    f.write(
        "roadmap/sso.md",
        item("owner: ada\n").replace("Single sign-on", "Passkeys everywhere"),
    );
    server.poll("/roadmap/sso/", "an edit", |r| {
        r.status == 200 && r.body.contains("Passkeys everywhere")
    });
    // Pages that show the item through a link change too, not only its own.
    server.poll("/people/ada/", "a back-link", |r| {
        r.body.contains("Passkeys everywhere")
    });

    f.write("roadmap/sso.md", item("owner: adda\n"));
    let broken = server.poll("/roadmap/sso/", "a broken reference", |r| {
        r.body.contains("E0102")
    });
    assert_eq!(broken.status, 500);
    assert!(
        broken.body.contains("roadmap/sso.md:"),
        "names the file and line: {}",
        broken.body
    );
    assert!(
        broken.body.contains("did you mean `ada`?"),
        "{}",
        broken.body
    );
    assert!(
        server.get("/").body.contains("E0102"),
        "every page shows the problem"
    );

    f.write("roadmap/sso.md", item(""));
    server.poll("/roadmap/sso/", "the fix", |r| {
        r.status == 200 && r.body.contains("Single sign-on")
    });
    let log = server.log.lock().unwrap().clone();
    assert!(
        log.contains("roadmap/sso.md changed: rebuilt in"),
        "one line per rebuild:\n{log}"
    );
    assert!(
        log.contains("error[E0102]"),
        "the terminal prints the diagnostics too:\n{log}"
    );
}

#[test]
fn atomic_saves_new_files_deletions_and_folder_moves() {
    let f = Fixture::new();
    let server = Server::start(&f);
    // An editor's atomic save: write a temporary file, rename it over the original.
    f.write(
        "roadmap/.sso.md.tmp",
        item("").replace("Single sign-on", "Atomically saved"),
    );
    std::fs::rename(f.path("roadmap/.sso.md.tmp"), f.path("roadmap/sso.md")).unwrap();
    server.poll("/roadmap/sso/", "an atomic save", |r| {
        r.body.contains("Atomically saved")
    });

    f.write(
        "pages/handbook.md",
        "---\ntitle: The handbook\n---\nHello.\n",
    );
    server.poll("/pages/handbook/", "a new file", |r| {
        r.status == 200 && r.body.contains("The handbook")
    });
    std::fs::create_dir_all(f.path("pages/archive")).unwrap();
    std::fs::rename(
        f.path("pages/handbook.md"),
        f.path("pages/archive/handbook.md"),
    )
    .unwrap();
    server.poll("/pages/archive/handbook/", "a moved file", |r| {
        r.status == 200
    });
    server.poll("/pages/handbook/", "the old path", |r| r.status == 404);
    std::fs::rename(f.path("pages/archive"), f.path("old-pages")).unwrap();
    server.poll("/pages/archive/handbook/", "a folder moved away", |r| {
        r.status == 404
    });
    std::fs::remove_file(f.path("teams/core.md")).unwrap();
    server.poll("/people/ada/", "a deleted file others refer to", |r| {
        r.status == 500 && r.body.contains("unknown team `core`")
    });
}

#[test]
fn configuration_and_template_changes_apply() {
    let f = Fixture::new();
    let server = Server::start(&f);
    f.write("charter.yaml", "title: Renamed strategy\n");
    server.poll("/", "a new title", |r| r.body.contains("Renamed strategy"));
    f.write(
        "templates/person.html",
        "<html><body>CUSTOM {{ entity.title }}</body></html>",
    );
    server.poll("/people/ada/", "a template override", |r| {
        r.body.contains("CUSTOM Ada Lovelace")
    });
    f.write("templates/person.html", "{% if %}");
    server.poll("/people/ada/", "a broken template", |r| {
        r.status == 500 && r.body.contains("person.html")
    });
    std::fs::remove_file(f.path("templates/person.html")).unwrap();
    server.poll("/people/ada/", "the theme's template again", |r| {
        r.status == 200 && !r.body.contains("CUSTOM")
    });
}

#[test]
fn requests_never_leave_the_site() {
    let f = Fixture::new();
    f.write("static/ok.txt", "fine");
    std::fs::write(f.path("secret.txt"), "SECRET").unwrap();
    // Links into hidden files (`.git/config` holds CI's token) and out of
    // the strategy are never followed; `build` agrees (tests/cli/contained.rs).
    std::fs::write(f.path(".env"), "SECRET").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("../.env", f.path("static/leak.txt")).unwrap();
    let server = Server::start(&f);
    assert_eq!(server.get("/ok.txt").body, "fine");
    for target in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/static%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "//etc/passwd",
        "/leak.txt",
        "/charter.yaml",
        "/roadmap/sso.md",
    ] {
        let reply = server.get(target);
        // The refused link is an error of the strategy: missing files
        // then show its diagnostics (500) instead of the 404 page.
        assert!(
            [400, 404, 500].contains(&reply.status),
            "{target} answered {}",
            reply.status
        );
        assert!(
            !reply.body.contains("SECRET") && !reply.body.contains("title: Test"),
            "{target} leaked"
        );
    }
}

/// The generation a page was rendered at, as its reload script names it.
pub fn generation_of(page: &str) -> u64 {
    page.split("var g=")
        .nth(1)
        .and_then(|rest| rest.split(';').next())
        .and_then(|g| g.parse().ok())
        .expect("the reload script names the generation it was rendered at")
}

#[test]
fn open_pages_are_told_to_reload_after_a_rebuild() {
    let f = Fixture::new();
    let server = Server::start(&f);
    let generation = generation_of(&server.get("/roadmap/sso/").body);
    let port = server.port;
    let waiting = std::thread::spawn(move || {
        let probe = Probe { port };
        let started = Instant::now();
        let reply = probe.get(&format!("/__charter/reload?since={generation}"));
        (reply, started.elapsed())
    });
    std::thread::sleep(Duration::from_millis(200));
    f.write("roadmap/sso.md", item("owner: ada\n"));
    let (reply, waited) = waiting.join().unwrap();
    assert_eq!(reply.status, 200);
    assert!(
        !reply
            .body
            .contains(&format!("\"generation\":{generation}}}")),
        "{}",
        reply.body
    );
    assert!(
        waited < Duration::from_secs(10),
        "answered as soon as the site changed"
    );
    assert!(
        waited >= Duration::from_millis(150),
        "the poll waited for the change"
    );
}

#[test]
fn history_shows_up_and_follows_new_commits() {
    let f = Fixture::new();
    f.git_commit("Initial strategy");
    let server = Server::start(&f);
    server.poll(
        "/roadmap/sso/index.html",
        "history read in the background",
        |r| r.body.contains("history-h") && r.body.contains("Initial strategy"),
    );
    f.write(
        "roadmap/sso.md",
        f.read("roadmap/sso.md")
            .replace("status: planned", "status: in-progress"),
    );
    server.poll(
        "/roadmap/sso/index.html",
        "an edit is marked uncommitted",
        |r| r.body.contains("not committed yet"),
    );
    f.git_commit_as("Start single sign-on", "Zoë Müller");
    let page = server.poll("/roadmap/sso/index.html", "the new commit is read", |r| {
        r.body.contains("Start single sign-on")
    });
    assert!(
        page.body.contains("<del class=\"old\">planned</del>"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("not committed yet"));
    server.poll("/changes/index.html", "the change log follows", |r| {
        r.body.contains("Start single sign-on")
    });
    // The feed is served as a feed, as `build` writes it: no reload script.
    let feed = server.get("/changes/atom.xml");
    assert!(
        feed.headers.contains("application/xml") && feed.body.contains("Start single sign-on"),
        "{}{}",
        feed.headers,
        feed.body
    );
    assert!(!feed.body.contains("<script"), "{}", feed.body);
}

#[test]
fn the_strategy_folder_can_go_away_and_come_back() {
    let f = Fixture::new();
    let server = Server::start(&f);
    assert_eq!(server.get("/roadmap/sso/").status, 200);
    let away = f.root().with_extension("away");
    let edit = |title: &str| item("").replace("Single sign-on", title);

    // Moved away, then back: the same folder.
    std::fs::rename(f.root(), &away).unwrap();
    let gone = server.poll("/roadmap/sso/", "the folder moved away", |r| {
        r.body.contains("is gone")
    });
    assert_eq!(gone.status, 503);
    assert!(
        gone.body.contains(&f.root().display().to_string()),
        "names the folder: {}",
        gone.body
    );
    std::fs::rename(&away, f.root()).unwrap();
    server.poll("/roadmap/sso/", "the folder moved back", |r| {
        r.status == 200 && r.body.contains("Single sign-on")
    });
    f.write("roadmap/sso.md", edit("Edited after the move"));
    server.poll("/roadmap/sso/", "an edit after the move", |r| {
        r.body.contains("Edited after the move")
    });

    // Away and back at once, faster than anything polls.
    std::fs::rename(f.root(), &away).unwrap();
    std::fs::rename(&away, f.root()).unwrap();
    f.write("roadmap/sso.md", edit("Edited after a quick move"));
    server.poll("/roadmap/sso/", "an edit after a quick move", |r| {
        r.body.contains("Edited after a quick move")
    });

    // Deleted, then made again: a new folder in the same place.
    std::fs::remove_dir_all(f.root()).unwrap();
    server.poll("/roadmap/sso/", "the folder deleted", |r| r.status == 503);
    for (path, text) in crate::support::VALID {
        f.write(path, text);
    }
    f.write("roadmap/sso.md", edit("Made again"));
    server.poll("/roadmap/sso/", "the folder made again", |r| {
        r.status == 200 && r.body.contains("Made again")
    });
    f.write("roadmap/sso.md", edit("Edited in the new folder"));
    server.poll("/roadmap/sso/", "an edit in the new folder", |r| {
        r.body.contains("Edited in the new folder")
    });
    let log = server.log.lock().unwrap().clone();
    assert!(log.contains("is gone"), "the terminal says so too:\n{log}");
}

/// The number of threads of process `pid`.
fn threads(pid: u32) -> usize {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("Threads:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a thread count")
}

/// The number of files, sockets included, process `pid` holds open.
fn open_files(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .unwrap()
        .count()
}

#[test]
#[cfg(target_os = "linux")]
fn idle_connections_and_waiting_pages_are_bounded() {
    let f = Fixture::new();
    let server = Server::start(&f);
    let pid = server.child.id();
    let generation = generation_of(&server.get("/").body);
    let (threads_before, files_before) = (threads(pid), open_files(pid));
    let opened = Instant::now();
    // More pages waiting to reload than there are threads to answer.
    let port = server.port;
    let polls: Vec<_> = (0..20)
        .map(|_| {
            std::thread::spawn(move || {
                Probe { port }.get(&format!("/__charter/reload?since={generation}"))
            })
        })
        .collect();
    // Half of them send nothing, half stop in the middle of the request line.
    let mut idle: Vec<TcpStream> = (0..200)
        .map(|i| {
            let mut s = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
            if i % 2 == 1 {
                s.write_all(b"GET /roadmap/sso/ HT").unwrap();
            }
            s
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let asked = Instant::now();
    let reply = server.get("/roadmap/sso/");
    assert_eq!(reply.status, 200);
    assert!(
        asked.elapsed() < Duration::from_secs(2),
        "a page took {:?} behind idle connections",
        asked.elapsed()
    );
    let threads_during = threads(pid);
    assert!(
        threads_during <= threads_before + 2,
        "{threads_before} threads became {threads_during} for 200 idle connections"
    );
    f.write("roadmap/sso.md", item("owner: ada\n"));
    let edited = Instant::now();
    for poll in polls {
        let reply = poll.join().unwrap();
        assert!(
            !reply.body.contains(&format!(":{generation}}}")),
            "{}",
            reply.body
        );
    }
    assert!(
        edited.elapsed() < Duration::from_secs(2),
        "the waiting pages are told at once"
    );
    assert!(
        open_files(pid) >= files_before + 200,
        "the connections are open"
    );
    // The server hangs up once the 10 s allowed for a request head are over.
    for s in &mut idle {
        s.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
        let mut rest = Vec::new();
        s.read_to_end(&mut rest)
            .expect("the server closes the connection");
    }
    let waited = opened.elapsed();
    assert!(
        waited >= Duration::from_secs(9) && waited < Duration::from_secs(14),
        "closed after {waited:?}"
    );
    let deadline = Instant::now() + Duration::from_secs(2);
    while open_files(pid) > files_before + 2 {
        assert!(Instant::now() < deadline, "the sockets are released");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(threads(pid) <= threads_before + 2);
}

#[test]
fn requests_for_other_hosts_are_refused() {
    let f = Fixture::new();
    let server = Server::start_with(
        &f,
        &[
            "--allow-host",
            "preview.example",
            "--allow-host",
            ".team.example",
        ],
    );
    let port = server.port;
    let ask = |host: Option<&str>| {
        let host = host.map_or(String::new(), |h| format!("Host: {h}\r\n"));
        raw_request(
            port,
            &format!("GET / HTTP/1.1\r\n{host}Connection: close\r\n\r\n"),
        )
    };
    for host in [
        "localhost".to_string(),
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
        format!("docs.localhost:{port}"),
        format!("preview.example:{port}"),
        "PREVIEW.example".into(),
        format!("team.example:{port}"),
        format!("a.team.example:{port}"),
    ] {
        assert_eq!(ask(Some(&host)).status, 200, "Host: {host}");
    }
    for host in [
        Some("evil.example".to_string()),
        Some(format!("evil.example:{port}")),
        Some(format!("localhost.evil.example:{port}")),
        Some(format!("127.0.0.1.nip.io:{port}")),
        Some("preview.example.evil".into()),
        Some("other.example".into()),
        Some(String::new()),
        None,
    ] {
        let reply = ask(host.as_deref());
        assert_eq!(reply.status, 403, "Host: {host:?}");
        assert!(
            reply.body.contains("--allow-host"),
            "says what to do: {}",
            reply.body
        );
    }
    let old = raw_request(port, "GET / HTTP/1.0\r\n\r\n");
    assert_eq!(old.status, 200, "HTTP/1.0 has no Host to check");
}

#[test]
fn a_slow_page_does_not_hold_up_the_others() {
    let f = Fixture::new();
    // Just under the 1 MiB a file may hold, with raw HTML so that the
    // sanitiser reads all of it again.
    let body: String = (0..12_500)
        .map(|i| {
            format!(
                "Paragraph {i} with <b>bold</b>, a [link](https://example.com/{i}) and `code`.\n\n"
            )
        })
        .collect();
    f.write("pages/huge.md", format!("---\ntitle: Huge\n---\n{body}"));
    let server = Server::start(&f);
    assert!(server.get("/roadmap/sso/").body.contains("Single sign-on"));
    let port = server.port;
    let huge = std::thread::spawn(move || {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        stream
            .write_all(b"GET /pages/huge/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            .unwrap();
        let mut first = [0u8; 12];
        stream.read_exact(&mut first).expect("a status line");
        let answered = Instant::now();
        std::io::copy(&mut stream, &mut std::io::sink()).expect("the page");
        (String::from_utf8_lossy(&first).into_owned(), answered)
    });
    std::thread::sleep(Duration::from_millis(300));
    // A rebuild starts while the huge page renders; a page asked for after
    // it is answered from the new model, without waiting for the huge one.
    f.write(
        "roadmap/sso.md",
        item("").replace("Single sign-on", "Passkeys everywhere"),
    );
    server.poll("/roadmap/sso/", "an edit", |r| {
        r.body.contains("Passkeys everywhere")
    });
    let small = Instant::now();
    let (status, huge_answered) = huge.join().unwrap();
    assert_eq!(status, "HTTP/1.1 200");
    assert!(
        small < huge_answered,
        "the small page waited for the huge one ({:?} after it)",
        small - huge_answered
    );
}

#[test]
fn serve_reads_the_same_files_as_build() {
    let f = Fixture::new();
    f.write("static/roadmap/sso/index.html", "<p>static copy</p>");
    f.write("static/notes.txt", "plain");
    let server = Server::start(&f);
    // A page wins over a static file of its path, as in `build`.
    let page = server.get("/roadmap/sso/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Single sign-on") && !page.body.contains("static copy"));
    assert_eq!(server.get("/notes.txt").body, "plain");
    // Files under hidden folders are not part of the strategy, before or
    // after an edit.
    f.write(
        "roadmap/.draft/secret.md",
        "---\ntitle: Draft\nstatus: idea\n---\n",
    );
    f.write("roadmap/sso.md", item("horizon: later\n"));
    server.poll("/roadmap/", "the edit", |r| r.body.contains("later"));
    assert_eq!(server.get("/roadmap/secret/").status, 404);
    assert!(!server.get("/roadmap/").body.contains("Draft"));
}

//! Damaged git repositories: every command that reads history (and the
//! live preview) names the damaged file in seconds, instead of hanging in
//! libgit2 (a truncated loose object), crashing (a pack index pointing
//! outside its pack) or quietly building without history.

use crate::support::{Fixture, Output};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Every command that reads git objects.
const COMMANDS: &[&[&str]] = &[
    &["build", "-o", "out"],
    &["export"],
    &["diff", "HEAD~1", "HEAD"],
    &["build", "-o", "out", "--rev", "HEAD~1"],
];

/// How long a command may take before it counts as hung.
const DEADLINE: Duration = Duration::from_secs(60);

/// Starts `charter ARGS` in the fixture with a clean environment, its
/// standard error piped.
fn spawn(f: &Fixture, args: &[&str]) -> Child {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_charter"));
    cmd.args(args).current_dir(f.root()).env_clear();
    cmd.envs([("NO_COLOR", "1".into()), ("PATH", path)]);
    cmd.stdin(Stdio::null()).stdout(Stdio::null());
    cmd.stderr(Stdio::piped()).spawn().expect("run charter")
}

/// Runs `charter ARGS` like `support::run_in`, but kills it and fails the
/// test if it outlives `DEADLINE`.
fn run_bounded(f: &Fixture, args: &[&str]) -> Output {
    let mut child = spawn(f, args);
    let mut stderr = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for charter") {
            break status;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("charter {args:?} still runs after {DEADLINE:?}: it hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        code: status.code().unwrap_or(-1),
        stdout: String::new(),
        stderr: reader.join().expect("stderr read"),
    }
}

/// Three commits, each changing the roadmap item.
fn history() -> Fixture {
    let f = Fixture::new();
    f.git_commit("Initial strategy");
    for status in ["in-progress", "shipped"] {
        let text = f.read("roadmap/sso.md");
        let old = text.lines().find(|l| l.starts_with("status: ")).unwrap();
        f.write(
            "roadmap/sso.md",
            text.replace(old, &format!("status: {status}")),
        );
        f.git_commit(&format!("Set SSO to {status}"));
    }
    f
}

/// The loose file of the object `id`, made writable.
fn loose(f: &Fixture, id: git2::Oid) -> PathBuf {
    let hex = id.to_string();
    let path = f.path(&format!(".git/objects/{}/{}", &hex[..2], &hex[2..]));
    writable(&path);
    path
}

/// git writes its object files read-only.
fn writable(file: &Path) {
    let mut perms = std::fs::metadata(file)
        .expect("an object file")
        .permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(file, perms).expect("make writable");
}

/// `type size\0` and `content`, compressed as git stores a loose object.
fn loose_bytes(header: &str, content: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(header.as_bytes()).unwrap();
    z.write_all(content).unwrap();
    z.finish().unwrap()
}

/// Every command fails with exit code 2, in seconds, and says `expected`.
#[track_caller]
fn all_fail_with(f: &Fixture, expected: &[&str]) {
    for args in COMMANDS {
        let out = run_bounded(f, args);
        assert_eq!(out.code, 2, "charter {args:?}: {out:?}");
        for part in expected {
            assert!(
                out.stderr.contains(part),
                "charter {args:?}: {}",
                out.stderr
            );
        }
    }
}

/// Cuts HEAD's loose commit inside its compressed data (not only in its
/// checksum), where libgit2 1.9 waits forever for the rest. Returns the
/// file, its bytes before, and how an error names it.
fn truncate_head(f: &Fixture) -> (PathBuf, Vec<u8>, String) {
    let head = f.repo().head().unwrap().target().unwrap().to_string();
    let file = loose(f, head.parse().unwrap());
    let bytes = std::fs::read(&file).unwrap();
    std::fs::write(&file, &bytes[..20]).unwrap();
    let named = format!(".git/objects/{}/{} ends early", &head[..2], &head[2..]);
    (file, bytes, named)
}

#[test]
fn a_truncated_loose_object_is_named_instead_of_read_forever() {
    let f = history();
    let (_, _, named) = truncate_head(&f);
    all_fail_with(&f, &["the git repository is damaged: ", &named, "git fsck"]);
}

#[test]
fn damaged_loose_objects_are_named() {
    let f = history();
    let repo = f.repo();
    let blob = repo.revparse_single("HEAD~2:roadmap/sso.md").unwrap().id();
    let file = loose(&f, blob);
    let cases: [(Vec<u8>, &str); 5] = [
        (Vec::new(), "is an empty file"),
        (
            loose_bytes("blob 99999999999999\0", b"abc"),
            "holds 3 bytes where its header says 99999999999999",
        ),
        (
            loose_bytes("blob 3\0", &[b'x'; 200]),
            "holds more than the 3 bytes its header says",
        ),
        (
            [loose_bytes("blob 3\0", b"abc"), b"junk".to_vec()].concat(),
            "has data after its end",
        ),
        (
            loose_bytes("blob 3\0", b"abc"),
            &format!("does not hold the object {blob} its name says"),
        ),
    ];
    for (bytes, why) in &cases {
        std::fs::write(&file, bytes).unwrap();
        all_fail_with(&f, &["the git repository is damaged: ", why]);
    }
}

/// Packs every object with git itself, and returns the pack index.
fn pack(f: &Fixture) -> PathBuf {
    let git = Command::new("git")
        .arg("-C")
        .arg(f.root())
        .args(["gc", "--quiet"])
        .output()
        .expect("run git gc");
    assert!(git.status.success(), "{git:?}");
    let dir = f.path(".git/objects/pack");
    let mut files = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path());
    let idx = files.find(|p| p.extension().is_some_and(|e| e == "idx"));
    idx.expect("a pack index")
}

/// Overwrites `bytes` at `offset` in `file`.
fn patch(file: &Path, offset: u64, bytes: &[u8]) {
    use std::io::{Seek, SeekFrom};
    writable(file);
    let mut out = std::fs::OpenOptions::new().write(true).open(file).unwrap();
    out.seek(SeekFrom::Start(offset)).unwrap();
    out.write_all(bytes).unwrap();
}

#[test]
fn a_pack_index_pointing_outside_its_pack_is_named_instead_of_crashing() {
    let f = history();
    let idx = pack(&f);
    let data = std::fs::read(&idx).unwrap();
    let objects = u32::from_be_bytes(data[8 + 255 * 4..8 + 256 * 4].try_into().unwrap()) as u64;
    // The first object's offset, in the table after the ids and CRCs,
    // pointed 16 MiB further on.
    let offset = 8 + 1024 + objects * 24;
    patch(&idx, offset, &[0x01]);
    all_fail_with(&f, &["pack-", ".idx points object 0 outside its pack"]);

    let f = history();
    let idx = pack(&f);
    let pack = idx.with_extension("pack");
    writable(&pack);
    let len = std::fs::metadata(&pack).unwrap().len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&pack)
        .unwrap()
        .set_len(len - 100)
        .unwrap();
    all_fail_with(&f, &[".idx does not match the .pack file beside it"]);
}

#[test]
fn head_naming_a_missing_commit_is_an_error_not_a_site_without_history() {
    let f = history();
    std::fs::write(
        f.path(".git/refs/heads/master"),
        "0123456789012345678901234567890123456789\n",
    )
    .unwrap();
    for args in &COMMANDS[..2] {
        let out = run_bounded(&f, args);
        assert_eq!(out.code, 2, "{out:?}");
        assert!(
            out.stderr.contains(
                "HEAD (refs/heads/master) points at 0123456789012345678901234567890123456789, which cannot be read"
            ),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn a_build_without_history_never_reads_the_damaged_repository() {
    let f = history();
    truncate_head(&f);
    let out = run_bounded(&f, &["build", "-o", "out", "--no-history"]);
    assert_eq!(out.code, 0, "{out:?}");
    f.write(
        "charter.yaml",
        "title: Test strategy\nhistory:\n  enabled: false\n",
    );
    let out = run_bounded(&f, &["build", "-o", "out"]);
    assert_eq!(out.code, 0, "{out:?}");
}

/// A server, stopped when dropped (a failed assertion included).
struct Stopped(Child);

impl Drop for Stopped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `GET target` over HTTP/1.0 (so that the body is not chunked).
fn get(port: u16, target: &str) -> String {
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    write!(stream, "GET {target} HTTP/1.0\r\n\r\n").unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).expect("a reply");
    reply
}

#[test]
fn serve_says_once_why_it_shows_no_history_and_recovers_when_head_moves() {
    let f = history();
    let (file, sound, named) = truncate_head(&f);
    let mut server = Stopped(spawn(&f, &["serve", "--port", "0"]));
    let lines = BufReader::new(server.0.stderr.take().unwrap()).lines();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || lines.map_while(Result::ok).for_each(|l| drop(tx.send(l))));
    let mut log = String::new();
    let mut wait_for = |what: &str| {
        let deadline = Instant::now() + DEADLINE;
        while !log.contains(what) {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(line) => log.push_str(&(line + "\n")),
                Err(_) => panic!("serve never said {what:?}; it said:\n{log}"),
            }
        }
        log.clone()
    };
    let started = wait_for("127.0.0.1:");
    let port: u16 = started
        .rsplit_once("127.0.0.1:")
        .and_then(|(_, rest)| rest.split('/').next()?.parse().ok())
        .expect("the address");
    let said = wait_for("warning: serving without history: the git repository is damaged: ");
    assert!(said.contains(&named), "{said}");
    let page = get(port, "/roadmap/sso/index.html");
    assert!(
        page.starts_with("HTTP/1.0 200") || page.starts_with("HTTP/1.1 200"),
        "{page}"
    );
    assert!(!page.contains("history-h"), "{page}");
    // HEAD is looked at twice a second: the warning is not repeated.
    std::thread::sleep(Duration::from_millis(1500));
    std::fs::write(&file, &sound).unwrap();
    f.write(
        "pages/handbook.md",
        "---\ntitle: Handbook\nweight: 1\n---\nNew.\n",
    );
    f.git_commit("Edit the handbook");
    let deadline = Instant::now() + DEADLINE;
    while !get(port, "/roadmap/sso/index.html").contains("history-h") {
        assert!(Instant::now() < deadline, "history never came back");
        std::thread::sleep(Duration::from_millis(50));
    }
    log.extend(rx.try_iter().map(|line| line + "\n"));
    assert_eq!(log.matches("serving without history").count(), 1, "{log}");
}

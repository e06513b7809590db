//! Fixtures and helpers shared by every test module: a minimal valid
//! strategy in a temp folder, a way to run the real binary in it with a
//! clean environment, and readers for what it prints and writes.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The smallest strategy that uses every kind once and passes `check`
/// without a warning. Tests override single files to break it.
pub const VALID: &[(&str, &str)] = &[
    ("charter.yaml", "title: Test strategy\n"),
    (
        "vision.md",
        "---\n\
         title: Test vision\n\
         owner: ada\n\
         pillars:\n  \
           - id: focus\n    \
             title: Focus\n\
         ---\n\
         The vision. See [single sign-on](roadmap/sso.md).\n",
    ),
    (
        "roles/pm.md",
        "---\ntitle: Product manager\nlevel: ic\n---\nOwns outcomes.\n",
    ),
    (
        "people/ada.md",
        "---\nname: Ada Lovelace\nrole: pm\nteam: core\n---\nAda's own page.\n",
    ),
    ("teams/core.md", "---\nname: Core\nlead: ada\n---\n"),
    (
        "goals/grow.md",
        "---\n\
         title: Grow usage\n\
         owner: ada\n\
         pillar: focus\n\
         status: on-track\n\
         key_results:\n  \
           - title: Reach 100 active users\n    \
             metric: active-users\n    \
             target: 100\n    \
             by: 2027-12-31\n\
         ---\n",
    ),
    (
        "metrics/active-users.md",
        "---\n\
         name: Active users\n\
         direction: up\n\
         owner: ada\n\
         values:\n  \
           - { date: 2027-01-01, value: 40 }\n\
         ---\n",
    ),
    (
        "roadmap/sso.md",
        "---\n\
         title: Single sign-on\n\
         status: planned\n\
         horizon: now\n\
         owner: ada\n\
         team: core\n\
         goals: [grow]\n\
         start: 2027-01-04\n\
         target: 2027-03-31\n\
         ---\n\
         Owned by [Ada](../people/ada.md).\n",
    ),
    (
        "decisions/use-saml.md",
        "---\n\
         title: Use SAML\n\
         status: accepted\n\
         date: 2027-01-10\n\
         deciders: [ada]\n\
         items: [sso]\n\
         ---\n",
    ),
    (
        "pages/handbook.md",
        "---\ntitle: Handbook\nweight: 1\n---\nHow we work.\n",
    ),
];

/// A strategy in its own temp folder, deleted when dropped.
pub struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    /// The minimal valid strategy of [`VALID`].
    pub fn new() -> Fixture {
        let f = Fixture::empty();
        for (path, text) in VALID {
            f.write(path, text);
        }
        f
    }

    /// An empty folder.
    pub fn empty() -> Fixture {
        Fixture {
            dir: tempfile::Builder::new()
                .prefix("charter-test-")
                .tempdir()
                .expect("create a temp folder"),
        }
    }

    /// A copy of the repository's `example-site/`.
    pub fn example_site() -> Fixture {
        let f = Fixture::empty();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site");
        for (rel, bytes) in read_tree(&src) {
            f.write(&rel, bytes);
        }
        f
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    /// Adds or replaces a file, creating its folders.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> &Fixture {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().expect("a file has a parent"))
            .expect("create folders");
        std::fs::write(&path, contents).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        self
    }

    pub fn remove(&self, rel: &str) -> &Fixture {
        let path = self.path(rel);
        std::fs::remove_file(&path).unwrap_or_else(|e| panic!("remove {}: {e}", path.display()));
        self
    }

    pub fn read(&self, rel: &str) -> String {
        let path = self.path(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    }

    /// Makes the folder a git repository and commits everything in it, with
    /// a fixed author and date so that history is reproducible.
    pub fn git_init_commit(&self) -> &Fixture {
        self.git_commit("Initial strategy");
        self
    }

    /// Commits everything in the working tree on top of HEAD (creating the
    /// repository if needed), as Dana Kim.
    pub fn git_commit(&self, message: &str) -> git2::Oid {
        self.git_commit_as(message, "Dana Kim")
    }

    /// Commits everything as `author`, a day after the previous commit
    /// (the first on 2026-12-28 UTC), so that dates are known to tests.
    pub fn git_commit_as(&self, message: &str, author: &str) -> git2::Oid {
        let repo = self.repo();
        let mut index = repo.index().expect("git index");
        index
            .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
            .expect("git add");
        // `add_all` does not see deletions.
        index.update_all(["*"], None).expect("git add deletions");
        index.write().expect("write the index");
        let tree = repo
            .find_tree(index.write_tree().expect("write tree"))
            .expect("find tree");
        let parent = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
        let parents: Vec<&git2::Commit> = parent.iter().collect();
        let sig = signature(author, parent.as_ref().map(|p| p.time().seconds()));
        repo.commit(Some("HEAD"), &sig, &sig, message, &tree, &parents)
            .expect("git commit")
    }

    /// The fixture's git repository, created if needed.
    pub fn repo(&self) -> git2::Repository {
        git2::Repository::open(self.root())
            .or_else(|_| git2::Repository::init(self.root()))
            .expect("git init")
    }

    /// Runs `charter ARGS` in the fixture's folder.
    pub fn run(&self, args: &[&str]) -> Output {
        run_in(self.root(), args)
    }

    /// `charter check --format json` in the fixture, parsed.
    pub fn check_json(&self, extra: &[&str]) -> (Output, Vec<Diag>) {
        let mut args = vec!["check", "--format", "json"];
        args.extend_from_slice(extra);
        let out = self.run(&args);
        let diags = out.diagnostics();
        (out, diags)
    }
}

/// What a run of the binary left behind.
#[derive(Debug)]
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    /// Parses stdout as `--format json`: one object per line.
    pub fn diagnostics(&self) -> Vec<Diag> {
        self.stdout
            .lines()
            .map(|line| {
                let v: serde_json::Value = serde_json::from_str(line)
                    .unwrap_or_else(|e| panic!("not a JSON line ({e}): {line}\n{self:?}"));
                Diag {
                    severity: v["severity"].as_str().expect("severity").to_string(),
                    code: v["code"].as_str().expect("code").to_string(),
                    message: v["message"].as_str().expect("message").to_string(),
                    file: v["file"].as_str().map(String::from),
                    line: v["line"].as_u64(),
                    column: v["column"].as_u64(),
                    help: v["help"].as_str().map(String::from),
                }
            })
            .collect()
    }
}

/// One diagnostic of `--format json`.
#[derive(Debug, Clone, PartialEq)]
pub struct Diag {
    pub severity: String,
    pub code: String,
    pub message: String,
    pub file: Option<String>,
    pub line: Option<u64>,
    pub column: Option<u64>,
    pub help: Option<String>,
}

impl Diag {
    /// `error E0102 roadmap/sso.md:4:8`, for comparing lists at a glance.
    pub fn at(&self) -> String {
        let pos = match (&self.file, self.line, self.column) {
            (Some(f), Some(l), Some(c)) => format!("{f}:{l}:{c}"),
            (Some(f), _, _) => f.clone(),
            _ => "-".into(),
        };
        format!("{} {} {pos}", self.severity, self.code)
    }
}

/// Asserts that the run printed exactly these diagnostics (as `Diag::at`
/// strings, in the order printed) and returns them for further checks.
#[track_caller]
pub fn assert_diags(out: &Output, expected: &[&str]) -> Vec<Diag> {
    let diags = out.diagnostics();
    let got: Vec<String> = diags.iter().map(Diag::at).collect();
    assert_eq!(
        got, expected,
        "diagnostics differ; full output:\n{}\n{}",
        out.stdout, out.stderr
    );
    diags
}

/// Runs the binary in `cwd` with nothing from the host environment but
/// `PATH` and `HOME`, and `NO_COLOR` set. Every `check` that passes is
/// followed by a `build` of the same strategy, which must pass too:
/// `check` finds every problem that `build` would meet, for every fixture
/// of every test.
pub fn run_in(cwd: &Path, args: &[&str]) -> Output {
    let out = run_only(cwd, args);
    if args.first() == Some(&"check") && out.code == 0 {
        builds_too(cwd, &args[1..]);
    }
    out
}

/// Builds what `check ARGS` passed, into a folder of its own.
#[track_caller]
fn builds_too(cwd: &Path, check_args: &[&str]) {
    let mut args = check_args.iter();
    let mut dir = None;
    while let Some(arg) = args.next() {
        match *arg {
            "--format" => {
                args.next();
            }
            flag if flag.starts_with('-') => {}
            positional => dir = Some(positional),
        }
    }
    let site = tempfile::tempdir().expect("a temp folder");
    let mut build = vec!["build"];
    build.extend(dir);
    build.extend(["-o", site.path().to_str().expect("a UTF-8 path")]);
    let built = run_only(cwd, &build);
    assert_eq!(
        built.code,
        0,
        "`check {}` passed, but `build` failed: {built:?}",
        check_args.join(" ")
    );
}

/// `charter ARGS` in `cwd` with the environment `run_in` gives it, to
/// spawn and drive by hand.
pub fn command(cwd: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_charter"));
    cmd.args(args)
        .current_dir(cwd)
        .env_clear()
        .env("NO_COLOR", "1");
    for var in ["PATH", "HOME"] {
        if let Some(v) = std::env::var_os(var) {
            cmd.env(var, v);
        }
    }
    cmd
}

fn run_only(cwd: &Path, args: &[&str]) -> Output {
    command(cwd, args).output().expect("run charter").into()
}

impl From<std::process::Output> for Output {
    fn from(out: std::process::Output) -> Output {
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        }
    }
}

/// Every file under `dir`, by `/`-separated relative path, with its bytes.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    if !dir.exists() {
        return out;
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walk");
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).expect("under dir");
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            out.insert(rel, std::fs::read(entry.path()).expect("read"));
        }
    }
    out
}

/// `author`'s signature a day after `after` (or at 2026-12-28 00:00 UTC).
pub fn signature(author: &str, after: Option<i64>) -> git2::Signature<'static> {
    let seconds = after.map_or(1_798_416_000, |t| t + 86_400);
    let email = format!(
        "{}@example.com",
        author.split(' ').next().unwrap_or(author).to_lowercase()
    );
    git2::Signature::new(author, &email, &git2::Time::new(seconds, 0)).expect("signature")
}

/// A roadmap item whose own fields start on line 4 of the file.
pub fn item(fields: &str) -> String {
    format!("---\ntitle: Single sign-on\nstatus: planned\n{fields}---\nBody.\n")
}

/// Runs `check --format json` and asserts that it printed exactly one
/// diagnostic, at `at`, with `message`; the exit code follows its severity.
#[track_caller]
pub fn only(f: &Fixture, at: &str, message: &str) -> Diag {
    let out = f.run(&["check", "--format", "json"]);
    let d = assert_diags(&out, &[at]).remove(0);
    assert_eq!(d.message, message, "{}", out.stdout);
    let expected_code = if at.starts_with("error") { 1 } else { 0 };
    assert_eq!(out.code, expected_code, "exit code; {out:?}");
    d
}

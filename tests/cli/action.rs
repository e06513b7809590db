//! The GitHub Action (action.yml) run outside GitHub: its shell steps are
//! taken from the file as they are and run with bash, with the inputs
//! passed as GitHub passes them (through each step's `env:`), the runner's
//! variables set and the freshly built binary on `PATH`. What they leave
//! behind must be what `actions/upload-pages-artifact` takes; the install
//! step must install a release packed by `ci/package.sh` and refuse one
//! whose checksum does not match.

use crate::release::{
    publish_release, repository, runner_platform, workspace_with_example_site, yaml_to_json,
};
use crate::support::{Fixture, Output, read_tree};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// action.yml as JSON (every scalar a string).
pub fn action() -> Value {
    let text = std::fs::read_to_string(repository().join("action.yml")).expect("action.yml");
    yaml_to_json(&text)
}

/// The action's shell steps, by name, each with its script and its `env:`.
pub fn shell_steps() -> BTreeMap<String, (String, BTreeMap<String, String>)> {
    let action = action();
    let steps = action["runs"]["steps"].as_array().expect("runs.steps");
    steps
        .iter()
        .filter_map(|step| {
            let run = step["run"].as_str()?.to_string();
            let env = step["env"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, v)| (k.clone(), v.as_str().expect("a text value").to_string()))
                .collect();
            Some((
                step["name"].as_str().expect("a name").to_string(),
                (run, env),
            ))
        })
        .collect()
}

/// Runs the step named `name` in `workspace` as the runner would: each
/// `${{ inputs.X }}` of its `env:` is the input given or its default, each
/// `${{ github.X }}` the value in `context`, and `runner` the runner's own
/// variables. `GITHUB_OUTPUT` and `GITHUB_PATH` are files in `workspace`.
fn run_step(
    name: &str,
    workspace: &Path,
    inputs: &[(&str, &str)],
    context: &[(&str, &str)],
    runner: &[(&str, &str)],
) -> Output {
    let action = action();
    let steps = shell_steps();
    let (script, env) = steps
        .get(name)
        .unwrap_or_else(|| panic!("action.yml has no shell step named {name:?}"));
    let mut cmd = Command::new("bash");
    cmd.args(["-e", "-o", "pipefail", "-c", script])
        .current_dir(workspace)
        .env_clear()
        .env("PATH", path_with_charter())
        .env("NO_COLOR", "1")
        .env("GITHUB_OUTPUT", workspace.join("github-output"))
        .env("GITHUB_PATH", workspace.join("github-path"))
        .env("GITHUB_ACTION_PATH", repository());
    if let Some(home) = std::env::var_os("HOME") {
        cmd.env("HOME", home);
    }
    for (var, value) in runner {
        cmd.env(var, value);
    }
    for (var, expression) in env {
        let inner = expression
            .strip_prefix("${{")
            .and_then(|e| e.strip_suffix("}}"))
            .unwrap_or_else(|| panic!("{name}: {var} is not one expression: {expression}"))
            .trim();
        let value = if let Some(input) = inner.strip_prefix("inputs.") {
            let given = inputs.iter().find(|(k, _)| *k == input).map(|(_, v)| *v);
            let default = action["inputs"][input]["default"].as_str();
            given
                .or(default)
                .unwrap_or_else(|| panic!("{name}: no input {input} in action.yml"))
                .to_string()
        } else {
            let key = inner.strip_prefix("github.").expect("inputs or github");
            let found = context.iter().find(|(k, _)| *k == key);
            found.map_or("", |(_, v)| *v).to_string()
        };
        cmd.env(var, value);
    }
    cmd.output().expect("bash runs").into()
}

/// `PATH` with the binary under test first, as the install step leaves it.
fn path_with_charter() -> std::ffi::OsString {
    let bin = Path::new(env!("CARGO_BIN_EXE_charter")).parent().unwrap();
    let mut paths = vec![bin.to_path_buf()];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(paths).expect("a PATH")
}

const REPOSITORY: (&str, &str) = ("GITHUB_REPOSITORY", "octo-org/strategy");

#[test]
fn every_shell_step_reads_its_inputs_from_the_environment() {
    // An expression in a script would be pasted into it by GitHub, so the
    // script would not be what this file runs (and input could inject code).
    for (name, (script, _)) in shell_steps() {
        assert!(
            !script.contains("${{"),
            "{name} has an expression in its script"
        );
    }
}

#[test]
fn the_action_publishes_the_example_site_as_pages_takes_it() {
    let ws = workspace_with_example_site();
    let before = read_tree(&ws.path("example-site"));
    let inputs = [("strategy", "example-site"), ("deny-warnings", "true")];
    let check = run_step("Check the strategy", ws.root(), &inputs, &[], &[]);
    assert_eq!(check.code, 0, "{check:?}");
    let build = run_step("Build the site", ws.root(), &inputs, &[], &[REPOSITORY]);
    assert_eq!(build.code, 0, "{build:?}");
    assert_eq!(ws.read("github-output"), "path=public\n");

    let site = ws.path("public");
    assert!(
        site.join("index.html").is_file(),
        "no index.html at the root"
    );
    let not_found = ws.read("public/404.html");
    assert!(
        not_found.contains("https://octo-org.github.io/strategy/"),
        "the base URL is not the Pages address"
    );
    // upload-pages-artifact follows links (`tar --dereference`): a link
    // could publish a file from anywhere.
    for entry in walkdir::WalkDir::new(&site) {
        let entry = entry.expect("walk");
        assert!(
            !entry.path_is_symlink(),
            "a link: {}",
            entry.path().display()
        );
    }
    // Hidden files are uploaded (`include-hidden-files`): the only one is
    // charter's list of the files it wrote.
    let files = read_tree(&site);
    let hidden: Vec<&String> = files
        .keys()
        .filter(|p| p.split('/').any(|part| part.starts_with('.')))
        .collect();
    assert_eq!(hidden, [".charter-manifest"]);
    assert_eq!(
        read_tree(&ws.path("example-site")),
        before,
        "sources changed"
    );
    let mut top: Vec<String> = std::fs::read_dir(ws.root())
        .expect("the workspace")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    top.sort();
    assert_eq!(top, ["example-site", "github-output", "public"]);

    // The archive upload-pages-artifact makes, with its own tar command.
    let tar = Command::new("tar")
        .args(["--dereference", "--hard-dereference", "--directory"])
        .arg(&site)
        .args(["-cf", "-", "--exclude=.git", "--exclude=.github", "."])
        .output()
        .expect("tar runs");
    assert!(
        tar.status.success(),
        "{}",
        String::from_utf8_lossy(&tar.stderr)
    );
    let list = Command::new("tar")
        .args(["-tf", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().expect("stdin").write_all(&tar.stdout)?;
            child.wait_with_output()
        })
        .expect("tar lists");
    let listed = String::from_utf8(list.stdout).expect("UTF-8 names");
    assert!(listed.lines().any(|l| l == "./index.html"), "{listed}");
    let archived = listed.lines().filter(|l| !l.ends_with('/')).count();
    assert_eq!(
        archived,
        files.len(),
        "the archive holds other files than the folder"
    );
}

#[test]
fn a_strategy_with_an_error_fails_the_check_step() {
    // A strategy in a folder of its repository: GitHub finds the files an
    // annotation names from the repository's root.
    let ws = Fixture::empty();
    for (path, text) in crate::support::VALID {
        ws.write(&format!("strategy/{path}"), text);
    }
    ws.git_init_commit();
    ws.write(
        "strategy/roadmap/sso.md",
        crate::support::item("owner: nobody\n"),
    );
    let inputs = [("strategy", "strategy")];
    let check = run_step("Check the strategy", ws.root(), &inputs, &[], &[]);
    assert_eq!(check.code, 1, "{check:?}");
    assert!(
        check
            .stdout
            .starts_with("::error file=strategy/roadmap/sso.md,line=4,"),
        "{}",
        check.stdout
    );
}

#[test]
fn deny_warnings_fails_the_check_step_on_a_warning() {
    let f = Fixture::new();
    // A key result's metric without a target: W0107.
    let goal = f.read("goals/grow.md").replace("    target: 100\n", "");
    f.write("goals/grow.md", goal);
    let lenient = run_step("Check the strategy", f.root(), &[], &[], &[]);
    assert_eq!(lenient.code, 0, "{lenient:?}");
    assert!(
        lenient.stdout.starts_with("::warning "),
        "{}",
        lenient.stdout
    );
    let strict = [("deny-warnings", "true")];
    let denied = run_step("Check the strategy", f.root(), &strict, &[], &[]);
    assert_eq!(denied.code, 1, "{denied:?}");
}

#[test]
fn the_base_url_is_the_input_or_the_pages_address() {
    let cases = [
        (REPOSITORY.1, "", "https://octo-org.github.io/strategy/"),
        // Pages hosts are lowercase; paths keep their case.
        (
            "Octo-Org/Strategy",
            "",
            "https://octo-org.github.io/Strategy/",
        ),
        (
            "Octo-Org/Octo-Org.github.io",
            "",
            "https://octo-org.github.io/",
        ),
        (
            REPOSITORY.1,
            "https://plans.example.com",
            "https://plans.example.com/",
        ),
    ];
    for (repo, given, expected) in cases {
        let f = Fixture::new();
        let inputs = [("base-url", given), ("output", "site")];
        let repo = [("GITHUB_REPOSITORY", repo)];
        let build = run_step("Build the site", f.root(), &inputs, &[], &repo);
        assert_eq!(build.code, 0, "{build:?}");
        let page = f.read("site/404.html");
        assert!(
            page.contains(expected),
            "{repo:?} {given:?}: not {expected}"
        );
    }
}

#[test]
fn the_install_step_installs_a_release_whose_checksum_matches() {
    let Some((os, arch, target)) = runner_platform() else {
        return;
    };
    let ws = Fixture::empty();
    let server = ws.path("server");
    let release = publish_release(&server, "v9.8.7", target);

    let temp = ws.path("runner-temp");
    std::fs::create_dir(&temp).expect("mkdir");
    let server_url = format!("file://{}", server.display());
    let runner = [
        ("RUNNER_OS", os),
        ("RUNNER_ARCH", arch),
        ("RUNNER_TEMP", temp.to_str().unwrap()),
        ("GITHUB_SERVER_URL", &server_url),
        REPOSITORY,
    ];
    let context = [
        ("action_repository", "octo/charter"),
        ("action_ref", "v9.8.7"),
    ];
    let install = run_step("Install charter", ws.root(), &[], &context, &runner);
    assert_eq!(install.code, 0, "{install:?}");
    let bin = PathBuf::from(ws.read("github-path").trim_end()).join("charter");
    let version = Command::new(&bin)
        .arg("--version")
        .output()
        .expect("charter runs");
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        "charter 0.1.0"
    );

    // A checksum that does not match: nothing is installed.
    std::fs::remove_file(&bin).expect("rm");
    let sums = release.join("SHA256SUMS");
    let text = std::fs::read_to_string(&sums).expect("SHA256SUMS");
    let tampered: String = text
        .lines()
        .map(|l| format!("{}{}\n", "0".repeat(64), &l[64..]))
        .collect();
    std::fs::write(&sums, tampered).expect("write");
    let refused = run_step("Install charter", ws.root(), &[], &context, &runner);
    assert_ne!(refused.code, 0, "{refused:?}");
    assert!(
        !bin.exists(),
        "a binary whose checksum failed was installed"
    );

    // A release without this runner's archive in its checksums: refused.
    std::fs::write(&sums, "").expect("write");
    let unlisted = run_step("Install charter", ws.root(), &[], &context, &runner);
    assert_ne!(unlisted.code, 0, "{unlisted:?}");
    assert!(unlisted.stdout.contains("lists no"), "{unlisted:?}");

    // A version that was never released: said so.
    let context = [
        ("action_repository", "octo/charter"),
        ("action_ref", "v0.0.1"),
    ];
    let missing = run_step("Install charter", ws.root(), &[], &context, &runner);
    assert_ne!(missing.code, 0, "{missing:?}");
    assert!(
        missing.stdout.contains("is v0.0.1 a release"),
        "{missing:?}"
    );
}

/// Runs the install step with a `cargo` that only records its arguments,
/// against a charter repository at `GITHUB_SERVER_URL/octo/charter`;
/// returns the step's output and what cargo was asked.
fn install_compiling(
    server: &Path,
    runner_os: (&str, &str),
    action_ref: &str,
    local: bool,
) -> (Output, String) {
    let ws = Fixture::empty();
    let fake = ws.path("fake-bin/cargo");
    ws.write(
        "fake-bin/cargo",
        format!(
            "#!/bin/sh\necho \"$*\" > '{}'\n",
            ws.path("cargo-args").display()
        ),
    );
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let temp = ws.path("runner-temp");
    std::fs::create_dir(&temp).expect("mkdir");
    let mut path = std::env::split_paths(&path_with_charter()).collect::<Vec<_>>();
    path.insert(0, ws.path("fake-bin"));
    let path = std::env::join_paths(path).expect("a PATH");
    let server = format!("file://{}", server.display());
    let runner = [
        ("RUNNER_OS", runner_os.0),
        ("RUNNER_ARCH", runner_os.1),
        ("RUNNER_TEMP", temp.to_str().unwrap()),
        ("GITHUB_SERVER_URL", &server),
        ("PATH", path.to_str().expect("a UTF-8 PATH")),
        REPOSITORY,
    ];
    let repository = if local { "" } else { "octo/charter" };
    let context = [
        ("action_repository", repository),
        ("action_ref", action_ref),
    ];
    let out = run_step("Install charter", ws.root(), &[], &context, &runner);
    let args = std::fs::read_to_string(ws.path("cargo-args")).unwrap_or_default();
    let root = format!("install --locked --root {}/charter ", temp.display());
    let args = args
        .trim_end()
        .replace(&root, "")
        .replace(&server, "SERVER");
    (out, args)
}

#[test]
fn the_install_step_compiles_what_has_no_release_binary() {
    let server = Fixture::empty();
    server.write("octo/charter/README.md", "charter\n");
    let repo = git2::Repository::init(server.path("octo/charter")).expect("git init");
    let mut index = repo.index().expect("index");
    index.add_path(Path::new("README.md")).expect("git add");
    let tree = repo
        .find_tree(index.write_tree().expect("tree"))
        .expect("tree");
    let sig = crate::support::signature("Dana Kim", None);
    let commit = repo
        .commit(None, &sig, &sig, "charter", &tree, &[])
        .and_then(|id| repo.find_commit(id))
        .expect("commit");
    repo.branch("next", &commit, false).expect("a branch");
    repo.tag_lightweight("v1", commit.as_object(), false)
        .expect("a tag");
    let sha = commit.id().to_string();

    let linux = ("Linux", "X64");
    let cases = [
        // `uses: ./`: the checkout is charter's source.
        (
            linux,
            "",
            true,
            format!("--path {}", repository().display()),
        ),
        (
            linux,
            "next",
            false,
            format!("--git SERVER/octo/charter --rev {sha}"),
        ),
        (
            linux,
            "v1",
            false,
            format!("--git SERVER/octo/charter --rev {sha}"),
        ),
        (
            linux,
            sha.as_str(),
            false,
            format!("--git SERVER/octo/charter --rev {sha}"),
        ),
        (
            ("Windows", "ARM64"),
            "v9.8.7",
            false,
            "--git SERVER/octo/charter --tag v9.8.7".into(),
        ),
    ];
    for (runner, action_ref, local, expected) in cases {
        let (out, args) = install_compiling(server.root(), runner, action_ref, local);
        assert_eq!(out.code, 0, "{action_ref}: {out:?}");
        assert_eq!(args, expected, "{action_ref}");
    }
    let (out, args) = install_compiling(server.root(), linux, "nope", false);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        out.stdout.contains("no branch, tag or commit named nope"),
        "{out:?}"
    );
    assert_eq!(args, "", "cargo ran");
}

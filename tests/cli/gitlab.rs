//! The GitLab CI template (ci/charter.gitlab-ci.yml) run outside GitLab:
//! its jobs' scripts, with the variables GitLab would set, install a
//! release packed by `ci/package.sh`, check the example site and publish
//! it into `public/`, the folder GitLab Pages takes.

use crate::release::{
    publish_release, repository, runner_platform, workspace_with_example_site, yaml_to_json,
};
use crate::support::Output;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn template() -> Value {
    let path = repository().join("ci/charter.gitlab-ci.yml");
    yaml_to_json(&std::fs::read_to_string(path).expect("the template"))
}

/// `job`'s `before_script` and `script` as one shell script, as the
/// runner joins them, but for installing packages on the image.
fn job_script(template: &Value, job: &str) -> String {
    let shared = template[".charter"]["before_script"]
        .as_array()
        .expect("before_script");
    let own = template[job]["script"].as_array().expect("script");
    shared
        .iter()
        .chain(own)
        .map(|line| line.as_str().expect("a script line"))
        .filter(|line| !line.starts_with("apk "))
        .collect::<Vec<_>>()
        .join("\n")
}

fn run_job(template: &Value, job: &str, workspace: &Path, vars: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new("sh");
    cmd.args(["-e", "-c", &job_script(template, job)])
        .current_dir(workspace)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("NO_COLOR", "1");
    for (name, value) in template["variables"].as_object().expect("variables") {
        cmd.env(name, value.as_str().expect("a text variable"));
    }
    for (name, value) in vars {
        cmd.env(name, value);
    }
    cmd.output().expect("sh runs").into()
}

#[test]
fn the_gitlab_template_checks_and_publishes_into_public() {
    let Some(("Linux", _, target)) = runner_platform() else {
        return;
    };
    let template = template();
    assert_eq!(template["pages"]["artifacts"]["paths"][0], "public");
    assert_eq!(template[".charter"]["variables"]["GIT_DEPTH"], "0");
    let version = template["variables"]["CHARTER_VERSION"]
        .as_str()
        .expect("a version");

    let ws = workspace_with_example_site();
    let server = ws.path("server");
    let release = publish_release(&server, version, target);
    let download = format!("file://{}", release.display());
    let home = ws.path("charter-home");
    let vars = [
        ("CHARTER_DOWNLOAD", download.as_str()),
        ("CHARTER_HOME", home.to_str().unwrap()),
        ("CHARTER_STRATEGY", "example-site"),
        ("CI_PAGES_URL", "https://octo-org.gitlab.io/strategy"),
    ];
    let check = run_job(&template, "charter-check", ws.root(), &vars);
    assert_eq!(check.code, 0, "{check:?}");
    let pages = run_job(&template, "pages", ws.root(), &vars);
    assert_eq!(pages.code, 0, "{pages:?}");
    assert!(
        ws.path("public/index.html").is_file(),
        "no public/index.html"
    );
    let not_found = ws.read("public/404.html");
    assert!(not_found.contains("https://octo-org.gitlab.io/strategy/"));

    // A strategy with an error fails the check job.
    ws.write(
        "example-site/roadmap/broken.md",
        "---\ntitle: Broken\nstatus: nope\n---\n",
    );
    let broken = run_job(&template, "charter-check", ws.root(), &vars);
    assert_eq!(broken.code, 1, "{broken:?}");

    // A release whose checksum does not match installs nothing.
    std::fs::remove_dir_all(&home).expect("rm");
    let archive = format!("charter-{version}-{target}.tar.gz");
    let tampered = format!("{}  {archive}\n", "0".repeat(64));
    std::fs::write(release.join("SHA256SUMS"), tampered).expect("write");
    let refused = run_job(&template, "charter-check", ws.root(), &vars);
    assert_ne!(refused.code, 0, "{refused:?}");
    assert!(!home.join("bin/charter").exists());
}

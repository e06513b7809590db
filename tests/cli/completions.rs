//! `charter completions SHELL` and `charter man`, made from the command
//! line's definitions: every command is in them, and bash can read its
//! script.

use crate::support::Fixture;

const COMMANDS: [&str; 8] = [
    "init",
    "check",
    "build",
    "serve",
    "diff",
    "export",
    "completions",
    "man",
];

#[test]
fn every_shell_completes_every_command() {
    let f = Fixture::empty();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = f.run(&["completions", shell]);
        assert_eq!(out.code, 0, "{shell}: {out:?}");
        for command in COMMANDS {
            assert!(out.stdout.contains(command), "{shell} lacks {command}");
        }
        assert!(
            out.stdout.contains("deny-warnings"),
            "{shell} lacks check's flags"
        );
    }
    let bash = f.run(&["completions", "bash"]).stdout;
    f.write("charter.bash", &bash);
    let syntax = std::process::Command::new("bash")
        .args(["-n", f.path("charter.bash").to_str().unwrap()])
        .output()
        .expect("bash runs");
    assert!(
        syntax.status.success(),
        "{}",
        String::from_utf8_lossy(&syntax.stderr)
    );
}

#[test]
fn the_manual_page_names_every_command() {
    let out = Fixture::empty().run(&["man"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.contains(".TH charter 1"), "{}", out.stdout);
    for command in COMMANDS {
        assert!(out.stdout.contains(command), "the page lacks {command}");
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let out = Fixture::empty().run(&["completions", "tcsh"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("possible values"), "{}", out.stderr);
}

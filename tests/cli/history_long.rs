//! A history longer than what is compared at a time: history reads the
//! versions of a few dozen commits at once and drops each after the last
//! change that compares it, so a file changed again only after many
//! commits must still be compared with its version from before them.

use crate::history::{commits, export, timeline};
use crate::support::Fixture;

/// Commits `count` edits of another item, one each.
fn other_edits(f: &Fixture, count: std::ops::Range<usize>) {
    for n in count {
        f.write(
            "roadmap/notes.md",
            format!("---\ntitle: Notes\nstatus: planned\n---\nNote {n}.\n"),
        );
        f.git_commit(&format!("Note {n}"));
    }
}

#[test]
fn a_change_many_commits_after_the_last_is_compared_with_it() {
    let f = Fixture::new();
    f.git_commit("Initial strategy");
    other_edits(&f, 0..100);
    f.write(
        "roadmap/sso.md",
        f.read("roadmap/sso.md")
            .replace("status: planned", "status: in-progress"),
    );
    f.git_commit("Start single sign-on");
    other_edits(&f, 100..170);
    let h = &export(&f, &[])["roadmap"]["sso"]["history"];
    assert_eq!(
        timeline(h),
        ["status: planned → in-progress · 2027-04-08 · Dana Kim"]
    );
    assert_eq!(
        commits(h),
        ["changed Start single sign-on", "created Initial strategy"]
    );
}

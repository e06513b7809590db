//! A build killed at any moment (`kill -9`) leaves exactly the previous
//! site or exactly the new one, and nothing that would be published beside
//! it; the next build completes. Slow (a 10,000-page site built about a
//! hundred times), so ignored by default:
//! `cargo test --release --test cli -- --ignored kill --nocapture`
//! (with `TMPDIR=/dev/shm` where the disk is slow: what a killed process
//! leaves does not depend on the disk, as long as it can swap folders).
//! Elsewhere than on Linux and macOS the switch has no atomic swap, and a
//! killed build may leave a mix until the next build, which this test forbids.
#![cfg(any(target_os = "linux", target_os = "macos"))]

use crate::output::names_in;
use crate::support::{Fixture, read_tree, run_in};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const ITEMS: usize = 10_000;
const KILLS: usize = 50;
const TITLES: [&str; 2] = ["Strategy A", "Strategy B"];

type Site = BTreeMap<String, Vec<u8>>;

/// Sets the title, which every page shows.
fn retitle(f: &Fixture, which: usize) {
    f.write("charter.yaml", format!("title: {}\n", TITLES[which]));
}

fn build(f: &Fixture, out: &Path) {
    let result = run_in(
        f.root(),
        &["build", "--no-history", "-o", out.to_str().unwrap()],
    );
    assert_eq!(result.code, 0, "{result:?}");
}

/// Starts `charter build` into `out`, without waiting for it.
fn start(f: &Fixture, out: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_charter"))
        .args(["build", "--no-history", "-o", out.to_str().unwrap()])
        .current_dir(f.root())
        .env_clear()
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start charter")
}

/// xorshift64*: a fixed sequence of kill times, no dependency.
fn next_random(state: &mut u64) -> f64 {
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    (state.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64 / (1u64 << 53) as f64
}

#[test]
#[ignore = "slow: builds a 10,000-page site about a hundred times; run it with --release"]
fn kill_9_at_any_moment_leaves_the_old_site_or_the_new_one() {
    let f = Fixture::new();
    for i in 0..ITEMS {
        f.write(
            &format!("roadmap/many/item-{i:05}.md"),
            format!("---\ntitle: Item {i}\nstatus: planned\nowner: ada\n---\n"),
        );
    }
    // Reference copies of both sites, built apart.
    let sites: [Site; 2] = [0, 1].map(|which| {
        retitle(&f, which);
        let apart = tempfile::tempdir().unwrap();
        build(&f, apart.path());
        read_tree(apart.path())
    });
    let pages = sites[0].keys().filter(|k| k.ends_with(".html")).count();
    let same: Vec<&String> = sites[0]
        .iter()
        .filter(|(k, v)| k.ends_with(".html") && sites[1].get(*k) == Some(v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        pages > ITEMS && same.is_empty(),
        "{pages} pages; unchanged: {same:?}"
    );

    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("public");
    // Two builds, so that the previous site waits beside the output folder
    // to be staged into, as it does after any rebuild.
    for which in [1, 0] {
        retitle(&f, which);
        build(&f, &out);
    }
    // How long a build that changes every page takes, and when it starts
    // writing the new site: when it first touches the previous site beside
    // (its `.gitignore` goes first). Half the kills aim at that part.
    retitle(&f, 1);
    let marker = parent.path().join(".public.charter-staging/.gitignore");
    assert!(marker.exists());
    let timer = Instant::now();
    let mut child = start(&f, &out);
    let mut writing = None;
    while child.try_wait().expect("poll charter").is_none() {
        if writing.is_none() && !marker.exists() {
            writing = Some(timer.elapsed());
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let duration = timer.elapsed();
    let writing = writing.unwrap_or_default();
    assert!(child.wait().expect("wait for charter").success());

    let started = Instant::now();
    let mut phases: BTreeMap<&str, usize> = BTreeMap::new();
    let mut random = 0x9e37_79b9_7f4a_7c15;
    let mut current = 1;
    for kill in 0..KILLS {
        let next = 1 - current;
        retitle(&f, next);
        let from = if kill % 2 == 0 {
            Duration::ZERO
        } else {
            writing
        };
        let delay = from + (duration - from).mul_f64(next_random(&mut random));
        let mut child = start(&f, &out);
        std::thread::sleep(delay);
        let finished = child.try_wait().expect("poll charter").is_some();
        child.kill().expect("kill charter");
        child.wait().expect("wait for charter");

        let seen = read_tree(&out);
        let is_new = if seen == sites[current] {
            false
        } else if seen == sites[next] {
            true
        } else {
            let mixed: Vec<&String> = seen
                .keys()
                .chain(sites[next].keys())
                .filter(|k| {
                    seen.get(*k) != sites[current].get(*k) && seen.get(*k) != sites[next].get(*k)
                })
                .take(5)
                .collect();
            panic!("kill {kill} after {delay:?}: neither site; e.g. {mixed:?}");
        };
        let beside: Vec<String> = names_in(parent.path())
            .into_iter()
            .filter(|n| n != "public")
            .collect();
        assert!(
            beside.iter().all(|n| n == ".public.charter-staging"),
            "kill {kill}: beside the output folder: {beside:?}"
        );
        let phase = match (finished, is_new, delay < writing) {
            (true, _, _) => "finished before the kill",
            (false, false, true) => "killed while checking or rendering",
            (false, false, false) => "killed while staging the new site",
            (false, true, _) => "killed after the switch",
        };
        *phases.entry(phase).or_default() += 1;

        build(&f, &out);
        assert!(
            read_tree(&out) == sites[next],
            "kill {kill}: the next build did not give the new site"
        );
        assert_eq!(
            names_in(parent.path()),
            [".public.charter-staging", "public"],
            "kill {kill}"
        );
        current = next;
    }
    eprintln!(
        "{KILLS} kills in {:.0} s; a build takes {:.2} s and starts writing after {:.2} s: {phases:#?}",
        started.elapsed().as_secs_f64(),
        duration.as_secs_f64(),
        writing.as_secs_f64()
    );
}

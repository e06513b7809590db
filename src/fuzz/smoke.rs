//! The bounded fuzz run of every `cargo test` (and so of CI): each target
//! gets every file of its committed corpus, then a fixed number of
//! mutations of them made from a fixed seed, so that a failure is the same
//! on every run. The long runs are AFL's (`fuzz/run.sh`).

use super::Target;
use crate::seeded::Rng;
use std::path::Path;

/// Mutated inputs per target, beyond the corpus.
const MUTATIONS: usize = 60;

/// Pieces that break YAML, Markdown, the framing and the model in
/// interesting ways, put in at random places.
const TOKENS: &[&[u8]] = &[
    b":",
    b"\n",
    b"- ",
    b"[",
    b"{",
    b"\"",
    b"'",
    b"\t",
    b"*a",
    b"&a ",
    b"!!int ",
    b"---\n",
    b"\xff",
    b"\xc3",
    b"#",
    b"](",
    b"\r\n",
    b"\xef\xbb\xbf",
    b"> > > ",
    b"<script>",
    b"](../",
    b"2027-02-30",
    b"-1e400",
    b"@@ commit 0 -60 A\n",
    b"@@ file roadmap/x.md\n",
    b"@@ rename roadmap/sso.md roadmap/b.md\n",
    b"@@ reset 0\n",
    b"@@ merge 1\n",
];

fn corpus(target: Target) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target.name());
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.expect("a corpus entry").path();
            let bytes = std::fs::read(&path).expect("a corpus file");
            (path.display().to_string(), bytes)
        })
        .collect();
    files.sort();
    files
}

/// One to four of: a byte changed, a token put in, a range removed or
/// repeated, the input cut, or its start joined to the end of `other`.
fn mutate(rng: &mut Rng, input: &[u8], other: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(v.len() + 1);
        let len = rng.below(16).min(v.len() - at);
        match rng.below(6) {
            0 if at < v.len() => v[at] = rng.below(256) as u8,
            1 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                v.splice(at..at, token.iter().copied());
            }
            2 => drop(v.drain(at..at + len)),
            3 => {
                let copy = v[at..at + len].to_vec();
                v.splice(at..at, copy);
            }
            4 => v.truncate(at),
            _ => {
                let from = rng.below(other.len() + 1);
                v.truncate(at);
                v.extend_from_slice(&other[from..]);
            }
        }
    }
    v
}

/// Runs the target, naming the input when it fails.
fn run(target: Target, what: &str, input: &[u8]) {
    let outcome = std::panic::catch_unwind(|| target.run(input));
    if let Err(panic) = outcome {
        let shown = String::from_utf8_lossy(&input[..input.len().min(4096)]);
        eprintln!("the {} target failed on {what}:\n{shown:?}", target.name());
        std::panic::resume_unwind(panic);
    }
}

fn smoke(target: Target) {
    let corpus = corpus(target);
    assert!(!corpus.is_empty(), "no corpus for {}", target.name());
    for (path, bytes) in &corpus {
        run(target, path, bytes);
    }
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for n in 0..MUTATIONS {
        let (path, input) = &corpus[rng.below(corpus.len())];
        let (_, other) = &corpus[rng.below(corpus.len())];
        let mutated = mutate(&mut rng, input, other);
        run(target, &format!("mutation {n} of {path}"), &mutated);
    }
}

/// Rendering threads get the stack they have in the binary, whatever
/// other tests made of rayon's global pool, and the inputs run on a
/// thread with a main thread's stack.
fn as_in_the_binary(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            rayon::ThreadPoolBuilder::new()
                .stack_size(crate::render::recursion::STACK)
                .build()
                .expect("a thread pool")
                .install(f);
        })
        .expect("a thread")
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
}

#[test]
fn front_matter() {
    as_in_the_binary(|| smoke(Target::FrontMatter));
}

#[test]
fn markdown() {
    as_in_the_binary(|| smoke(Target::Markdown));
}

#[test]
fn strategy() {
    as_in_the_binary(|| smoke(Target::Strategy));
}

#[test]
fn history() {
    as_in_the_binary(|| smoke(Target::History));
}

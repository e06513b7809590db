//! Random sequences of changes to a small strategy, checked after every
//! step as `serve` checks them: what `State` finds, reusing the step
//! before, must be what a full check finds, in the same order. Seeded, so
//! a failure names the run that replays it.

use super::frames::{Entry, Files};
use super::strategy::{check, check_changed};
use crate::model::Cache;
use crate::schema::{Allowed, Kind, Ty};
use crate::seeded::Rng;
use crate::validate::State;

/// Up to three of `from`, repeats allowed.
fn some(rng: &mut Rng, from: &[&str]) -> String {
    let n = rng.below(4);
    let ids: Vec<&str> = (0..n).map(|_| rng.pick(from)).collect();
    format!("[{}]", ids.join(", "))
}

/// Few ids, so that references hit and miss, files collide and cycles
/// form; two close enough for a "did you mean".
const IDS: &[&str] = &["a", "b", "sso", "ssx", "Bad"];
const LINKS: &[&str] = &[
    "../roadmap/a.md",
    "../roadmap/x/b.md",
    "../people/b.md",
    "a.md",
    "../../goals/c.md",
    "../vision.md",
    "../static/logo.png",
    "../static/index.html",
    "../notes/readme.txt",
    "../notes/link.txt",
    "x/alias.md",
    "../pages/x/c.md",
    "https://example.org",
];
const STATICS: &[&str] = &[
    "static/logo.png",
    "static/index.html",
    "static/roadmap/a/index.html",
    "static/people/b/index.html",
    "static/changes/index.html",
];
/// Files that are no strategy file, for links to find or miss.
const OTHERS: &[&str] = &["notes/readme.txt", "roadmap/x/image.png", "docs/a.md"];

fn path(rng: &mut Rng) -> String {
    let folder = Kind::FOLDERS[rng.below(Kind::FOLDERS.len())].folder();
    let sub = if rng.chance(30) { "x/" } else { "" };
    let ext = if rng.chance(20) { "yaml" } else { "md" };
    format!("{folder}/{sub}{}.{ext}", rng.pick(IDS))
}

/// The fields of a file in `folder`, read from its kind's row: its title
/// always, each other field most of the time, references drawn from
/// `IDS` and values now and then out of bounds. A new kind is in the
/// sequences as soon as it has its row.
fn fields(rng: &mut Rng, folder: &str) -> String {
    let Some(kind) = Kind::from_folder(folder) else {
        return "title: T\n".to_string();
    };
    let mut yaml = format!("{}: T\n", kind.title_field());
    for field in kind.fields() {
        if field.name == kind.title_field() || !rng.chance(70) {
            continue;
        }
        if let Some(value) = value(rng, &field.ty) {
            yaml.push_str(&format!("{}: {value}\n", field.name));
        }
    }
    yaml
}

/// A value of type `ty`, or `None` for the types whose values no check
/// of references or trees looks into.
fn value(rng: &mut Rng, ty: &Ty) -> Option<String> {
    Some(match ty {
        Ty::Ref(_) => rng.pick(IDS).to_string(),
        Ty::List(Ty::Ref(_)) => some(rng, IDS),
        Ty::Date => rng
            .pick(&["2027-01-01", "2027-06-30", "2027-02-30"])
            .to_string(),
        Ty::Enum(Allowed::Statuses) => rng.pick(&["planned", "idea", "weird"]).to_string(),
        Ty::Enum(Allowed::Pillars) => rng.pick(&["p", "q", "r"]).to_string(),
        Ty::Enum(Allowed::Fixed(values)) => rng.pick(values).to_string(),
        _ => return None,
    })
}

/// A file's text: front matter (or plain YAML), sometimes broken, and a
/// body with links.
fn text(rng: &mut Rng, path: &str) -> Vec<u8> {
    let folder = path.split('/').next().unwrap_or_default();
    let mut yaml = match folder {
        "vision.md" => format!("title: V\npillars:\n{}", pillars(rng)),
        _ => fields(rng, folder),
    };
    if rng.chance(10) {
        yaml.push_str("broken: [unclosed\n");
    }
    if path.ends_with(".yaml") {
        return yaml.into_bytes();
    }
    let mut body = String::new();
    for _ in 0..rng.below(3) {
        body.push_str(&format!("See [it]({}).\n", rng.pick(LINKS)));
    }
    format!("---\n{yaml}---\n{body}").into_bytes()
}

fn pillars(rng: &mut Rng) -> String {
    (0..rng.below(4))
        .map(|_| format!("  - {{ id: {}, title: P }}\n", rng.pick(&["p", "q", "Bad"])))
        .collect()
}

fn config(rng: &mut Rng) -> Vec<u8> {
    let statuses: Vec<&str> = ["idea", "planned", "weird"]
        .into_iter()
        .filter(|_| rng.chance(70))
        .collect();
    format!("title: T\nstatuses: [{}]\n", statuses.join(", ")).into_bytes()
}

/// Symbolic links, toggled: to an entity's file, a static file, another file.
const LINKED: &[(&str, &str)] = &[
    ("roadmap/x/alias.md", "../a.md"),
    ("static/alias.png", "logo.png"),
    ("notes/link.txt", "readme.txt"),
];

fn file(bytes: Vec<u8>) -> Entry {
    Entry { link: false, bytes }
}

/// One random change to `files`, described for the failure message.
fn change(rng: &mut Rng, files: &mut Files) -> String {
    let existing: Vec<String> = files.0.keys().cloned().collect();
    let any = existing[rng.below(existing.len())].clone();
    let toggle = |files: &mut Files, path: &str, entry: Entry| match files.0.remove(path) {
        Some(_) => format!("remove {path}"),
        None => {
            files.put(path.to_string(), entry);
            format!("add {path}")
        }
    };
    match rng.below(10) {
        0 | 1 => {
            let new = text(rng, &any);
            files.put(any.clone(), file(new));
            format!("edit {any}")
        }
        2 => {
            let path = path(rng);
            let new = text(rng, &path);
            files.put(path.clone(), file(new));
            format!("write {path}")
        }
        3 => {
            files.0.remove(&any);
            format!("delete {any}")
        }
        4 => {
            let to = path(rng);
            if let Some(entry) = files.0.remove(&any) {
                files.put(to.clone(), entry);
            }
            format!("rename {any} to {to}")
        }
        5 => {
            files.put("vision.md".into(), file(text(rng, "vision.md")));
            "edit vision.md".into()
        }
        6 => {
            files.put("charter.yaml".into(), file(config(rng)));
            "edit charter.yaml".into()
        }
        7 => toggle(files, rng.pick(STATICS), file(b"bytes".to_vec())),
        8 => toggle(files, rng.pick(OTHERS), file(b"bytes".to_vec())),
        _ => {
            let (path, target) = LINKED[rng.below(LINKED.len())];
            let link = Entry {
                link: true,
                bytes: target.as_bytes().to_vec(),
            };
            toggle(files, path, link)
        }
    }
}

fn run(seed: u64, steps: usize) {
    let mut rng = Rng(seed);
    let mut files = Files::default();
    files.put("charter.yaml".into(), file(config(&mut rng)));
    files.put("vision.md".into(), file(text(&mut rng, "vision.md")));
    for _ in 0..12 {
        let path = path(&mut rng);
        let text = text(&mut rng, &path);
        files.put(path, file(text));
    }
    let (mut cache, mut checks) = (Cache::default(), State::default());
    let mut done = vec!["start".to_string()];
    for _ in 0..steps {
        let full = check(&files, &mut Cache::default());
        let warm = check_changed(&files, &mut cache, &mut checks);
        let (full, warm): (Vec<_>, Vec<_>) = (
            full.diagnostics.iter().collect(),
            warm.diagnostics.iter().collect(),
        );
        assert!(
            full == warm,
            "seed {seed}, after {}:\nfull check: {full:#?}\nincremental: {warm:#?}",
            done.join(", then ")
        );
        done.push(change(&mut rng, &mut files));
    }
}

#[test]
fn incremental_checks_find_what_full_checks_find() {
    for seed in 0..30 {
        run(seed, 60);
    }
}

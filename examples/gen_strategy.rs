//! Generates a large, valid strategy repository with a long git history,
//! for benchmarks: `cargo run --release --example gen_strategy -- OUT
//! --items 10000 --commits 5000 --seed 1`. The same arguments always give
//! the same files and the same commits. History is written through
//! `git fast-import`, so thousands of commits take seconds.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// xorshift64*: small, fast and deterministic; no dependency for a benchmark.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const STATUSES: &[&str] = &["idea", "planned", "in-progress", "shipped", "dropped"];
const HORIZONS: &[&str] = &["now", "next", "later"];
const AREAS: &[&str] = &[
    "platform", "growth", "mobile", "billing", "identity", "dispatch", "insights", "core",
];
const AUTHORS: &[(&str, &str)] = &[
    ("Ada Okafor", "ada@example.com"),
    ("Dana Kim", "dana@example.com"),
    ("Zoë Müller", "zoe@example.com"),
    ("José Álvarez", "jose@example.com"),
    ("Priya Raman", "priya@example.com"),
    ("Marcus Lindqvist", "marcus@example.com"),
    ("Nadia Petrović", "nadia@example.com"),
    ("Wei Chen", "wei@example.com"),
    ("Grace Oduya", "grace@example.com"),
    ("Samir Haddad", "samir@example.com"),
    ("Aiko Tanaka", "aiko@example.com"),
    ("Kwame Mensah", "kwame@example.com"),
];

struct Item {
    folder: &'static str,
    status: usize,
    horizon: usize,
    owner: usize,
    team: usize,
    goal: usize,
    depends_on: Option<usize>,
    start_day: u32,
    length_days: u32,
    revision: u32,
}

struct Args {
    out: PathBuf,
    items: usize,
    commits: usize,
    seed: u64,
}

fn parse_args() -> Args {
    let mut args = std::env::args().skip(1);
    let mut parsed = Args {
        out: PathBuf::new(),
        items: 1000,
        commits: 500,
        seed: 1,
    };
    while let Some(a) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .unwrap_or_else(|| panic!("{name} needs a value"))
        };
        match a.as_str() {
            "--items" => parsed.items = value("--items").parse().expect("--items N"),
            "--commits" => parsed.commits = value("--commits").parse().expect("--commits M"),
            "--seed" => parsed.seed = value("--seed").parse().expect("--seed S"),
            other => parsed.out = PathBuf::from(other),
        }
    }
    assert!(
        !parsed.out.as_os_str().is_empty(),
        "usage: gen_strategy OUT [--items N] [--commits M] [--seed S]"
    );
    parsed
}

/// `YYYY-MM-DD` of a day counted from 2025-01-01, in 28-day months so that
/// every date exists.
fn date(day: u32) -> String {
    let (y, rest) = (2025 + day / 336, day % 336);
    format!("{y}-{:02}-{:02}", rest / 28 + 1, rest % 28 + 1)
}

fn item_path(i: usize, item: &Item) -> String {
    format!("roadmap/{}/item-{i:05}.md", item.folder)
}

fn item_text(i: usize, item: &Item, n: &Counts) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "---\ntitle: Item {i} for {}", item.folder);
    let _ = writeln!(
        s,
        "status: {}\nhorizon: {}",
        STATUSES[item.status], HORIZONS[item.horizon]
    );
    let _ = writeln!(
        s,
        "owner: person-{:04}\nteam: team-{:03}",
        item.owner % n.people,
        item.team % n.teams
    );
    let _ = writeln!(s, "goals: [goal-{:04}]", item.goal % n.goals);
    if let Some(d) = item.depends_on {
        let _ = writeln!(s, "depends_on: [item-{d:05}]");
    }
    let _ = writeln!(
        s,
        "start: {}\ntarget: {}",
        date(item.start_day),
        date(item.start_day + item.length_days)
    );
    let _ = writeln!(
        s,
        "milestones:\n  - {{ title: Beta, date: {}, done: false }}",
        date(item.start_day + item.length_days / 2)
    );
    let _ = writeln!(
        s,
        "score: {{ reach: {}, impact: 2, confidence: 70, effort: 3 }}",
        100 + i % 900
    );
    let _ = writeln!(s, "tags: [{}]\n---", item.folder);
    let _ = writeln!(
        s,
        "## Problem\n\nRevision {} of the problem statement for item {i}.",
        item.revision
    );
    if let Some(d) = item.depends_on {
        // `FOLDER` is filled in by `fixed_links`, which knows where item `d` lives.
        let _ = writeln!(s, "\nBuilds on [item {d}](../FOLDER/item-{d:05}.md).");
    }
    s
}

struct Counts {
    people: usize,
    teams: usize,
    goals: usize,
    metrics: usize,
}

fn main() {
    let args = parse_args();
    let mut rng = Rng(args.seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let n = Counts {
        people: (args.items / 10).max(20),
        teams: (args.items / 100).max(4),
        goals: (args.items / 20).max(8),
        metrics: (args.items / 50).max(5),
    };
    std::fs::create_dir_all(&args.out).expect("create OUT");
    let git = |a: &[&str]| {
        let ok = Command::new("git")
            .arg("-C")
            .arg(&args.out)
            .args(a)
            .status()
            .expect("run git")
            .success();
        assert!(ok, "git {a:?} failed");
    };
    git(&["init", "-q", "-b", "main"]);

    // Files of the first commit: everything but the roadmap.
    let mut base: BTreeMap<String, String> = BTreeMap::new();
    base.insert(
        "charter.yaml".into(),
        "title: Generated strategy\ndescription: A benchmark strategy.\n".into(),
    );
    base.insert(
        "vision.md".into(),
        "---\ntitle: Generated vision\nstatement: Be fast.\nowner: person-0000\npillars:\n  - { id: speed, title: Speed }\n  - { id: scale, title: Scale }\n---\nThe vision.\n".into(),
    );
    for r in 0..8 {
        base.insert(
            format!("roles/role-{r}.md"),
            format!("---\ntitle: Role {r}\nlevel: ic\nresponsibilities: [Ship]\n---\n"),
        );
    }
    for t in 0..n.teams {
        let parent = if t == 0 {
            String::new()
        } else {
            format!("parent: team-{:03}\n", rng.below(t))
        };
        base.insert(
            format!("teams/team-{t:03}.md"),
            format!(
                "---\nname: Team {t}\nlead: person-{:04}\n{parent}---\n",
                t % n.people
            ),
        );
    }
    for p in 0..n.people {
        let boss = if p == 0 {
            String::new()
        } else {
            format!("reports_to: person-{:04}\n", rng.below(p))
        };
        base.insert(
            format!("people/person-{p:04}.md"),
            format!("---\nname: Person {p}\nrole: role-{}\nteam: team-{:03}\n{boss}---\nBio of person {p}.\n", p % 8, p % n.teams),
        );
    }
    for m in 0..n.metrics {
        let values: String = (0..12)
            .map(|k| {
                format!(
                    "  - {{ date: 2026-{:02}-01, value: {} }}\n",
                    k + 1,
                    100 + m + k * 3
                )
            })
            .collect();
        base.insert(
            format!("metrics/metric-{m:03}.yaml"),
            format!(
                "name: Metric {m}\nunit: users\ndirection: up\ntarget: {}\nvalues:\n{values}",
                200 + m
            ),
        );
    }
    for g in 0..n.goals {
        let parent = if g < 4 {
            String::new()
        } else {
            format!("parent: goal-{:04}\n", rng.below(g.min(50)))
        };
        base.insert(
            format!("goals/goal-{g:04}.md"),
            format!(
                "---\ntitle: Goal {g}\npillar: {}\n{parent}status: on-track\nkey_results:\n  - {{ title: Grow metric, metric: metric-{:03}, target: {}, by: 2027-12-31 }}\n---\nWhy goal {g} matters.\n",
                if g % 2 == 0 { "speed" } else { "scale" },
                g % n.metrics,
                300 + g
            ),
        );
    }

    let mut items: Vec<Item> = Vec::new();
    let mut stream = String::new();
    let mut when: u64 = 1_735_689_600; // 2025-01-01
    let add_commit = |stream: &mut String, when: &mut u64, rng: &mut Rng, msg: &str, ops: &str| {
        let (name, email) = rng.pick(AUTHORS);
        *when += 600 + rng.below(7200) as u64;
        let _ = write!(
            stream,
            "commit refs/heads/main\nauthor {name} <{email}> {when} +0000\ncommitter {name} <{email}> {when} +0000\ndata {}\n{msg}\n{ops}\n",
            msg.len()
        );
    };
    let file_op =
        |path: &str, text: &str| format!("M 100644 inline {path}\ndata {}\n{text}\n", text.len());

    let base_ops: String = base.iter().map(|(p, t)| file_op(p, t)).collect();
    add_commit(
        &mut stream,
        &mut when,
        &mut rng,
        "Start the strategy",
        &base_ops,
    );

    // Spread the items over the first half of the commits, then keep editing.
    let commits = args.commits.max(2) - 1;
    let adding = (commits / 2).max(1);
    let per_commit = args.items.div_ceil(adding);
    let mut decisions = 0usize;
    for c in 0..commits {
        let mut ops = String::new();
        let message;
        if items.len() < args.items && c < adding {
            let upto = (items.len() + per_commit).min(args.items);
            for i in items.len()..upto {
                let item = Item {
                    folder: AREAS[rng.below(AREAS.len())],
                    status: rng.below(2),
                    horizon: rng.below(3),
                    owner: rng.below(n.people),
                    team: rng.below(n.teams),
                    goal: rng.below(n.goals),
                    depends_on: (i > 0 && rng.below(3) == 0).then(|| rng.below(i)),
                    start_day: 400 + rng.below(300) as u32,
                    length_days: 30 + rng.below(200) as u32,
                    revision: 0,
                };
                ops.push_str(&file_op(
                    &item_path(i, &item),
                    &fixed_links(&item_text(i, &item, &n), &items, item.depends_on),
                ));
                items.push(item);
            }
            message = format!("Add roadmap items up to {}", items.len());
        } else if c % 25 == 0 && !items.is_empty() {
            // A reorganisation: move an item to another area (a rename).
            let i = rng.below(items.len());
            let old = item_path(i, &items[i]);
            items[i].folder = AREAS[rng.below(AREAS.len())];
            let new = item_path(i, &items[i]);
            if old != new {
                let _ = writeln!(ops, "R {old} {new}");
                // Links into a moved file would break; rewrite the items that point at it.
                for (j, other) in items.iter().enumerate() {
                    if other.depends_on == Some(i) {
                        ops.push_str(&file_op(
                            &item_path(j, other),
                            &fixed_links(&item_text(j, other, &n), &items, other.depends_on),
                        ));
                    }
                }
            }
            message = format!("Move item {i} to {}", items[i].folder);
        } else if c % 40 == 0 {
            let d = decisions;
            decisions += 1;
            let text = format!(
                "---\ntitle: Decision {d}\nstatus: accepted\ndate: {}\ndeciders: [person-{:04}]\nitems: [item-{:05}]\n---\n## Context\n\nWhy.\n",
                date((when / 86_400 % 700) as u32),
                rng.below(n.people),
                rng.below(items.len().max(1))
            );
            ops.push_str(&file_op(&format!("decisions/decision-{d:04}.md"), &text));
            message = format!("Record decision {d}");
        } else {
            let count = 1 + rng.below(4);
            let mut touched = Vec::new();
            for _ in 0..count {
                let i = rng.below(items.len().max(1));
                if i >= items.len() || touched.contains(&i) {
                    continue;
                }
                touched.push(i);
                let item = &mut items[i];
                match rng.below(5) {
                    0 => item.status = (item.status + 1).min(STATUSES.len() - 1),
                    1 => item.horizon = rng.below(HORIZONS.len()),
                    2 => item.owner = rng.below(n.people),
                    3 => item.length_days += 14,
                    _ => item.revision += 1,
                }
            }
            for &i in &touched {
                ops.push_str(&file_op(
                    &item_path(i, &items[i]),
                    &fixed_links(&item_text(i, &items[i], &n), &items, items[i].depends_on),
                ));
            }
            message = format!("Update {} roadmap items", touched.len());
        }
        add_commit(&mut stream, &mut when, &mut rng, &message, &ops);
    }

    let mut child = Command::new("git")
        .arg("-C")
        .arg(&args.out)
        .args(["fast-import", "--quiet"])
        .stdin(Stdio::piped())
        .spawn()
        .expect("run git fast-import");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stream.as_bytes())
        .expect("feed fast-import");
    assert!(
        child.wait().expect("fast-import").success(),
        "git fast-import failed"
    );
    git(&["reset", "-q", "--hard", "main"]);
    eprintln!(
        "Generated {} roadmap items, {} goals, {} people, {} teams, {} metrics, {decisions} decisions and {} commits in {}",
        items.len(),
        n.goals,
        n.people,
        n.teams,
        n.metrics,
        args.commits.max(2),
        args.out.display()
    );
}

/// Item bodies link to the item they depend on; its folder is known only here.
fn fixed_links(text: &str, items: &[Item], depends_on: Option<usize>) -> String {
    match depends_on.and_then(|d| items.get(d)) {
        Some(dep) => text.replace("../FOLDER/", &format!("../{}/", dep.folder)),
        None => text.to_string(),
    }
}

//! Measures `charter serve`: the time from saving a file to the server
//! answering with the page that shows the change, for an edit to one
//! roadmap item, to `charter.yaml` and to a template; and the memory the
//! server holds. Run on a generated strategy:
//! `cargo run --release --example serve_latency -- REPO [--samples 21]`
//! (uses `target/release/charter`, or the binary named by `CHARTER`).
//! With `--soak N` it instead edits the item N times, waiting for each new
//! page, and prints the memory after the first edit and after the last:
//! what a long session of edits keeps.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn get(port: u16, target: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read");
    String::from_utf8_lossy(&raw).into_owned()
}

/// Saves `text` to `path`, then fetches `target` until it contains `marker`.
fn time_edit(port: u16, path: &Path, text: &str, target: &str, marker: &str) -> Duration {
    std::fs::write(path, text).expect("write");
    let saved = Instant::now();
    loop {
        if get(port, target).contains(marker) {
            return saved.elapsed();
        }
        assert!(
            saved.elapsed() < Duration::from_secs(30),
            "{target} never showed {marker}"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// The snapshot a page was rendered from, as its reload script names it.
fn generation(page: &str) -> Option<u64> {
    let rest = page.split("var g=").nth(1)?;
    rest.split(';').next()?.parse().ok()
}

fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .map(String::from)
        })
        .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let p90 = samples[(samples.len() * 9 / 10).min(samples.len() - 1)];
    println!(
        "{name:<24} median {:>7.1} ms   p90 {:>7.1} ms   max {:>7.1} ms   ({} samples)",
        ms(samples[samples.len() / 2]),
        ms(p90),
        ms(*samples.last().unwrap()),
        samples.len()
    );
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut repo = PathBuf::new();
    let mut samples = 21usize;
    let mut soak = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--samples" => {
                samples = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--samples N")
            }
            "--soak" => soak = Some(args.next().and_then(|v| v.parse().ok()).expect("--soak N")),
            other => repo = PathBuf::from(other),
        }
    }
    assert!(
        repo.join("charter.yaml").is_file(),
        "usage: serve_latency REPO [--samples N | --soak N]"
    );
    let binary = std::env::var("CHARTER").unwrap_or_else(|_| "target/release/charter".into());
    let started = Instant::now();
    let mut child = Command::new(&binary)
        .args(["serve", "--port", "0", "-q"])
        .arg(&repo)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("start charter serve");
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let first = lines.next().expect("first line").unwrap();
    let port: u16 = first
        .rsplit_once("127.0.0.1:")
        .and_then(|(_, r)| r.split('/').next()?.parse().ok())
        .expect("address");
    std::thread::spawn(move || lines.for_each(drop));

    // The item to edit: the first roadmap file, by path.
    let item = walk(&repo.join("roadmap"))
        .into_iter()
        .min()
        .expect("a roadmap item");
    let id = item.file_stem().unwrap().to_string_lossy().into_owned();
    let page = format!("/roadmap/{id}/");
    let original = std::fs::read_to_string(&item).unwrap();
    assert!(get(port, &page).contains("200 OK"), "{page} is served");
    println!(
        "server ready in {:.0} ms (first page rendered)",
        started.elapsed().as_secs_f64() * 1000.0
    );
    let pid = child.id();
    println!("memory after start: {} MiB", rss_kib(pid) / 1024);
    // History is read in the background, and is most of what the server
    // holds: edits are timed, and memory compared, once it is shown (the
    // server's first new snapshot, as the pages' reload script counts).
    let reading = Instant::now();
    while generation(&get(port, &page)) == Some(0) {
        if reading.elapsed() > Duration::from_secs(120) {
            println!("no history shown after 120 s; measuring without it");
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    println!(
        "history shown after {:.0} ms more; memory then: {} MiB",
        reading.elapsed().as_secs_f64() * 1000.0,
        rss_kib(pid) / 1024
    );

    let edit_item = |n: usize| {
        let marker = format!("Edited title {n}");
        let text = original.replacen("title: ", &format!("title: {marker} "), 1);
        time_edit(port, &item, &text, &page, &marker)
    };
    if let Some(edits) = soak {
        let mut took = vec![edit_item(0)];
        let first = rss_kib(pid);
        // Memory along the way, to tell a plateau from steady growth.
        let mut along = Vec::new();
        for n in 1..edits {
            took.push(edit_item(n));
            if (n + 1) % (edits / 4).max(1) == 0 {
                along.push(format!("{} MiB after {}", rss_kib(pid) / 1024, n + 1));
            }
        }
        let last = rss_kib(pid);
        println!("soak memory along the way: {}", along.join(", "));
        std::fs::write(&item, &original).unwrap();
        report(&format!("soak: {edits} item edits"), took);
        println!(
            "soak memory: {} MiB after the first edit, {} MiB after the last ({:+.1}%)",
            first / 1024,
            last / 1024,
            (last as f64 / first as f64 - 1.0) * 100.0
        );
        let _ = child.kill();
        let _ = child.wait();
        return;
    }
    let edits = (0..samples).map(edit_item).collect();
    std::fs::write(&item, &original).unwrap();
    report("edit one roadmap item", edits);

    let config_path = repo.join("charter.yaml");
    let config = std::fs::read_to_string(&config_path).unwrap();
    let mut configs = Vec::new();
    for n in 0..samples.min(11) {
        let marker = format!("Site title {n}");
        let text =
            format!("{config}\n# edit {n}\n").replacen("title: ", &format!("title: {marker} "), 1);
        configs.push(time_edit(port, &config_path, &text, &page, &marker));
    }
    std::fs::write(&config_path, &config).unwrap();
    report("edit charter.yaml", configs);

    let template = std::fs::read_to_string("themes/default/templates/roadmap_item.html")
        .expect("run from the repository root");
    let override_path = repo.join("templates/roadmap_item.html");
    std::fs::create_dir_all(override_path.parent().unwrap()).unwrap();
    let mut templates = Vec::new();
    for n in 0..samples.min(11) {
        let marker = format!("template-marker-{n}");
        let text = template.replacen(
            "{% block property_rows %}",
            &format!("{{% block property_rows %}}<!-- {marker} -->"),
            1,
        );
        assert!(
            text.contains(&marker),
            "roadmap_item.html has no property_rows block"
        );
        templates.push(time_edit(port, &override_path, &text, &page, &marker));
    }
    std::fs::remove_file(&override_path).unwrap();
    report("edit a template", templates);
    println!("memory after the edits: {} MiB", rss_kib(pid) / 1024);
    let _ = child.kill();
    let _ = child.wait();
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
    out
}

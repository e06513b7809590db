//! The text framing of the strategy and history targets: readable, so that
//! the corpus is made of real files and a finding can be read and cut by
//! hand, and line-based, so that AFL's splicing of inputs keeps records
//! whole. An input is a list of records, each a header line and a body:
//!
//! ```text
//! @@ file roadmap/sso.md        the body is the file's bytes
//! @@ link roadmap/alias.md      a symbolic link; the body is its target
//! @@ delete roadmap/sso.md
//! @@ rename roadmap/a.md roadmap/b.md
//! @@ commit 1798416000 60 Dana Kim    (time, UTC offset in minutes, author;
//!                                      each optional) the body is the message
//! @@ reset 2                    go back to the 3rd commit (a branch starts)
//! @@ merge 1                    merge the 2nd commit into the current one
//! ```
//!
//! A body runs to the next line that starts with `@@ `; bytes before the
//! first header are ignored, and so are unknown records.

use std::collections::BTreeMap;

pub struct Record<'a> {
    pub op: String,
    /// The rest of the header line.
    pub arg: String,
    pub body: &'a [u8],
}

const MARK: &[u8] = b"@@ ";

pub fn records(input: &[u8]) -> Vec<Record<'_>> {
    let starts: Vec<usize> = (0..input.len())
        .filter(|&i| (i == 0 || input[i - 1] == b'\n') && input[i..].starts_with(MARK))
        .collect();
    let ends = starts.iter().skip(1).copied().chain([input.len()]);
    starts
        .iter()
        .zip(ends)
        .map(|(&start, end)| {
            let record = &input[start + MARK.len()..end];
            let line = record.iter().position(|&b| b == b'\n');
            let (header, body) = match line {
                Some(n) => (&record[..n], &record[n + 1..]),
                None => (record, &record[record.len()..]),
            };
            let header = String::from_utf8_lossy(header);
            let (op, arg) = header.trim_end().split_once(' ').unwrap_or((&header, ""));
            Record {
                op: op.trim().to_string(),
                arg: arg.trim().to_string(),
                body,
            }
        })
        .collect()
}

/// A file as git and the working tree hold it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub link: bool,
    pub bytes: Vec<u8>,
}

/// The files of a strategy root, by `/`-separated relative path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Files(pub BTreeMap<String, Entry>);

impl Files {
    /// Applies a `file`, `link`, `delete` or `rename` record; false for
    /// any other.
    pub fn apply(&mut self, r: &Record) -> bool {
        match r.op.as_str() {
            "file" | "link" => {
                let link = r.op == "link";
                let bytes = match link {
                    true => r.body.trim_ascii_end().to_vec(),
                    false => r.body.to_vec(),
                };
                // A link's target is a name: not empty, no NUL.
                let named = !link || !(bytes.is_empty() || bytes.contains(&0));
                if let Some(path) = clean(&r.arg).filter(|_| named) {
                    self.put(path, Entry { link, bytes });
                }
            }
            "delete" => {
                if let Some(path) = clean(&r.arg) {
                    self.0.remove(&path);
                }
            }
            "rename" => {
                let mut paths = r.arg.split_whitespace().filter_map(clean);
                if let (Some(from), Some(to)) = (paths.next(), paths.next())
                    && let Some(entry) = self.0.remove(&from)
                {
                    self.put(to, entry);
                }
            }
            _ => return false,
        }
        true
    }

    /// Puts a file at `path`, removing what a tree could not hold beside
    /// it: a file where one of its folders goes, or a folder at its path.
    pub fn put(&mut self, path: String, entry: Entry) {
        let folder = format!("{path}/");
        self.0
            .retain(|p, _| !p.starts_with(&folder) && !path.starts_with(&format!("{p}/")));
        self.0.insert(path, entry);
    }
}

/// A path as a git tree can hold it: no empty, `.` or `..` names, no
/// `.git`, no NUL. `None` when nothing is left.
fn clean(path: &str) -> Option<String> {
    let names: Vec<&str> = path
        .split('/')
        .filter(|n| {
            !matches!(*n, "" | "." | "..") && !n.eq_ignore_ascii_case(".git") && !n.contains('\0')
        })
        .collect();
    (!names.is_empty()).then(|| names.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_split_at_marks_at_line_starts() {
        let input = b"ignored\n@@ file a.md\nx @@ y\n@@ z\n@@ commit 5 0 Ada\nmsg";
        let r = records(input);
        let seen: Vec<(&str, &str, &[u8])> = r
            .iter()
            .map(|r| (r.op.as_str(), r.arg.as_str(), r.body))
            .collect();
        assert_eq!(
            seen,
            [
                ("file", "a.md", &b"x @@ y\n"[..]),
                ("z", "", b""),
                ("commit", "5 0 Ada", b"msg"),
            ]
        );
    }

    #[test]
    fn paths_are_cleaned_and_trees_stay_trees() {
        let mut files = Files::default();
        for header in ["@@ file a/b.md\n", "@@ file ./a//.\n", "@@ file .git/x\n"] {
            files.apply(&records(header.as_bytes())[0]);
        }
        let paths: Vec<&String> = files.0.keys().collect();
        assert_eq!(paths, ["a", "x"]);
    }
}

//! The integration tests: one binary, one module per feature, each driving
//! the real `charter` executable on fixture strategies in temp folders.

#[path = "cli/support.rs"]
mod support;

#[path = "cli/site.rs"]
mod site;

#[path = "cli/action.rs"]
mod action;
#[path = "cli/board.rs"]
mod board;
#[path = "cli/build.rs"]
mod build;
#[path = "cli/completions.rs"]
mod completions;
#[path = "cli/contained.rs"]
mod contained;
#[path = "cli/corrupt.rs"]
mod corrupt;
#[path = "cli/demo.rs"]
mod demo;
#[path = "cli/diagnostics.rs"]
mod diagnostics;
#[path = "cli/drawings.rs"]
mod drawings;
#[path = "cli/export.rs"]
mod export;
#[path = "cli/formats.rs"]
mod formats;
#[path = "cli/gitlab.rs"]
mod gitlab;
#[path = "cli/goal_map.rs"]
mod goal_map;
#[path = "cli/history.rs"]
mod history;
#[path = "cli/history_long.rs"]
mod history_long;
#[path = "cli/init.rs"]
mod init;
#[path = "cli/interrupt.rs"]
mod interrupt;
#[path = "cli/kinds.rs"]
mod kinds;
#[path = "cli/limits.rs"]
mod limits;
#[path = "cli/org.rs"]
mod org;
#[path = "cli/output.rs"]
mod output;
#[path = "cli/readable.rs"]
mod readable;
#[path = "cli/references.rs"]
mod references;
#[path = "cli/release.rs"]
mod release;
#[path = "cli/search.rs"]
mod search;
#[path = "cli/serve.rs"]
mod serve;
#[path = "cli/serve_edits.rs"]
mod serve_edits;
#[path = "cli/theme.rs"]
mod theme;
#[path = "cli/toolchain.rs"]
mod toolchain;
#[path = "cli/workflows.rs"]
mod workflows;

//! The integration tests: one binary, one module per feature, each driving
//! the real `charter` executable on fixture strategies in temp folders.

#[path = "cli/support.rs"]
mod support;

#[path = "cli/site.rs"]
mod site;

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
#[path = "cli/diagnostics.rs"]
mod diagnostics;
#[path = "cli/export.rs"]
mod export;
#[path = "cli/formats.rs"]
mod formats;
#[path = "cli/history.rs"]
mod history;
#[path = "cli/init.rs"]
mod init;
#[path = "cli/interrupt.rs"]
mod interrupt;
#[path = "cli/kinds.rs"]
mod kinds;
#[path = "cli/limits.rs"]
mod limits;
#[path = "cli/output.rs"]
mod output;
#[path = "cli/references.rs"]
mod references;
#[path = "cli/serve.rs"]
mod serve;
#[path = "cli/theme.rs"]
mod theme;
#[path = "cli/toolchain.rs"]
mod toolchain;

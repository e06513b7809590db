//! The integration tests: one binary, one module per feature, each driving
//! the real `charter` executable on fixture strategies in temp folders.

#[path = "cli/support.rs"]
mod support;

#[path = "cli/build.rs"]
mod build;
#[path = "cli/diagnostics.rs"]
mod diagnostics;
#[path = "cli/export.rs"]
mod export;
#[path = "cli/init.rs"]
mod init;

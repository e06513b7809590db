//! One module per command; each opens the project and drives the pipeline.

pub mod build;
pub mod check;
pub mod diff;
pub mod export;
pub mod init;

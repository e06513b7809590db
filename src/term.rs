//! Terminal output: colour only on a terminal and never under `NO_COLOR`.

use std::io::IsTerminal;

pub fn color_stderr() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

/// `error` in bold red when colour is on.
pub fn error_label() -> &'static str {
    if color_stderr() {
        "\x1b[1;31merror\x1b[0m"
    } else {
        "error"
    }
}

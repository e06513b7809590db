//! The command line, as clap sees it.

use crate::diagnostics::Format;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "charter",
    version,
    about = "Product strategy as code: check it, render it, see how it changed."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Print less: only problems
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scaffold a small, valid strategy repository to start from
    #[command(after_help = "Examples:\n  charter init\n  charter init strategy/")]
    Init {
        /// Where to create it (default: the current folder)
        dir: Option<PathBuf>,
        /// Do not make it a git repository with a first commit (which `init`
        /// does unless the folder is in a repository already)
        #[arg(long)]
        no_git: bool,
    },
    /// Validate everything and print every problem found
    #[command(
        after_help = "Examples:\n  charter check\n  charter check strategy/ --deny-warnings\n  \
charter check --format github   (annotations on a pull request)"
    )]
    Check {
        #[command(flatten)]
        root: RootArg,
        /// How to print diagnostics
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// Fail (exit 1) on warnings too
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Validate, then write the site
    #[command(
        after_help = "Examples:\n  charter build\n  charter build strategy/ -o public/\n  \
charter build --rev v1.0 -o site-v1/ --base-url https://example.com/strategy/"
    )]
    Build(BuildArgs),
    /// Build, serve, watch, rebuild and reload browsers on every change
    #[command(
        after_help = "Examples:\n  charter serve --open\n  charter serve strategy/ --port 8080"
    )]
    Serve(ServeArgs),
    /// What changed in the strategy between two git revisions
    #[command(
        override_usage = "charter diff [OPTIONS] [DIR] FROM [TO]",
        after_help = "With two arguments, the first is DIR when it is a folder holding \
charter.yaml, else FROM. Examples:\n  charter diff v1.0 v2.0\n  charter diff HEAD~5\n  \
charter diff strategy/ main"
    )]
    Diff {
        /// [DIR] FROM [TO]: TO defaults to the working tree, uncommitted edits included
        #[arg(value_name = "REV", num_args = 1..=3)]
        args: Vec<String>,
        /// How to print the changes
        #[arg(long, value_enum, default_value_t)]
        format: DiffFormat,
    },
    /// The whole validated model, with history, as JSON on stdout
    #[command(after_help = "Examples:\n  charter export > strategy.json\n  \
charter export --rev v1.0 | jq '.roadmap | keys'")]
    Export {
        #[command(flatten)]
        root: RootArg,
        /// Export the strategy as of this revision
        #[arg(long, value_name = "REV")]
        rev: Option<String>,
    },
    /// Print the completion script of a shell for charter
    #[command(after_help = "Examples:\n  \
charter completions bash > ~/.local/share/bash-completion/completions/charter\n  \
charter completions zsh > ~/.zfunc/_charter\n  \
charter completions fish > ~/.config/fish/completions/charter.fish")]
    Completions {
        /// The shell to complete in
        shell: clap_complete::Shell,
    },
    /// Print charter's manual page, for `man`
    #[command(after_help = "Example:\n  charter man > ~/.local/share/man/man1/charter.1")]
    Man,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum DiffFormat {
    #[default]
    Human,
    Json,
}

#[derive(Debug, Args)]
pub struct RootArg {
    /// The strategy root (default: search upwards from the current folder for charter.yaml)
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// Output folder (default: DIR/public)
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Override `base_url` from charter.yaml
    #[arg(long)]
    pub base_url: Option<String>,
    /// Build the strategy as of a tag, branch or commit (`v1.0`, `main`, `HEAD~3`),
    /// read from git without touching the working tree
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
    /// Leave out history (faster; as if `history.enabled: false`)
    #[arg(long)]
    pub no_history: bool,
    /// Overwrite files in the output folder that charter did not write
    #[arg(long)]
    pub force: bool,
    /// Print how long each step of the build takes
    #[arg(short, long, conflicts_with = "quiet")]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// Port to listen on (0: any free port); by default 1111, or the next free one
    #[arg(short, long)]
    pub port: Option<u16>,
    /// Address to listen on; anything but loopback exposes the site to the network
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the site in the default browser
    #[arg(long)]
    pub open: bool,
    /// Also answer requests made to this host name (repeatable; `.example.com` allows it and
    /// its subdomains); localhost and IP addresses are always allowed
    #[arg(long, value_name = "NAME")]
    pub allow_host: Vec<String>,
}

/// How chatty to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

impl Cli {
    pub fn verbosity(&self) -> Verbosity {
        if self.quiet {
            Verbosity::Quiet
        } else if matches!(&self.command, Command::Build(args) if args.verbose) {
            Verbosity::Verbose
        } else {
            Verbosity::Normal
        }
    }
}

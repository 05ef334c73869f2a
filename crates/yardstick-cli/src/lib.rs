//! The `yardstick` command as a library: the command line ([`Cli`], [`run`]) that the
//! binary in `main.rs` parses and runs, and, for the fuzz targets in `fuzz/`, [`readers`],
//! which reads one publisher file as the builder does, and [`parse_source_label`], which reads
//! the publishers' period labels.
//!
//! Everything else (the builder, the checks, the queries) is private: the command line is
//! the interface.
//!
//! ```
//! use clap::Parser;
//! use yardstick_cli::Cli;
//!
//! let cli = Cli::try_parse_from(["yardstick", "check", "public/data/demo"]).unwrap();
//! assert!(format!("{cli:?}").contains("Check"));
//! ```

mod archive;
mod build;
mod check;
mod config;
mod context_vars;
mod json;
mod list;
mod maps;
mod peer_groups;
mod query;
pub mod readers;
mod report;
mod sources;

pub use sources::period_label::{SourcePeriod, YearType, parse_source_label};

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};

/// Build, check, list and query Yardstick metric bundles.
#[derive(Debug, Parser)]
#[command(name = "yardstick", version)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build a bundle from the sources a configuration names.
    Build {
        /// The configuration (bundles/demo.toml).
        config: PathBuf,
        /// Where to write the bundle (default: the configuration's `out`).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Fail, writing nothing, if any input row is rejected.
        #[arg(long)]
        strict: bool,
        /// Also keep an immutable copy of this version at DIR/<content hash digits>/, for
        /// embeds pinned to it (see docs/embedding.md).
        #[arg(long, value_name = "DIR")]
        archive: Option<PathBuf>,
    },
    /// Check a bundle folder: schema, sizes, hashes, references; exits non-zero on any problem.
    Check {
        /// The bundle folder (public/data/demo).
        dir: PathBuf,
    },
    /// List a bundle's metrics.
    Metrics {
        /// The bundle folder.
        dir: PathBuf,
        #[arg(long, value_enum, default_value = "table")]
        format: list::Format,
    },
    /// List a bundle's areas.
    Areas {
        /// The bundle folder.
        dir: PathBuf,
        #[arg(long, value_enum, default_value = "table")]
        format: list::Format,
    },
    /// An area's peer group, with why each nearest neighbour is near and the overlap with
    /// published groups.
    Peers {
        /// The bundle folder.
        dir: PathBuf,
        /// The area's code (E08000009).
        #[arg(long)]
        area: String,
        /// The group: all, type, region, published:ID, nearest[:K][;options], list:CODE,...
        #[arg(long)]
        group: String,
        /// Limit candidates to the councils providing this metric's service (default: every
        /// council sharing a service with the area).
        #[arg(long)]
        metric: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: query::Format,
    },
    /// Compare an area with its group for one metric and period.
    #[command(
        after_long_help = "Each verdict names its method: `yardstick methods` explains them."
    )]
    Compare {
        /// The bundle folder.
        dir: PathBuf,
        /// The area's code (E08000009).
        #[arg(long)]
        area: String,
        /// The metric's id (`yardstick metrics BUNDLE` lists them).
        #[arg(long)]
        metric: String,
        /// The period, as its label (2022-23) or ISO id (2022-04-01/P1Y); default the latest.
        #[arg(long)]
        period: Option<String>,
        /// The group: all, type, region, published:ID, nearest[:K][;options], list:CODE,...
        #[arg(long)]
        group: String,
        #[arg(long, value_enum, default_value = "table")]
        format: query::Format,
    },
    /// Every metric's latest figures for an area, against its group.
    #[command(
        after_long_help = "Each verdict names its method: `yardstick methods` explains them."
    )]
    Summary {
        /// The bundle folder.
        dir: PathBuf,
        /// The area's code (E08000009).
        #[arg(long)]
        area: String,
        /// The group: all, type, region, published:ID, nearest[:K][;options], list:CODE,...
        #[arg(long)]
        group: String,
        #[arg(long, value_enum, default_value = "table")]
        format: query::Format,
    },
    /// How every verdict, change and trend is worked out, in the words the widget's About view
    /// uses (docs/methods.md gives the formulas and sources).
    Methods,
}

/// Runs one command, printing its output; the exit code says whether it found problems.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Build {
            config,
            out,
            strict,
            archive,
        } => {
            let built = build::build(&config, out.as_deref(), strict)?;
            print!("{}", built.report);
            println!(
                "{} rows rejected; wrote {} files ({} metrics, {} areas) to {}; content hash {}",
                built.rejected,
                built.files,
                built.metrics,
                built.areas,
                built.out.display(),
                built.content_hash
            );
            if let Some(dir) = archive {
                match archive::store(&dir, &built.out, &built.content_hash)? {
                    archive::Archived::Written(path) => {
                        println!("archived this version in {}", path.display());
                    }
                    archive::Archived::AlreadyThere(path) => {
                        println!("this version was already archived in {}", path.display());
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { dir } => {
            let problems = check::check(&dir);
            if problems.is_empty() {
                println!("{}: no problems", dir.display());
                Ok(ExitCode::SUCCESS)
            } else {
                for problem in &problems {
                    println!("{problem}");
                }
                println!("{}: {} problem(s)", dir.display(), problems.len());
                Ok(ExitCode::FAILURE)
            }
        }
        Command::Metrics { dir, format } => {
            print!("{}", list::metrics(&dir, format)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Areas { dir, format } => {
            print!("{}", list::areas(&dir, format)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Peers {
            dir,
            area,
            group,
            metric,
            format,
        } => {
            print!(
                "{}",
                query::peers::run(&dir, &area, &group, metric.as_deref(), format)?
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Compare {
            dir,
            area,
            metric,
            period,
            group,
            format,
        } => {
            let output =
                query::compare::run(&dir, &area, &metric, period.as_deref(), &group, format)?;
            print!("{output}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Summary {
            dir,
            area,
            group,
            format,
        } => {
            print!("{}", query::summary::run(&dir, &area, &group, format)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Methods => {
            for method in yardstick_present::methods::METHODS {
                println!("{}\n{}\n", method.term, wrap(method.explanation, 80));
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `text` in lines of at most `width` characters, broken at spaces.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split_whitespace() {
        let length = word.chars().count();
        if line > 0 && line + 1 + length > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += length;
    }
    out
}

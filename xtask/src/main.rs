//! Yardstick's own automation, run as `cargo xtask <command>`.
//!
//! One program does what a developer and CI do, so the two never drift:
//! - `serve`: install what is missing, build the widget for release and serve it on 127.0.0.1:8080;
//! - `test`: install what is missing, then every check and test, ending with
//!   `N passed, N failed, N skipped`;
//! - `test-webkit`: the WebKit subset of the end-to-end tests alone, against dist/ as built;
//! - `build`: the release site in `dist/` (what a council copies to its static host);
//! - `size-baseline`: build, then write the shipped code's sizes as the size ratchet's baseline;
//! - `bench-widget`, `bench-engine`, `bench-build`: the benchmarks recorded in the issues;
//! - `fuzz [SECONDS]`: every fuzz target in fuzz/ for SECONDS each (not part of `test`).

mod bench;
mod deps;
mod fuzz;
mod modules;
mod run;
mod setup;
mod site;
mod sizes;
mod tally;
mod test;
mod toolchain;
mod webkit;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  serve [--port N]   build the widget for release and serve it with the demo bundle
                     on http://127.0.0.1:8080 (default port)
  build              build the release site into dist/ and print its code sizes
  size-baseline      build, then record the code's Brotli sizes in xtask/size-baseline.txt
                     (the ratchet `test` holds them to; commit it with the reason)
  test               install what is missing, then run every check and test
  test-webkit        only the WebKit subset of the end-to-end tests, against dist/ as it is
                     (installs webkit2gtk-driver and xvfb when missing)
  setup              only install what is missing (wasm target, wasm-bindgen CLI, Trunk,
                     npm packages, Chromium)
  bench-widget       bytes a phone downloads, time to the first chart (also on a slow phone
                     and network), time to re-render
  bench-floor        the size of the smallest Leptos app doing what the first view does
  bench-engine       the statistics engine's benchmarks, natively and in Chromium
  bench-build        building a bundle from every ONS dataset and the DfE LAIT file
  fuzz [SECONDS]     run every fuzz target for SECONDS each (default 60) with the pinned
                     nightly and cargo-fuzz; fails naming any crash file (docs/fuzzing.md)
";

fn main() -> ExitCode {
    match run_command(std::env::args().skip(1).collect()) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("xtask: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run_command(args: Vec<String>) -> Result<ExitCode> {
    let root = project_root()?;
    let mut args = args.into_iter();
    let command = args.next().unwrap_or_default();
    let rest: Vec<String> = args.collect();
    match command.as_str() {
        "serve" => {
            let port = parse_port(&rest)?;
            setup::ensure_build_tools(&root)?;
            site::build_release(&root)?;
            site::serve(&root, port)?;
            Ok(ExitCode::SUCCESS)
        }
        "build" => {
            setup::ensure_build_tools(&root)?;
            site::build_release(&root)?;
            print!(
                "{}",
                sizes::table(sizes::RELEASE, &sizes::measure(&root.join("dist"))?)
            );
            Ok(ExitCode::SUCCESS)
        }
        "size-baseline" => {
            setup::ensure_build_tools(&root)?;
            site::build_release(&root)?;
            let measured = sizes::measure(&root.join("dist"))?;
            print!("{}", sizes::table(sizes::RELEASE, &measured));
            let text = sizes::baseline_text(&measured);
            std::fs::write(root.join(sizes::BASELINE), &text)
                .with_context(|| format!("writing {}", sizes::BASELINE))?;
            print!("wrote {}:\n{text}", sizes::BASELINE);
            Ok(ExitCode::SUCCESS)
        }
        "setup" => {
            setup::ensure_build_tools(&root)?;
            setup::ensure_browser()?;
            Ok(ExitCode::SUCCESS)
        }
        "test" => test::run_all(&root),
        "test-webkit" => {
            let (ran, counted) = webkit::run_tests(&root);
            println!("{} passed, {} failed", counted.passed, counted.failed);
            Ok(if ran && counted.failed == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        "bench-widget" => bench::widget(&root).map(|()| ExitCode::SUCCESS),
        "bench-floor" => bench::floor(&root).map(|()| ExitCode::SUCCESS),
        "bench-engine" => bench::engine(&root).map(|()| ExitCode::SUCCESS),
        "bench-build" => bench::build(&root).map(|()| ExitCode::SUCCESS),
        "fuzz" => fuzz::run(&root, fuzz::parse_seconds(&rest)?),
        "" | "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => bail!("unknown command `{other}`\n\n{USAGE}"),
    }
}

fn parse_port(args: &[String]) -> Result<u16> {
    match args {
        [] => Ok(8080),
        [flag, value] if flag == "--port" => value
            .parse()
            .with_context(|| format!("--port takes a number from 1 to 65535, not `{value}`")),
        _ => bail!("serve takes only `--port N`\n\n{USAGE}"),
    }
}

/// The workspace root: xtask lives one level below it.
fn project_root() -> Result<PathBuf> {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(Path::to_path_buf)
        .context("xtask is not inside the workspace")
}

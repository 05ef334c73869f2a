//! Benchmarks: figures to record in the issues, never pass/fail tests (budgets are checked by
//! looking at these numbers, not by timed tests).
//!
//! - `bench-build`: builds a bundle from every ONS dataset and the whole DfE LAIT file, and
//!   reports wall time and peak memory (`/usr/bin/time -v`).
//! - `bench-engine`: the engine's criterion benchmarks natively, then the same in headless
//!   Chromium (wasm-bindgen-test's criterion).
//! - `bench-widget`: the release build's bytes (raw and brotli), the first view's bundle bytes,
//!   time to the first chart unthrottled and on a slow phone and network, and re-render times.
//! - `bench-floor`: the size of the smallest Leptos app that does what the first view must
//!   (`xtask/floor`), built by the same pipeline: the part of the widget's bytes that its own
//!   code cannot remove.

use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::run::Cmd;
use crate::{setup, site, sizes};

/// `cargo xtask bench-build`.
pub fn build(root: &Path) -> Result<()> {
    let config = root.join("bundles/bench-all.toml");
    if !root.join("../shared/data").is_dir() {
        bail!("bench-build reads ../shared/data, which is not here");
    }
    Cmd::new("cargo", root)
        .args([
            "build",
            "--locked",
            "--profile",
            "native",
            "--package",
            "yardstick-cli",
        ])
        .run()?;
    let out = std::env::temp_dir().join("yardstick-bench-all");
    let _ = std::fs::remove_dir_all(&out);
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| root.join("target"), std::path::PathBuf::from);
    let binary = target.join("native/yardstick");
    let (ok, report) = Cmd::new("/usr/bin/time", root)
        .args(["-v".as_ref(), binary.as_os_str(), "build".as_ref()])
        .args([config.as_os_str(), "--out".as_ref(), out.as_os_str()])
        .stream_stderr()?;
    let _ = std::fs::remove_dir_all(&out);
    let field = |name: &str| {
        report
            .lines()
            .find_map(|line| line.trim().strip_prefix(name))
            .map(|rest| rest.trim().to_owned())
            .unwrap_or_else(|| "?".to_owned())
    };
    println!();
    println!("bench-build: bundles/bench-all.toml (every ONS dataset and the DfE LAIT file)");
    println!(
        "  wall time:         {}",
        field("Elapsed (wall clock) time (h:mm:ss or m:ss):")
    );
    println!(
        "  user + system CPU: {} s + {} s",
        field("User time (seconds):"),
        field("System time (seconds):")
    );
    println!(
        "  peak memory:       {} KB",
        field("Maximum resident set size (kbytes):")
    );
    if !ok {
        bail!("the build failed (its report is above)");
    }
    Ok(())
}

/// `cargo xtask bench-engine`.
pub fn engine(root: &Path) -> Result<()> {
    setup::ensure_build_tools(root)?;
    setup::ensure_browser()?;
    Cmd::new("cargo", root)
        .args([
            "bench",
            "--locked",
            "--package",
            "yardstick-stats",
            "--bench",
            "engine",
        ])
        .run()?;
    let webdriver = root.join("webdriver.json");
    Cmd::new("cargo", root)
        .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", webdriver.as_os_str())
        .env("WASM_BINDGEN_TEST_TIMEOUT", "600")
        .args([
            "bench",
            "--locked",
            "--package",
            "yardstick-stats",
            "--bench",
            "engine_wasm",
            "--target",
            "wasm32-unknown-unknown",
        ])
        .run()
}

/// `cargo xtask bench-widget`.
pub fn widget(root: &Path) -> Result<()> {
    setup::ensure_build_tools(root)?;
    setup::ensure_browser()?;
    site::build_release(root)?;
    Cmd::new("node", root)
        .args(["tests/e2e/bench-widget.mjs"])
        .run()
        .context("the widget benchmark failed")
}

/// `cargo xtask bench-floor`.
pub fn floor(root: &Path) -> Result<()> {
    setup::ensure_build_tools(root)?;
    let floor = root.join("xtask/floor");
    let target = root.join("target/floor");
    let dist = target.join("dist");
    Cmd::new("trunk", &floor)
        .env("CARGO_TARGET_DIR", target.as_os_str())
        .args(["build", "--release", "--locked"])
        .args(["--dist".as_ref(), dist.as_os_str()])
        .run()?;
    let measured = sizes::measure(&dist)?;
    let heading = "bench-floor: xtask/floor, a Leptos app that fetches one JSON file and \
                   shows one plotters bar chart and one table; wasm + JS + CSS:";
    print!("\n{}", sizes::table(heading, &measured));
    Ok(())
}

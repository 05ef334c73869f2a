//! `cargo xtask test`: what CI runs, in the order that fails fastest on a typical mistake.
//!
//! Every runner's own summary is read and summed; a step that has no tests of its own (rustfmt,
//! clippy, the dependency rule, the module rule, the release build, the size ratchet) counts as
//! one check. The last line is always `N passed, N failed, N skipped`, and the exit code is
//! non-zero when anything failed.
//!
//! Tests that read the published files in ../shared/data are named `shared_data_…`. Where that
//! folder is missing they are skipped and counted as skipped, except under `CI=true`, where
//! they run and fail: CI must never pass a check it did not make.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use crate::run::Cmd;
use crate::tally::{Tally, count_cargo_tests, count_node_tests, node_test_files};
use crate::{deps, modules, setup, site, sizes, webkit};

/// The prefix of every test that needs ../shared/data.
const SHARED_DATA_TESTS: &str = "shared_data_";

/// What to do about the tests that need ../shared/data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SharedData {
    /// The folder is there: run them.
    Present,
    /// Missing outside CI: skip them and count them as skipped.
    SkipMissing,
    /// Missing in CI: run them, so that they fail and are named.
    FailMissing,
}

impl SharedData {
    fn decide(present: bool, ci: bool) -> Self {
        match (present, ci) {
            (true, _) => Self::Present,
            (false, false) => Self::SkipMissing,
            (false, true) => Self::FailMissing,
        }
    }
}

pub fn run_all(root: &Path) -> Result<ExitCode> {
    setup::ensure_build_tools(root)?;
    setup::ensure_browser()?;
    let mut tally = Tally::default();

    let shared = root.join("../shared/data");
    let shared_data = SharedData::decide(
        shared.is_dir(),
        std::env::var("CI").is_ok_and(|ci| ci == "true"),
    );
    match shared_data {
        SharedData::Present => {}
        SharedData::SkipMissing => eprintln!(
            "{} is missing: the tests named {SHARED_DATA_TESTS}… are skipped (counted below)",
            shared.display()
        ),
        SharedData::FailMissing => eprintln!(
            "FAILED: {} is missing under CI=true: the tests named {SHARED_DATA_TESTS}… will fail",
            shared.display()
        ),
    }

    let fmt = Cmd::new("cargo", root)
        .args(["fmt", "--all", "--", "--check"])
        .status()?;
    tally.check("rustfmt", fmt);

    for rule in deps::RULES {
        match deps::forbidden_in(root, rule) {
            Ok(found) if found.is_empty() => tally.check("dependency rule", true),
            Ok(found) => {
                eprintln!(
                    "{} {}, but depends on: {}",
                    rule.package,
                    rule.promise,
                    found.join(", ")
                );
                tally.check("dependency rule", false);
            }
            Err(error) => {
                eprintln!("{error:#}");
                tally.check("dependency rule", false);
            }
        }
    }

    match modules::circles_in(root, modules::CRATES) {
        Ok(circles) if circles.is_empty() => tally.check("module rule", true),
        Ok(circles) => {
            circles.iter().for_each(|circle| eprintln!("{circle}"));
            tally.check("module rule", false);
        }
        Err(error) => {
            eprintln!("{error:#}");
            tally.check("module rule", false);
        }
    }

    const WASM: &str = "wasm32-unknown-unknown";
    let clippy_runs: [(&str, &[&str]); 3] = [
        ("clippy (native)", &["--workspace", "--all-targets"]),
        (
            "clippy (wasm32)",
            &[
                "--target",
                WASM,
                "--package",
                "yardstick",
                "--package",
                "yardstick-stats",
                "--package",
                "yardstick-bundle",
                "--package",
                "yardstick-present",
                "--package",
                "yardstick-charts",
                "--package",
                "yardstick-view",
                "--package",
                "yardstick-first",
                "--lib",
                "--bins",
            ],
        ),
        (
            "clippy (wasm32 browser tests)",
            &["--target", WASM, "--package", "yardstick", "--tests"],
        ),
    ];
    // The run of the shipped wasm code bans, on top of clippy.toml, what the size work took
    // out of the wasm (test code does not ship).
    let wasm_config = wasm_clippy_config(root)?;
    for (label, scope) in clippy_runs {
        let mut clippy = Cmd::new("cargo", root)
            .args(["clippy", "--locked"])
            .args(scope)
            .args(["--", "-D", "warnings"]);
        if label == "clippy (wasm32)" {
            clippy = clippy.env("CLIPPY_CONF_DIR", &wasm_config);
        }
        tally.check(label, clippy.status()?);
    }

    let mut native =
        Cmd::new("cargo", root).args(["test", "--workspace", "--locked", "--no-fail-fast"]);
    if shared_data == SharedData::SkipMissing {
        native = native.args(["--", "--skip", SHARED_DATA_TESTS]);
    }
    let (ran, out) = native.stream()?;
    let mut counted = count_cargo_tests(&out);
    if shared_data != SharedData::SkipMissing {
        // Nothing was filtered on purpose, so nothing counts as skipped.
        counted.skipped = 0;
    }
    tally.add("native tests", ran, counted);

    let (ran, out) = Cmd::new("cargo", root)
        .args([
            "test",
            "--target",
            WASM,
            "--locked",
            "--no-fail-fast",
            "--package",
            "yardstick",
            "--tests",
        ])
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
        .stream()?;
    tally.add("browser tests", ran, count_cargo_tests(&out));

    let built = site::build_release(root);
    if let Err(error) = &built {
        eprintln!("{error:#}");
    }
    tally.check("release build", built.is_ok());
    if built.is_ok() {
        // Figures to record (issue 2), not a pass/fail test: a failure to measure is reported
        // but fails nothing.
        match sizes::measure(&root.join("dist")) {
            Ok(measured) => {
                print!("{}", sizes::table(sizes::RELEASE, &measured));
                let baseline =
                    std::fs::read_to_string(root.join(sizes::BASELINE)).unwrap_or_default();
                match sizes::ratchet(&baseline, &measured) {
                    Ok(lines) => {
                        println!("Size ratchet ({}):", sizes::BASELINE);
                        lines.iter().for_each(|line| println!("  {line}"));
                        tally.check("size ratchet", true);
                    }
                    Err(grown) => {
                        grown.iter().for_each(|line| eprintln!("  {line}"));
                        tally.check("size ratchet", false);
                    }
                }
            }
            Err(error) => {
                eprintln!("could not measure the release build: {error:#}");
                tally.check("size ratchet (not measured)", false);
            }
        }
    }

    if built.is_ok() {
        let (ran, out) = Cmd::new("node", root)
            .args(["--test", "--test-reporter=spec", "--test-concurrency=1"])
            .args(node_test_files(root, "tests/e2e"))
            .stream()?;
        tally.add("end-to-end tests", ran, count_node_tests(&out));
        let (ran, counted) = webkit::run_tests(root);
        tally.add("end-to-end tests in WebKit", ran, counted);
    } else {
        tally.check("end-to-end tests (not run: no release build)", false);
    }

    println!(
        "{} passed, {} failed, {} skipped",
        tally.passed, tally.failed, tally.skipped
    );
    Ok(if tally.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Writes the clippy configuration of the wasm runs, `clippy.toml` with the bans of
/// `clippy-wasm.toml` added to its `disallowed-methods`, and returns its folder (for
/// `CLIPPY_CONF_DIR`).
fn wasm_clippy_config(root: &Path) -> Result<std::path::PathBuf> {
    let base = std::fs::read_to_string(root.join("clippy.toml"))?;
    let extra = std::fs::read_to_string(root.join("clippy-wasm.toml"))?;
    let merged = merge_disallowed(&base, &extra)
        .ok_or_else(|| anyhow::anyhow!("clippy.toml has no disallowed-methods list ending in ]"))?;
    let dir = root.join("target/xtask/clippy-wasm");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("clippy.toml");
    // Rewritten only when it changes, so clippy's cache stays warm.
    if std::fs::read_to_string(&path).ok().as_deref() != Some(merged.as_str()) {
        std::fs::write(&path, merged)?;
    }
    Ok(dir)
}

/// `base` with the entries of `extra` (lines of `{ path = …, reason = … },`, comments kept)
/// inserted before the `]` that closes its `disallowed-methods` list.
fn merge_disallowed(base: &str, extra: &str) -> Option<String> {
    let start = base.find("disallowed-methods = [")?;
    let close = start + base.get(start..)?.find("\n]")? + 1;
    Some(format!(
        "{}{}{}",
        base.get(..close)?,
        extra.trim_end().to_owned() + "\n",
        base.get(close..)?
    ))
}

#[cfg(test)]
mod tests {
    use super::{SharedData, merge_disallowed};

    #[test]
    fn tests_of_the_publishers_files_are_skipped_only_outside_ci() {
        assert_eq!(SharedData::decide(true, true), SharedData::Present);
        assert_eq!(SharedData::decide(true, false), SharedData::Present);
        assert_eq!(SharedData::decide(false, false), SharedData::SkipMissing);
        assert_eq!(SharedData::decide(false, true), SharedData::FailMissing);
    }

    #[test]
    fn the_wasm_bans_join_the_shared_list() {
        let base = "a = 1\ndisallowed-methods = [\n  { path = \"x\", reason = \"r\" },\n]\nb = 2\n";
        let extra = "  # size\n  { path = \"y\", reason = \"s\" },\n";
        assert_eq!(
            merge_disallowed(base, extra).unwrap(),
            "a = 1\ndisallowed-methods = [\n  { path = \"x\", reason = \"r\" },\n  # size\n  { path = \"y\", reason = \"s\" },\n]\nb = 2\n"
        );
        assert_eq!(merge_disallowed("a = 1\n", extra), None);
    }
}

//! What the `yardstick` binary's test files share: where things are, running the binary,
//! scratch folders, and the demo bundle built from ../shared/data once per test binary (tests
//! that read ../shared/data are named `shared_data_...`; see [`shared_data`]).

#![allow(
    dead_code,
    reason = "each test binary uses some of these helpers, not all"
)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The workspace root.
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The crate's test fixtures.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The committed demo bundle.
pub fn demo() -> PathBuf {
    project_root().join("public/data/demo")
}

/// Runs the binary from the workspace root.
pub fn yardstick(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yardstick"))
        .args(args)
        .current_dir(project_root())
        .output()
        .unwrap()
}

/// `yardstick build CONFIG --out OUT` followed by `extra` (such as `--strict`).
pub fn build_bundle(config: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["build", path_arg(config), "--out", path_arg(out)];
    args.extend_from_slice(extra);
    yardstick(&args)
}

/// A path as a command-line argument (the tests' paths are UTF-8).
pub fn path_arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Standard output then standard error, as one text.
pub fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// A fresh folder under the system's temporary folder.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("yardstick-test-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// The shared source data, ../shared/data: the publishers' files the demo bundle is built from.
///
/// Every test that calls this (or [`demo_build`]) is named `shared_data_...`. Where the folder
/// is absent the test fails, naming itself and the folder, rather than passing having checked
/// nothing; `cargo xtask test` skips the tests named `shared_data_` where the folder is absent
/// outside CI, and runs them in CI, where it must be present.
pub fn shared_data(test: &str) -> PathBuf {
    let shared = project_root().join("../shared/data");
    assert!(
        shared.is_dir(),
        "{test} needs the publishers' source files in {}, which is absent. Tests named \
         `shared_data_` read that folder; `cargo xtask test` skips them where it is absent \
         outside CI (a fresh clone has no ../shared), so run them through it or provide the folder",
        shared.display()
    );
    shared
}

/// The demo bundle built from ../shared/data with `--strict`.
pub struct DemoBuild {
    /// Where it was written.
    pub out: PathBuf,
    /// Whether the build succeeded.
    pub success: bool,
    /// Everything it printed: the build report.
    pub report: String,
}

/// The demo built once for every test in a binary that asks for it (it takes seconds). Like
/// [`shared_data`], it fails the test, naming it, where ../shared/data is absent.
pub fn demo_build(test: &str) -> &'static DemoBuild {
    shared_data(test);
    static BUILT: OnceLock<DemoBuild> = OnceLock::new();
    BUILT.get_or_init(|| {
        let out = scratch("demo").join("demo");
        let output = yardstick(&[
            "build",
            "bundles/demo.toml",
            "--strict",
            "--out",
            out.to_str().unwrap(),
        ]);
        DemoBuild {
            out,
            success: output.status.success(),
            report: text(&output),
        }
    })
}

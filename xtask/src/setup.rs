//! Installs what a fresh machine lacks, and nothing it already has.
//!
//! Versions follow ../shared/TOOLCHAIN.md: the wasm-bindgen CLI must equal the crate in
//! Cargo.lock; Trunk is pinned to 0.21.14 (0.22 needs a newer rustc); wasm-opt comes from npm's
//! binaryen 132, never Debian's binaryen 108, whose output breaks in the browser.

use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::run::Cmd;

const WASM_TARGET: &str = "wasm32-unknown-unknown";
const TRUNK_VERSION: &str = "0.21.14";
const WASM_OPT_VERSION: &str = "version 132";

/// Everything `serve` and `build` need: the wasm target, wasm-bindgen, Trunk, npm packages and
/// the release build's toolchain (the dated nightly with the standard library's source).
pub fn ensure_build_tools(root: &Path) -> Result<()> {
    ensure_wasm_target(root)?;
    ensure_wasm_bindgen(root)?;
    ensure_trunk(root)?;
    ensure_npm_packages(root)?;
    crate::toolchain::Release::chosen()?.ensure(root)
}

fn ensure_wasm_target(root: &Path) -> Result<()> {
    let installed = Cmd::new("rustup", root)
        .args(["target", "list", "--installed"])
        .read()
        .unwrap_or_default();
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        return Ok(());
    }
    Cmd::new("rustup", root)
        .args(["target", "add", WASM_TARGET])
        .run()
}

/// The wasm-bindgen version Cargo.lock resolved; the CLI must match it exactly.
pub fn locked_wasm_bindgen_version(root: &Path) -> Result<String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).context("reading Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\""
            && let Some(version) = lines
                .next()
                .and_then(|next| next.trim().strip_prefix("version = \""))
                .and_then(|rest| rest.strip_suffix('"'))
        {
            return Ok(version.to_owned());
        }
    }
    bail!("Cargo.lock has no wasm-bindgen package")
}

/// A tool from crates.io at exactly `version`: nothing to do when `version_command` (such as
/// `["trunk", "--version"]`) already reports it as its second word, else `cargo install`.
pub(crate) struct PinnedTool<'a> {
    pub version_command: &'a [&'a str],
    pub krate: &'a str,
    pub version: &'a str,
    /// `--locked`: the tool's own lockfile, where it resolves on this registry.
    pub locked: bool,
    /// How long the install takes, for the message ("about 3 minutes").
    pub takes: &'a str,
}

impl PinnedTool<'_> {
    pub(crate) fn ensure(&self, root: &Path) -> Result<()> {
        let (program, args) = self
            .version_command
            .split_first()
            .context("a version command")?;
        let have = Cmd::new(program, root)
            .args(args.iter())
            .read()
            .unwrap_or_default();
        if have.split_whitespace().nth(1) == Some(self.version) {
            return Ok(());
        }
        eprintln!(
            "installing {} {} ({} on 2 cores)",
            self.krate, self.version, self.takes
        );
        let mut install = vec!["install", self.krate, "--version", self.version, "--force"];
        if self.locked {
            install.push("--locked");
        }
        Cmd::new("cargo", root).args(install).run()
    }
}

fn ensure_wasm_bindgen(root: &Path) -> Result<()> {
    let wanted = locked_wasm_bindgen_version(root)?;
    PinnedTool {
        version_command: &["wasm-bindgen", "--version"],
        krate: "wasm-bindgen-cli",
        version: &wanted,
        // Not `--locked`: the CLI's own lockfile wants a webpki-roots the registry lacks.
        locked: false,
        takes: "about 3 minutes",
    }
    .ensure(root)
}

fn ensure_trunk(root: &Path) -> Result<()> {
    PinnedTool {
        version_command: &["trunk", "--version"],
        krate: "trunk",
        version: TRUNK_VERSION,
        locked: true,
        takes: "about 10 minutes",
    }
    .ensure(root)
}

fn ensure_npm_packages(root: &Path) -> Result<()> {
    let installed = root.join("node_modules/.package-lock.json");
    let lock = root.join("package-lock.json");
    let fresh = match (modified(&installed), modified(&lock)) {
        (Some(installed), Some(lock)) => installed >= lock,
        _ => false,
    };
    if !fresh {
        Cmd::new("npm", root)
            .args(["ci", "--no-audit", "--no-fund"])
            .run()?;
    }
    let version = Cmd::new("wasm-opt", root)
        .args(["--version"])
        .read()
        .unwrap_or_default();
    if !version.contains(WASM_OPT_VERSION) {
        bail!(
            "wasm-opt on PATH reports `{}`, not binaryen {WASM_OPT_VERSION}: \
             node_modules/.bin must come first (Debian's binaryen breaks the wasm)",
            version.trim()
        );
    }
    Ok(())
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// Debian's Chromium and ChromeDriver, for the browser and end-to-end tests, and poppler's
/// `pdfinfo` and `pdftotext`, with which the print test reads the PDF Chromium prints.
pub fn ensure_browser() -> Result<()> {
    if Path::new("/usr/bin/chromium").exists()
        && Path::new("/usr/bin/chromedriver").exists()
        && Path::new("/usr/bin/pdftotext").exists()
    {
        return Ok(());
    }
    eprintln!("installing Debian's chromium, chromium-driver and poppler-utils");
    apt_install(&["chromium", "chromium-driver", "poppler-utils"])
}

/// Installs Debian packages without their recommendations, with `sudo` unless already root.
pub fn apt_install(packages: &[&str]) -> Result<()> {
    let root_user = Cmd::new("id", Path::new("/"))
        .args(["-u"])
        .read()
        .is_some_and(|uid| uid.trim() == "0");
    let sudo: &[&str] = if root_user { &[] } else { &["sudo"] };
    let apt = |args: &[&str]| {
        let mut all: Vec<&str> = sudo.to_vec();
        all.extend_from_slice(args);
        let (program, rest) = all
            .split_first()
            .map_or(("apt-get", &[][..]), |(p, r)| (*p, r));
        Cmd::new(program, Path::new("/"))
            .env("DEBIAN_FRONTEND", "noninteractive")
            .args(rest)
            .run()
    };
    apt(&["apt-get", "update"])?;
    let mut install = vec!["apt-get", "install", "-y", "--no-install-recommends"];
    install.extend_from_slice(packages);
    apt(&install)
}

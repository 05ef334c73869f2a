//! The Rust toolchain that builds the shipped wasm.
//!
//! The release is built with one dated nightly, so that the standard library can be rebuilt for
//! size (`-Zbuild-std` with its `optimize_for_size` feature) and panics can stop at once
//! (`-Cpanic=immediate-abort`: no panic message machinery is linked). Measured on the widget
//! (1 December 2026): 338.7 KB Brotli with stable, 310.7 KB with this build. Everything else
//! (the command line, native tests, clippy, the wasm's clippy run) stays on stable.
//!
//! Stable is the fallback: `YARDSTICK_TOOLCHAIN=stable cargo xtask build` builds the same
//! widget with the stable toolchain, for a machine where the nightly cannot be installed. Its
//! wasm is larger, so `cargo xtask test` on it fails the size ratchet: the fallback is for
//! building and serving, and the baseline is the nightly build's.

use std::path::Path;

use anyhow::{Result, bail};

use crate::run::Cmd;

/// One dated nightly for the release build and for fuzzing, so a build today and a build in a
/// year agree. This date's nightly is rustc 1.97.0-nightly (e50aa6fba 2026-05-19).
pub const NIGHTLY: &str = "nightly-2026-05-20";

/// The environment variable that chooses the fallback.
const CHOICE: &str = "YARDSTICK_TOOLCHAIN";

/// The flags of every wasm build: `erase_components` as in .cargo/config.toml (an environment
/// variable for the target's flags replaces that file's list, so it is repeated here).
const STABLE_WASM_FLAGS: &str = "--cfg erase_components";
const NIGHTLY_WASM_FLAGS: &str =
    "--cfg erase_components -Zunstable-options -Cpanic=immediate-abort";

/// Which toolchain builds the release wasm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Release {
    /// The dated nightly with the standard library rebuilt for size (the default).
    Nightly,
    /// Stable, with the standard library as shipped (`YARDSTICK_TOOLCHAIN=stable`).
    Stable,
}

impl Release {
    /// The toolchain chosen by `YARDSTICK_TOOLCHAIN` (unset or `nightly`: the nightly).
    pub fn chosen() -> Result<Self> {
        Self::from_choice(std::env::var(CHOICE).ok().as_deref())
    }

    fn from_choice(choice: Option<&str>) -> Result<Self> {
        match choice.map(str::trim) {
            None | Some("" | "nightly") => Ok(Self::Nightly),
            Some("stable") => Ok(Self::Stable),
            Some(other) => {
                bail!("{CHOICE}={other:?} is not a toolchain choice: use `nightly` or `stable`")
            }
        }
    }

    /// Installs what this toolchain needs that the machine lacks: the nightly with the standard
    /// library's source, and the crates that source depends on (the release build is offline).
    pub fn ensure(self, root: &Path) -> Result<()> {
        if self == Self::Stable {
            return Ok(());
        }
        ensure_nightly(root, &["rust-src"])?;
        // `-Zbuild-std` resolves the standard library's own dependencies from its lock file;
        // fetch them once while the network is allowed (a no-op when they are cached).
        self.apply(Cmd::new("cargo", root))
            .args(["fetch", "--locked", "--target", "wasm32-unknown-unknown"])
            .run()
    }

    /// Sets the environment under which cargo (or Trunk, which runs cargo) builds the wasm.
    pub fn apply(self, cmd: Cmd) -> Cmd {
        match self {
            Self::Stable => cmd.env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
                STABLE_WASM_FLAGS,
            ),
            Self::Nightly => cmd
                .env("RUSTUP_TOOLCHAIN", NIGHTLY)
                .env("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort")
                .env("CARGO_UNSTABLE_BUILD_STD_FEATURES", "optimize_for_size")
                .env(
                    "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
                    NIGHTLY_WASM_FLAGS,
                ),
        }
    }

    /// How a report names this build.
    pub fn name(self) -> &'static str {
        match self {
            Self::Nightly => NIGHTLY,
            Self::Stable => "stable",
        }
    }
}

/// Installs the dated nightly (minimal profile) and the given components when missing.
pub fn ensure_nightly(root: &Path, components: &[&str]) -> Result<()> {
    let installed = Cmd::new("rustup", root)
        .args(["toolchain", "list"])
        .read()
        .unwrap_or_default();
    if !installed.lines().any(|line| line.starts_with(NIGHTLY)) {
        Cmd::new("rustup", root)
            .args(["toolchain", "install", NIGHTLY, "--profile", "minimal"])
            .run()?;
    }
    if components.is_empty() {
        return Ok(());
    }
    let present = Cmd::new("rustup", root)
        .args(["component", "list", "--installed", "--toolchain", NIGHTLY])
        .read()
        .unwrap_or_default();
    for component in components {
        if !present.lines().any(|line| line.starts_with(component)) {
            Cmd::new("rustup", root)
                .args(["component", "add", component, "--toolchain", NIGHTLY])
                .run()?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nightly_is_the_default_and_stable_the_named_fallback() {
        assert_eq!(Release::from_choice(None).ok(), Some(Release::Nightly));
        assert_eq!(Release::from_choice(Some("")).ok(), Some(Release::Nightly));
        assert_eq!(
            Release::from_choice(Some("nightly")).ok(),
            Some(Release::Nightly)
        );
        assert_eq!(
            Release::from_choice(Some(" stable ")).ok(),
            Some(Release::Stable)
        );
        assert!(Release::from_choice(Some("beta")).is_err());
    }

    #[test]
    fn the_nightly_is_named_by_its_date() {
        let date = NIGHTLY.strip_prefix("nightly-").unwrap_or_default();
        let parts: Vec<&str> = date.split('-').collect();
        assert_eq!(parts.len(), 3, "{NIGHTLY} is not nightly-YYYY-MM-DD");
        assert!(parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())));
    }

    #[test]
    fn both_builds_keep_the_widgets_configured_flags() {
        let config = include_str!("../../.cargo/config.toml");
        assert!(config.contains("\"--cfg\", \"erase_components\""));
        for flags in [STABLE_WASM_FLAGS, NIGHTLY_WASM_FLAGS] {
            assert!(flags.starts_with("--cfg erase_components"), "{flags}");
        }
    }
}

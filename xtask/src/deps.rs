//! The dependency rule: the statistical core stays pure.
//!
//! `yardstick-stats` may not depend, directly or through another crate, on the UI, wasm, JSON,
//! network, file, clock or randomness crates named here. The compiler then guarantees that the
//! core cannot do I/O, whatever its code says.

use std::path::Path;

use anyhow::{Result, bail};

use crate::run::Cmd;

/// Crate names (or prefixes ending in `*`) the core must never pull in.
const FORBIDDEN: &[&str] = &[
    "leptos*",
    "reactive_graph",
    "tachys",
    "wasm-bindgen*",
    "web-sys",
    "js-sys",
    "gloo*",
    "serde_json",
    "serde-wasm-bindgen",
    "plotters*",
    "tokio*",
    "async-std",
    "mio",
    "reqwest",
    "hyper*",
    "ureq",
    "socket2",
    "rand*",
    "getrandom",
    "chrono",
    "time",
    "csv",
    "flate2",
    "toml",
];

/// Which forbidden crates `cargo tree` finds under `yardstick-stats`, on any target.
pub fn forbidden_in_core(root: &Path) -> Result<Vec<String>> {
    let Some(tree) = Cmd::new("cargo", root)
        .args([
            "tree",
            "--package",
            "yardstick-stats",
            "--edges",
            "normal,build",
            "--target",
            "all",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .read()
    else {
        bail!("`cargo tree` failed for yardstick-stats");
    };
    Ok(forbidden_names(&tree))
}

fn forbidden_names(tree: &str) -> Vec<String> {
    let mut found: Vec<String> = tree
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| FORBIDDEN.iter().any(|rule| matches(rule, name)))
        .map(str::to_owned)
        .collect();
    found.sort();
    found.dedup();
    found
}

fn matches(rule: &str, name: &str) -> bool {
    match rule.strip_suffix('*') {
        Some(prefix) => name.starts_with(prefix),
        None => name == rule,
    }
}

#[cfg(test)]
mod tests {
    use super::forbidden_names;

    #[test]
    fn a_pure_tree_passes() {
        let tree = "yardstick-stats v0.1.0 (/x)\nserde v1.0.228\nserde_derive v1.0.228\n";
        assert!(forbidden_names(tree).is_empty());
    }

    #[test]
    fn io_json_and_wasm_crates_are_named_once_each() {
        let tree = "yardstick-stats v0.1.0\nserde_json v1.0.1\nwasm-bindgen v0.2.130\n\
                    wasm-bindgen-shared v0.2.130\nserde_json v1.0.1\ntokio v1.0.0\n";
        assert_eq!(
            forbidden_names(tree),
            ["serde_json", "tokio", "wasm-bindgen", "wasm-bindgen-shared"]
        );
    }

    #[test]
    fn similar_names_are_not_confused() {
        // `timely` is not `time`, `serde_jsonc` is not `serde_json`.
        assert!(forbidden_names("timely v1\nserde_jsonc v1\n").is_empty());
    }
}

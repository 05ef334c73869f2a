//! The dependency rules: the statistical core stays pure, and the presentation crate stays
//! free of the UI and of wasm.
//!
//! `yardstick-stats` may not depend, directly or through another crate, on the UI, wasm, JSON,
//! network, file, clock or randomness crates named here; `yardstick-present` (the words and
//! numbers the widget and the command line share) may not depend on the UI or wasm crates. The
//! compiler then guarantees that the core cannot do I/O and that the shared words can run
//! anywhere, whatever their code says.

use std::path::Path;

use anyhow::{Result, bail};

use crate::run::Cmd;

/// UI, DOM and wasm crates (names, or prefixes ending in `*`).
const UI_AND_WASM: &[&str] = &[
    "leptos*",
    "reactive_graph",
    "tachys",
    "wasm-bindgen*",
    "web-sys",
    "js-sys",
    "gloo*",
    "serde-wasm-bindgen",
];

/// A UI framework: what a program without Leptos must not bring in.
const UI_FRAMEWORK: &[&str] = &["leptos*", "reactive_graph", "tachys", "gloo*"];

/// The drawing library: only the charts crate may use it.
const DRAWING: &[&str] = &["plotters*"];

/// JSON, network, file, clock and randomness crates.
const IO_JSON_CLOCK: &[&str] = &[
    "serde_json",
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

/// One crate, what it must never pull in, and the targets its tree is read for.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// The package whose `cargo tree` is read.
    pub package: &'static str,
    /// What the rule keeps it, for the message.
    pub promise: &'static str,
    forbidden: &'static [&'static [&'static str]],
    /// `cargo tree --target` values; `None` is the host.
    targets: &'static [Option<&'static str>],
}

/// Every dependency rule `cargo xtask test` checks.
pub const RULES: &[Rule] = &[
    Rule {
        package: "yardstick-stats",
        promise: "must stay pure",
        forbidden: &[UI_AND_WASM, DRAWING, IO_JSON_CLOCK],
        targets: &[Some("all")],
    },
    Rule {
        package: "yardstick-present",
        promise: "must have no UI or wasm dependency",
        forbidden: &[UI_AND_WASM, DRAWING],
        targets: &[None, Some("wasm32-unknown-unknown")],
    },
    Rule {
        package: "yardstick-charts",
        promise: "must have no UI, DOM or wasm dependency",
        forbidden: &[UI_AND_WASM],
        targets: &[None],
    },
    // For wasm32, plotters itself brings wasm-bindgen, js-sys and web-sys (its canvas and
    // font code); what the charts must not bring there is a UI framework.
    Rule {
        package: "yardstick-charts",
        promise: "must have no UI framework",
        forbidden: &[UI_FRAMEWORK],
        targets: &[Some("wasm32-unknown-unknown")],
    },
    Rule {
        package: "yardstick-view",
        promise: "must have no UI, DOM or wasm dependency",
        forbidden: &[UI_AND_WASM, DRAWING],
        targets: &[None, Some("wasm32-unknown-unknown")],
    },
    // The first program draws the first view before the widget arrives: it may use the DOM
    // through web-sys, but a UI framework would cost it the bytes it exists to save.
    Rule {
        package: "yardstick-first",
        promise: "must have no UI framework",
        forbidden: &[UI_FRAMEWORK],
        targets: &[None, Some("wasm32-unknown-unknown")],
    },
];

/// Which forbidden crates `cargo tree` finds under the rule's package, on each of its targets.
pub fn forbidden_in(root: &Path, rule: &Rule) -> Result<Vec<String>> {
    let mut found = Vec::new();
    for target in rule.targets {
        let mut tree = Cmd::new("cargo", root).args([
            "tree",
            "--package",
            rule.package,
            "--edges",
            "normal,build",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ]);
        if let Some(target) = target {
            tree = tree.args(["--target", target]);
        }
        let Some(tree) = tree.read() else {
            bail!(
                "`cargo tree` failed for {} (target {})",
                rule.package,
                target.unwrap_or("host")
            );
        };
        found.extend(forbidden_names(&tree, rule.forbidden));
    }
    found.sort();
    found.dedup();
    Ok(found)
}

/// The crates of a `cargo tree --prefix none` listing that any of the lists forbids, sorted,
/// each once.
fn forbidden_names(tree: &str, forbidden: &[&[&str]]) -> Vec<String> {
    let mut found: Vec<String> = tree
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| {
            forbidden
                .iter()
                .flat_map(|list| list.iter())
                .any(|rule| matches(rule, name))
        })
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
    use super::{RULES, Rule, forbidden_names};

    fn rule(package: &str) -> Rule {
        RULES
            .iter()
            .find(|r| r.package == package)
            .copied()
            .unwrap()
    }

    fn check(package: &str, tree: &str) -> Vec<String> {
        forbidden_names(tree, rule(package).forbidden)
    }

    #[test]
    fn a_pure_tree_passes() {
        let tree = "yardstick-stats v0.1.0 (/x)\nserde v1.0.228\nserde_derive v1.0.228\n";
        assert!(check("yardstick-stats", tree).is_empty());
    }

    #[test]
    fn io_json_and_wasm_crates_are_named_once_each() {
        let tree = "yardstick-stats v0.1.0\nserde_json v1.0.1\nwasm-bindgen v0.2.130\n\
                    wasm-bindgen-shared v0.2.130\nserde_json v1.0.1\ntokio v1.0.0\n";
        assert_eq!(
            check("yardstick-stats", tree),
            ["serde_json", "tokio", "wasm-bindgen", "wasm-bindgen-shared"]
        );
    }

    #[test]
    fn similar_names_are_not_confused() {
        // `timely` is not `time`, `serde_jsonc` is not `serde_json`.
        assert!(check("yardstick-stats", "timely v1\nserde_jsonc v1\n").is_empty());
    }

    #[test]
    fn the_presentation_crate_may_not_reach_the_ui_or_wasm() {
        // Its real tree (through yardstick-bundle) has JSON, which it may; a UI crate it may not.
        let tree = "yardstick-present v0.1.0 (/x)\nyardstick-bundle v0.1.0 (/y)\n\
                    serde_json v1.0.1\nleptos v0.8.0\nreactive_graph v0.2.0\njs-sys v0.3.0\n\
                    plotters-svg v0.3.7\n";
        assert_eq!(
            check("yardstick-present", tree),
            ["js-sys", "leptos", "plotters-svg", "reactive_graph"]
        );
        let clean = "yardstick-present v0.1.0 (/x)\nyardstick-bundle v0.1.0 (/y)\n\
                     yardstick-stats v0.1.0 (/z)\nserde_json v1.0.1\nsha2 v0.10.9\n";
        assert!(check("yardstick-present", clean).is_empty());
    }

    #[test]
    fn the_charts_crate_may_draw_but_not_reach_the_ui_or_wasm() {
        let tree = "yardstick-charts v0.1.0 (/x)\nplotters v0.3.7\nplotters-svg v0.3.7\n\
                    yardstick-present v0.1.0 (/y)\nweb-sys v0.3.0\nleptos v0.8.0\n";
        assert_eq!(check("yardstick-charts", tree), ["leptos", "web-sys"]);
        let clean = "yardstick-charts v0.1.0 (/x)\nplotters v0.3.7\nplotters-svg v0.3.7\n";
        assert!(check("yardstick-charts", clean).is_empty());
        assert_eq!(rule("yardstick-charts").targets, [None]);
        // For wasm32 plotters brings wasm-bindgen and web-sys; a UI framework is still refused.
        let wasm = RULES
            .iter()
            .find(|r| {
                r.package == "yardstick-charts" && r.targets == [Some("wasm32-unknown-unknown")]
            })
            .unwrap();
        let found = |tree: &str| forbidden_names(tree, wasm.forbidden);
        assert!(found("plotters v0.3.7\nwasm-bindgen v0.2.130\nweb-sys v0.3.0\n").is_empty());
        assert_eq!(
            found("leptos v0.8.0\ntachys v0.2.0\n"),
            ["leptos", "tachys"]
        );
    }

    #[test]
    fn the_first_program_may_use_the_dom_but_no_ui_framework() {
        let tree = "yardstick-first v0.1.0 (/x)\nwasm-bindgen v0.2.130\nweb-sys v0.3.0\n\
                    yardstick-charts v0.1.0 (/y)\nplotters v0.3.7\nserde_json v1.0.1\n";
        assert!(check("yardstick-first", tree).is_empty());
        let framework = "yardstick-first v0.1.0 (/x)\ngloo-net v0.7.0\nleptos_dom v0.8.0\n\
                         reactive_graph v0.2.0\ntachys v0.2.0\n";
        assert_eq!(
            check("yardstick-first", framework),
            ["gloo-net", "leptos_dom", "reactive_graph", "tachys"]
        );
        assert!(
            rule("yardstick-first")
                .targets
                .contains(&Some("wasm32-unknown-unknown"))
        );
    }

    #[test]
    fn the_view_crate_decides_without_the_ui_or_wasm() {
        let tree = "yardstick-view v0.1.0 (/x)\nyardstick-bundle v0.1.0 (/y)\nserde_json v1.0.1\n";
        assert!(check("yardstick-view", tree).is_empty());
        assert_eq!(
            check("yardstick-view", "yardstick-view v0.1.0\njs-sys v0.3.0\n"),
            ["js-sys"]
        );
    }

    #[test]
    fn the_presentation_crate_is_read_natively_and_for_wasm() {
        let targets = rule("yardstick-present").targets;
        assert!(targets.contains(&None));
        assert!(targets.contains(&Some("wasm32-unknown-unknown")));
    }
}

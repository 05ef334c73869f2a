//! Counting tests: the passed, failed and skipped figures of every runner `cargo xtask test`
//! starts (cargo test, the wasm-bindgen runner, node's test runner), and the files node is
//! given.

use std::path::Path;

/// Passed, failed and skipped counts, summed over every runner.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub passed: u64,
    pub failed: u64,
    pub skipped: u64,
}

impl Tally {
    pub fn check(&mut self, name: &str, ok: bool) {
        if ok {
            self.passed += 1;
        } else {
            self.failed += 1;
            eprintln!("FAILED: {name}");
        }
    }

    pub fn add(&mut self, name: &str, ran: bool, counted: Tally) {
        self.passed += counted.passed;
        self.failed += counted.failed;
        self.skipped += counted.skipped;
        // A runner that failed without reporting a failed test (a compile error, a crash)
        // still fails the run.
        if !ran && counted.failed == 0 {
            self.failed += 1;
        }
        if !ran {
            eprintln!("FAILED: {name}");
        }
    }
}

/// The `*.test.mjs` files of `folder` (relative to the root), sorted, for node's runner.
pub fn node_test_files(root: &Path, folder: &str) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(root.join(folder))
        .map(|dir| {
            dir.filter_map(|entry| entry.ok())
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .filter(|name| name.ends_with(".test.mjs"))
                .map(|name| format!("{folder}/{name}"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Sums `test result: ok. 12 passed; 1 failed; ...` lines (cargo test and the
/// wasm-bindgen test runner print the same summary); `filtered out` counts as skipped, which
/// is only asked for when tests are skipped on purpose.
pub fn count_cargo_tests(output: &str) -> Tally {
    let mut tally = Tally::default();
    for line in output.lines() {
        let Some(rest) = line.trim().strip_prefix("test result: ") else {
            continue;
        };
        for part in rest.split(';') {
            // The last count of a part: "ok. 12 passed", "1 failed", "3 filtered out".
            let words: Vec<&str> = part.split_whitespace().collect();
            let Some(at) = words.iter().rposition(|w| w.parse::<u64>().is_ok()) else {
                continue;
            };
            let number: u64 = words.get(at).and_then(|w| w.parse().ok()).unwrap_or(0);
            match words.get(at + 1..).unwrap_or_default() {
                ["passed"] => tally.passed += number,
                ["failed"] => tally.failed += number,
                ["filtered", "out"] => tally.skipped += number,
                _ => {}
            }
        }
    }
    tally
}

/// Reads node's test summary (`ℹ pass 3` from the spec reporter, `# pass 3` from TAP).
pub fn count_node_tests(output: &str) -> Tally {
    let mut tally = Tally::default();
    let (mut failed, mut cancelled) = (0, 0);
    for line in output.lines() {
        let line = line.trim_start_matches(['ℹ', '#', ' ']);
        let mut words = line.split_whitespace();
        let (Some(label), Some(number), None) = (words.next(), words.next(), words.next()) else {
            continue;
        };
        let Ok(number) = number.parse::<u64>() else {
            continue;
        };
        match label {
            "pass" => tally.passed = number,
            "fail" => failed = number,
            "cancelled" => cancelled = number,
            _ => {}
        }
    }
    tally.failed = failed + cancelled;
    tally
}

#[cfg(test)]
mod tests {
    use super::{Tally, count_cargo_tests, count_node_tests};

    #[test]
    fn cargo_summaries_are_summed_across_binaries() {
        let out = "running 2 tests\n\
            test result: ok. 2 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s\n\
            test result: FAILED. 5 passed; 3 failed; 0 ignored; 0 measured; 0 filtered out\n\
            a line that says 9 passed; but is not a summary\n";
        assert_eq!(
            count_cargo_tests(out),
            Tally {
                passed: 7,
                failed: 3,
                skipped: 0,
            }
        );
        let skipping = "test result: ok. 5 passed; 0 failed; 0 ignored; 0 measured; 6 filtered out; finished in 0.2s\n\
            test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out\n";
        assert_eq!(
            count_cargo_tests(skipping),
            Tally {
                passed: 7,
                failed: 0,
                skipped: 6,
            }
        );
    }

    #[test]
    fn node_spec_and_tap_summaries_are_read() {
        let spec = "ℹ tests 5\nℹ suites 0\nℹ pass 3\nℹ fail 1\nℹ cancelled 1\n";
        assert_eq!(
            count_node_tests(spec),
            Tally {
                passed: 3,
                failed: 2,
                skipped: 0,
            }
        );
        assert_eq!(
            count_node_tests("# pass 6\n# fail 0\n"),
            Tally {
                passed: 6,
                failed: 0,
                skipped: 0,
            }
        );
    }

    #[test]
    fn a_test_named_pass_is_not_a_summary() {
        assert_eq!(
            count_node_tests("✔ pass through the picker (12ms)\n"),
            Tally::default()
        );
    }
}

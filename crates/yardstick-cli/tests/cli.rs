//! The `yardstick` binary end to end: building, checking, listing.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed test"
)]

use std::fs;
use std::path::Path;

mod common;
use common::{build_bundle, fixtures, project_root, scratch, text, yardstick};

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Acceptance 2: the committed demo passes `check`.
#[test]
fn check_passes_on_the_demo_bundle() {
    let output = yardstick(&["check", "public/data/demo"]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(text(&output).contains("no problems"));
}

/// Acceptance 2: a corrupted copy fails with each problem named.
#[test]
fn check_names_every_corruption() {
    let dir = scratch("corrupt").join("demo");
    copy_dir(&project_root().join("public/data/demo"), &dir);
    // A changed byte.
    let waste = dir.join("metrics/recycling-contamination-rate.json");
    let mut bytes = fs::read(&waste).unwrap();
    let at = bytes.iter().position(|b| *b == b'7').unwrap();
    bytes[at] = b'8';
    fs::write(&waste, bytes).unwrap();
    // A missing file.
    fs::remove_file(dir.join("metrics/claimant-count.json")).unwrap();
    // A value for an unknown area.
    let residual = dir.join("metrics/residual-household-waste.json");
    let text_before = fs::read_to_string(&residual).unwrap();
    let corrupted = text_before.replacen(
        "\n]}",
        ",\n{\"area\":\"E99999999\",\"period\":\"2022-04-01/P1Y\",\"value\":1}\n]}",
        1,
    );
    fs::write(&residual, corrupted).unwrap();
    let output = yardstick(&["check", dir.to_str().unwrap()]);
    let report = text(&output);
    assert!(!output.status.success(), "{report}");
    assert!(
        report.contains("metrics/recycling-contamination-rate.json: SHA-256"),
        "{report}"
    );
    assert!(
        report.contains("metrics/claimant-count.json: cannot be read"),
        "{report}"
    );
    assert!(
        report.contains("values for unknown area E99999999"),
        "{report}"
    );
}

/// Acceptance 3: every kind of bad row is reported with its line; none is dropped silently.
#[test]
fn every_bad_row_is_reported_with_its_line() {
    let out = scratch("bad-rows").join("bundle");
    let config = fixtures().join("bad-rows/bundle.toml");
    let output = build_bundle(&config, &out, &[]);
    let report = text(&output);
    assert!(output.status.success(), "{report}");
    for expected in [
        "values.csv [metric test-rate]: read 19, kept 6, merged 2, skipped 0, rejected 11",
        "values.csv:6: value is not a number",
        "values.csv:7: unknown area code",
        "values.csv:8: unknown period format",
        "values.csv:9: conflicting duplicate",
        "values.csv:10: conflicting duplicate",
        "values.csv:13: blank value without a status",
        "values.csv:14: limit, numerator or denominator is not a number",
        "values.csv:15: unknown status marker",
        "values.csv:16: value given with a missing-value status",
        "values.csv:17: malformed row",
        "values.csv:18: wrong number of columns",
        "merged 1: identical duplicate of another row",
        "merged 1: same-area recode onto the current code",
    ] {
        assert!(
            report.contains(expected),
            "missing {expected:?} in\n{report}"
        );
    }
    let values = fs::read_to_string(out.join("metrics/test-rate.json")).unwrap();
    // Float noise is rounded away; the byte-order mark did not hide the first column.
    assert!(values.contains("\"value\":9.37}"), "{values}");
    insta::assert_snapshot!("bad_rows_values", values);
}

/// `--strict` fails on any rejection and leaves the old bundle as it was.
#[test]
fn strict_build_fails_and_keeps_the_old_bundle() {
    let out = scratch("strict").join("bundle");
    let config = fixtures().join("bad-rows/bundle.toml");
    let first = build_bundle(&config, &out, &[]);
    assert!(first.status.success());
    let before = fs::read(out.join("manifest.json")).unwrap();
    let strict = build_bundle(&config, &out, &["--strict"]);
    assert!(!strict.status.success());
    assert!(
        text(&strict).contains("--strict: 11 rows were rejected"),
        "{}",
        text(&strict)
    );
    assert_eq!(fs::read(out.join("manifest.json")).unwrap(), before);
}

#[test]
fn listing_commands_print_tables_and_json() {
    let out = scratch("list").join("bundle");
    let config = fixtures().join("bad-rows/bundle.toml");
    assert!(
        yardstick(&[
            "build",
            config.to_str().unwrap(),
            "--out",
            out.to_str().unwrap()
        ])
        .status
        .success()
    );
    let dir = out.to_str().unwrap();
    insta::assert_snapshot!("metrics_table", text(&yardstick(&["metrics", dir])));
    insta::assert_snapshot!("areas_table", text(&yardstick(&["areas", dir])));
    insta::assert_snapshot!(
        "areas_json",
        text(&yardstick(&["areas", dir, "--format", "json"]))
    );
}

/// Issue 10, acceptance 1: a bundle whose every address is hostile is refused by `check`, with
/// each address field named, in every disguise: scheme case, leading space, data:, vbscript:
/// and protocol-relative.
#[test]
fn check_refuses_every_address_that_is_not_a_web_address() {
    let dir = scratch("hostile-addresses").join("bundle");
    copy_dir(&fixtures().join("query-bundle"), &dir);
    let hostile = [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/x",
    ];
    let mut next = hostile.iter().cycle();
    for document in ["manifest.json", "peer-groups.json"] {
        let path = dir.join(document);
        let mut json: serde_json::Value =
            serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
        fn replace(value: &mut serde_json::Value, next: &mut dyn Iterator<Item = &&str>) {
            match value {
                serde_json::Value::Object(object) => {
                    for (key, value) in object.iter_mut() {
                        if key == "url" {
                            *value = serde_json::Value::from(*next.next().unwrap());
                        } else {
                            replace(value, next);
                        }
                    }
                }
                serde_json::Value::Array(items) => items.iter_mut().for_each(|v| replace(v, next)),
                _ => {}
            }
        }
        replace(&mut json, &mut next);
        fs::write(&path, serde_json::to_vec(&json).unwrap()).unwrap();
    }
    let output = yardstick(&["check", dir.to_str().unwrap()]);
    let report = text(&output);
    assert!(!output.status.success(), "{report}");
    // One licence, three metric sources, one published group: five fields, each named.
    for field in [
        "licence \"OGL-UK-3.0\" url: \"javascript:alert(1)\"",
        "source url: \" JaVaScRiPt:alert(1)\"",
        "source url: \"data:text/html,<script>alert(1)</script>\"",
        "source url: \"vbscript:msgbox(1)\"",
        "peer-groups.json: 1 problem(s): group",
        "source url: \"//evil.example/x\"",
    ] {
        assert!(report.contains(field), "{field} not named in:\n{report}");
    }
    assert_eq!(
        report.matches("is not an absolute address").count(),
        4,
        "{report}"
    );
    assert_eq!(report.matches("contains a space").count(), 1, "{report}");
}

/// Issue 12: `yardstick methods` says, word for word, what the About view says (both read
/// `yardstick_present::methods`), and compare's help points to it.
#[test]
fn methods_print_every_rule_as_the_widget_words_it() {
    let output = yardstick(&["methods"]);
    assert!(output.status.success(), "{}", text(&output));
    let flat = text(&output)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for method in yardstick_present::methods::METHODS {
        assert!(flat.contains(method.term), "{}", method.term);
        assert!(flat.contains(method.explanation), "{}", method.term);
    }
    assert!(flat.contains("by the distance rule"));
    let help = text(&yardstick(&["compare", "--help"]));
    assert!(help.contains("yardstick methods"), "{help}");
}

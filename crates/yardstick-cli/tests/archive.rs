//! `yardstick build --archive DIR`: every built version is kept, unchanged, under its content
//! hash, so that pinned embeds keep their figures after a rebuild.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed test"
)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use yardstick_bundle::parse_manifest_with_catalogue;

mod common;
use common::{build_bundle, fixtures, path_arg, scratch, text, yardstick};

/// A fresh copy of the self-contained bad-rows fixture (configuration, areas, values).
fn fixture_copy(name: &str) -> PathBuf {
    let dir = scratch(name);
    let from = fixtures().join("bad-rows");
    for file in ["bundle.toml", "areas.csv", "values.csv"] {
        fs::copy(from.join(file), dir.join(file)).unwrap();
    }
    dir
}

fn build(dir: &Path) -> (Output, String) {
    let config = dir.join("bundle.toml");
    let out = dir.join("site/data/bundle");
    let archive = dir.join("site/data/versions");
    let output = build_bundle(&config, &out, &["--archive", path_arg(&archive)]);
    assert!(output.status.success(), "{}", text(&output));
    let manifest =
        parse_manifest_with_catalogue(&fs::read(out.join("manifest.json")).unwrap(), |p| {
            fs::read(out.join(p)).ok()
        })
        .unwrap();
    (output, manifest.content_hash)
}

fn version(dir: &Path, hash: &str) -> PathBuf {
    dir.join("site/data/versions")
        .join(hash.strip_prefix("sha256:").unwrap())
}

#[test]
fn each_version_is_kept_unchanged_after_a_rebuild_with_new_values() {
    let dir = fixture_copy("rebuild");
    let (first, old_hash) = build(&dir);
    assert!(
        text(&first).contains("archived this version in"),
        "{}",
        text(&first)
    );
    let old = version(&dir, &old_hash);
    let old_values = fs::read(old.join("metrics/test-rate.json")).unwrap();
    assert_eq!(
        old_values,
        fs::read(dir.join("site/data/bundle/metrics/test-rate.json")).unwrap()
    );
    assert!(String::from_utf8_lossy(&old_values).contains("\"value\":10.5"));

    // The same inputs again: the version is already there and is left alone.
    let (again, same_hash) = build(&dir);
    assert_eq!(same_hash, old_hash);
    assert!(
        text(&again).contains("already archived"),
        "{}",
        text(&again)
    );

    // New figures: a new version beside the old one, which keeps its bytes.
    let values = fs::read_to_string(dir.join("values.csv")).unwrap();
    let changed = values.replacen("E06000001,2022-23,10.5", "E06000001,2022-23,12.5", 1);
    assert_ne!(values, changed, "the fixture row to change is missing");
    fs::write(dir.join("values.csv"), changed).unwrap();
    let (_, new_hash) = build(&dir);
    assert_ne!(new_hash, old_hash);
    let new_values = fs::read(version(&dir, &new_hash).join("metrics/test-rate.json")).unwrap();
    assert!(String::from_utf8_lossy(&new_values).contains("\"value\":12.5"));
    assert_eq!(
        fs::read(old.join("metrics/test-rate.json")).unwrap(),
        old_values
    );
    let kept = parse_manifest_with_catalogue(&fs::read(old.join("manifest.json")).unwrap(), |p| {
        fs::read(old.join(p)).ok()
    })
    .unwrap();
    assert_eq!(kept.content_hash, old_hash);
    assert_eq!(
        yardstick(&["check", old.to_str().unwrap()]).status.code(),
        Some(0),
        "an archived version is a complete bundle"
    );
}

#[test]
fn a_version_folder_holding_other_data_is_never_overwritten() {
    let dir = fixture_copy("clash");
    let (_, hash) = build(&dir);
    let folder = version(&dir, &hash);
    // Someone replaced the archived manifest by another version's.
    let manifest = fs::read_to_string(folder.join("manifest.json")).unwrap();
    let digits = hash.strip_prefix("sha256:").unwrap();
    fs::write(
        folder.join("manifest.json"),
        manifest.replace(digits, &"a".repeat(64)),
    )
    .unwrap();
    let config = dir.join("bundle.toml");
    let output = build_bundle(
        &config,
        &dir.join("site/data/bundle"),
        &["--archive", path_arg(&dir.join("site/data/versions"))],
    );
    assert!(!output.status.success());
    assert!(
        text(&output).contains("is never overwritten"),
        "{}",
        text(&output)
    );
}

//! Every committed fixture of every version keeps parsing (fixtures are only ever added).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed test"
)]

use std::fs;
use std::path::{Path, PathBuf};

use yardstick_bundle::{
    BundleError, CURRENT_VERSION, SchemaVersion, content_hash, encode_areas, encode_context,
    encode_manifest, encode_metric_values, encode_peer_groups, parse_areas, parse_context,
    parse_manifest, parse_metric_values, parse_peer_groups,
};

fn fixture_bundles() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut bundles = Vec::new();
    for version in fs::read_dir(&root).unwrap().flatten() {
        for bundle in fs::read_dir(version.path()).unwrap().flatten() {
            if bundle.path().join("manifest.json").exists() {
                bundles.push(bundle.path());
            }
        }
    }
    bundles.sort();
    assert!(!bundles.is_empty(), "no fixtures under {}", root.display());
    bundles
}

/// What the current writer makes of a document of an older minor version of the same major
/// version: the same bytes declaring the current version, because minor versions only add
/// optional fields and an older document has none of them. (The manifest keeps the version
/// it declares, so that its content hash still verifies.)
fn as_current_writer_writes(bytes: &[u8], declared: SchemaVersion) -> Vec<u8> {
    assert_eq!(
        declared.major, CURRENT_VERSION.major,
        "needs a migration test"
    );
    String::from_utf8(bytes.to_vec())
        .unwrap()
        .replacen(
            &format!("\"schema_version\":\"{declared}\""),
            &format!("\"schema_version\":\"{CURRENT_VERSION}\""),
            1,
        )
        .into_bytes()
}

#[test]
fn every_fixture_bundle_parses_and_re_encodes_byte_for_byte() {
    for dir in fixture_bundles() {
        let read = |name: &str| fs::read(dir.join(name)).unwrap();
        let manifest_bytes = read("manifest.json");
        let manifest = parse_manifest(&manifest_bytes).unwrap();
        assert_eq!(
            encode_manifest(&manifest),
            manifest_bytes,
            "{}",
            dir.display()
        );
        assert_eq!(
            content_hash(&manifest_bytes, &manifest.content_hash),
            manifest.content_hash
        );
        let declared = manifest.schema_version;
        let expected = |name: &str| as_current_writer_writes(&read(name), declared);
        let areas = parse_areas(&read("areas.json")).unwrap();
        assert_eq!(encode_areas(&areas), expected("areas.json"));
        let context = parse_context(&read("context.json")).unwrap();
        assert_eq!(encode_context(&context), expected("context.json"));
        let groups = parse_peer_groups(&read("peer-groups.json")).unwrap();
        assert_eq!(encode_peer_groups(&groups), expected("peer-groups.json"));
        for metric in &manifest.metrics {
            let bytes = read(&metric.file.path);
            let values = parse_metric_values(&bytes).unwrap();
            assert_eq!(values.metric, metric.id);
            assert_eq!(encode_metric_values(&values), expected(&metric.file.path));
            if let Some(latest) = &metric.latest_file {
                // The latest period's values, exactly as the whole file holds them.
                let latest_values = parse_metric_values(&read(&latest.path)).unwrap();
                assert_eq!(latest_values.metric, metric.id);
                assert_eq!(latest_values.periods(), vec![metric.latest_period]);
                let in_file: Vec<_> = values.for_period(metric.latest_period).collect();
                let in_latest: Vec<_> = latest_values.values().iter().collect();
                assert_eq!(in_latest, in_file, "{}", latest.path);
                assert_eq!(encode_metric_values(&latest_values), expected(&latest.path));
            }
        }
    }
}

/// Every minor version of the current major version has a fixture, so each addition is
/// exercised by a bundle that uses it.
#[test]
fn there_is_a_fixture_of_the_current_version() {
    let versions: Vec<SchemaVersion> = fixture_bundles()
        .iter()
        .map(|dir| {
            parse_manifest(&fs::read(dir.join("manifest.json")).unwrap())
                .unwrap()
                .schema_version
        })
        .collect();
    assert!(versions.contains(&CURRENT_VERSION), "{versions:?}");
}

/// A reader refuses a newer major version, naming both versions.
#[test]
fn newer_major_version_is_refused_with_both_versions_named() {
    let bytes = br#"{"schema_version":"2.0","metric":"x","values":[],"something_new":true}"#;
    let error = parse_metric_values(bytes).unwrap_err();
    assert!(matches!(error, BundleError::NewerMajorVersion { .. }));
    let message = error.to_string();
    assert!(
        message.contains("2.0") && message.contains(&CURRENT_VERSION.to_string()),
        "{message}"
    );
}

/// Minor versions only add optional fields, which this reader ignores.
#[test]
fn newer_minor_version_with_unknown_fields_is_read() {
    let bytes = br#"{"schema_version":"1.9","metric":"x","values":[
{"area":"E06000001","period":"2022-04-01/P1Y","value":1.5,"future_field":"ignored"}
],"future":1}"#;
    assert_eq!(parse_metric_values(bytes).unwrap().values().len(), 1);
}

#[test]
fn unsorted_and_repeated_values_are_rejected() {
    let unsorted = br#"{"schema_version":"1.0","metric":"x","values":[
{"area":"E06000002","period":"2022-04-01/P1Y","value":1},
{"area":"E06000001","period":"2022-04-01/P1Y","value":2}
]}"#;
    assert!(
        parse_metric_values(unsorted)
            .unwrap_err()
            .to_string()
            .contains("out of order")
    );
    let repeated = br#"{"schema_version":"1.0","metric":"x","values":[
{"area":"E06000001","period":"2022-04-01/P1Y","value":1},
{"area":"E06000001","period":"2022-04-01/P1Y","value":2}
]}"#;
    assert!(
        parse_metric_values(repeated)
            .unwrap_err()
            .to_string()
            .contains("repeats")
    );
    let missing_status = br#"{"schema_version":"1.0","metric":"x","values":[
{"area":"E06000001","period":"2022-04-01/P1Y"}
]}"#;
    assert!(parse_metric_values(missing_status).is_err());
}

fn latest_file_fixture() -> Vec<u8> {
    fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1/latest-file/manifest.json"),
    )
    .unwrap()
}

/// Schema 1.1: the latest period is read from the small latest-period file, any other period
/// from the whole file; a bundle without one (1.0) always uses the whole file.
#[test]
fn the_latest_period_comes_from_the_latest_file() {
    let manifest = parse_manifest(&latest_file_fixture()).unwrap();
    let metric = &manifest.metrics[0];
    let latest = metric.latest_file.as_ref().unwrap();
    assert_eq!(metric.file_for_period(metric.latest_period), latest);
    assert_eq!(metric.file_for_period(metric.periods[0]), &metric.file);
    assert!(manifest.all_files().contains(&latest));
    let old = fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1/minimal/manifest.json"),
    )
    .unwrap();
    let old = parse_manifest(&old).unwrap();
    let metric = &old.metrics[0];
    assert_eq!(metric.latest_file, None);
    assert_eq!(metric.file_for_period(metric.latest_period), &metric.file);
}

/// A latest-period file is a file like any other: its path must be unique in the manifest.
#[test]
fn a_latest_file_that_repeats_a_path_is_rejected() {
    let mut doc: serde_json::Value = serde_json::from_slice(&latest_file_fixture()).unwrap();
    doc["metrics"][0]["latest_file"]["path"] = doc["metrics"][0]["file"]["path"].clone();
    let error = parse_manifest(&serde_json::to_vec(&doc).unwrap()).unwrap_err();
    assert!(error.to_string().contains("listed twice"), "{error}");
}

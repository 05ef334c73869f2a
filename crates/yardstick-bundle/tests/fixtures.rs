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
    BundleError, content_hash, encode_areas, encode_context, encode_manifest, encode_metric_values,
    encode_peer_groups, parse_areas, parse_context, parse_manifest, parse_metric_values,
    parse_peer_groups,
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
        let areas = parse_areas(&read("areas.json")).unwrap();
        assert_eq!(encode_areas(&areas), read("areas.json"));
        let context = parse_context(&read("context.json")).unwrap();
        assert_eq!(encode_context(&context), read("context.json"));
        let groups = parse_peer_groups(&read("peer-groups.json")).unwrap();
        assert_eq!(encode_peer_groups(&groups), read("peer-groups.json"));
        for metric in &manifest.metrics {
            let bytes = read(&metric.file.path);
            let values = parse_metric_values(&bytes).unwrap();
            assert_eq!(values.metric, metric.id);
            assert_eq!(encode_metric_values(&values), bytes);
        }
    }
}

/// A reader refuses a newer major version, naming both versions.
#[test]
fn newer_major_version_is_refused_with_both_versions_named() {
    let bytes = br#"{"schema_version":"2.0","metric":"x","values":[],"something_new":true}"#;
    let error = parse_metric_values(bytes).unwrap_err();
    assert!(matches!(error, BundleError::NewerMajorVersion { .. }));
    let message = error.to_string();
    assert!(
        message.contains("2.0") && message.contains("1.0"),
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

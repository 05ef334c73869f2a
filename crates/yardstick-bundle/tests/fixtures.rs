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
    BundleError, CURRENT_VERSION, SchemaVersion, content_hash, encode_areas, encode_catalogue,
    encode_context, encode_manifest, encode_map, encode_metric_values, encode_peer_groups,
    parse_areas, parse_catalogue, parse_context, parse_manifest, parse_map, parse_metric_values,
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

/// What the current writer makes of a document of an older version: the same bytes declaring
/// the current version, because minor versions only add optional fields an older document
/// does not have, and 2.0 changed the manifest alone (areas, context, peer groups and values
/// files kept their shape). (The manifest keeps the version it declares, so that its content
/// hash still verifies.)
fn as_current_writer_writes(bytes: &[u8], declared: SchemaVersion) -> Vec<u8> {
    assert!(
        declared.major == CURRENT_VERSION.major
            || (declared.major, CURRENT_VERSION.major) == (1, 2),
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
        let mut manifest = parse_manifest(&manifest_bytes).unwrap();
        assert_eq!(
            encode_manifest(&manifest),
            manifest_bytes,
            "{}",
            dir.display()
        );
        // Since 2.0 the metrics' metadata is in the catalogue's parts, each re-encoded
        // byte for byte too.
        for (index, part) in manifest.catalogue.clone().iter().enumerate() {
            let bytes = read(&part.path);
            let metas = parse_catalogue(&bytes, &manifest, index).unwrap();
            assert_eq!(encode_catalogue(&metas), bytes, "{}", part.path);
            manifest.add_part(metas);
        }
        assert_eq!(manifest.metrics.len(), manifest.measures.len());
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
        for map in &manifest.maps {
            let shapes = parse_map(&read(&map.path)).unwrap();
            assert_eq!(shapes.map, map.id);
            assert_eq!(encode_map(&shapes), expected(&map.path));
        }
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
    let bytes = br#"{"schema_version":"3.0","metric":"x","values":[],"something_new":true}"#;
    let error = parse_metric_values(bytes).unwrap_err();
    assert!(matches!(error, BundleError::NewerMajorVersion { .. }));
    let message = error.to_string();
    assert!(
        message.contains("3.0") && message.contains(&CURRENT_VERSION.to_string()),
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

fn fixture_file(bundle: &str, name: &str) -> Vec<u8> {
    fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/v1")
            .join(bundle)
            .join(name),
    )
    .unwrap()
}

/// Schema 1.2: subject, the area types of every nation, coverage, joint returns, the access
/// date of a source and the themes a published group was built for are read as written.
#[test]
fn schema_1_2_fields_are_read() {
    use yardstick_bundle::{AreaCode, Date, JointReturn, Period, Subject};
    let manifest = parse_manifest(&fixture_file("scope-and-dates", "manifest.json")).unwrap();
    let metric = &manifest.metrics[0];
    assert_eq!(metric.subject(), Subject::Service);
    assert_eq!(metric.all_area_types(), ["UA", "NMD", "WPA"]);
    assert_eq!(metric.area_types, ["UA", "NMD"]);
    assert_eq!(metric.coverage, ["England"]);
    assert!(metric.covers_nation(Some("England")));
    assert!(!metric.covers_nation(Some("Wales")));
    assert!(!metric.covers_nation(None));
    assert_eq!(metric.source.published, None);
    assert_eq!(metric.source.accessed, Date::parse("2023-04-19").ok());
    let year = |text: &str| Period::parse_iso(text).unwrap();
    let joint = JointReturn {
        figure_of: AreaCode::from("E06000001"),
        covers: vec![AreaCode::from("E06000002")],
        periods: vec![year("2022-04-01/P1Y")],
    };
    assert_eq!(metric.joint_returns, std::slice::from_ref(&joint));
    // Both rows of the joint return are marked, in its period only; other councils never.
    for (area, period, marked) in [
        ("E06000001", "2022-04-01/P1Y", true),
        ("E06000002", "2022-04-01/P1Y", true),
        ("E06000002", "2021-04-01/P1Y", false),
        ("E06000003", "2022-04-01/P1Y", false),
    ] {
        assert_eq!(
            metric.joint_return(&AreaCode::from(area), year(period)),
            marked.then_some(&joint),
            "{area} {period}"
        );
    }
    let groups = parse_peer_groups(&fixture_file("scope-and-dates", "peer-groups.json")).unwrap();
    let group = &groups.groups[0];
    assert_eq!(group.built_for, ["test"]);
    assert!(!group.built_for_another_theme("test"));
    assert!(group.built_for_another_theme("adult-social-care"));
    assert_eq!(group.source.accessed, Date::parse("2024-04-03").ok());
}

/// A 1.1 bundle reads under 1.2 with the new fields' defaults: a service, compared over its
/// area types in every nation, with no joint returns, no access date and groups for any theme.
#[test]
fn a_1_1_bundle_reads_with_the_defaults_of_1_2() {
    use yardstick_bundle::{AreaCode, Subject};
    let manifest = parse_manifest(&fixture_file("latest-file", "manifest.json")).unwrap();
    let metric = &manifest.metrics[0];
    assert_eq!(metric.subject, None);
    assert_eq!(metric.subject(), Subject::Service);
    assert_eq!(metric.all_area_types(), metric.area_types.as_slice());
    assert!(metric.coverage.is_empty());
    assert!(metric.covers_nation(Some("Wales")) && metric.covers_nation(None));
    assert_eq!(
        metric.joint_return(&AreaCode::from("E06000001"), metric.latest_period),
        None
    );
    assert_eq!(metric.source.accessed, None);
    let groups = parse_peer_groups(&fixture_file("minimal", "peer-groups.json")).unwrap();
    for group in &groups.groups {
        assert!(group.built_for.is_empty());
        assert!(!group.built_for_another_theme("anything"));
    }
}

/// The 1.2 fixture is sound across its files: coverage is the nations with figures, the
/// compared types lie in it, and the council the joint return covers has no figure of its own.
#[test]
fn the_1_2_fixture_has_no_scope_problems() {
    let read = |name: &str| fixture_file("scope-and-dates", name);
    let manifest = parse_manifest(&read("manifest.json")).unwrap();
    let areas = parse_areas(&read("areas.json")).unwrap();
    for metric in &manifest.metrics {
        let values = parse_metric_values(&read(&metric.file.path)).unwrap();
        assert_eq!(
            yardstick_bundle::scope_problems(metric, &values, &areas),
            Vec::<String>::new()
        );
    }
}

/// The reader refuses 1.2 fields that contradict themselves, naming each problem.
#[test]
fn contradictory_scope_and_joint_returns_are_rejected() {
    let base: serde_json::Value =
        serde_json::from_slice(&fixture_file("scope-and-dates", "manifest.json")).unwrap();
    let refused = |edit: &dyn Fn(&mut serde_json::Value), expected: &str| {
        let mut doc = base.clone();
        edit(&mut doc["metrics"][0]);
        let error = parse_manifest(&serde_json::to_vec(&doc).unwrap()).unwrap_err();
        assert!(error.to_string().contains(expected), "{error}");
    };
    refused(
        &|m| m["all_area_types"] = serde_json::json!(["UA", "WPA"]),
        "compared but not in all_area_types",
    );
    refused(
        &|m| m["all_area_types"] = serde_json::json!(["UA", "NMD", "XYZ"]),
        "all_area_types names \"XYZ\"",
    );
    refused(
        &|m| m["coverage"] = serde_json::json!(["Wales", "England"]),
        "coverage is not sorted",
    );
    refused(
        &|m| m["joint_returns"][0]["covers"] = serde_json::json!(["E06000001"]),
        "covers the council whose figure it is",
    );
    refused(
        &|m| m["joint_returns"][0]["covers"] = serde_json::json!([]),
        "covers no other council",
    );
    refused(
        &|m| m["joint_returns"][0]["periods"] = serde_json::json!(["2030-04-01/P1Y"]),
        "is not one of the metric's",
    );
    refused(
        &|m| {
            let joint = m["joint_returns"][0].clone();
            m["joint_returns"] = serde_json::json!([joint.clone(), joint]);
        },
        "joint_returns are not sorted",
    );
}

//! The JSON Schemas in docs/schema describe what the Rust types accept.
//!
//! For each document, a fully populated example (a v1 fixture with every optional field
//! filled in) is checked two ways, object by object: its keys are exactly the schema's
//! `properties` (so neither side knows a field the other lacks), and removing a key makes
//! the parser fail exactly when the schema lists it in `required`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed test"
)]

use std::path::Path;

use serde_json::{Value, json};
use yardstick_bundle::{
    MAX_WEB_ADDRESS_BYTES, WEB_ADDRESS_PATTERN, WebAddress, parse_areas, parse_context,
    parse_manifest, parse_metric_values, parse_peer_groups,
};

fn schema(name: &str) -> Value {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../docs/schema/{name}.schema.json"));
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn fixture(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/v1/minimal")
        .join(name);
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

type Parse = fn(&[u8]) -> bool;

/// Walks `schema` and `example` together along `path` (keys; `*` is the first list item),
/// checks that object, then recurses into object-valued and list-of-object properties.
fn check(document: &Value, schema: &Value, path: &[String], parse: Parse, conditional: &[&str]) {
    let here = follow(document, path);
    let Some(object) = here.as_object() else {
        return;
    };
    let properties = schema["properties"].as_object().unwrap();
    let mut keys: Vec<&String> = object.keys().collect();
    let mut known: Vec<&String> = properties.keys().collect();
    keys.sort();
    known.sort();
    assert_eq!(
        keys, known,
        "keys of {path:?} differ from the schema's properties"
    );
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        parse(&serde_json::to_vec(document).unwrap()),
        "the example does not parse"
    );
    for key in object.keys() {
        let mut without = document.clone();
        follow_mut(&mut without, path)
            .as_object_mut()
            .unwrap()
            .remove(key);
        let parses = parse(&serde_json::to_vec(&without).unwrap());
        let dotted = format!("{}.{key}", path.join("."));
        if conditional.contains(&dotted.as_str()) {
            continue;
        }
        assert_eq!(
            !parses,
            required.contains(&key.as_str()),
            "{dotted}: the parser and the schema disagree on whether it is required"
        );
    }
    for (key, property) in properties {
        let mut deeper = path.to_vec();
        deeper.push(key.clone());
        if property.get("properties").is_some() {
            check(document, property, &deeper, parse, conditional);
        } else if let Some(items) = property
            .get("items")
            .filter(|i| i.get("properties").is_some())
            && follow(document, &deeper)
                .as_array()
                .is_some_and(|a| !a.is_empty())
        {
            deeper.push("*".to_owned());
            check(document, items, &deeper, parse, conditional);
        }
    }
}

fn follow<'a>(value: &'a Value, path: &[String]) -> &'a Value {
    path.iter().fold(
        value,
        |v, key| if key == "*" { &v[0] } else { &v[key.as_str()] },
    )
}

fn follow_mut<'a>(value: &'a mut Value, path: &[String]) -> &'a mut Value {
    path.iter().fold(value, |v, key| {
        if key == "*" {
            &mut v[0]
        } else {
            &mut v[key.as_str()]
        }
    })
}

#[test]
fn manifest_schema_matches_the_reader() {
    let mut doc = fixture("manifest.json");
    doc["description"] = json!("A description.");
    let metric = &mut doc["metrics"][0];
    metric["value_type"] = json!("rate");
    metric["rate_per"] = json!(100000);
    metric["caveats"] = json!(["A caveat."]);
    metric["source"]["published"] = json!("2024-01-01");
    metric["source"]["next_update"] = json!("2025-01-01");
    // Since 1.1.
    metric["latest_file"] = json!({"path": "metrics/test-rate/latest.json", "bytes": 1,
        "sha256": "0000000000000000000000000000000000000000000000000000000000000000"});
    // Since 1.2.
    metric["source"]["accessed"] = json!("2023-04-19");
    metric["subject"] = json!("area");
    metric["all_area_types"] = json!(["UA", "NMD"]);
    metric["coverage"] = json!(["England"]);
    metric["joint_returns"] = json!([{"figure_of": "E06000001", "covers": ["E06000002"],
        "periods": [metric["latest_period"].clone()]}]);
    // Since 1.3: a map, whose file `files` lists.
    let first_type = doc["area_types"][0]["id"].clone();
    doc["maps"] = json!([{"id": "councils", "title": "Councils", "area_types": [first_type],
        "path": "maps/councils.json", "attribution": ["Contains OS data."]}]);
    let files = doc["files"].as_array_mut().unwrap();
    files.push(json!({"path": "maps/councils.json", "bytes": 1,
        "sha256": "0000000000000000000000000000000000000000000000000000000000000000"}));
    files.sort_by_key(|f| f["path"].as_str().unwrap().to_owned());
    // `rate_per` is required for rates only, which the schema cannot say by `required`.
    check(
        &doc,
        &schema("manifest"),
        &[],
        |b| parse_manifest(b).is_ok(),
        &["metrics.*.rate_per"],
    );
}

#[test]
fn areas_schema_matches_the_reader() {
    let mut doc = fixture("areas.json");
    let area = &mut doc["areas"][0];
    for (key, value) in [
        ("region", json!("North East")),
        ("nation", json!("England")),
        ("end", json!("2030-03-31")),
        ("former_codes", json!(["E06000098"])),
        ("population", json!({"value": 1, "year": 2024})),
    ] {
        area[key] = value;
    }
    // Links must name areas of the same file, so point them at the second area.
    let other = doc["areas"][1]["code"].clone();
    for key in ["parent", "combined_authority"] {
        doc["areas"][0][key] = other.clone();
    }
    doc["areas"][0]["successors"] = json!([other.clone()]);
    doc["areas"][0]["predecessors"] = json!([doc["areas"][2]["code"].clone()]);
    doc["areas"][0]["start"] = json!("1996-04-01");
    check(&doc, &schema("areas"), &[], |b| parse_areas(b).is_ok(), &[]);
}

#[test]
fn metric_values_schema_matches_the_reader() {
    let mut doc = fixture("metrics/test-rate.json");
    let value = &mut doc["values"][0];
    for (key, v) in [
        ("numerator", json!(3)),
        ("denominator", json!(30)),
        ("lower", json!(1)),
        ("upper", json!(20)),
        ("status", json!("provisional")),
        ("note", json!("A note.")),
    ] {
        value[key] = v;
    }
    // A record needs `value` or a missing status (the schema's anyOf), not `value` alone.
    check(
        &doc,
        &schema("metric-values"),
        &[],
        |b| parse_metric_values(b).is_ok(),
        &["values.*.value"],
    );
}

#[test]
fn context_schema_matches_the_reader() {
    let doc = json!({"schema_version": "1.0",
        "variables": [{"id": "population", "title": "Population", "description": "People.", "unit": "people",
                       "period": "2024-06-30", "source": "ONS", "transform": "log"}],
        "rows": [{"area": "E06000001", "values": [1000.0]}]});
    check(
        &doc,
        &schema("context"),
        &[],
        |b| parse_context(b).is_ok(),
        &[],
    );
}

#[test]
fn peer_groups_schema_matches_the_reader() {
    let doc = json!({"schema_version": "1.0", "groups": [{"id": "dfe", "title": "DfE", "description": "Ranked.",
        "source": {"organisation": "DfE", "title": "Neighbours", "url": "https://example.org", "licence": "OGL-UK-3.0",
                   "published": "2025-05-01", "next_update": "2026-05-01", "accessed": "2025-06-01"},
        "built_for": ["childrens-services"],
        "members": [{"area": "E06000001", "neighbours": [{"area": "E06000002", "closeness": "close"}]}]}]});
    check(
        &doc,
        &schema("peer-groups"),
        &[],
        |b| parse_peer_groups(b).is_ok(),
        &[],
    );
}

/// Every address field of every schema carries the reader's rule, and the pattern (read by a
/// regular-expression engine, not by the reader) accepts and refuses what the reader does.
#[test]
fn map_schema_matches_the_reader() {
    let doc = json!({"schema_version": "1.3", "map": "councils", "width": 10, "height": 10,
        "areas": [{"area": "E06000001", "path": "M0 0l10 0 0 10-10 0z"}]});
    check(
        &doc,
        &schema("map"),
        &[],
        |b| yardstick_bundle::parse_map(b).is_ok(),
        &[],
    );
}

#[test]
fn address_fields_carry_the_web_address_pattern() {
    fn urls<'a>(value: &'a Value, found: &mut Vec<&'a Value>) {
        match value {
            Value::Object(object) => {
                if let Some(Value::Object(properties)) = object.get("properties")
                    && let Some(url) = properties.get("url")
                {
                    found.push(url);
                }
                object.values().for_each(|v| urls(v, found));
            }
            Value::Array(items) => items.iter().for_each(|v| urls(v, found)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    let schemas: Vec<Value> = ["manifest", "peer-groups"].map(schema).into();
    for schema in &schemas {
        urls(schema, &mut found);
    }
    // Licences and metric sources in the manifest, group sources in peer-groups.json.
    assert_eq!(found.len(), 3);
    for url in found {
        assert_eq!(url["pattern"], WEB_ADDRESS_PATTERN);
        assert_eq!(url["maxLength"], MAX_WEB_ADDRESS_BYTES);
    }
    let pattern = regex::Regex::new(WEB_ADDRESS_PATTERN).unwrap();
    for text in [
        "https://www.gov.uk/x?y=1#z",
        "http://example.org",
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "data:text/html,<b>x</b>",
        "vbscript:msgbox(1)",
        "//evil.example/",
        "HTTPS://www.gov.uk/",
        "https:///evil.example",
        "https://a.example/ b",
        "https://a.example/\u{7}",
        "https://a.example/\u{85}",
        "https://a.example\\@b.example",
    ] {
        assert_eq!(
            pattern.is_match(text),
            WebAddress::parse(text).is_ok(),
            "{text:?}"
        );
    }
}

//! Fuzz-style properties: no input makes a parser panic; it returns a value or an error.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed test"
)]

use proptest::prelude::*;
use yardstick_bundle::{
    Period, parse_areas, parse_context, parse_manifest, parse_metric_values, parse_peer_groups,
};

fn all_parsers(bytes: &[u8]) {
    let _ = parse_manifest(bytes);
    let _ = parse_areas(bytes);
    let _ = parse_context(bytes);
    let _ = parse_peer_groups(bytes);
    let _ = parse_metric_values(bytes);
}

/// JSON values shaped a little like bundle documents, to get past the first checks.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<f64>().prop_map(|f| serde_json::json!(f)),
        any::<i64>().prop_map(|i| serde_json::json!(i)),
        "[A-Za-z0-9 ./:-]{0,20}".prop_map(serde_json::Value::String),
        Just(serde_json::json!("1.0")),
        Just(serde_json::json!("2022-04-01/P1Y")),
        Just(serde_json::json!("E06000001")),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        let keys = prop_oneof![
            Just("schema_version".to_owned()),
            Just("values".to_owned()),
            Just("areas".to_owned()),
            Just("area".to_owned()),
            Just("period".to_owned()),
            Just("value".to_owned()),
            Just("status".to_owned()),
            Just("metrics".to_owned()),
            Just("rows".to_owned()),
            Just("groups".to_owned()),
            "[a-z_]{1,10}",
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(keys, inner, 0..8)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        all_parsers(&bytes);
    }

    #[test]
    fn arbitrary_json_never_panics(value in json_value()) {
        let mut object = value;
        if let Some(map) = object.as_object_mut() {
            map.insert("schema_version".to_owned(), serde_json::json!("1.0"));
        }
        all_parsers(&serde_json::to_vec(&object).unwrap());
    }

    #[test]
    fn arbitrary_period_text_never_panics(text in "\\PC{0,30}") {
        let _ = Period::parse_iso(&text);
    }
}

//! Inputs the fuzz targets in fuzz/ found (docs/fuzzing.md), each kept as the test that would
//! have caught it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed test"
)]

use yardstick_bundle::{
    Period, encode_context, encode_metric_values, parse_context, parse_metric_values,
};

/// Parse, encode and parse again must give the same context table.
fn check_context_round_trip(bytes: &[u8]) {
    let parsed = parse_context(bytes).unwrap();
    let reparsed = parse_context(&encode_context(&parsed)).unwrap();
    assert_eq!(parsed, reparsed);
}

// bundle_context: serde_json's default float parser is not correctly rounded, so the shortest
// text the encoder writes for a number read back one unit in the last place away.
#[test]
fn context_numbers_with_seventeen_digits_survive_a_round_trip() {
    check_context_round_trip(
        br#"{"schema_version":"1.0","variables":[
{"id":"imd","title":"Deprivation","description":"Score.","unit":"score","source":"Test","transform":"none"}
],"rows":[
{"area":"E06000004","values":[25.836466666666666]},
{"area":"E06000005","values":[25.836466666666666666666666666666666666666666666666666666666666666666161785]}
]}"#,
    );
}

// The same parser reads metric values: the value a builder wrote must be the value read.
#[test]
fn metric_values_with_seventeen_digits_survive_a_round_trip() {
    let bytes = br#"{"schema_version":"1.0","metric":"m","values":[
{"area":"E06000004","period":"2022-04-01/P1Y","value":25.836466666666666}
]}"#;
    let parsed = parse_metric_values(bytes).unwrap();
    let reparsed = parse_metric_values(&encode_metric_values(&parsed)).unwrap();
    assert_eq!(parsed, reparsed);
    assert_eq!(parsed.values()[0].reading.value(), Some(25.836466666666666));
}

// period_label: a pool of years running past 9999 was accepted, and its last day, which no
// `Date` can hold, came out as its first. (The label itself is tested with the label reader,
// in yardstick-cli's sources/period_label.rs.)
#[test]
fn periods_ending_after_9999_are_refused() {
    assert!(Period::parse_iso("9922-04-01/P92Y").is_err());
    assert!(Period::parse_iso("9999-01-02/P1Y").is_err());
    let last = Period::parse_iso("9999-01-01/P1Y").unwrap();
    assert_eq!(last.end().to_string(), "9999-12-31");
    assert_eq!(
        Period::parse_iso("9990-04-01/P9Y")
            .unwrap()
            .end()
            .to_string(),
        "9999-03-31"
    );
}

//! Issue 10: absurd text is refused with the limit named (docs/bundle-format.md, Limits). A
//! council's name of a megabyte would otherwise be repeated on every view.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is a failed test"
)]

use yardstick_bundle::{TextLimit, parse_areas, parse_metric_values};

fn areas_with_name(name: &str) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "schema_version": "1.1",
        "areas": [{ "code": "E08000009", "name": name, "type": "MD" }],
    }))
    .unwrap()
}

#[test]
fn a_megabyte_name_is_refused_and_a_long_real_one_is_not() {
    let longest_real = "Bournemouth, Christchurch and Poole";
    assert!(parse_areas(&areas_with_name(longest_real)).is_ok());
    let at_limit = "x".repeat(TextLimit::Name.bytes());
    assert!(parse_areas(&areas_with_name(&at_limit)).is_ok());
    let absurd = "Trafford ".repeat(120_000);
    let error = parse_areas(&areas_with_name(&absurd))
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("area E08000009 name is 1080000 bytes long, over the limit of 200"),
        "{error}"
    );
    assert!(
        error.len() < 300,
        "the message does not repeat the text: {} bytes",
        error.len()
    );
}

#[test]
fn a_note_or_an_area_code_of_a_megabyte_is_refused_in_a_short_message() {
    let values = serde_json::to_vec(&serde_json::json!({
        "schema_version": "1.1",
        "metric": "m",
        "values": [
            { "area": "E".repeat(1 << 20), "period": "2022-04-01/P1Y", "value": 1.0 },
            { "area": "E08000009", "period": "2022-04-01/P1Y", "value": 1.0, "note": "n".repeat(5_000) },
        ],
    }))
    .unwrap();
    let error = parse_metric_values(&values).unwrap_err().to_string();
    assert!(error.contains("is not an area code"), "{error}");
    assert!(
        error.contains("note is 5000 bytes long, over the limit of 4000"),
        "{error}"
    );
    assert!(error.len() < 1_000, "{} bytes", error.len());
}

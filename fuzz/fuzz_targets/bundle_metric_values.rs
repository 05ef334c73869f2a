//! `metrics/<id>.json`: any bytes give a value or an error, and what parses encodes back to bytes that
//! parse to an equal value, which encode to the same bytes again.

#![no_main]

use libfuzzer_sys::fuzz_target;
use yardstick_bundle::{encode_metric_values, parse_metric_values};

fuzz_target!(|bytes: &[u8]| {
    let Ok(parsed) = parse_metric_values(bytes) else {
        return;
    };
    let encoded = encode_metric_values(&parsed);
    let reparsed = match parse_metric_values(&encoded) {
        Ok(reparsed) => reparsed,
        Err(error) => panic!(
            "encoded metrics/<id>.json does not parse: {error}\n{}",
            String::from_utf8_lossy(&encoded)
        ),
    };
    assert_eq!(
        parsed, reparsed,
        "metrics/<id>.json changed in a round trip"
    );
    assert_eq!(
        encoded,
        encode_metric_values(&reparsed),
        "encoding is not deterministic"
    );
});

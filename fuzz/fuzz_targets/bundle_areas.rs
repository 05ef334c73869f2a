//! `areas.json`: any bytes give a value or an error, and what parses encodes back to bytes that
//! parse to an equal value, which encode to the same bytes again.

#![no_main]

use libfuzzer_sys::fuzz_target;
use yardstick_bundle::{encode_areas, parse_areas};

fuzz_target!(|bytes: &[u8]| {
    let Ok(parsed) = parse_areas(bytes) else {
        return;
    };
    let encoded = encode_areas(&parsed);
    let reparsed = match parse_areas(&encoded) {
        Ok(reparsed) => reparsed,
        Err(error) => panic!(
            "encoded areas.json does not parse: {error}\n{}",
            String::from_utf8_lossy(&encoded)
        ),
    };
    assert_eq!(parsed, reparsed, "areas.json changed in a round trip");
    assert_eq!(
        encoded,
        encode_areas(&reparsed),
        "encoding is not deterministic"
    );
});

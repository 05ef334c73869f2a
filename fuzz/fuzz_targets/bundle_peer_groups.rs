//! `peer-groups.json`: any bytes give a value or an error, and what parses encodes back to bytes that
//! parse to an equal value, which encode to the same bytes again.

#![no_main]

use libfuzzer_sys::fuzz_target;
use yardstick_bundle::{encode_peer_groups, parse_peer_groups};

fuzz_target!(|bytes: &[u8]| {
    let Ok(parsed) = parse_peer_groups(bytes) else {
        return;
    };
    let encoded = encode_peer_groups(&parsed);
    let reparsed = match parse_peer_groups(&encoded) {
        Ok(reparsed) => reparsed,
        Err(error) => panic!(
            "encoded peer-groups.json does not parse: {error}\n{}",
            String::from_utf8_lossy(&encoded)
        ),
    };
    assert_eq!(parsed, reparsed, "peer-groups.json changed in a round trip");
    assert_eq!(
        encoded,
        encode_peer_groups(&reparsed),
        "encoding is not deterministic"
    );
});

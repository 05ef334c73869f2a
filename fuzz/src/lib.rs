//! What the bundle document targets share: the round-trip property.

use std::fmt::{Debug, Display};

/// Any bytes give a value or an error; what parses encodes back to bytes that parse to an
/// equal value, which encode to the same bytes again. `document` names it in a failure.
pub fn round_trip<T: PartialEq + Debug, E: Display>(
    bytes: &[u8],
    document: &str,
    parse: fn(&[u8]) -> Result<T, E>,
    encode: fn(&T) -> Vec<u8>,
) {
    let Ok(parsed) = parse(bytes) else {
        return;
    };
    let encoded = encode(&parsed);
    let reparsed = match parse(&encoded) {
        Ok(reparsed) => reparsed,
        Err(error) => panic!(
            "encoded {document} does not parse: {error}\n{}",
            String::from_utf8_lossy(&encoded)
        ),
    };
    assert_eq!(parsed, reparsed, "{document} changed in a round trip");
    assert_eq!(encoded, encode(&reparsed), "encoding is not deterministic");
}

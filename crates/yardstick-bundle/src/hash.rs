//! SHA-256 digests of files and of the whole bundle.

use sha2::{Digest, Sha256};

/// Lower-case hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut text = String::with_capacity(64);
    for byte in digest {
        text.push(hex_digit(byte >> 4));
        text.push(hex_digit(byte & 0x0f));
    }
    text
}

fn hex_digit(nibble: u8) -> char {
    char::from_digit(u32::from(nibble), 16).unwrap_or('0')
}

/// The placeholder a writer puts in `content_hash` before hashing the manifest.
pub const CONTENT_HASH_PLACEHOLDER: &str =
    "sha256:0000000000000000000000000000000000000000000000000000000000000000";

/// The bundle's content hash: `sha256:` and the SHA-256 of the manifest's bytes with the
/// declared hash's 64 hex digits replaced by zeros.
///
/// The manifest lists every other file with its SHA-256, so this one digest pins every byte
/// of the bundle: an embed that names it always gets the same data.
///
/// ```
/// use yardstick_bundle::{content_hash, CONTENT_HASH_PLACEHOLDER};
///
/// let written = br#"{"content_hash":"sha256:0000000000000000000000000000000000000000000000000000000000000000"}"#;
/// let hash = content_hash(written, CONTENT_HASH_PLACEHOLDER);
/// let text = String::from_utf8(written.to_vec()).unwrap().replace(CONTENT_HASH_PLACEHOLDER, &hash);
/// assert_eq!(content_hash(text.as_bytes(), &hash), hash);
/// ```
pub fn content_hash(manifest_bytes: &[u8], declared: &str) -> String {
    let zeroed = match declared.strip_prefix("sha256:") {
        Some(hex) if !hex.is_empty() => replace_all(manifest_bytes, hex.as_bytes(), b'0'),
        _ => manifest_bytes.to_vec(),
    };
    format!("sha256:{}", sha256_hex(&zeroed))
}

/// Overwrites every occurrence of `needle` with `fill` bytes of the same length.
fn replace_all(haystack: &[u8], needle: &[u8], fill: u8) -> Vec<u8> {
    let mut out = haystack.to_vec();
    let mut start = 0;
    while let Some(offset) = out.get(start..).and_then(|rest| {
        rest.windows(needle.len())
            .position(|window| window == needle)
    }) {
        let at = start + offset;
        if let Some(slot) = out.get_mut(at..at + needle.len()) {
            slot.fill(fill);
        }
        start = at + needle.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_abc_matches_fips_180_2() {
        // FIPS 180-2, appendix B.1.
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}

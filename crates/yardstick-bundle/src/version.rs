//! The schema version every bundle document carries.

use std::fmt;

/// A `major.minor` schema version.
///
/// A reader accepts any minor version of its own major version (minor versions only add
/// optional fields, which older readers ignore) and every older major version it has a
/// migration for; it rejects a newer major version with a message naming both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SchemaVersion {
    /// Incremented for changes an older reader would misread.
    pub major: u16,
    /// Incremented for additions an older reader can safely ignore.
    pub minor: u16,
}

/// The version this crate writes. 1.1 added the optional `latest_file` of a metric; 1.2 a
/// metric's `subject`, `all_area_types`, `coverage` and `joint_returns`, a source's `accessed`
/// and a published group's `built_for`; 1.3 the manifest's `maps` and the map files. 2.0 moved
/// the metrics' metadata out of the manifest into catalogue parts, leaving an index of
/// measures (`measures`) in the manifest.
pub const CURRENT_VERSION: SchemaVersion = SchemaVersion { major: 2, minor: 0 };

impl SchemaVersion {
    /// Parses `"1.0"`; `None` for anything else (`"1"`, `"v1.0"`, `"1.0.0"`).
    #[allow(clippy::disallowed_methods, reason = "integers: no float parser")]
    pub fn parse(text: &str) -> Option<Self> {
        let (major, minor) = text.split_once('.')?;
        let number = |part: &str| {
            (!part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse::<u16>().ok())
                .flatten()
        };
        Some(Self {
            major: number(major)?,
            minor: number(minor)?,
        })
    }

    /// Whether a reader of `self` can read a document declaring `found`.
    pub fn can_read(self, found: Self) -> bool {
        found.major <= self.major
    }
}

impl fmt::Display for SchemaVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_major_minor_only() {
        assert_eq!(
            SchemaVersion::parse("1.12"),
            Some(SchemaVersion {
                major: 1,
                minor: 12
            })
        );
        for bad in ["1", "v1.0", "1.0.0", "", ".1", "1.", "-1.0", "1.+0"] {
            assert_eq!(SchemaVersion::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn reads_own_and_older_majors_only() {
        assert!(CURRENT_VERSION.can_read(SchemaVersion { major: 1, minor: 7 }));
        assert!(CURRENT_VERSION.can_read(SchemaVersion { major: 2, minor: 3 }));
        assert!(!CURRENT_VERSION.can_read(SchemaVersion { major: 3, minor: 0 }));
    }
}

//! Shared checks used while turning wire documents into domain types.

use yardstick_stats::AreaCode;

use crate::address::WebAddress;
use crate::date::Date;
use crate::error::{BundleError, Document};
use crate::period::Period;
use crate::version::{CURRENT_VERSION, SchemaVersion};
use crate::wire::VersionProbe;

/// Collects every problem in a document instead of stopping at the first.
#[derive(Debug, Default)]
pub(crate) struct Problems(Vec<String>);

impl Problems {
    pub fn push(&mut self, problem: impl Into<String>) {
        self.0.push(problem.into());
    }

    /// The error for `document`, or `Ok` when nothing was wrong.
    pub fn finish(self, document: Document) -> Result<(), BundleError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(BundleError::Invalid {
                document,
                problems: self.0,
            })
        }
    }

    pub fn date(&mut self, context: &str, text: &str) -> Option<Date> {
        match Date::parse(text) {
            Ok(date) => Some(date),
            Err(error) => {
                self.push(format!("{context}: {error}"));
                None
            }
        }
    }

    pub fn optional_date(&mut self, context: &str, text: Option<&str>) -> Option<Date> {
        text.and_then(|text| self.date(context, text))
    }

    pub fn period(&mut self, context: &str, text: &str) -> Option<Period> {
        match Period::parse_iso(text) {
            Ok(period) => Some(period),
            Err(error) => {
                self.push(format!("{context}: {error}"));
                None
            }
        }
    }

    pub fn area_code(&mut self, context: &str, text: &str) -> AreaCode {
        if !is_area_code(text) {
            self.push(format!(
                "{context}: {:?} is not an area code (1 to 20 ASCII letters and digits)",
                shown(text)
            ));
        }
        AreaCode::new(text)
    }

    pub fn slug(&mut self, context: &str, text: &str) {
        if !is_slug(text) {
            self.push(format!(
                "{context}: {text:?} is not a URL-safe id (lower-case letters, digits and single hyphens)"
            ));
        }
    }

    pub fn not_blank(&mut self, context: &str, text: &str) {
        if text.trim().is_empty() {
            self.push(format!("{context} is empty"));
        }
    }

    /// A text a reader will see, no longer than `limit` (see [`TextLimit`]). The field is
    /// named as `at` and `field` ("metric \"x\"" and "title"), joined only when reported.
    pub fn text(&mut self, at: &str, field: &str, text: &str, limit: TextLimit) {
        let max = limit.bytes();
        if text.len() > max {
            self.push(format!(
                "{} is {} bytes long, over the limit of {max} for {}",
                name(at, field),
                text.len(),
                limit.what()
            ));
        }
    }

    /// An address that may become a link: see [`WebAddress`]. `None` (and a problem naming
    /// the field) for anything else.
    pub fn web_address(&mut self, at: &str, field: &str, text: &str) -> Option<WebAddress> {
        match WebAddress::parse(text) {
            Ok(address) => Some(address),
            Err(problem) => {
                self.push(format!("{}: {:?} {problem}", name(at, field), shown(text)));
                None
            }
        }
    }
}

/// How long a text in a bundle may be. A council's name of a megabyte would be repeated on
/// every view; these bounds are far above any published text and far below harm
/// (docs/bundle-format.md, Limits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextLimit {
    /// Names and labels shown in a line: area names, units, organisations, type names.
    Name,
    /// Titles of bundles, metrics, sources, licences, groups and variables.
    Title,
    /// Descriptions, caveats, notes and attribution lines.
    Prose,
}

impl TextLimit {
    /// The limit in bytes of UTF-8.
    pub const fn bytes(self) -> usize {
        match self {
            Self::Name => 200,
            Self::Title => 400,
            Self::Prose => 4_000,
        }
    }

    fn what(self) -> &'static str {
        match self {
            Self::Name => "a name",
            Self::Title => "a title",
            Self::Prose => "a description, caveat or note",
        }
    }
}

/// A field's name in a message: "title", or "metric \"x\" title".
fn name(at: &str, field: &str) -> String {
    if at.is_empty() {
        field.to_owned()
    } else {
        format!("{at} {field}")
    }
}

/// At most the first 80 characters of a text, for a message that quotes it: a hostile
/// bundle's megabyte must not become a megabyte of error.
pub(crate) fn shown(text: &str) -> String {
    match text.char_indices().nth(80) {
        Some((end, _)) => format!("{}…", text.get(..end).unwrap_or_default()),
        None => text.to_owned(),
    }
}

/// Checks `schema_version` before the rest of the document is read, so that a document of a
/// newer major version gets a version message rather than a confusing shape error.
pub(crate) fn check_version(
    bytes: &[u8],
    document: Document,
) -> Result<SchemaVersion, BundleError> {
    let probe: VersionProbe =
        serde_json::from_slice(bytes).map_err(|source| BundleError::Json {
            document: document.clone(),
            source,
        })?;
    let version =
        SchemaVersion::parse(&probe.schema_version).ok_or_else(|| BundleError::BadVersion {
            document: document.clone(),
            found: probe.schema_version.clone(),
        })?;
    if !CURRENT_VERSION.can_read(version) {
        return Err(BundleError::NewerMajorVersion {
            document,
            found: version,
            supported: CURRENT_VERSION,
        });
    }
    Ok(version)
}

/// Reads the whole document once its version is known to be readable.
pub(crate) fn from_json<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    document: Document,
) -> Result<T, BundleError> {
    serde_json::from_slice(bytes).map_err(|source| BundleError::Json { document, source })
}

/// GSS codes (E06000001), ONS aggregates (K02000001) and similar stable identifiers.
pub fn is_area_code(text: &str) -> bool {
    (1..=20).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Lower-case letters, digits and single inner hyphens: safe in a URL and a file name.
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 80
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !text.starts_with('-')
        && !text.ends_with('-')
        && !text.contains("--")
}

/// A lower-case hexadecimal SHA-256 digest.
pub(crate) fn is_sha256_hex(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// A relative path inside the bundle: `/`-separated, no `..`, no leading `/`, no backslash.
pub(crate) fn is_bundle_path(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with('/')
        && !text.contains('\\')
        && text
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/'))
}

/// Finds the first item that is not strictly greater than the one before it.
pub(crate) fn first_unsorted<T: Ord>(items: &[T]) -> Option<(usize, std::cmp::Ordering)> {
    items
        .windows(2)
        .enumerate()
        .find_map(|(index, pair)| match pair {
            [a, b] if a >= b => Some((index + 1, a.cmp(b))),
            _ => None,
        })
}

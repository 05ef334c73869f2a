//! What can go wrong reading a bundle.

use std::fmt;

use thiserror::Error;

use crate::version::SchemaVersion;

/// Which document of a bundle an error is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Document {
    /// `manifest.json`.
    Manifest,
    /// `areas.json`.
    Areas,
    /// `context.json`.
    Context,
    /// `peer-groups.json`.
    PeerGroups,
    /// A metric's values file.
    MetricValues,
    /// A map file (since 1.3).
    Map,
    /// A part of the catalogue (schema 2.0): the metadata of some measures.
    Catalogue,
}

impl fmt::Display for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Manifest => "manifest.json",
            Self::Areas => "areas.json",
            Self::Context => "context.json",
            Self::PeerGroups => "peer-groups.json",
            Self::MetricValues => "metric values file",
            Self::Map => "map file",
            Self::Catalogue => "catalogue part",
        })
    }
}

/// A bundle document could not be read.
#[derive(Debug, Error)]
pub enum BundleError {
    /// The bytes are not JSON, or not of the shape the schema describes.
    #[error("{document}: not valid bundle JSON: {source}")]
    Json {
        /// The document.
        document: Document,
        /// What serde_json reported (with line and column).
        #[source]
        source: serde_json::Error,
    },
    /// `schema_version` is not `major.minor`.
    #[error(
        "{document}: schema_version {found:?} is not of the form major.minor (such as \"1.0\")"
    )]
    BadVersion {
        /// The document.
        document: Document,
        /// What it said.
        found: String,
    },
    /// The document was written for a newer major version of the format.
    #[error(
        "{document}: bundle schema version {found} is newer than this reader supports ({supported}); \
         update Yardstick to read this bundle"
    )]
    NewerMajorVersion {
        /// The document.
        document: Document,
        /// The version the document declares.
        found: SchemaVersion,
        /// The newest version this reader understands.
        supported: SchemaVersion,
    },
    /// The document parsed but breaks the format's rules; every problem found is listed.
    #[error("{document}: {} problem(s): {}", problems.len(), problems.join("; "))]
    Invalid {
        /// The document.
        document: Document,
        /// One line per problem.
        problems: Vec<String>,
    },
}

/// A period or date could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PeriodError {
    /// Not a `YYYY-MM-DD` date that exists.
    #[error("{0:?} is not a date of the form YYYY-MM-DD")]
    BadDate(String),
    /// Not a period in any format this crate knows.
    #[error("{0:?} is not a period this reader understands")]
    Unrecognised(String),
}

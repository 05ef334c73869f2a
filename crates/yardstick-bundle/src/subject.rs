//! What a metric is about: a council service, or the place a council serves.
//!
//! A leaf: it names nothing else in the crate, so `wire` and the domain modules can both
//! import it without importing each other.

use serde::{Deserialize, Serialize};

/// Whether a metric measures a council service or describes the area (schema 1.2).
///
/// The difference decides what may be said when a council has no figure: a county does not
/// run waste collection (its districts do), but a district's pupils still sit GCSEs, whose
/// figures are published for the county as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    /// A service councils provide (recycling, adult social care, child protection): the
    /// metric's area types are the tiers of council that provide it.
    Service,
    /// A fact about the area and the people in it (earnings, life expectancy, pupils'
    /// results): the metric's area types are the tiers of area its figures are published
    /// for, and a figure is not a verdict on the council alone.
    Area,
}

impl Subject {
    /// The snake_case word used on the wire and in the build configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Service => "service",
            Self::Area => "area",
        }
    }
}

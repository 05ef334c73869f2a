//! The serde shapes of the bundle's JSON documents, field for field.
//!
//! These structs are the format; docs/bundle-format.md and docs/schema/ describe the same
//! shapes for people and for other languages. Nothing outside this crate sees them: parsing
//! turns them into the validated domain types, and encoding turns domain types back.
//! Optional fields are omitted when absent, never written as `null`.

use serde::{Deserialize, Serialize};
use yardstick_stats::{MissingReason, Polarity, Qualifier, Status};

use crate::subject::Subject;
use crate::vocabulary::{Closeness, Transform, ValueType};

/// Just enough of any document to check its version before reading the rest.
#[derive(Deserialize)]
pub(crate) struct VersionProbe {
    pub schema_version: String,
}

/// `manifest.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManifestWire {
    pub schema_version: String,
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub attribution: Vec<String>,
    pub licences: Vec<LicenceWire>,
    pub themes: Vec<ThemeWire>,
    pub area_types: Vec<AreaTypeWire>,
    /// Up to 1.x: every metric's metadata in the manifest itself. Absent since 2.0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metrics: Option<Vec<MetricMetaWire>>,
    /// Since 2.0: the catalogue's index, what the pickers need of every measure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measures: Option<Vec<MeasureWire>>,
    /// Since 2.0: the catalogue's parts, each holding the whole metadata of some measures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalogue: Option<Vec<FileWire>>,
    pub files: Vec<FileWire>,
    /// Since 1.3: the maps the bundle offers (boundaries of the councils of some area types).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub maps: Vec<MapMetaWire>,
    pub content_hash: String,
}

/// Since 1.3: one map of a manifest's `maps`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapMetaWire {
    pub id: String,
    pub title: String,
    pub area_types: Vec<String>,
    pub path: String,
    pub attribution: Vec<String>,
}

/// Since 1.3: a map file, `maps/<id>.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapWire {
    pub schema_version: String,
    pub map: String,
    pub width: u32,
    pub height: u32,
    pub areas: Vec<MapAreaWire>,
}

/// One council's outline in a map file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapAreaWire {
    pub area: String,
    pub path: String,
}

/// Since 2.0: one measure in the manifest's index (`measures`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeasureWire {
    pub id: String,
    pub title: String,
    pub short_title: String,
    pub theme: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub search: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<Subject>,
    pub area_types: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub all_area_types: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub coverage: Vec<String>,
    pub part: u32,
}

/// Since 2.0: `catalogue/<part>.json`, the whole metadata of the measures of one part.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogueWire {
    pub schema_version: String,
    pub metrics: Vec<MetricMetaWire>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LicenceWire {
    pub id: String,
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeWire {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaTypeWire {
    pub id: String,
    pub singular: String,
    pub plural: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricMetaWire {
    pub id: String,
    pub title: String,
    pub short_title: String,
    pub description: String,
    pub theme: String,
    pub value_type: ValueType,
    pub unit: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_per: Option<u32>,
    pub decimal_places: u8,
    pub polarity: PolarityWire,
    pub area_types: Vec<String>,
    pub source: SourceWire,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub caveats: Vec<String>,
    pub periods: Vec<String>,
    pub latest_period: String,
    pub file: FileWire,
    /// Since 1.1: the values of `latest_period` alone, for a first view.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest_file: Option<FileWire>,
    /// Since 1.2: a council service or a fact about the area (a service when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<Subject>,
    /// Since 1.2: every area type the metric applies to, in every nation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub all_area_types: Vec<String>,
    /// Since 1.2: the nations whose councils have at least one figure, sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub coverage: Vec<String>,
    /// Since 1.2: published figures that cover more than one council.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub joint_returns: Vec<JointReturnWire>,
}

/// Since 1.2: one council's published figure that covers others too.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JointReturnWire {
    pub figure_of: String,
    pub covers: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub periods: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceWire {
    pub organisation: String,
    pub title: String,
    pub url: String,
    pub licence: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_update: Option<String>,
    /// Since 1.2: when the data were accessed, where no publication date is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessed: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileWire {
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
}

/// A metric's `polarity` as the manifest spells it. The format's own enum, converted to and
/// from the engine's [`Polarity`], so that a change to the engine's types cannot change what a
/// bundle says or accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PolarityWire {
    HigherIsBetter,
    LowerIsBetter,
    NoJudgement,
}

impl From<PolarityWire> for Polarity {
    fn from(wire: PolarityWire) -> Self {
        match wire {
            PolarityWire::HigherIsBetter => Self::HigherIsBetter,
            PolarityWire::LowerIsBetter => Self::LowerIsBetter,
            PolarityWire::NoJudgement => Self::NoJudgement,
        }
    }
}

impl From<Polarity> for PolarityWire {
    fn from(polarity: Polarity) -> Self {
        match polarity {
            Polarity::HigherIsBetter => Self::HigherIsBetter,
            Polarity::LowerIsBetter => Self::LowerIsBetter,
            Polarity::NoJudgement => Self::NoJudgement,
        }
    }
}

/// A value's `status` as the format spells it: the first four qualify a number, the last three
/// replace it. The format's own enum, converted to and from the engine's [`Status`], so that a
/// change to the engine's types cannot change what a bundle says or accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusWire {
    Provisional,
    Revised,
    Estimated,
    LowReliability,
    Suppressed,
    NotAvailable,
    NotApplicable,
}

impl StatusWire {
    /// The word as the format writes it, for messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Provisional => "provisional",
            Self::Revised => "revised",
            Self::Estimated => "estimated",
            Self::LowReliability => "low_reliability",
            Self::Suppressed => "suppressed",
            Self::NotAvailable => "not_available",
            Self::NotApplicable => "not_applicable",
        }
    }
}

impl From<StatusWire> for Status {
    fn from(wire: StatusWire) -> Self {
        match wire {
            StatusWire::Provisional => Self::Qualified(Qualifier::Provisional),
            StatusWire::Revised => Self::Qualified(Qualifier::Revised),
            StatusWire::Estimated => Self::Qualified(Qualifier::Estimated),
            StatusWire::LowReliability => Self::Qualified(Qualifier::LowReliability),
            StatusWire::Suppressed => Self::Missing(MissingReason::Suppressed),
            StatusWire::NotAvailable => Self::Missing(MissingReason::NotAvailable),
            StatusWire::NotApplicable => Self::Missing(MissingReason::NotApplicable),
        }
    }
}

impl From<Status> for StatusWire {
    fn from(status: Status) -> Self {
        match status {
            Status::Qualified(Qualifier::Provisional) => Self::Provisional,
            Status::Qualified(Qualifier::Revised) => Self::Revised,
            Status::Qualified(Qualifier::Estimated) => Self::Estimated,
            Status::Qualified(Qualifier::LowReliability) => Self::LowReliability,
            Status::Missing(MissingReason::Suppressed) => Self::Suppressed,
            Status::Missing(MissingReason::NotAvailable) => Self::NotAvailable,
            Status::Missing(MissingReason::NotApplicable) => Self::NotApplicable,
        }
    }
}

/// `areas.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreasWire {
    pub schema_version: String,
    pub areas: Vec<AreaWire>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaWire {
    pub code: String,
    pub name: String,
    #[serde(rename = "type")]
    pub area_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub combined_authority: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub predecessors: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub successors: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub former_codes: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<PopulationWire>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PopulationWire {
    pub value: u64,
    pub year: u16,
}

/// `context.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContextWire {
    pub schema_version: String,
    pub variables: Vec<ContextVariableWire>,
    pub rows: Vec<ContextRowWire>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContextVariableWire {
    pub id: String,
    pub title: String,
    pub description: String,
    pub unit: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    pub source: String,
    pub transform: Transform,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContextRowWire {
    pub area: String,
    pub values: Vec<Option<f64>>,
}

/// `peer-groups.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeerGroupsWire {
    pub schema_version: String,
    pub groups: Vec<PeerGroupWire>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeerGroupWire {
    pub id: String,
    pub title: String,
    pub description: String,
    pub source: SourceWire,
    /// Since 1.2: the themes the publisher built the group for (none: general purpose).
    /// Before `members`, which the encoder writes last, one member per line.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub built_for: Vec<String>,
    pub members: Vec<PeerGroupMemberWire>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeerGroupMemberWire {
    pub area: String,
    pub neighbours: Vec<NeighbourWire>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NeighbourWire {
    pub area: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closeness: Option<Closeness>,
}

/// `metrics/<id>.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricValuesWire {
    pub schema_version: String,
    pub metric: String,
    pub values: Vec<ValueWire>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValueWire {
    pub area: String,
    pub period: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lower: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upper: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<StatusWire>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A value's status words are the format's own, and every engine status has one.
    #[test]
    fn status_words_are_the_formats_and_round_trip() {
        for (status, word) in [
            (Status::Qualified(Qualifier::Provisional), "\"provisional\""),
            (Status::Qualified(Qualifier::Revised), "\"revised\""),
            (Status::Qualified(Qualifier::Estimated), "\"estimated\""),
            (
                Status::Qualified(Qualifier::LowReliability),
                "\"low_reliability\"",
            ),
            (Status::Missing(MissingReason::Suppressed), "\"suppressed\""),
            (
                Status::Missing(MissingReason::NotAvailable),
                "\"not_available\"",
            ),
            (
                Status::Missing(MissingReason::NotApplicable),
                "\"not_applicable\"",
            ),
        ] {
            let wire = StatusWire::from(status);
            let written = serde_json::to_string(&wire).ok();
            assert_eq!(written.as_deref(), Some(word));
            assert_eq!(format!("\"{}\"", wire.as_str()), word);
            let read: Option<StatusWire> = serde_json::from_str(word).ok();
            assert_eq!(read.map(Status::from), Some(status));
        }
    }

    /// The manifest's polarity words are the format's own, and every engine polarity has one.
    #[test]
    fn polarity_words_are_the_formats_and_round_trip() {
        for (polarity, word) in [
            (Polarity::HigherIsBetter, "\"higher_is_better\""),
            (Polarity::LowerIsBetter, "\"lower_is_better\""),
            (Polarity::NoJudgement, "\"no_judgement\""),
        ] {
            let written = serde_json::to_string(&PolarityWire::from(polarity)).ok();
            assert_eq!(written.as_deref(), Some(word));
            let read: Option<PolarityWire> = serde_json::from_str(word).ok();
            assert_eq!(read.map(Polarity::from), Some(polarity));
        }
        assert!(serde_json::from_str::<PolarityWire>("\"HigherIsBetter\"").is_err());
    }
}

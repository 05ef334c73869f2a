//! Yardstick's metric bundle format, version 1: serde wire types, the schema version, and
//! parse functions that turn a bundle's JSON documents into validated domain types.
//!
//! A bundle is a folder of static JSON files (see docs/bundle-format.md): `manifest.json`,
//! `areas.json`, `context.json`, `peer-groups.json` and `metrics/<id>.json`. Each `parse_*`
//! function takes the bytes of one document, checks its `schema_version` (a newer major
//! version is refused with a message naming both versions), its shape and its rules, and
//! returns domain types whose codes are [`AreaCode`]s and whose periods are [`Period`]s.
//! Each `encode_*` function writes a domain type back, byte for byte deterministically.
//!
//! The crate does no I/O: the widget hands it fetched bytes and the `yardstick` CLI hands
//! it files.
//!
//! ```
//! use yardstick_bundle::{parse_metric_values, MissingReason, Reading};
//!
//! let bytes = br#"{"schema_version":"1.0","metric":"household-waste-recycling-rate","values":[
//! {"area":"E08000009","period":"2022-04-01/P1Y","value":41.3},
//! {"area":"E08000009","period":"2023-04-01/P1Y","status":"not_available"}
//! ]}"#;
//! let values = parse_metric_values(bytes).unwrap();
//! let [first, second] = values.values() else { panic!() };
//! assert_eq!(first.period.label(), "2022-23");
//! assert_eq!(first.reading.value(), Some(41.3));
//! assert_eq!(second.reading, Reading::Missing(MissingReason::NotAvailable));
//! ```

mod address;
mod areas;
mod catalogue;
mod context;
mod coverage;
mod dataset;
mod date;
mod encode;
mod error;
mod groups;
mod hash;
mod manifest;
mod maps;
mod measure;
mod period;
mod subject;
mod validate;
mod values;
mod version;
mod vocabulary;
mod wire;

pub use address::{AddressProblem, MAX_WEB_ADDRESS_BYTES, WEB_ADDRESS_PATTERN, WebAddress};
pub use areas::{Area, Areas, Population, parse_areas};
pub use catalogue::{SEARCH_WORDS, parse_catalogue, parse_manifest_with_catalogue, search_words};
pub use context::{ContextRow, ContextTable, ContextVariable, parse_context};
pub use coverage::{
    CoverageError, NotCompared, compared_area_types, nations_with_figures, not_compared,
    scope_problems,
};
pub use dataset::{
    ConversionError, DatasetBuilder, area, closeness_label, context_table, dataset_input, metric,
    metric_kind, metric_series, metric_value, period_from_label, period_label, period_span,
    published_groups,
};
pub use date::{Date, digits};
pub use encode::{
    encode_areas, encode_catalogue, encode_context, encode_manifest, encode_map,
    encode_metric_values, encode_peer_groups,
};
pub use error::{BundleError, Document, PeriodError};
pub use groups::{Neighbour, PeerGroup, PeerGroupMember, PeerGroups, parse_peer_groups};
pub use hash::{CONTENT_HASH_PLACEHOLDER, content_hash, sha256_hex};
pub use manifest::{
    AreaType, FileEntry, JointReturn, Licence, Manifest, MetricMeta, Source, Theme, parse_manifest,
};
pub use maps::{MAX_PATH_BYTES, MapArea, MapMeta, MapShapes, is_outline, parse_map};
pub use measure::{MeasureEntry, Scoped};
pub use period::{Period, PeriodKind};
pub use subject::Subject;
pub use validate::{TextLimit, is_area_code, is_slug};
pub use values::{Estimate, MetricValue, MetricValues, Reading, parse_metric_values};
pub use version::{CURRENT_VERSION, SchemaVersion};
pub use vocabulary::{Closeness, Transform, ValueType};
pub use yardstick_stats::{AreaCode, MissingReason, Polarity, Qualifier, Status};

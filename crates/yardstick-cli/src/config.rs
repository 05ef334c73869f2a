//! The build configuration (`bundles/*.toml`): what to read and how to describe it.
//!
//! Paths are relative to the configuration file. Every metric names its reader; metadata the
//! publisher ships (ONS JSON, the DfE data dictionary) fills any field the configuration
//! leaves out, and the configuration wins where it gives one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use serde::Deserialize;
use yardstick_bundle::{Polarity, ValueType, WebAddress};

/// The whole configuration file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// URL-safe bundle id.
    pub id: String,
    /// Bundle title.
    pub title: String,
    /// What the bundle is for.
    #[serde(default)]
    pub description: String,
    /// Where to write the bundle when `--out` is not given.
    pub out: Option<PathBuf>,
    /// Attribution lines, exactly as the sources require them.
    pub attribution: Vec<String>,
    /// Licences metrics refer to.
    pub licences: Vec<LicenceConfig>,
    /// Themes in display order.
    pub themes: Vec<ThemeConfig>,
    /// Area types in display order.
    pub area_types: Vec<AreaTypeConfig>,
    /// Where the areas come from.
    pub areas: AreasConfig,
    /// Metrics in display order.
    #[serde(default)]
    pub metrics: Vec<MetricConfig>,
    /// Context variables for nearest-neighbour groups.
    #[serde(default)]
    pub context: Vec<ContextConfig>,
    /// Published peer groups.
    #[serde(default)]
    pub peer_groups: Vec<PeerGroupConfig>,
    /// Maps: councils' boundaries, simplified into the bundle (`maps/<id>.json`).
    #[serde(default)]
    pub maps: Vec<MapConfig>,
    /// Source files or folders deliberately not used, each with the reason the build report
    /// gives, so that nothing in the sources is left out without a word.
    #[serde(default)]
    pub unused: Vec<UnusedConfig>,
}

/// One map: a layer of a TopoJSON file, for the councils of some area types.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapConfig {
    /// URL-safe id, also the file's name (`maps/<id>.json`).
    pub id: String,
    pub title: String,
    /// The TopoJSON file.
    pub boundaries: PathBuf,
    /// The object (layer) of the file to read.
    pub layer: String,
    /// The property holding each area's GSS code.
    pub code_property: String,
    /// The area types whose councils the map outlines.
    pub area_types: Vec<String>,
    /// Douglas-Peucker tolerance, in metres of the projected plane.
    pub tolerance_m: f64,
    /// The size of one unit of the written paths, in metres.
    pub grid_m: f64,
    /// Lines shown with the map.
    pub attribution: Vec<String>,
}

/// A source the configuration does not use, and why.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnusedConfig {
    /// The file or folder, relative to the configuration; it must exist.
    pub path: PathBuf,
    /// Why it is not used ("published for police force areas only").
    pub reason: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LicenceConfig {
    pub id: String,
    pub title: String,
    pub url: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeConfig {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaTypeConfig {
    pub id: String,
    pub singular: String,
    pub plural: String,
}

/// Area lookups.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreasConfig {
    /// mySociety's UK local authorities CSV.
    pub mysociety: PathBuf,
    /// ONS code changes CSV (`oldcd,oldnm,newcd,newnm,type,start`).
    pub code_changes: Option<PathBuf>,
    /// ONS mid-year population by district (`area_code,area_name,year,population`).
    pub population: Option<PathBuf>,
    /// Give a county the sum of its current districts' populations (exact: counties are
    /// made of districts). Without it, counties keep mySociety's older figure.
    #[serde(default)]
    pub sum_county_population: bool,
    /// Keep only areas of these nations (all when empty).
    #[serde(default)]
    pub nations: Vec<String>,
    /// Areas not in the lookups: England, regions, the UK.
    #[serde(default)]
    pub extra: Vec<ExtraAreaConfig>,
    /// Corrections to the lookups, each with its reason.
    #[serde(default)]
    pub corrections: Vec<AreaCorrection>,
    /// Codes found in sources that are deliberately not areas of the bundle (Great Britain,
    /// metropolitan counties, ...): their rows are counted as skipped with the rule's reason
    /// instead of rejected as unknown areas.
    #[serde(default)]
    pub skip: Vec<SkipAreasConfig>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtraAreaConfig {
    pub code: String,
    pub name: String,
    #[serde(rename = "type")]
    pub area_type: String,
    pub region: Option<String>,
    pub nation: Option<String>,
    /// First day in force (`YYYY-MM-DD`), where known.
    pub start: Option<String>,
}

/// Area codes whose rows are skipped, and why.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkipAreasConfig {
    /// Whole codes (`K03000001`).
    #[serde(default)]
    pub codes: Vec<String>,
    /// Code prefixes: a GSS code's first three characters name its kind of area (`E11`
    /// metropolitan counties, `E13` Inner and Outer London).
    #[serde(default)]
    pub prefixes: Vec<String>,
    /// Shown in the build report as the reason the rows were skipped.
    pub reason: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaCorrection {
    pub code: String,
    /// The parent county's GSS code.
    pub parent: Option<String>,
    /// Why the lookup is wrong.
    pub reason: String,
}

/// One metric.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricConfig {
    pub id: String,
    pub title: Option<String>,
    pub short_title: Option<String>,
    pub description: Option<String>,
    pub theme: String,
    pub value_type: ValueType,
    pub unit: String,
    pub rate_per: Option<u32>,
    pub decimal_places: Option<u8>,
    pub polarity: PolarityConfig,
    /// Why this polarity (kept in the configuration, not shipped).
    #[serde(default)]
    #[allow(
        dead_code,
        reason = "documentation that lives in the configuration file"
    )]
    pub polarity_reason: String,
    pub area_types: Vec<String>,
    #[serde(default)]
    pub caveats: Vec<String>,
    /// Caveats from the publisher's metadata are added unless this is false.
    #[serde(default = "yes")]
    pub publisher_caveats: bool,
    #[serde(default)]
    pub source: SourceConfig,
    pub reader: ReaderConfig,
    /// A council service or a fact about the area. Required: the builder refuses a metric
    /// without it (an `Option` here so that it can name every metric that lacks one).
    pub subject: Option<SubjectConfig>,
    /// Why this subject (kept in the configuration, not shipped); required with `subject`.
    pub subject_reason: Option<String>,
    /// Published figures that cover more than one council, each with its reason.
    #[serde(default)]
    pub joint_returns: Vec<JointReturnConfig>,
}

fn yes() -> bool {
    true
}

/// A metric's polarity as the configuration spells it: the configuration's own words,
/// converted to the engine's [`Polarity`], so that the engine's types decide nothing about
/// what a configuration file may say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PolarityConfig {
    /// `higher_is_better`.
    HigherIsBetter,
    /// `lower_is_better`.
    LowerIsBetter,
    /// `no_judgement`: neither direction is better.
    NoJudgement,
}

impl From<PolarityConfig> for Polarity {
    fn from(polarity: PolarityConfig) -> Self {
        match polarity {
            PolarityConfig::HigherIsBetter => Self::HigherIsBetter,
            PolarityConfig::LowerIsBetter => Self::LowerIsBetter,
            PolarityConfig::NoJudgement => Self::NoJudgement,
        }
    }
}

/// A metric's subject as the configuration spells it, converted to the bundle's
/// [`Subject`](yardstick_bundle::Subject).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubjectConfig {
    /// `service`: a service councils provide; `area_types` are the tiers that provide it.
    Service,
    /// `area`: a fact about the place; `area_types` are the tiers its figures are for.
    Area,
}

impl From<SubjectConfig> for yardstick_bundle::Subject {
    fn from(subject: SubjectConfig) -> Self {
        match subject {
            SubjectConfig::Service => Self::Service,
            SubjectConfig::Area => Self::Area,
        }
    }
}

/// One council's published figure that covers other councils too.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JointReturnConfig {
    /// The GSS code the joint figure is published under.
    pub figure_of: String,
    /// The GSS codes of the other councils it covers.
    pub covers: Vec<String>,
    /// ISO 8601 periods it applies to; every period when empty.
    #[serde(default)]
    pub periods: Vec<String>,
    /// Where the source says so (kept in the configuration, not shipped); required.
    pub reason: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceConfig {
    pub organisation: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub licence: Option<String>,
    pub published: Option<String>,
    pub next_update: Option<String>,
    /// The date the data were accessed, for a source that gives no publication date (never
    /// give an access date as `published`).
    pub accessed: Option<String>,
}

/// How to read a metric's values.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "format", rename_all = "kebab-case", deny_unknown_fields)]
pub enum ReaderConfig {
    /// ONS Explore Local Statistics: `<dir>/<slug>.csv` and `<dir>/<slug>.json`.
    OnsEls {
        dir: PathBuf,
        /// Keep only rows whose `indicator` column is this (Male/Female healthy life expectancy).
        indicator: Option<String>,
        /// Keep only rows whose `measure` column is this (for multi-measure datasets).
        measure: Option<String>,
        /// Keep only these `geography` values (a default list of UK local geographies otherwise).
        geographies: Option<Vec<String>>,
        /// What a blank observation with no status means in this file; rejected when not
        /// given. Say why in `blank_reason`.
        blank: Option<MissingStatusConfig>,
        /// Why a blank observation means `blank` here (kept in the configuration).
        blank_reason: Option<String>,
    },
    /// DfE LAIT long file, one measure by its `Short Desc`.
    Lait {
        file: PathBuf,
        dictionary: PathBuf,
        la_lookup: PathBuf,
        measure: String,
        /// Override the dictionary's `Year_Type`.
        year_type: Option<YearTypeConfig>,
        /// DfE LA numbers of aggregates, mapped to GSS codes (970 England, 980.. regions).
        #[serde(default)]
        la_numbers: BTreeMap<String, String>,
        /// LA numbers with no area in this bundle, skipped (Inner and Outer London).
        #[serde(default)]
        skip_la_numbers: Vec<String>,
    },
    /// Oflog's republication of DEFRA waste statistics, one `Measure`.
    OflogWaste { file: PathBuf, measure: String },
    /// Oflog's republication of ASCOF, one metric by `Code` (ASC1 to ASC7).
    OflogAdultSocialCare { file: PathBuf, code: String },
    /// Any tidy CSV: one row per area and period.
    TidyCsv(TidyCsvConfig),
}

/// Column mapping for a tidy CSV.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TidyCsvConfig {
    pub file: PathBuf,
    pub area_column: String,
    /// The column holding the period; or give `period` for a file of one period.
    pub period_column: Option<String>,
    /// The one period of every row (ISO 8601 or a label).
    pub period: Option<String>,
    #[serde(default)]
    pub year_type: Option<YearTypeConfig>,
    pub value_column: String,
    pub lower_column: Option<String>,
    pub upper_column: Option<String>,
    pub numerator_column: Option<String>,
    pub denominator_column: Option<String>,
    pub status_column: Option<String>,
    pub note_column: Option<String>,
    /// Keep only rows where each column equals the value.
    #[serde(default)]
    pub filter: BTreeMap<String, String>,
    /// Text in the value column that means a missing value, with its status.
    #[serde(default)]
    pub missing: BTreeMap<String, MissingStatusConfig>,
    /// Text in the status column and the status it means.
    #[serde(default)]
    pub statuses: BTreeMap<String, StatusConfig>,
    /// What a blank value with no status means; rejected when not given.
    pub blank: Option<MissingStatusConfig>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingStatusConfig {
    Suppressed,
    NotAvailable,
    NotApplicable,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusConfig {
    Provisional,
    Revised,
    Estimated,
    LowReliability,
    Suppressed,
    NotAvailable,
    NotApplicable,
    /// The status text is kept as a note on an otherwise plain value.
    Note,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum YearTypeConfig {
    Calendar,
    Financial,
    Academic,
    /// 31 March each year.
    SnapshotMarch,
    /// 30 September each year.
    SnapshotSeptember,
    /// January each year.
    January,
}

/// One context variable (serde cannot deny unknown fields beside a flattened enum).
#[derive(Debug, Deserialize)]
pub struct ContextConfig {
    pub id: String,
    pub title: String,
    pub description: String,
    pub unit: String,
    pub source: String,
    pub period: Option<String>,
    #[serde(default)]
    pub log: bool,
    #[serde(flatten)]
    pub from: ContextFrom,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "from", rename_all = "kebab-case")]
pub enum ContextFrom {
    /// Each area's population from the area lookups.
    Population,
    /// Each area's population from the area lookups over its size in square kilometres
    /// (mySociety's `area`).
    PopulationDensity,
    /// A column of a CSV keyed by GSS code or mySociety's three-letter code.
    Csv {
        file: PathBuf,
        key_column: String,
        #[serde(default)]
        key: KeyKind,
        value_column: String,
        /// Give counties the population-weighted mean of their districts' values.
        #[serde(default)]
        counties_by_weighted_mean: bool,
    },
    /// A metric of this bundle, at its latest period.
    Metric { metric: String },
}

#[derive(Debug, Default, Clone, Copy, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeyKind {
    #[default]
    Gss,
    Mysociety,
}

/// One published peer group.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeerGroupConfig {
    pub id: String,
    pub title: String,
    pub description: String,
    pub format: PeerGroupFormat,
    pub file: PathBuf,
    pub source: SourceConfig,
    /// Ids of the themes the publisher built the group for (DfE's statistical neighbours:
    /// children's services); omit for a general-purpose group (ONS similar areas).
    #[serde(default)]
    pub built_for: Vec<String>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PeerGroupFormat {
    /// DfE statistical neighbours (`la_gss,rank,neighbour_gss,closeness`).
    DfeStatisticalNeighbours,
    /// ONS similar areas (`AREACD,1,2,...,20`).
    OnsSimilarAreas,
}

impl Config {
    /// Every configured address that is not a [`WebAddress`], with its field named.
    fn bad_addresses(&self) -> Vec<String> {
        let licences = self
            .licences
            .iter()
            .map(|l| (format!("licences.{}.url", l.id), Some(&l.url)));
        let metrics = self.metrics.iter().map(|m| {
            (
                format!("metrics.{}.source.url", m.id),
                m.source.url.as_ref(),
            )
        });
        let groups = self.peer_groups.iter().map(|g| {
            (
                format!("peer_groups.{}.source.url", g.id),
                g.source.url.as_ref(),
            )
        });
        licences
            .chain(metrics)
            .chain(groups)
            .filter_map(|(field, url)| {
                let url = url?;
                let problem = WebAddress::parse(url).err()?;
                Some(format!("{field}: {url:?} {problem}"))
            })
            .collect()
    }
}

/// Reads a configuration file and makes its paths absolute against the file's folder.
pub fn load(path: &Path) -> Result<(Config, PathBuf)> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read configuration {}", path.display()))?;
    let config: Config = toml::from_str(&text)
        .with_context(|| format!("{} is not a valid configuration", path.display()))?;
    let bad = config.bad_addresses();
    if !bad.is_empty() {
        bail!(
            "{}: {} address(es) that cannot become links:\n  {}",
            path.display(),
            bad.len(),
            bad.join("\n  ")
        );
    }
    let base = path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    Ok((config, base))
}

/// An address from the configuration or a publisher's metadata, which may become a link, or an
/// error naming where it came from.
pub(crate) fn web_address(text: &str, at: &str) -> Result<WebAddress> {
    WebAddress::parse(text).map_err(|problem| anyhow!("{at}: url {text:?} {problem}"))
}

//! `manifest.json`: what a bundle holds, with every metric's metadata.

use std::collections::BTreeSet;
use yardstick_stats::{set_of, sort_with};

use yardstick_stats::{AreaCode, Polarity};

use crate::address::WebAddress;
use crate::date::Date;
use crate::error::{BundleError, Document};
use crate::maps::{MapMeta, map_meta_to_wire, maps_from_wire};
use crate::measure::{MeasureEntry, measure_from_wire, measure_to_wire};
use crate::period::Period;
use crate::subject::Subject;
use crate::validate::{
    Problems, TextLimit, check_version, first_unsorted, from_json, is_bundle_path, is_sha256_hex,
};
use crate::version::SchemaVersion;
use crate::vocabulary::ValueType;
use crate::wire::{
    AreaTypeWire, CatalogueWire, FileWire, JointReturnWire, LicenceWire, ManifestWire,
    MetricMetaWire, SourceWire, ThemeWire,
};

/// A bundle's manifest: everything the widget needs before it fetches any values.
#[derive(Debug, Clone, PartialEq)]
pub struct Manifest {
    /// The version the document declares.
    pub schema_version: SchemaVersion,
    /// A URL-safe id for the bundle (`demo`).
    pub id: String,
    /// The bundle's title.
    pub title: String,
    /// What the bundle is for; may be empty.
    pub description: String,
    /// Attribution lines that must be shown with any use of the data, in order.
    pub attribution: Vec<String>,
    /// The licences the metrics refer to by id.
    pub licences: Vec<Licence>,
    /// Themes, in display order.
    pub themes: Vec<Theme>,
    /// Area types used by `areas.json`, in display order.
    pub area_types: Vec<AreaType>,
    /// The metrics whose whole metadata is in, in display order: every metric of a 1.x
    /// manifest; in a 2.0 bundle, those of the catalogue parts added so far
    /// ([`Manifest::add_part`]).
    pub metrics: Vec<MetricMeta>,
    /// Every measure as the index lists it, in display order (schema 2.0's `measures`; for a
    /// 1.x manifest, derived from its metrics).
    pub measures: Vec<MeasureEntry>,
    /// The catalogue's parts (schema 2.0), in order; empty for a 1.x manifest.
    pub catalogue: Vec<FileEntry>,
    /// Every file other than the manifest, the catalogue parts and the metric files, sorted
    /// by path.
    pub files: Vec<FileEntry>,
    /// The maps the bundle offers (since 1.3; empty in older bundles), each a file of
    /// `files`.
    pub maps: Vec<MapMeta>,
    /// `sha256:` and 64 hex digits, pinning the bundle's content (see [`crate::content_hash`]).
    pub content_hash: String,
}

/// A licence the data is published under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Licence {
    /// Short id used by metrics (`OGL-UK-3.0`).
    pub id: String,
    /// Full title.
    pub title: String,
    /// Where to read it.
    pub url: WebAddress,
}

/// A group of metrics shown together (waste, adult social care, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// URL-safe id.
    pub id: String,
    /// Title for display.
    pub title: String,
}

/// A kind of area, such as mySociety's `UA` (unitary authority).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaType {
    /// The id used in `areas.json` (`NMD`, `UA`, `MD`, `LBO`, `CTY`, ...).
    pub id: String,
    /// "unitary authority".
    pub singular: String,
    /// "unitary authorities".
    pub plural: String,
}

/// Where a metric's data come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The publisher ("Office for National Statistics").
    pub organisation: String,
    /// The publication's title.
    pub title: String,
    /// Where the publication is.
    pub url: WebAddress,
    /// The id of an entry in [`Manifest::licences`].
    pub licence: String,
    /// When the data were published or last updated, where known.
    pub published: Option<Date>,
    /// When the next update is expected, where known.
    pub next_update: Option<Date>,
    /// When the data were accessed (downloaded from the publisher or a republisher), where
    /// no publication date is known: never a publication date (schema 1.2).
    pub accessed: Option<Date>,
}

/// A file in the bundle, with the size and digest a reader can verify.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FileEntry {
    /// Relative path with `/` separators.
    pub path: String,
    /// Size in bytes.
    pub bytes: u64,
    /// Lower-case hex SHA-256 of the file's bytes.
    pub sha256: String,
}

/// Everything about one metric except its values.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricMeta {
    /// URL-safe id, also the values file's name.
    pub id: String,
    /// Full title.
    pub title: String,
    /// Title short enough for a chart axis or a menu.
    pub short_title: String,
    /// What the metric measures, in plain English.
    pub description: String,
    /// The id of an entry in [`Manifest::themes`].
    pub theme: String,
    /// What kind of number the values are.
    pub value_type: ValueType,
    /// The unit as a reader should see it ("%", "per 100,000 population", "kg per household").
    pub unit: String,
    /// For rates: per how many.
    pub rate_per: Option<u32>,
    /// Decimal places to show.
    pub decimal_places: u8,
    /// Which direction is better, if either.
    pub polarity: Polarity,
    /// The area types responsible for the service this metric measures.
    pub area_types: Vec<String>,
    /// Where the data come from.
    pub source: Source,
    /// Plain-text caveats that must travel with the metric.
    pub caveats: Vec<String>,
    /// Every period with at least one value, sorted.
    pub periods: Vec<Period>,
    /// The latest period (the last of `periods`).
    pub latest_period: Period,
    /// The values file: every period.
    pub file: FileEntry,
    /// A values file holding only `latest_period`'s values, exactly as `file` holds them, so
    /// that a first view need not download the whole history (schema 1.1; absent in older
    /// bundles and for metrics of one period).
    pub latest_file: Option<FileEntry>,
    /// A council service or a fact about the area (schema 1.2; `None` in older bundles, read
    /// as a service: see [`MetricMeta::subject`]).
    pub subject: Option<Subject>,
    /// Every area type the metric applies to, in every nation, sorted as the configuration
    /// lists them: for a service the tiers that provide it (Welsh principal areas and
    /// Scottish councils collect waste too), for an area the tiers its figures are published
    /// for. `area_types` is the part of it whose councils lie in `coverage` (schema 1.2; empty
    /// in older bundles: see [`MetricMeta::all_area_types`]).
    pub all_area_types: Vec<String>,
    /// The nations (as areas' `nation` names them) whose councils have at least one figure
    /// in this bundle, sorted; derived by the builder from the values, never configured
    /// (schema 1.2; empty in older bundles, where nothing is known about coverage).
    pub coverage: Vec<String>,
    /// Figures published for one council that cover others too (Mid Suffolk's waste figures
    /// cover Babergh), sorted by `figure_of` (schema 1.2).
    pub joint_returns: Vec<JointReturn>,
}

/// One council's published figure that covers other councils too: a joint return.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JointReturn {
    /// The council under whose code the joint figure is published.
    pub figure_of: AreaCode,
    /// The other councils the figure covers, sorted; their own rows have no figure.
    pub covers: Vec<AreaCode>,
    /// The periods the joint return applies to, sorted; empty for every period.
    pub periods: Vec<Period>,
}

impl JointReturn {
    /// Whether this joint return applies in `period`.
    pub fn applies_in(&self, period: Period) -> bool {
        self.periods.is_empty() || self.periods.contains(&period)
    }

    /// Whether `area` reports through this joint return (as the council whose figure it is,
    /// or as one it covers).
    pub fn involves(&self, area: &AreaCode) -> bool {
        &self.figure_of == area || self.covers.contains(area)
    }
}

impl MetricMeta {
    /// The smallest file that holds every value of `period`: `latest_file` for the latest
    /// period when there is one, `file` otherwise.
    pub fn file_for_period(&self, period: Period) -> &FileEntry {
        match &self.latest_file {
            Some(latest) if period == self.latest_period => latest,
            _ => &self.file,
        }
    }

    /// What the metric is about. Bundles before 1.2 say nothing, and every metric they
    /// carried measured a council service, so an absent subject reads as a service.
    pub fn subject(&self) -> Subject {
        self.subject.unwrap_or(Subject::Service)
    }

    /// Every area type the metric applies to in any nation: `all_area_types`, or
    /// `area_types` in a bundle that does not give it.
    pub fn all_area_types(&self) -> &[String] {
        if self.all_area_types.is_empty() {
            &self.area_types
        } else {
            &self.all_area_types
        }
    }

    /// Whether councils of `nation` have figures in this bundle: true for every nation when
    /// the bundle does not say (before 1.2).
    pub fn covers_nation(&self, nation: Option<&str>) -> bool {
        self.coverage.is_empty()
            || nation.is_some_and(|nation| self.coverage.iter().any(|c| c == nation))
    }

    /// The joint return through which `area` reports in `period`, if any: the row of the
    /// council whose figure covers others, and the rows of the councils it covers, are each
    /// marked by it.
    pub fn joint_return(&self, area: &AreaCode, period: Period) -> Option<&JointReturn> {
        self.joint_returns
            .iter()
            .find(|joint| joint.involves(area) && joint.applies_in(period))
    }
}

impl MeasureEntry {
    /// The entry a 1.x manifest implies for a metric it holds: the whole description is its
    /// search text.
    pub fn of_metric(meta: &MetricMeta) -> Self {
        Self {
            id: meta.id.clone(),
            title: meta.title.clone(),
            short_title: meta.short_title.clone(),
            theme: meta.theme.clone(),
            search: meta.description.clone(),
            subject: meta.subject,
            area_types: meta.area_types.clone(),
            all_area_types: meta.all_area_types.clone(),
            coverage: meta.coverage.clone(),
            part: None,
        }
    }
}

impl Manifest {
    /// The metric with this id.
    pub fn metric(&self, id: &str) -> Option<&MetricMeta> {
        self.metrics.iter().find(|metric| metric.id == id)
    }

    /// The theme with this id.
    pub fn theme(&self, id: &str) -> Option<&Theme> {
        self.themes.iter().find(|theme| theme.id == id)
    }

    /// The area type with this id.
    pub fn area_type(&self, id: &str) -> Option<&AreaType> {
        self.area_types.iter().find(|area_type| area_type.id == id)
    }

    /// The licence with this id.
    pub fn licence(&self, id: &str) -> Option<&Licence> {
        self.licences.iter().find(|licence| licence.id == id)
    }

    /// Every file the manifest lists (other files, catalogue parts, and the metric files and
    /// latest-period files of the metrics whose metadata is in), sorted by path.
    pub fn all_files(&self) -> Vec<&FileEntry> {
        let mut files: Vec<&FileEntry> = self
            .files
            .iter()
            .chain(&self.catalogue)
            .chain(
                self.metrics
                    .iter()
                    .flat_map(|metric| std::iter::once(&metric.file).chain(&metric.latest_file)),
            )
            .collect();
        sort_with(&mut files, |a, b| a.path.cmp(&b.path));
        files
    }
}

/// Reads and validates `manifest.json`.
///
/// Checks the version first, then the shape, then every rule: unique URL-safe ids, themes,
/// area types and licences that metrics refer to, sorted periods with the latest last, file
/// paths inside the bundle, well-formed digests.
pub fn parse_manifest(bytes: &[u8]) -> Result<Manifest, BundleError> {
    let schema_version = check_version(bytes, Document::Manifest)?;
    let wire: ManifestWire = from_json(bytes, Document::Manifest)?;
    let mut problems = Problems::default();
    let (metric_wires, measure_wires, catalogue_wires) = match (
        schema_version.major,
        &wire.metrics,
        &wire.measures,
        &wire.catalogue,
    ) {
        (1, Some(metrics), None, None) => (metrics.as_slice(), &[][..], &[][..]),
        (2.., None, Some(measures), Some(catalogue)) => {
            (&[][..], measures.as_slice(), catalogue.as_slice())
        }
        (1, ..) => {
            problems.push("a 1.x manifest holds `metrics`, and no `measures` or `catalogue`");
            (&[][..], &[][..], &[][..])
        }
        _ => {
            problems.push("a 2.x manifest holds `measures` and `catalogue`, and no `metrics`");
            (&[][..], &[][..], &[][..])
        }
    };
    problems.slug("id", &wire.id);
    problems.not_blank("title", &wire.title);
    problems.text("", "title", &wire.title, TextLimit::Title);
    problems.text("", "description", &wire.description, TextLimit::Prose);
    if wire.attribution.is_empty() {
        problems.push("attribution lists no lines");
    }
    for line in &wire.attribution {
        problems.text("", "attribution line", line, TextLimit::Prose);
    }
    unique_ids(
        &mut problems,
        "licence",
        wire.licences.iter().map(|l| l.id.as_str()),
    );
    unique_ids(
        &mut problems,
        "theme",
        wire.themes.iter().map(|t| t.id.as_str()),
    );
    unique_ids(
        &mut problems,
        "area type",
        wire.area_types.iter().map(|t| t.id.as_str()),
    );
    unique_ids(
        &mut problems,
        "metric",
        metric_wires
            .iter()
            .map(|m| m.id.as_str())
            .chain(measure_wires.iter().map(|m| m.id.as_str())),
    );
    for theme in &wire.themes {
        problems.slug("theme id", &theme.id);
        problems.text(
            &format!("theme {:?}", theme.id),
            "title",
            &theme.title,
            TextLimit::Title,
        );
    }
    for area_type in &wire.area_types {
        let at = format!("area type {:?}", area_type.id);
        problems.text(&at, "id", &area_type.id, TextLimit::Name);
        problems.text(&at, "singular", &area_type.singular, TextLimit::Name);
        problems.text(&at, "plural", &area_type.plural, TextLimit::Name);
    }
    let licences: Vec<Licence> = wire
        .licences
        .iter()
        .filter_map(|l| {
            let at = format!("licence {:?}", l.id);
            problems.text(&at, "id", &l.id, TextLimit::Name);
            problems.text(&at, "title", &l.title, TextLimit::Title);
            Some(Licence {
                id: l.id.clone(),
                title: l.title.clone(),
                url: problems.web_address(&at, "url", &l.url)?,
            })
        })
        .collect();
    let context = References {
        themes: set_of(wire.themes.iter().map(|t| t.id.as_str())),
        area_types: set_of(wire.area_types.iter().map(|t| t.id.as_str())),
        licences: set_of(wire.licences.iter().map(|l| l.id.as_str())),
    };
    let metrics: Vec<MetricMeta> = metric_wires
        .iter()
        .filter_map(|metric| metric_from_wire(&mut problems, &context, metric))
        .collect();
    let catalogue: Vec<FileEntry> = catalogue_wires
        .iter()
        .map(|file| file_from_wire(&mut problems, file))
        .collect();
    let measures: Vec<MeasureEntry> = if schema_version.major == 1 {
        metrics.iter().map(MeasureEntry::of_metric).collect()
    } else {
        measure_wires
            .iter()
            .map(|m| {
                let entry = measure_from_wire(&mut problems, m, catalogue.len());
                check_measure_references(&mut problems, &context, &entry);
                entry
            })
            .collect()
    };
    for (index, _) in catalogue.iter().enumerate() {
        if !measures.iter().any(|m| m.part == Some(index)) {
            problems.push(format!("catalogue part {index} holds no measure"));
        }
    }
    let files: Vec<FileEntry> = wire
        .files
        .iter()
        .map(|file| file_from_wire(&mut problems, file))
        .collect();
    if let Some((index, _)) = first_unsorted(&files.iter().map(|f| &f.path).collect::<Vec<_>>()) {
        problems.push(format!(
            "files are not sorted by path without repeats (at {:?})",
            files.get(index).map(|f| f.path.as_str()).unwrap_or("")
        ));
    }
    let mut paths = BTreeSet::new();
    for path in files.iter().chain(&catalogue).map(|f| &f.path).chain(
        metrics
            .iter()
            .flat_map(|m| std::iter::once(&m.file).chain(&m.latest_file))
            .map(|f| &f.path),
    ) {
        if path == "manifest.json" || !paths.insert(path) {
            problems.push(format!(
                "file {path:?} is listed twice or names the manifest"
            ));
        }
    }
    let maps = maps_from_wire(
        &mut problems,
        &wire.maps,
        &context.area_types,
        &files.iter().map(|f| f.path.as_str()).collect(),
    );
    let hash_ok = wire
        .content_hash
        .strip_prefix("sha256:")
        .is_some_and(is_sha256_hex);
    if !hash_ok {
        problems.push(format!(
            "content_hash {:?} is not \"sha256:\" and 64 lower-case hex digits",
            wire.content_hash
        ));
    }
    problems.finish(Document::Manifest)?;
    Ok(Manifest {
        schema_version,
        id: wire.id,
        title: wire.title,
        description: wire.description,
        attribution: wire.attribution,
        licences,
        themes: wire
            .themes
            .into_iter()
            .map(|t| Theme {
                id: t.id,
                title: t.title,
            })
            .collect(),
        area_types: wire
            .area_types
            .into_iter()
            .map(|t| AreaType {
                id: t.id,
                singular: t.singular,
                plural: t.plural,
            })
            .collect(),
        metrics,
        measures,
        catalogue,
        files,
        maps,
        content_hash: wire.content_hash,
    })
}

/// An index entry's theme and area types are declared in the manifest.
fn check_measure_references(
    problems: &mut Problems,
    references: &References<'_>,
    entry: &MeasureEntry,
) {
    let at = format!("measure {:?}", entry.id);
    if !references.themes.contains(entry.theme.as_str()) {
        problems.push(format!("{at}: theme {:?} is not in themes", entry.theme));
    }
    for area_type in entry.area_types.iter().chain(&entry.all_area_types) {
        if !references.area_types.contains(area_type.as_str()) {
            problems.push(format!(
                "{at}: area type {area_type:?} is not in area_types"
            ));
        }
    }
}

/// A catalogue part's metric, checked against the themes, area types and licences of
/// `manifest` as a 1.x manifest's own metrics are.
pub(crate) fn metric_from_wire_checked(
    problems: &mut Problems,
    manifest: &Manifest,
    wire: &MetricMetaWire,
) -> Option<MetricMeta> {
    let references = References {
        themes: set_of(manifest.themes.iter().map(|t| t.id.as_str())),
        area_types: set_of(manifest.area_types.iter().map(|t| t.id.as_str())),
        licences: set_of(manifest.licences.iter().map(|l| l.id.as_str())),
    };
    metric_from_wire(problems, &references, wire)
}

struct References<'a> {
    themes: BTreeSet<&'a str>,
    area_types: BTreeSet<&'a str>,
    licences: BTreeSet<&'a str>,
}

fn unique_ids<'a>(problems: &mut Problems, what: &str, ids: impl Iterator<Item = &'a str>) {
    let mut seen = BTreeSet::new();
    for id in ids {
        if !seen.insert(id) {
            problems.push(format!("{what} id {id:?} appears more than once"));
        }
    }
}

fn metric_from_wire(
    problems: &mut Problems,
    references: &References<'_>,
    wire: &MetricMetaWire,
) -> Option<MetricMeta> {
    let at = format!("metric {:?}", wire.id);
    problems.slug(&at, &wire.id);
    problems.not_blank(&format!("{at} title"), &wire.title);
    problems.not_blank(&format!("{at} short_title"), &wire.short_title);
    problems.text(&at, "title", &wire.title, TextLimit::Title);
    problems.text(&at, "short_title", &wire.short_title, TextLimit::Title);
    problems.text(&at, "description", &wire.description, TextLimit::Prose);
    problems.text(&at, "unit", &wire.unit, TextLimit::Name);
    for caveat in &wire.caveats {
        problems.text(&at, "caveat", caveat, TextLimit::Prose);
    }
    if !references.themes.contains(wire.theme.as_str()) {
        problems.push(format!("{at}: theme {:?} is not in themes", wire.theme));
    }
    for area_type in &wire.area_types {
        if !references.area_types.contains(area_type.as_str()) {
            problems.push(format!(
                "{at}: area type {area_type:?} is not in area_types"
            ));
        }
    }
    if wire.area_types.is_empty() {
        problems.push(format!("{at}: area_types is empty"));
    }
    check_scope(problems, references, &at, wire);
    if !references.licences.contains(wire.source.licence.as_str()) {
        problems.push(format!(
            "{at}: licence {:?} is not in licences",
            wire.source.licence
        ));
    }
    match (wire.value_type, wire.rate_per) {
        (ValueType::Rate, None | Some(0)) => {
            problems.push(format!("{at}: a rate needs rate_per (such as 100000)"));
        }
        (ValueType::Rate, Some(_)) | (_, None) => {}
        (_, Some(_)) => problems.push(format!("{at}: rate_per is only for rates")),
    }
    if wire.decimal_places > 10 {
        problems.push(format!("{at}: decimal_places is more than 10"));
    }
    let periods: Vec<Period> = wire
        .periods
        .iter()
        .filter_map(|text| problems.period(&format!("{at} periods"), text))
        .collect();
    if periods.len() == wire.periods.len()
        && let Some((index, _)) = first_unsorted(&periods)
    {
        problems.push(format!(
            "{at}: periods are not sorted without repeats (at {:?})",
            wire.periods.get(index).map(String::as_str).unwrap_or("")
        ));
    }
    let latest = problems.period(&format!("{at} latest_period"), &wire.latest_period);
    if let Some(latest) = latest
        && periods.last() != Some(&latest)
    {
        problems.push(format!("{at}: latest_period is not the last of periods"));
    }
    let file = file_from_wire(problems, &wire.file);
    let latest_file = wire
        .latest_file
        .as_ref()
        .map(|latest| file_from_wire(problems, latest));
    let source = source_from_wire(problems, &at, &wire.source);
    let joint_returns = wire
        .joint_returns
        .iter()
        .map(|joint| joint_return_from_wire(problems, &at, joint, &periods))
        .collect::<Vec<_>>();
    check_joint_returns(problems, &at, &joint_returns);
    Some(MetricMeta {
        id: wire.id.clone(),
        title: wire.title.clone(),
        short_title: wire.short_title.clone(),
        description: wire.description.clone(),
        theme: wire.theme.clone(),
        value_type: wire.value_type,
        unit: wire.unit.clone(),
        rate_per: wire.rate_per,
        decimal_places: wire.decimal_places,
        polarity: wire.polarity.into(),
        area_types: wire.area_types.clone(),
        source: source?,
        caveats: wire.caveats.clone(),
        // An unreadable latest period was reported above, and the document is rejected.
        latest_period: latest?,
        periods,
        file,
        latest_file,
        subject: wire.subject,
        all_area_types: wire.all_area_types.clone(),
        coverage: wire.coverage.clone(),
        joint_returns,
    })
}

/// Schema 1.2's scope fields: every type in `all_area_types` is declared and includes
/// `area_types`; `coverage` names nations once each, sorted.
fn check_scope(
    problems: &mut Problems,
    references: &References<'_>,
    at: &str,
    wire: &MetricMetaWire,
) {
    if !wire.all_area_types.is_empty() {
        for area_type in &wire.all_area_types {
            if !references.area_types.contains(area_type.as_str()) {
                problems.push(format!(
                    "{at}: all_area_types names {area_type:?}, which is not in area_types"
                ));
            }
        }
        for area_type in &wire.area_types {
            if !wire.all_area_types.contains(area_type) {
                problems.push(format!(
                    "{at}: area type {area_type:?} is compared but not in all_area_types"
                ));
            }
        }
        unique_ids(
            problems,
            &format!("{at}: all_area_types"),
            wire.all_area_types.iter().map(String::as_str),
        );
    }
    for nation in &wire.coverage {
        problems.not_blank(&format!("{at} coverage"), nation);
        problems.text(at, "coverage nation", nation, TextLimit::Name);
    }
    if let Some((index, _)) = first_unsorted(&wire.coverage) {
        problems.push(format!(
            "{at}: coverage is not sorted without repeats (at {:?})",
            wire.coverage.get(index).map(String::as_str).unwrap_or("")
        ));
    }
}

fn joint_return_from_wire(
    problems: &mut Problems,
    at: &str,
    wire: &JointReturnWire,
    metric_periods: &[Period],
) -> JointReturn {
    let at = format!("{at} joint return of {:?}", wire.figure_of);
    let figure_of = problems.area_code(&at, &wire.figure_of);
    let covers: Vec<AreaCode> = wire
        .covers
        .iter()
        .map(|code| problems.area_code(&at, code))
        .collect();
    if covers.is_empty() {
        problems.push(format!("{at}: covers no other council"));
    }
    if covers.contains(&figure_of) {
        problems.push(format!("{at}: covers the council whose figure it is"));
    }
    if let Some((index, _)) = first_unsorted(&covers) {
        problems.push(format!(
            "{at}: covers is not sorted without repeats (at {:?})",
            wire.covers.get(index).map(String::as_str).unwrap_or("")
        ));
    }
    let periods: Vec<Period> = wire
        .periods
        .iter()
        .filter_map(|text| problems.period(&format!("{at} periods"), text))
        .collect();
    if let Some((index, _)) = first_unsorted(&periods) {
        problems.push(format!(
            "{at}: periods are not sorted without repeats (at {:?})",
            wire.periods.get(index).map(String::as_str).unwrap_or("")
        ));
    }
    for period in &periods {
        if !metric_periods.contains(period) {
            problems.push(format!("{at}: period {period} is not one of the metric's"));
        }
    }
    JointReturn {
        figure_of,
        covers,
        periods,
    }
}

/// Joint returns are sorted by the council whose figure they are, and no council reports
/// through two of them in the same period, so that each row has one reading.
fn check_joint_returns(problems: &mut Problems, at: &str, joints: &[JointReturn]) {
    let owners: Vec<&AreaCode> = joints.iter().map(|j| &j.figure_of).collect();
    if let Some((index, _)) = first_unsorted(&owners) {
        problems.push(format!(
            "{at}: joint_returns are not sorted by figure_of without repeats (at {})",
            owners.get(index).map(|c| c.as_str()).unwrap_or("")
        ));
    }
    for (index, joint) in joints.iter().enumerate() {
        for other in joints.iter().skip(index + 1) {
            let overlap_in_time = joint.periods.is_empty()
                || other.periods.is_empty()
                || joint.periods.iter().any(|p| other.periods.contains(p));
            let shared = std::iter::once(&joint.figure_of)
                .chain(&joint.covers)
                .find(|code| other.involves(code));
            if let (true, Some(code)) = (overlap_in_time, shared) {
                problems.push(format!(
                    "{at}: {code} reports through two joint returns in the same period"
                ));
            }
        }
    }
}

/// A source, or `None` when its address is not a web address (the problem is recorded and the
/// document will be rejected).
pub(crate) fn source_from_wire(
    problems: &mut Problems,
    at: &str,
    wire: &SourceWire,
) -> Option<Source> {
    problems.not_blank(&format!("{at} source organisation"), &wire.organisation);
    problems.text(
        at,
        "source organisation",
        &wire.organisation,
        TextLimit::Name,
    );
    problems.text(at, "source title", &wire.title, TextLimit::Title);
    problems.text(at, "source licence", &wire.licence, TextLimit::Name);
    let published = problems.optional_date(&format!("{at} published"), wire.published.as_deref());
    let next_update =
        problems.optional_date(&format!("{at} next_update"), wire.next_update.as_deref());
    let accessed = problems.optional_date(&format!("{at} accessed"), wire.accessed.as_deref());
    Some(Source {
        organisation: wire.organisation.clone(),
        title: wire.title.clone(),
        url: problems.web_address(at, "source url", &wire.url)?,
        licence: wire.licence.clone(),
        published,
        next_update,
        accessed,
    })
}

fn file_from_wire(problems: &mut Problems, wire: &FileWire) -> FileEntry {
    if !is_bundle_path(&wire.path) {
        problems.push(format!(
            "file path {:?} is not a relative path inside the bundle",
            wire.path
        ));
    }
    if !is_sha256_hex(&wire.sha256) {
        problems.push(format!(
            "file {:?}: sha256 is not 64 lower-case hex digits",
            wire.path
        ));
    }
    FileEntry {
        path: wire.path.clone(),
        bytes: wire.bytes,
        sha256: wire.sha256.clone(),
    }
}

pub(crate) fn source_to_wire(source: &Source) -> SourceWire {
    SourceWire {
        organisation: source.organisation.clone(),
        title: source.title.clone(),
        url: source.url.as_str().to_owned(),
        licence: source.licence.clone(),
        published: source.published.map(|d| d.to_string()),
        next_update: source.next_update.map(|d| d.to_string()),
        accessed: source.accessed.map(|d| d.to_string()),
    }
}

fn file_to_wire(file: &FileEntry) -> FileWire {
    FileWire {
        path: file.path.clone(),
        bytes: file.bytes,
        sha256: file.sha256.clone(),
    }
}

pub(crate) fn manifest_to_wire(manifest: &Manifest) -> ManifestWire {
    ManifestWire {
        schema_version: manifest.schema_version.to_string(),
        id: manifest.id.clone(),
        title: manifest.title.clone(),
        description: manifest.description.clone(),
        attribution: manifest.attribution.clone(),
        licences: manifest
            .licences
            .iter()
            .map(|l| LicenceWire {
                id: l.id.clone(),
                title: l.title.clone(),
                url: l.url.as_str().to_owned(),
            })
            .collect(),
        themes: manifest
            .themes
            .iter()
            .map(|t| ThemeWire {
                id: t.id.clone(),
                title: t.title.clone(),
            })
            .collect(),
        area_types: manifest
            .area_types
            .iter()
            .map(|t| AreaTypeWire {
                id: t.id.clone(),
                singular: t.singular.clone(),
                plural: t.plural.clone(),
            })
            .collect(),
        metrics: (manifest.schema_version.major == 1)
            .then(|| manifest.metrics.iter().map(metric_to_wire).collect()),
        measures: (manifest.schema_version.major >= 2)
            .then(|| manifest.measures.iter().map(measure_to_wire).collect()),
        catalogue: (manifest.schema_version.major >= 2)
            .then(|| manifest.catalogue.iter().map(file_to_wire).collect()),
        files: manifest.files.iter().map(file_to_wire).collect(),
        maps: manifest.maps.iter().map(map_meta_to_wire).collect(),
        content_hash: manifest.content_hash.clone(),
    }
}

/// A part of the catalogue holding `metrics`.
pub(crate) fn catalogue_to_wire(metrics: &[MetricMeta]) -> CatalogueWire {
    CatalogueWire {
        schema_version: crate::version::CURRENT_VERSION.to_string(),
        metrics: metrics.iter().map(metric_to_wire).collect(),
    }
}

fn metric_to_wire(m: &MetricMeta) -> MetricMetaWire {
    MetricMetaWire {
        id: m.id.clone(),
        title: m.title.clone(),
        short_title: m.short_title.clone(),
        description: m.description.clone(),
        theme: m.theme.clone(),
        value_type: m.value_type,
        unit: m.unit.clone(),
        rate_per: m.rate_per,
        decimal_places: m.decimal_places,
        polarity: m.polarity.into(),
        area_types: m.area_types.clone(),
        source: source_to_wire(&m.source),
        caveats: m.caveats.clone(),
        periods: m.periods.iter().map(ToString::to_string).collect(),
        latest_period: m.latest_period.to_string(),
        file: file_to_wire(&m.file),
        latest_file: m.latest_file.as_ref().map(file_to_wire),
        subject: m.subject,
        all_area_types: m.all_area_types.clone(),
        coverage: m.coverage.clone(),
        joint_returns: m
            .joint_returns
            .iter()
            .map(|joint| JointReturnWire {
                figure_of: joint.figure_of.to_string(),
                covers: joint.covers.iter().map(ToString::to_string).collect(),
                periods: joint.periods.iter().map(ToString::to_string).collect(),
            })
            .collect(),
    }
}

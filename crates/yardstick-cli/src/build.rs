//! `yardstick build`: read the configured sources, write a verified bundle.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use yardstick_bundle::{
    AreaCode, AreaType, Areas, CONTENT_HASH_PLACEHOLDER, CURRENT_VERSION, ContextTable, Date,
    FileEntry, JointReturn, Licence, Manifest, MapMeta, MapShapes, MeasureEntry, MetricMeta,
    MetricValues, PeerGroups, Period, Source, Theme, compared_area_types, content_hash,
    encode_areas, encode_catalogue, encode_context, encode_manifest, encode_metric_values,
    encode_peer_groups, nations_with_figures, scope_problems, sha256_hex,
};

use crate::config::{self, Config, MetricConfig, ReaderConfig, SourceConfig, TidyCsvConfig};
use crate::context_vars;
use crate::peer_groups;
use crate::report::{Input, Report};
use crate::sources::lookup::{self, AreaLookup};
use crate::sources::table::MetricTable;
use crate::sources::{PublisherMeta, lait, ons_els, tidy};

/// The result of a build that wrote a bundle.
pub struct Built {
    pub out: PathBuf,
    pub report: String,
    pub rejected: usize,
    pub files: usize,
    pub metrics: usize,
    pub areas: usize,
    pub content_hash: String,
}

/// Builds the bundle a configuration describes and writes it to `out` (or the configured
/// folder), replacing any bundle there only once the new one is complete.
pub fn build(config_path: &Path, out: Option<&Path>, strict: bool) -> Result<Built> {
    let (config, base) = config::load(config_path)?;
    check_descriptions(&config)?;
    let out = match (out, &config.out) {
        (Some(out), _) => out.to_path_buf(),
        (None, Some(out)) => base.join(out),
        (None, None) => bail!("no output folder: give --out or `out` in the configuration"),
    };
    let mut report = Report::new(&base);
    for unused in &config.unused {
        let path = base.join(&unused.path);
        if !path.exists() {
            bail!(
                "[[unused]] names {}, which does not exist",
                unused.path.display()
            );
        }
        report.note(format!(
            "not used: {}: {}",
            unused.path.display(),
            unused.reason
        ));
    }
    let lookup = lookup::build(&config.areas, &base, &mut report)?;
    let (metas, values) = read_metrics(&config, &base, &lookup, &mut report)?;
    // A metric none of whose rows could be kept is left out, and said so, rather than
    // stopping a build of many metrics.
    let (metas, values): (Vec<Draft<'_>>, Vec<MetricValues>) = metas
        .into_iter()
        .zip(values)
        .filter(|(draft, values)| {
            let empty = values.values().is_empty();
            if empty {
                report.note(format!(
                    "metric {} has no values (every row was skipped or rejected) and is left out",
                    draft.config.id
                ));
            }
            !empty
        })
        .unzip();
    let context = context_vars::build(&config.context, &base, &lookup, &values, &mut report)?;
    let groups = peer_groups::build(&config.peer_groups, &base, &lookup, &mut report)?;
    let maps = config
        .maps
        .iter()
        .map(|map| crate::maps::build(map, &base, &lookup.areas, &mut report))
        .collect::<Result<Vec<_>>>()?;
    for draft in &metas {
        let source = &draft.config.source;
        if source.published.is_none()
            && draft.publisher.published.is_none()
            && source.accessed.is_none()
        {
            report.note(format!(
                "metric {}: the source gives neither a publication date nor an access date",
                draft.config.id
            ));
        }
    }
    // Every row read must be kept, merged, skipped or rejected: none vanishes.
    for (input, counts) in report.files() {
        if !counts.balances() {
            bail!(
                "internal error: the rows of {} [{}] do not add up: {counts:?}",
                input.path.display(),
                input.purpose
            );
        }
    }
    let rejected = report.rejected_count();
    let rendered = report.render();
    if strict && rejected > 0 {
        bail!("{rendered}--strict: {rejected} rows were rejected; the bundle was not written");
    }
    let files = assemble(&config, &lookup, metas, &values, &context, &groups, &maps)?;
    let content_hash = files
        .get("manifest.json")
        .and_then(|bytes| yardstick_bundle::parse_manifest(bytes).ok())
        .map(|m| m.content_hash)
        .unwrap_or_default();
    write_atomically(&out, &files)?;
    Ok(Built {
        out,
        report: rendered,
        rejected,
        files: files.len(),
        metrics: values.len(),
        areas: lookup.areas.len(),
        content_hash,
    })
}

/// Refuses a configuration that leaves out what no source can supply: every metric's subject
/// with its reason (as every metric has a polarity), a reason for every joint return, and
/// published groups built for themes the bundle has. Every such problem is named at once.
fn check_descriptions(config: &Config) -> Result<()> {
    let mut problems = Vec::new();
    for metric in &config.metrics {
        if metric.subject.is_none() {
            problems.push(format!(
                "metric {}: no `subject` (\"service\" or \"area\")",
                metric.id
            ));
        }
        if metric
            .subject_reason
            .as_deref()
            .is_none_or(|r| r.trim().is_empty())
        {
            problems.push(format!(
                "metric {}: no `subject_reason` saying why it measures a service or describes the area",
                metric.id
            ));
        }
        for joint in &metric.joint_returns {
            if joint.reason.trim().is_empty() {
                problems.push(format!(
                    "metric {}: the joint return of {} gives no reason",
                    metric.id, joint.figure_of
                ));
            }
        }
    }
    for group in &config.peer_groups {
        for theme in &group.built_for {
            if !config.themes.iter().any(|t| &t.id == theme) {
                problems.push(format!(
                    "peer group {}: built_for names theme {theme:?}, which themes does not list",
                    group.id
                ));
            }
        }
    }
    if !problems.is_empty() {
        bail!(
            "the configuration is incomplete:\n  {}",
            problems.join("\n  ")
        );
    }
    Ok(())
}

/// A metric's joint returns as the bundle holds them: codes and periods read, covered councils
/// sorted, returns sorted by the council whose figure they are.
fn joint_returns(metric: &MetricConfig, at: &str) -> Result<Vec<JointReturn>> {
    let mut joints = metric
        .joint_returns
        .iter()
        .map(|joint| {
            let mut covers: Vec<AreaCode> = joint
                .covers
                .iter()
                .map(|c| AreaCode::from(c.as_str()))
                .collect();
            covers.sort();
            let mut periods = joint
                .periods
                .iter()
                .map(|text| {
                    Period::parse_iso(text)
                        .with_context(|| format!("{at}: joint return period {text:?}"))
                })
                .collect::<Result<Vec<_>>>()?;
            periods.sort();
            Ok(JointReturn {
                figure_of: AreaCode::from(joint.figure_of.as_str()),
                covers,
                periods,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    joints.sort_by(|a, b| a.figure_of.cmp(&b.figure_of));
    Ok(joints)
}

/// The nations with figures and the area types compared, from the values: never configured.
fn scope(
    metric: &MetricConfig,
    values: &MetricValues,
    areas: &Areas,
    at: &str,
) -> Result<(Vec<String>, Vec<String>)> {
    let coverage = nations_with_figures(&metric.area_types, values, areas);
    let compared = compared_area_types(&metric.area_types, &coverage, areas)
        .with_context(|| format!("{at}: cannot tell which councils to compare"))?;
    Ok((coverage, compared))
}

/// A metric's configuration merged with the publisher's metadata, before its values are known.
struct Draft<'a> {
    config: &'a MetricConfig,
    publisher: PublisherMeta,
}

impl Draft<'_> {
    /// Places to show: the configuration's, else the publisher's, else one.
    fn decimal_places(&self) -> u8 {
        self.config
            .decimal_places
            .or(self.publisher.decimal_places)
            .unwrap_or(1)
    }
}

/// Reads every configured metric's values. Values, confidence limits, numerators and
/// denominators are kept as published: the `f64` nearest the publisher's text, which serde_json writes as the shortest decimal that
/// reads back as it. They are never rounded to the places shown, so a median or a MAD
/// computed from the bundle is the one computed from the publisher's file; rounding happens
/// only where a number is shown.
fn read_metrics<'a>(
    config: &'a Config,
    base: &Path,
    lookup: &AreaLookup,
    report: &mut Report,
) -> Result<(Vec<Draft<'a>>, Vec<MetricValues>)> {
    let mut tidy_plans: BTreeMap<PathBuf, Vec<(usize, TidyCsvConfig)>> = BTreeMap::new();
    let mut els_plans: BTreeMap<PathBuf, Vec<(usize, ons_els::Plan)>> = BTreeMap::new();
    let mut lait_plans: BTreeMap<PathBuf, Vec<(usize, lait::Plan)>> = BTreeMap::new();
    let mut dictionaries: BTreeMap<PathBuf, lait::Dictionary> = BTreeMap::new();
    let mut drafts = Vec::new();
    for (index, metric) in config.metrics.iter().enumerate() {
        let publisher = match &metric.reader {
            ReaderConfig::TidyCsv(tidy_config) => {
                let mut tidy_config = tidy_config.clone();
                tidy_config.file = base.join(&tidy_config.file);
                tidy_plans
                    .entry(tidy_config.file.clone())
                    .or_default()
                    .push((index, tidy_config));
                PublisherMeta::default()
            }
            ReaderConfig::OflogWaste { file, measure } => {
                let file = base.join(file);
                tidy_plans
                    .entry(file.clone())
                    .or_default()
                    .push((index, tidy::oflog_waste(&file, measure)));
                PublisherMeta::default()
            }
            ReaderConfig::OflogAdultSocialCare { file, code } => {
                let file = base.join(file);
                tidy_plans
                    .entry(file.clone())
                    .or_default()
                    .push((index, tidy::oflog_adult_social_care(&file, code)));
                PublisherMeta::default()
            }
            ReaderConfig::OnsEls {
                dir,
                indicator,
                measure,
                geographies,
                blank,
                blank_reason,
            } => {
                if blank.is_some() != blank_reason.is_some() {
                    bail!(
                        "metric {}: `blank` needs a `blank_reason` saying why, and only goes with one",
                        metric.id
                    );
                }
                let dir = base.join(dir);
                let (csv, json) = ons_els::paths(&dir)?;
                let plan =
                    ons_els::Plan::new(indicator.clone(), measure.clone(), geographies.clone())
                        .with_blank(blank.map(crate::sources::tidy::missing_status));
                els_plans.entry(csv).or_default().push((index, plan));
                ons_els::metadata(&json, indicator.as_deref())?
            }
            ReaderConfig::Lait {
                file,
                dictionary,
                la_lookup,
                measure,
                year_type,
                la_numbers,
                skip_la_numbers,
            } => {
                let dictionary_path = base.join(dictionary);
                if !dictionaries.contains_key(&dictionary_path) {
                    dictionaries.insert(
                        dictionary_path.clone(),
                        lait::read_dictionary(&dictionary_path)?,
                    );
                }
                let entry = dictionaries
                    .get(&dictionary_path)
                    .and_then(|d| d.get(measure))
                    .with_context(|| {
                        format!(
                            "metric {}: measure {measure:?} is not in the LAIT data dictionary",
                            metric.id
                        )
                    })?;
                let plan = lait::Plan {
                    measure: measure.clone(),
                    year_type: year_type.map_or(entry.year_type, |y| tidy::year_type(Some(y))),
                    lookup: base.join(la_lookup),
                    la_numbers: la_numbers.clone(),
                    skip_la_numbers: skip_la_numbers.clone(),
                };
                lait_plans
                    .entry(base.join(file))
                    .or_default()
                    .push((index, plan));
                entry.publisher.clone()
            }
        };
        if let Some(hint) = &publisher.polarity_hint {
            let said = format!("{:?}", metric.polarity);
            report.note(format!(
                "{}: publisher polarity {hint:?}, configured {said}",
                metric.id
            ));
        }
        drafts.push(Draft {
            config: metric,
            publisher,
        });
    }
    let mut tables: Vec<MetricTable> = config
        .metrics
        .iter()
        .map(|_| MetricTable::default())
        .collect();
    // One pass over each file serves every metric that reads it; the report counts the pass.
    let input = |path: &Path, indices: Vec<usize>| {
        let ids: Vec<&str> = indices
            .iter()
            .filter_map(|&i| config.metrics.get(i))
            .map(|m| m.id.as_str())
            .collect();
        let noun = if ids.len() == 1 { "metric" } else { "metrics" };
        Input::new(path, format!("{noun} {}", ids.join(", ")))
    };
    for (path, plans) in &tidy_plans {
        let input = input(path, plans.iter().map(|(i, _)| *i).collect());
        tidy::read_file(&input, plans, lookup, &mut tables, report)?;
    }
    for (path, plans) in &els_plans {
        let input = input(path, plans.iter().map(|(i, _)| *i).collect());
        ons_els::read_file(&input, plans, lookup, &mut tables, report)?;
    }
    for (path, plans) in &lait_plans {
        let input = input(path, plans.iter().map(|(i, _)| *i).collect());
        lait::read_file(&input, plans, lookup, &mut tables, report)?;
    }
    let values = drafts
        .iter()
        .zip(tables)
        .map(|(draft, table)| {
            MetricValues::new(draft.config.id.clone(), table.into_values())
                .with_context(|| format!("metric {}", draft.config.id))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok((drafts, values))
}

fn date(text: Option<&String>, what: &str) -> Result<Option<Date>> {
    text.map(|text| Date::parse(text).with_context(|| what.to_owned()))
        .transpose()
}

fn source(config: &SourceConfig, publisher: &PublisherMeta, at: &str) -> Result<Source> {
    let need = |configured: &Option<String>, published: &Option<String>, what: &str| {
        configured
            .clone()
            .or_else(|| published.clone())
            .with_context(|| format!("{at}: no source {what}"))
    };
    Ok(Source {
        organisation: need(
            &config.organisation,
            &publisher.organisation,
            "organisation",
        )?,
        title: need(&config.title, &publisher.source_title, "title")?,
        url: config::web_address(&need(&config.url, &publisher.url, "url")?, at)?,
        licence: config
            .licence
            .clone()
            .with_context(|| format!("{at}: no source licence"))?,
        published: date(config.published.as_ref(), at)?.or(publisher.published),
        next_update: date(config.next_update.as_ref(), at)?.or(publisher.next_update),
        accessed: date(config.accessed.as_ref(), at)?,
    })
}

fn assemble(
    config: &Config,
    lookup: &AreaLookup,
    drafts: Vec<Draft<'_>>,
    values: &[MetricValues],
    context: &ContextTable,
    groups: &PeerGroups,
    maps: &[(MapMeta, MapShapes)],
) -> Result<BTreeMap<String, Vec<u8>>> {
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for (meta, shapes) in maps {
        files.insert(meta.path.clone(), yardstick_bundle::encode_map(shapes));
    }
    files.insert("areas.json".to_owned(), encode_areas(&lookup.areas));
    files.insert("context.json".to_owned(), encode_context(context));
    files.insert("peer-groups.json".to_owned(), encode_peer_groups(groups));
    let entry = |path: &str, bytes: &[u8]| FileEntry {
        path: path.to_owned(),
        bytes: bytes.len() as u64,
        sha256: sha256_hex(bytes),
    };
    let other_files: Vec<FileEntry> = files
        .iter()
        .map(|(path, bytes)| entry(path, bytes))
        .collect();
    let mut metrics = Vec::new();
    for (draft, metric_values) in drafts.into_iter().zip(values) {
        let metric = draft.config;
        let at = format!("metric {}", metric.id);
        let periods = metric_values.periods();
        let Some(latest) = periods.last().copied() else {
            bail!("{at}: no values were read");
        };
        let path = format!("metrics/{}.json", metric.id);
        let bytes = encode_metric_values(metric_values);
        let file = entry(&path, &bytes);
        files.insert(path, bytes);
        // The latest period alone, for a first view; a metric of one period has no need.
        let latest_file = if periods.len() > 1 {
            let latest_values = MetricValues::new(
                metric.id.clone(),
                metric_values.for_period(latest).cloned().collect(),
            )
            .with_context(|| at.clone())?;
            let path = format!("metrics/{}/latest.json", metric.id);
            let bytes = encode_metric_values(&latest_values);
            let latest_file = entry(&path, &bytes);
            files.insert(path, bytes);
            Some(latest_file)
        } else {
            None
        };
        let publisher = &draft.publisher;
        let mut caveats = metric.caveats.clone();
        if metric.publisher_caveats {
            caveats.extend(publisher.caveats.iter().cloned());
        }
        let pick = |configured: &Option<String>, published: &Option<String>, what: &str| {
            configured
                .clone()
                .or_else(|| published.clone())
                .with_context(|| format!("{at}: no {what}"))
        };
        let (coverage, compared) = scope(metric, metric_values, &lookup.areas, &at)?;
        let meta = MetricMeta {
            id: metric.id.clone(),
            title: pick(&metric.title, &publisher.title, "title")?,
            short_title: pick(&metric.short_title, &publisher.short_title, "short_title")
                .or_else(|_| pick(&metric.title, &publisher.title, "title"))?,
            description: pick(&metric.description, &publisher.description, "description")?,
            theme: metric.theme.clone(),
            value_type: metric.value_type,
            unit: metric.unit.clone(),
            rate_per: metric.rate_per,
            decimal_places: draft.decimal_places(),
            polarity: metric.polarity.into(),
            area_types: compared,
            source: source(&metric.source, publisher, &at)?,
            caveats,
            periods,
            latest_period: latest,
            file,
            latest_file,
            subject: metric.subject.map(Into::into),
            all_area_types: metric.area_types.clone(),
            coverage,
            joint_returns: joint_returns(metric, &at)?,
        };
        let problems = scope_problems(&meta, metric_values, &lookup.areas);
        if !problems.is_empty() {
            bail!("{}", problems.join("\n"));
        }
        metrics.push(meta);
    }
    let mut manifest = Manifest {
        schema_version: CURRENT_VERSION,
        id: config.id.clone(),
        title: config.title.clone(),
        description: config.description.clone(),
        attribution: config.attribution.clone(),
        licences: config
            .licences
            .iter()
            .map(|l| {
                Ok(Licence {
                    id: l.id.clone(),
                    title: l.title.clone(),
                    url: config::web_address(&l.url, &format!("licence {}", l.id))?,
                })
            })
            .collect::<Result<_>>()?,
        themes: config
            .themes
            .iter()
            .map(|t| Theme {
                id: t.id.clone(),
                title: t.title.clone(),
            })
            .collect(),
        area_types: config
            .area_types
            .iter()
            .map(|t| AreaType {
                id: t.id.clone(),
                singular: t.singular.clone(),
                plural: t.plural.clone(),
            })
            .collect(),
        measures: Vec::new(),
        catalogue: Vec::new(),
        metrics,
        files: other_files,
        maps: maps.iter().map(|(meta, _)| meta.clone()).collect(),
        content_hash: CONTENT_HASH_PLACEHOLDER.to_owned(),
    };
    for (path, bytes) in catalogue(&mut manifest) {
        manifest.catalogue.push(entry(&path, &bytes));
        files.insert(path, bytes);
    }
    let unhashed = encode_manifest(&manifest);
    manifest.content_hash = content_hash(&unhashed, CONTENT_HASH_PLACEHOLDER);
    let bytes = encode_manifest(&manifest);
    // What we wrote must read back: the writer and reader never drift apart.
    let read_back =
        yardstick_bundle::parse_manifest(&bytes).context("the built manifest does not validate")?;
    for (index, part) in read_back.catalogue.iter().enumerate() {
        let part_bytes = files.get(&part.path).map_or(&[][..], Vec::as_slice);
        yardstick_bundle::parse_catalogue(part_bytes, &read_back, index)
            .with_context(|| format!("the built {} does not validate", part.path))?;
    }
    let declared_types: Vec<&str> = config.area_types.iter().map(|t| t.id.as_str()).collect();
    for area in lookup.areas.iter() {
        if !declared_types.contains(&area.area_type.as_str()) {
            bail!(
                "area {} has type {:?}, which area_types does not declare",
                area.code,
                area.area_type
            );
        }
    }
    files.insert("manifest.json".to_owned(), bytes);
    Ok(files)
}

/// The most bytes of metadata a catalogue part holds (unless one metric alone is larger), so
/// that the part a first view fetches stays small however many measures a theme has.
pub const CATALOGUE_PART_BYTES: usize = 16_000;

/// Splits the manifest's metrics into the catalogue's parts (schema 2.0) and lists each
/// measure in the index: theme by theme in the themes' order, each theme's metrics in display
/// order, a new part whenever the next metric would take the part over
/// [`CATALOGUE_PART_BYTES`]. Parts are named `catalogue/<theme>-<n>.json`. Returns each part's
/// path and bytes.
fn catalogue(manifest: &mut Manifest) -> Vec<(String, Vec<u8>)> {
    let mut parts: Vec<(String, Vec<&MetricMeta>)> = Vec::new();
    for theme in &manifest.themes {
        let mut number = 0;
        let mut size = 0;
        for meta in manifest.metrics.iter().filter(|m| m.theme == theme.id) {
            let bytes = encode_catalogue(std::slice::from_ref(meta)).len();
            let fits = size + bytes <= CATALOGUE_PART_BYTES;
            match parts.last_mut() {
                Some((_, metas)) if number > 0 && fits => metas.push(meta),
                _ => {
                    number += 1;
                    size = 0;
                    parts.push((format!("catalogue/{}-{number}.json", theme.id), vec![meta]));
                }
            }
            size += bytes;
        }
    }
    let part_of = |id: &str| {
        parts
            .iter()
            .position(|(_, metas)| metas.iter().any(|m| m.id == id))
            .unwrap_or(usize::MAX)
    };
    let measures = manifest
        .metrics
        .iter()
        .map(|meta| MeasureEntry::in_part(meta, part_of(&meta.id)))
        .collect();
    let written = parts
        .iter()
        .map(|(path, metas)| {
            let owned: Vec<MetricMeta> = metas.iter().map(|m| (*m).clone()).collect();
            (path.clone(), encode_catalogue(&owned))
        })
        .collect();
    manifest.measures = measures;
    written
}

/// Writes every file into a fresh sibling folder, then swaps it into place, so a failed
/// build never leaves a half-written bundle and the old one stays until the new is complete.
pub fn write_atomically(out: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<()> {
    let name = out
        .file_name()
        .with_context(|| format!("{} has no folder name", out.display()))?
        .to_string_lossy()
        .into_owned();
    let parent = out
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    fs::create_dir_all(&parent).with_context(|| format!("cannot create {}", parent.display()))?;
    let building = parent.join(format!(".{name}.building"));
    let previous = parent.join(format!(".{name}.previous"));
    for stale in [&building, &previous] {
        if stale.exists() {
            fs::remove_dir_all(stale)
                .with_context(|| format!("cannot remove {}", stale.display()))?;
        }
    }
    for (path, bytes) in files {
        let target = building.join(path);
        if let Some(folder) = target.parent() {
            fs::create_dir_all(folder)
                .with_context(|| format!("cannot create {}", folder.display()))?;
        }
        fs::write(&target, bytes).with_context(|| format!("cannot write {}", target.display()))?;
    }
    let had_old = out.exists();
    if had_old {
        fs::rename(out, &previous)
            .with_context(|| format!("cannot move the old bundle {} aside", out.display()))?;
    }
    if let Err(error) = fs::rename(&building, out) {
        if had_old {
            let _ = fs::rename(&previous, out);
        }
        return Err(error)
            .with_context(|| format!("cannot move the new bundle into {}", out.display()));
    }
    if had_old {
        fs::remove_dir_all(&previous)
            .with_context(|| format!("cannot remove {}", previous.display()))?;
    }
    Ok(())
}

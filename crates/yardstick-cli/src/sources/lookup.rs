//! The bundle's areas, built from mySociety's list, ONS code changes and population
//! estimates, and the lookup that lands every value on one of them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::{Context, Result, bail};
use yardstick_bundle::{Area, AreaCode, Areas, Date, Population};

use crate::config::{AreasConfig, SkipAreasConfig};
use crate::report::{Input, Rejection, Report};
use crate::sources::{CsvFile, parse_number};

/// How a code found in a source relates to the bundle's areas.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A current code of an area.
    Current(AreaCode),
    /// An older code of the same area (a same-area recode), merged onto its current code.
    Recoded(AreaCode),
}

impl Resolved {
    pub fn code(&self) -> &AreaCode {
        match self {
            Self::Current(code) | Self::Recoded(code) => code,
        }
    }
}

/// The areas and every code that leads to one.
pub struct AreaLookup {
    pub areas: Areas,
    former: BTreeMap<String, AreaCode>,
    mysociety: BTreeMap<String, AreaCode>,
    skip: Vec<SkipAreasConfig>,
    /// Each area's size in square kilometres, where the lookup gives it.
    pub area_km2: BTreeMap<AreaCode, f64>,
}

impl AreaLookup {
    /// The area a source's code refers to.
    pub fn resolve(&self, code: &str) -> Option<Resolved> {
        let code = code.trim();
        let key = AreaCode::new(code);
        if self.areas.get(&key).is_some() {
            return Some(Resolved::Current(key));
        }
        self.former.get(code).cloned().map(Resolved::Recoded)
    }

    /// The GSS code of an area by mySociety's three-letter code.
    pub fn by_mysociety_code(&self, code: &str) -> Option<&AreaCode> {
        self.mysociety.get(code.trim())
    }

    /// Why rows for `code`, which is not an area, are skipped rather than rejected: the
    /// reason of the first configured skip rule that names the code or a prefix of it.
    pub fn skip_reason(&self, code: &str) -> Option<&str> {
        let code = code.trim();
        self.skip
            .iter()
            .find(|rule| rule_matches(rule, code))
            .map(|rule| rule.reason.as_str())
    }
}

fn rule_matches(rule: &SkipAreasConfig, code: &str) -> bool {
    rule.codes.iter().any(|c| c == code) || rule.prefixes.iter().any(|p| code.starts_with(p))
}

/// An area while the lookups are being combined.
#[derive(Debug, Clone)]
struct Draft {
    code: String,
    name: String,
    area_type: String,
    region: Option<String>,
    nation: Option<String>,
    county: Option<String>,
    combined_authority: Option<String>,
    start: Option<Date>,
    end: Option<Date>,
    replaced_by: Vec<String>,
    former: BTreeSet<String>,
    population_2020: Option<u64>,
    /// mySociety's `area`, in square kilometres.
    area_km2: Option<f64>,
    mysociety_code: Option<String>,
    extra_predecessors: BTreeSet<String>,
    extra_successors: BTreeSet<String>,
}

fn blank_to_none(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// Builds the areas from the configured lookups, reporting every row of every lookup file.
pub fn build(config: &AreasConfig, base: &Path, report: &mut Report) -> Result<AreaLookup> {
    let mut drafts = read_mysociety(&base.join(&config.mysociety), &config.nations, report)?;
    // Extra areas come before the code changes, so that a merger into a new combined
    // authority that mySociety lacks links both sides.
    for extra in &config.extra {
        if drafts.contains_key(&extra.code) {
            bail!("extra area {} is already in the lookups", extra.code);
        }
        let start = extra
            .start
            .as_deref()
            .map(Date::parse)
            .transpose()
            .with_context(|| format!("extra area {}: start", extra.code))?;
        drafts.insert(
            extra.code.clone(),
            Draft {
                code: extra.code.clone(),
                name: extra.name.clone(),
                area_type: extra.area_type.clone(),
                region: extra.region.clone(),
                nation: extra.nation.clone(),
                county: None,
                combined_authority: None,
                start,
                end: None,
                replaced_by: Vec::new(),
                former: BTreeSet::new(),
                population_2020: None,
                area_km2: None,
                mysociety_code: None,
                extra_predecessors: BTreeSet::new(),
                extra_successors: BTreeSet::new(),
            },
        );
    }
    if let Some(path) = &config.code_changes {
        apply_code_changes(&base.join(path), &mut drafts, report)?;
    }
    for rule in &config.skip {
        if rule.codes.is_empty() && rule.prefixes.is_empty() {
            bail!("skip rule {:?} names no codes or prefixes", rule.reason);
        }
        if let Some(area) = drafts.keys().find(|code| rule_matches(rule, code)) {
            bail!(
                "skip rule {:?} would skip {area}, which is an area of the bundle",
                rule.reason
            );
        }
    }
    let by_three: BTreeMap<String, String> = drafts
        .values()
        .filter_map(|d| Some((d.mysociety_code.clone()?, d.code.clone())))
        .collect();
    let mut areas: Vec<Area> = Vec::new();
    let mut ends_normalised = 0;
    for draft in drafts.values() {
        let lookup = |three: &Option<String>, what: &str, report: &mut Report| {
            let three = three.as_ref()?;
            match by_three.get(three) {
                Some(code) => Some(AreaCode::new(code.as_str())),
                None => {
                    report.note(format!(
                        "{} ({}): {what} {three} is not among the areas; link left out",
                        draft.code, draft.name
                    ));
                    None
                }
            }
        };
        let parent = lookup(&draft.county, "county", report);
        let combined_authority = lookup(&draft.combined_authority, "combined authority", report);
        let mut successors: BTreeSet<String> = draft.extra_successors.clone();
        for three in &draft.replaced_by {
            match by_three.get(three) {
                Some(code) => {
                    successors.insert(code.clone());
                }
                None => report.note(format!(
                    "{} ({}): successor {three} is not among the areas; link left out",
                    draft.code, draft.name
                )),
            }
        }
        // mySociety gives some abolitions as the first day of the successor (1 April);
        // the bundle's `end` is always the last day in force.
        let end = match draft.end {
            Some(end) if end.month() == 4 && end.day() == 1 => {
                ends_normalised += 1;
                end.previous_day()
            }
            other => other,
        };
        areas.push(Area {
            code: AreaCode::new(draft.code.as_str()),
            name: draft.name.clone(),
            area_type: draft.area_type.clone(),
            region: draft.region.clone(),
            nation: draft.nation.clone(),
            parent,
            combined_authority,
            start: draft.start,
            end,
            predecessors: draft
                .extra_predecessors
                .iter()
                .map(|c| AreaCode::new(c.as_str()))
                .collect(),
            successors: successors
                .iter()
                .map(|c| AreaCode::new(c.as_str()))
                .collect(),
            former_codes: draft
                .former
                .iter()
                .map(|c| AreaCode::new(c.as_str()))
                .collect(),
            population: draft
                .population_2020
                .map(|value| Population { value, year: 2020 }),
        });
    }
    if ends_normalised > 0 {
        report.note(format!(
            "{ends_normalised} end dates given as 1 April (the successor's first day) set to 31 March"
        ));
    }
    link_predecessors(&mut areas);
    for correction in &config.corrections {
        let area = areas
            .iter_mut()
            .find(|a| a.code.as_str() == correction.code)
            .with_context(|| format!("correction for unknown area {}", correction.code))?;
        if let Some(parent) = &correction.parent {
            report.note(format!(
                "{} ({}): parent set to {parent}: {}",
                area.code, area.name, correction.reason
            ));
            area.parent = Some(AreaCode::new(parent.as_str()));
        }
    }
    let former: BTreeMap<String, AreaCode> = areas
        .iter()
        .flat_map(|area| {
            area.former_codes
                .iter()
                .map(|f| (f.to_string(), area.code.clone()))
        })
        .collect();
    let mysociety = by_three
        .iter()
        .map(|(three, code)| (three.clone(), AreaCode::new(code.as_str())))
        .collect();
    let mut lookup = AreaLookup {
        areas: Areas::new(areas.clone()).context("the area lookups contradict each other")?,
        former,
        mysociety,
        skip: config.skip.clone(),
        area_km2: drafts
            .values()
            .filter_map(|d| Some((AreaCode::new(d.code.as_str()), d.area_km2?)))
            .collect(),
    };
    if let Some(path) = &config.population {
        read_population(&base.join(path), &mut areas, &lookup, report)?;
    }
    if config.sum_county_population {
        sum_county_populations(&mut areas);
    }
    lookup.areas = Areas::new(areas).context("the area lookups contradict each other")?;
    Ok(lookup)
}

fn read_mysociety(
    path: &Path,
    nations: &[String],
    report: &mut Report,
) -> Result<BTreeMap<String, Draft>> {
    let input = &Input::new(path, "areas: mySociety local authorities");
    let mut csv = CsvFile::open(path)?;
    let col = |name: &str| csv.column(name);
    let (three, name, gss, start, end, replaced, nation, region, kind, county, ca, former, pop) = (
        col("local-authority-code")?,
        col("nice-name")?,
        col("gss-code")?,
        col("start-date")?,
        col("end-date")?,
        col("replaced-by")?,
        col("nation")?,
        col("region")?,
        col("local-authority-type")?,
        col("county-la")?,
        col("combined-authority")?,
        col("former-gss-codes")?,
        col("pop-2020")?,
    );
    // Optional: lookups without it give no population density.
    let area_km2 = csv.headers().iter().position(|h| h == "area");
    let mut drafts = BTreeMap::new();
    while let Some(row) = csv.next_counted(input, report) {
        let code = row.get(gss).to_owned();
        if code.is_empty() {
            report.skipped(input, "former authority without a GSS code");
            continue;
        }
        if !nations.is_empty() && !nations.iter().any(|n| n == row.get(nation)) {
            report.skipped(input, "nation not selected");
            continue;
        }
        let date = |index: usize, report: &mut Report| -> Option<Date> {
            let text = row.get(index);
            if text.is_empty() {
                return None;
            }
            match Date::parse(text) {
                Ok(date) => Some(date),
                Err(error) => {
                    report.note(format!(
                        "{}:{}: {error}; date left out",
                        path.display(),
                        row.line
                    ));
                    None
                }
            }
        };
        let (start, end) = (date(start, report), date(end, report));
        if drafts.contains_key(&code) {
            report.reject(
                input,
                row.line,
                Rejection::ConflictingDuplicate,
                format!("{code} listed twice"),
            );
            continue;
        }
        let list = |text: &str| -> Vec<String> {
            text.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        };
        drafts.insert(
            code.clone(),
            Draft {
                code,
                name: row.get(name).to_owned(),
                area_type: row.get(kind).to_owned(),
                region: blank_to_none(row.get(region)),
                nation: blank_to_none(row.get(nation)),
                county: blank_to_none(row.get(county)),
                combined_authority: blank_to_none(row.get(ca)),
                start,
                end,
                replaced_by: list(row.get(replaced)),
                former: list(row.get(former)).into_iter().collect(),
                area_km2: area_km2
                    .and_then(|i| parse_number(row.get(i)))
                    .filter(|a| *a > 0.0),
                population_2020: parse_number(row.get(pop))
                    .filter(|p| *p >= 0.0)
                    .map(|p| p.round() as u64),
                mysociety_code: blank_to_none(row.get(three)),
                extra_predecessors: BTreeSet::new(),
                extra_successors: BTreeSet::new(),
            },
        );
        report.kept(input);
    }
    Ok(drafts)
}

/// Applies ONS code changes: a `new_code` row renames an area and keeps its old code as a
/// former code (the same area, so values merge); a `merger` row links predecessor and
/// successor (never summing them); combined-authority geographies and terminations are
/// noted only, as mySociety already carries them.
fn apply_code_changes(
    path: &Path,
    drafts: &mut BTreeMap<String, Draft>,
    report: &mut Report,
) -> Result<()> {
    let input = &Input::new(path, "areas: ONS code changes");
    let mut csv = CsvFile::open(path)?;
    let (old, new, kind) = (
        csv.column("oldcd")?,
        csv.column("newcd")?,
        csv.column("type")?,
    );
    while let Some(row) = csv.next_counted(input, report) {
        let (old, new) = (row.get(old).to_owned(), row.get(new).to_owned());
        match row.get(kind) {
            "new_code" => {
                let already = drafts.get(&new).is_some_and(|d| d.former.contains(&old));
                if already {
                    report.skipped(input, "recode already in mySociety's former codes");
                } else if let Some(mut draft) = drafts.remove(&old) {
                    if drafts.contains_key(&new) {
                        bail!(
                            "{}:{}: both {old} and {new} are listed as areas",
                            path.display(),
                            row.line
                        );
                    }
                    draft.code = new.clone();
                    draft.former.insert(old);
                    drafts.insert(new, draft);
                    report.kept(input);
                } else if let Some(draft) = drafts.get_mut(&new) {
                    draft.former.insert(old);
                    report.kept(input);
                } else {
                    report.reject(
                        input,
                        row.line,
                        Rejection::UnknownArea,
                        format!("recode {old} -> {new}: neither is an area"),
                    );
                }
            }
            "merger" => {
                if drafts.contains_key(&old) && drafts.contains_key(&new) {
                    if let Some(d) = drafts.get_mut(&old) {
                        d.extra_successors.insert(new.clone());
                    }
                    if let Some(d) = drafts.get_mut(&new) {
                        d.extra_predecessors.insert(old);
                    }
                    report.kept(input);
                } else {
                    let missing = if drafts.contains_key(&old) {
                        &new
                    } else {
                        &old
                    };
                    report.reject(
                        input,
                        row.line,
                        Rejection::UnknownArea,
                        format!("merger {old} -> {new}: {missing} is not an area"),
                    );
                }
            }
            "new_geo" => report.skipped(
                input,
                "new combined authority geography (membership not used)",
            ),
            "termination" => report.skipped(input, "termination (end dates come from mySociety)"),
            other => report.reject(
                input,
                row.line,
                Rejection::Malformed,
                format!("unknown change type {other:?}"),
            ),
        }
    }
    Ok(())
}

/// Predecessors are the inverse of successors.
fn link_predecessors(areas: &mut [Area]) {
    let mut predecessors: BTreeMap<AreaCode, BTreeSet<AreaCode>> = BTreeMap::new();
    for area in areas.iter() {
        for successor in &area.successors {
            predecessors
                .entry(successor.clone())
                .or_default()
                .insert(area.code.clone());
        }
    }
    for area in areas.iter_mut() {
        let mut all: BTreeSet<AreaCode> = area.predecessors.iter().cloned().collect();
        all.extend(predecessors.remove(&area.code).unwrap_or_default());
        area.predecessors = all.into_iter().collect();
    }
    // Successor links must be symmetric too.
    let mut successors: BTreeMap<AreaCode, BTreeSet<AreaCode>> = BTreeMap::new();
    for area in areas.iter() {
        for predecessor in &area.predecessors {
            successors
                .entry(predecessor.clone())
                .or_default()
                .insert(area.code.clone());
        }
    }
    for area in areas.iter_mut() {
        let mut all: BTreeSet<AreaCode> = area.successors.iter().cloned().collect();
        all.extend(successors.remove(&area.code).unwrap_or_default());
        area.successors = all.into_iter().collect();
    }
}

fn read_population(
    path: &Path,
    areas: &mut [Area],
    lookup: &AreaLookup,
    report: &mut Report,
) -> Result<()> {
    let input = &Input::new(path, "areas: ONS population estimates");
    let mut csv = CsvFile::open(path)?;
    let (code, year, population) = (
        csv.column("area_code")?,
        csv.column("year")?,
        csv.column("population")?,
    );
    while let Some(row) = csv.next_counted(input, report) {
        let Some(resolved) = lookup.resolve(row.get(code)) else {
            match lookup.skip_reason(row.get(code)) {
                Some(reason) => report.skipped(input, reason),
                None => report.reject(
                    input,
                    row.line,
                    Rejection::UnknownArea,
                    row.get(code).to_owned(),
                ),
            }
            continue;
        };
        let (Some(value), Some(year)) = (
            parse_number(row.get(population)).filter(|p| *p >= 0.0),
            row.get(year).parse::<u16>().ok(),
        ) else {
            report.reject(
                input,
                row.line,
                Rejection::NotANumber,
                format!("{:?} {:?}", row.get(population), row.get(year)),
            );
            continue;
        };
        if let Some(area) = areas.iter_mut().find(|a| &a.code == resolved.code()) {
            area.population = Some(Population {
                value: value.round() as u64,
                year,
            });
        }
        match resolved {
            Resolved::Current(_) => report.kept(input),
            Resolved::Recoded(_) => report.merged(input, "same-area recode onto the current code"),
        }
    }
    Ok(())
}

/// A county's population is the sum of its current districts' when all share one year.
fn sum_county_populations(areas: &mut [Area]) {
    let mut sums: BTreeMap<AreaCode, (u64, BTreeSet<u16>)> = BTreeMap::new();
    for area in areas.iter().filter(|a| a.is_current()) {
        if let (Some(parent), Some(population)) = (&area.parent, area.population) {
            let entry = sums.entry(parent.clone()).or_default();
            entry.0 += population.value;
            entry.1.insert(population.year);
        }
    }
    for area in areas.iter_mut().filter(|a| a.is_current()) {
        if let Some((total, years)) = sums.get(&area.code)
            && let (1, Some(year)) = (years.len(), years.first())
        {
            area.population = Some(Population {
                value: *total,
                year: *year,
            });
        }
    }
}

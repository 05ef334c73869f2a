//! ONS Explore Local Statistics: per indicator, a tidy CSV (`areacd, period, observation,
//! lci_95, uci_95, status, notes, ...`) and a JSON of metadata.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Deserialize;
use yardstick_bundle::{Date, MissingReason, Period, Qualifier, Status};

use crate::report::{Input, Rejection, Report};
use crate::sources::lookup::AreaLookup;
use crate::sources::table::{MetricTable, RawValue, StatusRule, ValueRules, read_value};
use crate::sources::{CsvFile, PublisherMeta};

/// The geographies kept unless a metric lists its own: councils and their aggregates.
const DEFAULT_GEOGRAPHIES: [&str; 6] = [
    "Country",
    "Nation",
    "Region",
    "Combined Authority or City Region",
    "County or Unitary Authority",
    "Local Authority District",
];

/// One metric's selection from an ONS file.
pub struct Plan {
    indicator: Option<String>,
    measure: Option<String>,
    geographies: Vec<String>,
    /// What a blank observation with no status means; rejected when `None`.
    blank: Option<MissingReason>,
}

impl Plan {
    pub fn new(
        indicator: Option<String>,
        measure: Option<String>,
        geographies: Option<Vec<String>>,
    ) -> Self {
        Self {
            indicator,
            measure,
            geographies: geographies.unwrap_or_else(|| {
                DEFAULT_GEOGRAPHIES
                    .iter()
                    .map(|g| (*g).to_owned())
                    .collect()
            }),
            blank: None,
        }
    }

    /// The plan, reading a blank observation with no status as `blank`.
    pub fn with_blank(self, blank: Option<MissingReason>) -> Self {
        Self { blank, ..self }
    }
}

/// `<dir>/<slug>.csv` and `<dir>/<slug>.json`, where `<slug>` is the folder's name.
pub fn paths(dir: &Path) -> Result<(PathBuf, PathBuf)> {
    let slug = dir
        .file_name()
        .with_context(|| format!("{} has no folder name", dir.display()))?
        .to_string_lossy()
        .into_owned();
    Ok((
        dir.join(format!("{slug}.csv")),
        dir.join(format!("{slug}.json")),
    ))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Metadata {
    label: Option<String>,
    subtitle: Option<String>,
    long_description: Option<String>,
    decimal_places: Option<serde_json::Value>,
    source_date: Option<String>,
    #[serde(rename = "sourceURL")]
    source_url: Option<String>,
    source_org: Option<String>,
    caveats: Option<String>,
}

/// Reads the indicator's JSON: title, description, source, date, caveats, decimal places.
/// Files with several indicators hold a `shared` block and one block per indicator; the
/// indicator's block wins over the shared one.
pub fn metadata(path: &Path, indicator: Option<&str>) -> Result<PublisherMeta> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let file: serde_json::Value = serde_json::from_slice(&bytes)
        .with_context(|| format!("{} is not JSON", path.display()))?;
    let block = file
        .get("ess-beta-metadata")
        .and_then(serde_json::Value::as_object)
        .with_context(|| format!("{} has no ess-beta-metadata", path.display()))?;
    let mut merged = serde_json::Map::new();
    if block.contains_key("label") {
        merged.extend(block.clone());
    } else {
        if let Some(shared) = block.get("shared").and_then(serde_json::Value::as_object) {
            merged.extend(shared.clone());
        }
        let own = match indicator {
            Some(name) => block.get(name),
            None => block
                .iter()
                .find(|(key, _)| *key != "shared")
                .map(|(_, v)| v),
        };
        if let Some(own) = own.and_then(serde_json::Value::as_object) {
            merged.extend(own.clone());
        }
    }
    let m: Metadata = serde_json::from_value(serde_json::Value::Object(merged))
        .with_context(|| format!("{} is not ONS indicator metadata", path.display()))?;
    let first = |text: &Option<String>| {
        text.as_deref()
            .and_then(|t| t.split('|').map(str::trim).find(|p| !p.is_empty()))
            .map(str::to_owned)
    };
    let organisations = m.source_org.as_deref().map(|orgs| {
        let mut parts: Vec<&str> = orgs
            .split('|')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        parts.dedup();
        parts.join("; ")
    });
    let decimal_places = m.decimal_places.as_ref().and_then(|v| match v {
        serde_json::Value::Number(n) => n.as_u64().and_then(|n| u8::try_from(n).ok()),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    });
    Ok(PublisherMeta {
        title: m.label.clone(),
        short_title: m.label,
        description: m.long_description.or(m.subtitle),
        decimal_places,
        caveats: m.caveats.as_deref().map(split_caveats).unwrap_or_default(),
        organisation: organisations,
        source_title: None,
        url: first(&m.source_url),
        published: first(&m.source_date).and_then(|d| british_date(&d)),
        next_update: None,
        polarity_hint: None,
    })
}

/// ONS caveats are paragraphs of Markdown; each paragraph becomes one plain-text caveat, with
/// links written as "text (url)".
fn split_caveats(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|paragraph| {
            unlink(
                paragraph
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .as_str(),
            )
        })
        .filter(|p| !p.is_empty())
        .collect()
}

fn unlink(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    loop {
        let link = rest.split_once('[').and_then(|(before, after)| {
            let (label, after) = after.split_once("](")?;
            let (url, after) = after.split_once(')')?;
            Some((before, label, url, after))
        });
        let Some((before, label, url, after)) = link else {
            break;
        };
        out.push_str(before);
        out.push_str(label);
        out.push_str(" (");
        out.push_str(url);
        out.push(')');
        rest = after;
    }
    out.push_str(rest);
    out
}

/// `23/10/2025` → 2025-10-23.
fn british_date(text: &str) -> Option<Date> {
    let mut parts = text.trim().split('/');
    let day = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let year = parts.next()?.parse().ok()?;
    Date::new(year, month, day)
}

fn rules() -> ValueRules {
    let mut rules = ValueRules::default();
    for (marker, status) in [
        ("x", Status::Missing(MissingReason::NotAvailable)),
        ("u", Status::Qualified(Qualifier::LowReliability)),
        ("c", Status::Missing(MissingReason::Suppressed)),
        ("z", Status::Missing(MissingReason::NotApplicable)),
    ] {
        rules
            .statuses
            .insert(marker.to_owned(), StatusRule::Status(status));
    }
    // Other status text ("Value for Hackney and City of London combined") is a note.
    rules.other_status_is_note = true;
    // ONS leaves the observation empty and marks it `u` where an estimate is too unreliable to
    // publish (the annual survey's small samples: City of London, Isles of Scilly). It was
    // withheld, so it is read as suppressed, and the note says why.
    rules.blank_with_status.insert(
        Qualifier::LowReliability,
        (
            MissingReason::Suppressed,
            "withheld by the publisher as unreliable (ONS status u with no value)".to_owned(),
        ),
    );
    rules
}

/// Reads one ONS indicator CSV for every metric that takes values from it.
pub fn read_file(
    input: &Input,
    plans: &[(usize, Plan)],
    lookup: &AreaLookup,
    tables: &mut [MetricTable],
    report: &mut Report,
) -> Result<()> {
    let path = &input.path;
    let mut csv = CsvFile::open(path)?;
    let col = |name: &str| csv.column(name);
    let (area, geography, period, observation, measure, lower, upper, status, notes, indicator) = (
        col("areacd")?,
        col("geography")?,
        col("period")?,
        col("observation")?,
        col("measure")?,
        col("lci_95")?,
        col("uci_95")?,
        col("status")?,
        col("notes")?,
        col("indicator")?,
    );
    let plain = rules();
    let rules_with_blank: Vec<Option<ValueRules>> = plans
        .iter()
        .map(|(_, plan)| {
            plan.blank.map(|blank| ValueRules {
                blank: Some(blank),
                ..rules()
            })
        })
        .collect();
    while let Some(row) = csv.next_counted(input, report) {
        let Some((index, (table, plan))) = plans.iter().enumerate().find(|(_, (_, plan))| {
            plan.measure
                .as_deref()
                .is_none_or(|m| m == row.get(measure))
                && plan
                    .indicator
                    .as_deref()
                    .is_none_or(|i| i == row.get(indicator))
        }) else {
            report.skipped(input, "indicator or measure not selected");
            continue;
        };
        if !plan.geographies.iter().any(|g| g == row.get(geography)) {
            report.skipped(
                input,
                &format!("geography {:?} not selected", row.get(geography)),
            );
            continue;
        }
        let period = match Period::parse_iso(row.get(period)) {
            Ok(period) => period,
            Err(error) => {
                report.reject(input, row.line, Rejection::UnknownPeriod, error.to_string());
                continue;
            }
        };
        let raw = RawValue {
            value: row.get(observation),
            lower: row.get(lower),
            upper: row.get(upper),
            status: row.get(status),
            note: row.get(notes),
            ..RawValue::default()
        };
        let rules = rules_with_blank
            .get(index)
            .and_then(Option::as_ref)
            .unwrap_or(&plain);
        match read_value(raw, rules) {
            Ok((reading, note)) => {
                if let Some(table) = tables.get_mut(*table) {
                    table.offer(
                        row.get(area),
                        lookup,
                        period,
                        reading,
                        note,
                        input,
                        row.line,
                        report,
                    );
                }
            }
            Err((reason, detail)) => report.reject(input, row.line, reason, detail),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caveat_links_become_plain_text() {
        assert_eq!(
            split_caveats("First [2023](https://x.test/a) data.\n\nSecond."),
            ["First 2023 (https://x.test/a) data.", "Second."]
        );
    }
}

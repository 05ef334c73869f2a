//! `yardstick peers`, `compare` and `summary`: questions to the statistics engine about one
//! area, answered from a bundle folder.
//!
//! Each command loads the bundle through `yardstick-bundle` (checking every file it reads
//! against the manifest's sizes and hashes), converts it with the same function the widget
//! uses, asks `yardstick-stats`, and prints the engine's answer as a table for people, as JSON
//! in the command line's own versioned format (`crate::json`), or as CSV.

pub mod compare;
pub mod peers;
pub mod summary;

mod bundle;
mod text;

use anyhow::{Result, bail};
use yardstick_bundle::{AreaCode, Areas, Manifest, MetricMeta, Period, period_from_label};
use yardstick_stats::GroupSpec;

pub use bundle::{Bundle, Wanted, complete};

/// Output format of the query commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned text for people (`text` is another name for it).
    #[value(alias = "text")]
    Table,
    /// The command line's JSON format, versioned (docs/schema/cli/output.schema.json).
    Json,
    /// One row per member or metric, with a header.
    Csv,
}

/// The area a code names: a current code, or an older code of the same area (Barnsley's
/// E08000016 reads as E08000038). A name instead of a code gets a suggestion.
fn resolve_area(areas: &Areas, code: &str) -> Result<AreaCode> {
    let wanted = AreaCode::new(code.trim());
    if let Some(area) = areas.resolve(&wanted) {
        return Ok(area.code.clone());
    }
    let lower = code.trim().to_lowercase();
    let named: Vec<String> = areas
        .iter()
        .filter(|a| a.name.to_lowercase() == lower)
        .map(|a| format!("{} ({})", a.code, a.name))
        .collect();
    if named.is_empty() {
        bail!(
            "no area in this bundle has the code {code:?}; give a GSS code such as E08000009 \
             (`yardstick areas BUNDLE` lists all {} areas)",
            areas.len()
        )
    }
    bail!(
        "{code:?} is a name, not a code; use the code: {}",
        named.join(" or ")
    )
}

/// The metric with this id, or a message listing the ids there are.
fn resolve_metric<'m>(manifest: &'m Manifest, id: &str) -> Result<&'m MetricMeta> {
    manifest.metric(id).ok_or_else(|| {
        let ids: Vec<&str> = manifest.metrics.iter().map(|m| m.id.as_str()).collect();
        anyhow::anyhow!(
            "no metric in this bundle has the id {id:?}; the metrics are: {}",
            ids.join(", ")
        )
    })
}

/// The engine's label for a period given as its ISO id (`2022-04-01/P1Y`) or its British
/// label (`2022-23`), among the labels the metric has.
fn resolve_period(metric: &str, labels: &[&str], wanted: &str) -> Result<String> {
    let wanted = wanted.trim();
    let periods: Vec<(String, Period)> = labels
        .iter()
        .filter_map(|label| period_from_label(label).map(|p| ((*label).to_owned(), p)))
        .collect();
    let found = periods
        .iter()
        .find(|(iso, period)| iso == wanted || period.label() == wanted);
    match found {
        Some((iso, _)) => Ok(iso.clone()),
        None => {
            let known: Vec<String> = periods
                .iter()
                .map(|(iso, period)| format!("{} ({iso})", period.label()))
                .collect();
            bail!(
                "metric {metric} has no period {wanted:?}; give one of: {}",
                if known.is_empty() {
                    "none (it has no values)".to_owned()
                } else {
                    known.join(", ")
                }
            )
        }
    }
}

/// Reads a group spec; the error says what is wrong and what is allowed.
fn parse_spec(text: &str) -> Result<GroupSpec> {
    Ok(text.parse::<GroupSpec>()?)
}

pub(crate) use crate::json::period_text;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_resolve_by_iso_id_or_british_label() {
        let labels = ["2021-04-01/P1Y", "2022-04-01/P1Y", "2025-03-31"];
        let check = |wanted: &str, expected: &str| {
            let actual = match resolve_period("m", &labels, wanted) {
                Ok(label) => label,
                Err(error) => format!("error: {error}"),
            };
            assert_eq!(actual, expected, "{wanted}");
        };
        check("2022-23", "2022-04-01/P1Y");
        check("2022-04-01/P1Y", "2022-04-01/P1Y");
        check(" 2021-22 ", "2021-04-01/P1Y");
        check("31 March 2025", "2025-03-31");
        check(
            "2023-24",
            "error: metric m has no period \"2023-24\"; give one of: 2021-22 (2021-04-01/P1Y), \
             2022-23 (2022-04-01/P1Y), 31 March 2025 (2025-03-31)",
        );
        assert!(resolve_period("m", &[], "2022-23").is_err());
    }
}

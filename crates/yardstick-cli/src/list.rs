//! `yardstick metrics` and `yardstick areas`: what a bundle holds, as a table or as JSON in the
//! command line's versioned format (`crate::json`, docs/schema/cli/output.schema.json).

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result};
use serde::Serialize;
use yardstick_bundle::{parse_areas, parse_manifest};

use crate::json;

/// Output format of the listing commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
}

/// `yardstick metrics --format json`.
#[derive(Serialize)]
struct MetricsOutput<'r> {
    /// In manifest order.
    metrics: &'r [MetricRow],
}

/// One metric, as listed.
#[derive(Serialize)]
struct MetricRow {
    /// Its id.
    id: String,
    /// Its theme's id.
    theme: String,
    /// Which way is better.
    polarity: &'static str,
    /// Its unit.
    unit: String,
    /// How many periods it has.
    periods: usize,
    /// Its latest period, as people read it (`2022-23`).
    latest: String,
    /// Its title.
    title: String,
}

/// `yardstick areas --format json`.
#[derive(Serialize)]
struct AreasOutput<'r> {
    /// Sorted by code.
    areas: &'r [AreaRow],
}

/// One area, as listed.
#[derive(Serialize)]
struct AreaRow {
    /// Its GSS code.
    code: String,
    /// Its name.
    name: String,
    /// Its area type's id.
    #[serde(rename = "type")]
    area_type: String,
    /// Whether it exists today (not abolished or merged).
    current: bool,
}

fn read(dir: &Path, file: &str) -> Result<Vec<u8>> {
    std::fs::read(dir.join(file))
        .with_context(|| format!("cannot read {}", dir.join(file).display()))
}

/// The bundle's metrics, in manifest order.
pub fn metrics(dir: &Path, format: Format) -> Result<String> {
    let manifest = crate::query::complete(dir, parse_manifest(&read(dir, "manifest.json")?)?)?;
    let rows: Vec<MetricRow> = manifest
        .metrics
        .iter()
        .map(|m| MetricRow {
            id: m.id.clone(),
            theme: m.theme.clone(),
            polarity: json::words::polarity(m.polarity),
            unit: m.unit.clone(),
            periods: m.periods.len(),
            latest: m.latest_period.label(),
            title: m.title.clone(),
        })
        .collect();
    match format {
        Format::Json => json::render("metrics", MetricsOutput { metrics: &rows }),
        Format::Table => Ok(table(
            &["id", "theme", "polarity", "periods", "latest", "unit"],
            rows.iter()
                .map(|r| {
                    vec![
                        r.id.clone(),
                        r.theme.clone(),
                        r.polarity.to_owned(),
                        r.periods.to_string(),
                        r.latest.clone(),
                        r.unit.clone(),
                    ]
                })
                .collect(),
        )),
    }
}

/// The bundle's areas, sorted by code.
pub fn areas(dir: &Path, format: Format) -> Result<String> {
    let areas = parse_areas(&read(dir, "areas.json")?)?;
    let rows: Vec<AreaRow> = areas
        .iter()
        .map(|a| AreaRow {
            code: a.code.to_string(),
            name: a.name.clone(),
            area_type: a.area_type.clone(),
            current: a.is_current(),
        })
        .collect();
    match format {
        Format::Json => json::render("areas", AreasOutput { areas: &rows }),
        Format::Table => Ok(table(
            &["code", "name", "type", "current"],
            rows.iter()
                .map(|r| {
                    vec![
                        r.code.clone(),
                        r.name.clone(),
                        r.area_type.clone(),
                        if r.current { "yes" } else { "no" }.to_owned(),
                    ]
                })
                .collect(),
        )),
    }
}

/// Left-aligned columns separated by two spaces.
fn table(headers: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut text = String::new();
    let header: Vec<String> = headers.iter().map(|h| (*h).to_owned()).collect();
    for row in std::iter::once(&header).chain(&rows) {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        let _ = writeln!(text, "{}", cells.join("  ").trim_end());
    }
    text
}

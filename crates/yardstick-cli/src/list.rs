//! `yardstick metrics` and `yardstick areas`: what a bundle holds, as a table or JSON.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result};
use serde::Serialize;
use yardstick_bundle::{parse_areas, parse_manifest};

/// Output format of the listing commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
}

#[derive(Serialize)]
struct MetricRow {
    id: String,
    theme: String,
    polarity: yardstick_bundle::Polarity,
    unit: String,
    periods: usize,
    latest: String,
    title: String,
}

#[derive(Serialize)]
struct AreaRow {
    code: String,
    name: String,
    #[serde(rename = "type")]
    area_type: String,
    current: bool,
}

fn read(dir: &Path, file: &str) -> Result<Vec<u8>> {
    std::fs::read(dir.join(file))
        .with_context(|| format!("cannot read {}", dir.join(file).display()))
}

/// The bundle's metrics, in manifest order.
pub fn metrics(dir: &Path, format: Format) -> Result<String> {
    let manifest = parse_manifest(&read(dir, "manifest.json")?)?;
    let rows: Vec<MetricRow> = manifest
        .metrics
        .iter()
        .map(|m| MetricRow {
            id: m.id.clone(),
            theme: m.theme.clone(),
            polarity: m.polarity,
            unit: m.unit.clone(),
            periods: m.periods.len(),
            latest: m.latest_period.label(),
            title: m.title.clone(),
        })
        .collect();
    match format {
        Format::Json => Ok(serde_json::to_string_pretty(&rows)? + "\n"),
        Format::Table => Ok(table(
            &["id", "theme", "polarity", "periods", "latest", "unit"],
            rows.iter()
                .map(|r| {
                    vec![
                        r.id.clone(),
                        r.theme.clone(),
                        serde_json::to_value(r.polarity)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_owned))
                            .unwrap_or_default(),
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
        Format::Json => Ok(serde_json::to_string_pretty(&rows)? + "\n"),
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

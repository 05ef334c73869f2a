//! Published peer groups: DfE statistical neighbours and ONS similar areas.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};
use yardstick_bundle::{
    AreaCode, Closeness, Neighbour, PeerGroup, PeerGroupMember, PeerGroups, Source,
};

use crate::config::{self, PeerGroupConfig, PeerGroupFormat};
use crate::report::{Input, Rejection, Report};
use crate::sources::CsvFile;
use crate::sources::lookup::{AreaLookup, Resolved};

/// Reads every configured peer group.
pub fn build(
    configs: &[PeerGroupConfig],
    base: &Path,
    lookup: &AreaLookup,
    report: &mut Report,
) -> Result<PeerGroups> {
    let mut groups = Vec::new();
    for config in configs {
        let input = Input::new(
            &base.join(&config.file),
            format!("peer group {}", config.id),
        );
        let members = match config.format {
            PeerGroupFormat::DfeStatisticalNeighbours => read_dfe(&input, lookup, report)?,
            PeerGroupFormat::OnsSimilarAreas => read_ons(&input, lookup, report)?,
        };
        let at = format!("peer group {}", config.id);
        let need = |value: &Option<String>, what: &str| {
            value
                .clone()
                .with_context(|| format!("{at}: no source {what}"))
        };
        let date = |value: &Option<String>| -> Result<Option<yardstick_bundle::Date>> {
            value
                .as_deref()
                .map(|d| yardstick_bundle::Date::parse(d).with_context(|| at.clone()))
                .transpose()
        };
        groups.push(PeerGroup {
            id: config.id.clone(),
            title: config.title.clone(),
            description: config.description.clone(),
            source: Source {
                organisation: need(&config.source.organisation, "organisation")?,
                title: need(&config.source.title, "title")?,
                url: config::web_address(&need(&config.source.url, "url")?, &at)?,
                licence: need(&config.source.licence, "licence")?,
                published: date(&config.source.published)?,
                next_update: date(&config.source.next_update)?,
                accessed: date(&config.source.accessed)?,
            },
            members,
            built_for: config.built_for.clone(),
        });
    }
    Ok(PeerGroups { groups })
}

fn count_landed(report: &mut Report, input: &Input, resolved: &[&Resolved]) {
    if resolved.iter().any(|r| matches!(r, Resolved::Recoded(_))) {
        report.merged(input, "same-area recode onto the current code");
    } else {
        report.kept(input);
    }
}

fn read_dfe(
    input: &Input,
    lookup: &AreaLookup,
    report: &mut Report,
) -> Result<Vec<PeerGroupMember>> {
    let mut csv = CsvFile::open(&input.path)?;
    let (area, rank, neighbour, closeness) = (
        csv.column("la_gss")?,
        csv.column("rank")?,
        csv.column("neighbour_gss")?,
        csv.column("closeness")?,
    );
    let mut lists: BTreeMap<AreaCode, BTreeMap<u32, Neighbour>> = BTreeMap::new();
    while let Some(row) = csv.next_counted(input, report) {
        let (Some(from), Some(to)) = (
            lookup.resolve(row.get(area)),
            lookup.resolve(row.get(neighbour)),
        ) else {
            report.reject(
                input,
                row.line,
                Rejection::UnknownArea,
                format!("{} -> {}", row.get(area), row.get(neighbour)),
            );
            continue;
        };
        let Ok(rank) = row.get(rank).parse::<u32>() else {
            report.reject(
                input,
                row.line,
                Rejection::NotANumber,
                format!("rank {:?}", row.get(rank)),
            );
            continue;
        };
        let Some(band) = Closeness::from_label(row.get(closeness)) else {
            report.reject(
                input,
                row.line,
                Rejection::UnknownStatus,
                format!("closeness {:?}", row.get(closeness)),
            );
            continue;
        };
        let list = lists.entry(from.code().clone()).or_default();
        if from.code() == to.code()
            || list.contains_key(&rank)
            || list.values().any(|n| &n.area == to.code())
        {
            report.reject(
                input,
                row.line,
                Rejection::ConflictingDuplicate,
                format!(
                    "{} rank {rank} repeats a rank or neighbour, or names itself",
                    from.code()
                ),
            );
            continue;
        }
        list.insert(
            rank,
            Neighbour {
                area: to.code().clone(),
                closeness: Some(band),
            },
        );
        count_landed(report, input, &[&from, &to]);
    }
    Ok(lists
        .into_iter()
        .map(|(area, list)| PeerGroupMember {
            area,
            neighbours: list.into_values().collect(),
        })
        .collect())
}

fn read_ons(
    input: &Input,
    lookup: &AreaLookup,
    report: &mut Report,
) -> Result<Vec<PeerGroupMember>> {
    let mut csv = CsvFile::open(&input.path)?;
    let area = csv.column("AREACD")?;
    let ranks: Vec<usize> = (1..=csv.headers().len())
        .filter_map(|rank| csv.column(&rank.to_string()).ok())
        .collect();
    let mut members: BTreeMap<AreaCode, Vec<Neighbour>> = BTreeMap::new();
    while let Some(row) = csv.next_counted(input, report) {
        let Some(from) = lookup.resolve(row.get(area)) else {
            report.reject(
                input,
                row.line,
                Rejection::UnknownArea,
                format!("area {:?}", row.get(area)),
            );
            continue;
        };
        let codes: Vec<&str> = ranks
            .iter()
            .map(|&i| row.get(i))
            .filter(|c| !c.is_empty())
            .collect();
        let resolved: Vec<Option<Resolved>> = codes.iter().map(|c| lookup.resolve(c)).collect();
        let unknown: Vec<&str> = codes
            .iter()
            .zip(&resolved)
            .filter(|(_, r)| r.is_none())
            .map(|(c, _)| *c)
            .collect();
        if !unknown.is_empty() {
            report.reject(
                input,
                row.line,
                Rejection::UnknownArea,
                format!("{}: neighbours {}", from.code(), unknown.join(", ")),
            );
            continue;
        }
        let resolved: Vec<Resolved> = resolved.into_iter().flatten().collect();
        let mut neighbours: Vec<Neighbour> = Vec::new();
        for to in &resolved {
            if to.code() != from.code() && !neighbours.iter().any(|n| &n.area == to.code()) {
                neighbours.push(Neighbour {
                    area: to.code().clone(),
                    closeness: None,
                });
            }
        }
        if members.contains_key(from.code()) {
            report.reject(
                input,
                row.line,
                Rejection::ConflictingDuplicate,
                format!("{} listed twice", from.code()),
            );
            continue;
        }
        members.insert(from.code().clone(), neighbours);
        let mut all: Vec<&Resolved> = resolved.iter().collect();
        all.push(&from);
        count_landed(report, input, &all);
    }
    Ok(members
        .into_iter()
        .map(|(area, neighbours)| PeerGroupMember { area, neighbours })
        .collect())
}

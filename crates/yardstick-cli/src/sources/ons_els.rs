//! ONS Explore Local Statistics: a tidy CSV and a JSON of metadata per indicator.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::build::PublisherMeta;
use crate::lookup::AreaLookup;
use crate::report::Report;
use crate::sources::table::MetricTable;

pub struct Plan {
    pub measure: Option<String>,
    pub geographies: Option<Vec<String>>,
}

impl Plan {
    pub fn new(measure: Option<String>, geographies: Option<Vec<String>>) -> Self {
        Self {
            measure,
            geographies,
        }
    }
}

pub fn paths(dir: &Path) -> Result<(PathBuf, PathBuf)> {
    let slug = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok((
        dir.join(format!("{slug}.csv")),
        dir.join(format!("{slug}.json")),
    ))
}

pub fn metadata(_json: &Path) -> Result<PublisherMeta> {
    bail!("ONS Explore Local Statistics reader not yet written")
}

pub fn read_file(
    _path: &Path,
    _plans: &[(usize, Plan)],
    _lookup: &AreaLookup,
    _tables: &mut [MetricTable],
    _report: &mut Report,
) -> Result<()> {
    bail!("ONS Explore Local Statistics reader not yet written")
}

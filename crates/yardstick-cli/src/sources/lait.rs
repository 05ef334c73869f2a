//! DfE LAIT long file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use yardstick_bundle::YearType;

use crate::build::PublisherMeta;
use crate::lookup::AreaLookup;
use crate::report::Report;
use crate::sources::table::MetricTable;

pub struct Plan {
    pub measure: String,
    pub year_type: YearType,
    pub lookup: PathBuf,
    pub la_numbers: BTreeMap<String, String>,
    pub skip_la_numbers: Vec<String>,
}

pub struct DictionaryEntry {
    pub year_type: YearType,
    pub publisher: PublisherMeta,
}

pub type Dictionary = BTreeMap<String, DictionaryEntry>;

pub fn read_dictionary(_path: &Path) -> Result<Dictionary> {
    bail!("LAIT reader not yet written")
}

pub fn read_file(
    _path: &Path,
    _plans: &[(usize, Plan)],
    _lookup: &AreaLookup,
    _tables: &mut [MetricTable],
    _report: &mut Report,
) -> Result<()> {
    bail!("LAIT reader not yet written")
}

//! One publisher file read as the builder reads it, against a small fixed set of areas.
//!
//! The builder reads whole configurations; the fuzz targets in `fuzz/` want to hand one
//! reader one file and check what came out. [`Readers`] holds what a reader needs besides
//! its file (the areas, the DfE LA number lookup, the LAIT values) and [`Readers::read`]
//! runs one reader, returning the values it kept and the build report's counts.
//!
//! ```
//! use yardstick_cli::readers::{Format, Readers};
//!
//! let dir = std::env::temp_dir().join(format!("yardstick-readers-doc-{}", std::process::id()));
//! let readers = Readers::new(&dir).unwrap();
//! let file = dir.join("values.csv");
//! let header = "area,period,value,lower,upper,numerator,denominator,status,note";
//! let rows = "E06000001,2022-23,10.5,,,,,,\nE99999999,2022-23,1,,,,,,";
//! std::fs::write(&file, format!("{header}\n{rows}\n")).unwrap();
//! let outcome = readers.read(Format::Tidy, &file).unwrap();
//! assert_eq!((outcome.read, outcome.kept, outcome.rejected), (2, 1, 1));
//! assert_eq!(outcome.values[0].period.label(), "2022-23");
//! std::fs::remove_dir_all(&dir).unwrap();
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use yardstick_bundle::{AreaCode, MetricValue};

use crate::config::{AreasConfig, TidyCsvConfig};
use crate::report::{Input, Report};
use crate::sources::lookup::{self, AreaLookup};
use crate::sources::period_label::YearType;
use crate::sources::table::{MetricTable, RECODE};
use crate::sources::{lait, ons_els, tidy};

/// mySociety's list, cut to four areas: one with a former code (E06000099 is Beta's), one
/// abolished into another.
const AREAS: &str = "\
local-authority-code,nice-name,gss-code,start-date,end-date,replaced-by,nation,region,local-authority-type,county-la,combined-authority,former-gss-codes,pop-2020
AAA,Alpha,E06000001,1996-04-01,,,England,North East,UA,,,,1000
BBB,Beta,E06000002,1996-04-01,,,England,North East,UA,,,E06000099,2000
CCC,Gamma,E07000001,,2019-04-01,DDD,England,South West,NMD,,,,
DDD,Delta,E06000003,2019-04-01,,,England,South West,UA,,,,3000
";

/// The areas configuration: the list above, and regions (`E12`) skipped rather than rejected.
const AREAS_CONFIG: &str = r#"
mysociety = "areas.csv"
[[skip]]
prefixes = ["E12"]
reason = "regions are not areas of this bundle"
"#;

/// A tidy file's reader settings, with every optional column and marker.
const TIDY_CONFIG: &str = r#"
file = "values.csv"
area_column = "area"
period_column = "period"
year_type = "financial"
value_column = "value"
lower_column = "lower"
upper_column = "upper"
numerator_column = "numerator"
denominator_column = "denominator"
status_column = "status"
note_column = "note"
missing = { "-" = "not_available", "c" = "suppressed" }
statuses = { "x" = "not_available", "p" = "provisional", "n" = "note" }
"#;

/// DfE LA numbers: Delta took over number 302 from Beta in 2020.
const LA_LOOKUP: &str = "\
old_la_code,new_la_code,la_name,first,last
301,E06000001,Alpha,2017.0,2025.0
302,E06000002,Beta,2017.0,2019.0
302,E06000003,Delta,2020.0,2025.0
";

/// A LAIT long file for the LA number lookup to be read against.
const LAIT_VALUES: &str = "\
Short Desc,Data item,Years,LA and Regions,Values,LA Number,Region
RTA,Killed or seriously injured,2014-16,Alpha,12.13,301.0,North East
RTA,Killed or seriously injured,2022,Beta,x,302,North East
RTA,Killed or seriously injured,2018-19,Beta,7.5,302.0,North East
";

/// The kinds of file the builder reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A tidy CSV with every optional column (`area, period, value, lower, upper, numerator,
    /// denominator, status, note`), financial years, and markers for missing values.
    Tidy,
    /// The Oflog republication of DEFRA waste statistics (`AreaCode, Year, Measure, Value`),
    /// measure `Household waste recycling rate`.
    OflogWaste,
    /// An ONS Explore Local Statistics indicator CSV.
    OnsEls,
    /// The DfE LAIT long file, measure `RTA`.
    Lait,
    /// The DfE LA number lookup, read for a fixed LAIT file.
    LaLookup,
    /// The LAIT data dictionary.
    LaitDictionary,
    /// mySociety's list of local authorities, which the bundle's areas are built from.
    Areas,
}

impl Format {
    /// Every format, in the order above.
    pub const ALL: [Format; 7] = [
        Format::Tidy,
        Format::OflogWaste,
        Format::OnsEls,
        Format::Lait,
        Format::LaLookup,
        Format::LaitDictionary,
        Format::Areas,
    ];
}

/// What reading one file gave: the values kept and the report's counts for the file the
/// values come from (for [`Format::LaLookup`], the fixed LAIT file; for [`Format::Areas`], the
/// list itself).
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// The values kept, sorted by area and then period; empty for the dictionary and areas.
    pub values: Vec<MetricValue>,
    /// Data rows read.
    pub read: u64,
    /// Rows kept under an area's current code.
    pub kept: u64,
    /// Rows kept under a former code of an area (a same-area recode), part of `merged`.
    pub recoded: u64,
    /// Rows folded into another: recodes and duplicates.
    pub merged: u64,
    /// Rows deliberately not used.
    pub skipped: u64,
    /// Rows rejected, each with its line in the report.
    pub rejected: u64,
    /// Whether, for every file, each row read was kept, merged, skipped or rejected.
    pub balances: bool,
}

/// The fixed inputs the readers are run against, written into a scratch folder.
pub struct Readers {
    dir: PathBuf,
    lookup: AreaLookup,
    tidy: TidyCsvConfig,
}

impl Readers {
    /// Writes the areas list, the LA number lookup and a LAIT file into `dir` (created if
    /// missing) and builds the areas from them.
    pub fn new(dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        for (name, text) in [
            ("areas.csv", AREAS),
            ("la-lookup.csv", LA_LOOKUP),
            ("lait.csv", LAIT_VALUES),
        ] {
            let path = dir.join(name);
            std::fs::write(&path, text)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        let areas_config: AreasConfig = toml::from_str(AREAS_CONFIG)?;
        let tidy: TidyCsvConfig = toml::from_str(TIDY_CONFIG)?;
        let lookup = lookup::build(&areas_config, dir, &mut Report::new(dir))?;
        Ok(Self {
            dir: dir.to_path_buf(),
            lookup,
            tidy,
        })
    }

    /// The codes of the areas values can land on, sorted.
    pub fn area_codes(&self) -> Vec<AreaCode> {
        self.lookup.areas.iter().map(|a| a.code.clone()).collect()
    }

    /// Reads `file` as `format`. An error is what would stop a build (a missing column, a
    /// file that cannot be opened); bad rows are counted as rejected instead.
    pub fn read(&self, format: Format, file: &Path) -> Result<Outcome> {
        let mut report = Report::new(&self.dir);
        let mut tables = vec![MetricTable::default()];
        let input = Input::new(file, "fuzzing");
        let mut values_file = file.to_path_buf();
        match format {
            Format::Tidy => {
                let mut config = self.tidy.clone();
                config.file = file.to_path_buf();
                tidy::read_file(
                    &input,
                    &[(0, config)],
                    &self.lookup,
                    &mut tables,
                    &mut report,
                )?;
            }
            Format::OflogWaste => {
                let plans = [(0, tidy::oflog_waste(file, "Household waste recycling rate"))];
                tidy::read_file(&input, &plans, &self.lookup, &mut tables, &mut report)?;
            }
            Format::OnsEls => {
                let plans = [(0, ons_els::Plan::new(None, None, None))];
                ons_els::read_file(&input, &plans, &self.lookup, &mut tables, &mut report)?;
            }
            Format::Lait => {
                let plans = [(0, self.lait_plan(self.dir.join("la-lookup.csv")))];
                lait::read_file(&input, &plans, &self.lookup, &mut tables, &mut report)?;
            }
            Format::LaLookup => {
                let plans = [(0, self.lait_plan(file.to_path_buf()))];
                values_file = self.dir.join("lait.csv");
                let input = Input::new(&values_file, "fuzzing");
                lait::read_file(&input, &plans, &self.lookup, &mut tables, &mut report)?;
            }
            Format::LaitDictionary => {
                lait::read_dictionary(file)?;
            }
            Format::Areas => {
                let mut config: AreasConfig = toml::from_str(AREAS_CONFIG)?;
                config.mysociety = file.to_path_buf();
                lookup::build(&config, &self.dir, &mut report)?;
            }
        }
        let mut outcome = Outcome {
            values: tables
                .into_iter()
                .flat_map(MetricTable::into_values)
                .collect(),
            balances: report.files().values().all(|counts| counts.balances()),
            ..Outcome::default()
        };
        let of_values_file = report.files().iter().filter(|(i, _)| i.path == values_file);
        for (_, counts) in of_values_file {
            outcome.read += counts.read;
            outcome.kept += counts.kept;
            outcome.recoded += counts.merged.get(RECODE).copied().unwrap_or(0);
            outcome.merged += counts.merged_total();
            outcome.skipped += counts.skipped_total();
            outcome.rejected += counts.rejected_total();
        }
        Ok(outcome)
    }

    fn lait_plan(&self, lookup: PathBuf) -> lait::Plan {
        lait::Plan {
            measure: "RTA".to_owned(),
            year_type: YearType::Unspecified,
            lookup,
            la_numbers: BTreeMap::from([("970".to_owned(), "E06000001".to_owned())]),
            skip_la_numbers: vec!["987".to_owned()],
        }
    }
}

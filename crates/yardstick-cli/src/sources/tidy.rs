//! Tidy CSV files: one row per area and period, columns named in the configuration. The
//! Oflog waste and adult social care files are tidy files with fixed column names.

use std::path::Path;

use anyhow::{Result, bail};
use yardstick_bundle::{MissingReason, Period, Qualifier, Reading, Status};

use crate::config::{MissingStatusConfig, StatusConfig, TidyCsvConfig, YearTypeConfig};
use crate::report::{Input, Rejection, Report};
use crate::sources::CsvFile;
use crate::sources::lookup::AreaLookup;
use crate::sources::period_label::{YearType, parse_source_label};
use crate::sources::table::{MetricTable, RawValue, StatusRule, ValueRules, read_value};

/// The reader settings for the Oflog republication of DEFRA waste statistics.
pub fn oflog_waste(file: &Path, measure: &str) -> TidyCsvConfig {
    let mut config = bare(file, "AreaCode", "Value");
    config.period_column = Some("Year".to_owned());
    config.year_type = Some(YearTypeConfig::Financial);
    config
        .filter
        .insert("Measure".to_owned(), measure.to_owned());
    // DEFRA's `-`: no figure, mostly authorities that report jointly (Babergh and Mid Suffolk).
    config
        .missing
        .insert("-".to_owned(), MissingStatusConfig::NotAvailable);
    config
}

/// The reader settings for the Oflog republication of ASCOF adult social care outcomes.
pub fn oflog_adult_social_care(file: &Path, code: &str) -> TidyCsvConfig {
    let mut config = bare(file, "Local authority code", "Value");
    config.period_column = Some("Financial year".to_owned());
    config.year_type = Some(YearTypeConfig::Financial);
    config.filter.insert("Code".to_owned(), code.to_owned());
    // Blank: the measure was not collected for that council and year.
    config.blank = Some(MissingStatusConfig::NotAvailable);
    config
}

fn bare(file: &Path, area: &str, value: &str) -> TidyCsvConfig {
    TidyCsvConfig {
        file: file.to_path_buf(),
        area_column: area.to_owned(),
        period_column: None,
        period: None,
        year_type: None,
        value_column: value.to_owned(),
        lower_column: None,
        upper_column: None,
        numerator_column: None,
        denominator_column: None,
        status_column: None,
        note_column: None,
        filter: Default::default(),
        missing: Default::default(),
        statuses: Default::default(),
        blank: None,
    }
}

pub fn year_type(config: Option<YearTypeConfig>) -> YearType {
    match config {
        None => YearType::Unspecified,
        Some(YearTypeConfig::Calendar) => YearType::Calendar,
        Some(YearTypeConfig::Financial) => YearType::Financial,
        Some(YearTypeConfig::Academic) => YearType::Academic,
        Some(YearTypeConfig::SnapshotMarch) => YearType::Snapshot { month: 3, day: 31 },
        Some(YearTypeConfig::SnapshotSeptember) => YearType::Snapshot { month: 9, day: 30 },
        Some(YearTypeConfig::January) => YearType::MonthOfYear { month: 1 },
    }
}

pub fn missing_status(config: MissingStatusConfig) -> MissingReason {
    match config {
        MissingStatusConfig::Suppressed => MissingReason::Suppressed,
        MissingStatusConfig::NotAvailable => MissingReason::NotAvailable,
        MissingStatusConfig::NotApplicable => MissingReason::NotApplicable,
    }
}

fn status_rule(config: StatusConfig) -> StatusRule {
    match config {
        StatusConfig::Provisional => StatusRule::Status(Status::Qualified(Qualifier::Provisional)),
        StatusConfig::Revised => StatusRule::Status(Status::Qualified(Qualifier::Revised)),
        StatusConfig::Estimated => StatusRule::Status(Status::Qualified(Qualifier::Estimated)),
        StatusConfig::LowReliability => {
            StatusRule::Status(Status::Qualified(Qualifier::LowReliability))
        }
        StatusConfig::Suppressed => StatusRule::Status(Status::Missing(MissingReason::Suppressed)),
        StatusConfig::NotAvailable => {
            StatusRule::Status(Status::Missing(MissingReason::NotAvailable))
        }
        StatusConfig::NotApplicable => {
            StatusRule::Status(Status::Missing(MissingReason::NotApplicable))
        }
        StatusConfig::Note => StatusRule::Note,
    }
}

struct Columns {
    table: usize,
    filter: Vec<(usize, String)>,
    area: usize,
    period: Option<usize>,
    fixed_period: Option<Period>,
    year_type: YearType,
    value: usize,
    lower: Option<usize>,
    upper: Option<usize>,
    numerator: Option<usize>,
    denominator: Option<usize>,
    status: Option<usize>,
    note: Option<usize>,
    rules: ValueRules,
}

fn columns(csv: &CsvFile, table: usize, config: &TidyCsvConfig) -> Result<Columns> {
    let year_type = year_type(config.year_type);
    let fixed_period = match (&config.period_column, &config.period) {
        (Some(_), None) => None,
        (None, Some(text)) => Some(parse_source_label(text, year_type)?.period),
        _ => bail!(
            "{}: give exactly one of period_column and period",
            config.file.display()
        ),
    };
    let filter = config
        .filter
        .iter()
        .map(|(column, value)| Ok((csv.column(column)?, value.clone())))
        .collect::<Result<Vec<_>>>()?;
    Ok(Columns {
        table,
        filter,
        area: csv.column(&config.area_column)?,
        period: csv.optional_column(config.period_column.as_deref())?,
        fixed_period,
        year_type,
        value: csv.column(&config.value_column)?,
        lower: csv.optional_column(config.lower_column.as_deref())?,
        upper: csv.optional_column(config.upper_column.as_deref())?,
        numerator: csv.optional_column(config.numerator_column.as_deref())?,
        denominator: csv.optional_column(config.denominator_column.as_deref())?,
        status: csv.optional_column(config.status_column.as_deref())?,
        note: csv.optional_column(config.note_column.as_deref())?,
        rules: ValueRules {
            missing: config
                .missing
                .iter()
                .map(|(marker, status)| (marker.clone(), missing_status(*status)))
                .collect(),
            statuses: config
                .statuses
                .iter()
                .map(|(marker, status)| (marker.clone(), status_rule(*status)))
                .collect(),
            blank: config.blank.map(missing_status),
            other_status_is_note: false,
            blank_with_status: Default::default(),
        },
    })
}

/// Reads one tidy file for every metric that takes values from it. Each row goes to the
/// first metric whose filter it matches; rows matching none are skipped and counted.
pub fn read_file(
    input: &Input,
    plans: &[(usize, TidyCsvConfig)],
    lookup: &AreaLookup,
    tables: &mut [MetricTable],
    report: &mut Report,
) -> Result<()> {
    let path = &input.path;
    let mut csv = CsvFile::open(path)?;
    let plans: Vec<Columns> = plans
        .iter()
        .map(|(table, config)| columns(&csv, *table, config))
        .collect::<Result<_>>()?;
    while let Some(row) = csv.next_counted(input, report) {
        let Some(plan) = plans.iter().find(|plan| {
            plan.filter
                .iter()
                .all(|(column, value)| row.get(*column) == value)
        }) else {
            report.skipped(input, "not selected by any metric's filter");
            continue;
        };
        let (period, label_qualifier) = match (plan.period, plan.fixed_period) {
            (Some(column), _) => match parse_source_label(row.get(column), plan.year_type) {
                Ok(read) => (read.period, read.qualifier),
                Err(error) => {
                    report.reject(input, row.line, Rejection::UnknownPeriod, error.to_string());
                    continue;
                }
            },
            (None, Some(period)) => (period, None),
            (None, None) => continue,
        };
        let raw = RawValue {
            value: row.get(plan.value),
            lower: row.get_opt(plan.lower),
            upper: row.get_opt(plan.upper),
            numerator: row.get_opt(plan.numerator),
            denominator: row.get_opt(plan.denominator),
            status: row.get_opt(plan.status),
            note: row.get_opt(plan.note),
        };
        let (reading, note) = match read_value(raw, &plan.rules) {
            Ok(read) => read,
            Err((reason, detail)) => {
                report.reject(input, row.line, reason, detail);
                continue;
            }
        };
        let reading = with_label_qualifier(reading, label_qualifier);
        if let Some(table) = tables.get_mut(plan.table) {
            table.offer(
                row.get(plan.area),
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
    Ok(())
}

/// A qualifier carried by the period label (`2025 (prov)`) applies to a plain published value.
pub fn with_label_qualifier(reading: Reading, qualifier: Option<Qualifier>) -> Reading {
    match reading {
        Reading::Published(mut estimate) if estimate.qualifier.is_none() => {
            estimate.qualifier = qualifier;
            Reading::Published(estimate)
        }
        other => other,
    }
}

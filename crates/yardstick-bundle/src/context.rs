//! `context.json`: variables describing each area, for nearest-neighbour peer groups.

use std::collections::BTreeSet;

use yardstick_stats::AreaCode;

use crate::error::{BundleError, Document};
use crate::period::Period;
use crate::validate::{Problems, TextLimit, check_version, first_unsorted, from_json};
use crate::vocabulary::Transform;
use crate::wire::{ContextRowWire, ContextVariableWire, ContextWire};

/// One context variable.
#[derive(Debug, Clone, PartialEq)]
pub struct ContextVariable {
    /// URL-safe id.
    pub id: String,
    /// Title for display.
    pub title: String,
    /// What it measures and why it is context.
    pub description: String,
    /// Unit for display.
    pub unit: String,
    /// The period the values are for, where one applies.
    pub period: Option<Period>,
    /// Publisher and publication.
    pub source: String,
    /// Suggested transform before computing distances.
    pub transform: Transform,
}

/// One area's row of context values, one per variable (`None` where unknown).
#[derive(Debug, Clone, PartialEq)]
pub struct ContextRow {
    /// The area.
    pub area: AreaCode,
    /// Values in the order of [`ContextTable::variables`].
    pub values: Vec<Option<f64>>,
}

/// Context variables for every area that has any, rows sorted by area code.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ContextTable {
    /// The variables, in column order.
    pub variables: Vec<ContextVariable>,
    /// One row per area, sorted by code.
    pub rows: Vec<ContextRow>,
}

impl ContextTable {
    /// The column index of a variable.
    pub fn column(&self, id: &str) -> Option<usize> {
        self.variables.iter().position(|variable| variable.id == id)
    }

    /// One area's row.
    pub fn row(&self, area: &AreaCode) -> Option<&ContextRow> {
        self.rows
            .binary_search_by(|row| row.area.cmp(area))
            .ok()
            .and_then(|index| self.rows.get(index))
    }
}

/// Reads and validates `context.json`: unique variable ids, rows as wide as the variable
/// list, sorted by area with no repeats, finite numbers.
pub fn parse_context(bytes: &[u8]) -> Result<ContextTable, BundleError> {
    check_version(bytes, Document::Context)?;
    let wire: ContextWire = from_json(bytes, Document::Context)?;
    let mut problems = Problems::default();
    let mut ids = BTreeSet::new();
    let variables: Vec<ContextVariable> = wire
        .variables
        .iter()
        .map(|variable| {
            let at = format!("variable {:?}", variable.id);
            problems.slug(&at, &variable.id);
            if !ids.insert(variable.id.as_str()) {
                problems.push(format!("{at} appears more than once"));
            }
            problems.text(&at, "title", &variable.title, TextLimit::Title);
            problems.text(&at, "description", &variable.description, TextLimit::Prose);
            problems.text(&at, "unit", &variable.unit, TextLimit::Name);
            problems.text(&at, "source", &variable.source, TextLimit::Title);
            ContextVariable {
                id: variable.id.clone(),
                title: variable.title.clone(),
                description: variable.description.clone(),
                unit: variable.unit.clone(),
                period: variable
                    .period
                    .as_deref()
                    .and_then(|text| problems.period(&at, text)),
                source: variable.source.clone(),
                transform: variable.transform,
            }
        })
        .collect();
    let rows: Vec<ContextRow> = wire
        .rows
        .iter()
        .map(|row| {
            let at = format!("row {:?}", row.area);
            if row.values.len() != variables.len() {
                problems.push(format!(
                    "{at} has {} values for {} variables",
                    row.values.len(),
                    variables.len()
                ));
            }
            if row.values.iter().flatten().any(|value| !value.is_finite()) {
                problems.push(format!("{at} has a number that is not finite"));
            }
            ContextRow {
                area: problems.area_code(&at, &row.area),
                values: row.values.clone(),
            }
        })
        .collect();
    if let Some((index, _)) = first_unsorted(&rows.iter().map(|r| &r.area).collect::<Vec<_>>()) {
        problems.push(format!(
            "row {} is out of order or repeats an area",
            index + 1
        ));
    }
    problems.finish(Document::Context)?;
    Ok(ContextTable { variables, rows })
}

pub(crate) fn context_to_wire_parts(
    table: &ContextTable,
) -> (Vec<ContextVariableWire>, Vec<ContextRowWire>) {
    let variables = table
        .variables
        .iter()
        .map(|variable| ContextVariableWire {
            id: variable.id.clone(),
            title: variable.title.clone(),
            description: variable.description.clone(),
            unit: variable.unit.clone(),
            period: variable.period.map(|p| p.to_string()),
            source: variable.source.clone(),
            transform: variable.transform,
        })
        .collect();
    let rows = table
        .rows
        .iter()
        .map(|row| ContextRowWire {
            area: row.area.to_string(),
            values: row.values.clone(),
        })
        .collect();
    (variables, rows)
}

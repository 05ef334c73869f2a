//! The command line's JSON output: a format of its own, not a dump of the engine's structs.
//!
//! Every `--format json` prints one [`Document`]: the command's name, [`FORMAT_VERSION`] and
//! that command's body, built here from the engine's results by explicit conversions. The
//! engine's types have no serde at all, so changing one is a compile error in this module, not
//! a silent change to what scripts read. docs/schema/cli/output.schema.json describes the same
//! shapes (draft 2020-12) and docs/cli.md says when the version changes;
//! tests/json_schema.rs validates real output against the schema.

pub mod compare;
pub mod peers;
pub mod summary;
pub mod words;

use anyhow::Result;
use serde::Serialize;
use yardstick_stats::{NotCalculated, Outcome, Qualifier};

/// The version of the JSON output format, `MAJOR.MINOR`. A new field adds to the minor
/// number; anything a reader of the previous version could trip on (a field removed, renamed
/// or retyped, a new word in a closed list) adds to the major number.
pub const FORMAT_VERSION: &str = "1.0";

/// The British label of an engine period label, or the label itself if it is not a period.
pub(crate) fn period_text(label: &str) -> String {
    yardstick_bundle::period_from_label(label)
        .map_or_else(|| label.to_owned(), yardstick_bundle::Period::label)
}

/// One command's output: which command, which version of the format, then its body's fields.
#[derive(Debug, Serialize)]
pub struct Document<T> {
    /// The command that printed it (`compare`, `summary`, `peers`, `metrics`, `areas`).
    pub command: &'static str,
    /// [`FORMAT_VERSION`].
    pub format_version: &'static str,
    /// The command's own fields, at the top level beside the two above.
    #[serde(flatten)]
    pub body: T,
}

/// `body` as the pretty-printed JSON document of `command`, with a final newline.
pub fn render<T: Serialize>(command: &'static str, body: T) -> Result<String> {
    let document = Document {
        command,
        format_version: FORMAT_VERSION,
        body,
    };
    Ok(serde_json::to_string_pretty(&document)? + "\n")
}

/// A figure the engine may not have been able to calculate: the figure itself, or an object
/// whose `reason` says why not. Never `null` or NaN.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Figure<T> {
    /// The figure.
    Value(T),
    /// Why there is none.
    NotCalculated(Reason),
}

impl<T> Figure<T> {
    /// The engine's outcome, its value converted by `convert`.
    pub fn from_outcome<'e, E>(outcome: &'e Outcome<E>, convert: impl FnOnce(&'e E) -> T) -> Self {
        match outcome {
            Ok(value) => Self::Value(convert(value)),
            Err(why) => Self::NotCalculated(Reason::from(*why)),
        }
    }
}

impl Figure<f64> {
    /// A number the engine may not have calculated.
    pub fn number(outcome: &Outcome<f64>) -> Self {
        Self::from_outcome(outcome, |v| *v)
    }
}

/// Why a figure could not be calculated: a snake_case `reason`, with the counts or the kind of
/// missing value where the reason has them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// The reason, such as `too_few_values` or `no_intervals`.
    pub reason: &'static str,
    /// For `too_few_values` and `too_few_events`: how many the method needs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub needed: Option<usize>,
    /// For `too_few_values`: how many there were.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found: Option<usize>,
    /// For `missing_value`: why the area's own value is missing (`suppressed`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing: Option<&'static str>,
}

impl Reason {
    fn bare(reason: &'static str) -> Self {
        Self {
            reason,
            needed: None,
            found: None,
            missing: None,
        }
    }
}

impl From<NotCalculated> for Reason {
    fn from(why: NotCalculated) -> Self {
        match why {
            NotCalculated::NoValues => Self::bare("no_values"),
            NotCalculated::TooFewValues { needed, found } => Self {
                needed: Some(needed),
                found: Some(found),
                ..Self::bare("too_few_values")
            },
            NotCalculated::NoSpread => Self::bare("no_spread"),
            NotCalculated::NotFinite => Self::bare("not_finite"),
            NotCalculated::ZeroDenominator => Self::bare("zero_denominator"),
            NotCalculated::NegativeInput => Self::bare("negative_input"),
            NotCalculated::NumeratorExceedsDenominator => {
                Self::bare("numerator_exceeds_denominator")
            }
            NotCalculated::TooFewEvents { needed } => Self {
                // A u32 always fits a usize on the 32- and 64-bit targets Rust builds for.
                needed: usize::try_from(needed).ok(),
                ..Self::bare("too_few_events")
            },
            NotCalculated::MissingValue { missing } => Self {
                missing: Some(words::missing(missing)),
                ..Self::bare("missing_value")
            },
            NotCalculated::NoCounts => Self::bare("no_counts"),
            NotCalculated::NoIntervals => Self::bare("no_intervals"),
            NotCalculated::InconsistentLimits => Self::bare("inconsistent_limits"),
            NotCalculated::LevelNotPublished => Self::bare("level_not_published"),
            NotCalculated::NoService => Self::bare("no_service"),
            NotCalculated::EmptyGroup => Self::bare("empty_group"),
            NotCalculated::NoPolarity => Self::bare("no_polarity"),
        }
    }
}

/// The publisher's marks on a value: at most one is set, the value's qualifier.
#[derive(Debug, Serialize)]
pub struct Flags {
    /// The figure may be revised.
    pub provisional: bool,
    /// The figure was revised since first published.
    pub revised: bool,
    /// The figure is an estimate.
    pub estimated: bool,
    /// The publisher warns the figure is unreliable.
    pub low_reliability: bool,
}

impl From<Option<Qualifier>> for Flags {
    fn from(qualifier: Option<Qualifier>) -> Self {
        Self {
            provisional: qualifier == Some(Qualifier::Provisional),
            revised: qualifier == Some(Qualifier::Revised),
            estimated: qualifier == Some(Qualifier::Estimated),
            low_reliability: qualifier == Some(Qualifier::LowReliability),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_carry_their_counts_and_missing_kind() {
        let check = |why: NotCalculated, expected: &str| {
            let text = serde_json::to_string(&Figure::<f64>::from_outcome(&Err(why), |v| *v))
                .unwrap_or_default();
            assert_eq!(text, expected, "{why:?}");
        };
        check(
            NotCalculated::TooFewValues {
                needed: 4,
                found: 3,
            },
            r#"{"reason":"too_few_values","needed":4,"found":3}"#,
        );
        check(
            NotCalculated::TooFewEvents { needed: 10 },
            r#"{"reason":"too_few_events","needed":10}"#,
        );
        check(
            NotCalculated::MissingValue {
                missing: yardstick_stats::Absence::Missing(
                    yardstick_stats::MissingReason::Suppressed,
                ),
            },
            r#"{"reason":"missing_value","missing":"suppressed"}"#,
        );
        check(
            NotCalculated::MissingValue {
                missing: yardstick_stats::Absence::NotFinite,
            },
            r#"{"reason":"missing_value","missing":"not_finite"}"#,
        );
        check(NotCalculated::NoIntervals, r#"{"reason":"no_intervals"}"#);
    }

    /// The output keeps its four marks; a value sets at most the one its qualifier names.
    #[test]
    fn flags_set_the_one_mark_a_qualifier_names() {
        let check = |qualifier: Option<Qualifier>, expected: &str| {
            let text = serde_json::to_string(&Flags::from(qualifier)).unwrap_or_default();
            assert_eq!(text, expected, "{qualifier:?}");
        };
        check(
            None,
            r#"{"provisional":false,"revised":false,"estimated":false,"low_reliability":false}"#,
        );
        check(
            Some(Qualifier::Revised),
            r#"{"provisional":false,"revised":true,"estimated":false,"low_reliability":false}"#,
        );
        check(
            Some(Qualifier::LowReliability),
            r#"{"provisional":false,"revised":false,"estimated":false,"low_reliability":true}"#,
        );
    }

    #[test]
    fn a_document_names_its_command_and_version_first() {
        #[derive(Serialize)]
        struct Body {
            area: &'static str,
        }
        let text = render("peers", Body { area: "E08000009" }).unwrap_or_default();
        assert_eq!(
            text,
            "{\n  \"command\": \"peers\",\n  \"format_version\": \"1.0\",\n  \"area\": \"E08000009\"\n}\n"
        );
    }
}

//! The comparison-group grammar shared by the command line and the widget's URLs.

use crate::order::sort_with;
use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use crate::domain::AreaCode;

/// How many nearest neighbours a group has when the spec does not say (CIPFA publishes 15).
pub const DEFAULT_NEIGHBOURS: usize = 15;

/// Which areas an area is compared with.
///
/// Written as text on the command line (`--group`) and in the widget's URL (`?group=`):
///
/// | spec | group |
/// |---|---|
/// | `all` | every area that provides the metric's service |
/// | `type` | those of the same area type |
/// | `region` | those in the same region |
/// | `published:ID` | a published list from the bundle, e.g. `published:dfe-2025` |
/// | `nearest`, `nearest:K`, `nearest:all` | the K (1 or more, default 15) most similar areas on the context variables |
/// | `list:CODE,CODE,...` | a custom list of area codes |
///
/// `nearest` takes options after the count, each `;key=value`, in any order, each at most once:
///
/// | option | values | default |
/// |---|---|---|
/// | `vars=a,b,c` | context variable ids | every variable |
/// | `weights=a:2,b:0.5` | `variable:weight`, weight ≥ 0; unlisted variables weigh 1 | all 1 |
/// | `scale=z` or `scale=robust` | z-scores, or (x − median) / (1.4826 MAD) | `z` |
/// | `distance=euclidean` or `distance=mahalanobis` | distance measure | `euclidean` |
/// | `log=a,b` or `log=none` | variables to log-transform first | the bundle's suggestion |
///
/// For example `nearest:10;vars=imd,density,over65;weights=imd:2;scale=robust;log=density`.
///
/// Every character the grammar uses (letters, digits, `- _ . : ; , =`) is allowed unescaped in
/// a URL query value, and a query parser that splits on `&` and on the first `=` leaves the
/// spec whole. `Display` writes the canonical form (options in the order above, defaults left
/// out, `list:` codes sorted), which `FromStr` reads back to an equal value.
///
/// ```
/// use yardstick_stats::GroupSpec;
///
/// let spec: GroupSpec = "nearest:10;scale=robust;vars=imd,density".parse().unwrap();
/// assert_eq!(spec.to_string(), "nearest:10;vars=imd,density;scale=robust");
/// assert!("nearest:0".parse::<GroupSpec>().is_err());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum GroupSpec {
    /// All areas that provide the service.
    All,
    /// Areas of the same type.
    SameType,
    /// Areas in the same region.
    SameRegion,
    /// A published list, by the bundle's group id.
    Published(String),
    /// Nearest neighbours on the context variables.
    Nearest(NearestSpec),
    /// A custom list, sorted and without repeats.
    List(Vec<AreaCode>),
}

/// How many neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NeighbourCount {
    /// At most this many (1 or more).
    Count(usize),
    /// Every candidate, ranked.
    All,
}

/// How each context variable is put on a common scale.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Scaling {
    /// z-score: (x − mean) / sample standard deviation, as ONS and CIPFA do.
    #[default]
    ZScore,
    /// (x − median) / (1.4826 × MAD): insensitive to a few extreme areas; 1.4826 makes it
    /// agree with the z-score for normally distributed values.
    Robust,
}

/// The distance between two areas' scaled context values.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DistanceMeasure {
    /// Weighted Euclidean distance, `√Σ w_j (a_j − b_j)²`.
    #[default]
    Euclidean,
    /// Mahalanobis distance with a covariance shrunk towards its diagonal (see
    /// [`MAHALANOBIS_SHRINKAGE`](crate::MAHALANOBIS_SHRINKAGE)), so correlated variables are
    /// not counted twice.
    Mahalanobis,
}

/// Which variables to log-transform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LogChoice {
    /// As the bundle suggests for each variable.
    Suggested,
    /// None.
    None,
    /// Exactly these.
    Variables(Vec<String>),
}

/// The options of a `nearest` group.
#[derive(Debug, Clone, PartialEq)]
pub struct NearestSpec {
    /// How many neighbours.
    pub count: NeighbourCount,
    /// Variables to use, in the order given; `None` for every variable.
    pub variables: Option<Vec<String>>,
    /// Weights of named variables (sorted by name); others weigh 1.
    pub weights: Vec<(String, f64)>,
    /// Scaling.
    pub scale: Scaling,
    /// Distance.
    pub distance: DistanceMeasure,
    /// Log transforms.
    pub log: LogChoice,
}

impl Default for NearestSpec {
    fn default() -> Self {
        Self {
            count: NeighbourCount::Count(DEFAULT_NEIGHBOURS),
            variables: None,
            weights: Vec::new(),
            scale: Scaling::ZScore,
            distance: DistanceMeasure::Euclidean,
            log: LogChoice::Suggested,
        }
    }
}

/// A group spec that could not be read: what was wrong, and what is allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupSpecError {
    /// The text as given.
    pub input: String,
    /// What was wrong.
    pub problem: SpecProblem,
}

/// What was wrong with a group spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpecProblem {
    /// Nothing was given.
    Empty,
    /// The part before `:` is not a kind of group.
    UnknownKind(String),
    /// `published` or `list` without its `:` part.
    MissingArgument(&'static str),
    /// `all`, `type` or `region` with a `:` part.
    UnexpectedArgument(&'static str),
    /// The neighbour count is not a whole number from 1, or `all`.
    BadCount(String),
    /// An option other than those allowed.
    UnknownOption(String),
    /// An option given twice.
    RepeatedOption(String),
    /// An option without `=value`.
    OptionWithoutValue(String),
    /// An option's value is not allowed.
    BadOptionValue {
        /// The option.
        option: &'static str,
        /// The value given.
        value: String,
        /// What is allowed.
        allowed: &'static str,
    },
    /// A list item is empty or has characters outside letters, digits, `-`, `_` and `.`.
    BadName(String),
    /// A name appears twice in one list.
    Repeated(String),
}

const KINDS: &str = "all, type, region, published:ID, nearest[:K][;options], list:CODE,CODE,...";
const OPTIONS: &str = "vars, weights, scale, distance, log";

impl fmt::Display for GroupSpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot read the group {:?}: ", self.input)?;
        match &self.problem {
            SpecProblem::Empty => write!(f, "it is empty; use one of {KINDS}"),
            SpecProblem::UnknownKind(kind) => {
                write!(f, "{kind:?} is not a kind of group; use one of {KINDS}")
            }
            SpecProblem::MissingArgument(kind) => match *kind {
                "published" => write!(f, "say which published group, e.g. published:dfe-2025"),
                _ => write!(f, "give the area codes, e.g. list:E08000009,E08000010"),
            },
            SpecProblem::UnexpectedArgument(kind) => {
                write!(f, "{kind} takes nothing after it; write just {kind:?}")
            }
            SpecProblem::BadCount(count) => write!(
                f,
                "{count:?} is not a number of neighbours; use a whole number from 1, or all (default {DEFAULT_NEIGHBOURS})"
            ),
            SpecProblem::UnknownOption(option) => write!(
                f,
                "{option:?} is not an option of nearest; the options are {OPTIONS}, each written ;name=value"
            ),
            SpecProblem::RepeatedOption(option) => {
                write!(f, "the option {option} is given twice; give it once")
            }
            SpecProblem::OptionWithoutValue(option) => {
                write!(
                    f,
                    "the option {option:?} has no value; write ;{option}=value"
                )
            }
            SpecProblem::BadOptionValue {
                option,
                value,
                allowed,
            } => write!(f, "{value:?} is not allowed for {option}; use {allowed}"),
            SpecProblem::BadName(name) => write!(
                f,
                "{name:?} is not a valid name; names use letters, digits, '-', '_' and '.'"
            ),
            SpecProblem::Repeated(name) => write!(f, "{name} appears twice; list it once"),
        }
    }
}

impl std::error::Error for GroupSpecError {}

fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn names(text: &str) -> Result<Vec<String>, SpecProblem> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for name in text.split(',') {
        if !valid_name(name) {
            return Err(SpecProblem::BadName(name.to_owned()));
        }
        if !seen.insert(name) {
            return Err(SpecProblem::Repeated(name.to_owned()));
        }
        out.push(name.to_owned());
    }
    Ok(out)
}

/// Reads the value of text that [`is_decimal_number`] accepts. Natively the standard library's
/// parser; the widget passes the browser's, which is as exact and spares the wasm the standard
/// parser's tables (about 13 KB of Brotli).
pub type NumberParser = fn(&str) -> Option<f64>;

/// The standard library's number parser, for [`GroupSpec::parse_with`].
#[allow(
    clippy::disallowed_methods,
    reason = "the native parser; the wasm clippy run bans calling this function instead"
)]
pub fn std_number(text: &str) -> Option<f64> {
    text.parse().ok()
}

/// Whether `text` is a plain decimal number: an optional sign, digits with at most one decimal
/// point (at least one digit), and an optional exponent (`e` or `E`, an optional sign, digits).
/// No spaces, no `inf` or `NaN`. Every parser reads such text to the same, correctly rounded
/// value, so what a spec means does not depend on the [`NumberParser`].
///
/// ```
/// use yardstick_stats::is_decimal_number;
///
/// for yes in ["2", "-0", "+1.5", ".5", "5.", "1e3", "2.5E-2"] {
///     assert!(is_decimal_number(yes), "{yes}");
/// }
/// for no in ["", ".", "-", "1.2.3", "1e", "e3", " 1", "inf", "NaN", "0x10", "1_000"] {
///     assert!(!is_decimal_number(no), "{no}");
/// }
/// ```
pub fn is_decimal_number(text: &str) -> bool {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, Some(exponent)),
        None => (unsigned, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = digits(whole) && digits(fraction) && whole.len() + fraction.len() > 0;
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok
}

fn parse_nearest(argument: Option<&str>, number: NumberParser) -> Result<NearestSpec, SpecProblem> {
    let mut spec = NearestSpec::default();
    let mut parts = argument.unwrap_or("").split(';');
    let count = parts.next().unwrap_or("");
    spec.count = match count {
        "" => NeighbourCount::Count(DEFAULT_NEIGHBOURS),
        "all" => NeighbourCount::All,
        #[allow(clippy::disallowed_methods, reason = "an integer: no float parser")]
        digits => match digits.parse::<usize>() {
            Ok(k) if k >= 1 && digits.bytes().all(|b| b.is_ascii_digit()) => {
                NeighbourCount::Count(k)
            }
            _ => return Err(SpecProblem::BadCount(digits.to_owned())),
        },
    };
    let mut seen = BTreeSet::new();
    for option in parts {
        let Some((name, value)) = option.split_once('=') else {
            return Err(SpecProblem::OptionWithoutValue(option.to_owned()));
        };
        if !seen.insert(name.to_owned()) {
            return Err(SpecProblem::RepeatedOption(name.to_owned()));
        }
        match name {
            "vars" => spec.variables = Some(names(value)?),
            "weights" => spec.weights = parse_weights(value, number)?,
            "scale" => {
                spec.scale = match value {
                    "z" => Scaling::ZScore,
                    "robust" => Scaling::Robust,
                    _ => return Err(bad("scale", value, "z or robust")),
                }
            }
            "distance" => {
                spec.distance = match value {
                    "euclidean" => DistanceMeasure::Euclidean,
                    "mahalanobis" => DistanceMeasure::Mahalanobis,
                    _ => return Err(bad("distance", value, "euclidean or mahalanobis")),
                }
            }
            "log" => {
                spec.log = match value {
                    "none" => LogChoice::None,
                    _ => LogChoice::Variables(names(value)?),
                }
            }
            _ => return Err(SpecProblem::UnknownOption(name.to_owned())),
        }
    }
    Ok(spec)
}

fn bad(option: &'static str, value: &str, allowed: &'static str) -> SpecProblem {
    SpecProblem::BadOptionValue {
        option,
        value: value.to_owned(),
        allowed,
    }
}

fn parse_weights(text: &str, number: NumberParser) -> Result<Vec<(String, f64)>, SpecProblem> {
    const ALLOWED: &str = "variable:weight pairs separated by commas, each weight a number ≥ 0, e.g. weights=imd:2,density:0.5";
    let mut weights: Vec<(String, f64)> = Vec::new();
    for pair in text.split(',') {
        let Some((name, weight)) = pair.split_once(':') else {
            return Err(bad("weights", pair, ALLOWED));
        };
        if !valid_name(name) {
            return Err(SpecProblem::BadName(name.to_owned()));
        }
        let value = is_decimal_number(weight).then(|| number(weight)).flatten();
        let weight = match value {
            Some(w) if w.is_finite() && w >= 0.0 && !weight.starts_with('+') => w,
            _ => return Err(bad("weights", pair, ALLOWED)),
        };
        if weights.iter().any(|(seen, _)| seen == name) {
            return Err(SpecProblem::Repeated(name.to_owned()));
        }
        // -0 and 0 are one weight.
        weights.push((name.to_owned(), weight + 0.0));
    }
    sort_with(&mut weights, |a, b| a.0.cmp(&b.0));
    Ok(weights)
}

impl FromStr for GroupSpec {
    type Err = GroupSpecError;

    #[allow(
        clippy::disallowed_methods,
        reason = "the native reading; the widget calls parse_with with the browser's parser"
    )]
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        Self::parse_with(input, std_number)
    }
}

impl GroupSpec {
    /// Reads a spec as `from_str` does, with `number` reading the weights.
    pub fn parse_with(input: &str, number: NumberParser) -> Result<Self, GroupSpecError> {
        let fail = |problem| GroupSpecError {
            input: input.to_owned(),
            problem,
        };
        if input.is_empty() {
            return Err(fail(SpecProblem::Empty));
        }
        let (kind, argument) = match input.split_once(':') {
            Some((kind, argument)) => (kind, Some(argument)),
            None => (input, None),
        };
        let fixed = |kind: &'static str, spec: GroupSpec| match argument {
            None => Ok(spec),
            Some(_) => Err(fail(SpecProblem::UnexpectedArgument(kind))),
        };
        match kind {
            "all" => fixed("all", Self::All),
            "type" => fixed("type", Self::SameType),
            "region" => fixed("region", Self::SameRegion),
            "published" => match argument {
                None | Some("") => Err(fail(SpecProblem::MissingArgument("published"))),
                Some(id) if valid_name(id) => Ok(Self::Published(id.to_owned())),
                Some(id) => Err(fail(SpecProblem::BadName(id.to_owned()))),
            },
            "list" => match argument {
                None | Some("") => Err(fail(SpecProblem::MissingArgument("list"))),
                Some(codes) => {
                    let mut codes: Vec<AreaCode> = names(codes)
                        .map_err(fail)?
                        .into_iter()
                        .map(AreaCode::new)
                        .collect();
                    sort_with(&mut codes, Ord::cmp);
                    Ok(Self::List(codes))
                }
            },
            "nearest" => parse_nearest(argument, number)
                .map(Self::Nearest)
                .map_err(fail),
            other => Err(fail(SpecProblem::UnknownKind(other.to_owned()))),
        }
    }
}

fn join<T: fmt::Display>(items: impl IntoIterator<Item = T>) -> String {
    items
        .into_iter()
        .map(|item| item.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

impl fmt::Display for GroupSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::All => f.write_str("all"),
            Self::SameType => f.write_str("type"),
            Self::SameRegion => f.write_str("region"),
            Self::Published(id) => write!(f, "published:{id}"),
            Self::List(codes) => write!(f, "list:{}", join(codes)),
            Self::Nearest(spec) => {
                f.write_str("nearest:")?;
                match spec.count {
                    NeighbourCount::Count(k) => write!(f, "{k}")?,
                    NeighbourCount::All => f.write_str("all")?,
                }
                if let Some(variables) = &spec.variables {
                    write!(f, ";vars={}", join(variables))?;
                }
                if !spec.weights.is_empty() {
                    let pairs = spec.weights.iter().map(|(name, w)| format!("{name}:{w}"));
                    write!(f, ";weights={}", join(pairs))?;
                }
                if spec.scale == Scaling::Robust {
                    f.write_str(";scale=robust")?;
                }
                if spec.distance == DistanceMeasure::Mahalanobis {
                    f.write_str(";distance=mahalanobis")?;
                }
                match &spec.log {
                    LogChoice::Suggested => {}
                    LogChoice::None => f.write_str(";log=none")?,
                    LogChoice::Variables(variables) => write!(f, ";log={}", join(variables))?,
                }
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The weights are read by the parser given, and only text that is a plain decimal number
    /// ever reaches it.
    #[test]
    fn weights_are_read_by_the_given_number_parser() {
        let three: NumberParser = |_| Some(3.0);
        let spec = GroupSpec::parse_with("nearest:5;weights=imd:2", three).unwrap();
        assert_eq!(spec.to_string(), "nearest:5;weights=imd:3");
        let never: NumberParser = |text| panic!("{text:?} reached the number parser");
        for input in [
            "nearest:5;weights=imd:0x10",
            "nearest:5;weights=imd:inf",
            "nearest:5;weights=imd: 2",
        ] {
            assert!(GroupSpec::parse_with(input, never).is_err(), "{input}");
        }
        assert_eq!(
            GroupSpec::parse_with("type", never),
            Ok(GroupSpec::SameType)
        );
    }

    /// Parses `input` and checks the canonical text, or the error message's start.
    fn check(input: &str, expected: &str) {
        let actual = match input.parse::<GroupSpec>() {
            Ok(spec) => {
                let text = spec.to_string();
                assert_eq!(text.parse::<GroupSpec>().as_ref(), Ok(&spec), "{text}");
                text
            }
            Err(error) => format!("error: {error}"),
        };
        assert!(
            actual.starts_with(expected),
            "{input:?}\n  gave     {actual}\n  expected {expected}"
        );
    }

    #[test]
    fn specs_and_their_canonical_forms() {
        check("all", "all");
        check("type", "type");
        check("region", "region");
        check("published:dfe-2025", "published:dfe-2025");
        check("list:E08000010,E08000009", "list:E08000009,E08000010");
        check("nearest", "nearest:15");
        check("nearest:", "nearest:15");
        check("nearest:all", "nearest:all");
        check("nearest:1", "nearest:1");
        check(
            "nearest:10;log=density;distance=mahalanobis;scale=robust;weights=imd:2,age:0.5;vars=imd,density",
            "nearest:10;vars=imd,density;weights=age:0.5,imd:2;scale=robust;distance=mahalanobis;log=density",
        );
        check("nearest:5;scale=z;distance=euclidean", "nearest:5");
        check("nearest:5;log=none", "nearest:5;log=none");
        check("nearest:5;weights=imd:-0", "nearest:5;weights=imd:0");
    }

    #[test]
    fn bad_specs_say_what_is_wrong_and_what_is_allowed() {
        check(
            "",
            "error: cannot read the group \"\": it is empty; use one of all, type",
        );
        check(
            "everyone",
            "error: cannot read the group \"everyone\": \"everyone\" is not a kind of group; use one of all",
        );
        check(
            "all:5",
            "error: cannot read the group \"all:5\": all takes nothing after it",
        );
        check(
            "published",
            "error: cannot read the group \"published\": say which published group",
        );
        check(
            "list:",
            "error: cannot read the group \"list:\": give the area codes",
        );
        check(
            "list:E1,E1",
            "error: cannot read the group \"list:E1,E1\": E1 appears twice",
        );
        check(
            "list:E1,,E2",
            "error: cannot read the group \"list:E1,,E2\": \"\" is not a valid name",
        );
        check(
            "nearest:0",
            "error: cannot read the group \"nearest:0\": \"0\" is not a number of neighbours; use a whole number from 1, or all",
        );
        check(
            "nearest:-3",
            "error: cannot read the group \"nearest:-3\": \"-3\" is not a number",
        );
        check(
            "nearest:+3",
            "error: cannot read the group \"nearest:+3\": \"+3\" is not a number",
        );
        check(
            "nearest:5;k=3",
            "error: cannot read the group \"nearest:5;k=3\": \"k\" is not an option of nearest; the options are vars, weights, scale, distance, log",
        );
        check(
            "nearest:5;scale=minmax",
            "error: cannot read the group \"nearest:5;scale=minmax\": \"minmax\" is not allowed for scale; use z or robust",
        );
        check(
            "nearest:5;distance=manhattan",
            "error: cannot read the group \"nearest:5;distance=manhattan\": \"manhattan\" is not allowed for distance; use euclidean or mahalanobis",
        );
        check(
            "nearest:5;weights=imd:-1",
            "error: cannot read the group \"nearest:5;weights=imd:-1\": \"imd:-1\" is not allowed for weights",
        );
        check(
            "nearest:5;weights=imd:NaN",
            "error: cannot read the group \"nearest:5;weights=imd:NaN\": \"imd:NaN\" is not allowed for weights",
        );
        check(
            "nearest:5;weights=imd",
            "error: cannot read the group \"nearest:5;weights=imd\": \"imd\" is not allowed for weights",
        );
        check(
            "nearest:5;scale=z;scale=z",
            "error: cannot read the group \"nearest:5;scale=z;scale=z\": the option scale is given twice",
        );
        check(
            "nearest:5;vars",
            "error: cannot read the group \"nearest:5;vars\": the option \"vars\" has no value",
        );
        check(
            "nearest:5;vars=a b",
            "error: cannot read the group \"nearest:5;vars=a b\": \"a b\" is not a valid name",
        );
    }
}

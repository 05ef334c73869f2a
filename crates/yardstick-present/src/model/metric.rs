//! The metric view as plain data: one council among its peer group for one metric and period.
//! Every number comes from the engine (`yardstick_stats::Dataset::compare`); this module
//! attaches names, statuses and notes from the bundle and words from `words`.

use yardstick_bundle::{
    Area, AreaCode, Areas, Manifest, MetricMeta, MetricValues, MissingReason, PeerGroups, Period,
    Reading,
};
use yardstick_stats::{
    CompareOptions, Comparison, Dataset, Direction, EngineError, GroupSpec, Judgement,
    NotCalculated, Polarity, VerdictMethod,
};

use crate::chart::{BarInput, DotStripInput, RankedBarsInput, StripMember, StripRole};
use crate::format;
use crate::notes;
use crate::table::{Cell, Column, Row, Table};
use crate::words;
use yardstick_stats::sort_with;

/// One member of the group (or the council itself), with what the bundle says of its value.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberRow {
    pub code: AreaCode,
    pub name: String,
    pub reading: Reading,
    pub note: Option<String>,
    pub chosen: bool,
    /// The mark of a figure reported jointly with other councils ([`notes::joint_figure`]).
    pub joint: Option<String>,
}

impl MemberRow {
    fn value(&self) -> Option<f64> {
        self.reading.value()
    }
}

/// Everything the metric view shows.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricModel {
    pub metric: MetricMeta,
    pub period: Period,
    pub area: Area,
    /// The peer group in words ("metropolitan districts").
    pub group_name: String,
    /// The engine's comparison.
    pub comparison: Comparison,
    /// The council and its peers: values highest first (ties by code), then those without.
    pub members: Vec<MemberRow>,
    /// Every council responsible for the service with a figure, for the distribution.
    pub everyone: Vec<(AreaCode, String, f64)>,
    /// A published group used for a theme it was not built for, in a sentence
    /// ([`notes::group_purpose`]).
    pub group_warning: Option<String>,
}

/// Why the metric view cannot show a comparison.
#[derive(Debug, Clone, PartialEq)]
pub enum MetricProblem {
    /// The council has no place in the comparison, and why, truly: the figures cover another
    /// nation, another tier provides the service, or figures are published for other tiers.
    NotCompared {
        /// "Kent has no figure for this measure".
        title: String,
        /// The reason, with the council that does have the figure where there is one.
        detail: String,
    },
    /// The request could not be answered (an unknown group, no context variables...).
    Engine(String),
}

/// Builds the metric view from a dataset that holds the metric (and the context or published
/// groups the spec needs).
#[allow(
    clippy::too_many_arguments,
    reason = "one call site; a struct would only rename them"
)]
pub fn metric_model(
    manifest: &Manifest,
    areas: &Areas,
    groups: Option<&PeerGroups>,
    dataset: &Dataset,
    values: &MetricValues,
    area: &Area,
    metric: &MetricMeta,
    period: Period,
    spec: &GroupSpec,
) -> Result<MetricModel, MetricProblem> {
    let label = period.to_string();
    let engine_error = |error: EngineError| match error {
        EngineError::AreaWithoutService(_) => not_compared_problem(manifest, areas, area, metric),
        other => MetricProblem::Engine(other.to_string()),
    };
    let comparison = dataset
        .compare(
            &area.code,
            &metric.id,
            Some(&label),
            spec,
            CompareOptions::default(),
        )
        .map_err(engine_error)?;
    let everyone = dataset
        .compare(
            &area.code,
            &metric.id,
            Some(&label),
            &GroupSpec::All,
            CompareOptions::default(),
        )
        .map_err(engine_error)?;

    let row_for = |code: &AreaCode| {
        let value = values.for_area(code).find(|v| v.period == period).cloned();
        MemberRow {
            code: code.clone(),
            name: name_of(areas, code),
            reading: value
                .as_ref()
                .map_or(Reading::Missing(MissingReason::NotAvailable), |v| v.reading),
            note: value.and_then(|v| v.note),
            chosen: *code == area.code,
            joint: notes::joint_figure(metric, areas, code, period),
        }
    };
    let mut with_values: Vec<MemberRow> = comparison
        .ranking
        .iter()
        .map(|ranked| row_for(&ranked.code))
        .collect();
    sort_with(&mut with_values, |a, b| {
        let (x, y) = (a.value().unwrap_or(f64::MIN), b.value().unwrap_or(f64::MIN));
        y.total_cmp(&x).then_with(|| a.code.cmp(&b.code))
    });
    // Members without a figure are listed, except councils that did not exist in the period
    // (abolished before it began, or created after it ended): their gap is not a gap.
    let in_force = |code: &AreaCode| {
        areas.get(code).is_none_or(|a| {
            a.end.is_none_or(|end| end >= period.start())
                && a.start.is_none_or(|start| start <= period.end())
        })
    };
    let mut without: Vec<MemberRow> = comparison
        .group
        .missing
        .iter()
        .filter(|missing| missing.code == area.code || in_force(&missing.code))
        .map(|missing| row_for(&missing.code))
        .collect();
    sort_with(&mut without, |a, b| {
        a.name.cmp(&b.name).then_with(|| a.code.cmp(&b.code))
    });
    with_values.extend(without);

    let mut all: Vec<(AreaCode, String, f64)> = everyone
        .ranking
        .iter()
        .map(|r| (r.code.clone(), name_of(areas, &r.code), r.value))
        .collect();
    sort_with(&mut all, |a, b| {
        a.2.total_cmp(&b.2).then_with(|| a.0.cmp(&b.0))
    });

    Ok(MetricModel {
        metric: metric.clone(),
        period,
        area: area.clone(),
        group_name: words::group_name(
            spec,
            &area.name,
            &area.area_type,
            area.region.as_deref(),
            manifest,
            groups,
            Some(metric.subject()),
        ),
        comparison,
        members: with_values,
        everyone: all,
        group_warning: match spec {
            GroupSpec::Published(id) => groups
                .and_then(|g| g.group(id))
                .and_then(|group| notes::group_purpose(group, metric, manifest)),
            _ => None,
        },
    })
}

/// Why `area` is not in the comparison of `metric`, in words.
pub fn not_compared_problem(
    manifest: &Manifest,
    areas: &Areas,
    area: &Area,
    metric: &MetricMeta,
) -> MetricProblem {
    match yardstick_bundle::not_compared(metric, area, areas) {
        Some(why) => {
            let (title, detail) =
                words::not_compared(&why, area, metric.subject(), manifest, areas);
            MetricProblem::NotCompared { title, detail }
        }
        // A bundle before 1.2 says no more than which types are compared.
        None => MetricProblem::NotCompared {
            title: format!("{} has no figure for this measure", area.name),
            detail: "This data compares other kinds of council on this measure.".to_owned(),
        },
    }
}

fn name_of(areas: &Areas, code: &AreaCode) -> String {
    areas
        .get(code)
        .map_or_else(|| code.to_string(), |a| a.name.clone())
}

impl MetricModel {
    fn text(&self, value: f64) -> String {
        format::value(&self.metric, value)
    }

    fn members_with_values(&self) -> usize {
        self.members.iter().filter(|m| m.value().is_some()).count()
    }

    /// The median, formatted.
    pub fn median_text(&self) -> Option<String> {
        self.comparison
            .assessment
            .description
            .as_ref()
            .ok()
            .map(|d| self.text(d.median))
    }

    /// The verdict's badge (shape and words): the test's where it could be made, else the
    /// distance rule's.
    pub fn badge(&self) -> words::Badge {
        match &self.comparison.assessment.verdict {
            Ok(verdict) => words::verdict(*verdict),
            Err(_) => words::NOT_COMPARED,
        }
    }

    /// How the verdict was reached, in a few words ("distance rule"), for beside the badge.
    pub fn verdict_method(&self) -> Option<&'static str> {
        self.comparison
            .assessment
            .verdict
            .as_ref()
            .ok()
            .map(|v| words::verdict_method_short(v.method))
    }

    /// Who the median is over: "the 36 metropolitan districts with a figure", or "16
    /// councils with a figure (Trafford and its 15 nearest neighbours)".
    pub fn members_phrase(&self) -> String {
        let n = self.members_with_values();
        let name = &self.area.name;
        match &self.comparison.group.spec {
            GroupSpec::SameType => format!("the {n} {} with a figure", self.group_name),
            GroupSpec::All => {
                format!(
                    "the {n} {}",
                    words::compared(Some(self.metric.subject())).trim_end_matches(" with figures")
                ) + " with a figure"
            }
            GroupSpec::SameRegion => format!(
                "{n} councils with a figure ({name} and the other {})",
                self.group_name
            ),
            GroupSpec::List(_) => format!(
                "{n} councils with a figure ({name} and {})",
                self.group_name
            ),
            GroupSpec::Published(_) => format!(
                "{n} councils with a figure ({name} and its {})",
                self.group_name
            ),
            GroupSpec::Nearest(_) => format!(
                "{n} councils with a figure ({} and {name})",
                self.group_name
            ),
        }
    }

    /// The summary's first sentence: the council's figure (or why there is none) against the
    /// group median. A compact embed shows it alone, beside the verdict's badge and method.
    pub fn headline(&self) -> String {
        self.headline_and_value().0
    }

    /// The first sentence, and the council's figure when it has one.
    fn headline_and_value(&self) -> (String, Option<f64>) {
        let title = &self.metric.short_title;
        let period = self.period.label();
        let name = &self.area.name;
        let assessment = &self.comparison.assessment;
        let Ok(own) = assessment.value else {
            let why = self
                .members
                .iter()
                .find(|m| m.chosen)
                .and_then(|m| m.reading.status())
                .map_or_else(
                    || "not available".to_owned(),
                    |s| format::status(s).to_lowercase(),
                );
            let median = self
                .median_text()
                .map(|m| format!(" The median of {} was {m}.", self.members_phrase()))
                .unwrap_or_default();
            return (
                format!("{title}, {period}: there is no figure for {name} ({why}).{median}"),
                None,
            );
        };
        let mut text = format!("{title}, {period}: {name} {}", self.text(own));
        if let Ok(ci) = &assessment.interval_95 {
            text.push_str(&format!(
                " (95% confidence interval {})",
                format::range(&self.metric, ci.lower, ci.upper)
            ));
        }
        match self.median_text() {
            Some(median) => text.push_str(&format!(
                ", against a median of {median} for {}.",
                self.members_phrase()
            )),
            None => text.push('.'),
        }
        (text, Some(own))
    }

    /// The plain-English summary: the council's figure, the group median, how many members
    /// are higher or lower, and what the statistical comparison says. Values, never places.
    pub fn summary(&self) -> String {
        let (mut text, own) = self.headline_and_value();
        let Some(own) = own else {
            return text;
        };
        let (mut above, mut level, mut below) = (0, 0, 0);
        for value in self
            .members
            .iter()
            .filter(|m| !m.chosen)
            .filter_map(MemberRow::value)
        {
            match value.total_cmp(&own) {
                std::cmp::Ordering::Greater => above += 1,
                std::cmp::Ordering::Equal => level += 1,
                std::cmp::Ordering::Less => below += 1,
            }
        }
        let parts: Vec<String> = [
            (below, "had a lower figure"),
            (above, "had a higher figure"),
            (level, "had the same figure"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, phrase)| format!("{n} {phrase}"))
        .collect();
        if let Some((last, rest)) = parts.split_last() {
            let listed = if rest.is_empty() {
                last.clone()
            } else {
                format!("{} and {last}", rest.join(", "))
            };
            text.push_str(&format!(
                " Of the other {}, {listed}.",
                above + level + below
            ));
        }
        text.push(' ');
        text.push_str(&self.verdict());
        text
    }

    /// The verdict in a sentence, naming its method: the significance test where intervals or
    /// counts allow it, else the distance rule (never worded as a test).
    pub fn verdict(&self) -> String {
        let name = &self.area.name;
        let assessment = &self.comparison.assessment;
        match &assessment.verdict {
            Ok(verdict) => match verdict.method {
                VerdictMethod::Test(_) => {
                    let method = words::verdict_method(verdict.method);
                    match (verdict.judgement, &assessment.benchmark) {
                        (Judgement::Similar, _) => format!(
                            "Allowing for uncertainty, {name}'s figure is similar to the group \
                             median, {method}."
                        ),
                        (judgement, Ok(b)) => {
                            let words = words::judgement(judgement).words.to_lowercase();
                            let level = b
                                .significant_at
                                .map(|level| {
                                    format!(", significant at the {} level", level_text(level))
                                })
                                .unwrap_or_default();
                            format!(
                                "Allowing for uncertainty, {name}'s figure is {} than the group \
                                 median{level}, {method}.",
                                words.trim_end_matches(" (99.8% level)")
                            )
                        }
                        (_, Err(_)) => format!("{name}'s figure is compared {method}."),
                    }
                }
                VerdictMethod::DistanceFromMedian => {
                    let place = match verdict.direction {
                        Direction::Higher => "well above",
                        Direction::Lower => "well below",
                        Direction::Similar => "close to",
                    };
                    let side = match verdict.judgement {
                        Judgement::Better | Judgement::Best => " (the better side)",
                        Judgement::Worse | Judgement::Worst => " (the worse side)",
                        _ => "",
                    };
                    format!(
                        "{name}'s figure is {place} the group median{side}, {}.",
                        words::verdict_method(verdict.method)
                    )
                }
            },
            Err(reason) => format!(
                "{name}'s figure is not compared with the group median: {}.",
                words::not_calculated(*reason)
            ),
        }
    }

    /// The group statistics as label and value pairs, for the summary table.
    pub fn statistics(&self) -> Vec<(String, String)> {
        let a = &self.comparison.assessment;
        let mut rows = Vec::new();
        let fmt_outcome = |o: &Result<f64, NotCalculated>, f: &dyn Fn(f64) -> String| match o {
            Ok(v) => f(*v),
            Err(reason) => words::not_calculated_note(*reason),
        };
        rows.push((
            format!("{} ({})", self.area.name, self.period.label()),
            fmt_outcome(&a.value, &|v| self.text(v)),
        ));
        match &a.description {
            Ok(d) => {
                rows.push(("Councils with a figure".to_owned(), d.n.to_string()));
                rows.push(("Median".to_owned(), self.text(d.median)));
                match &d.quartiles {
                    Ok(q) => {
                        rows.push(("Lower quartile".to_owned(), self.text(q.q1)));
                        rows.push(("Upper quartile".to_owned(), self.text(q.q3)));
                        rows.push((
                            "Interquartile range".to_owned(),
                            format::spread(&self.metric, q.q3 - q.q1),
                        ));
                    }
                    Err(reason) => {
                        rows.push(("Quartiles".to_owned(), words::not_calculated_note(*reason)))
                    }
                }
                rows.push((
                    "Median absolute deviation".to_owned(),
                    format::spread(&self.metric, d.mad),
                ));
                rows.push(("Mean".to_owned(), self.text(d.mean)));
                rows.push(("Lowest".to_owned(), self.text(d.min)));
                rows.push(("Highest".to_owned(), self.text(d.max)));
            }
            Err(reason) => rows.push(("Group".to_owned(), words::not_calculated_note(*reason))),
        }
        if let Ok(position) = &a.position {
            if let Ok(band) = position.quartile_band {
                rows.push((
                    "Position".to_owned(),
                    capitalise(words::quartile_band(band)),
                ));
            }
            rows.push((
                "Distance from the median".to_owned(),
                match position.mad_score {
                    Ok(score) => format!(
                        "{} median absolute deviations {}",
                        format::number(score.abs(), 1),
                        if score >= 0.0 { "above" } else { "below" }
                    ),
                    Err(reason) => words::not_calculated_note(reason),
                },
            ));
        }
        for (label, interval) in [
            ("95% confidence interval", &a.interval_95),
            ("99.8% confidence interval", &a.interval_998),
        ] {
            if let Ok(ci) = interval {
                rows.push((
                    label.to_owned(),
                    format::range(&self.metric, ci.lower, ci.upper),
                ));
            }
        }
        rows.push((
            "Compared with the group median".to_owned(),
            format!("{} {}", self.badge().symbol, self.badge().words),
        ));
        rows
    }

    /// What the ranked bar chart draws.
    pub fn bars(&self) -> RankedBarsInput {
        let description = self.comparison.assessment.description.as_ref().ok();
        RankedBarsInput {
            bars: self
                .members
                .iter()
                .filter_map(|m| {
                    let value = m.value()?;
                    let limits = match m.reading {
                        Reading::Published(e) => e.lower.zip(e.upper),
                        Reading::Missing(_) => None,
                    };
                    Some(BarInput {
                        label: m.name.clone(),
                        value,
                        value_text: self.text(value),
                        highlighted: m.chosen,
                        interval: limits,
                    })
                })
                .collect(),
            median: description.map(|d| (d.median, format!("Median {}", self.text(d.median)))),
            quartiles: description.and_then(|d| d.quartiles.as_ref().ok().map(|q| (q.q1, q.q3))),
            tick_decimals: tick_decimals(self.members.iter().filter_map(MemberRow::value)),
            width: 640,
        }
    }

    /// What the distribution strip draws: every council with the service, peers marked.
    pub fn strip(&self) -> DotStripInput {
        let peers: std::collections::BTreeSet<&AreaCode> =
            self.members.iter().map(|m| &m.code).collect();
        let description = self.comparison.assessment.description.as_ref().ok();
        DotStripInput {
            members: self
                .everyone
                .iter()
                .map(|(code, name, value)| StripMember {
                    name: name.clone(),
                    value: *value,
                    role: if *code == self.area.code {
                        StripRole::Chosen
                    } else if peers.contains(code) {
                        StripRole::Peer
                    } else {
                        StripRole::Other
                    },
                })
                .collect(),
            median: description.map(|d| d.median),
            quartiles: description.and_then(|d| d.quartiles.as_ref().ok().map(|q| (q.q1, q.q3))),
            chosen_label: self
                .comparison
                .assessment
                .value
                .as_ref()
                .ok()
                .map(|v| format!("{} {}", self.area.name, self.text(*v))),
            tick_decimals: tick_decimals(self.everyone.iter().map(|e| e.2)),
            width: 640,
        }
    }

    /// The bar chart's text alternative.
    pub fn bars_description(&self) -> String {
        let mut text = format!(
            "Bar chart of {}, {}, for {}, highest first. ",
            self.metric.short_title,
            self.period.label(),
            self.members_phrase()
        );
        match self.comparison.assessment.value {
            Ok(own) => text.push_str(&format!(
                "{} is marked, at {}. ",
                self.area.name,
                self.text(own)
            )),
            Err(_) => text.push_str(&format!("{} has no figure. ", self.area.name)),
        }
        if let Some(median) = self.median_text() {
            text.push_str(&format!("A dashed line marks the median, {median}. "));
        }
        for member in &self.members {
            if let Some(joint) = &member.joint {
                text.push_str(&format!("{}: {joint}. ", member.name));
            }
        }
        text.push_str("The table below lists the same figures.");
        text
    }

    /// The distribution's text alternative.
    pub fn strip_description(&self) -> String {
        format!(
            "Dot plot of {}, {}, for all {} {}. Members of the peer group are filled dots, others hollow; {} is the large \
             ringed dot{}.",
            self.metric.short_title,
            self.period.label(),
            self.everyone.len(),
            words::compared(Some(self.metric.subject())),
            self.area.name,
            self.median_text()
                .map(|m| format!(", and the dashed line marks the peer group median, {m}"))
                .unwrap_or_default()
        )
    }

    /// The members as a table, with provenance lines for the CSV.
    pub fn table(&self, manifest: &Manifest) -> Table {
        let unit = if self.metric.unit.is_empty() {
            String::new()
        } else {
            format!(" ({})", self.metric.unit)
        };
        let has_limits = self.members.iter().any(|m| {
            matches!(m.reading, Reading::Published(e) if e.lower.is_some() && e.upper.is_some())
        });
        let mut columns = vec![
            Column::text("Council"),
            Column::text("GSS code"),
            Column::number(format!("{}{unit}", self.metric.short_title)),
        ];
        if has_limits {
            columns.push(Column::number("Lower 95% limit"));
            columns.push(Column::number("Upper 95% limit"));
        }
        columns.push(Column::text("Notes"));
        let rows = self
            .members
            .iter()
            .map(|m| {
                let mut cells = vec![Cell::text(m.name.clone()), Cell::text(m.code.to_string())];
                let estimate = match m.reading {
                    Reading::Published(e) => Some(e),
                    Reading::Missing(_) => None,
                };
                cells.push(match estimate {
                    Some(e) => Cell::published(e.value, self.text(e.value)),
                    None => Cell::gap("No figure"),
                });
                if has_limits {
                    for limit in [
                        estimate.and_then(|e| e.lower),
                        estimate.and_then(|e| e.upper),
                    ] {
                        cells.push(match limit {
                            Some(v) => Cell::published(v, self.text(v)),
                            None => Cell::gap(""),
                        });
                    }
                }
                let mut notes = Vec::new();
                if m.chosen {
                    notes.push("Selected council".to_owned());
                }
                if let Some(status) = m.reading.status() {
                    notes.push(format::status(status).to_owned());
                }
                if let Some(joint) = &m.joint {
                    notes.push(joint.clone());
                }
                if let Some(note) = &m.note {
                    notes.push(note.clone());
                }
                cells.push(Cell::text(notes.join(". ")));
                Row {
                    cells,
                    highlighted: m.chosen,
                }
            })
            .collect();
        Table {
            caption: format!(
                "{}, {}: {} and {}",
                self.metric.short_title,
                self.period.label(),
                self.area.name,
                self.group_name
            ),
            columns,
            rows,
            provenance: {
                let mut lines = provenance(
                    manifest,
                    &self.metric,
                    self.period,
                    &match &self.group_warning {
                        Some(warning) => format!(
                            "{} ({}). {warning}",
                            self.group_name, self.comparison.group.spec
                        ),
                        None => format!("{} ({})", self.group_name, self.comparison.group.spec),
                    },
                );
                // The figures an officer quotes (median, quartiles, count) travel with the
                // rows they summarise, in the words and units of the table on screen.
                lines.push(format!("Group statistics: {}", self.group_name));
                lines.extend(
                    self.statistics()
                        .into_iter()
                        .map(|(label, value)| format!("{label}: {value}")),
                );
                lines
            },
        }
    }

    /// Whether "better" may be said of this metric.
    pub fn judged(&self) -> bool {
        self.metric.polarity != Polarity::NoJudgement
    }
}

/// The lines under a downloaded chart, so that the file stands alone: the unit, the source
/// and its date, the licence and the bundle's attribution. Addresses are the bundle's vetted
/// `WebAddress`es.
pub fn chart_notes(manifest: &Manifest, metric: &MetricMeta) -> Vec<String> {
    let mut lines = Vec::new();
    if !metric.unit.is_empty() {
        lines.push(format!("Unit: {}", metric.unit));
    }
    lines.extend(source_lines(manifest, metric));
    lines.extend(manifest.attribution.iter().cloned());
    lines
}

/// Where a metric's figures come from: the source with its address, its date, and the
/// licence with its address; shared by chart downloads and table provenance.
fn source_lines(manifest: &Manifest, metric: &MetricMeta) -> [String; 3] {
    let licence = manifest.licence(&metric.source.licence).map_or_else(
        || metric.source.licence.clone(),
        |l| format!("{} <{}>", l.title, l.url),
    );
    [
        format!(
            "Source: {}, {} <{}>",
            metric.source.organisation, metric.source.title, metric.source.url
        ),
        notes::source_date(&metric.source),
        format!("Licence: {licence}"),
    ]
}

/// A download's file name, without extension: its parts (council, measure, period, group,
/// chart) in lower case, each character outside `a-z` and `0-9` a hyphen, runs of hyphens
/// made one, joined by `_`. Two groups give two names, so one download cannot overwrite the
/// other; a part is cut at 60 characters to keep a list of councils from making a name no
/// file system takes.
pub fn file_stem(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|part| {
            let mut slug = String::new();
            for c in part.chars().flat_map(char::to_lowercase) {
                if c.is_ascii_lowercase() || c.is_ascii_digit() {
                    slug.push(c);
                } else if !slug.is_empty() && !slug.ends_with('-') {
                    slug.push('-');
                }
            }
            let cut: String = slug.chars().take(60).collect();
            cut.trim_end_matches('-').to_owned()
        })
        .filter(|slug| !slug.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// The lines that travel with every download: what, when, where from, under which licence,
/// compared with whom, the caveats, and the exact data version.
pub fn provenance(
    manifest: &Manifest,
    metric: &MetricMeta,
    period: Period,
    group: &str,
) -> Vec<String> {
    let mut lines = vec![
        format!("{} ({})", metric.title, metric.id),
        format!("Period: {}", period.label()),
    ];
    lines.extend(source_lines(manifest, metric));
    lines.push(format!("Peer group: {group}"));
    for caveat in &metric.caveats {
        lines.push(format!("Caveat: {caveat}"));
    }
    lines.extend(manifest.attribution.iter().cloned());
    lines.push(format!("Data version: {}", manifest.content_hash));
    lines.push("Computed by Yardstick in the browser from the published figures.".to_owned());
    lines
}

fn level_text(level: yardstick_stats::ConfidenceLevel) -> &'static str {
    match level {
        yardstick_stats::ConfidenceLevel::P95 => "95%",
        yardstick_stats::ConfidenceLevel::P998 => "99.8%",
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Decimal places for axis ticks: none unless every value is below 10.
pub fn tick_decimals(values: impl Iterator<Item = f64>) -> usize {
    let largest = values.map(f64::abs).fold(0.0, f64::max);
    if largest < 1.0 {
        2
    } else if largest < 10.0 {
        1
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yardstick_bundle::{DatasetBuilder, parse_areas, parse_manifest, parse_metric_values};

    const MANIFEST: &str = include_str!("../../../../tests/fixtures/mini-bundle/manifest.json");
    const AREAS: &str = include_str!("../../../../tests/fixtures/mini-bundle/areas.json");
    const VALUES: &str =
        include_str!("../../../../tests/fixtures/mini-bundle/metrics/recycling.json");

    fn model_for(code: &str, period: &str, spec: GroupSpec) -> Result<MetricModel, MetricProblem> {
        let manifest = parse_manifest(MANIFEST.as_bytes()).expect("manifest fixture");
        let areas = parse_areas(AREAS.as_bytes()).expect("areas fixture");
        let values = parse_metric_values(VALUES.as_bytes()).expect("values fixture");
        let mut builder = DatasetBuilder::new(&areas, None, None);
        builder.add_metric(&manifest, &values).expect("converts");
        let dataset = builder.build().expect("builds");
        let metric = manifest.metric("recycling").expect("metric").clone();
        let area = areas.get(&AreaCode::new(code)).expect("area").clone();
        let period = Period::parse_iso(period).expect("period");
        metric_model(
            &manifest, &areas, None, &dataset, &values, &area, &metric, period, &spec,
        )
    }

    fn model(code: &str) -> MetricModel {
        model_for(code, "2022-04-01/P1Y", GroupSpec::SameType).expect("a comparison")
    }

    #[test]
    fn members_are_ordered_by_value_then_code_and_gaps_come_last() {
        let names: Vec<String> = model("E08000009")
            .members
            .into_iter()
            .map(|m| m.name)
            .collect();
        // Bolton and Trafford tie at 40.0: area code decides. Wigan's figure is suppressed.
        assert_eq!(names, ["Bury", "Bolton", "Trafford", "Manchester", "Wigan"]);
    }

    #[test]
    fn the_median_counts_only_published_values() {
        // 30, 40, 40, 50: the median is 40 (the suppressed figure is not a zero).
        let m = model("E08000009");
        let d = m
            .comparison
            .assessment
            .description
            .as_ref()
            .expect("described");
        assert_eq!((d.n, d.median), (4, 40.0));
        assert_eq!(m.median_text().as_deref(), Some("40.0%"));
    }

    #[test]
    fn the_headline_is_the_summarys_first_sentence() {
        let model = model("E08000009");
        assert_eq!(
            model.headline(),
            "Recycling rate, 2022-23: Trafford 40.0%, against a median of 40.0% for the \
             4 metropolitan districts with a figure."
        );
        assert!(model.summary().starts_with(&model.headline()));
        assert_eq!(model.verdict_method(), Some("distance rule"));
    }

    #[test]
    fn the_summary_states_values_not_places() {
        let summary = model("E08000009").summary();
        assert!(
            summary.starts_with(
                "Recycling rate, 2022-23: Trafford 40.0%, against a median of 40.0% for the \
                 4 metropolitan districts with a figure. Of the other 3, 1 had a lower figure, \
                 1 had a higher figure and 1 had the same figure."
            ),
            "{summary}"
        );
        // No interval is published for the fixture, so there is no test: the distance rule
        // gives the verdict, says so and never claims significance. 40.0 is the median itself.
        assert!(
            summary
                .contains("Trafford's figure is close to the group median, by the distance rule"),
            "{summary}"
        );
        assert!(summary.contains("not a statistical test"), "{summary}");
        assert!(!summary.contains("significant"), "{summary}");
        for word in ["rank", "worst", "best", "top ", "bottom", "league"] {
            assert!(
                !summary.to_lowercase().contains(word),
                "summary says {word}"
            );
        }
    }

    #[test]
    fn a_council_without_a_figure_is_listed_and_explained() {
        let m = model("E08000010");
        assert!(
            m.members
                .iter()
                .any(|row| row.chosen && row.reading.value().is_none())
        );
        assert!(
            m.summary()
                .contains("there is no figure for Wigan (suppressed)")
        );
    }

    #[test]
    fn a_county_has_no_waste_collection_figure_and_is_told_who_provides_it() {
        let Err(MetricProblem::NotCompared { title, detail }) =
            model_for("E10000014", "2022-04-01/P1Y", GroupSpec::SameType)
        else {
            panic!("Hampshire is compared on recycling");
        };
        assert_eq!(title, "Hampshire has no figure for this measure");
        // The fixture's only waste collectors are metropolitan districts.
        assert_eq!(
            detail,
            "Hampshire does not provide this service: it is provided by metropolitan districts."
        );
    }

    #[test]
    fn the_chart_marks_the_chosen_bar_and_the_median() {
        let input = model("E08000009").bars();
        let highlighted: Vec<&str> = input
            .bars
            .iter()
            .filter(|b| b.highlighted)
            .map(|b| b.label.as_str())
            .collect();
        assert_eq!(highlighted, ["Trafford"]);
        assert_eq!(input.median, Some((40.0, "Median 40.0%".to_owned())));
    }

    #[test]
    fn the_table_keeps_provenance_for_the_csv() {
        let manifest = parse_manifest(MANIFEST.as_bytes()).expect("manifest fixture");
        let table = model("E08000009").table(&manifest);
        assert_eq!(table.rows.len(), 5);
        let csv = table.to_csv();
        assert!(csv.contains("# Period: 2022-23"), "{csv}");
        assert!(csv.contains("# Source: DEFRA, Waste statistics"), "{csv}");
        assert!(csv.contains("# Data version: sha256:"), "{csv}");
        assert!(
            csv.contains("Trafford,E08000009,40,Selected council"),
            "{csv}"
        );
    }

    #[test]
    fn the_csv_carries_the_group_statistics_an_officer_quotes() {
        // Regression: the compare view's CSV left out the median and quartiles.
        let manifest = parse_manifest(MANIFEST.as_bytes()).expect("manifest fixture");
        let csv = model("E08000009").table(&manifest).to_csv();
        // 30, 40, 40, 50 (Wigan suppressed): n 4, median 40, quartiles 37.5 and 42.5 (type 7).
        for line in [
            "# Councils with a figure: 4",
            "# Median: 40.0%",
            "# Lower quartile: 37.5%",
            "# Upper quartile: 42.5%",
        ] {
            assert!(csv.contains(line), "{line} missing from {csv}");
        }
        let statistics = csv.find("# Group statistics:").expect("a heading");
        let header = csv.find("Council,GSS code").expect("the header row");
        assert!(statistics < header, "{csv}");
    }

    #[test]
    fn chart_notes_name_unit_source_and_licence() {
        let manifest = parse_manifest(MANIFEST.as_bytes()).expect("manifest fixture");
        let metric = manifest.metric("recycling").expect("metric");
        let notes = chart_notes(&manifest, metric);
        assert!(notes.iter().any(|l| l.starts_with("Unit: ")), "{notes:?}");
        assert!(
            notes
                .iter()
                .any(|l| l.starts_with("Source: DEFRA, Waste statistics <https://")),
            "{notes:?}"
        );
        assert!(
            notes.iter().any(|l| l.starts_with("Licence: ")),
            "{notes:?}"
        );
    }

    #[test]
    fn file_stems_name_every_part_and_keep_only_safe_characters() {
        let check = |parts: &[&str], expected: &str| assert_eq!(file_stem(parts), expected);
        check(
            &[
                "E08000009",
                "recycling",
                "2022-23",
                "published:dfe-2025",
                "bars",
            ],
            "e08000009_recycling_2022-23_published-dfe-2025_bars",
        );
        check(
            &[
                "E08000009",
                "recycling",
                "2022-23",
                "nearest:15;weights=a,b",
                "bars",
            ],
            "e08000009_recycling_2022-23_nearest-15-weights-a-b_bars",
        );
        check(&["../../etc", "", "Ä b"], "etc_b");
        // Two groups, two names.
        assert_ne!(
            file_stem(&["E08000009", "recycling", "type"]),
            file_stem(&["E08000009", "recycling", "region"])
        );
        assert!(file_stem(&[&"list:E08000009,".repeat(40)]).len() <= 60);
    }
}

//! The overview as plain data: every metric that applies to a council, grouped by theme, with
//! its latest figure, the group median, where it sits (the spine chart) and the engine's
//! comparison and direction of travel.

use yardstick_bundle::{Area, Areas, Manifest, MetricMeta, NotCompared, Subject};
use yardstick_stats::sort_with;
use yardstick_stats::{CompareOptions, Comparison, Dataset, GroupSpec, Judgement};

use crate::chart::{SpineInput, SpineOutcome};
use crate::format;
use crate::notes;
use crate::table::{Cell, Column, Row, Table};
use crate::words::{self, Badge};

/// One metric's line in the overview.
#[derive(Debug, Clone, PartialEq)]
pub enum OverviewLine {
    /// Still downloading.
    Loading { metric: MetricMeta },
    /// The comparison.
    Ready {
        metric: MetricMeta,
        comparison: Box<Comparison>,
    },
    /// The comparison could not be made (the reason in words).
    Failed { metric: MetricMeta, reason: String },
}

impl OverviewLine {
    pub fn metric(&self) -> &MetricMeta {
        match self {
            Self::Loading { metric } | Self::Ready { metric, .. } | Self::Failed { metric, .. } => {
                metric
            }
        }
    }

    /// The verdict's badge.
    pub fn badge(&self) -> Badge {
        match self {
            Self::Ready { comparison, .. } => match &comparison.assessment.verdict {
                Ok(verdict) => words::verdict(*verdict),
                Err(_) => words::NOT_COMPARED,
            },
            _ => words::NOT_COMPARED,
        }
    }

    /// How the verdict was reached, in a few words, or why there is none.
    pub fn verdict_note(&self) -> Option<String> {
        let Self::Ready { comparison, .. } = self else {
            return None;
        };
        Some(match &comparison.assessment.verdict {
            Ok(verdict) => format!("by the {}", words::verdict_method_short(verdict.method)),
            Err(reason) => words::not_calculated(*reason),
        })
    }

    /// The change since the previous period told neutrally, naming both periods ("Down 0.4
    /// percentage points since 2021-22"); better or worse only from a trend test.
    pub fn change(&self) -> Option<String> {
        let Self::Ready { metric, comparison } = self else {
            return None;
        };
        let change = comparison.trend.change_since_previous.as_ref().ok()?;
        let since = yardstick_bundle::period_from_label(&change.from)
            .map_or_else(|| change.from.clone(), |p| p.label());
        Some(if change.absolute == 0.0 {
            format!("No change since {since}")
        } else {
            let direction = if change.absolute > 0.0 { "Up" } else { "Down" };
            format!(
                "{direction} {} since {since}",
                format::spread(metric, change.absolute.abs())
            )
        })
    }

    /// The recent trend, only when a test found one: "Improving (Mann–Kendall test …)".
    pub fn tested_trend(&self) -> Option<String> {
        let Self::Ready { comparison, .. } = self else {
            return None;
        };
        let recent = comparison.trend.recent.as_ref().ok()?;
        (recent.marker != yardstick_stats::TrendMarker::NoSignificantChange).then(|| {
            format!(
                "{} over the last five periods ({})",
                words::recent_trend(recent.marker, recent.progress),
                words::trend_method(recent.method)
            )
        })
    }

    /// Sort key for "by outcome": worse first, then better, then similar, then the rest, so a
    /// reader sees where attention is needed without a league table of councils.
    pub fn outcome_order(&self) -> u8 {
        match self {
            Self::Ready { comparison, .. } => match &comparison.assessment.verdict {
                Ok(v) => match v.judgement {
                    Judgement::Worst => 0,
                    Judgement::Worse => 1,
                    Judgement::Best => 2,
                    Judgement::Better => 3,
                    Judgement::Higher | Judgement::Lower => 4,
                    Judgement::Similar => 5,
                },
                Err(_) => 6,
            },
            Self::Failed { .. } => 7,
            Self::Loading { .. } => 8,
        }
    }

    /// What the spine chart draws, when there is enough to draw it.
    pub fn spine(&self) -> Option<SpineInput> {
        let Self::Ready { metric, comparison } = self else {
            return None;
        };
        let description = comparison.assessment.description.as_ref().ok()?;
        let quartiles = description.quartiles.as_ref().ok()?;
        Some(SpineInput {
            min: description.min,
            q1: quartiles.q1,
            median: description.median,
            q3: quartiles.q3,
            max: description.max,
            value: comparison.assessment.value.ok(),
            polarity: metric.polarity,
            outcome: match &comparison.assessment.verdict {
                Ok(b) => match b.judgement {
                    Judgement::Best | Judgement::Better => SpineOutcome::Better,
                    Judgement::Similar => SpineOutcome::Similar,
                    Judgement::Worse | Judgement::Worst => SpineOutcome::Worse,
                    Judgement::Higher => SpineOutcome::Higher,
                    Judgement::Lower => SpineOutcome::Lower,
                },
                Err(_) => SpineOutcome::NotCompared,
            },
            width: 200,
        })
    }
}

/// The overview for a council.
#[derive(Debug, Clone, PartialEq)]
pub struct OverviewModel {
    pub area: Area,
    pub group_name: String,
    /// In the bundle's theme order, then its metric order.
    pub lines: Vec<OverviewLine>,
    /// The ids of the measures in which the council has no place, with why (another nation's
    /// figures, another tier's service, figures published for other tiers), from the index of
    /// measures, so that measures whose metadata was never fetched are counted too.
    pub elsewhere: Vec<(String, NotCompared)>,
    /// Metric ids, in the lines' order, with the mark of a line whose figure is reported
    /// jointly with other councils ([`notes::joint_figure`]). A list, not a map: a map's
    /// `collect` brings the standard sort into the wasm.
    pub joint_figures: Vec<(String, String)>,
}

/// The metrics that apply to a council, in display order.
pub fn applicable<'a>(manifest: &'a Manifest, area: &Area) -> Vec<&'a MetricMeta> {
    let mut metrics: Vec<&MetricMeta> = manifest
        .metrics
        .iter()
        .filter(|m| m.area_types.contains(&area.area_type))
        .collect();
    let theme_order = |m: &MetricMeta| {
        manifest
            .themes
            .iter()
            .position(|t| t.id == m.theme)
            .unwrap_or(usize::MAX)
    };
    sort_with(&mut metrics, |a, b| theme_order(a).cmp(&theme_order(b)));
    metrics
}

/// Builds the overview from a dataset holding the metrics loaded so far.
pub fn overview_model(
    manifest: &Manifest,
    areas: &Areas,
    dataset: Option<&Dataset>,
    loaded: &dyn Fn(&str) -> LineState,
    area: &Area,
    spec: &GroupSpec,
    group_name: String,
) -> OverviewModel {
    let metrics = applicable(manifest, area);
    let lines = metrics
        .iter()
        .map(|&metric| match (loaded(&metric.id), dataset) {
            (LineState::Failed(reason), _) => OverviewLine::Failed {
                metric: metric.clone(),
                reason,
            },
            (LineState::Loading, _) | (LineState::Ready, None) => OverviewLine::Loading {
                metric: metric.clone(),
            },
            (LineState::Ready, Some(dataset)) => {
                match dataset.compare(
                    &area.code,
                    &metric.id,
                    None,
                    spec,
                    CompareOptions::default(),
                ) {
                    Ok(comparison) => OverviewLine::Ready {
                        metric: metric.clone(),
                        comparison: Box::new(comparison),
                    },
                    Err(error) => OverviewLine::Failed {
                        metric: metric.clone(),
                        reason: error.to_string(),
                    },
                }
            }
        })
        .collect::<Vec<_>>();
    let joint_figures = lines
        .iter()
        .filter_map(|line| {
            let OverviewLine::Ready { metric, comparison } = line else {
                return None;
            };
            let period = yardstick_bundle::period_from_label(&comparison.period)?;
            let joint = notes::joint_figure(metric, areas, &area.code, period)?;
            Some((metric.id.clone(), joint))
        })
        .collect();
    OverviewModel {
        area: area.clone(),
        group_name,
        lines,
        // From the index, which lists every measure whether or not its metadata is in.
        elsewhere: manifest
            .measures
            .iter()
            .filter_map(|m| {
                yardstick_bundle::not_compared(m, area, areas).map(|why| (m.id.clone(), why))
            })
            .collect(),
        joint_figures,
    }
}

/// Whether a metric's file is in.
#[derive(Debug, Clone, PartialEq)]
pub enum LineState {
    Loading,
    Ready,
    Failed(String),
}

impl OverviewModel {
    /// The peer group the lines were compared with, once one is in.
    pub fn group_spec(&self) -> Option<&GroupSpec> {
        self.lines.iter().find_map(|line| match line {
            OverviewLine::Ready { comparison, .. } => Some(&comparison.group.spec),
            _ => None,
        })
    }

    /// How many councils the group held besides the council, over the measures compared
    /// (it differs where councils came and went between periods, or services differ); `None`
    /// until every line is in, or when none could be compared.
    pub fn group_size(&self) -> Option<words::GroupSize> {
        if self.loading() > 0 {
            return None;
        }
        words::GroupSize::spanning(self.lines.iter().filter_map(|line| match line {
            OverviewLine::Ready { comparison, .. } => Some(comparison.group.peers),
            _ => None,
        }))
    }

    /// The lines of one subject, in order: the council's services, or facts about its area.
    pub fn lines_about(&self, subject: Subject) -> Vec<&OverviewLine> {
        self.lines
            .iter()
            .filter(|line| line.metric().subject() == subject)
            .collect()
    }

    /// The heading of a subject's section: "Services Adur provides", "About the area".
    pub fn heading(&self, subject: Subject) -> String {
        match subject {
            Subject::Service => format!("Services {} provides", self.area.name),
            Subject::Area => format!("About {}'s area", self.area.name),
        }
    }

    /// What the overview holds, in true words.
    pub fn intro(&self) -> String {
        let name = &self.area.name;
        let services = self.lines_about(Subject::Service).len();
        let facts = self.lines_about(Subject::Area).len();
        format!(
            "{} of services {name} provides and {} about the area, each compared with {}.",
            format::count(services, "measure", "measures"),
            format::count(facts, "measure", "measures"),
            self.group_name
        )
    }

    /// What the overview leaves out and why, in true words; `None` when nothing is.
    pub fn left_out(&self) -> Option<String> {
        let (mut coverage, mut provided, mut published) = (0, 0, 0);
        for (_, why) in &self.elsewhere {
            match why {
                NotCompared::OutsideCoverage { .. } => coverage += 1,
                NotCompared::NotProvided { .. } => provided += 1,
                NotCompared::NotPublishedForType { .. } => published += 1,
            }
        }
        let nation = self.area.nation.as_deref().unwrap_or("its nation");
        let measures = |n: usize, one: &str, many: &str| match n {
            1 => format!("1 measure {one}"),
            n => format!("{n} measures {many}"),
        };
        let mut left_out = Vec::new();
        if coverage > 0 {
            left_out.push(format!(
                "{} no figures for councils in {nation} in this data",
                measures(coverage, "has", "have")
            ));
        }
        if provided > 0 {
            left_out.push(format!(
                "{} for services another tier of council provides",
                measures(provided, "is", "are")
            ));
        }
        if published > 0 {
            left_out.push(format!(
                "{} published only for other tiers of council",
                measures(published, "is", "are")
            ));
        }
        (!left_out.is_empty()).then(|| format!("Not shown: {}.", words::list(&left_out)))
    }

    /// How many lines are still loading.
    pub fn loading(&self) -> usize {
        self.lines
            .iter()
            .filter(|l| matches!(l, OverviewLine::Loading { .. }))
            .count()
    }

    /// Every line as a table row, for the data table and CSV.
    /// The notes column (figures reported jointly) only when a line has a note: a printed
    /// summary has no width to spare for an empty column.
    pub fn table(&self, manifest: &Manifest) -> Table {
        let notes = !self.joint_figures.is_empty();
        let rows = self
            .lines
            .iter()
            .map(|line| {
                let metric = line.metric();
                let decimals = usize::from(metric.decimal_places);
                let theme = manifest
                    .theme(&metric.theme)
                    .map_or_else(|| metric.theme.clone(), |t| t.title.clone());
                let number = |v: Option<f64>| match v {
                    Some(v) => Cell::number(v, format::value(metric, v), decimals),
                    None => Cell::gap("–"),
                };
                let (period, value, median) = match line {
                    OverviewLine::Ready { comparison, .. } => (
                        yardstick_bundle::period_from_label(&comparison.period)
                            .map_or_else(|| comparison.period.clone(), |p| p.label()),
                        comparison.assessment.value.ok(),
                        comparison
                            .assessment
                            .description
                            .as_ref()
                            .ok()
                            .map(|d| d.median),
                    ),
                    _ => (String::new(), None, None),
                };
                let change = match line {
                    OverviewLine::Ready { .. } => line.change().unwrap_or_else(|| "–".to_owned()),
                    _ => String::new(),
                };
                let badge = line.badge();
                // The verdict with the method that reached it, or why there is none.
                let outcome = match line {
                    OverviewLine::Loading { .. } => "Loading".to_owned(),
                    OverviewLine::Failed { reason, .. } => format!("Not shown: {reason}"),
                    OverviewLine::Ready { comparison, .. } => {
                        match &comparison.assessment.verdict {
                            Ok(verdict) => format!(
                                "{} {}, by the {}",
                                badge.symbol,
                                badge.words,
                                words::verdict_method_short(verdict.method)
                            ),
                            Err(reason) => format!(
                                "{} {}: {}",
                                badge.symbol,
                                badge.words,
                                words::not_calculated(*reason)
                            ),
                        }
                    }
                };
                let mut cells = vec![
                    Cell::text(metric.title.clone()),
                    Cell::text(theme),
                    Cell::text(period),
                    value.map_or_else(
                        || Cell::gap("–"),
                        |v| Cell::published(v, format::value(metric, v)),
                    ),
                    number(median),
                    Cell::text(outcome),
                    Cell::text(change),
                ];
                if notes {
                    cells.push(Cell::text(
                        self.joint_figures
                            .iter()
                            .find(|(id, _)| *id == metric.id)
                            .map(|(_, joint)| joint.clone())
                            .unwrap_or_default(),
                    ));
                }
                Row {
                    cells,
                    highlighted: false,
                }
            })
            .collect();
        let mut provenance = vec![
            format!("All measures for {}", self.area.name),
            format!("Peer group: {}", self.group_name),
        ];
        for line in &self.lines {
            let m = line.metric();
            provenance.push(format!(
                "{}: {}, {} <{}>. {}",
                m.id,
                m.source.organisation,
                m.source.title,
                m.source.url,
                notes::source_date(&m.source)
            ));
        }
        provenance.extend(manifest.attribution.iter().cloned());
        provenance.push(format!("Data version: {}", manifest.content_hash));
        let mut columns = vec![
            Column::text("Measure"),
            Column::text("Theme"),
            Column::text("Period"),
            Column::number(self.area.name.clone()),
            Column::number("Group median"),
            Column::text("Compared with the group median"),
            Column::text("Change since the previous period"),
        ];
        if notes {
            columns.push(Column::text("Notes"));
        }
        Table {
            caption: format!(
                "All measures for {} compared with {}",
                self.area.name, self.group_name
            ),
            columns,
            rows,
            provenance,
        }
    }
}

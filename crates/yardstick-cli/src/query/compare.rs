//! `yardstick compare`: one area against its group for one metric and period.

use std::path::Path;

use anyhow::{Context, Result, bail};
use yardstick_bundle::{AreaCode, MetricMeta, metric, period_from_label};
use yardstick_stats::{Absence, CompareOptions, Comparison, GroupSpec, MissingReason};

use yardstick_present::model::metric::{MetricModel, MetricProblem, metric_model};
use yardstick_present::{format, notes, words};

use crate::json::{self, compare::CompareOutput};

use super::text::{self, pairs};
use super::{
    Bundle, Format, Wanted, parse_spec, period_text, resolve_area, resolve_metric, resolve_period,
};

/// Runs `yardstick compare`; the JSON is [`CompareOutput`], converted from the engine's
/// [`Comparison`].
pub fn run(
    dir: &Path,
    area: &str,
    metric_id: &str,
    period: Option<&str>,
    group: &str,
    format: Format,
) -> Result<String> {
    let spec = parse_spec(group)?;
    let manifest = Bundle::manifest(dir)?;
    let meta = resolve_metric(&manifest, metric_id)?.clone();
    let bundle = Bundle::load(dir, manifest, Wanted::Metric(&meta.id))?;
    let code = resolve_area(&bundle.areas, area)?;
    let service = metric(&meta).service;
    if let Some(focus) = bundle.dataset.area(&code)
        && !service.covers(focus)
    {
        let provided_by: Vec<String> = bundle
            .manifest
            .area_types
            .iter()
            .filter(|t| meta.area_types.contains(&t.id))
            .map(|t| t.plural.clone())
            .collect();
        bail!(
            "{} ({code}) does not provide the service {} measures, so it is not compared on it; \
             the service is provided by {}",
            focus.name,
            meta.id,
            provided_by.join(", ")
        );
    }
    let labels = bundle.dataset.periods(&meta.id).unwrap_or_default();
    let period = match period {
        Some(wanted) => Some(resolve_period(&meta.id, &labels, wanted)?),
        None => None,
    };
    let comparison = bundle.dataset.compare(
        &code,
        &meta.id,
        period.as_deref(),
        &spec,
        CompareOptions::default(),
    )?;
    match format {
        Format::Json => json::render("compare", CompareOutput::from(&comparison)),
        Format::Table => {
            let model = widget_model(&bundle, &meta, &code, &comparison.period, &spec)?;
            Ok(as_table(&bundle, &meta, &comparison, &model))
        }
        Format::Csv => as_csv(&bundle, &comparison),
    }
}

/// The widget's model of its compare view for the same state, built by the same function
/// from the same files: its summary sentence and table are printed verbatim.
fn widget_model(
    bundle: &Bundle,
    meta: &MetricMeta,
    code: &AreaCode,
    period: &str,
    spec: &GroupSpec,
) -> Result<MetricModel> {
    let area = bundle
        .areas
        .get(code)
        .with_context(|| format!("the bundle has no area {code}"))?;
    let period = period_from_label(period)
        .with_context(|| format!("the engine answered for an unknown period {period:?}"))?;
    let values = bundle
        .values(&meta.id)
        .with_context(|| format!("the values of {} were not read", meta.id))?;
    metric_model(
        &bundle.manifest,
        &bundle.areas,
        bundle.groups.as_ref(),
        &bundle.dataset,
        values,
        area,
        meta,
        period,
        spec,
    )
    .map_err(|problem| match problem {
        MetricProblem::NotCompared { title, detail } => {
            anyhow::anyhow!("{title} ({code}, {}): {detail}", meta.id)
        }
        MetricProblem::Engine(detail) => anyhow::anyhow!(detail),
    })
}

fn name(bundle: &Bundle, code: &AreaCode) -> String {
    bundle
        .areas
        .get(code)
        .map_or_else(String::new, |a| a.name.clone())
}

fn as_table(bundle: &Bundle, meta: &MetricMeta, c: &Comparison, model: &MetricModel) -> String {
    let a = &c.assessment;
    let mut text = format!(
        "{} ({}): {}, {}\n",
        name(bundle, &c.area),
        c.area,
        meta.title,
        period_text(&c.period)
    );
    // The engine compares only members in force during the period: a council abolished
    // before it is neither a peer nor a member without a value, so nothing is noted here.
    let mut lines = vec![(
        "Compared with",
        format!(
            "{} ({}): {} peers, {} without a value",
            bundle.group_name(&c.area, &c.group.spec, Some(meta.subject())),
            c.group.spec,
            c.group.peers,
            c.group.missing.len()
        ),
    )];
    if let Some(warning) = &model.group_warning {
        lines.push(("Note", warning.clone()));
    }
    lines.extend([
        ("Polarity", text::polarity(c.polarity).to_owned()),
        (
            "Source",
            format!(
                "{}, {}. {}",
                meta.source.organisation,
                meta.source.title,
                notes::source_date(&meta.source)
            ),
        ),
    ]);
    text += &pairs(&lines);
    text += "\nIn a sentence (as the widget says it)\n";
    text += &model.summary();
    text += "\n\nThe area\n";
    let position = a.position.as_ref();
    text += &pairs(&[
        (
            "Value",
            text::or_reason(&a.value, |v| {
                format!(
                    "{}{}",
                    format::value(meta, *v),
                    text::qualifier(a.qualifier)
                )
            }),
        ),
        (
            "Rank",
            text::or_reason(&a.position, |p| {
                let tied = match p.rank.tied {
                    0 | 1 => String::new(),
                    2 => ", tied with 1 other".to_owned(),
                    n => format!(", tied with {} others", n - 1),
                };
                format!(
                    "{} of {} ({}{tied})",
                    text::ordinal(p.rank.rank),
                    p.rank.of,
                    text::rank_order(p.rank.order)
                )
            }),
        ),
        (
            "Percentile",
            text::or_reason(&a.position, |p| format!("{:.1}", p.percentile)),
        ),
        (
            "Quartile band",
            match position {
                Ok(p) => text::or_reason(&p.quartile_band, |b| text::band(*b).to_owned()),
                Err(why) => words::not_calculated_note(*why),
            },
        ),
        (
            "Distance from the median",
            match position {
                Ok(p) => text::or_reason(&p.mad_score, |s| {
                    format!("{} MADs (Oflog: unscaled MAD)", text::signed(*s))
                }),
                Err(why) => words::not_calculated_note(*why),
            },
        ),
        (
            "z-score",
            match position {
                Ok(p) => text::or_reason(&p.z_score, |z| text::signed(*z)),
                Err(why) => words::not_calculated_note(*why),
            },
        ),
        (
            "ONS wording (1 scaled MAD)",
            match position {
                Ok(p) => text::or_reason(&p.mad_rule, |d| text::direction(*d).to_owned()),
                Err(why) => words::not_calculated_note(*why),
            },
        ),
        (
            "95% confidence interval",
            text::or_reason(&a.interval_95, |i| text::interval(meta, i)),
        ),
        (
            "99.8% confidence interval",
            text::or_reason(&a.interval_998, |i| text::interval(meta, i)),
        ),
        ("Compared with the median", text::comparison(&a.benchmark)),
    ]);
    text += "\nThe group (the area included)\n";
    text += &match &a.description {
        Ok(d) => pairs(&[
            ("Areas with a value", d.n.to_string()),
            ("Median", format::value(meta, d.median)),
            (
                "Quartiles",
                text::or_reason(&d.quartiles, |q| {
                    format!(
                        "{} (interquartile range {})",
                        format::range(meta, q.q1, q.q3),
                        format::spread(meta, q.interquartile_range)
                    )
                }),
            ),
            ("Median absolute deviation", format::spread(meta, d.mad)),
            ("Mean", format::value(meta, d.mean)),
            (
                "Standard deviation",
                text::or_reason(&d.standard_deviation, |s| format::spread(meta, *s)),
            ),
            ("Lowest and highest", format::range(meta, d.min, d.max)),
        ]),
        Err(why) => format!("{}\n", words::not_calculated_note(*why)),
    };
    text += "\nTrend\n";
    let change = |outcome: &Result<yardstick_stats::Change, _>| {
        text::or_reason(outcome, |ch: &yardstick_stats::Change| {
            let percent = ch
                .percent
                .as_ref()
                .map_or_else(|_| String::new(), |p| format!(" ({}%)", text::signed_1(*p)));
            format!(
                "{}{percent} since {}",
                format::change(meta, ch.absolute),
                period_text(&ch.from)
            )
        })
    };
    text += &pairs(&[
        ("Change", change(&c.trend.change_since_previous)),
        (
            "Change over the series",
            change(&c.trend.change_since_first),
        ),
        (
            "Direction of travel",
            text::or_reason(&c.trend.direction, |t| text::travel(*t).to_owned()),
        ),
        (
            "Recent trend (last 5 points)",
            text::or_reason(&c.trend.recent, |r| {
                let mut words = text::trend_marker(r.marker).to_owned();
                if let Some(progress) = r.progress {
                    words += match progress {
                        yardstick_stats::Progress::Improving => ", improving",
                        yardstick_stats::Progress::Worsening => ", worsening",
                    };
                }
                words
            }),
        ),
        (
            "Group median's change",
            change(&c.group_trend.change_since_previous),
        ),
        (
            "Relative to the group",
            text::or_reason(&c.relative_trend, |r| {
                text::relative_marker(r.marker).to_owned()
            }),
        ),
    ]);
    // The widget's data table, cell for cell, with the engine's rank in front.
    let table = model.table(&bundle.manifest);
    text += &format!("\n{}\n", table.caption);
    let ranks: Vec<String> = model
        .members
        .iter()
        .map(|m| {
            c.ranking
                .iter()
                .find(|r| r.code == m.code)
                .map_or_else(String::new, |r| r.rank.to_string())
        })
        .collect();
    text += &text::laid_out(&table, Some(("rank", &ranks)));
    text
}

fn as_csv(bundle: &Bundle, c: &Comparison) -> Result<String> {
    let this = |code: &AreaCode| if *code == c.area { "yes" } else { "no" }.to_owned();
    let mut rows: Vec<Vec<String>> = c
        .ranking
        .iter()
        .map(|r| {
            vec![
                r.code.to_string(),
                name(bundle, &r.code),
                r.value.to_string(),
                r.rank.to_string(),
                this(&r.code),
                String::new(),
            ]
        })
        .collect();
    rows.extend(c.group.missing.iter().map(|m| {
        let reason = match m.reason {
            Absence::Missing(MissingReason::Suppressed) => "suppressed",
            Absence::Missing(MissingReason::NotAvailable) => "not_available",
            Absence::Missing(MissingReason::NotApplicable) => "not_applicable",
            Absence::NotFinite => "not_finite",
        };
        vec![
            m.code.to_string(),
            name(bundle, &m.code),
            String::new(),
            String::new(),
            this(&m.code),
            reason.to_owned(),
        ]
    }));
    text::csv(
        &["code", "name", "value", "rank", "this_area", "missing"],
        &rows,
    )
}

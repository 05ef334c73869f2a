//! The spine chart: OHID Fingertips' one-line summary of where a council sits in its group,
//! small enough for every row of the overview.
//!
//! As Fingertips draws it: the chart is centred on the benchmark (here the group median) with
//! a half-width of `max(|benchmark − min|, |benchmark − max|)`, so the benchmark is always in
//! the middle; the bands run min–Q1, Q1–Q3 and Q3–max, the middle half darker; for a metric
//! where lower is better the axis is flipped so that better is always on the right. Metrics
//! without polarity are never flipped: higher is on the right. One departure: a council is
//! never its own peer, so its value can fall outside the group's range; the half-width then
//! grows to include it rather than push the marker off the chart.
//!
//! The council's marker says the comparison outcome by shape, with colour as a second cue:
//!
//! | outcome      | shape                 | fill                     |
//! |--------------|-----------------------|--------------------------|
//! | better       | circle                | bluish green             |
//! | similar      | diamond               | yellow                   |
//! | worse        | square                | vermilion                |
//! | higher       | triangle pointing up  | blue (no judgement)      |
//! | lower        | triangle pointing down| blue (no judgement)      |
//! | not compared | cross                 | none                     |
//!
//! Triangles read as "up" and "down", which is all a metric without polarity can say, and a
//! cross reads as "no verdict" while still marking the value's position. Filled markers have
//! a dark outline, which carries the contrast on the grey bands whatever the fill.
//!
//! [`layout`] is plain geometry, tested natively; [`render_svg`] only draws that geometry with
//! plotters' SVG backend.

use plotters::prelude::*;
use plotters::style::RGBColor;
use yardstick_stats::Polarity;
use yardstick_stats::sort_with;

use super::draw::{self, Area, DrawResult};
use super::marker::{Marker, Shape};
use super::theme;
pub use yardstick_present::chart::{SpineInput, SpineOutcome};

/// One band of the spine.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpineBand {
    pub x_start: f64,
    pub x_end: f64,
    /// The middle half (Q1–Q3), drawn darker.
    pub inner: bool,
}

/// The council's marker.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpineMarker {
    pub x: f64,
    pub y: f64,
    pub outcome: SpineOutcome,
    pub marker: Marker,
}

/// The whole chart's geometry, in CSS pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct SpineLayout {
    pub width: u32,
    pub height: u32,
    /// The bands' top and bottom.
    pub top: f64,
    pub bottom: f64,
    /// The benchmark's line, when there is a benchmark.
    pub centre_x: Option<f64>,
    /// Left to right on screen.
    pub bands: Vec<SpineBand>,
    /// The group's lowest and highest values' positions (in screen order), drawn as ticks
    /// because the outer bands are pale.
    pub range_ends: Option<(f64, f64)>,
    pub marker: Option<SpineMarker>,
    /// Whether lower values are on the right (lower is better).
    pub flipped: bool,
}

/// The marker for an outcome; see the table in the module documentation.
pub fn outcome_marker(outcome: SpineOutcome) -> Marker {
    let shape = match outcome {
        SpineOutcome::Better => Shape::Circle,
        SpineOutcome::Similar => Shape::Diamond,
        SpineOutcome::Worse => Shape::Square,
        SpineOutcome::Higher => Shape::TriangleUp,
        SpineOutcome::Lower => Shape::TriangleDown,
        SpineOutcome::NotCompared => Shape::Cross,
    };
    Marker::new(shape, outcome != SpineOutcome::NotCompared, MARKER_RADIUS)
}

/// The marker's fill, as `#rrggbb`, for the component's key.
pub fn outcome_colour(outcome: SpineOutcome) -> String {
    theme::hex(fill(outcome))
}

fn fill(outcome: SpineOutcome) -> RGBColor {
    match outcome {
        SpineOutcome::Better => theme::BETTER,
        SpineOutcome::Similar => theme::SIMILAR,
        SpineOutcome::Worse => theme::WORSE,
        SpineOutcome::Higher | SpineOutcome::Lower => theme::NEUTRAL_OUTCOME,
        SpineOutcome::NotCompared => theme::TEXT,
    }
}

const MIN_WIDTH: u32 = 120;
const HEIGHT: f64 = 28.0;
const BAND_TOP: f64 = 7.0;
const BAND_BOTTOM: f64 = 21.0;
const MARKER_RADIUS: f64 = 6.0;

/// Works out where everything goes.
pub fn layout(input: &SpineInput) -> SpineLayout {
    let width = input.width.max(MIN_WIDTH);
    let width_px = f64::from(width);
    // Room at each end for the largest marker at the very edge.
    let pad = MARKER_RADIUS * 1.25 + 2.0;
    let (left, right) = (pad, width_px - pad);
    let centre = (left + right) / 2.0;
    let flipped = input.polarity == Polarity::LowerIsBetter;
    let mid_y = (BAND_TOP + BAND_BOTTOM) / 2.0;

    let empty = SpineLayout {
        width,
        height: HEIGHT as u32,
        top: BAND_TOP,
        bottom: BAND_BOTTOM,
        centre_x: None,
        bands: Vec::new(),
        range_ends: None,
        marker: None,
        flipped,
    };
    let benchmark = input.median;
    let summary = [input.min, input.q1, input.q3, input.max];
    if !benchmark.is_finite() || !summary.iter().all(|v| v.is_finite()) {
        return empty;
    }
    // Put a summary that arrived out of order back in order, around the benchmark.
    let low = summary.iter().copied().fold(benchmark, f64::min);
    let high = summary.iter().copied().fold(benchmark, f64::max);
    let q1 = input.q1.min(input.q3).min(benchmark);
    let q3 = input.q1.max(input.q3).max(benchmark);
    let value = input.value.filter(|v| v.is_finite());

    let half = [low, high]
        .into_iter()
        .chain(value)
        .map(|v| (v - benchmark).abs())
        .fold(0.0, f64::max);
    let sign = if flipped { -1.0 } else { 1.0 };
    let x = |v: f64| {
        if half > 0.0 && half.is_finite() {
            centre + sign * (v - benchmark) / half * (right - centre)
        } else {
            centre
        }
    };
    let band = |a: f64, b: f64, inner: bool| SpineBand {
        x_start: x(a).min(x(b)),
        x_end: x(a).max(x(b)),
        inner,
    };
    let mut bands = vec![
        band(low, q1, false),
        band(q1, q3, true),
        band(q3, high, false),
    ];
    sort_with(&mut bands, |a, b| a.x_start.total_cmp(&b.x_start));
    let (end_a, end_b) = (x(low), x(high));

    SpineLayout {
        centre_x: Some(x(benchmark)),
        bands,
        range_ends: Some((end_a.min(end_b), end_a.max(end_b))),
        marker: value.map(|v| SpineMarker {
            x: x(v),
            y: mid_y,
            outcome: input.outcome,
            marker: outcome_marker(input.outcome),
        }),
        ..empty
    }
}

/// Draws the layout as an SVG document. It writes no text: the row around it names the
/// figures, and the component gives the chart its text alternative.
pub fn render_svg(layout: &SpineLayout) -> String {
    draw::document((layout.width, layout.height), layout, draw)
}

fn draw<'a>(area: &Area<'a>, layout: &SpineLayout) -> DrawResult<'a> {
    for band in &layout.bands {
        let colour = if band.inner {
            theme::SPINE_INNER
        } else {
            theme::SPINE_OUTER
        };
        area.draw(&Rectangle::new(
            [
                draw::at((band.x_start, layout.top)),
                draw::at((band.x_end, layout.bottom)),
            ],
            colour.filled(),
        ))?;
    }
    if let Some((low, high)) = layout.range_ends {
        for x in [low, high] {
            draw::line(
                area,
                &[(x, layout.top), (x, layout.bottom)],
                theme::TEXT_MUTED.stroke_width(1),
            )?;
        }
    }
    if let Some(x) = layout.centre_x {
        draw::line(
            area,
            &[(x, layout.top - 4.0), (x, layout.bottom + 4.0)],
            theme::TEXT.stroke_width(2),
        )?;
    }
    if let Some(m) = &layout.marker {
        draw::marker(
            area,
            &m.marker,
            (m.x, m.y),
            fill(m.outcome),
            Some(theme::TEXT),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(value: f64, polarity: Polarity, outcome: SpineOutcome) -> SpineInput {
        SpineInput {
            min: 10.0,
            q1: 40.0,
            median: 50.0,
            q3: 60.0,
            max: 70.0,
            value: Some(value),
            polarity,
            outcome,
            width: 240,
        }
    }

    fn marker_x(l: &SpineLayout) -> f64 {
        l.marker.unwrap().x
    }

    #[test]
    fn the_benchmark_is_in_the_middle_and_the_farther_end_at_an_edge() {
        let l = layout(&input(
            55.0,
            Polarity::HigherIsBetter,
            SpineOutcome::Similar,
        ));
        let middle = f64::from(l.width) / 2.0;
        assert!((l.centre_x.unwrap() - middle).abs() < 1e-9);
        // min (10) is 40 from the median, max (70) 20: min at the left edge, max halfway out.
        let (low, high) = l.range_ends.unwrap();
        let reach = middle - low;
        assert!((high - middle - reach / 2.0).abs() < 1e-9);
        // Positions are proportional: 55 is a quarter of the way to 70.
        assert!((marker_x(&l) - middle - reach / 8.0).abs() < 1e-9);
    }

    #[test]
    fn bands_run_min_q1_q3_max_with_the_middle_half_inner() {
        let l = layout(&input(
            55.0,
            Polarity::HigherIsBetter,
            SpineOutcome::Similar,
        ));
        let inner: Vec<bool> = l.bands.iter().map(|b| b.inner).collect();
        assert_eq!(inner, [false, true, false]);
        for pair in l.bands.windows(2) {
            assert!((pair[0].x_end - pair[1].x_start).abs() < 1e-9, "contiguous");
        }
        let (low, high) = l.range_ends.unwrap();
        assert_eq!(l.bands[0].x_start, low);
        assert_eq!(l.bands[2].x_end, high);
    }

    #[test]
    fn lower_is_better_is_flipped_so_better_is_on_the_right() {
        let higher = layout(&input(65.0, Polarity::HigherIsBetter, SpineOutcome::Better));
        let lower = layout(&input(35.0, Polarity::LowerIsBetter, SpineOutcome::Better));
        let neutral = layout(&input(65.0, Polarity::NoJudgement, SpineOutcome::Higher));
        let middle = f64::from(higher.width) / 2.0;
        assert!(marker_x(&higher) > middle);
        assert!(lower.flipped && marker_x(&lower) > middle);
        assert!(!neutral.flipped && marker_x(&neutral) > middle);
        // Flipped, the group's minimum is the right-hand end.
        let flipped_min = layout(&input(10.0, Polarity::LowerIsBetter, SpineOutcome::Better));
        assert_eq!(marker_x(&flipped_min), flipped_min.range_ends.unwrap().1);
    }

    #[test]
    fn each_outcome_has_its_own_shape() {
        let check = |outcome, shape, filled| {
            let m = outcome_marker(outcome);
            assert_eq!((m.shape, m.filled), (shape, filled), "{outcome:?}");
        };
        check(SpineOutcome::Better, Shape::Circle, true);
        check(SpineOutcome::Similar, Shape::Diamond, true);
        check(SpineOutcome::Worse, Shape::Square, true);
        check(SpineOutcome::Higher, Shape::TriangleUp, true);
        check(SpineOutcome::Lower, Shape::TriangleDown, true);
        check(SpineOutcome::NotCompared, Shape::Cross, false);
        assert_eq!(outcome_colour(SpineOutcome::Better), "#009e73");
    }

    #[test]
    fn a_value_outside_the_group_widens_the_chart_and_stays_on_it() {
        let l = layout(&input(
            130.0,
            Polarity::HigherIsBetter,
            SpineOutcome::Better,
        ));
        let m = l.marker.unwrap();
        assert!(m.x + m.marker.extent() <= f64::from(l.width));
        assert!(m.x - m.marker.extent() >= 0.0);
        let (low, high) = l.range_ends.unwrap();
        assert!(low > 0.0 && high < m.x);
    }

    #[test]
    fn everything_fits_at_narrow_and_wide_widths() {
        for width in [100, 280, 1280] {
            for value in [10.0, 50.0, 70.0] {
                let mut i = input(value, Polarity::LowerIsBetter, SpineOutcome::Similar);
                i.width = width;
                let l = layout(&i);
                let m = l.marker.unwrap();
                let e = m.marker.extent();
                assert!(
                    m.x - e >= 0.0 && m.x + e <= f64::from(l.width),
                    "{width} {value}"
                );
                assert!(m.y - e >= 0.0 && m.y + e <= f64::from(l.height));
                for band in &l.bands {
                    assert!(band.x_start >= 0.0 && band.x_end <= f64::from(l.width));
                }
            }
        }
        assert_eq!(
            layout(&input(1.0, Polarity::NoJudgement, SpineOutcome::Lower)).height,
            28
        );
    }

    #[test]
    fn a_group_with_one_value_puts_everything_in_the_middle() {
        let mut i = input(50.0, Polarity::HigherIsBetter, SpineOutcome::Similar);
        (i.min, i.q1, i.median, i.q3, i.max) = (50.0, 50.0, 50.0, 50.0, 50.0);
        let l = layout(&i);
        let middle = l.centre_x.unwrap();
        assert_eq!(marker_x(&l), middle);
        assert!(
            l.bands
                .iter()
                .all(|b| b.x_start == middle && b.x_end == middle)
        );
    }

    #[test]
    fn missing_or_not_finite_figures_draw_what_they_can() {
        let mut no_value = input(50.0, Polarity::HigherIsBetter, SpineOutcome::NotCompared);
        no_value.value = None;
        let l = layout(&no_value);
        assert!(l.marker.is_none() && l.bands.len() == 3);

        let mut nan_value = no_value.clone();
        nan_value.value = Some(f64::NAN);
        assert_eq!(layout(&nan_value), l);

        let mut broken = no_value.clone();
        broken.max = f64::INFINITY;
        let l = layout(&broken);
        assert!(l.bands.is_empty() && l.centre_x.is_none() && l.marker.is_none());
        assert!(render_svg(&l).starts_with("<svg"));
    }

    #[test]
    fn quartiles_out_of_order_are_put_back_in_order() {
        let mut i = input(55.0, Polarity::HigherIsBetter, SpineOutcome::Similar);
        (i.q1, i.q3) = (i.q3, i.q1);
        assert_eq!(
            layout(&i),
            layout(&input(
                55.0,
                Polarity::HigherIsBetter,
                SpineOutcome::Similar
            ))
        );
    }

    #[test]
    fn rendered_svg_carries_no_text_at_all() {
        // Nothing from a bundle reaches the spine's SVG: names and figures are in the row
        // around it, rendered as text nodes.
        let svg = render_svg(&layout(&input(
            55.0,
            Polarity::HigherIsBetter,
            SpineOutcome::Worse,
        )));
        assert!(svg.starts_with("<svg"));
        assert!(!svg.contains("<text"));
        assert!(svg.contains("<polygon"), "the square");
    }
}

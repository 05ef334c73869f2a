//! The trend chart: one council's series against its group across periods (issue 5, the
//! Trend view), as Fingertips and Oflog draw it. The group's interquartile range is a light
//! band with drawn edges, the group median a dashed line with small diamonds, the council a
//! solid line whose markers say whether a figure is final (filled circle), provisional
//! (hollow circle) or revised (filled square), with its 95% confidence limits as whiskers.
//! A missing figure leaves a gap: the chart never draws a line across a period without data.
//!
//! [`layout`] is plain geometry, tested natively; [`render_svg`] only draws that geometry with
//! plotters' SVG backend.

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::draw::{self, Area, DrawResult};
use super::marker::{Marker, Shape};
use super::scale::{LinearScale, axis_ticks, decimals_for};
use super::{text, theme};
pub use yardstick_present::chart::{MarkerKind, TrendLineInput, TrendPoint};

/// One of the council's points.
#[derive(Debug, Clone, PartialEq)]
pub struct CouncilPoint {
    pub x: f64,
    pub y: f64,
    pub kind: MarkerKind,
    pub marker: Marker,
    /// The confidence limits as pixel heights: (upper limit's y, lower limit's y).
    pub whisker: Option<(f64, f64)>,
}

/// A stretch of consecutive periods with quartiles: the band's upper (Q3) and lower (Q1)
/// edges, both left to right. A single period's band is a short flat bar.
#[derive(Debug, Clone, PartialEq)]
pub struct BandRun {
    pub upper: Vec<(f64, f64)>,
    pub lower: Vec<(f64, f64)>,
}

impl BandRun {
    /// The band as a closed outline: along the top, back along the bottom.
    pub fn outline(&self) -> Vec<(f64, f64)> {
        self.upper
            .iter()
            .chain(self.lower.iter().rev())
            .copied()
            .collect()
    }
}

/// The whole chart's geometry, in CSS pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendLineLayout {
    pub width: u32,
    pub height: u32,
    pub plot_left: f64,
    pub plot_right: f64,
    pub plot_top: f64,
    pub plot_bottom: f64,
    pub font: f64,
    /// Value ticks: the y position and its text.
    pub y_ticks: Vec<(f64, String)>,
    /// The centre of each period, left to right.
    pub period_x: Vec<f64>,
    /// The period labels that fit, as (centre x of the text, text): every k-th, and always
    /// the first and last.
    pub x_labels: Vec<(f64, String)>,
    pub band: Vec<BandRun>,
    /// The median's unbroken stretches; a stretch of one point has no line.
    pub median_runs: Vec<Vec<(f64, f64)>>,
    pub median_points: Vec<(f64, f64)>,
    /// The council's unbroken stretches.
    pub council_runs: Vec<Vec<(f64, f64)>>,
    pub council_points: Vec<CouncilPoint>,
    /// The y of zero, when zero is on the axis.
    pub zero_y: Option<f64>,
}

/// The marker for a council figure of this kind: filled circle, hollow circle, filled square.
pub fn council_marker(kind: MarkerKind) -> Marker {
    match kind {
        MarkerKind::Plain => Marker::new(Shape::Circle, true, 4.0),
        MarkerKind::Provisional => Marker::new(Shape::Circle, false, 4.0),
        MarkerKind::Revised => Marker::new(Shape::Square, true, 4.5),
    }
}

/// The median's marker: a small filled diamond, unlike any of the council's.
pub const MEDIAN_MARKER: Marker = Marker::new(Shape::Diamond, true, 3.0);

const HEIGHT: f64 = 300.0;
const TOP_MARGIN: f64 = 14.0;
const AXIS_HEIGHT: f64 = 36.0;
const RIGHT_MARGIN: f64 = 16.0;
const LABEL_GAP: f64 = 10.0;
const Y_TICKS: usize = 5;
/// Zero joins the axis when the data come this close to it, as a fraction of their largest
/// magnitude (see [`value_range`]).
const ZERO_WITHIN: f64 = 0.3;

/// Works out where everything goes.
pub fn layout(input: &TrendLineInput) -> TrendLineLayout {
    let width = input.width.max(super::MIN_WIDTH);
    let width_px = f64::from(width);
    let font = super::text::label_font(width);
    let count = input.periods.len();

    let council: Vec<Option<TrendPoint>> = (0..count)
        .map(|i| input.points.get(i).and_then(clean_point))
        .collect();
    let median: Vec<Option<f64>> = (0..count)
        .map(|i| {
            input
                .median
                .get(i)
                .copied()
                .flatten()
                .filter(|v| v.is_finite())
        })
        .collect();
    let quartiles: Vec<Option<(f64, f64)>> = (0..count)
        .map(|i| input.band.get(i).copied().flatten().and_then(ordered))
        .collect();

    let values = council
        .iter()
        .flatten()
        .flat_map(|p| {
            let (lo, hi) = p.interval.unwrap_or((p.value, p.value));
            [p.value, lo, hi]
        })
        .chain(median.iter().flatten().copied())
        .chain(quartiles.iter().flatten().flat_map(|&(q1, q3)| [q1, q3]));
    let (low, high) = value_range(values);
    let ticks = axis_ticks(low, high, Y_TICKS);
    let decimals = input.tick_decimals.max(decimals_for(&ticks));
    let domain = match (ticks.first(), ticks.last()) {
        (Some(&first), Some(&last)) => (first, last),
        _ => (low, high),
    };
    let tick_texts: Vec<(f64, String)> = ticks
        .iter()
        .map(|&t| (t, format!("{t:.decimals$}")))
        .collect();

    let widest_tick = tick_texts
        .iter()
        .map(|(_, t)| text::width(t, font))
        .fold(0.0, f64::max);
    let plot_left = (widest_tick + LABEL_GAP).max(32.0);
    let plot_right = (width_px - RIGHT_MARGIN).max(plot_left + 40.0);
    let plot_top = TOP_MARGIN;
    let plot_bottom = HEIGHT - AXIS_HEIGHT;
    let y = LinearScale::new(domain, (plot_bottom, plot_top));

    let step = (plot_right - plot_left) / count.max(1) as f64;
    let period_x: Vec<f64> = (0..count)
        .map(|i| plot_left + step * (i as f64 + 0.5))
        .collect();
    let x_at = |i: usize| period_x.get(i).copied().unwrap_or(plot_left);

    let council_points: Vec<CouncilPoint> = council
        .iter()
        .enumerate()
        .filter_map(|(i, point)| {
            point.as_ref().map(|p| CouncilPoint {
                x: x_at(i),
                y: y.map(p.value),
                kind: p.marker,
                marker: council_marker(p.marker),
                whisker: p.interval.map(|(lo, hi)| (y.map(hi), y.map(lo))),
            })
        })
        .collect();
    let council_runs = runs(&council, |i, p| (x_at(i), y.map(p.value)));
    let median_runs = runs(&median, |i, m| (x_at(i), y.map(*m)));
    let median_points = median
        .iter()
        .enumerate()
        .filter_map(|(i, m)| m.map(|m| (x_at(i), y.map(m))))
        .collect();
    let half_bar = (step * 0.25).min(6.0);
    let band = runs(&quartiles, |i, q| (i, *q))
        .into_iter()
        .map(|run| match run.as_slice() {
            [(i, (q1, q3))] => {
                let x = x_at(*i);
                BandRun {
                    upper: vec![(x - half_bar, y.map(*q3)), (x + half_bar, y.map(*q3))],
                    lower: vec![(x - half_bar, y.map(*q1)), (x + half_bar, y.map(*q1))],
                }
            }
            _ => BandRun {
                upper: run
                    .iter()
                    .map(|(i, (_, q3))| (x_at(*i), y.map(*q3)))
                    .collect(),
                lower: run
                    .iter()
                    .map(|(i, (q1, _))| (x_at(*i), y.map(*q1)))
                    .collect(),
            },
        })
        .collect();

    let x_labels = period_labels(&input.periods, &period_x, step, font, width_px);

    TrendLineLayout {
        width,
        height: HEIGHT as u32,
        plot_left,
        plot_right,
        plot_top,
        plot_bottom,
        font,
        y_ticks: tick_texts
            .into_iter()
            .map(|(t, label)| (y.map(t), label))
            .collect(),
        period_x,
        x_labels,
        band,
        median_runs,
        median_points,
        council_runs,
        council_points,
        zero_y: (domain.0 <= 0.0 && 0.0 <= domain.1).then(|| y.map(0.0)),
    }
}

/// A point without a finite value is missing; limits that are not finite are dropped and
/// reversed ones put in order.
fn clean_point(point: &Option<TrendPoint>) -> Option<TrendPoint> {
    let point = point.as_ref()?;
    point.value.is_finite().then(|| TrendPoint {
        value: point.value,
        interval: point.interval.and_then(ordered),
        marker: point.marker,
    })
}

/// Both ends finite, lower first.
fn ordered((a, b): (f64, f64)) -> Option<(f64, f64)> {
    (a.is_finite() && b.is_finite()).then(|| (a.min(b), a.max(b)))
}

/// The range the value axis must cover: every value, and zero as well when the data come
/// within 30% of it, that is when the value nearest zero is at most 0.3 times the value
/// farthest from it (on the same side). A line chart is read by its changes, not by lengths
/// from a baseline as bars are, so zero is only added when it costs little room and gives the
/// reader a familiar anchor; a rate between 45% and 60% keeps its detail. Data on both sides
/// of zero include it anyway. No data gives the unit interval.
pub fn value_range(values: impl IntoIterator<Item = f64>) -> (f64, f64) {
    let (low, high) = values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    if low > high {
        return (0.0, 1.0);
    }
    if low > 0.0 && low <= ZERO_WITHIN * high {
        (0.0, high)
    } else if high < 0.0 && high >= ZERO_WITHIN * low {
        (low, 0.0)
    } else {
        (low, high)
    }
}

/// Splits a series at its gaps: each run of consecutive present values, mapped by `point`.
fn runs<T, P>(series: &[Option<T>], point: impl Fn(usize, &T) -> P) -> Vec<Vec<P>> {
    let mut all = Vec::new();
    let mut current = Vec::new();
    for (i, value) in series.iter().enumerate() {
        match value {
            Some(v) => current.push(point(i, v)),
            None if !current.is_empty() => all.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        all.push(current);
    }
    all
}

/// Which period labels to draw: every k-th, k the smallest step at which the widest label
/// fits with a gap, and always the first and last (dropping the k-th before the last if the
/// two would touch). Labels too long for half the plot are shortened; each text is kept
/// inside the chart.
fn period_labels(
    periods: &[String],
    period_x: &[f64],
    step: f64,
    font: f64,
    width: f64,
) -> Vec<(f64, String)> {
    let plot_width = step * periods.len() as f64;
    let max_chars = text::chars_in(plot_width / 2.0 - LABEL_GAP, font).max(1);
    let texts: Vec<String> = periods
        .iter()
        .map(|p| text::truncate(p, max_chars))
        .collect();
    let widest = texts
        .iter()
        .map(|t| text::width(t, font))
        .fold(0.0, f64::max);
    let every = if step > 0.0 {
        ((widest + LABEL_GAP) / step).ceil().max(1.0) as usize
    } else {
        1
    };
    let Some(last) = texts.len().checked_sub(1) else {
        return Vec::new();
    };
    let mut chosen: Vec<usize> = (0..=last).step_by(every).collect();
    if chosen.last() != Some(&last) {
        if let Some(&previous) = chosen.last()
            && previous != 0
            && last - previous < every
        {
            chosen.pop();
        }
        chosen.push(last);
    }
    chosen
        .into_iter()
        .filter_map(|i| {
            let label = texts.get(i)?;
            let x = *period_x.get(i)?;
            let half = text::width(label, font) / 2.0;
            let x = if width > 2.0 * half + 4.0 {
                x.max(half + 2.0).min(width - half - 2.0)
            } else {
                width / 2.0
            };
            Some((x, label.clone()))
        })
        .collect()
}

/// Draws the layout as an SVG document (plotters escapes every text it writes).
pub fn render_svg(layout: &TrendLineLayout) -> String {
    draw::document((layout.width, layout.height), layout, draw)
}

fn draw<'a>(area: &Area<'a>, layout: &TrendLineLayout) -> DrawResult<'a> {
    let tick_style = draw::text_style(layout.font, theme::TEXT_MUTED, HPos::Right, false);
    for (y, label) in &layout.y_ticks {
        draw::line(
            area,
            &[(layout.plot_left, *y), (layout.plot_right, *y)],
            theme::GRID.stroke_width(1),
        )?;
        draw::label(
            area,
            label,
            (layout.plot_left - 6.0, *y),
            tick_style.clone(),
        )?;
    }
    if let Some(zero) = layout.zero_y {
        draw::line(
            area,
            &[(layout.plot_left, zero), (layout.plot_right, zero)],
            theme::TEXT_MUTED.stroke_width(1),
        )?;
    }

    for run in &layout.band {
        area.draw(&Polygon::new(
            run.outline().into_iter().map(draw::at).collect::<Vec<_>>(),
            theme::BAND_FILL.filled(),
        ))?;
    }
    for run in &layout.band {
        draw::line(area, &run.upper, theme::BAND_EDGE.stroke_width(1))?;
        draw::line(area, &run.lower, theme::BAND_EDGE.stroke_width(1))?;
    }

    for run in &layout.median_runs {
        draw::dashed(area, run, (7.0, 5.0), theme::MEDIAN.stroke_width(2))?;
    }
    for &point in &layout.median_points {
        draw::marker(area, &MEDIAN_MARKER, point, theme::MEDIAN, None)?;
    }

    for point in &layout.council_points {
        if let Some((top, bottom)) = point.whisker {
            let style = theme::HIGHLIGHT.stroke_width(1);
            draw::line(area, &[(point.x, top), (point.x, bottom)], style)?;
            for y in [top, bottom] {
                draw::line(area, &[(point.x - 4.0, y), (point.x + 4.0, y)], style)?;
            }
        }
    }
    for run in &layout.council_runs {
        draw::line(area, run, theme::HIGHLIGHT.stroke_width(2))?;
    }
    for point in &layout.council_points {
        draw::marker(
            area,
            &point.marker,
            (point.x, point.y),
            theme::HIGHLIGHT,
            None,
        )?;
    }

    let label_style = draw::text_style(layout.font, theme::TEXT_MUTED, HPos::Center, false);
    for &x in &layout.period_x {
        draw::line(
            area,
            &[(x, layout.plot_bottom), (x, layout.plot_bottom + 4.0)],
            theme::TEXT_MUTED.stroke_width(1),
        )?;
    }
    for (x, label) in &layout.x_labels {
        draw::label(
            area,
            label,
            (*x, layout.plot_bottom + 18.0),
            label_style.clone(),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(value: f64) -> Option<TrendPoint> {
        Some(TrendPoint {
            value,
            interval: None,
            marker: MarkerKind::Plain,
        })
    }

    fn periods(count: usize) -> Vec<String> {
        (0..count)
            .map(|i| format!("{}-{:02}", 2005 + i, (6 + i) % 100))
            .collect()
    }

    fn input(council: &[Option<f64>], width: u32) -> TrendLineInput {
        let count = council.len();
        TrendLineInput {
            periods: periods(count),
            points: council.iter().map(|v| v.and_then(point)).collect(),
            median: vec![Some(50.0); count],
            band: vec![Some((45.0, 55.0)); count],
            tick_decimals: 0,
            width,
        }
    }

    /// Every drawn position lies inside the plot (x labels inside the chart).
    fn assert_inside(l: &TrendLineLayout) {
        let inside = |(x, y): (f64, f64)| {
            assert!(
                l.plot_left - 1e-9 <= x && x <= l.plot_right + 1e-9,
                "x {x} outside {}..{}",
                l.plot_left,
                l.plot_right
            );
            assert!(
                l.plot_top - 1e-9 <= y && y <= l.plot_bottom + 1e-9,
                "y {y} outside {}..{}",
                l.plot_top,
                l.plot_bottom
            );
        };
        for p in &l.council_points {
            inside((p.x, p.y));
            if let Some((top, bottom)) = p.whisker {
                inside((p.x, top));
                inside((p.x, bottom));
            }
        }
        l.median_points.iter().copied().for_each(inside);
        l.band.iter().flat_map(BandRun::outline).for_each(inside);
        for (y, _) in &l.y_ticks {
            inside((l.plot_left, *y));
        }
        for (x, label) in &l.x_labels {
            let half = text::width(label, l.font) / 2.0;
            assert!(
                *x - half >= 0.0 && *x + half <= f64::from(l.width),
                "{label} at {x}"
            );
        }
        assert!(l.plot_right <= f64::from(l.width) && l.plot_bottom < f64::from(l.height));
    }

    #[test]
    fn heights_are_proportional_to_values() {
        let l = layout(&input(&[Some(40.0), Some(50.0), Some(70.0)], 640));
        let ys: Vec<f64> = l.council_points.iter().map(|p| p.y).collect();
        let ratio = (ys[0] - ys[2]) / (ys[0] - ys[1]);
        assert!((ratio - 3.0).abs() < 1e-9, "ratio {ratio}");
        assert!(
            ys[0] > ys[1] && ys[1] > ys[2],
            "higher values are higher up"
        );
        // The median (50) sits level with the council's 50.
        assert!((l.median_points[1].1 - ys[1]).abs() < 1e-9);
        assert_inside(&l);
    }

    #[test]
    fn periods_are_evenly_spaced_left_to_right() {
        let l = layout(&input(&[Some(1.0); 6], 640));
        let gaps: Vec<f64> = l.period_x.windows(2).map(|w| w[1] - w[0]).collect();
        assert!(gaps.iter().all(|g| (g - gaps[0]).abs() < 1e-9 && *g > 0.0));
        let xs: Vec<f64> = l.council_points.iter().map(|p| p.x).collect();
        assert_eq!(xs, l.period_x);
    }

    #[test]
    fn a_missing_figure_breaks_the_line_and_the_band() {
        let mut i = input(&[Some(40.0), Some(45.0), None, Some(50.0), Some(52.0)], 640);
        i.band[3] = None;
        i.median[1] = Some(f64::NAN);
        let l = layout(&i);
        let run_x: Vec<Vec<f64>> = l
            .council_runs
            .iter()
            .map(|run| run.iter().map(|p| p.0).collect())
            .collect();
        assert_eq!(
            run_x,
            [
                vec![l.period_x[0], l.period_x[1]],
                vec![l.period_x[3], l.period_x[4]]
            ]
        );
        assert_eq!(l.council_points.len(), 4);
        // Band: periods 0–2, then 4 alone (a short flat bar around its period).
        assert_eq!(l.band.len(), 2);
        assert_eq!(l.band[0].upper.len(), 3);
        let lone = &l.band[1];
        assert!(lone.upper[0].0 < l.period_x[4] && l.period_x[4] < lone.upper[1].0);
        // Median: 0, then 2–4; the NaN is a gap.
        assert_eq!(
            l.median_runs.iter().map(Vec::len).collect::<Vec<_>>(),
            [1, 3]
        );
        assert_inside(&l);
    }

    #[test]
    fn markers_say_how_final_each_figure_is() {
        let mut i = input(&[Some(40.0), Some(45.0), Some(50.0)], 640);
        i.points[1] = Some(TrendPoint {
            value: 45.0,
            interval: None,
            marker: MarkerKind::Provisional,
        });
        i.points[2] = Some(TrendPoint {
            value: 50.0,
            interval: None,
            marker: MarkerKind::Revised,
        });
        let l = layout(&i);
        let marks: Vec<(Shape, bool)> = l
            .council_points
            .iter()
            .map(|p| (p.marker.shape, p.marker.filled))
            .collect();
        assert_eq!(
            marks,
            [
                (Shape::Circle, true),
                (Shape::Circle, false),
                (Shape::Square, true)
            ]
        );
        assert_ne!(MEDIAN_MARKER.shape, Shape::Circle);
        assert_ne!(MEDIAN_MARKER.shape, Shape::Square);
    }

    #[test]
    fn whiskers_span_the_limits_and_stay_on_the_axis() {
        let mut i = input(&[Some(40.0), Some(45.0)], 640);
        i.points[0] = Some(TrendPoint {
            value: 40.0,
            // Reversed on purpose: put in order.
            interval: Some((70.0, 20.0)),
            marker: MarkerKind::Plain,
        });
        i.points[1] = Some(TrendPoint {
            value: 45.0,
            interval: Some((f64::NAN, 50.0)),
            marker: MarkerKind::Plain,
        });
        let l = layout(&i);
        let first = &l.council_points[0];
        let (top, bottom) = first.whisker.unwrap();
        assert!(top < first.y && first.y < bottom);
        assert_eq!(l.council_points[1].whisker, None);
        let tick = |text: &str| l.y_ticks.iter().find(|(_, t)| t == text).map(|t| t.0);
        assert_eq!(tick("70"), Some(top));
        assert_inside(&l);
    }

    fn check_range(values: &[f64], expected: (f64, f64)) {
        assert_eq!(
            value_range(values.iter().copied()),
            expected,
            "range of {values:?}"
        );
    }

    #[test]
    fn zero_joins_the_axis_only_when_the_data_come_near_it() {
        check_range(&[45.0, 60.0], (45.0, 60.0));
        check_range(&[3.0, 10.0], (0.0, 10.0));
        check_range(&[3.0, 9.0], (3.0, 9.0));
        check_range(&[-10.0, -2.0], (-10.0, 0.0));
        check_range(&[-10.0, -4.0], (-10.0, -4.0));
        check_range(&[-2.0, 5.0], (-2.0, 5.0));
        check_range(&[f64::NAN, f64::INFINITY, 7.0], (7.0, 7.0));
        check_range(&[], (0.0, 1.0));
    }

    #[test]
    fn an_empty_chart_has_an_axis_and_nothing_else() {
        let l = layout(&input(&[], 640));
        assert!(l.council_points.is_empty() && l.band.is_empty() && l.x_labels.is_empty());
        assert!(l.y_ticks.len() >= 2);
        assert!(render_svg(&l).starts_with("<svg"));
    }

    #[test]
    fn one_period_sits_in_the_middle_with_its_label() {
        let l = layout(&input(&[Some(42.0)], 640));
        let middle = (l.plot_left + l.plot_right) / 2.0;
        assert!((l.council_points[0].x - middle).abs() < 1e-9);
        assert!(l.council_runs.len() == 1 && l.council_runs[0].len() == 1);
        assert_eq!(l.x_labels.len(), 1);
        assert_inside(&l);
    }

    #[test]
    fn all_equal_values_get_an_axis_around_them() {
        let mut i = input(&[Some(50.0); 4], 640);
        i.band = vec![Some((50.0, 50.0)); 4];
        let l = layout(&i);
        let y = l.council_points[0].y;
        assert!(l.plot_top < y && y < l.plot_bottom, "{y}");
        let texts: Vec<&str> = l.y_ticks.iter().map(|(_, t)| t.as_str()).collect();
        let mut unique = texts.clone();
        unique.dedup();
        assert_eq!(texts, unique, "tick texts differ: {texts:?}");
        assert_inside(&l);
    }

    #[test]
    fn values_that_are_not_finite_are_left_out() {
        let l = layout(&input(
            &[Some(40.0), Some(f64::NAN), Some(f64::INFINITY), Some(50.0)],
            640,
        ));
        assert_eq!(l.council_points.len(), 2);
        assert_eq!(l.council_runs.len(), 2);
        assert!(l.y_ticks.iter().all(|(y, _)| y.is_finite()));
        assert_inside(&l);
    }

    /// Labels drawn never touch: each pair is at least the gap apart.
    fn assert_labels_apart(l: &TrendLineLayout) {
        for pair in l.x_labels.windows(2) {
            let [(x0, a), (x1, b)] = pair else {
                unreachable!()
            };
            let room = (text::width(a, l.font) + text::width(b, l.font)) / 2.0;
            assert!(x1 - x0 >= room, "{a} at {x0} and {b} at {x1}");
        }
    }

    #[test]
    fn crowded_period_labels_are_thinned_keeping_the_first_and_last() {
        let values: Vec<Option<f64>> = (0..20).map(|i| Some(f64::from(i))).collect();
        let narrow = layout(&input(&values, 280));
        let texts: Vec<&str> = narrow.x_labels.iter().map(|(_, t)| t.as_str()).collect();
        assert!(texts.len() < 20 && texts.len() >= 2, "{texts:?}");
        assert_eq!(texts.first(), Some(&"2005-06"));
        assert_eq!(texts.last(), Some(&"2024-25"));
        assert_labels_apart(&narrow);
        assert_inside(&narrow);

        let wide = layout(&input(&values, 1280));
        assert!(wide.x_labels.len() > narrow.x_labels.len());
        assert_eq!(wide.x_labels.last().map(|l| l.1.as_str()), Some("2024-25"));
        assert_labels_apart(&wide);
        assert_inside(&wide);
    }

    #[test]
    fn few_periods_are_all_labelled() {
        let l = layout(&input(&[Some(1.0); 5], 640));
        assert_eq!(l.x_labels.len(), 5);
    }

    #[test]
    fn very_long_period_labels_are_shortened_to_fit() {
        let mut i = input(&[Some(1.0), Some(2.0)], 280);
        i.periods = vec![
            "April 2022 to March 2023 (provisional)".to_owned(),
            "April 2023 to March 2024 (provisional)".to_owned(),
        ];
        let l = layout(&i);
        assert_eq!(l.x_labels.len(), 2);
        assert!(l.x_labels.iter().all(|(_, t)| t.ends_with('…')));
        assert_labels_apart(&l);
        assert_inside(&l);
    }

    #[test]
    fn width_is_at_least_the_narrowest_supported() {
        let l = layout(&input(&[Some(1.0), Some(2.0)], 100));
        assert_eq!(l.width, crate::MIN_WIDTH);
        assert!(l.plot_right - l.plot_left >= 40.0);
        assert!((280..=320).contains(&l.height));
    }

    #[test]
    fn rendered_svg_escapes_period_labels() {
        let mut i = input(&[Some(40.0), Some(50.0)], 640);
        i.periods[0] = "<script>alert(1)</script> & \"Q'1\"".to_owned();
        let svg = render_svg(&layout(&i));
        assert!(svg.starts_with("<svg"));
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;") && svg.contains("&amp;"));
        assert!(svg.contains("&quot;") || svg.contains("&apos;"));
    }
}

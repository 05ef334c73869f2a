//! The ranked bar chart: every member of a group as a horizontal bar, ordered by value, the
//! chosen council marked by outline, a pointer and bold text (never by colour alone), and the
//! group median as a dashed line. Where the engine has them, the group's interquartile range
//! is a light band behind the bars (LG Inform's middle 50%) and each council's 95% confidence
//! limits are whiskers across its bar (Fingertips draws them the same way).
//!
//! [`layout`] is plain geometry, tested natively; [`render_svg`] only draws that geometry with
//! plotters' SVG backend.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::scale::{LinearScale, nice_ticks};
use super::{text, theme};
pub use yardstick_present::chart::{BarInput, Neighbourhood, RankedBarsInput};

/// One bar's geometry.
#[derive(Debug, Clone, PartialEq)]
pub struct BarGeometry {
    pub top: f64,
    pub height: f64,
    pub x_start: f64,
    pub x_end: f64,
    /// The name to draw, or `None` when rows are too thin for text.
    pub label: Option<String>,
    /// The value drawn at the end of the bar (only for the highlighted bar).
    pub value_label: Option<String>,
    pub highlighted: bool,
    /// The confidence limits' positions, lower and upper.
    pub whisker: Option<(f64, f64)>,
}

/// The whole chart's geometry, in CSS pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedBarsLayout {
    pub width: u32,
    pub height: u32,
    pub plot_left: f64,
    pub plot_right: f64,
    pub plot_top: f64,
    pub plot_bottom: f64,
    pub label_font: f64,
    pub bars: Vec<BarGeometry>,
    /// Tick positions and their text, along the bottom axis.
    pub ticks: Vec<(f64, String)>,
    /// The median line's position and label.
    pub median: Option<(f64, String)>,
    /// The interquartile band's left and right edges.
    pub band: Option<(f64, f64)>,
    pub zero_x: f64,
    /// Lines for the bars a long ranking leaves out above and below the council's
    /// neighbourhood: where each is written (its middle) and what it says.
    pub left_out: Vec<(f64, String)>,
    /// Where the axis's tick labels are written (their middle).
    pub ticks_y: f64,
}

const ROW_HEIGHT_MAX: f64 = 22.0;
const ROW_HEIGHT_MIN: f64 = 4.0;
const ROW_HEIGHT_FOR_NAMES: f64 = 16.0;
pub const TALLEST_PLOT: f64 = 720.0;
const TOP_MARGIN: f64 = 24.0;
const AXIS_HEIGHT: f64 = 28.0;

/// The tallest plot of a compact comparison: a group of 36 in thin bars, with only the
/// council's name written (the others are in the full comparison's table).
pub const SHORT_PLOT: f64 = 144.0;

/// How much room a chart has, and what it does with a group too large for it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    /// The bars' rows together are at most this many pixels high.
    pub tallest: f64,
    /// The thinnest row worth drawing every bar in; a larger group is drawn as the council's
    /// neighbourhood in the ranking instead, the rest said in a line above and below.
    pub thinnest: f64,
    /// How many bars that neighbourhood holds.
    pub neighbourhood: usize,
}

impl Fit {
    /// The full comparison: every council named (up to 45), or the council and the 14
    /// ranked nearest it, named, so every name can be read; the table holds every value.
    pub const FULL: Fit = Fit {
        tallest: TALLEST_PLOT,
        thinnest: ROW_HEIGHT_FOR_NAMES,
        neighbourhood: 15,
    };
    /// A compact comparison: the shape of a group of up to 36 in thin bars, or the council
    /// and the five ranked nearest it.
    pub const SHORT: Fit = Fit {
        tallest: SHORT_PLOT,
        thinnest: ROW_HEIGHT_MIN,
        neighbourhood: 6,
    };
}

/// The height of a line that says what a long ranking leaves out.
const LEFT_OUT_ROW: f64 = 22.0;

/// Works out where everything goes.
pub fn layout(input: &RankedBarsInput) -> RankedBarsLayout {
    layout_within(input, Fit::FULL)
}

/// Works out where everything goes within `fit`: a group too large for it shows the council's
/// neighbourhood in the ranking (its axis still spans the whole group).
pub fn layout_within(input: &RankedBarsInput, fit: Fit) -> RankedBarsLayout {
    let neighbourhood = (input.bars.len() as f64 * fit.thinnest > fit.tallest)
        .then(|| input.neighbourhood(fit.neighbourhood))
        .flatten();
    let shown = neighbourhood
        .as_ref()
        .and_then(|n| input.bars.get(n.start..n.end))
        .unwrap_or(&input.bars);
    let width = input.width.max(super::MIN_WIDTH);
    let width_px = f64::from(width);
    let count = shown.len().max(1) as f64;
    let row = (fit.tallest / count).clamp(ROW_HEIGHT_MIN, ROW_HEIGHT_MAX);
    let names_fit = row >= ROW_HEIGHT_FOR_NAMES;
    // plotters writes font-size as size / 1.24: 16 gives 12.9 px text, 15 gives 12.1 px.
    let label_font = text::label_font(width);

    let longest = shown
        .iter()
        .filter(|bar| names_fit || bar.highlighted)
        .map(|bar| text::width(&bar.label, label_font))
        .fold(0.0, f64::max);
    let label_room = (longest + 12.0).clamp(40.0, (width_px * 0.4).floor());
    let value_room = shown
        .iter()
        .filter(|bar| bar.highlighted)
        .map(|bar| text::width(&bar.value_text, label_font) + 26.0)
        .fold(8.0, f64::max);

    let plot_left = label_room;
    let plot_right = (width_px - value_room).max(plot_left + 40.0);
    let above = neighbourhood.as_ref().and_then(|n| n.above.clone());
    let below = neighbourhood.as_ref().and_then(|n| n.below.clone());
    let plot_top = TOP_MARGIN + if above.is_some() { LEFT_OUT_ROW } else { 0.0 };
    let plot_bottom = plot_top + row * count;
    let below_room = if below.is_some() { LEFT_OUT_ROW } else { 0.0 };
    let height = (plot_bottom + below_room + AXIS_HEIGHT).ceil();
    let left_out = above
        .map(|line| (plot_top - LEFT_OUT_ROW / 2.0, line))
        .into_iter()
        .chain(below.map(|line| (plot_bottom + LEFT_OUT_ROW / 2.0, line)))
        .collect();

    let quartiles = input.quartiles.and_then(ordered);
    // Limits and quartiles widen the axis so that nothing is drawn outside it.
    let values = input
        .bars
        .iter()
        .flat_map(|bar| {
            let (low, high) = bar
                .interval
                .and_then(ordered)
                .unwrap_or((bar.value, bar.value));
            [bar.value, low, high]
        })
        .chain(quartiles.into_iter().flat_map(|(q1, q3)| [q1, q3]))
        .filter(|v| v.is_finite());
    let (low, high) = values.fold((0.0_f64, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let ticks = nice_ticks(
        low,
        if high == low { low + 1.0 } else { high },
        tick_count(width),
    );
    let domain = match (ticks.first(), ticks.last()) {
        (Some(first), Some(last)) if last > first => (*first, *last),
        _ => (low, low + 1.0),
    };
    let scale = LinearScale::new(domain, (plot_left, plot_right));
    let zero_x = scale.map(0.0_f64.clamp(domain.0, domain.1));

    let max_chars = text::chars_in(label_room - 10.0, label_font);
    let bars = shown
        .iter()
        .enumerate()
        .map(|(i, bar)| {
            let value_x = if bar.value.is_finite() {
                scale.map(bar.value)
            } else {
                zero_x
            };
            let gap = if row >= 8.0 { row * 0.18 } else { 0.0 };
            BarGeometry {
                top: plot_top + row * i as f64 + gap / 2.0,
                height: row - gap,
                x_start: zero_x.min(value_x),
                x_end: zero_x.max(value_x),
                label: (names_fit || bar.highlighted)
                    .then(|| text::truncate(&bar.label, max_chars)),
                value_label: bar.highlighted.then(|| bar.value_text.clone()),
                highlighted: bar.highlighted,
                whisker: bar
                    .interval
                    .and_then(ordered)
                    .map(|(low, high)| (scale.map(low), scale.map(high))),
            }
        })
        .collect();

    let decimals = input.tick_decimals;
    RankedBarsLayout {
        width,
        height: height as u32,
        plot_left,
        plot_right,
        plot_top,
        plot_bottom,
        label_font,
        bars,
        ticks: ticks
            .iter()
            .map(|&t| (scale.map(t), format!("{t:.decimals$}")))
            .collect(),
        median: input
            .median
            .as_ref()
            .filter(|(value, _)| value.is_finite())
            .map(|(value, text)| (scale.map(*value), text.clone())),
        band: quartiles.map(|(q1, q3)| (scale.map(q1), scale.map(q3))),
        zero_x,
        left_out,
        ticks_y: plot_bottom + below_room + 14.0,
    }
}

/// Both ends finite, lower first; anything else is no interval.
fn ordered((a, b): (f64, f64)) -> Option<(f64, f64)> {
    (a.is_finite() && b.is_finite()).then(|| (a.min(b), a.max(b)))
}

fn tick_count(width: u32) -> usize {
    if width < 420 { 3 } else { 6 }
}

/// Draws the layout as an SVG document (plotters escapes every text it writes).
pub fn render_svg(layout: &RankedBarsLayout) -> String {
    let mut svg = String::new();
    {
        let area =
            SVGBackend::with_string(&mut svg, (layout.width, layout.height)).into_drawing_area();
        // Drawing into a String cannot fail for I/O reasons; a failed element only loses itself.
        let _ = draw(&area, layout);
        let _ = area.present();
    }
    svg
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;
type DrawResult<'a> =
    Result<(), DrawingAreaErrorKind<<SVGBackend<'a> as DrawingBackend>::ErrorType>>;

fn draw<'a>(area: &Area<'a>, layout: &RankedBarsLayout) -> DrawResult<'a> {
    let px = |v: f64| v.round() as i32;
    let font = |size: f64| ("sans-serif", size).into_font();
    let text = |size: f64, colour: &'static RGBColor, h: HPos| {
        TextStyle::from(font(size))
            .color(colour)
            .pos(Pos::new(h, VPos::Center))
    };

    area.fill(&theme::BACKGROUND)?;

    // Grid and tick labels.
    for (x, label) in &layout.ticks {
        area.draw(&PathElement::new(
            vec![
                (px(*x), px(layout.plot_top)),
                (px(*x), px(layout.plot_bottom)),
            ],
            theme::GRID.stroke_width(1),
        ))?;
        area.draw(&Text::new(
            label.clone(),
            (px(*x), px(layout.ticks_y)),
            TextStyle::from(font(15.0))
                .color(&theme::TEXT_MUTED)
                .pos(Pos::new(HPos::Center, VPos::Center)),
        ))?;
    }

    if let Some((left, right)) = layout.band {
        // The fill is decoration; the edges, at 3.4:1, carry the band.
        area.draw(&Rectangle::new(
            [
                (px(left), px(layout.plot_top)),
                (px(right), px(layout.plot_bottom)),
            ],
            theme::BAND_FILL.filled(),
        ))?;
        for x in [left, right] {
            area.draw(&PathElement::new(
                vec![
                    (px(x), px(layout.plot_top)),
                    (px(x), px(layout.plot_bottom)),
                ],
                theme::BAND_EDGE.stroke_width(1),
            ))?;
        }
    }

    for bar in &layout.bars {
        let (top, bottom) = (px(bar.top), px(bar.top + bar.height).max(px(bar.top) + 1));
        let (left, right) = (px(bar.x_start), px(bar.x_end).max(px(bar.x_start) + 1));
        let fill = if bar.highlighted {
            theme::HIGHLIGHT
        } else {
            theme::BAR
        };
        area.draw(&Rectangle::new(
            [(left, top), (right, bottom)],
            fill.filled(),
        ))?;
        let middle = px(bar.top + bar.height / 2.0);
        if bar.highlighted {
            area.draw(&Rectangle::new(
                [(left, top), (right, bottom)],
                theme::TEXT.stroke_width(2),
            ))?;
            // A pointer in the label gutter: position, not colour, says "this one".
            let tip = px(layout.plot_left) - 3;
            area.draw(&Polygon::new(
                vec![(tip - 7, middle - 5), (tip, middle), (tip - 7, middle + 5)],
                theme::TEXT.filled(),
            ))?;
        }
        if let Some(label) = &bar.label {
            let style = if bar.highlighted {
                TextStyle::from(font(layout.label_font).style(FontStyle::Bold))
                    .color(&theme::TEXT)
                    .pos(Pos::new(HPos::Right, VPos::Center))
            } else {
                text(layout.label_font, &theme::TEXT, HPos::Right)
            };
            let gutter = if bar.highlighted { 12.0 } else { 6.0 };
            area.draw(&Text::new(
                label.clone(),
                (px(layout.plot_left - gutter), middle),
                style,
            ))?;
        }
        if let Some((low, high)) = bar.whisker {
            let (low, high) = (px(low), px(high));
            let cap = (bar.height * 0.3).clamp(1.0, 5.0).round() as i32;
            let style = theme::TEXT.stroke_width(if bar.height >= 12.0 { 2 } else { 1 });
            area.draw(&PathElement::new(
                vec![(low, middle), (high, middle)],
                style,
            ))?;
            for x in [low, high] {
                area.draw(&PathElement::new(
                    vec![(x, middle - cap), (x, middle + cap)],
                    style,
                ))?;
            }
        }
        if let Some(value) = &bar.value_label {
            // Past the whisker, when there is one, so the two do not cross.
            let end = bar.whisker.map_or(right, |(_, high)| right.max(px(high)));
            area.draw(&Text::new(
                value.clone(),
                (end + 6, middle),
                TextStyle::from(font(layout.label_font).style(FontStyle::Bold))
                    .color(&theme::TEXT)
                    .pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
        }
    }

    // Axis line at zero.
    area.draw(&PathElement::new(
        vec![
            (px(layout.zero_x), px(layout.plot_top)),
            (px(layout.zero_x), px(layout.plot_bottom)),
        ],
        theme::TEXT_MUTED.stroke_width(1),
    ))?;

    if let Some((x, label)) = &layout.median {
        let x = px(*x);
        let mut y = px(layout.plot_top) - 2;
        // A dashed line, drawn as segments: plotters' SVG has no dash style.
        while y < px(layout.plot_bottom) {
            let end = (y + 6).min(px(layout.plot_bottom));
            area.draw(&PathElement::new(
                vec![(x, y), (x, end)],
                theme::MEDIAN.stroke_width(2),
            ))?;
            y += 10;
        }
        let anchor = if f64::from(x) > (layout.plot_left + layout.plot_right) / 2.0 {
            HPos::Right
        } else {
            HPos::Left
        };
        area.draw(&Text::new(
            label.clone(),
            (x, px(TOP_MARGIN / 2.0)),
            text(15.0, &theme::MEDIAN, anchor),
        ))?;
    }
    // What a long ranking leaves out, in words, where the left-out bars would be.
    let room = text::chars_in(f64::from(layout.width) - 8.0, layout.label_font);
    for (y, line) in &layout.left_out {
        area.draw(&Text::new(
            text::truncate(line, room),
            (4, px(*y)),
            text(layout.label_font, &theme::TEXT_MUTED, HPos::Left),
        ))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bars(values: &[f64], highlighted: usize) -> Vec<BarInput> {
        values
            .iter()
            .enumerate()
            .map(|(i, &value)| BarInput {
                label: format!("Council {i}"),
                value,
                value_text: format!("{value:.1}%"),
                highlighted: i == highlighted,
                interval: None,
            })
            .collect()
    }

    fn input(values: &[f64], highlighted: usize, width: u32) -> RankedBarsInput {
        RankedBarsInput {
            bars: bars(values, highlighted),
            median: Some((45.0, "Median 45.0%".to_owned())),
            quartiles: None,
            tick_decimals: 0,
            width,
        }
    }

    #[test]
    fn bars_are_stacked_top_to_bottom_inside_the_plot() {
        let l = layout(&input(&[60.0, 50.0, 40.0], 1, 640));
        assert_eq!(l.bars.len(), 3);
        for pair in l.bars.windows(2) {
            assert!(pair[0].top + pair[0].height <= pair[1].top);
        }
        let last = &l.bars[2];
        assert!(last.top + last.height <= l.plot_bottom);
        assert!(l.plot_bottom < f64::from(l.height));
    }

    #[test]
    fn a_short_chart_of_36_keeps_every_bar_and_names_only_the_council() {
        let values: Vec<f64> = (0..36).map(|i| 70.0 - f64::from(i)).collect();
        let full = layout(&input(&values, 20, 320));
        let short = layout_within(&input(&values, 20, 320), Fit::SHORT);
        assert_eq!(short.bars.len(), 36);
        assert!(short.plot_bottom - short.plot_top <= SHORT_PLOT + 1e-9);
        assert!(
            short.height < full.height / 2,
            "{} {}",
            short.height,
            full.height
        );
        let named: Vec<usize> = (0..36).filter(|&i| short.bars[i].label.is_some()).collect();
        assert_eq!(named, [20]);
        assert!(short.bars.iter().all(|b| b.height > 0.0));
        // A small group is not stretched: its rows stay at the usual height.
        let few = layout_within(&input(&[60.0, 50.0], 0, 320), Fit::SHORT);
        assert_eq!(few.height, layout(&input(&[60.0, 50.0], 0, 320)).height);
    }

    #[test]
    fn bar_lengths_are_proportional_to_values() {
        let l = layout(&input(&[60.0, 30.0], 0, 640));
        let length = |b: &BarGeometry| b.x_end - b.x_start;
        let ratio = length(&l.bars[0]) / length(&l.bars[1]);
        assert!((ratio - 2.0).abs() < 1e-9, "ratio {ratio}");
        assert_eq!(l.bars[0].x_start, l.zero_x);
    }

    #[test]
    fn the_median_line_sits_between_the_ticks_that_surround_it() {
        let l = layout(&input(&[60.0, 50.0, 40.0], 1, 640));
        let (x, text) = l.median.clone().unwrap();
        let tick = |label: &str| l.ticks.iter().find(|(_, t)| t == label).unwrap().0;
        assert!(tick("40") < x && x < tick("50"));
        assert_eq!(text, "Median 45.0%");
    }

    #[test]
    fn only_the_highlighted_bar_carries_its_value() {
        let l = layout(&input(&[60.0, 50.0, 40.0], 2, 640));
        let labelled: Vec<bool> = l.bars.iter().map(|b| b.value_label.is_some()).collect();
        assert_eq!(labelled, [false, false, true]);
    }

    #[test]
    fn a_large_group_shows_the_councils_neighbourhood_named_and_says_what_it_leaves_out() {
        // 180 councils valued 180 down to 1; the council is the 18th.
        let values: Vec<f64> = (0..180).map(|i| f64::from(180 - i)).collect();
        let l = layout(&input(&values, 17, 640));
        assert_eq!(l.bars.len(), 15);
        assert!(
            l.bars.iter().all(|b| b.label.is_some()),
            "every bar drawn is named"
        );
        let named: Vec<&str> = l.bars.iter().filter_map(|b| b.label.as_deref()).collect();
        assert_eq!(named.first(), Some(&"Council 10"));
        assert_eq!(named.last(), Some(&"Council 24"));
        assert!(l.bars[7].highlighted, "the council in the middle");
        let lines: Vec<&str> = l.left_out.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            lines,
            [
                "10 more councils, from 180.0% to 171.0%",
                "155 more councils, from 155.0% to 1.0%"
            ]
        );
        // The lines sit outside the bars, above and below, and the axis below them.
        let (first, last) = (&l.bars[0], &l.bars[14]);
        assert!(l.left_out[0].0 < first.top);
        assert!(l.left_out[1].0 > last.top + last.height);
        assert!(l.ticks_y > l.left_out[1].0 + 8.0);
        // The axis still spans the whole group, so bar lengths compare with the left-out figures.
        assert!(l.ticks.last().unwrap().1.parse::<f64>().unwrap() >= 180.0);
        let svg = render_svg(&l);
        assert!(svg.contains("155 more councils, from 155.0% to 1.0%"));
    }

    #[test]
    fn a_group_of_45_is_drawn_whole_and_named() {
        let values: Vec<f64> = (0..45).map(f64::from).collect();
        let l = layout(&input(&values, 17, 640));
        assert_eq!(l.bars.len(), 45);
        assert!(l.bars.iter().all(|b| b.label.is_some()));
        assert!(l.left_out.is_empty());
    }

    #[test]
    fn a_compact_chart_of_a_large_group_stays_short() {
        let values: Vec<f64> = (0..180).map(f64::from).collect();
        let l = layout_within(&input(&values, 90, 320), Fit::SHORT);
        assert_eq!(l.bars.len(), 6);
        assert_eq!(l.left_out.len(), 2);
        assert!(f64::from(l.height) <= SHORT_PLOT + 2.0 * LEFT_OUT_ROW + TOP_MARGIN + AXIS_HEIGHT);
    }

    #[test]
    fn narrow_screens_keep_the_plot_at_least_forty_pixels_wide() {
        let l = layout(&input(&[60.0, 50.0], 0, 200));
        assert_eq!(l.width, crate::MIN_WIDTH);
        assert!(l.plot_right - l.plot_left >= 40.0);
    }

    #[test]
    fn negative_values_grow_left_from_zero() {
        let l = layout(&input(&[-5.0, 10.0], 0, 640));
        assert_eq!(l.bars[0].x_end, l.zero_x);
        assert_eq!(l.bars[1].x_start, l.zero_x);
    }

    #[test]
    fn long_names_are_shortened_with_an_ellipsis() {
        assert_eq!(text::truncate("Barking and Dagenham", 10), "Barking a…");
        assert_eq!(text::truncate("Bury", 10), "Bury");
    }

    #[test]
    fn rendered_svg_escapes_names() {
        let mut i = input(&[60.0, 50.0], 0, 640);
        i.bars[0].label = "<script>alert(1)</script> & \"Co\"".to_owned();
        let svg = render_svg(&layout(&i));
        assert!(svg.starts_with("<svg"));
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;"));
    }

    #[test]
    fn without_quartiles_or_limits_there_is_no_band_and_no_whisker() {
        let l = layout(&input(&[60.0, 50.0, 40.0], 1, 640));
        assert_eq!(l.band, None);
        assert!(l.bars.iter().all(|b| b.whisker.is_none()));
    }

    #[test]
    fn the_band_spans_the_quartiles_behind_the_bars() {
        let mut i = input(&[60.0, 50.0, 40.0], 1, 640);
        i.quartiles = Some((50.0, 40.0));
        let l = layout(&i);
        let tick = |label: &str| l.ticks.iter().find(|(_, t)| t == label).unwrap().0;
        assert_eq!(l.band, Some((tick("40"), tick("50"))));
    }

    #[test]
    fn whiskers_span_the_limits_and_widen_the_axis_to_hold_them() {
        let mut i = input(&[60.0, 50.0, 40.0], 1, 640);
        i.bars[0].interval = Some((52.0, 84.0));
        i.bars[1].interval = Some((f64::NAN, 55.0));
        let l = layout(&i);
        let (low, high) = l.bars[0].whisker.unwrap();
        assert!(low < l.bars[0].x_end && l.bars[0].x_end < high);
        assert!(high <= l.plot_right + 1e-9, "inside the plot");
        assert!(l.ticks.last().unwrap().1.parse::<f64>().unwrap() >= 84.0);
        assert_eq!(l.bars[1].whisker, None);
        let length = |b: &BarGeometry| b.x_end - b.x_start;
        let ratio = length(&l.bars[0]) / length(&l.bars[2]);
        assert!((ratio - 1.5).abs() < 1e-9, "still proportional: {ratio}");
    }

    #[test]
    fn degenerate_input_still_lays_out() {
        let empty = layout(&input(&[], 0, 640));
        assert!(empty.bars.is_empty());
        assert!(render_svg(&empty).starts_with("<svg"));

        let equal = layout(&input(&[7.0, 7.0, 7.0], 0, 640));
        assert!(equal.bars.iter().all(|b| b.x_end == equal.bars[0].x_end));
        assert!(equal.bars[0].x_end > equal.zero_x);

        let broken = layout(&input(&[f64::NAN, f64::INFINITY, 3.0], 2, 640));
        assert!(
            broken
                .bars
                .iter()
                .all(|b| b.x_start.is_finite() && b.x_end.is_finite())
        );
        assert_eq!(broken.bars[0].x_end, broken.zero_x);

        for width in [280, 1280] {
            let mut i = input(&[60.0, 50.0, 40.0], 1, width);
            i.quartiles = Some((42.0, 58.0));
            i.bars[1].interval = Some((44.0, 71.0));
            let l = layout(&i);
            assert!(l.plot_right <= f64::from(l.width));
            let (low, high) = l.bars[1].whisker.unwrap();
            assert!(l.plot_left <= low && high <= l.plot_right + 1e-9);
            let (q1, q3) = l.band.unwrap();
            assert!(l.plot_left <= q1 && q3 <= l.plot_right + 1e-9);
        }
    }
}

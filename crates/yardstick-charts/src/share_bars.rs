//! Why each neighbour is near: one row per nearest neighbour, closest first, each a bar split
//! by every context variable's share of the squared distance (the explanation CIPFA sells and
//! no free tool shows). A long segment means the two councils differ most on that variable;
//! a neighbour is near when all its segments come from small differences.
//!
//! Segments take the Okabe–Ito palette and two more colours in the model's variable order, so
//! that up to ten variables each have their own; past ten the colours come round again,
//! hatched. Segments are separated by thin white gaps and carry the variable's short code
//! where there is room, so the variable never depends on colour alone; the component draws
//! the key (as HTML) from [`ShareBarsLayout::legend`], with [`key_swatch`].
//!
//! [`layout`] is plain geometry, tested natively; [`render_svg`] only draws that geometry with
//! plotters' SVG backend.

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::draw::{self, Area, DrawResult};
use super::{text, theme};
pub use yardstick_present::chart::{ShareBarsInput, ShareRow};

/// One variable's part of a bar.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareSegment {
    pub x_start: f64,
    pub x_end: f64,
    /// Index into the variables (and the legend).
    pub variable: usize,
    /// The variable's code, when the segment is wide enough to hold it.
    pub code: Option<String>,
}

/// One neighbour's row.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareRowGeometry {
    /// The bar's top; rows are evenly spaced.
    pub top: f64,
    pub height: f64,
    /// The name, shortened to fit.
    pub label: String,
    /// The match score, rounded, or empty when there is none.
    pub similarity: String,
    /// Left to right, in variable order; variables with no share have no segment.
    pub segments: Vec<ShareSegment>,
    /// Some shares were negative or not finite and were drawn as zero, the rest rescaled to
    /// fill the bar. Under the Mahalanobis distance a variable whose difference is implied
    /// by correlated variables can have a small negative share; the table shows it as it is.
    pub adjusted: bool,
}

/// The whole chart's geometry, in CSS pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareBarsLayout {
    pub width: u32,
    pub height: u32,
    /// The bars span this range.
    pub plot_left: f64,
    pub plot_right: f64,
    pub font: f64,
    pub rows: Vec<ShareRowGeometry>,
    /// Each variable's code, as written inside segments.
    pub codes: Vec<String>,
    /// For the component's key, one per variable in order: "Title (CODE)" and the segment's
    /// colour as `#rrggbb`.
    pub legend: Vec<(String, String)>,
    /// The heading over the bars, starting at its x; `None` when there is no room.
    pub bar_heading: Option<(f64, String)>,
    /// The heading over the similarity column, ending at its x.
    pub similarity_heading: (f64, String),
    pub heading_y: f64,
}

const ROW: f64 = 22.0;
const BAR: f64 = 16.0;
const HEADING_ROW: f64 = 22.0;
const BOTTOM_PAD: f64 = 4.0;
const GAP: f64 = 8.0;
const EDGE: f64 = 4.0;
const BAR_HEADING: &str = "Share of squared distance";
/// The spacing of hatch lines.
const HATCH: f64 = 6.0;
const SIMILARITY_HEADING: &str = "Similarity";
/// Short words left out of codes.
const MINOR_WORDS: [&str; 14] = [
    "a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "per", "the", "to",
];

/// The palette swatch of variable `index`: the palette repeats after ten, where [`hatched`]
/// and the codes tell variables apart.
pub fn swatch(index: usize) -> theme::Swatch {
    let palette = &theme::QUALITATIVE;
    palette
        .get(index % palette.len())
        .copied()
        .unwrap_or(theme::Swatch {
            fill: theme::BAR,
            text: theme::BACKGROUND,
        })
}

/// Whether variable `index`'s segments are hatched: every other time round the palette, so
/// that a colour that comes round again differs in pattern from its first use.
pub fn hatched(index: usize) -> bool {
    (index / theme::QUALITATIVE.len()) % 2 == 1
}

/// The class of variable `index`'s swatch in the component's key (style/yardstick.css): its
/// colour, hatched as [`hatched`] says.
pub fn key_swatch(index: usize) -> &'static str {
    const SWATCHES: [&str; 20] = [
        "ys-key__swatch--s0",
        "ys-key__swatch--s1",
        "ys-key__swatch--s2",
        "ys-key__swatch--s3",
        "ys-key__swatch--s4",
        "ys-key__swatch--s5",
        "ys-key__swatch--s6",
        "ys-key__swatch--s7",
        "ys-key__swatch--s8",
        "ys-key__swatch--s9",
        "ys-key__swatch--s0 ys-key__swatch--hatched",
        "ys-key__swatch--s1 ys-key__swatch--hatched",
        "ys-key__swatch--s2 ys-key__swatch--hatched",
        "ys-key__swatch--s3 ys-key__swatch--hatched",
        "ys-key__swatch--s4 ys-key__swatch--hatched",
        "ys-key__swatch--s5 ys-key__swatch--hatched",
        "ys-key__swatch--s6 ys-key__swatch--hatched",
        "ys-key__swatch--s7 ys-key__swatch--hatched",
        "ys-key__swatch--s8 ys-key__swatch--hatched",
        "ys-key__swatch--s9 ys-key__swatch--hatched",
    ];
    SWATCHES.get(index % SWATCHES.len()).copied().unwrap_or("")
}

/// Hatching inside a segment: lines rising at 45° every [`HATCH`] pixels, cut to the
/// segment's box, each as its two ends.
fn hatch_lines(x_start: f64, x_end: f64, top: f64, bottom: f64) -> Vec<[(f64, f64); 2]> {
    let height = bottom - top;
    let mut lines = Vec::new();
    // The line through (c, top) and (c − height, bottom).
    let mut c = x_start + HATCH / 2.0;
    while c < x_end + height {
        let (low, high) = ((c - height).max(x_start), c.min(x_end));
        if low < high {
            lines.push([(high, top + c - high), (low, top + c - low)]);
        }
        c += HATCH;
    }
    lines
}

/// Works out where everything goes.
pub fn layout(input: &ShareBarsInput) -> ShareBarsLayout {
    let width = input.width.max(super::MIN_WIDTH);
    let width_px = f64::from(width);
    let font = super::text::label_font(width);
    let codes = short_codes(&input.variables);

    let similarities: Vec<String> = input
        .rows
        .iter()
        .map(|row| {
            if row.similarity.is_finite() {
                format!("{:.0}", row.similarity)
            } else {
                String::new()
            }
        })
        .collect();
    let similarity_column = similarities
        .iter()
        .map(|s| text::width(s, font))
        .fold(text::width("100", font), f64::max);
    let longest = input
        .rows
        .iter()
        .map(|r| text::width(&r.label, font))
        .fold(0.0, f64::max);
    let label_room = (longest + GAP).min((width_px * 0.4).floor()).max(40.0);
    let plot_left = label_room;
    let plot_right = (width_px - EDGE - similarity_column - GAP).max(plot_left + 40.0);
    let bar_width = plot_right - plot_left;
    let max_chars = text::chars_in(label_room - GAP, font);

    let rows = input
        .rows
        .iter()
        .zip(similarities)
        .enumerate()
        .map(|(i, (row, similarity))| {
            let (shares, adjusted) = clean_shares(&row.shares, codes.len());
            let mut x = plot_left;
            let segments = shares
                .iter()
                .enumerate()
                .filter(|(_, share)| **share > 0.0)
                .map(|(variable, share)| {
                    let x_start = x;
                    x += share * bar_width;
                    let code = codes
                        .get(variable)
                        .filter(|code| text::width(code, font) + 6.0 <= x - x_start)
                        .cloned();
                    ShareSegment {
                        x_start,
                        x_end: x,
                        variable,
                        code,
                    }
                })
                .collect();
            ShareRowGeometry {
                top: HEADING_ROW + ROW * i as f64 + (ROW - BAR) / 2.0,
                height: BAR,
                label: text::truncate(&row.label, max_chars),
                similarity,
                segments,
                adjusted,
            }
        })
        .collect();

    let similarity_heading = (width_px - EDGE, SIMILARITY_HEADING.to_owned());
    let heading_room = width_px - EDGE - text::width(SIMILARITY_HEADING, font) - GAP - plot_left;
    let bar_heading = (text::width(BAR_HEADING, font) <= heading_room)
        .then(|| (plot_left, BAR_HEADING.to_owned()));

    ShareBarsLayout {
        width,
        height: (HEADING_ROW + ROW * input.rows.len() as f64 + BOTTOM_PAD).ceil() as u32,
        plot_left,
        plot_right,
        font,
        rows,
        legend: input
            .variables
            .iter()
            .zip(&codes)
            .enumerate()
            .map(|(i, (title, code))| (format!("{title} ({code})"), theme::hex(swatch(i).fill)))
            .collect(),
        codes,
        bar_heading,
        similarity_heading,
        heading_y: HEADING_ROW / 2.0,
    }
}

/// Shares as drawn: one per variable, negative or non-finite ones as zero, the rest rescaled
/// to sum to 1; and whether anything had to change beyond rounding.
fn clean_shares(shares: &[f64], variables: usize) -> (Vec<f64>, bool) {
    let raw: Vec<f64> = (0..variables)
        .map(|i| shares.get(i).copied().unwrap_or(0.0))
        .collect();
    let mut adjusted = raw.iter().any(|s| !s.is_finite() || *s < 0.0);
    let kept: Vec<f64> = raw
        .iter()
        .map(|&s| if s.is_finite() && s > 0.0 { s } else { 0.0 })
        .collect();
    let total: f64 = kept.iter().sum();
    if !(total > 0.0 && total.is_finite()) {
        return (vec![0.0; variables], adjusted);
    }
    if (total - 1.0).abs() > 1e-6 {
        adjusted = true;
    }
    (kept.iter().map(|s| s / total).collect(), adjusted)
}

/// A short code for each variable from its title: the initials of its words (minor words
/// left out, a number kept whole up to three characters), at most three characters, upper
/// case; a code already taken gets the variable's position appended, so codes are unique.
pub fn short_codes(titles: &[String]) -> Vec<String> {
    let mut codes: Vec<String> = Vec::with_capacity(titles.len());
    for (i, title) in titles.iter().enumerate() {
        let mut code = String::new();
        for word in title.split(|c: char| !c.is_alphanumeric()) {
            if word.is_empty() || MINOR_WORDS.contains(&word.to_lowercase().as_str()) {
                continue;
            }
            if word.chars().all(|c| c.is_ascii_digit()) {
                code.extend(word.chars().take(3));
            } else {
                code.extend(word.chars().take(1).flat_map(char::to_uppercase));
            }
        }
        let mut code: String = code.chars().take(3).collect();
        if code.is_empty() {
            code = format!("V{}", i + 1);
        }
        if codes.contains(&code) {
            code = format!("{code}{}", i + 1);
        }
        codes.push(code);
    }
    codes
}

/// Draws the layout as an SVG document (plotters escapes every text it writes).
pub fn render_svg(layout: &ShareBarsLayout) -> String {
    draw::document((layout.width, layout.height), layout, draw)
}

fn draw<'a>(area: &Area<'a>, layout: &ShareBarsLayout) -> DrawResult<'a> {
    let muted = |h| draw::text_style(layout.font, theme::TEXT_MUTED, h, false);
    if let Some((x, heading)) = &layout.bar_heading {
        draw::label(area, heading, (*x, layout.heading_y), muted(HPos::Left))?;
    }
    let (x, heading) = &layout.similarity_heading;
    draw::label(area, heading, (*x, layout.heading_y), muted(HPos::Right))?;

    let right_aligned = draw::text_style(layout.font, theme::TEXT, HPos::Right, false);
    for row in &layout.rows {
        let (top, bottom) = (row.top, row.top + row.height);
        let middle = (top + bottom) / 2.0;
        for segment in &row.segments {
            let colours = swatch(segment.variable);
            area.draw(&Rectangle::new(
                [
                    draw::at((segment.x_start, top)),
                    draw::at((segment.x_end, bottom)),
                ],
                colours.fill.filled(),
            ))?;
            if hatched(segment.variable) {
                for [from, to] in hatch_lines(segment.x_start, segment.x_end, top, bottom) {
                    draw::line(area, &[from, to], colours.text.stroke_width(1))?;
                }
            }
        }
        // White gaps between segments: boundaries do not rely on two colours differing.
        for segment in row.segments.iter().skip(1) {
            draw::line(
                area,
                &[(segment.x_start, top), (segment.x_start, bottom)],
                theme::BACKGROUND.stroke_width(2),
            )?;
        }
        for segment in &row.segments {
            if let Some(code) = &segment.code {
                let style = draw::text_style(
                    layout.font,
                    swatch(segment.variable).text,
                    HPos::Center,
                    false,
                );
                draw::label(
                    area,
                    code,
                    ((segment.x_start + segment.x_end) / 2.0, middle),
                    style,
                )?;
            }
        }
        // The bar's outline gives its extent 7:1 contrast whatever its colours.
        draw::line(
            area,
            &[
                (layout.plot_left, top),
                (layout.plot_right, top),
                (layout.plot_right, bottom),
                (layout.plot_left, bottom),
                (layout.plot_left, top),
            ],
            theme::TEXT_MUTED.stroke_width(1),
        )?;
        draw::label(
            area,
            &row.label,
            (layout.plot_left - GAP, middle),
            right_aligned.clone(),
        )?;
        draw::label(
            area,
            &row.similarity,
            (f64::from(layout.width) - EDGE, middle),
            right_aligned.clone(),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles() -> Vec<String> {
        [
            "Population density",
            "Index of Multiple Deprivation score",
            "Proportion aged 65 and over",
            "Median household income",
        ]
        .map(str::to_owned)
        .to_vec()
    }

    fn row(label: &str, similarity: f64, shares: &[f64]) -> ShareRow {
        ShareRow {
            label: label.to_owned(),
            similarity,
            shares: shares.to_vec(),
        }
    }

    fn input(width: u32) -> ShareBarsInput {
        ShareBarsInput {
            variables: titles(),
            rows: vec![
                row("Stockport", 92.4, &[0.1, 0.2, 0.3, 0.4]),
                row("Bury", 88.0, &[0.5, 0.5, 0.0, 0.0]),
                row("Barking and Dagenham", 61.5, &[0.25, 0.25, 0.25, 0.25]),
            ],
            width,
        }
    }

    fn widths(row: &ShareRowGeometry) -> Vec<f64> {
        row.segments.iter().map(|s| s.x_end - s.x_start).collect()
    }

    fn assert_inside(l: &ShareBarsLayout) {
        let mut previous_bottom = 0.0;
        for row in &l.rows {
            assert!(row.top >= previous_bottom, "rows stack");
            previous_bottom = row.top + row.height;
            for s in &row.segments {
                assert!(l.plot_left - 1e-9 <= s.x_start && s.x_start <= s.x_end);
                assert!(s.x_end <= l.plot_right + 1e-9);
            }
            assert!(text::width(&row.label, l.font) <= l.plot_left - GAP + 1e-9);
        }
        assert!(previous_bottom <= f64::from(l.height));
        assert!(l.plot_right <= f64::from(l.width) - EDGE);
    }

    #[test]
    fn segment_lengths_are_proportional_to_shares_in_variable_order() {
        let l = layout(&input(640));
        let bar = l.plot_right - l.plot_left;
        let first = widths(&l.rows[0]);
        let expected: Vec<f64> = [0.1, 0.2, 0.3, 0.4].iter().map(|s| s * bar).collect();
        for (got, want) in first.iter().zip(&expected) {
            assert!((got - want).abs() < 1e-9);
        }
        let order: Vec<usize> = l.rows[0].segments.iter().map(|s| s.variable).collect();
        assert_eq!(order, [0, 1, 2, 3]);
        // Contiguous, from the bar's start to its end.
        let segments = &l.rows[0].segments;
        assert_eq!(segments[0].x_start, l.plot_left);
        assert!((segments[3].x_end - l.plot_right).abs() < 1e-9);
        for pair in segments.windows(2) {
            assert_eq!(pair[0].x_end, pair[1].x_start);
        }
        // Variables with no share have no segment.
        assert_eq!(l.rows[1].segments.len(), 2);
        assert!(!l.rows[0].adjusted && !l.rows[1].adjusted);
    }

    #[test]
    fn rows_keep_their_rank_order_one_per_row() {
        let l = layout(&input(640));
        let labels: Vec<&str> = l.rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, ["Stockport", "Bury", "Barking and Dagenham"]);
        let tops: Vec<f64> = l.rows.iter().map(|r| r.top).collect();
        assert!((tops[1] - tops[0] - ROW).abs() < 1e-9 && (tops[2] - tops[1] - ROW).abs() < 1e-9);
        let similarities: Vec<&str> = l.rows.iter().map(|r| r.similarity.as_str()).collect();
        assert_eq!(similarities, ["92", "88", "62"]);
        assert_inside(&l);
    }

    #[test]
    fn negative_or_broken_shares_are_drawn_as_zero_and_the_rest_rescaled() {
        let mut i = input(640);
        i.rows = vec![
            row("Mahalanobis", 70.0, &[0.6, -0.2, 0.6, f64::NAN]),
            row("Short", 70.0, &[1.0]),
        ];
        let l = layout(&i);
        let bar = l.plot_right - l.plot_left;
        let w = widths(&l.rows[0]);
        assert_eq!(w.len(), 2);
        assert!(w.iter().all(|x| (x - bar / 2.0).abs() < 1e-9));
        assert!(l.rows[0].adjusted);
        // A row with fewer shares than variables: the missing ones are zero.
        assert_eq!(widths(&l.rows[1]).len(), 1);
        assert!(!l.rows[1].adjusted);
    }

    #[test]
    fn codes_are_short_unique_and_written_only_where_they_fit() {
        assert_eq!(short_codes(&titles()), ["PD", "IMD", "PA6", "MHI"]);
        let clash: Vec<String> = ["Population density", "Pupil data", "%", "<script>"]
            .map(str::to_owned)
            .to_vec();
        assert_eq!(short_codes(&clash), ["PD", "PD2", "V3", "S"]);

        let mut i = input(640);
        i.rows = vec![row("Tiny", 50.0, &[0.98, 0.01, 0.005, 0.005])];
        let l = layout(&i);
        let written: Vec<Option<&str>> = l.rows[0]
            .segments
            .iter()
            .map(|s| s.code.as_deref())
            .collect();
        assert_eq!(written, [Some("PD"), None, None, None]);
    }

    #[test]
    fn the_legend_gives_each_variable_its_colour_and_code() {
        let l = layout(&input(640));
        assert_eq!(l.legend.len(), 4);
        assert_eq!(
            l.legend[0],
            ("Population density (PD)".to_owned(), "#0072b2".to_owned())
        );
        let colours: std::collections::BTreeSet<&str> =
            l.legend.iter().map(|(_, c)| c.as_str()).collect();
        assert_eq!(colours.len(), 4, "distinct");
    }

    #[test]
    fn degenerate_input_draws_empty_bars_or_nothing() {
        let mut i = input(640);
        i.rows.clear();
        let l = layout(&i);
        assert!(l.rows.is_empty());
        assert!(render_svg(&l).starts_with("<svg"));

        let mut i = input(640);
        i.rows = vec![row("Identical", f64::NAN, &[0.0, 0.0, 0.0, 0.0])];
        let l = layout(&i);
        assert!(l.rows[0].segments.is_empty());
        assert_eq!(l.rows[0].similarity, "");

        let mut i = input(640);
        i.variables.truncate(1);
        i.rows = vec![row("One variable", 99.0, &[1.0])];
        let l = layout(&i);
        assert_eq!(widths(&l.rows[0]), [l.plot_right - l.plot_left]);

        let mut i = input(640);
        i.variables.clear();
        let l = layout(&i);
        assert!(l.legend.is_empty() && l.rows.iter().all(|r| r.segments.is_empty()));
    }

    #[test]
    fn narrow_and_wide_charts_fit_their_width() {
        let narrow = layout(&input(200));
        assert_eq!(narrow.width, crate::MIN_WIDTH);
        assert!(narrow.rows[2].label.ends_with('…'));
        assert!(narrow.bar_heading.is_none(), "no room for both headings");
        assert_inside(&narrow);
        let wide = layout(&input(1280));
        assert_eq!(wide.rows[2].label, "Barking and Dagenham");
        assert!(wide.bar_heading.is_some());
        assert!(wide.plot_right - wide.plot_left > 4.0 * (narrow.plot_right - narrow.plot_left));
        assert_inside(&wide);
    }

    #[test]
    fn more_variables_than_colours_reuse_the_palette_hatched_with_distinct_codes() {
        let variables: Vec<String> = (0..12).map(|k| format!("Variable {k}")).collect();
        let codes = short_codes(&variables);
        let unique: std::collections::BTreeSet<&String> = codes.iter().collect();
        assert_eq!(unique.len(), 12);
        assert_eq!(swatch(10), swatch(0));
        // The second time round, hatched; the third, plain again.
        assert!(!hatched(0) && !hatched(9) && hatched(10) && hatched(19) && !hatched(20));
        assert_eq!(key_swatch(10), "ys-key__swatch--s0 ys-key__swatch--hatched");
        assert_ne!(key_swatch(0), key_swatch(10));
        // Twelve variables: no two share both colour and pattern.
        let looks: std::collections::BTreeSet<(String, bool)> = (0..12)
            .map(|i| (theme::hex(swatch(i).fill), hatched(i)))
            .collect();
        assert_eq!(looks.len(), 12);
    }

    /// Issue 13: with the demo bundle's ten context variables, Population and free school
    /// meals were both blue, density and English as an additional language both yellow.
    #[test]
    fn every_context_variable_of_the_demo_bundle_has_its_own_colour() {
        let bytes = include_bytes!("../../../public/data/demo/context.json");
        let context = yardstick_bundle::parse_context(bytes).expect("the demo context");
        let titles: Vec<String> = context.variables.iter().map(|v| v.title.clone()).collect();
        assert_eq!(
            titles.len(),
            10,
            "the demo's context variables, counted in context.json"
        );
        let mut i = input(640);
        i.rows = vec![row("Anywhere", 50.0, &[0.1; 10])];
        i.variables = titles;
        let l = layout(&i);
        let colours: std::collections::BTreeSet<&str> =
            l.legend.iter().map(|(_, c)| c.as_str()).collect();
        assert_eq!(colours.len(), 10, "{:?}", l.legend);
        // The segments are drawn in the legend's colours, one each.
        let drawn: std::collections::BTreeSet<String> = l.rows[0]
            .segments
            .iter()
            .map(|s| theme::hex(swatch(s.variable).fill))
            .collect();
        assert_eq!(drawn.len(), 10);
        // And the key's swatches differ likewise (style/yardstick.css gives s0–s9 these
        // colours).
        let keys: std::collections::BTreeSet<&str> = (0..10).map(key_swatch).collect();
        assert_eq!(keys.len(), 10);
    }

    #[test]
    fn hatching_stays_inside_its_segment() {
        let lines = hatch_lines(10.0, 40.0, 5.0, 21.0);
        assert!(!lines.is_empty());
        for [(x1, y1), (x2, y2)] in &lines {
            for (x, y) in [(x1, y1), (x2, y2)] {
                assert!(
                    (10.0..=40.0).contains(x) && (5.0..=21.0).contains(y),
                    "{x},{y}"
                );
            }
            // At 45°: as far across as down.
            assert!(((x1 - x2).abs() - (y2 - y1).abs()).abs() < 1e-9);
        }
        // Drawn only for a variable past the tenth: an eleventh variable's segment adds lines.
        let mut i = input(640);
        i.variables = (0..11).map(|k| format!("Variable {k}")).collect();
        let mut shares = vec![0.0; 11];
        shares[0] = 0.5;
        i.rows = vec![row("Plain", 50.0, &shares)];
        shares[10] = 0.5;
        shares[0] = 0.0;
        let plain = render_svg(&layout(&i)).matches("<polyline").count();
        i.rows = vec![row("Hatched", 50.0, &shares)];
        let with_hatch = render_svg(&layout(&i)).matches("<polyline").count();
        assert!(with_hatch > plain + 5, "{plain} {with_hatch}");
        // A hairline segment still gets no line outside it.
        assert!(
            hatch_lines(10.0, 10.5, 5.0, 21.0)
                .iter()
                .all(|[a, b]| { (10.0..=10.5).contains(&a.0) && (10.0..=10.5).contains(&b.0) })
        );
    }

    #[test]
    fn rendered_svg_escapes_names() {
        let mut i = input(640);
        i.rows[0].label = "<script>alert(1)</script> & \"Q'1\"".to_owned();
        i.variables[0] = "<b>\"Density\"</b> & more".to_owned();
        let l = layout(&i);
        let svg = render_svg(&l);
        assert!(svg.starts_with("<svg"));
        assert!(!svg.contains("<script>") && !svg.contains("<b>"));
        assert!(svg.contains("&lt;script&gt;") && svg.contains("&amp;"));
        // The legend is for HTML text nodes, so it keeps the title as it is.
        assert!(l.legend[0].0.starts_with("<b>"));
    }
}

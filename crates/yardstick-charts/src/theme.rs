//! Chart colours. Text colours reach 4.5:1 on the background and graphic colours at least 3:1
//! (WCAG 2.2 1.4.3 and 1.4.11); the accent pair comes from the Okabe–Ito palette, which stays
//! distinct under the common colour-vision deficiencies. Colour is never the only cue.

use plotters::style::RGBColor;

pub const BACKGROUND: RGBColor = RGBColor(255, 255, 255);
/// Body text: #0b0c0c on white is 19.6:1.
pub const TEXT: RGBColor = RGBColor(11, 12, 12);
/// Secondary text: #505a5f on white is 7.1:1.
pub const TEXT_MUTED: RGBColor = RGBColor(80, 90, 95);
/// Grid lines are decoration, not information: light on purpose.
pub const GRID: RGBColor = RGBColor(229, 231, 233);
/// Bars: #5e7c99 on white is 4.4:1; the chosen bar differs from it by outline and pointer, not hue.
pub const BAR: RGBColor = RGBColor(94, 124, 153);
/// The chosen council: Okabe–Ito vermilion darkened to #b34700, 5.5:1 on white, also outlined
/// and pointed at.
pub const HIGHLIGHT: RGBColor = RGBColor(179, 71, 0);
/// The median line: Okabe–Ito blue darkened to #005a8c, 7.4:1 on white, and dashed.
pub const MEDIAN: RGBColor = RGBColor(0, 90, 140);

// Contrast ratios below are WCAG 2.2 relative-luminance ratios, computed from the sRGB values.

/// Other councils in a distribution: #767676 on white is 4.5:1; drawn hollow and small, so
/// they differ from peers by fill and size as well.
pub const OTHER: RGBColor = RGBColor(118, 118, 118);
/// Inside an interquartile band: #dce8f2 on white is 1.2:1, decoration only; the band's edges
/// ([`BAND_EDGE`]) carry it. The median (#005a8c) reads at 5.9:1 on it, the chosen council
/// (#b34700) at 4.4:1 and a bar (#5e7c99) at 3.5:1.
pub const BAND_FILL: RGBColor = RGBColor(220, 232, 242);
/// The edges of an interquartile band: #6b8fb3 on white is 3.4:1.
pub const BAND_EDGE: RGBColor = RGBColor(107, 143, 179);
/// A spine chart's outer bands (lowest to lower quartile, upper quartile to highest):
/// #e1e5e8 on white is 1.3:1, so the range's ends are also drawn as ticks in [`TEXT_MUTED`].
pub const SPINE_OUTER: RGBColor = RGBColor(225, 229, 232);
/// A spine chart's middle half (Fingertips' darker grey): #858f98 on white is 3.3:1; the
/// marker's dark outline reads at 6.0:1 on it.
pub const SPINE_INNER: RGBColor = RGBColor(133, 143, 152);
/// Better than the benchmark: Okabe–Ito bluish green #009e73, 3.4:1 on white. The marker's
/// shape (a circle) says it too.
pub const BETTER: RGBColor = RGBColor(0, 158, 115);
/// Similar to the benchmark: Okabe–Ito yellow #f0e442, 1.3:1 on white, so the marker's shape
/// (a diamond) and its #0b0c0c outline (14.8:1 on the yellow) carry it, not the fill.
pub const SIMILAR: RGBColor = RGBColor(240, 228, 66);
/// Worse than the benchmark: Okabe–Ito vermilion #d55e00, 3.9:1 on white; a square.
pub const WORSE: RGBColor = RGBColor(213, 94, 0);
/// Higher or lower, for a metric without polarity: Okabe–Ito blue #0072b2, 5.2:1 on white;
/// neutral, because neither direction is better. Triangles up and down tell them apart.
pub const NEUTRAL_OUTCOME: RGBColor = RGBColor(0, 114, 178);

/// One colour of the qualitative palette, with the text colour written on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Swatch {
    pub fill: RGBColor,
    /// White or [`TEXT`], whichever reaches 4.5:1 on `fill`.
    pub text: RGBColor,
}

/// The Okabe–Ito palette (Okabe and Ito, "Color Universal Design", 2008), which stays
/// distinct under the common colour-vision deficiencies, ordered so that the first few
/// neighbours differ most in lightness (blue–yellow 3.9:1, yellow–black 15.9:1, black–green
/// 6.1:1), then two more so that ten variables (the demo bundle's context) each have their
/// own: Paul Tol's wine #882255 and the grey #999999 that the R Cookbook's colour-blind
/// palette pairs with Okabe–Ito's, kept apart from reddish purple, whose lightness the grey
/// shares. Against white: blue 5.2, yellow 1.3, black 21.0, bluish green 3.4, sky blue 2.3,
/// vermilion 3.9, orange 2.3, reddish purple 3.1, wine 8.7, grey 2.8 to 1. Because several
/// adjacent pairs fall below 3:1, a chart using it also separates segments with white gaps
/// and writes each variable's code inside segments wide enough to hold it. Text on each
/// swatch: white on blue 5.2:1, on black 21.0:1 and on wine 8.7:1; #0b0c0c on yellow 14.8,
/// bluish green 5.7, sky blue 8.5, vermilion 5.1, orange 8.7, reddish purple 6.4 and grey
/// 6.9 to 1.
pub const QUALITATIVE: [Swatch; 10] = [
    Swatch {
        fill: RGBColor(0, 114, 178),
        text: BACKGROUND,
    },
    Swatch {
        fill: RGBColor(240, 228, 66),
        text: TEXT,
    },
    Swatch {
        fill: RGBColor(0, 0, 0),
        text: BACKGROUND,
    },
    Swatch {
        fill: RGBColor(0, 158, 115),
        text: TEXT,
    },
    Swatch {
        fill: RGBColor(86, 180, 233),
        text: TEXT,
    },
    Swatch {
        fill: RGBColor(213, 94, 0),
        text: TEXT,
    },
    Swatch {
        fill: RGBColor(230, 159, 0),
        text: TEXT,
    },
    Swatch {
        fill: RGBColor(204, 121, 167),
        text: TEXT,
    },
    Swatch {
        fill: RGBColor(136, 34, 85),
        text: BACKGROUND,
    },
    Swatch {
        fill: RGBColor(153, 153, 153),
        text: TEXT,
    },
];

/// `#rrggbb`, for HTML keys drawn by the components.
pub fn hex(colour: RGBColor) -> String {
    let RGBColor(r, g, b) = colour;
    format!("#{r:02x}{g:02x}{b:02x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG 2.2 relative luminance, an implementation independent of the figures quoted in the
    /// doc comments above (which were computed separately).
    fn luminance(RGBColor(r, g, b): RGBColor) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }

    fn contrast(a: RGBColor, b: RGBColor) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn text_colours_reach_four_and_a_half_to_one() {
        for colour in [TEXT, TEXT_MUTED, OTHER, MEDIAN, HIGHLIGHT] {
            assert!(contrast(colour, BACKGROUND) >= 4.5, "{}", hex(colour));
        }
        for swatch in QUALITATIVE {
            assert!(
                contrast(swatch.text, swatch.fill) >= 4.5,
                "{}",
                hex(swatch.fill)
            );
        }
    }

    #[test]
    fn graphic_colours_reach_three_to_one() {
        for colour in [BAR, BAND_EDGE, SPINE_INNER, BETTER, WORSE, NEUTRAL_OUTCOME] {
            assert!(contrast(colour, BACKGROUND) >= 3.0, "{}", hex(colour));
        }
        assert!(contrast(TEXT, SPINE_INNER) >= 3.0);
        assert!(contrast(TEXT, SIMILAR) >= 3.0);
        for colour in [MEDIAN, HIGHLIGHT, BAR] {
            assert!(contrast(colour, BAND_FILL) >= 3.0, "{}", hex(colour));
        }
    }

    #[test]
    fn hex_is_lower_case_and_padded() {
        assert_eq!(hex(RGBColor(0, 90, 140)), "#005a8c");
    }
}

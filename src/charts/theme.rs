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

//! Charts: geometry as plain Rust tested natively, drawn with plotters' SVG backend.

pub mod choropleth;
pub mod dot_strip;
mod draw;
pub mod export;
pub mod marker;
pub mod ranked_bars;
pub mod scale;
pub mod share_bars;
pub mod spine;
pub mod text;
pub mod theme;
pub mod trend_line;

/// Charts are laid out at least this wide, in CSS pixels (a 320 px screen less the page's
/// margins); a narrower container scrolls. The spine, drawn inside a table cell, has its own.
pub const MIN_WIDTH: u32 = 280;

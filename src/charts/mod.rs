//! Charts: geometry as plain Rust tested natively, drawn with plotters' SVG backend.

pub mod dot_strip;
mod draw;
pub mod marker;
pub mod ranked_bars;
pub mod scale;
pub mod share_bars;
pub mod spine;
pub mod text;
pub mod theme;
pub mod trend_line;

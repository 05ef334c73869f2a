//! Text measurement for layout, without a font: the charts lay out on the native side and on
//! wasm alike, and the DOM cannot be asked how wide a string is during `layout`.

/// A sans-serif character is on average about this fraction of the font size wide. Relative
/// to plotters' nominal size, which is 1.24 times the drawn size, this is generous, so an
/// estimate errs towards leaving room.
pub const CHAR_WIDTH_EM: f64 = 0.5;

/// The smallest nominal font size the charts use: plotters writes `font-size` as size / 1.24,
/// so 15 draws 12.1 px text.
pub const SMALL_FONT: f64 = 15.0;

/// The nominal font size of a chart's labels: a size smaller on charts narrower than 480 px.
pub fn label_font(chart_width: u32) -> f64 {
    if chart_width < 480 { SMALL_FONT } else { 16.0 }
}

/// The estimated width of `text` at the nominal font `size`, in CSS pixels.
pub fn width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * CHAR_WIDTH_EM
}

/// How many characters fit in `room` pixels at the nominal font `size`.
pub fn chars_in(room: f64, size: f64) -> usize {
    let per_char = size * CHAR_WIDTH_EM;
    if !(room.is_finite() && per_char > 0.0) || room <= 0.0 {
        return 0;
    }
    (room / per_char).floor() as usize
}

/// Shortens a name to `max` characters with an ellipsis; the table always has it in full.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_and_fits_agree() {
        assert_eq!(width("2022-23", 16.0), 56.0);
        assert_eq!(chars_in(56.0, 16.0), 7);
        assert_eq!(chars_in(-1.0, 16.0), 0);
        assert_eq!(chars_in(f64::NAN, 16.0), 0);
    }

    #[test]
    fn truncation_keeps_short_text_and_marks_cuts() {
        assert_eq!(truncate("Bury", 10), "Bury");
        assert_eq!(truncate("Barking and Dagenham", 10), "Barking a…");
        assert_eq!(truncate("Bury", 0), "…");
    }
}

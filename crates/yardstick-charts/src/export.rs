//! A chart as a file that stands alone: the drawing on screen, framed by the words that sit
//! around it on the page (title, period, group, key, unit, source, licence and the address of
//! the view), so that an SVG or PNG pasted into a report still says what it shows and where it
//! comes from. The PNG is drawn from this same SVG.
//!
//! Every string is escaped for XML text: bundle text stays text, in the file as on screen.

use yardstick_bundle::WebAddress;

// The same escaping as the embed snippets: one function for XML and HTML text and attributes.
use yardstick_present::markup::escape;

/// Space around the words, in CSS pixels.
const PAD: u32 = 16;
/// Title, lines under it, and the small print, in pixels.
const TITLE_SIZE: u32 = 18;
const LINE_SIZE: u32 = 14;
const NOTE_SIZE: u32 = 12;
/// A sans-serif character is on average a little over half its size wide; a generous
/// estimate, so wrapped lines fit even in a wider fallback font.
const CHAR_WIDTH_EM: f64 = 0.56;
/// Body text #0b0c0c (19.6:1 on white) and secondary text #505a5f (7.1:1), as on the charts.
const TEXT: &str = "#0b0c0c";
const TEXT_MUTED: &str = "#505a5f";

/// The words around a chart, as the page shows them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportText {
    /// The chart's caption.
    pub title: String,
    /// Lines under the title: the period and the group.
    pub subtitle: Vec<String>,
    /// The key, one entry a line, in words.
    pub key: Vec<String>,
    /// The small print: unit, source, licence, attribution.
    pub notes: Vec<String>,
}

/// `chart` (an SVG element as the chart renderers write it) inside a larger SVG with `text`
/// above and below it and, when given, the address of the view. A chart whose size cannot be
/// read is returned as it is: a bare drawing beats none.
pub fn standalone(chart: &str, text: &ExportText, address: Option<&WebAddress>) -> String {
    let chart = chart.trim_start();
    let (Some(rest), Some((width, height))) = (chart.strip_prefix("<svg"), chart_size(chart))
    else {
        return chart.to_owned();
    };
    let mut lines = Lines::new(width);
    lines.add(&text.title, TITLE_SIZE, TEXT, true);
    for line in &text.subtitle {
        lines.add(line, LINE_SIZE, TEXT, false);
    }
    lines.gap();
    let top = lines.y;
    let header = std::mem::take(&mut lines.svg);
    lines.y += height;
    lines.gap();
    if !text.key.is_empty() {
        lines.add("Key", LINE_SIZE, TEXT, true);
        for entry in &text.key {
            lines.add(entry, LINE_SIZE, TEXT, false);
        }
        lines.gap();
    }
    for note in &text.notes {
        lines.add(note, NOTE_SIZE, TEXT_MUTED, false);
    }
    if let Some(address) = address {
        lines.add(
            &format!("View online: {}", address.as_str()),
            NOTE_SIZE,
            TEXT_MUTED,
            false,
        );
    }
    let total = lines.y + PAD;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{total}\" \
         viewBox=\"0 0 {width} {total}\">\n\
         <rect width=\"{width}\" height=\"{total}\" fill=\"#ffffff\"/>\n\
         {header}<svg x=\"0\" y=\"{top}\"{rest}\n{footer}</svg>\n",
        footer = lines.svg,
    )
}

/// The `width` and `height` of a chart's outer `<svg>` element, in whole pixels.
fn chart_size(chart: &str) -> Option<(u32, u32)> {
    let tag = chart.get(..chart.find('>')?)?;
    Some((attribute(tag, "width")?, attribute(tag, "height")?))
}

/// A whole-number attribute of an element's opening tag, read digit by digit (the wasm keeps
/// the standard number parser out).
fn attribute(tag: &str, name: &str) -> Option<u32> {
    let marker = format!(" {name}=\"");
    let start = tag.find(&marker)? + marker.len();
    let rest = tag.get(start..)?;
    let digits = rest.get(..rest.find('"')?)?;
    if digits.is_empty() {
        return None;
    }
    digits.bytes().try_fold(0_u32, |n, b| {
        b.is_ascii_digit()
            .then(|| n.checked_mul(10)?.checked_add(u32::from(b - b'0')))
            .flatten()
    })
}

/// Text lines laid out down the page, wrapped to the chart's width.
struct Lines {
    width: u32,
    /// The top of the next line.
    y: u32,
    svg: String,
}

impl Lines {
    fn new(width: u32) -> Self {
        Self {
            width,
            y: PAD,
            svg: String::new(),
        }
    }

    /// Adds `text`, wrapped, each line 1.4 times its size apart.
    fn add(&mut self, text: &str, size: u32, colour: &str, bold: bool) {
        let room = f64::from(self.width.saturating_sub(2 * PAD));
        let fits = (room / (f64::from(size) * CHAR_WIDTH_EM)).floor() as usize;
        let weight = if bold { " font-weight=\"bold\"" } else { "" };
        for line in wrap(text, fits.max(10)) {
            let baseline = self.y + size;
            self.svg.push_str(&format!(
                "<text x=\"{PAD}\" y=\"{baseline}\" font-family=\"sans-serif\" \
                 font-size=\"{size}\"{weight} fill=\"{colour}\">{}</text>\n",
                escape(&line)
            ));
            self.y += size * 14 / 10;
        }
    }

    /// Space between blocks.
    fn gap(&mut self) {
        self.y += PAD / 2;
    }
}

/// `text` in lines of at most `fits` characters, broken at spaces; a word longer than a line
/// (an address) is broken where it reaches the edge.
fn wrap(text: &str, fits: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut count = 0;
    for word in text.split_whitespace() {
        let length = word.chars().count();
        if count > 0 && count + 1 + length > fits {
            lines.push(std::mem::take(&mut line));
            count = 0;
        }
        if count > 0 {
            line.push(' ');
            count += 1;
        }
        for c in word.chars() {
            if count == fits {
                lines.push(std::mem::take(&mut line));
                count = 0;
            }
            line.push(c);
            count += 1;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHART: &str = "<svg width=\"640\" height=\"200\" viewBox=\"0 0 640 200\" \
                         xmlns=\"http://www.w3.org/2000/svg\">\n<rect x=\"0\"/>\n</svg>\n";

    fn text() -> ExportText {
        ExportText {
            title: "Recycling rate, 2022-23: Trafford and its DfE neighbours".to_owned(),
            subtitle: vec![
                "Period: 2022-23".to_owned(),
                "Group: DfE neighbours".to_owned(),
            ],
            key: vec!["Median of the group: 40.0% (dashed line)".to_owned()],
            notes: vec![
                "Unit: %".to_owned(),
                "Source: DEFRA, Waste statistics <https://example.org/waste>".to_owned(),
                "Licence: Open Government Licence v3.0 <https://example.org/ogl>".to_owned(),
            ],
        }
    }

    #[test]
    fn the_file_holds_the_chart_and_every_word_around_it() {
        let address = WebAddress::parse("https://example.org/?area=E08000009").ok();
        let svg = standalone(CHART, &text(), address.as_ref());
        for words in [
            "Recycling rate, 2022-23: Trafford and its DfE neighbours",
            "Period: 2022-23",
            "Group: DfE neighbours",
            "Median of the group: 40.0% (dashed line)",
            "Unit: %",
            "Source: DEFRA, Waste statistics &lt;https://example.org/waste&gt;",
            "Licence: Open Government Licence v3.0",
            "View online: https://example.org/?area=E08000009",
        ] {
            assert!(
                svg.contains(&format!(">{words}")),
                "{words} missing from {svg}"
            );
        }
        assert!(svg.contains("<rect x=\"0\"/>"), "the drawing itself: {svg}");
        assert_eq!(chart_size(&svg).map(|s| s.0), Some(640));
        let total = chart_size(&svg).map_or(0, |s| s.1);
        assert!(total > 200 + 10 * 14, "room for the words: {total}");
        let top = svg
            .find("<svg x=\"0\" y=\"")
            .expect("the chart, placed under the title");
        assert!(svg[..top].contains("Group: DfE neighbours"));
        assert!(svg[top..].contains("Unit: %"));
    }

    #[test]
    fn bundle_text_stays_text() {
        let hostile = ExportText {
            title: "</text><script>alert(1)</script>".to_owned(),
            ..text()
        };
        let svg = standalone(CHART, &hostile, None);
        assert!(!svg.contains("<script>"), "{svg}");
        assert!(svg.contains("&lt;/text&gt;&lt;script&gt;"), "{svg}");
        assert!(!svg.contains("View online"), "no address, no line");
    }

    #[test]
    fn a_chart_of_unknown_size_is_kept_as_it_is() {
        assert_eq!(standalone("<svg>x</svg>", &text(), None), "<svg>x</svg>");
        assert_eq!(standalone("not svg", &text(), None), "not svg");
        assert_eq!(attribute(" width=\"12a\"", "width"), None);
        assert_eq!(attribute(" width=\"99999999999\"", "width"), None);
    }

    #[test]
    fn long_lines_wrap_within_the_chart() {
        assert_eq!(wrap("a bb ccc", 4), ["a bb", "ccc"]);
        assert_eq!(
            wrap("https://x.example/abc", 10),
            ["https://x.", "example/ab", "c"]
        );
        assert_eq!(wrap("  ", 10), Vec::<String>::new());
        let svg = standalone(CHART.replace("640", "300").as_str(), &text(), None);
        for line in svg.lines().filter(|l| l.starts_with("<text")) {
            let shown = line.split('>').nth(1).unwrap_or_default();
            assert!(shown.chars().count() <= 60, "{shown}");
        }
    }
}

//! The release build's code size: every wasm, JavaScript and stylesheet file at the top of
//! `dist/`, raw and as a static host would serve it precompressed with Brotli. Printed by
//! `cargo xtask test` after the release build and by `cargo xtask build`, and held by a
//! ratchet: `cargo xtask test` fails when the wasm, the JavaScript or the CSS grows by more
//! than [`RATCHET_SLACK`] over the committed [`BASELINE`].

use std::path::Path;

use anyhow::{Context, Result};

/// The budget for wasm + JS + CSS, Brotli-compressed: 200 KB, counted as 200,000
/// bytes (the stricter reading, as the benchmarks count).
pub const BUDGET_BROTLI: u64 = 200_000;

/// The heading of the release build's table.
pub const RELEASE: &str = "Release build, wasm + JS + CSS in dist/:";

/// One file's size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSize {
    pub name: String,
    pub raw: u64,
    pub brotli: u64,
}

/// Sizes of the code files at the top of `dist`, sorted by name.
pub fn measure(dist: &Path) -> Result<Vec<FileSize>> {
    let mut sizes = Vec::new();
    let entries = std::fs::read_dir(dist).with_context(|| format!("reading {}", dist.display()))?;
    for entry in entries {
        let path = entry?.path();
        let is_code = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e, "wasm" | "js" | "css"));
        if !path.is_file() || !is_code {
            continue;
        }
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        sizes.push(FileSize {
            name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            raw: bytes.len() as u64,
            brotli: brotli_size(&bytes)?,
        });
    }
    sizes.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(sizes)
}

/// Brotli at quality 11 with a 4 MiB window, the reference encoder's defaults and what
/// `brotli -k` or a host's precompression gives.
fn brotli_size(bytes: &[u8]) -> Result<u64> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).context("brotli")?;
    Ok(out.len() as u64)
}

/// The table printed after a build, under `heading`.
pub fn table(heading: &str, sizes: &[FileSize]) -> String {
    let mut text = format!("{heading}\n");
    let width = sizes
        .iter()
        .map(|f| f.name.len())
        .max()
        .unwrap_or(0)
        .max(28);
    for file in sizes {
        text.push_str(&format!(
            "  {:<width$} {:>10} raw {:>10} brotli\n",
            file.name,
            kb(file.raw),
            kb(file.brotli)
        ));
    }
    let raw: u64 = sizes.iter().map(|f| f.raw).sum();
    let brotli: u64 = sizes.iter().map(|f| f.brotli).sum();
    text.push_str(&format!(
        "  {:<width$} {:>10} raw {:>10} brotli (budget {})\n",
        "total",
        kb(raw),
        kb(brotli),
        kb(BUDGET_BROTLI)
    ));
    if sizes.iter().any(|f| f.name.starts_with(FIRST_PROGRAM)) {
        text.push_str(&format!(
            "  {:<width$} {:>25} brotli (budget {}: {})\n",
            "before the first chart",
            kb(before_first_chart(sizes)),
            kb(FIRST_BUDGET_BROTLI),
            BEFORE_FIRST_CHART.join(", ")
        ));
    }
    text
}

/// The committed baseline of the shipped code's Brotli size, one line per kind of file.
pub const BASELINE: &str = "xtask/size-baseline.txt";

/// How much a kind of file may grow over the baseline before `cargo xtask test` fails:
/// 1 KB of Brotli (1,000 bytes), above the few hundred bytes a build's paths can move it.
pub const RATCHET_SLACK: u64 = 1_000;

/// The kinds the ratchet holds: the widget's wasm, JavaScript and CSS by file extension, and
/// the first program's wasm and JavaScript (issue 14) on lines of their own.
const KINDS: [&str; 5] = ["wasm", "js", "css", "first-wasm", "first-js"];

/// The first program's files start with this (`yardstick-first.js`, `yardstick-first_bg.wasm`).
const FIRST_PROGRAM: &str = "yardstick-first";

/// The kind a file counts under, if any.
fn kind_of(name: &str) -> Option<&'static str> {
    let extension = name.rsplit('.').next()?;
    let first = name.starts_with(FIRST_PROGRAM);
    match (extension, first) {
        ("wasm", false) => Some("wasm"),
        ("js", false) => Some("js"),
        ("css", _) => Some("css"),
        ("wasm", true) => Some("first-wasm"),
        ("js", true) => Some("first-js"),
        _ => None,
    }
}

/// Brotli bytes per kind of file, summed over the files of that kind.
pub fn by_kind(sizes: &[FileSize]) -> Vec<(&'static str, u64)> {
    KINDS
        .iter()
        .map(|kind| {
            let total = sizes
                .iter()
                .filter(|f| kind_of(&f.name) == Some(*kind))
                .map(|f| f.brotli)
                .sum();
            (*kind, total)
        })
        .collect()
}

/// The budget for what a page downloads before its first chart (issue 14): 100 KB.
pub const FIRST_BUDGET_BROTLI: u64 = 100_000;

/// The code a page of Yardstick's own downloads before the first program's chart: widget.js,
/// the first program's glue and wasm, and the page's stylesheets (yardstick.css and
/// embed.css). The widget's own glue and wasm come after.
const BEFORE_FIRST_CHART: [&str; 5] = [
    "widget.js",
    "yardstick-first.js",
    "yardstick-first_bg.wasm",
    "yardstick.css",
    "embed.css",
];

/// Brotli bytes of the code downloaded before the first chart (see [`BEFORE_FIRST_CHART`]).
pub fn before_first_chart(sizes: &[FileSize]) -> u64 {
    sizes
        .iter()
        .filter(|f| BEFORE_FIRST_CHART.contains(&f.name.as_str()))
        .map(|f| f.brotli)
        .sum()
}

/// The baseline file's text for these sizes.
pub fn baseline_text(sizes: &[FileSize]) -> String {
    let mut text = String::from(
        "# Brotli bytes (quality 11) of the release build's code in dist/, per kind of file.\n\
         # `cargo xtask test` fails when one grows by more than 1,000 bytes over this.\n\
         # Update on purpose, with the reason in the commit: `cargo xtask size-baseline`.\n",
    );
    for (kind, bytes) in by_kind(sizes) {
        text.push_str(&format!("{kind} {bytes}\n"));
    }
    text
}

/// Compares measured sizes with a baseline's text: `Ok` with one line per kind, or `Err` with
/// the kinds that grew by more than [`RATCHET_SLACK`], each with its figures.
pub fn ratchet(baseline: &str, sizes: &[FileSize]) -> Result<Vec<String>, Vec<String>> {
    let mut report = Vec::new();
    let mut grown = Vec::new();
    for (kind, now) in by_kind(sizes) {
        let before = baseline
            .lines()
            .filter(|line| !line.starts_with('#'))
            .find_map(|line| {
                let (name, bytes) = line.split_once(' ')?;
                (name == kind).then(|| bytes.trim().parse::<u64>().ok())?
            });
        let Some(before) = before else {
            grown.push(format!("{kind}: not in the baseline {BASELINE}"));
            continue;
        };
        let line = format!(
            "{kind}: {now} bytes brotli, baseline {before} ({:+})",
            i128::from(now) - i128::from(before)
        );
        if now > before + RATCHET_SLACK {
            grown.push(format!(
                "{line}: grew by more than {RATCHET_SLACK} bytes; make it smaller, or run \
                 `cargo xtask size-baseline` and say why in the commit"
            ));
        } else {
            report.push(line);
        }
    }
    if grown.is_empty() {
        Ok(report)
    } else {
        Err(grown)
    }
}

/// Bytes in kilobytes of 1,000 with one decimal, as "318.4 KB".
fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, brotli: u64) -> FileSize {
        FileSize {
            name: name.to_owned(),
            raw: brotli * 3,
            brotli,
        }
    }

    #[test]
    fn the_ratchet_fails_on_growth_beyond_the_slack_and_names_the_figures() {
        let baseline = baseline_text(&[
            file("yardstick-widget_bg.wasm", 300_000),
            file("widget.js", 1_000),
            file("yardstick-widget.js", 5_000),
            file("yardstick.css", 8_000),
        ]);
        assert!(
            baseline.contains("wasm 300000\njs 6000\ncss 8000\nfirst-wasm 0\nfirst-js 0\n"),
            "{baseline}"
        );
        let within = [
            file("yardstick-widget_bg.wasm", 300_999),
            file("widget.js", 6_000),
            file("yardstick.css", 7_000),
        ];
        let lines = ratchet(&baseline, &within).unwrap();
        assert_eq!(
            lines[0],
            "wasm: 300999 bytes brotli, baseline 300000 (+999)"
        );
        assert_eq!(lines[2], "css: 7000 bytes brotli, baseline 8000 (-1000)");
        let grown = [
            file("yardstick-widget_bg.wasm", 302_048),
            file("widget.js", 6_000),
            file("yardstick.css", 8_000),
        ];
        let errors = ratchet(&baseline, &grown).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].starts_with(
                "wasm: 302048 bytes brotli, baseline 300000 (+2048): grew by more than 1000 bytes"
            ),
            "{errors:?}"
        );
        assert!(
            ratchet("wasm 1\n", &within).is_err(),
            "a kind missing from the baseline fails"
        );
    }

    #[test]
    fn the_first_program_has_lines_of_its_own_in_the_ratchet() {
        let sizes = [
            file("yardstick-widget_bg.wasm", 300_000),
            file("yardstick-widget.js", 8_000),
            file("widget.js", 2_000),
            file("yardstick.css", 4_000),
            file("embed.css", 1_000),
            file("yardstick-widget.css", 5_000),
            file("yardstick-first_bg.wasm", 90_000),
            file("yardstick-first.js", 4_000),
        ];
        assert_eq!(
            by_kind(&sizes),
            [
                ("wasm", 300_000),
                ("js", 10_000),
                ("css", 10_000),
                ("first-wasm", 90_000),
                ("first-js", 4_000)
            ]
        );
        // widget.js, the first program and the page's two stylesheets; not the widget's own
        // glue and wasm, nor the shadow roots' stylesheet.
        assert_eq!(
            before_first_chart(&sizes),
            2_000 + 4_000 + 90_000 + 4_000 + 1_000
        );
        let baseline = baseline_text(&sizes);
        let mut grown = sizes.clone();
        if let Some(first) = grown
            .iter_mut()
            .find(|f| f.name == "yardstick-first_bg.wasm")
        {
            first.brotli = 91_001;
        }
        let errors = ratchet(&baseline, &grown).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].starts_with("first-wasm: 91001 bytes brotli, baseline 90000 (+1001)"));
        assert!(
            table("Sizes:", &sizes).contains("before the first chart"),
            "the table names the first chart's code"
        );
    }

    #[test]
    fn only_code_files_are_measured_and_compression_shrinks_repetition() {
        let dir = std::env::temp_dir().join(format!("xtask-sizes-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("data")).unwrap();
        std::fs::write(dir.join("a.wasm"), vec![7u8; 10_000]).unwrap();
        std::fs::write(dir.join("b.js"), "let x = 1;\n".repeat(100)).unwrap();
        std::fs::write(dir.join("index.html"), "<p>not code</p>").unwrap();
        std::fs::write(dir.join("data/c.css"), "p{}").unwrap();
        let sizes = measure(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        let names: Vec<&str> = sizes.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["a.wasm", "b.js"]);
        assert_eq!(sizes[0].raw, 10_000);
        assert_eq!(sizes[1].raw, 1_100);
        assert!(sizes[0].brotli < 100, "{sizes:?}");
        assert!(sizes[1].brotli < 100, "{sizes:?}");
        let text = table("Sizes:", &sizes);
        assert!(text.starts_with("Sizes:\n"), "{text}");
        assert!(text.contains("a.wasm"), "{text}");
        assert!(text.contains("total"), "{text}");
        assert!(text.contains("11.1 KB raw"), "{text}");
    }
}

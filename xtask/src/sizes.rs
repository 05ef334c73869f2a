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
    text
}

/// The committed baseline of the shipped code's Brotli size, one line per kind of file.
pub const BASELINE: &str = "xtask/size-baseline.txt";

/// How much a kind of file may grow over the baseline before `cargo xtask test` fails:
/// 1 KB of Brotli (1,000 bytes), above the few hundred bytes a build's paths can move it.
pub const RATCHET_SLACK: u64 = 1_000;

/// The kinds the ratchet holds, by file extension.
const KINDS: [&str; 3] = ["wasm", "js", "css"];

/// Brotli bytes per kind of file (`wasm`, `js`, `css`), summed over the files of that kind.
pub fn by_kind(sizes: &[FileSize]) -> Vec<(&'static str, u64)> {
    KINDS
        .iter()
        .map(|kind| {
            let total = sizes
                .iter()
                .filter(|f| f.name.rsplit('.').next() == Some(kind))
                .map(|f| f.brotli)
                .sum();
            (*kind, total)
        })
        .collect()
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
            baseline.contains("wasm 300000\njs 6000\ncss 8000\n"),
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

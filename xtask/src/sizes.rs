//! The release build's code size: every wasm, JavaScript and stylesheet file at the top of
//! `dist/`, raw and as a static host would serve it precompressed with Brotli. Printed by
//! `cargo xtask test` after the release build and by `cargo xtask build`; a figure to
//! record, not a pass/fail test.

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

/// Bytes in kilobytes of 1,000 with one decimal, as "318.4 KB".
fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

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

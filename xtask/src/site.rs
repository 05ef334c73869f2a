//! The release site: Trunk's build, made fit for a strict Content Security Policy, then served.

use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::run::Cmd;

mod widget_css;

/// Builds `dist/` for release: what a council copies to its static host. Trunk builds the
/// page, the wasm and copies the static files (embed.html, embed.js, the examples); then the
/// first program is built beside it (see [`build_first_program`]) and the stylesheet of
/// shadow-root embeds is derived from the widget's own (see `widget_css`).
pub fn build_release(root: &Path) -> Result<()> {
    let toolchain = crate::toolchain::Release::chosen()?;
    eprintln!("building the release wasm with {}", toolchain.name());
    toolchain
        .apply(Cmd::new("trunk", root))
        .args(["build", "--release", "--locked"])
        .run()?;
    let dist = root.join("dist");
    for file in ["index.html", "embed.html", "embed.js", "widget.js"] {
        if !dist.join(file).is_file() {
            bail!("trunk reported success but wrote no dist/{file}");
        }
    }
    build_first_program(root, &dist, toolchain)?;
    write_widget_stylesheet(root, &dist)
}

/// The first program's files in `dist/`, named as widget.js imports them.
pub const FIRST_PROGRAM: [&str; 2] = ["yardstick-first.js", "yardstick-first_bg.wasm"];

/// Builds the first program (`crates/yardstick-first`, issue 14) into `dist/` by the same
/// steps Trunk takes for the widget: cargo for wasm32 with the release profile, the pinned
/// wasm-bindgen CLI (`--target web`), then binaryen 132's `wasm-opt -Oz` (first on PATH: never
/// Debian's, whose output breaks in the browser). The same toolchain builds both programs.
pub fn build_first_program(
    root: &Path,
    dist: &Path,
    toolchain: crate::toolchain::Release,
) -> Result<()> {
    toolchain
        .apply(Cmd::new("cargo", root))
        .args([
            "build",
            "--release",
            "--locked",
            "--target",
            "wasm32-unknown-unknown",
            "--package",
            "yardstick-first",
        ])
        .run()?;
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| root.join("target"), std::path::PathBuf::from);
    let built = target.join("wasm32-unknown-unknown/release/yardstick_first.wasm");
    Cmd::new("wasm-bindgen", root)
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--out-name",
            "yardstick-first",
        ])
        .args(["--out-dir".as_ref(), dist.as_os_str(), built.as_os_str()])
        .run()?;
    let wasm = dist.join("yardstick-first_bg.wasm");
    Cmd::new("wasm-opt", root)
        .args([
            "-Oz".as_ref(),
            wasm.as_os_str(),
            "-o".as_ref(),
            wasm.as_os_str(),
        ])
        .run()?;
    for file in FIRST_PROGRAM {
        if !dist.join(file).is_file() {
            bail!("the first program's build reported success but wrote no dist/{file}");
        }
    }
    Ok(())
}

/// Writes `dist/yardstick-widget.css` from style/yardstick.css and style/embed.css.
fn write_widget_stylesheet(root: &Path, dist: &Path) -> Result<()> {
    let names = ["style/yardstick.css", "style/embed.css"];
    let mut sources = Vec::new();
    for name in names {
        let css =
            std::fs::read_to_string(root.join(name)).with_context(|| format!("reading {name}"))?;
        sources.push((name, css));
    }
    let borrowed: Vec<(&str, &str)> = sources.iter().map(|(n, c)| (*n, c.as_str())).collect();
    let target = dist.join("yardstick-widget.css");
    std::fs::write(&target, widget_css::shadow_stylesheet(&borrowed))
        .with_context(|| format!("writing {}", target.display()))
}

/// Serves `dist/` on 127.0.0.1 until interrupted.
pub fn serve(root: &Path, port: u16) -> Result<()> {
    let dist = root.join("dist");
    let dist = dist
        .to_str()
        .context("the project path is not valid UTF-8")?;
    eprintln!("serving the widget on http://127.0.0.1:{port}/ (Ctrl-C stops)");
    Cmd::new("node", root)
        .args([
            "tests/e2e/static-server.mjs",
            "--root",
            dist,
            "--port",
            &port.to_string(),
        ])
        .run()
}

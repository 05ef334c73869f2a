//! The release site: Trunk's build, made fit for a strict Content Security Policy, then served.

use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::run::Cmd;

/// Builds `dist/` for release: what a council copies to its static host.
pub fn build_release(root: &Path) -> Result<()> {
    Cmd::new("trunk", root)
        .args(["build", "--release", "--locked"])
        .run()?;
    let dist = root.join("dist");
    if !dist.join("index.html").is_file() {
        bail!("trunk reported success but wrote no dist/index.html");
    }
    Ok(())
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

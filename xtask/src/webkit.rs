//! The WebKit subset of the end-to-end tests (issue 10): the first view, a change of view, the
//! peer group panel, the iframe embed and the script embed, in Debian's WebKitGTK, driven by
//! our own WebDriver client (tests/webkit/webdriver.mjs) through WebKitWebDriver.
//!
//! WebKitGTK has no headless mode, so the tests run under `xvfb-run -a`, which starts a
//! virtual X display on a free number and stops it afterwards. See docs/testing.md.

use std::path::Path;

use anyhow::Result;

use crate::run::Cmd;
use crate::test::{Tally, count_node_tests};

const DRIVER: &str = "/usr/bin/WebKitWebDriver";
const XVFB_RUN: &str = "/usr/bin/xvfb-run";
/// `xvfb-run` needs `xauth`, which the `xvfb` package only recommends.
const XAUTH: &str = "/usr/bin/xauth";

/// Debian's WebKitWebDriver (with WebKitGTK and its MiniBrowser) and a virtual X display.
pub fn ensure_webkit() -> Result<()> {
    if [DRIVER, XVFB_RUN, XAUTH]
        .iter()
        .all(|path| Path::new(path).exists())
    {
        return Ok(());
    }
    eprintln!("installing Debian's webkit2gtk-driver, xvfb and xauth");
    crate::setup::apt_install(&["webkit2gtk-driver", "xvfb", "xauth"])
}

/// Installs what is missing, then runs tests/webkit/*.test.mjs against dist/ under a virtual
/// display. Returns whether node's test runner succeeded and its pass and fail counts (its
/// summary also gives the time taken, `duration_ms`); a failure to install or start counts as
/// not run, with nothing passed.
pub fn run_tests(root: &Path) -> (bool, Tally) {
    let result = ensure_webkit().and_then(|()| {
        Cmd::new("xvfb-run", root)
            .args(["-a", "-s", "-screen 0 1920x1080x24"])
            .args([
                "node",
                "--test",
                "--test-reporter=spec",
                "--test-concurrency=1",
            ])
            .args(test_files(root))
            .stream()
    });
    match result {
        Ok((ran, out)) => (ran, count_node_tests(&out)),
        Err(error) => {
            eprintln!("{error:#}");
            (false, Tally::default())
        }
    }
}

fn test_files(root: &Path) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(root.join("tests/webkit"))
        .map(|dir| {
            dir.filter_map(|entry| entry.ok())
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .filter(|name| name.ends_with(".test.mjs"))
                .map(|name| format!("tests/webkit/{name}"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

//! The WebKit subset of the end-to-end tests (issue 10): the first view, a change of view, the
//! peer group panel, the iframe embed and the script embed, in Debian's WebKitGTK, driven by
//! our own WebDriver client (tests/webkit/webdriver.mjs) through WebKitWebDriver.
//!
//! WebKitGTK has no headless mode, so the tests run under `xvfb-run -a`, which starts a
//! virtual X display on a free number and stops it afterwards. See docs/testing.md.

use std::path::Path;

use anyhow::Result;

use crate::run::Cmd;
use crate::tally::{Tally, count_node_tests, node_test_files};

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

/// How many times the subset may run in all when every failure is the known engine crash.
const RUNS_FOR_KNOWN_CRASH: u32 = 3;

/// Installs what is missing, then runs tests/webkit/*.test.mjs against dist/ under a virtual
/// display, and again (up to [`RUNS_FOR_KNOWN_CRASH`] runs in all) when the only trouble was
/// the engine crash described at [`KNOWN_CRASHES`]; every other failure counts at once, and
/// every run is printed. Returns whether node's test runner succeeded and the last run's pass
/// and fail counts; a failure to install or start counts as not run, with nothing passed.
pub fn run_tests(root: &Path) -> (bool, Tally) {
    let mut run = 1;
    loop {
        let (ran, out, counted) = run_once(root);
        if ran || !known_engine_crash(&out) || run == RUNS_FOR_KNOWN_CRASH {
            return (ran, counted);
        }
        eprintln!(
            "WebKit stopped the widget with a known engine fault ({}; docs/testing.md): \
             running the WebKit subset again ({} of at most {RUNS_FOR_KNOWN_CRASH} runs)",
            KNOWN_CRASHES.join(" or "),
            run + 1
        );
        run += 1;
    }
}

/// What WebKitGTK 2.50 reports, now and then and mostly on a busy machine, when its wasm
/// engine stops the widget as it starts: an out-of-bounds access inside a wasm-bindgen
/// closure, or the same seen from another origin, where the browser hides the message. The
/// build before issue 10 does it as often (3 runs in 12 under load), and Chromium never does.
const KNOWN_CRASHES: [&str; 2] = [
    "Out of bounds memory access",
    "\"page error: Script error.\"",
];

/// Whether a failed run's output shows the known crash: in a timed-out wait's report of what
/// the page recorded, or in the recorded problems a test found where it expected none (when
/// the crash strikes the first program, widget.js starts the widget regardless, so the view
/// appears and only the recorder heard it).
fn known_engine_crash(output: &str) -> bool {
    output
        .lines()
        .filter(|line| {
            line.contains("Error: timed out")
                || (line.trim_start().starts_with('+') && line.contains("page error: "))
        })
        .any(|line| KNOWN_CRASHES.iter().any(|crash| line.contains(crash)))
}

fn run_once(root: &Path) -> (bool, String, Tally) {
    let result = ensure_webkit().and_then(|()| {
        Cmd::new("xvfb-run", root)
            .args(["-a", "-s", "-screen 0 1920x1080x24"])
            .args([
                "node",
                "--test",
                "--test-reporter=spec",
                "--test-concurrency=1",
            ])
            .args(node_test_files(root, "tests/webkit"))
            .stream()
    });
    match result {
        Ok((ran, out)) => {
            let counted = count_node_tests(&out);
            (ran, out, counted)
        }
        Err(error) => {
            eprintln!("{error:#}");
            (false, String::new(), Tally::default())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::known_engine_crash;

    #[test]
    fn only_the_known_engine_crash_earns_a_second_run() {
        let crash = "  Error: timed out after 30000 ms waiting for a view (last: false); the page showed: \
            {\"problems\":[\"page error: RuntimeError: Out of bounds memory access (evaluating 'wasm.x(a)')\"]}";
        assert!(known_engine_crash(crash));
        let hidden = "  Error: timed out after 30000 ms waiting for x (last: null); the page showed: \
            {\"problems\":[\"page error: Script error.\"],\"url\":\"http://127.0.0.1:1/council.html\"}";
        assert!(known_engine_crash(hidden));
        let wrong_figure =
            "  AssertionError: median: WebKit shows 41.0%, the command line computes 40.9";
        assert!(!known_engine_crash(wrong_figure));
        let plain_timeout = "  Error: timed out after 30000 ms waiting for x (last: null); the page showed: {\"problems\":[]}";
        assert!(!known_engine_crash(plain_timeout));
        // The crash in the first program: the widget drew, and the recorder heard the crash.
        let recorded = "  + actual - expected\n  \n  + [\n  +   \"page error: RuntimeError: Out of \
            bounds memory access (evaluating 'wasm.x(a)')\"\n  + ]\n  - []";
        assert!(known_engine_crash(recorded));
        let other_problem =
            "  + actual - expected\n  + [\n  +   'page error: TypeError: x is undefined'\n  + ]";
        assert!(!known_engine_crash(other_problem));
        let expected_side =
            "  - [\n  -   'page error: RuntimeError: Out of bounds memory access'\n  - ]";
        assert!(!known_engine_crash(expected_side));
    }
}

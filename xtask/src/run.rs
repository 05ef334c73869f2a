//! Running other programs: echo what runs, stream what it prints, keep stdout for counting.

use std::ffi::{OsStr, OsString};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

/// PATH for every child: the project's npm tools first (so binaryen 132's wasm-opt wins over
/// any other), then cargo's install folder (a fresh shell may not have it), then the caller's.
pub fn search_path() -> OsString {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(Path::new("."));
    let mut dirs = vec![root.join("node_modules/.bin"), cargo_bin()];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).unwrap_or_default()
}

fn cargo_bin() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .unwrap_or_default()
        .join("bin")
}

/// A command to run from a directory, with extra environment.
pub struct Cmd {
    inner: Command,
    shown: String,
}

impl Cmd {
    pub fn new(program: impl AsRef<OsStr>, dir: &Path) -> Self {
        let mut inner = Command::new(program.as_ref());
        inner.current_dir(dir).env("PATH", search_path());
        Self {
            inner,
            shown: program.as_ref().to_string_lossy().into_owned(),
        }
    }

    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        for arg in args {
            self.shown.push(' ');
            self.shown.push_str(&arg.as_ref().to_string_lossy());
            self.inner.arg(arg);
        }
        self
    }

    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Self {
        self.inner.env(key, value);
        self
    }

    /// Runs to completion with output going straight to the terminal.
    pub fn status(mut self) -> Result<bool> {
        eprintln!("$ {}", self.shown);
        let status = self
            .inner
            .status()
            .with_context(|| format!("could not start `{}`", self.shown))?;
        Ok(status.success())
    }

    /// Runs to completion and fails when the program does.
    pub fn run(self) -> Result<()> {
        let shown = self.shown.clone();
        if !self.status()? {
            bail!("`{shown}` failed");
        }
        Ok(())
    }

    /// Runs, echoing stdout line by line as it arrives, and returns whether it succeeded and
    /// everything it printed on stdout. Stderr goes straight to the terminal.
    pub fn stream(mut self) -> Result<(bool, String)> {
        eprintln!("$ {}", self.shown);
        let mut child = self
            .inner
            .stdout(Stdio::piped())
            .spawn()
            .with_context(|| format!("could not start `{}`", self.shown))?;
        let mut captured = String::new();
        if let Some(stdout) = child.stdout.take() {
            for line in BufReader::new(stdout).lines() {
                let line = line.context("reading a child's output")?;
                println!("{line}");
                captured.push_str(&line);
                captured.push('\n');
            }
        }
        let status = child.wait().context("waiting for a child process")?;
        Ok((status.success(), captured))
    }

    /// Runs, echoing stderr line by line, and returns whether it succeeded and its stderr.
    pub fn stream_stderr(mut self) -> Result<(bool, String)> {
        eprintln!("$ {}", self.shown);
        let mut child = self
            .inner
            .stderr(Stdio::piped())
            .spawn()
            .with_context(|| format!("could not start `{}`", self.shown))?;
        let mut captured = String::new();
        if let Some(stderr) = child.stderr.take() {
            for line in BufReader::new(stderr).lines() {
                let line = line.context("reading a child's output")?;
                eprintln!("{line}");
                captured.push_str(&line);
                captured.push('\n');
            }
        }
        let status = child.wait().context("waiting for a child process")?;
        Ok((status.success(), captured))
    }

    /// Runs quietly and returns stdout, or `None` when the program is missing or fails.
    pub fn read(mut self) -> Option<String> {
        let output = self.inner.stderr(Stdio::null()).output().ok()?;
        output
            .status
            .success()
            .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
    }
}

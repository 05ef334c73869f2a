//! `yardstick build --archive DIR`: keep an immutable copy of every bundle version that was
//! built, at `DIR/<content hash digits>/`, so that embeds pinned to a version keep working
//! after the bundle is rebuilt with new figures.
//!
//! A version folder is written once and never changed: its name is the SHA-256 that its own
//! manifest declares, and that manifest lists the SHA-256 of every other file.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::build::write_atomically;

/// What `store` did.
#[derive(Debug, PartialEq, Eq)]
pub enum Archived {
    /// A new version folder was written.
    Written(PathBuf),
    /// The version was already archived; the folder was left as it was.
    AlreadyThere(PathBuf),
}

/// Copies the bundle in `bundle` (just built, with content hash `content_hash`) into
/// `archive/<hex digits>/`, unless that version is already there.
pub fn store(archive: &Path, bundle: &Path, content_hash: &str) -> Result<Archived> {
    let digits = version_folder(content_hash)?;
    let target = archive.join(digits);
    if target.exists() {
        let declared = declared_hash(&target.join("manifest.json"))?;
        if declared != content_hash {
            bail!(
                "{} already exists but holds version {declared}, not {content_hash}: \
                 an archived version is never overwritten; remove it by hand if it is wrong",
                target.display()
            );
        }
        return Ok(Archived::AlreadyThere(target));
    }
    let mut files = BTreeMap::new();
    collect(bundle, bundle, &mut files)?;
    let manifest = files
        .get("manifest.json")
        .with_context(|| format!("{} has no manifest.json", bundle.display()))?;
    let actual = yardstick_bundle::content_hash(manifest, content_hash);
    if actual != content_hash {
        bail!(
            "{} changed after it was built (content hash {actual}, expected {content_hash}); \
             nothing was archived",
            bundle.display()
        );
    }
    write_atomically(&target, &files)?;
    Ok(Archived::Written(target))
}

/// The folder name of a version: the 64 hex digits of `sha256:<digits>`.
fn version_folder(content_hash: &str) -> Result<&str> {
    match content_hash.strip_prefix("sha256:") {
        Some(digits)
            if digits.len() == 64
                && digits
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) =>
        {
            Ok(digits)
        }
        _ => bail!("`{content_hash}` is not a content hash (sha256: and 64 lower-case hex digits)"),
    }
}

fn declared_hash(manifest: &Path) -> Result<String> {
    let bytes =
        fs::read(manifest).with_context(|| format!("cannot read {}", manifest.display()))?;
    let parsed = yardstick_bundle::parse_manifest(&bytes)
        .with_context(|| format!("{} is not a valid manifest", manifest.display()))?;
    Ok(parsed.content_hash)
}

/// Every file under `dir`, keyed by its path relative to `root` with `/` separators.
fn collect(root: &Path, dir: &Path, files: &mut BTreeMap<String, Vec<u8>>) -> Result<()> {
    let entries = fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot read {}", dir.display()))?;
        let path = entry.path();
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            collect(root, &path, files)?;
            continue;
        }
        let relative = path
            .strip_prefix(root)
            .with_context(|| format!("{} is outside {}", path.display(), root.display()))?
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        let bytes = fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
        files.insert(relative, bytes);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::version_folder;

    #[test]
    fn only_full_lower_case_sha256_hashes_name_a_folder() {
        let digits = "0123456789abcdef".repeat(4);
        assert_eq!(
            version_folder(&format!("sha256:{digits}")).ok(),
            Some(digits.as_str())
        );
        for bad in [
            digits.clone(),
            format!("sha256:{}", &digits[1..]),
            format!("sha256:{}", digits.to_uppercase()),
            "sha256:../../etc/passwd/0000000000000000000000000000000000000000000000000".into(),
        ] {
            assert!(version_folder(&bad).is_err(), "{bad}");
        }
    }
}

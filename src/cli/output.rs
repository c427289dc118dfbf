//! Writing results: to stdout, or atomically to a file (a temporary file in the same
//! directory, then a rename), so an interrupted run never leaves a half-written file.

use std::io::Write;
use std::path::Path;

/// Writes `contents` to `path` atomically, or to stdout when `path` is `None` or `-`.
pub fn write(path: Option<&Path>, contents: &[u8]) -> std::io::Result<()> {
    match path {
        None => write_stdout(contents),
        Some(p) if p == Path::new("-") => write_stdout(contents),
        Some(p) => write_atomically(p, contents),
    }
}

fn write_stdout(contents: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(contents)?;
    out.flush()
}

/// Temporary file beside the target, then rename: readers see the old or the new file,
/// never a mix. Keeps the target's permissions when it exists.
pub fn write_atomically(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".claimmark-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    temp.write_all(contents)?;
    temp.as_file().sync_all()?;
    if let Ok(meta) = std::fs::metadata(path) {
        temp.as_file().set_permissions(meta.permissions())?;
    }
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

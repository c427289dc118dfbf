//! Reading documents from files or standard input, with errors that name the file and
//! the byte offset of the first invalid UTF-8 sequence.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// A document read from disk or stdin.
pub struct Input {
    /// The name diagnostics show: the path as given, or `<stdin>` / `--stdin-filename`.
    pub name: String,
    pub text: String,
}

#[derive(Debug)]
pub enum InputError {
    Io { name: String, error: std::io::Error },
    NotUtf8 { name: String, offset: usize },
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Io { name, error } => write!(f, "{name}: cannot read: {error}"),
            InputError::NotUtf8 { name, offset } => {
                write!(
                    f,
                    "{name}: not valid UTF-8: invalid byte sequence at byte offset {offset}"
                )
            }
        }
    }
}

impl std::error::Error for InputError {}

/// Turns bytes into a string, or says where the first bad sequence is.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<String, InputError> {
    String::from_utf8(bytes).map_err(|e| InputError::NotUtf8 {
        name: name.to_string(),
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Reads `path`, or standard input when it is `-`.
pub fn read(path: &Path, stdin_name: Option<&str>) -> Result<Input, InputError> {
    if path == Path::new("-") {
        let name = stdin_name.unwrap_or("<stdin>").to_string();
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(|error| InputError::Io {
                name: name.clone(),
                error,
            })?;
        let text = decode(&name, bytes)?;
        return Ok(Input { name, text });
    }
    let name = display_path(path);
    let bytes = std::fs::read(path).map_err(|error| InputError::Io {
        name: name.clone(),
        error,
    })?;
    let text = decode(&name, bytes)?;
    Ok(Input { name, text })
}

/// A path as users wrote it, without a leading `./`; absolute paths under the current
/// directory are shown relative to it.
pub fn display_path(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let shown = match &cwd {
        Some(cwd) if path.is_absolute() => path.strip_prefix(cwd).unwrap_or(path),
        _ => path,
    };
    let shown = shown.strip_prefix(".").unwrap_or(shown);
    let shown: PathBuf = if shown.as_os_str().is_empty() {
        path.to_path_buf()
    } else {
        shown.to_path_buf()
    };
    shown.to_string_lossy().into_owned()
}

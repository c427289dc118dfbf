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

/// Why a document could not be read as text. Every command reads through [`read`], so a
/// bad file is described the same way by all of them (and by `lint`'s
/// `unreadable-file` findings, which use [`InputError::reason`]).
#[derive(Debug)]
pub enum InputError {
    Io {
        name: String,
        error: std::io::Error,
    },
    /// Not a regular file (a FIFO, a socket, a device, a directory): reading it could
    /// block forever or never end.
    NotAFile {
        name: String,
        what: &'static str,
    },
    TooLarge {
        name: String,
        len: u64,
        limit: u64,
    },
    /// A NUL byte, which no text draft holds.
    Binary {
        name: String,
        offset: usize,
    },
    /// A UTF-16 byte-order mark.
    Utf16 {
        name: String,
        big_endian: bool,
    },
    NotUtf8 {
        name: String,
        offset: usize,
    },
}

impl InputError {
    /// What is wrong, without the file's name.
    pub fn reason(&self) -> String {
        match self {
            InputError::Io { error, .. } => os_error(error),
            InputError::NotAFile { what, .. } => format!("it is {what}, not a regular file"),
            InputError::TooLarge { len, limit, .. } => {
                format!("it is {len} bytes, over the limit of {limit} (files.max-size)")
            }
            InputError::Binary { offset, .. } => {
                format!("it looks binary (a NUL byte at byte offset {offset})")
            }
            InputError::Utf16 { big_endian, .. } => format!(
                "it is UTF-16 ({} byte-order mark); save it as UTF-8",
                if *big_endian {
                    "a big-endian"
                } else {
                    "a little-endian"
                }
            ),
            InputError::NotUtf8 { offset, .. } => {
                format!("it is not valid UTF-8: invalid byte sequence at byte offset {offset}")
            }
        }
    }

    pub fn name(&self) -> &str {
        match self {
            InputError::Io { name, .. }
            | InputError::NotAFile { name, .. }
            | InputError::TooLarge { name, .. }
            | InputError::Binary { name, .. }
            | InputError::Utf16 { name, .. }
            | InputError::NotUtf8 { name, .. } => name,
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: cannot read: {}", self.name(), self.reason())
    }
}

impl std::error::Error for InputError {}

/// `ELOOP`, which std names only on nightly (`ErrorKind::FilesystemLoop`).
#[cfg(target_os = "linux")]
const ELOOP: i32 = 40;
#[cfg(not(target_os = "linux"))]
const ELOOP: i32 = 62;

/// One wording per operating-system error, the same in every command: lower case, no
/// "(os error N)".
pub fn os_error(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    if error.raw_os_error() == Some(ELOOP) {
        return "it is a symbolic link loop (too many levels of symbolic links)".into();
    }
    match error.kind() {
        ErrorKind::NotFound => "no such file or directory".into(),
        ErrorKind::PermissionDenied => "permission denied".into(),
        ErrorKind::IsADirectory => "it is a directory, not a regular file".into(),
        ErrorKind::InvalidData => "it is not valid UTF-8".into(),
        _ => {
            let text = error.to_string();
            let text = match text.find(" (os error") {
                Some(at) => &text[..at],
                None => &text,
            };
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => "unknown error".into(),
            }
        }
    }
}

/// Turns bytes into a string, or says why they are not a text draft: a UTF-16
/// byte-order mark, a NUL anywhere, or invalid UTF-8 (with where it starts).
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<String, InputError> {
    let name = || name.to_string();
    if let Some(big_endian) = match bytes.get(..2) {
        Some([0xFF, 0xFE]) => Some(false),
        Some([0xFE, 0xFF]) => Some(true),
        _ => None,
    } {
        return Err(InputError::Utf16 {
            name: name(),
            big_endian,
        });
    }
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(InputError::Binary {
            name: name(),
            offset,
        });
    }
    String::from_utf8(bytes).map_err(|e| InputError::NotUtf8 {
        name: name(),
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Reads `path`, or standard input when it is `-`, as a text draft of at most `limit`
/// bytes (when given). Never blocks on a FIFO and never reads past the limit: the
/// metadata is checked first, and the read itself stops one byte past the limit, so a
/// file that grows while it is read is caught too.
pub fn read(
    path: &Path,
    stdin_name: Option<&str>,
    limit: Option<u64>,
) -> Result<Input, InputError> {
    let stdin = path == Path::new("-");
    let name = if stdin {
        stdin_name.unwrap_or("<stdin>").to_string()
    } else {
        display_path(path)
    };
    let io = |error| InputError::Io {
        name: name.clone(),
        error,
    };
    let too_large = |len: u64| match limit {
        Some(limit) if len > limit => Err(InputError::TooLarge {
            name: name.clone(),
            len,
            limit,
        }),
        _ => Ok(()),
    };
    let mut bytes = Vec::new();
    let cap = limit.map_or(u64::MAX, |l| l.saturating_add(1));
    if stdin {
        std::io::stdin()
            .lock()
            .take(cap)
            .read_to_end(&mut bytes)
            .map_err(io)?;
    } else {
        let meta = std::fs::metadata(path).map_err(io)?;
        if let Some(what) = not_a_file(&meta.file_type()) {
            return Err(InputError::NotAFile {
                name: name.clone(),
                what,
            });
        }
        too_large(meta.len())?;
        let file = std::fs::File::open(path).map_err(io)?;
        bytes.reserve(meta.len().min(cap) as usize);
        file.take(cap).read_to_end(&mut bytes).map_err(io)?;
    }
    too_large(bytes.len() as u64)?;
    let text = decode(&name, bytes)?;
    Ok(Input { name, text })
}

/// What a path that is not a regular file is, in words.
fn not_a_file(kind: &std::fs::FileType) -> Option<&'static str> {
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("a device");
        }
    }
    Some("a special file")
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

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
/// never a mix.
///
/// * An existing file keeps its permissions; a new one gets the umask's (0644 for the
///   usual 022), as any editor would create it, not the temporary file's private 0600.
/// * A symbolic link is written through: its target is replaced, the link stays (as
///   editors do), rather than the link being replaced by a regular file.
/// * Ctrl-C, SIGTERM or SIGHUP while the temporary file exists removes it before the
///   process dies ([`cleanup`]), so no `.claimmark-XXXXXX.tmp` is left beside the draft.
pub fn write_atomically(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let resolved;
    let path = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            resolved = std::fs::canonicalize(path)?;
            resolved.as_path()
        }
        _ => path,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let existing = std::fs::metadata(path).ok().map(|meta| meta.permissions());
    let mut builder = tempfile::Builder::new();
    builder.prefix(".claimmark-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Created with the final mode (the umask applies), so the new contents are never
        // readable by more people than the old ones were.
        let mode = existing.as_ref().map_or(0o666, |p| p.mode() & 0o7777);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    let mut temp = builder.tempfile_in(dir)?;
    let _guard = cleanup::Guard::new(temp.path());
    temp.write_all(contents)?;
    temp.as_file().sync_all()?;
    // For the tests that interrupt a write: a real one is over in milliseconds, too fast
    // to hit from outside on purpose.
    if let Some(ms) = std::env::var_os("CLAIMMARK_TEST_PAUSE_BEFORE_RENAME_MS")
        .and_then(|v| v.to_str().and_then(|v| v.parse().ok()))
    {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
    if let Some(permissions) = existing {
        // The umask may have narrowed the mode asked for; the old file's is restored.
        temp.as_file().set_permissions(permissions)?;
    }
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Removing temporary files when a signal ends the process. Each write registers its
/// temporary file's path in a slot while the file exists; the handler unlinks every
/// registered path (`unlink` is async-signal-safe), restores the default action and
/// raises the signal again, so the exit status is the usual one.
#[cfg(unix)]
mod cleanup {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    use std::path::Path;
    use std::sync::Once;
    use std::sync::atomic::{AtomicPtr, Ordering};

    /// More writes than this at once (`lint --fix -j N`) go unregistered: they are still
    /// atomic, only not cleaned up on a signal.
    const SLOTS: usize = 256;
    static PATHS: [AtomicPtr<libc::c_char>; SLOTS] =
        [const { AtomicPtr::new(std::ptr::null_mut()) }; SLOTS];
    static INSTALL: Once = Once::new();
    const SIGNALS: [libc::c_int; 3] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP];

    extern "C" fn on_signal(signal: libc::c_int) {
        for slot in &PATHS {
            let path = slot.swap(std::ptr::null_mut(), Ordering::SeqCst);
            if !path.is_null() {
                // SAFETY: a registered pointer is a live CString until its guard takes it
                // back; whoever swaps it out owns it, and here that is the handler.
                unsafe { libc::unlink(path) };
            }
        }
        // SAFETY: signal and raise are async-signal-safe.
        unsafe {
            libc::signal(signal, libc::SIG_DFL);
            libc::raise(signal);
        }
    }

    fn install() {
        INSTALL.call_once(|| {
            for signal in SIGNALS {
                // SAFETY: plain sigaction calls; a signal that is ignored (nohup, a
                // background job) stays ignored.
                unsafe {
                    let mut old: libc::sigaction = std::mem::zeroed();
                    if libc::sigaction(signal, std::ptr::null(), &mut old) != 0
                        || old.sa_sigaction == libc::SIG_IGN
                    {
                        continue;
                    }
                    let mut action: libc::sigaction = std::mem::zeroed();
                    action.sa_sigaction = on_signal as extern "C" fn(libc::c_int) as usize;
                    libc::sigemptyset(&mut action.sa_mask);
                    libc::sigaction(signal, &action, std::ptr::null_mut());
                }
            }
        });
    }

    /// A temporary file's path, registered for removal on a signal while this lives.
    pub struct Guard {
        slot: Option<(usize, *mut libc::c_char)>,
    }

    impl Guard {
        pub fn new(path: &Path) -> Guard {
            install();
            let Ok(path) = CString::new(path.as_os_str().as_bytes()) else {
                return Guard { slot: None };
            };
            let raw = path.into_raw();
            for (i, slot) in PATHS.iter().enumerate() {
                if slot
                    .compare_exchange(
                        std::ptr::null_mut(),
                        raw,
                        Ordering::SeqCst,
                        Ordering::SeqCst,
                    )
                    .is_ok()
                {
                    return Guard {
                        slot: Some((i, raw)),
                    };
                }
            }
            // SAFETY: `raw` came from `into_raw` above and was never shared.
            drop(unsafe { CString::from_raw(raw) });
            Guard { slot: None }
        }
    }

    impl Drop for Guard {
        fn drop(&mut self) {
            let Some((i, raw)) = self.slot else {
                return;
            };
            let taken = PATHS[i].swap(std::ptr::null_mut(), Ordering::SeqCst);
            if taken == raw {
                // SAFETY: swapped out of its slot, so the handler can no longer see it.
                drop(unsafe { CString::from_raw(raw) });
            }
            // Otherwise the handler took it and may be using it: it is left alone (the
            // process is about to die anyway).
        }
    }
}

#[cfg(not(unix))]
mod cleanup {
    pub struct Guard;

    impl Guard {
        pub fn new(_path: &std::path::Path) -> Guard {
            Guard
        }
    }
}

//! The `claimmark` binary: a thin command line over the `claimmark` library.

mod cli;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    // Output into a closed pipe (`claimmark rules | head -1`) ends the process quietly,
    // as it ends grep, ripgrep and every Unix filter. Rust ignores SIGPIPE by default,
    // which turns the closed pipe into a write error in every command (and into a panic
    // in `println!`); restoring the default action handles it once, for all output.
    #[cfg(unix)]
    // SAFETY: called first thing, before any thread exists; SIG_DFL is a valid action.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    cli::run()
}

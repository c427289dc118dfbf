//! The `claimmark` binary: a thin command line over the `claimmark` library.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}

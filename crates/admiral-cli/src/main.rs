//! `admiral`: Admiral's operations, headless, for release engineers and CI.

mod cli;
mod cli_portfolio;
mod commands;
mod error;
mod output;

use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse(); // clap exits with 2 on a usage error
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match commands::run(cli.command, &mut out) {
        Ok(code) => {
            let _ = out.flush();
            code
        }
        // A reader that stops early (`admiral show | head`) is not an error.
        Err(error::CliError::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(error::CliError::Json(e))
            if e.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            let _ = out.flush();
            eprintln!("admiral: {e}");
            ExitCode::from(1)
        }
    }
}

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
                                 // Buffered: the locked stdout alone is line-buffered, one write(2) per line (a million
                                 // for the JSON schedule of a 100k-task plan).
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let result = commands::run(cli.command, &mut out).and_then(|code| {
        out.flush()?;
        Ok(code)
    });
    match result {
        Ok(code) => code,
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

//! `admiral`: Admiral's operations, headless, for release engineers and CI.

mod cli;
mod cli_portfolio;
mod commands;
mod error;
mod output;
mod terminal;

use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    limit_threads();
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    // Buffered: the locked stdout alone is line-buffered, one write(2) per line (a million for
    // the JSON schedule of a 100k-task plan).
    // Control characters in names (from an imported file) are not sent to the terminal. The
    // buffer comes first, so that they are looked for in its 64 KiB blocks, not in each of
    // serde_json's small writes (which made that 40 % of `show --json`'s instructions).
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, terminal::Safe::new(stdout.lock()));
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
            eprintln!("admiral: {}", terminal::safe_line(&e.to_string()));
            ExitCode::from(1)
        }
    }
}

/// Rayon's pool at most four threads a processor, whatever `RAYON_NUM_THREADS` asks.
fn limit_threads() {
    let asked = std::env::var("RAYON_NUM_THREADS").ok();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    admiral_core::par::limit_threads(asked.as_deref(), cores);
}

/// A command line clap refuses: one line on stderr (clap's error, its tip and the usage, which
/// it prints over several lines) and exit code 2. Help and the version print as clap prints
/// them.
fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind::*;
    if matches!(
        e.kind(),
        DisplayHelp | DisplayVersion | DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        e.exit();
    }
    eprintln!(
        "admiral: {}",
        terminal::safe(&one_line(&e.render().to_string()))
    );
    ExitCode::from(2)
}

/// clap's rendered error as one line: "error: the following required arguments were not
/// provided:\n  --out <OUT>\n\nUsage: …" becomes "the following required arguments were not
/// provided: --out <OUT> (usage: …)"; its tip follows the error after a semicolon.
fn one_line(rendered: &str) -> String {
    let join = |block: &str| {
        block
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (mut error, mut tip, mut usage) = (String::new(), String::new(), String::new());
    for block in rendered.split("\n\n") {
        let t = block.trim_start();
        if let Some(rest) = t.strip_prefix("error:") {
            error = join(rest);
        } else if let Some(rest) = t.strip_prefix("tip:") {
            tip = join(rest);
        } else if let Some(rest) = t.strip_prefix("Usage:") {
            usage = rest.lines().next().unwrap_or("").trim().to_string();
        } else if error.is_empty() {
            error = join(t);
        }
    }
    let mut line = error;
    if !tip.is_empty() {
        line = format!("{line}; {tip}");
    }
    if !usage.is_empty() {
        line = format!("{line} (usage: {usage})");
    }
    line
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn a_usage_error_is_one_line_with_its_tip_and_usage() {
        let rendered = "error: the following required arguments were not provided:\n  --out <OUT>\n\nUsage: admiral report --out <OUT> <PLAN>\n\nFor more information, try '--help'.\n";
        assert_eq!(
            one_line(rendered),
            "the following required arguments were not provided: --out <OUT> (usage: admiral report --out <OUT> <PLAN>)"
        );
        let rendered = "error: unexpected argument '-o' found\n\n  tip: to pass '-o' as a value, use '-- -o'\n\nUsage: admiral report [OPTIONS] --out <OUT> <PLAN>\n\nFor more information, try '--help'.\n";
        assert_eq!(
            one_line(rendered),
            "unexpected argument '-o' found; to pass '-o' as a value, use '-- -o' (usage: admiral report [OPTIONS] --out <OUT> <PLAN>)"
        );
    }
}

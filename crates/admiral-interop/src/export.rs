//! What a writer did: counts, and everything it could not put in the file.

use std::fmt;

/// The bytes of an exported file and the report of what went into it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Export {
    pub bytes: Vec<u8>,
    pub report: ExportReport,
}

/// What an export wrote and what it left out. Nothing is dropped silently: every kind of
/// entity the format cannot hold is listed in `dropped`, with its count.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportReport {
    /// E.g. "MS Project XML".
    pub format: String,
    /// What was written, e.g. ("tasks", 52).
    pub written: Vec<(String, usize)>,
    /// What was left out, each with its reason.
    pub dropped: Vec<String>,
    /// Things written with a change or a caveat.
    pub notes: Vec<String>,
}

impl ExportReport {
    pub(crate) fn new(format: &str) -> Self {
        Self {
            format: format.into(),
            ..Self::default()
        }
    }
    pub(crate) fn wrote(&mut self, what: &str, n: usize) {
        self.written.push((what.into(), n));
    }
    /// Records `n` items of a kind that the format cannot hold, when there are any.
    pub(crate) fn drop_n(&mut self, n: usize, what: &str, why: &str) {
        if n > 0 {
            self.dropped.push(format!("{n} {what}: {why}"));
        }
    }
    /// How many of `what` were written (0 when none).
    pub fn written_count(&self, what: &str) -> usize {
        self.written
            .iter()
            .find(|(w, _)| w == what)
            .map_or(0, |(_, n)| *n)
    }
}

impl fmt::Display for ExportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .written
            .iter()
            .map(|(w, n)| format!("{n} {w}"))
            .collect();
        writeln!(f, "exported {}: {}", self.format, parts.join(", "))?;
        for n in &self.notes {
            writeln!(f, "note: {n}")?;
        }
        for d in &self.dropped {
            writeln!(f, "not exported: {d}")?;
        }
        Ok(())
    }
}

//! Errors of the interop readers and writers. Every message says what is wrong and, for files, on which
//! line.

use admiral_core::ModelError;
use thiserror::Error;

/// Why a file could not be imported.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum InteropError {
    /// The file could not be read at all.
    #[error("cannot read {path}: {message}")]
    Io { path: String, message: String },
    /// The input is not well-formed XML.
    #[error("line {line}: not well-formed XML: {message}")]
    NotXml { line: usize, message: String },
    /// Well-formed XML, but not an MS Project XML (MSPDI) document.
    #[error("line {line}: not an MS Project XML file: {message}")]
    NotMspdi { line: usize, message: String },
    /// An MSPDI element holds a value that cannot be used, e.g. a bad duration.
    #[error("line {line}: {message}")]
    Invalid { line: usize, message: String },
    /// A cell of a CSV row holds a value that cannot be used.
    #[error("line {line}, column {column}: {message}")]
    Cell {
        line: usize,
        column: String,
        message: String,
    },
    /// A required element is missing.
    #[error("line {line}: {message}")]
    Missing { line: usize, message: String },
    /// A file of a kind Admiral does not import (by its extension, or by what its first bytes
    /// show it is): the message says what it is and what to give instead.
    #[error("{0}")]
    NotImportable(String),
    /// A file or format name Admiral does not read or write.
    #[error("unknown format '{0}': use MS Project XML (mspdi, .xml), CSV (.csv) or iCalendar (ics, export only)")]
    UnknownFormat(String),
    /// The imported plan breaks a rule of the model (a bug of the reader, or a file whose
    /// structure Admiral cannot represent).
    #[error("the imported plan is not valid: {0}")]
    Model(#[from] ModelError),
}

impl InteropError {
    /// The 1-based line the error refers to, when it refers to one.
    pub fn line(&self) -> Option<usize> {
        match self {
            InteropError::NotXml { line, .. }
            | InteropError::NotMspdi { line, .. }
            | InteropError::Invalid { line, .. }
            | InteropError::Missing { line, .. }
            | InteropError::Cell { line, .. } => Some(*line),
            InteropError::Io { .. }
            | InteropError::Model(_)
            | InteropError::UnknownFormat(_)
            | InteropError::NotImportable(_) => None,
        }
    }
}

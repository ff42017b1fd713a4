//! The one error type of the store. Each message names the file or the entity at fault.

use admiral_core::ModelError;
use std::path::PathBuf;
use thiserror::Error;

/// Everything that can go wrong with a plan file.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum StoreError {
    /// `open` was given a path where there is no file.
    #[error("there is no plan file at {path}")]
    NotFound { path: PathBuf },
    /// `create` was asked to write over an existing file without `force`.
    #[error("{path} already exists; use force to overwrite it")]
    AlreadyExists { path: PathBuf },
    /// The file is not an Admiral plan at all (a text file, another application's database).
    /// The file was not changed.
    #[error("{path} is not an Admiral plan: {reason}; it was left unchanged")]
    NotAPlan { path: PathBuf, reason: String },
    /// The file is an Admiral plan but damaged (truncated, failing SQLite's checks). The file
    /// was not changed.
    #[error("{path} is a damaged Admiral plan: {reason}; it was left unchanged")]
    Damaged { path: PathBuf, reason: String },
    /// The file was written by a newer Admiral. The file was not changed.
    #[error("{path} was saved by a newer Admiral (file format {found}; this Admiral reads formats up to {supported}): open it with that Admiral or a newer one; it was left unchanged")]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// An export or report target that writing would destroy, or that cannot hold a file.
    #[error("cannot write {path}: {reason}; nothing was written")]
    Output { path: PathBuf, reason: String },
    /// A change was asked of a plan opened read-only.
    #[error("{path} is read-only ({reason}); nothing was changed")]
    ReadOnly { path: PathBuf, reason: String },
    /// SQLite cannot open a path this long.
    #[error("the path {path} is too long ({len} characters; SQLite opens at most {max}): move the plan to a shorter folder or give it a shorter name")]
    PathTooLong {
        path: PathBuf,
        len: usize,
        max: usize,
    },
    /// An edit or a plan breaks a rule of the model; nothing was written.
    #[error(transparent)]
    Invalid(#[from] ModelError),
    /// A delete of something that is still referred to; nothing was written.
    #[error("cannot delete {entity}: {user} still refers to it")]
    InUse { entity: String, user: String },
    /// A delete or undo of something that does not exist; nothing was written.
    #[error("there is no {kind} {id}")]
    Missing { kind: &'static str, id: String },
    /// The file system refused.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// SQLite refused (disk full, file locked by another program, …).
    #[error("the plan file could not be read or written: {message}")]
    Database { message: String },
    /// The author's signing key cannot be created or read.
    #[error("{path}: {message}")]
    Key { path: PathBuf, message: String },
    /// A stored value cannot be turned back into the model.
    #[error("the plan file holds a {what} that cannot be read: {reason}")]
    BadData { what: String, reason: String },
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Database {
            message: e.to_string(),
        }
    }
}

pub(crate) fn bad_data(what: impl Into<String>, reason: impl std::fmt::Display) -> StoreError {
    StoreError::BadData {
        what: what.into(),
        reason: reason.to_string(),
    }
}

/// The extended SQLite result code of a constraint failure, if `e` is one.
pub(crate) fn constraint_code(e: &rusqlite::Error) -> Option<i32> {
    match e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            Some(f.extended_code)
        }
        _ => None,
    }
}

pub(crate) const FOREIGN_KEY: i32 = rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY;
pub(crate) const UNIQUE: i32 = rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE;

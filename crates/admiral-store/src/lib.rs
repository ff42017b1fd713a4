//! The plan file: one plan per SQLite file (`.admiral`).
//!
//! [`PlanFile`] is the whole public surface: create or open a file, load the [`Plan`](admiral_core::Plan),
//! apply [`Edit`](admiral_core::edit::Edit)s, replace the whole plan, undo and redo, read and
//! verify the audit trail. SQL stays inside this crate.
//!
//! Promises:
//! - every change is one transaction together with its audit entries; a failed change writes
//!   nothing;
//! - a file that is not a healthy Admiral plan (not SQLite, another application's database,
//!   damaged, or from a newer Admiral) is refused with a [`StoreError`] and left
//!   byte-for-byte unchanged;
//! - the file never holds a plan that breaks the model's rules (see `admiral_core::edit`);
//! - acknowledged changes survive a crash (WAL with `synchronous=FULL`);
//! - a new plan file appears whole or not at all (built under a temporary name, then linked
//!   into place);
//! - an export or report never replaces a plan, its side files, a folder or a device
//!   ([`check_output`]), is written atomically ([`write_output`]) and is recorded in the
//!   audit trail or deleted ([`PlanFile::write_export`]);
//! - a plan that cannot be written (read-only file, folder or file system) opens read-only
//!   and leaves no file behind.

mod audit;
mod audit_query;
mod bulk;
mod change;
mod codec;
mod content;
mod entities;
mod error;
mod file;
mod header;
mod keys;
mod kind;
mod migrate;
mod output;
mod trail;
mod undo;

pub use audit::{
    AuditEntry, AuditHead, AuditProblem, AuditProblemKind, AuditReport, ChangeId, ContentCheck,
    ContentDifference, SignatureCheck, SignerSummary, GENESIS_HASH,
};
pub use audit_query::{AuditOverview, AuditPage, AuditQuery, MAX_PAGE};
pub use error::StoreError;
pub use file::{ChangeSummary, ExportRecord, NewPlanFile, PlanFile};
pub use header::is_sqlite;
pub use keys::{
    config_dir, own_public_key, trust_add, trust_file, trust_list, trust_remove, TrustedKey,
    CONFIG_DIR_VAR,
};
pub use migrate::{APPLICATION_ID, LATEST_VERSION};
pub use output::{check_output, write_output};
pub use undo::UNDO_LIMIT;

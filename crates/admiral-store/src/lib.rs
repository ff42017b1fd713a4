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
//! - acknowledged changes survive a crash (WAL with `synchronous=FULL`).

mod audit;
mod audit_query;
mod change;
mod codec;
mod content;
mod entities;
mod error;
mod file;
mod header;
mod keys;
mod migrate;
mod undo;

pub use audit::{
    AuditEntry, AuditHead, AuditProblem, AuditProblemKind, AuditReport, ChangeId, ContentCheck,
    ContentDifference, SignatureCheck, SignerSummary, GENESIS_HASH,
};
pub use audit_query::{AuditOverview, AuditPage, AuditQuery, MAX_PAGE};
pub use error::StoreError;
pub use file::{ChangeSummary, PlanFile};
pub use keys::{config_dir, own_public_key, CONFIG_DIR_VAR};
pub use migrate::{APPLICATION_ID, LATEST_VERSION};
pub use undo::UNDO_LIMIT;

//! MSPDI export (work in progress).

use crate::error::InteropError;
use crate::export::Export;
use admiral_core::schedule::Schedule;
use admiral_core::Plan;

/// Writes `plan` as MS Project XML.
pub fn write_mspdi(_plan: &Plan, _schedule: Option<&Schedule>) -> Result<Export, InteropError> {
    Err(InteropError::Io {
        path: "MSPDI export".into(),
        message: "not implemented yet".into(),
    })
}

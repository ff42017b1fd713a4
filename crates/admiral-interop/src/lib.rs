//! MS Project XML, CSV and iCalendar.
//!
//! [`mspdi`] reads Microsoft Project XML (MSPDI) files into an [`admiral_core::Plan`].

pub mod error;
pub mod mspdi;

pub use error::InteropError;
pub use mspdi::{read_mspdi, read_mspdi_file, ImportReport, MspdiImport, SkipKind, Skipped};

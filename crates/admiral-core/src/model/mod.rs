//! The release-plan model: portfolio → releases → projects → tasks, with links, calendars,
//! gates, risks, resources and assignments.

mod entities;
mod error;
mod ids;
mod portfolio;
mod quantities;
mod validate;
pub use validate::{
    check_date, commitment_label, task_label, validate_estimate, MAX_DURATION_MINUTES, YEARS,
};

pub use entities::*;
pub use error::ModelError;
pub use ids::*;
pub use portfolio::*;
pub use quantities::*;

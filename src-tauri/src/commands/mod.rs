//! The IPC surface. Each command is wiring: it calls admiral-store or admiral-core and
//! returns a [`Snapshot`](crate::view::Snapshot) or a typed [`AppError`](crate::error::AppError).
//! Kept out of the crate root because `#[tauri::command]` macros clash there (E0255).

pub mod analysis;
pub mod audit;
pub mod baselines;
pub mod edit;
pub mod export;
pub mod file;
pub mod gates;
pub mod portfolio;
pub mod query;
pub mod resources;
pub mod scenarios;

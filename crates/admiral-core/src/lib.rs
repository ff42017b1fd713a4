//! Admiral's domain: the release plan, its calendars and the rules that schedule it.
//!
//! Everything here is pure: plain data in, plain data out. No file, database, network or
//! clock is touched, so the store, the CLI and the desktop shell can all call the same
//! functions and get the same answers. The one state kept is rayon's pool ([`par`]), which
//! changes where work runs, never its results.

pub mod baseline;
pub mod calendar;
pub mod calendar_view;
pub mod commitment;
pub mod cost;
pub mod demo;
pub mod dependency;
pub mod edit;
pub mod effort;
pub mod evm;
pub mod gates;
pub mod merge;
pub mod model;
pub mod monte_carlo;
pub mod notation;
pub mod par;
pub mod portfolio;
pub mod progress;
pub mod put;
pub mod risk;
pub mod rollup;
pub mod scenario;
pub mod schedule;
pub mod snapshot;
pub mod split;
pub mod status;
pub mod template;
pub mod vacation;
pub mod wbs;
pub mod workload;

pub use calendar::{Calendar, CalendarException, WorkingTime};
pub use model::*;

//! The PDF release report.

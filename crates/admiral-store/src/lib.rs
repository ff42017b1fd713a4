//! The plan file (SQLite).

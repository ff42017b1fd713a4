//! Acceptance tests live in `tests/*.rs` beside this crate; see tests/README.md.

//! The demo plan (written by a helper).

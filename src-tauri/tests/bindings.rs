//! The TypeScript bindings in `ui/src/lib/bindings.ts` are generated from the commands and
//! types; this test regenerates them and fails when the committed file was stale. It writes
//! the file only when its text changes, so that an unchanged file keeps its time stamp and
//! the UI is not rebuilt for nothing.

use std::path::Path;

#[test]
fn export_bindings() {
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join(admiral_desktop::BINDINGS_PATH);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let fresh = dir.path().join("bindings.ts");
    admiral_desktop::export_bindings(&fresh).expect("bindings export");
    let generated = std::fs::read_to_string(&fresh).expect("bindings written");
    let before = std::fs::read_to_string(&committed).unwrap_or_default();
    if before != generated {
        std::fs::write(&committed, &generated).expect("ui/src/lib/bindings.ts written");
        panic!(
            "ui/src/lib/bindings.ts was out of date and has been regenerated; commit the new file"
        );
    }
}

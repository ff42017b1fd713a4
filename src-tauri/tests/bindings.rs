//! The TypeScript bindings in `ui/src/lib/bindings.ts` are generated from the commands and
//! types; this test writes them and fails when the committed file was stale.

use std::path::Path;

#[test]
fn export_bindings() {
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join(admiral_desktop::BINDINGS_PATH);
    let before = std::fs::read_to_string(&committed).unwrap_or_default();
    admiral_desktop::export_bindings(&committed).expect("bindings export");
    let after = std::fs::read_to_string(&committed).expect("bindings written");
    assert!(
        before == after,
        "ui/src/lib/bindings.ts was out of date and has been regenerated; commit the new file"
    );
}

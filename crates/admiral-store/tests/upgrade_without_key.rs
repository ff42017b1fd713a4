//! A format-2 plan opened by someone without a usable signing key (here: a key file readable
//! by others, which is refused as SSH refuses one) is still upgraded; its upgrade entry is
//! then unsigned, and verification says so rather than counting it as signed.
//! (Its own test binary: the config directory is process-wide.)

use admiral_store::*;
use std::path::Path;

#[test]
fn without_a_usable_key_the_upgrade_entry_is_written_unsigned() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir(&config).unwrap();
    let key = config.join("signing-key");
    std::fs::write(&key, format!("{}\n", "11".repeat(32))).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    std::env::set_var(CONFIG_DIR_VAR, &config);
    let path = dir.path().join("old.admiral");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format2-demo.admiral"),
        &path,
    )
    .unwrap();
    let f = PlanFile::open(&path).unwrap();
    let r = f.verify_audit().unwrap();
    assert!(r.is_ok(), "{:?}", r.problem);
    assert_eq!(r.signatures.upgraded_at, Some(8));
    assert_eq!(r.signatures.unsigned_before_upgrade, 8);
    assert_eq!(r.signatures.signed, 0);
    assert!(f.audit().unwrap().pop().unwrap().signer.is_none());
}

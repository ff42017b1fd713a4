//! 300 random single-bit flips in a demo plan file: each flip is refused on open (or load),
//! leaves the loaded plan equal to the original, or is reported by `verify_audit`. No flip
//! may change the plan's content unnoticed.

use admiral_core::edit::Edit;
use admiral_store::*;

/// splitmix64: a seeded sequence, so every run flips the same bits.
struct Seq(u64);
impl Seq {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

#[derive(Debug, Default)]
struct Outcome {
    refused: u32,
    unchanged: u32,
    reported: u32,
    reported_unchanged: u32,
}

#[test]
fn no_single_bit_flip_changes_the_plan_unnoticed() {
    let dir = tempfile::tempdir().unwrap();
    std::env::set_var("ADMIRAL_CONFIG_DIR", dir.path().join("config"));
    let path = dir.path().join("demo.admiral");
    let original = {
        let mut f = PlanFile::create(&path, "Demo", false).unwrap();
        f.replace_plan(&admiral_core::demo::demo_plan(), "demo")
            .unwrap();
        let plan = f.load().unwrap();
        let mut t = plan.tasks[5].clone();
        t.name = "Edited once".into();
        f.apply(&[Edit::PutTask(t)], "edit").unwrap();
        f.apply(&[Edit::DeleteRisk(plan.risks[0].id)], "drop a risk")
            .unwrap();
        f.undo().unwrap();
        assert!(f.verify_audit().unwrap().is_ok());
        f.load().unwrap()
        // Dropping the file closes the last connection: the WAL is checkpointed and removed.
    };
    let bytes = std::fs::read(&path).unwrap();
    let mut seq = Seq(0x5EED_2027);
    let mut out = Outcome::default();
    let mut unnoticed = Vec::new();
    for i in 0..300 {
        let at = (seq.next() % bytes.len() as u64) as usize;
        let bit = (seq.next() % 8) as u8;
        let mut flipped = bytes.clone();
        flipped[at] ^= 1 << bit;
        let case = dir.path().join(format!("flip{i}.admiral"));
        std::fs::write(&case, &flipped).unwrap();
        let loaded = PlanFile::open(&case).and_then(|f| {
            let plan = f.load()?;
            Ok((plan, f.verify_audit()))
        });
        match loaded {
            Err(_) => out.refused += 1,
            Ok((plan, verified)) => {
                let noticed = !matches!(&verified, Ok(r) if r.is_ok());
                match (plan == original, noticed) {
                    (true, false) => out.unchanged += 1,
                    (true, true) => out.reported_unchanged += 1,
                    (false, true) => out.reported += 1,
                    (false, false) => unnoticed.push((at, bit)),
                }
            }
        }
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", case.display()));
        }
    }
    eprintln!("{out:?} in a {} byte file", bytes.len());
    assert!(
        unnoticed.is_empty(),
        "flips (byte, bit) that changed the plan unnoticed: {unnoticed:?} ({out:?})"
    );
    // The test means something only if some flips reach the plan's content.
    assert!(out.reported > 0, "{out:?}");
}

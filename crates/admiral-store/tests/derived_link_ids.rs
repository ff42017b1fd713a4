//! Format 13: a link whose id is the one derived from its two tasks (`LinkId::derived`, what
//! every new link gets) stores no id; any other link stores its own. Either kind is found,
//! moved, deleted by id, undone and redone, and the audit trail's content check holds.

mod common;

use admiral_core::edit::Edit;
use admiral_core::*;
use admiral_store::*;
use common::*;

/// The stored `uid` of every link row, by `ord`: `None` where the file keeps no id.
fn stored(path: &std::path::Path) -> Vec<Option<Vec<u8>>> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn.prepare("SELECT uid FROM links ORDER BY ord").unwrap();
    let rows = stmt.query_map([], |r| r.get(0)).unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

fn link_with(plan: &Plan, id: LinkId) -> Option<Link> {
    plan.links.iter().find(|l| l.id == id).copied()
}

fn verified(f: &PlanFile) {
    let report = f.verify_audit().unwrap();
    assert!(report.problem.is_none(), "{:?}", report.problem);
    assert!(report.content.matches, "{:?}", report.content.differences);
}

#[test]
fn derived_ids_are_not_stored_and_every_link_keeps_its_id_through_moves_deletes_and_undo() {
    config("derived_link_ids");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.admiral");
    let mut plan = full_plan();
    // Every other link takes its derived id; the others keep ids of their own.
    for l in plan.links.iter_mut().step_by(2) {
        l.id = LinkId::derived(l.predecessor, l.successor);
    }
    let mut f = PlanFile::create_with(&path, &plan, "P", false).unwrap();
    assert_eq!(f.load().unwrap().links, plan.links);
    let uids = stored(&path);
    for (l, uid) in plan.links.iter().zip(&uids) {
        let derived = l.id.is_derived(l.predecessor, l.successor);
        assert_eq!(uid.is_none(), derived, "{l:?}");
        if let Some(uid) = uid {
            assert_eq!(uid.as_slice(), l.id.0.as_bytes());
        }
    }

    // A new link gets the derived id and stores none.
    let t = |i: usize| plan.tasks[i].id;
    let added = Link {
        id: plan.new_link_id(t(0), t(3)),
        predecessor: t(0),
        successor: t(3),
        kind: LinkType::FS,
        lag: Lag::ZERO,
    };
    assert!(added.id.is_derived(t(0), t(3)));
    f.apply(&[Edit::PutLink(added)], "add").unwrap();
    assert_eq!(stored(&path).last(), Some(&None));

    // Moved to another successor it keeps its id, which the file now stores; moved back,
    // the file again stores none. Its place in the plan does not change.
    let place = plan.links.len();
    let moved = Link {
        successor: t(5),
        ..added
    };
    f.apply(&[Edit::PutLink(moved)], "move").unwrap();
    let now = f.load().unwrap();
    assert_eq!(link_with(&now, added.id), Some(moved));
    assert_eq!(now.links[place].id, added.id);
    assert_eq!(
        stored(&path)[place].as_deref(),
        Some(added.id.0.as_bytes().as_slice())
    );
    // While it is away, its old pair's derived id is taken: a link between those tasks
    // again gets another one.
    assert_ne!(now.new_link_id(t(0), t(3)), added.id);
    verified(&f);
    f.apply(&[Edit::PutLink(added)], "move back").unwrap();
    assert_eq!(stored(&path)[place], None);
    assert_eq!(link_with(&f.load().unwrap(), added.id), Some(added));

    // Deleted by id alone: a derived one, a stored one, and one added after the first delete
    // (the map of derived ids read for that delete no longer has it).
    let derived_one = plan.links[0];
    let own_one = plan.links[1];
    assert!(derived_one
        .id
        .is_derived(derived_one.predecessor, derived_one.successor));
    assert!(!own_one
        .id
        .is_derived(own_one.predecessor, own_one.successor));
    f.apply(&[Edit::DeleteLink(derived_one.id)], "delete 1")
        .unwrap();
    f.apply(&[Edit::DeleteLink(own_one.id)], "delete 2")
        .unwrap();
    let late = Link {
        id: LinkId::derived(t(1), t(6)),
        predecessor: t(1),
        successor: t(6),
        kind: LinkType::SS,
        lag: Lag::ZERO,
    };
    f.apply(&[Edit::PutLink(late)], "add late").unwrap();
    f.apply(&[Edit::DeleteLink(late.id)], "delete late")
        .unwrap();
    // The next link takes the row number `late` had; `late`'s id, still in that map, is
    // no longer anyone's.
    let next = Link {
        id: LinkId::derived(t(1), t(7)),
        successor: t(7),
        ..late
    };
    f.apply(&[Edit::PutLink(next)], "add next").unwrap();
    let now = f.load().unwrap();
    for gone in [derived_one, own_one, late] {
        assert_eq!(link_with(&now, gone.id), None);
    }
    // An id no link has is refused, nothing else changing.
    for ghost in [late.id, LinkId::derived(t(2), t(7))] {
        assert!(f.apply(&[Edit::DeleteLink(ghost)], "ghost").is_err());
        assert_eq!(f.load().unwrap(), now);
    }
    verified(&f);

    // Undo puts each back in its place, with or without a stored id as before; redo
    // deletes them again.
    for _ in 0..5 {
        f.undo().unwrap().unwrap();
    }
    let back = f.load().unwrap();
    assert_eq!(&back.links[..plan.links.len()], &plan.links[..]);
    assert_eq!(stored(&path)[..uids.len()], uids[..]);
    verified(&f);
    for _ in 0..5 {
        f.redo().unwrap().unwrap();
    }
    assert_eq!(f.load().unwrap(), now);
    verified(&f);

    // Deleting a task deletes its links, derived or not, and undo brings them back.
    let hub = plan.tasks[2].id;
    f.apply(&[Edit::DeleteTask(hub)], "delete task").unwrap();
    let without = f.load().unwrap();
    assert!(!without
        .links
        .iter()
        .any(|l| l.predecessor == hub || l.successor == hub));
    f.undo().unwrap().unwrap();
    assert_eq!(f.load().unwrap(), now);
    verified(&f);
    drop(f);
    let f = PlanFile::open(&path).unwrap();
    assert_eq!(f.load().unwrap(), now);
}

#[test]
fn links_written_before_format_13_keep_their_ids_and_store_them() {
    config("derived_link_ids");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.admiral");
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/format2-demo.admiral");
    std::fs::copy(fixture, &path).unwrap();
    let old: Vec<String> = {
        let conn = rusqlite::Connection::open(&path).unwrap();
        let mut stmt = conn.prepare("SELECT id FROM links ORDER BY ord").unwrap();
        let rows = stmt.query_map([], |r| r.get(0)).unwrap();
        rows.collect::<Result<_, _>>().unwrap()
    };
    assert_eq!(old.len(), 122);
    let f = PlanFile::open(&path).unwrap();
    let ids: Vec<String> = f
        .load()
        .unwrap()
        .links
        .iter()
        .map(|l| l.id.to_string())
        .collect();
    assert_eq!(ids, old);
    assert!(stored(&path).iter().all(Option::is_some));
    verified(&f);
}

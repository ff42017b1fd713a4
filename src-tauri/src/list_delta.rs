//! How a list of the plan (links, assignments) changed between two snapshots, so that an edit
//! sends the UI the items it changed instead of the whole list: a duration edit of an
//! assigned task changes its assignments' work, and at 10k tasks every assignment is 1.5 MB
//! of JSON that WebKit must parse on each edit.

use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::hash::Hash;

/// The changes that turn the UI's copy of a list into the new one: remove the items named in
/// `removed`, then, in the order given (ascending `at`), place each item of `put` at its
/// position `at` of the new list, replacing the item with the same id found there or
/// inserting it. Items not named keep their order, which [`list_delta`] checks.
#[derive(Clone, Debug, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ListDelta<T, I> {
    pub removed: Vec<I>,
    pub put: Vec<T>,
    /// Each `put` item's position in the new list.
    pub at: Vec<u32>,
}

/// The [`ListDelta`] from `before` to `after`, whose items `id` names. `None` when items kept
/// by both changed their order (one deleted and put back within one change), which a delta
/// cannot express: the UI then gets the whole plan.
pub fn list_delta<T, I>(before: &[T], after: &[T], id: impl Fn(&T) -> I) -> Option<ListDelta<T, I>>
where
    T: PartialEq + Clone,
    I: Eq + Hash + Copy,
{
    let mut d = ListDelta {
        removed: Vec::new(),
        put: Vec::new(),
        at: Vec::new(),
    };
    let put = |d: &mut ListDelta<T, I>, i: usize, item: &T| {
        d.put.push(item.clone());
        d.at.push(u32::try_from(i).expect("a list of the plan has fewer than 2^32 items"));
    };
    // The common case, a change in place (a duration edit's assignments): same ids, row by row.
    if before.len() == after.len() && before.iter().zip(after).all(|(a, b)| id(a) == id(b)) {
        for (i, (a, b)) in before.iter().zip(after).enumerate() {
            if a != b {
                put(&mut d, i, b);
            }
        }
        return Some(d);
    }
    let was: HashMap<I, usize> = before.iter().enumerate().map(|(i, x)| (id(x), i)).collect();
    let mut last_kept = None;
    for (i, x) in after.iter().enumerate() {
        match was.get(&id(x)) {
            Some(&j) => {
                if last_kept.is_some_and(|k| j < k) {
                    return None;
                }
                last_kept = Some(j);
                if before[j] != *x {
                    put(&mut d, i, x);
                }
            }
            None => put(&mut d, i, x),
        }
    }
    let now: HashSet<I> = after.iter().map(&id).collect();
    d.removed = before
        .iter()
        .map(&id)
        .filter(|i| !now.contains(i))
        .collect();
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The UI's merge (`applyListDelta` in ui/src/lib/api.ts), written again here so that the
    /// property below checks the rule both sides follow.
    fn apply(list: &[(u8, u8)], d: &ListDelta<(u8, u8), u8>) -> Vec<(u8, u8)> {
        let mut out: Vec<(u8, u8)> = list
            .iter()
            .filter(|x| !d.removed.contains(&x.0))
            .copied()
            .collect();
        for (x, &at) in d.put.iter().zip(&d.at) {
            let at = at as usize;
            if out.get(at).is_some_and(|y| y.0 == x.0) {
                out[at] = *x;
            } else {
                out.insert(at, *x);
            }
        }
        out
    }

    #[test]
    fn a_change_in_place_sends_only_the_changed_items() {
        let before = [(1, 0), (2, 0), (3, 0)];
        let after = [(1, 0), (2, 5), (3, 0)];
        let d = list_delta(&before, &after, |x| x.0).unwrap();
        assert_eq!((d.put, d.at, d.removed), (vec![(2, 5)], vec![1], vec![]));
    }

    #[test]
    fn an_item_put_back_where_it_was_is_inserted_there() {
        // Undo of a deletion: the file gives the link back its old place.
        let before = [(1, 0), (3, 0)];
        let after = [(1, 0), (2, 0), (3, 0)];
        let d = list_delta(&before, &after, |x| x.0).unwrap();
        assert_eq!((d.put.clone(), d.at.clone()), (vec![(2, 0)], vec![1]));
        assert_eq!(apply(&before, &d), after);
    }

    #[test]
    fn kept_items_that_changed_order_give_no_delta() {
        let before = [(1, 0), (2, 0), (3, 0)];
        let after = [(1, 0), (3, 0), (2, 0)];
        assert_eq!(list_delta(&before, &after, |x| x.0), None);
    }

    /// Distinct ids, each with a value.
    fn list() -> impl Strategy<Value = Vec<(u8, u8)>> {
        proptest::collection::btree_map(any::<u8>(), 0u8..3, 0..12)
            .prop_map(|m| m.into_iter().collect::<Vec<_>>())
            .prop_shuffle()
    }

    proptest! {
        #[test]
        fn applying_the_delta_gives_the_new_list(before in list(), after in list()) {
            match list_delta(&before, &after, |x| x.0) {
                Some(d) => {
                    prop_assert_eq!(apply(&before, &d), after.clone());
                    // Nothing unchanged is sent.
                    for x in &d.put {
                        prop_assert!(!before.contains(x));
                    }
                }
                None => {
                    // Only when two kept items changed order.
                    let kept: Vec<u8> = after.iter().map(|x| x.0)
                        .filter(|i| before.iter().any(|y| y.0 == *i)).collect();
                    let was: Vec<u8> = before.iter().map(|x| x.0)
                        .filter(|i| kept.contains(i)).collect();
                    prop_assert_ne!(kept, was);
                }
            }
        }
    }
}

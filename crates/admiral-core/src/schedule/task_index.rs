//! Plan task index by id, for resolving every link's two task ids while compiling (and, in
//! the desktop shell, every reference to a task in what the UI is sent).
//!
//! On a 100k-task plan the table and the id list outgrow the core's cache, so an insert or a
//! look-up waits on a cache miss. Building the table touches a batch of slots before
//! inserting into them, so that the processor waits for the misses of the batch at once.
//! (Batching the links' look-ups the same way measured slower than the plain loop, whose
//! independent iterations the processor already overlaps.)

use crate::model::TaskId;

/// Ids inserted together.
const BATCH: usize = 16;

/// Open addressing with linear probing over a power-of-two table at most half full, holding
/// task index + 1 (0: empty); ids are compared in the flat id list. Four bytes a slot keep
/// the table small (1 MB for 100k tasks; one holding the ids as well measured slower).
pub struct TaskIndex {
    mask: usize,
    slots: Vec<u32>,
}

impl TaskIndex {
    /// The table of `ids` (for an id used twice, the later task, as a map built in order
    /// keeps), and whether some id is used twice.
    pub fn build(ids: &[TaskId]) -> (Self, bool) {
        let cap = (2 * ids.len()).next_power_of_two().max(16);
        let mut t = Self {
            mask: cap - 1,
            slots: vec![0; cap],
        };
        let mut dup = false;
        let mut h = [0u64; BATCH];
        for (c, chunk) in ids.chunks(BATCH).enumerate() {
            // Touch the batch's slots first: independent loads, served together.
            let mut touch = 0u32;
            for (k, &id) in chunk.iter().enumerate() {
                h[k] = hash(id);
                touch ^= t.slots[h[k] as usize & t.mask];
            }
            std::hint::black_box(touch);
            for (k, &hk) in h.iter().enumerate().take(chunk.len()) {
                dup |= t.insert(ids, (c * BATCH + k) as u32, hk);
            }
        }
        (t, dup)
    }

    /// Records `ids[i]` (hash `h`) at index `i`; true when it replaced an earlier task.
    #[inline]
    fn insert(&mut self, ids: &[TaskId], i: u32, h: u64) -> bool {
        let mut at = h as usize & self.mask;
        loop {
            let s = self.slots[at];
            let found = s != 0 && ids[s as usize - 1] == ids[i as usize];
            if s == 0 || found {
                self.slots[at] = i + 1;
                return found;
            }
            at = (at + 1) & self.mask;
        }
    }

    /// Plan index of `id`, `None` when no task has it.
    #[inline]
    pub fn get(&self, ids: &[TaskId], id: TaskId) -> Option<u32> {
        self.probe(ids, id, hash(id))
    }

    #[inline]
    fn probe(&self, ids: &[TaskId], id: TaskId, h: u64) -> Option<u32> {
        let mut at = h as usize & self.mask;
        loop {
            let s = self.slots[at];
            if s == 0 {
                return None;
            }
            if ids[s as usize - 1] == id {
                return Some(s - 1);
            }
            at = (at + 1) & self.mask;
        }
    }
}

/// splitmix64's finaliser over both halves of the id: every bit reaches the slot number and
/// the tag (ids need not be random: tests and demos number them).
#[inline]
fn hash(id: TaskId) -> u64 {
    let v = id.0.as_u128();
    let mut z = (v as u64) ^ ((v >> 64) as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_id_and_the_last_of_a_duplicate() {
        let mut ids: Vec<TaskId> = (0..1000).map(|i| TaskId::from_u128(i * 7919)).collect();
        ids.push(ids[10]);
        let (t, dup) = TaskIndex::build(&ids);
        assert!(dup);
        for (i, &id) in ids.iter().enumerate().take(1000) {
            let want = if i == 10 { 1000 } else { i as u32 };
            assert_eq!(t.get(&ids, id), Some(want));
        }
        assert_eq!(t.get(&ids, TaskId::from_u128(3)), None);
        for k in 0..1000u128 {
            let id = TaskId::from_u128(k * 7919 + 1);
            assert_eq!(t.get(&ids, id), None);
        }
        let (_, dup) = TaskIndex::build(&ids[..1000]);
        assert!(!dup);
    }
}

//! The content commitment: a hash of everything the plan holds, kept incrementally.
//!
//! Every audit entry written since format version 3 carries the commitment of the plan's
//! content *after* that entry, so `verify` can recompute it from the tables and compare.
//!
//! **Canonical rows.** A row is an entity as the model reads it back (`admiral_core`'s type,
//! loaded by the store), encoded as the same JSON the audit trail records (serde_json: fixed
//! field order, shortest round-trip form for floats). So SQLite's type affinity and REAL
//! formatting cannot make two encodings of one value: `60`, `60.0` and `'60'` in a column
//! load as the same value and encode alike. Child tables (calendar exceptions, a risk's
//! tasks) are part of their entity's JSON. The element hashed for a row is
//! `(kind, id, ord, json)`, length-prefixed, where `ord` is the row's place in its table (it
//! orders the plan's lists); the portfolio and settings rows have no `ord`.
//!
//! **Multiset hash.** Per entity kind, the hashes of its rows are added lane-wise: each row
//! hashes to 1024 16-bit lanes (2 KiB, see [`Scheme`]), and a kind's state is the lane-wise
//! sum mod 2^16 (LtHash16, Lewi et al. 2019: adding or removing a row is one addition, and
//! finding two different sets of rows with one sum is a lattice problem; a plain sum of
//! 256-bit hashes mod 2^256 would fall to Wagner's generalised birthday attack). The
//! commitment is SHA-256 over the scheme's tag and every kind's name, row count and SHA-256
//! of its lanes. An edit updates the state from the before and after rows that its audit
//! entry already holds.
//!
//! **Schemes.** How a row becomes its 2 KiB is the file's [`Scheme`], kept in
//! `content_scheme` (format 14): files made since then use BLAKE3's extendable output, files
//! upgraded from an earlier format keep the SHA-256 expansion their trail committed with (a
//! file is never re-hashed under another scheme: that would anchor whatever its tables hold
//! at the upgrade). Changing the recorded scheme only makes `verify` fail.

use crate::entities::Entity;
use crate::error::StoreError;
use crate::kind::EntityKind;
use admiral_core::baseline::Baseline;
use admiral_core::scenario::Scenario;
use admiral_core::*;
use rusqlite::{params, Connection};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

const LANES: usize = 1024;

/// Tables that are the audit and undo machinery, not plan content (checked by a test: every
/// table of the schema is either here or in an [`EntityKind::tables`]).
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) const BOOKKEEPING: &[&str] = &[
    "changes",
    "audit",
    "audit_head",
    "undo_stack",
    "redo_stack",
    "content_state",
    "content_scheme",
];

/// How a row's element is expanded to its [`LANES`] lanes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scheme {
    /// Formats 3 to 13: SHA-256 of the row, expanded in counter mode (64 SHA-256 blocks per
    /// row).
    Sha256 = 1,
    /// Files made since format 14: BLAKE3 (key derivation mode, context "admiral content row
    /// v2") of the row, its extendable output read to 2 KiB: a sixth of the SHA-256
    /// expansion's time, which was most of a 5k-task import's CPU.
    Blake3 = 2,
}

impl Scheme {
    /// The scheme of the plan file `conn` (format 14 and later).
    pub(crate) fn of(conn: &Connection) -> Result<Self, StoreError> {
        use rusqlite::OptionalExtension;
        let v: Option<i64> = conn
            .query_row("SELECT version FROM content_scheme", [], |r| r.get(0))
            .optional()?;
        match v {
            Some(1) => Ok(Scheme::Sha256),
            Some(2) => Ok(Scheme::Blake3),
            Some(v) => Err(crate::error::bad_data(
                "content scheme",
                format!("unknown version {v}"),
            )),
            None => Err(crate::error::bad_data(
                "content scheme",
                "the file names none (its row in content_scheme is gone)",
            )),
        }
    }

    /// Its name in messages.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Scheme::Sha256 => "SHA-256",
            Scheme::Blake3 => "BLAKE3",
        }
    }

    /// The other scheme.
    pub(crate) fn other(self) -> Self {
        match self {
            Scheme::Sha256 => Scheme::Blake3,
            Scheme::Blake3 => Scheme::Sha256,
        }
    }

    /// The tag that starts the commitment.
    fn tag(self) -> &'static [u8] {
        match self {
            Scheme::Sha256 => b"admiral content v1\0",
            Scheme::Blake3 => b"admiral content v2\0",
        }
    }
}

/// One kind's multiset hash.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct KindState {
    pub(crate) rows: i64,
    lanes: Box<[u16; LANES]>,
}

impl KindState {
    fn empty() -> Self {
        Self {
            rows: 0,
            lanes: Box::new([0; LANES]),
        }
    }

    fn add(&mut self, e: &[u16; LANES]) {
        for (l, x) in self.lanes.iter_mut().zip(e) {
            *l = l.wrapping_add(*x);
        }
        self.rows += 1;
    }

    fn remove(&mut self, e: &[u16; LANES]) {
        for (l, x) in self.lanes.iter_mut().zip(e) {
            *l = l.wrapping_sub(*x);
        }
        self.rows -= 1;
    }

    fn bytes(&self) -> Vec<u8> {
        self.lanes.iter().flat_map(|l| l.to_le_bytes()).collect()
    }

    fn from_bytes(rows: i64, b: &[u8]) -> Option<Self> {
        if b.len() != LANES * 2 {
            return None;
        }
        let mut lanes = Box::new([0u16; LANES]);
        for (i, l) in lanes.iter_mut().enumerate() {
            *l = u16::from_le_bytes([b[2 * i], b[2 * i + 1]]);
        }
        Some(Self { rows, lanes })
    }

    fn digest(&self) -> [u8; 32] {
        Sha256::digest(self.bytes()).into()
    }
}

/// The element of one row: `(kind, id, ord, json)`, length-prefixed, hashed and expanded as
/// the scheme says.
///
/// Written into `out`, which the caller keeps on its stack: a list of 2 KiB allocated, zeroed
/// and freed for every row was a sixth of the hashing thread's instructions (5k-task import).
fn element(
    scheme: Scheme,
    kind: &str,
    id: &str,
    ord: Option<i64>,
    json: &str,
    out: &mut [u16; LANES],
) {
    match scheme {
        Scheme::Sha256 => {
            let mut h = Sha256::new();
            h.update(b"admiral content row v1\0");
            feed_row(|b| h.update(b), kind, id, ord, json);
            expand(&h.finalize().into(), out);
        }
        Scheme::Blake3 => {
            let mut h = blake3::Hasher::new_derive_key("admiral content row v2");
            feed_row(
                |b| {
                    h.update(b);
                },
                kind,
                id,
                ord,
                json,
            );
            let mut bytes = [0u8; LANES * 2];
            h.finalize_xof().fill(&mut bytes);
            for (l, b) in out.iter_mut().zip(bytes.chunks_exact(2)) {
                *l = u16::from_le_bytes([b[0], b[1]]);
            }
        }
    }
}

/// Feeds a row's parts to a hash: kind and id length-prefixed, ord flagged, then the JSON
/// length-prefixed.
fn feed_row(mut put: impl FnMut(&[u8]), kind: &str, id: &str, ord: Option<i64>, json: &str) {
    for part in [kind.as_bytes(), id.as_bytes()] {
        put(&(part.len() as u64).to_le_bytes());
        put(part);
    }
    match ord {
        Some(o) => {
            put(&[1]);
            put(&o.to_le_bytes());
        }
        None => put(&[0]),
    }
    put(&(json.len() as u64).to_le_bytes());
    put(json.as_bytes());
}

/// SHA-256's initial state (FIPS 180-4, 5.3.3).
const SHA256_H0: [u32; 8] = [
    0x6a09_e667,
    0xbb67_ae85,
    0x3c6e_f372,
    0xa54f_f53a,
    0x510e_527f,
    0x9b05_688c,
    0x1f83_d9ab,
    0x5be0_cd19,
];

/// Fills the lanes with SHA-256(seed ‖ n as u16 LE) for n = 0…63, 16 lanes each (each
/// digest's bytes as little-endian pairs). Each message is 34 bytes, one padded block, so it
/// goes to the compression function directly: the same digests as `Sha256::digest` (a test
/// compares them) without the hasher's buffering around 64 tiny messages per row (the hash
/// thread of a 5k-task import: 97 → 90 ms).
fn expand(seed: &[u8; 32], out: &mut [u16; LANES]) {
    let mut block = [0u8; 64];
    block[..32].copy_from_slice(seed);
    block[34] = 0x80;
    block[56..].copy_from_slice(&(34u64 * 8).to_be_bytes());
    for (n, chunk) in out.chunks_mut(16).enumerate() {
        block[32..34].copy_from_slice(&(n as u16).to_le_bytes());
        let mut state = SHA256_H0;
        sha2::compress256(&mut state, &[block.into()]);
        for (pair, word) in chunk.chunks_mut(2).zip(state) {
            let b = word.to_be_bytes();
            pair[0] = u16::from_le_bytes([b[0], b[1]]);
            pair[1] = u16::from_le_bytes([b[2], b[3]]);
        }
    }
}

/// The content state of a whole plan: one [`KindState`] per kind, in [`EntityKind::ALL`]'s
/// order.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct ContentState {
    pub(crate) scheme: Scheme,
    pub(crate) kinds: Vec<KindState>,
    changed: Vec<bool>,
    /// Each kind's lane digest as last computed, `None` once the kind changes: an entry's
    /// commitment then rehashes only the kinds its rows belong to (one 2 KiB hash for an
    /// edit of one task, instead of all thirteen kinds).
    digests: Vec<Option<[u8; 32]>>,
}

impl ContentState {
    pub(crate) fn empty(scheme: Scheme) -> Self {
        Self {
            scheme,
            kinds: EntityKind::ALL.iter().map(|_| KindState::empty()).collect(),
            changed: vec![true; EntityKind::ALL.len()],
            digests: vec![None; EntityKind::ALL.len()],
        }
    }

    /// Adds (`after`) or removes (`before`) rows of one audit entry. Kinds that are not plan
    /// content (a report export, the upgrade marker) change nothing.
    pub(crate) fn apply_entry(
        &mut self,
        kind: &str,
        id: &str,
        before: Option<(Option<i64>, &str)>,
        after: Option<(Option<i64>, &str)>,
    ) {
        let Some(k) = EntityKind::parse(kind).map(|k| k as usize) else {
            return;
        };
        let mut e = [0u16; LANES];
        if let Some((ord, json)) = before {
            element(self.scheme, kind, id, ord, json, &mut e);
            self.kinds[k].remove(&e);
        }
        if let Some((ord, json)) = after {
            element(self.scheme, kind, id, ord, json, &mut e);
            self.kinds[k].add(&e);
        }
        self.changed[k] = true;
        self.digests[k] = None;
    }

    /// The commitment, 64 hex digits. Kinds unchanged since the last call reuse their digest.
    pub(crate) fn commitment(&mut self) -> String {
        let mut h = Sha256::new();
        h.update(self.scheme.tag());
        for ((kind, s), d) in EntityKind::ALL
            .iter()
            .zip(&self.kinds)
            .zip(&mut self.digests)
        {
            if s.rows == 0 && kind.later() {
                continue;
            }
            let name = kind.as_str();
            h.update((name.len() as u64).to_le_bytes());
            h.update(name.as_bytes());
            h.update(s.rows.to_le_bytes());
            h.update(d.get_or_insert_with(|| s.digest()));
        }
        hex::encode(h.finalize())
    }

    /// The state kept in the file (`content_state`), under the file's scheme.
    pub(crate) fn read(conn: &Connection) -> Result<Self, StoreError> {
        let mut s = Self::empty(Scheme::of(conn)?);
        let mut stmt = conn.prepare_cached("SELECT kind, rows, lanes FROM content_state")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let kind: String = r.get(0)?;
            let n: i64 = r.get(1)?;
            let lanes: Vec<u8> = r.get(2)?;
            let k = EntityKind::parse(&kind).ok_or_else(|| {
                crate::error::bad_data("content state", format!("unknown kind '{kind}'"))
            })? as usize;
            s.kinds[k] = KindState::from_bytes(n, &lanes).ok_or_else(|| {
                crate::error::bad_data("content state", format!("bad lanes for '{kind}'"))
            })?;
        }
        s.changed = vec![false; EntityKind::ALL.len()];
        s.digests = vec![None; EntityKind::ALL.len()];
        Ok(s)
    }

    /// Writes the kinds that changed since [`Self::read`].
    pub(crate) fn write(&mut self, conn: &Connection) -> Result<(), StoreError> {
        let mut stmt = conn.prepare_cached(
            "INSERT INTO content_state (kind, rows, lanes) VALUES (?1, ?2, ?3) \
             ON CONFLICT(kind) DO UPDATE SET rows = excluded.rows, lanes = excluded.lanes",
        )?;
        for (i, kind) in EntityKind::ALL.iter().enumerate() {
            if self.changed[i] {
                let s = &self.kinds[i];
                stmt.execute(params![kind.as_str(), s.rows, s.bytes()])?;
                self.changed[i] = false;
            }
        }
        Ok(())
    }

    /// The state of `plan` as freshly written into emptied tables (`ord` = 1, 2, … in each
    /// list's order, which is what SQLite gives rows inserted into an empty table).
    #[cfg(test)]
    pub(crate) fn of_new_plan(plan: &Plan, scheme: Scheme) -> Result<Self, StoreError> {
        let mut s = Self::empty(scheme);
        for row in rows_of(plan)? {
            s.add_new_row(&row);
        }
        Ok(s)
    }

    /// Adds a row of a plan written whole (see [`ContentState::of_new_plan`]).
    #[cfg(test)]
    fn add_new_row(&mut self, row: &Row) {
        let ord = row.kind.has_ord().then_some(row.index as i64 + 1);
        self.apply_entry(row.kind.as_str(), &row.id, None, Some((ord, &row.json)));
    }

    /// Adds the rows `other` has (the two hold different rows of one plan, under one scheme).
    fn absorb(&mut self, other: &ContentState) {
        debug_assert_eq!(self.scheme, other.scheme);
        for (k, o) in other.kinds.iter().enumerate() {
            if other.changed[k] {
                let mine = &mut self.kinds[k];
                for (l, x) in mine.lanes.iter_mut().zip(o.lanes.iter()) {
                    *l = l.wrapping_add(*x);
                }
                mine.rows += o.rows;
                self.changed[k] = true;
                self.digests[k] = None;
            }
        }
    }
}

/// [`ContentState::of_new_plan`] shared out: any number of threads take chunks of up to 64
/// rows in turn, encode and hash them ([`NewPlanContent::help`]), and the states they return
/// add up to the plan's. Writing a plan whole, the thread that writes the rows helps once it
/// is done. No list of every row's JSON is kept: building one (5 MB for a 5k-task import) was
/// a serial step before any hashing, and a thousand fresh pages.
pub(crate) struct NewPlanContent<'a> {
    plan: &'a Plan,
    scheme: Scheme,
    /// Every chunk: a list (see [`LISTS`]) and the range of its rows.
    chunks: Vec<(usize, std::ops::Range<usize>)>,
    next: std::sync::atomic::AtomicUsize,
}

impl<'a> NewPlanContent<'a> {
    const CHUNK: usize = 64;

    pub(crate) fn new(plan: &'a Plan, scheme: Scheme) -> Self {
        let mut chunks = Vec::new();
        for list in 0..LISTS {
            let len = list_len(plan, list);
            chunks.extend(
                (0..len)
                    .step_by(Self::CHUNK)
                    .map(|from| (list, from..(from + Self::CHUNK).min(len))),
            );
        }
        Self {
            plan,
            scheme,
            chunks,
            next: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// Encodes and hashes chunks of the rows while any is left.
    pub(crate) fn help(&self) -> Result<ContentState, StoreError> {
        let mut s = ContentState::empty(self.scheme);
        let mut scratch = Vec::with_capacity(4096);
        while self.hash_chunk(&mut s, &mut scratch)? {}
        Ok(s)
    }

    /// Adds the next chunk of rows not taken yet to `s`; false when none is left.
    fn hash_chunk(&self, s: &mut ContentState, scratch: &mut Vec<u8>) -> Result<bool, StoreError> {
        let n = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let Some((list, range)) = self.chunks.get(n) else {
            return Ok(false);
        };
        encode_rows(self.plan, *list, range.clone(), scratch, &mut |row| {
            let ord = row.kind.has_ord().then_some(row.index as i64 + 1);
            s.apply_entry(row.kind.as_str(), &row.id, None, Some((ord, row.json)));
        })?;
        Ok(true)
    }

    /// The plan's state from the states the helpers returned.
    pub(crate) fn total(&self, parts: &[ContentState]) -> ContentState {
        let mut s = ContentState::empty(self.scheme);
        for p in parts {
            s.absorb(p);
        }
        s
    }
}

/// One entity of a plan, encoded.
pub(crate) struct Row {
    pub(crate) kind: EntityKind,
    pub(crate) id: String,
    /// Its index in its list.
    pub(crate) index: usize,
    pub(crate) json: String,
    /// How messages name it.
    pub(crate) label: String,
}

/// A row as [`encode_rows`] gives it: its JSON is in the caller's scratch buffer, and its
/// label is made only when asked for.
pub(crate) struct RowView<'r> {
    pub(crate) kind: EntityKind,
    pub(crate) id: String,
    pub(crate) index: usize,
    pub(crate) json: &'r str,
    pub(crate) label: &'r dyn Fn() -> String,
}

/// How many entity lists a plan's rows come from, in their order: the portfolio, the
/// settings, then calendars, releases, projects, tasks, links, blackouts, gates, risks,
/// resources, assignments, scenarios, baselines, commitments and snapshots.
const LISTS: usize = 16;

/// How many rows list `list` has.
fn list_len(plan: &Plan, list: usize) -> usize {
    match list {
        0 | 1 => 1,
        2 => plan.calendars.len(),
        3 => plan.releases.len(),
        4 => plan.projects.len(),
        5 => plan.tasks.len(),
        6 => plan.links.len(),
        7 => plan.blackouts.len(),
        8 => plan.gates.len(),
        9 => plan.risks.len(),
        10 => plan.resources.len(),
        11 => plan.assignments.len(),
        12 => plan.scenarios.len(),
        13 => plan.baselines.len(),
        14 => plan.commitments.len(),
        15 => plan.snapshots.len(),
        _ => 0,
    }
}

/// Encodes rows `range` of list `list` (see [`LISTS`]) as canonical rows, each into
/// `scratch`, and gives each to `f`.
fn encode_rows(
    plan: &Plan,
    list: usize,
    range: std::ops::Range<usize>,
    scratch: &mut Vec<u8>,
    f: &mut dyn FnMut(RowView),
) -> Result<(), StoreError> {
    /// Rows of `items`, each first made canonical by `canon`.
    fn each<E: Entity>(
        items: &[E],
        range: std::ops::Range<usize>,
        scratch: &mut Vec<u8>,
        f: &mut dyn FnMut(RowView),
        canon: impl Fn(&E) -> Option<E>,
    ) -> Result<(), StoreError> {
        for (index, v) in items.iter().enumerate().take(range.end).skip(range.start) {
            let canonical = canon(v);
            let v = canonical.as_ref().unwrap_or(v);
            crate::codec::to_json_in(scratch, v)?;
            f(RowView {
                kind: E::KIND,
                id: v.id_text(),
                index,
                json: std::str::from_utf8(scratch)
                    .map_err(|e| crate::error::bad_data("JSON value", e))?,
                label: &|| v.label(),
            });
        }
        Ok(())
    }
    fn one(
        kind: EntityKind,
        v: &impl serde::Serialize,
        label: &str,
        scratch: &mut Vec<u8>,
        f: &mut dyn FnMut(RowView),
    ) -> Result<(), StoreError> {
        crate::codec::to_json_in(scratch, v)?;
        f(RowView {
            kind,
            id: kind.as_str().into(),
            index: 0,
            json: std::str::from_utf8(scratch)
                .map_err(|e| crate::error::bad_data("JSON value", e))?,
            label: &|| label.into(),
        });
        Ok(())
    }
    /// An entity already canonical.
    fn same<E>(_: &E) -> Option<E> {
        None
    }
    let r = range;
    match list {
        0 => one(
            EntityKind::Portfolio,
            &plan.portfolio,
            "the portfolio",
            scratch,
            f,
        ),
        1 => one(
            EntityKind::Settings,
            &plan.settings,
            "the plan settings",
            scratch,
            f,
        ),
        2 => each(&plan.calendars, r, scratch, f, same),
        3 => each(&plan.releases, r, scratch, f, same),
        4 => each(&plan.projects, r, scratch, f, same),
        5 => each(&plan.tasks, r, scratch, f, same),
        6 => each(&plan.links, r, scratch, f, same),
        7 => each(&plan.blackouts, r, scratch, f, same),
        8 => each(&plan.gates, r, scratch, f, same),
        // As SQLite gives them back: a REAL -0.0 is stored as 0 (adding 0.0 turns -0.0 into
        // 0.0 and changes no other value).
        9 => each(&plan.risks, r, scratch, f, |v: &Risk| {
            Some(Risk {
                probability: v.probability + 0.0,
                ..v.clone()
            })
        }),
        10 => each(&plan.resources, r, scratch, f, |v: &Resource| {
            Some(Resource {
                max_units: v.max_units + 0.0,
                ..v.clone()
            })
        }),
        11 => each(&plan.assignments, r, scratch, f, |v: &Assignment| {
            Some(Assignment {
                units: v.units + 0.0,
                ..*v
            })
        }),
        12 => each::<Scenario>(&plan.scenarios, r, scratch, f, same),
        13 => each::<Baseline>(&plan.baselines, r, scratch, f, same),
        14 => each(&plan.commitments, r, scratch, f, same),
        15 => each(&plan.snapshots, r, scratch, f, same),
        _ => Ok(()),
    }
}

/// Every entity of `plan`, as canonical rows.
pub(crate) fn rows_of(plan: &Plan) -> Result<Vec<Row>, StoreError> {
    let count = (0..LISTS).map(|l| list_len(plan, l)).sum();
    let mut out = Vec::with_capacity(count);
    let mut scratch = Vec::with_capacity(4096);
    for list in 0..LISTS {
        encode_rows(
            plan,
            list,
            0..list_len(plan, list),
            &mut scratch,
            &mut |row| {
                out.push(Row {
                    kind: row.kind,
                    id: row.id,
                    index: row.index,
                    json: row.json.to_owned(),
                    label: (row.label)(),
                })
            },
        )?;
    }
    Ok(out)
}

/// The `ord` of every row of every entity table: one map per kind (by `EntityKind as
/// usize`), from id to `ord`, each sized to its table before it is filled.
pub(crate) struct Ords(Vec<HashMap<String, i64>>);

impl Ords {
    pub(crate) fn get(&self, kind: EntityKind, id: &str) -> Option<i64> {
        self.0[kind as usize].get(id).copied()
    }
}

/// The `ord` of every row of every entity table, by kind and id.
pub(crate) fn ords(conn: &Connection) -> Result<Ords, StoreError> {
    fn table<E: Entity>(conn: &Connection, out: &mut Ords) -> Result<(), StoreError> {
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {}", E::TABLE), [], |r| {
            r.get(0)
        })?;
        let map = &mut out.0[E::KIND as usize];
        map.reserve(usize::try_from(n).unwrap_or(0));
        let mut stmt = conn.prepare(&format!(
            "SELECT {}, ord FROM {}",
            crate::entities::key_column(E::TABLE),
            E::TABLE
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            map.insert(crate::entities::id_of(r.get_ref(0)?)?, r.get(1)?);
        }
        Ok(())
    }
    let mut out = Ords(vec![HashMap::new(); EntityKind::ALL.len()]);
    table::<Calendar>(conn, &mut out)?;
    table::<Release>(conn, &mut out)?;
    table::<Project>(conn, &mut out)?;
    table::<Task>(conn, &mut out)?;
    let links = crate::entities::link_ords(conn)?;
    let map = &mut out.0[EntityKind::Link as usize];
    map.reserve(links.len());
    for (id, ord) in links {
        map.insert(id.to_string(), ord);
    }
    table::<Blackout>(conn, &mut out)?;
    table::<Gate>(conn, &mut out)?;
    table::<Risk>(conn, &mut out)?;
    table::<Resource>(conn, &mut out)?;
    table::<Assignment>(conn, &mut out)?;
    table::<Scenario>(conn, &mut out)?;
    table::<Baseline>(conn, &mut out)?;
    table::<Commitment>(conn, &mut out)?;
    table::<Snapshot>(conn, &mut out)?;
    Ok(out)
}

/// The plan as it is in the tables now, as canonical rows with their `ord`.
pub(crate) struct Current {
    pub(crate) rows: Vec<(Row, Option<i64>)>,
    pub(crate) state: ContentState,
}

/// Recomputes the content state from the tables, under the file's scheme.
pub(crate) fn current(conn: &Connection) -> Result<Current, StoreError> {
    current_in(conn, Scheme::of(conn)?)
}

/// Recomputes the content state from the tables, under `scheme`.
pub(crate) fn current_in(conn: &Connection, scheme: Scheme) -> Result<Current, StoreError> {
    let plan = crate::change::load(conn)?;
    let ords = ords(conn)?;
    let all = rows_of(&plan)?;
    let mut rows = Vec::with_capacity(all.len());
    for row in all {
        let ord = if row.kind.has_ord() {
            Some(ords.get(row.kind, &row.id).ok_or_else(|| {
                crate::error::bad_data(row.kind.as_str(), format!("{} has no position", row.label))
            })?)
        } else {
            None
        };
        rows.push((row, ord));
    }
    // The rows' hashes on two threads, each over half of them; the two states add up.
    let hash = |part: &[(Row, Option<i64>)]| {
        let mut s = ContentState::empty(scheme);
        for (row, ord) in part {
            s.apply_entry(row.kind.as_str(), &row.id, None, Some((*ord, &row.json)));
        }
        s
    };
    let (first, second) = rows.split_at(rows.len() / 2);
    let state = std::thread::scope(|s| {
        let other = std::thread::Builder::new().spawn_scoped(s, || hash(second));
        let mut mine = hash(first);
        match other.map(|h| h.join()) {
            Ok(Ok(theirs)) => mine.absorb(&theirs),
            Ok(Err(p)) => std::panic::resume_unwind(p),
            // No thread could be started: this one hashes the second half too.
            Err(_) => mine.absorb(&hash(second)),
        }
        mine
    });
    Ok(Current { rows, state })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEMES: [Scheme; 2] = [Scheme::Sha256, Scheme::Blake3];
    /// The first lanes of the BLAKE3 element of `("task", "x", 1, "{}")`, as the Python
    /// `blake3` package computes them (`derive_key_context="admiral content row v2"`).
    const FIXED_HEAD: [u16; 4] = [36755, 27952, 42311, 25468];

    #[test]
    fn a_plan_hashed_by_several_helpers_has_the_state_of_one() {
        for scheme in SCHEMES {
            helpers_add_up(scheme);
        }
    }

    fn helpers_add_up(scheme: Scheme) {
        let plan = admiral_core::demo::demo_plan_sized(400, 3);
        let mut whole = ContentState::of_new_plan(&plan, scheme).unwrap();
        // Two helpers taking chunks in turn, then one that finds none left.
        let shared = NewPlanContent::new(&plan, scheme);
        let (mut a, mut b) = (ContentState::empty(scheme), ContentState::empty(scheme));
        let mut scratch = Vec::new();
        while shared.hash_chunk(&mut a, &mut scratch).unwrap()
            && shared.hash_chunk(&mut b, &mut scratch).unwrap()
        {}
        assert!(a.kinds.iter().any(|k| k.rows > 0) && b.kinds.iter().any(|k| k.rows > 0));
        let late = shared.help().unwrap();
        assert!(late.kinds.iter().all(|k| k.rows == 0), "nothing left");
        let mut total = shared.total(&[a.clone(), b.clone(), late]);
        assert_eq!(total.commitment(), whole.commitment());
        assert_ne!(shared.total(&[a]).commitment(), whole.commitment());
        // On threads, as `Writer::replace` runs it.
        let shared = NewPlanContent::new(&plan, scheme);
        let parts = std::thread::scope(|s| {
            let first = s.spawn(|| shared.help().unwrap());
            let second = s.spawn(|| shared.help().unwrap());
            [
                first.join().unwrap(),
                second.join().unwrap(),
                shared.help().unwrap(),
            ]
        });
        assert_eq!(shared.total(&parts).commitment(), whole.commitment());
    }

    #[test]
    fn the_expansion_is_sha256_of_the_seed_and_the_counter() {
        for seed_text in [
            "",
            "a row",
            "another row, longer than one block of SHA-256 input",
        ] {
            let seed: [u8; 32] = Sha256::digest(seed_text).into();
            let mut fast = [0u16; LANES];
            expand(&seed, &mut fast);
            for (n, chunk) in fast.chunks(16).enumerate() {
                let mut x = Sha256::new();
                x.update(seed);
                x.update((n as u16).to_le_bytes());
                let d = x.finalize();
                let want: Vec<u16> = d
                    .chunks(2)
                    .map(|p| u16::from_le_bytes([p[0], p[1]]))
                    .collect();
                assert_eq!(chunk, &want[..], "block {n} of {seed_text:?}");
            }
        }
    }

    /// The BLAKE3 scheme's element, fixed: files made with it must verify in every later
    /// Admiral (the values are BLAKE3's, read from its output as little-endian lanes).
    #[test]
    fn the_blake3_element_is_fixed_and_differs_from_sha256() {
        let of = |scheme| {
            let mut e = [0u16; LANES];
            element(scheme, "task", "x", Some(1), "{}", &mut e);
            e
        };
        let e = of(Scheme::Blake3);
        let head: Vec<u16> = e[..4].to_vec();
        let mut h = blake3::Hasher::new_derive_key("admiral content row v2");
        h.update(&4u64.to_le_bytes());
        h.update(b"task");
        h.update(&1u64.to_le_bytes());
        h.update(b"x");
        h.update(&[1]);
        h.update(&1i64.to_le_bytes());
        h.update(&2u64.to_le_bytes());
        h.update(b"{}");
        let mut bytes = [0u8; LANES * 2];
        h.finalize_xof().fill(&mut bytes);
        let lanes: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
            .collect();
        assert_eq!(&e[..], &lanes[..]);
        assert_eq!(head, FIXED_HEAD, "the scheme's output changed");
        assert_ne!(&e[..], &of(Scheme::Sha256)[..]);
        let mut a = ContentState::empty(Scheme::Sha256);
        let mut b = ContentState::empty(Scheme::Blake3);
        assert_ne!(a.commitment(), b.commitment(), "the tags differ");
    }

    #[test]
    fn adding_then_removing_a_row_restores_the_state_and_order_does_not_matter() {
        for scheme in SCHEMES {
            add_and_remove(scheme);
        }
    }

    fn add_and_remove(scheme: Scheme) {
        let mut a = ContentState::empty(scheme);
        let empty = a.commitment();
        a.apply_entry("task", "x", None, Some((Some(1), "{\"d\":1}")));
        a.apply_entry("task", "y", None, Some((Some(2), "{\"d\":2}")));
        let mut b = ContentState::empty(scheme);
        b.apply_entry("task", "y", None, Some((Some(2), "{\"d\":2}")));
        b.apply_entry("task", "x", None, Some((Some(1), "{\"d\":1}")));
        assert_eq!(a.commitment(), b.commitment());
        a.apply_entry("task", "x", Some((Some(1), "{\"d\":1}")), None);
        a.apply_entry("task", "y", Some((Some(2), "{\"d\":2}")), None);
        assert_eq!(a.commitment(), empty);
    }

    #[test]
    fn the_kind_the_id_the_position_and_the_text_all_count() {
        for scheme in SCHEMES {
            all_count(scheme);
        }
    }

    fn all_count(scheme: Scheme) {
        let one = |kind, id, ord, json| {
            let mut s = ContentState::empty(scheme);
            s.apply_entry(kind, id, None, Some((ord, json)));
            s.commitment()
        };
        let base = one("task", "x", Some(1), "{}");
        assert_ne!(base, one("link", "x", Some(1), "{}"));
        assert_ne!(base, one("task", "y", Some(1), "{}"));
        assert_ne!(base, one("task", "x", Some(2), "{}"));
        assert_ne!(base, one("task", "x", None, "{}"));
        assert_ne!(base, one("task", "x", Some(1), "{ }"));
        // A kind that is not content changes nothing.
        assert_eq!(
            one("report", "x", None, "{}"),
            ContentState::empty(scheme).commitment()
        );
    }

    /// Every table of the schema holds plan content covered by a kind, or is bookkeeping; a
    /// new table fails here until it is covered (added to `EntityKind` and `rows_of`) or declared
    /// bookkeeping. Every column of an entity's table is one the entity reads, so a new column
    /// the model does not load fails too.
    #[test]
    fn every_table_and_column_is_covered() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        let mut conn = Connection::open(&path).unwrap();
        crate::migrate::migrate(&mut conn, &path).unwrap();
        let tables: Vec<String> = conn
            .prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let covered: Vec<&str> = EntityKind::ALL
            .iter()
            .flat_map(|k| k.tables().iter().copied())
            .collect();
        for t in &tables {
            assert!(
                covered.contains(&t.as_str()) || BOOKKEEPING.contains(&t.as_str()),
                "table {t} is neither covered by the content hash nor bookkeeping"
            );
        }
        for t in covered.iter().chain(BOOKKEEPING) {
            assert!(
                tables.iter().any(|x| x == t),
                "{t} is listed but not in the schema"
            );
        }
        fn columns<E: Entity>(conn: &Connection) {
            let mut have: Vec<String> = conn
                .prepare(&format!(
                    "SELECT name FROM pragma_table_info('{}')",
                    E::TABLE
                ))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            let key = crate::entities::key_column(E::TABLE);
            let mut read: Vec<String> = ["ord", key]
                .iter()
                .chain(E::COLUMNS)
                .map(|c| c.to_string())
                .collect();
            have.sort();
            read.sort();
            assert_eq!(have, read, "columns of {}", E::TABLE);
        }
        columns::<Calendar>(&conn);
        columns::<Release>(&conn);
        columns::<Project>(&conn);
        columns::<Task>(&conn);
        columns::<Link>(&conn);
        columns::<Blackout>(&conn);
        columns::<Gate>(&conn);
        columns::<Risk>(&conn);
        columns::<Resource>(&conn);
        columns::<Assignment>(&conn);
        columns::<Scenario>(&conn);
        columns::<Baseline>(&conn);
        columns::<Commitment>(&conn);
        columns::<Snapshot>(&conn);
        // Every kind is produced by `rows_of` (the plan's lists) and names real tables.
        let mut plan = admiral_core::demo::demo_plan();
        let s = admiral_core::schedule::schedule(&plan, &Default::default()).unwrap();
        let saved =
            admiral_core::baseline::save(&plan, &s, 0, None, None, plan.releases[0].start).unwrap();
        plan = admiral_core::edit::apply_all(&plan, &saved.edits).unwrap();
        let kinds: std::collections::BTreeSet<EntityKind> =
            rows_of(&plan).unwrap().iter().map(|r| r.kind).collect();
        for k in EntityKind::ALL {
            assert!(
                kinds.contains(&k),
                "rows_of yields no {k} for the demo plan"
            );
        }
        // Each of the plan's lists whole, and in order: the rows of each kind are the plan's
        // list of that name, counted from its JSON (not through the lists `rows_of` walks).
        let rows = rows_of(&plan).unwrap();
        let json = serde_json::to_value(&plan).unwrap();
        for k in EntityKind::ALL.into_iter().filter(|k| k.has_ord()) {
            let list = json[format!("{k}s")].as_array().unwrap();
            let indexes: Vec<usize> = rows
                .iter()
                .filter(|r| r.kind == k)
                .map(|r| r.index)
                .collect();
            assert_eq!(indexes, (0..list.len()).collect::<Vec<_>>(), "rows of {k}");
        }
    }

    proptest::proptest! {
        /// The commitment with kind digests reused between entries equals the one computed
        /// afresh, whatever the order of edits and of commitments.
        #[test]
        fn reused_digests_give_the_fresh_commitment(
            ops in proptest::collection::vec((0usize..EntityKind::ALL.len(), 0u8..4, proptest::bool::ANY), 1..40)
        ) {
            let mut s = ContentState::empty(Scheme::Blake3);
            for (k, id, commit) in ops {
                let kind = EntityKind::ALL[k].as_str();
                let id = id.to_string();
                s.apply_entry(kind, &id, None, Some((Some(1), "{}")));
                if commit {
                    let mut fresh = s.clone();
                    fresh.digests = vec![None; EntityKind::ALL.len()];
                    proptest::prop_assert_eq!(s.commitment(), fresh.commitment());
                }
            }
            let mut fresh = s.clone();
            fresh.digests = vec![None; EntityKind::ALL.len()];
            proptest::prop_assert_eq!(s.commitment(), fresh.commitment());
        }
    }

    #[test]
    fn the_stored_form_round_trips() {
        let mut a = ContentState::empty(Scheme::Blake3);
        a.apply_entry("risk", "r", None, Some((Some(3), "{}")));
        let k = EntityKind::Risk as usize;
        let back = KindState::from_bytes(a.kinds[k].rows, &a.kinds[k].bytes()).unwrap();
        assert!(back == a.kinds[k]);
    }
}

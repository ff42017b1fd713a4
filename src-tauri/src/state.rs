//! The shell's managed state: the open plan file and the plan loaded from it.

use crate::courier::Courier;
use crate::delta::{delta, plan_delta, Delta};
use crate::error::AppError;
use crate::view::{self, RowView, Snapshot};
use crate::wire::{self, PlanColumns};
use admiral_core::dependency::{set_aside_cycles, CycleRepair};
use admiral_core::edit::{self, Edit, Restore};
use admiral_core::rollup::RowTotals;
use admiral_core::schedule::{
    durations_only, schedule, Schedule, ScheduleError, ScheduleOptions, Scheduler,
};
use admiral_core::Plan;
use admiral_store::PlanFile;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

mod startup;
use startup::Startup;

/// Managed by Tauri: at most one open plan per window.
#[derive(Default)]
pub struct AppState {
    open: Mutex<Option<OpenPlan>>,
    /// The plan named on the command line, opening on a thread of its own since the app
    /// started; the UI takes it when it first asks ([`AppState::take_startup`]).
    startup: Mutex<Option<Startup>>,
    /// How whole plans reach the page in the app (none in the command tests).
    pub courier: Arc<Courier>,
}

/// Where the shell keeps its own files (not plans): recent files, the demo plan.
pub struct Dirs {
    pub config: PathBuf,
    pub data: PathBuf,
}

/// An open plan file and the plan as loaded from it; they always agree.
pub struct OpenPlan {
    pub file: PlanFile,
    pub plan: Plan,
    /// The schedule rows last sent to the UI, so that an edit sends only what changed.
    pub sent_rows: Vec<RowView>,
    /// The plan's dependency cycle and the links its schedule leaves out, while it has one.
    pub cycle: Option<CycleRepair>,
    /// The baseline whose bars and variance the rows carry (0 until the user picks another).
    pub shown_baseline: u8,
    /// The plan's compiled network, rerun after an edit that changed only durations (and an
    /// assigned task's work).
    scheduler: Scheduler,
    /// The rows' roll-ups (cost, percent complete) of the plan last sent, updated by a delta.
    totals: Option<RowTotals>,
    /// Sends a snapshot's whole plan ahead of it ([`crate::courier`]).
    courier: Arc<Courier>,
}

impl AppState {
    pub fn lock(&self) -> MutexGuard<'_, Option<OpenPlan>> {
        self.open.lock().unwrap_or_else(|poisoned| {
            // A panic while the lock was held may have left the plan held changed but not
            // saved (edits are applied to it in place): read it from the file again, or close
            // it when that fails. The file is never half-changed (one transaction a change).
            let mut open = poisoned.into_inner();
            self.open.clear_poison();
            if open.as_mut().is_some_and(|o| o.reread().is_err()) {
                *open = None;
            }
            open
        })
    }

    /// Runs `f` on the open plan.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut OpenPlan) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let mut guard = self.lock();
        let open = guard.as_mut().ok_or_else(AppError::no_plan)?;
        f(open)
    }

    /// Makes `file` the open plan and returns its snapshot.
    pub fn set(&self, file: PlanFile) -> Result<Snapshot, AppError> {
        let (open, snap) = OpenPlan::opened(file, self.courier.clone())?;
        *self.lock() = Some(open);
        Ok(snap)
    }

    pub fn close(&self) {
        *self.lock() = None;
    }
}

impl OpenPlan {
    /// `file`'s plan, loaded and scheduled, and its whole snapshot (its plan sent by
    /// `courier` when it can).
    fn opened(file: PlanFile, courier: Arc<Courier>) -> Result<(OpenPlan, Snapshot), AppError> {
        let plan = file.load()?;
        let mut open = OpenPlan {
            file,
            plan,
            sent_rows: Vec::new(),
            cycle: None,
            shown_baseline: 0,
            scheduler: Scheduler::default(),
            totals: None,
            courier,
        };
        let snap = open.snapshot()?;
        Ok((open, snap))
    }

    /// Applies `edits` to the plan and schedules it; only when both succeed are they saved as
    /// one change. A broken rule, a cycle or a failed save leaves file and plan unchanged.
    pub fn commit(&mut self, edits: &[Edit], label: &str) -> Result<Snapshot, AppError> {
        let reusable = durations_only(&self.plan, edits);
        // Applied to the plan held (in place when core can, see `apply_all_in_place`), and
        // put back unless scheduled and saved.
        let restore = edit::apply_all_in_place(&mut self.plan, edits)?;
        let (s, cycle) = match self.schedule_edit(reusable, edits) {
            Ok(done) => done,
            Err(e) => {
                restore.undo(&mut self.plan);
                return Err(e);
            }
        };
        if let Err(e) = self.file.apply(edits, label) {
            // The kept network may be the unsaved plan's now.
            self.scheduler.forget();
            restore.undo(&mut self.plan);
            return Err(e.into());
        }
        self.take(restore, edits, s, cycle)
    }

    /// After `edits` changed the plan held (`restore` would put it back) and the file holds
    /// the change too: keeps the schedule `s` and returns the snapshot (a delta when it can
    /// be one).
    fn take(
        &mut self,
        restore: Restore,
        edits: &[Edit],
        s: Schedule,
        cycle: Option<CycleRepair>,
    ) -> Result<Snapshot, AppError> {
        // A plan whose cycle was just fixed (or that still has one) is sent whole: the rows
        // set aside change everywhere downstream, and the banner with them.
        let delta =
            delta(&restore, &self.plan, edits).filter(|_| cycle.is_none() && self.cycle.is_none());
        if restore.whole().is_some() {
            free_later(restore);
        }
        self.cycle = cycle;
        self.snapshot_with(s, delta, None)
    }

    /// Reads the plan from the file again, after a panic may have left the plan held changed
    /// but not saved; the next snapshot is whole.
    fn reread(&mut self) -> Result<(), AppError> {
        self.plan = self.file.load()?;
        self.scheduler.forget();
        self.sent_rows.clear();
        self.totals = None;
        self.cycle = None;
        Ok(())
    }

    /// After the file undid or redid a change (`replayed`, what it did): when core says its
    /// edits replay in place (`edit::replays_in_place`) and no other connection changed the
    /// file since the plan was read, they are applied to the plan held
    /// and scheduled as an edit is (the kept network for durations); else the plan is read
    /// from the file again ([`OpenPlan::reload`]). At 10k tasks reading the plan is most of
    /// an undo's time.
    pub fn after_replay(
        &mut self,
        replayed: Option<admiral_store::ChangeSummary>,
    ) -> Result<Snapshot, AppError> {
        let edits = replayed.and_then(|c| c.edits).unwrap_or_default();
        // A change another window or the CLI made since the plan was read is not in the plan
        // held (and may be the one just undone): read it again.
        // (When that cannot be read, the plan is read again too: the undo is already saved.)
        let elsewhere = self.file.changed_elsewhere().unwrap_or(true);
        if !elsewhere && edit::replays_in_place(&self.plan, &edits) {
            let reusable = durations_only(&self.plan, &edits);
            if let Ok(restore) = edit::apply_all_in_place(&mut self.plan, &edits) {
                match self.schedule_edit(reusable, &edits) {
                    Ok((s, cycle)) => return self.take(restore, &edits, s, cycle),
                    Err(_) => restore.undo(&mut self.plan),
                }
            }
        }
        self.reload()
    }

    /// Reloads the plan after the file changed underneath it (undo, redo). When only tasks
    /// (in place) and links differ from the plan held before, the UI gets a delta, as after an
    /// edit: at 10k tasks that is a few kilobytes instead of the whole plan.
    fn reload(&mut self) -> Result<Snapshot, AppError> {
        let next = self.file.load()?;
        let delta = plan_delta(&self.plan, &next);
        free_later(std::mem::replace(&mut self.plan, next));
        let (s, cycle) = self.schedule_afresh()?;
        let delta = delta.filter(|_| cycle.is_none() && self.cycle.is_none());
        self.cycle = cycle;
        self.snapshot_with(s, delta, None)
    }

    /// The plan's schedule; for a plan with a dependency cycle, the schedule without the
    /// links core sets aside (see [`schedule_despite_cycles`]).
    pub fn schedule(&self) -> Result<Schedule, AppError> {
        Ok(schedule_despite_cycles(&self.plan)?.0)
    }

    /// The whole plan and schedule. The plan's columns need no schedule: they are made on a
    /// thread of their own while the plan is scheduled (64 ms of a 100k plan's open, about as
    /// long as scheduling it), or after it when no thread can be had.
    pub fn snapshot(&mut self) -> Result<Snapshot, AppError> {
        let (plan, scheduler) = (&self.plan, &mut self.scheduler);
        let (scheduled, columns) = std::thread::scope(|scope| {
            let columns = std::thread::Builder::new()
                .name("admiral-columns".into())
                .spawn_scoped(scope, || wire::plan_columns(plan));
            let scheduled = despite_cycles(plan, scheduler.schedule(plan));
            (scheduled, columns.ok().and_then(|c| c.join().ok()))
        });
        let (s, cycle) = scheduled?;
        self.cycle = cycle;
        self.snapshot_with(s, None, columns)
    }

    /// The schedule of the plan held, compiled afresh and kept for the next edit (see
    /// [`schedule_despite_cycles`] for a plan with a cycle, which is not kept).
    fn schedule_afresh(&mut self) -> Result<(Schedule, Option<CycleRepair>), AppError> {
        despite_cycles(&self.plan, self.scheduler.schedule(&self.plan))
    }

    /// The schedule of the plan held, which `edits` just changed: the kept network rerun when
    /// they changed only durations (`reusable`: core's `durations_only` of the plan before
    /// them), else compiled afresh. A plan with a cycle keeps no network, so its edits always
    /// compile.
    fn schedule_edit(
        &mut self,
        reusable: bool,
        edits: &[Edit],
    ) -> Result<(Schedule, Option<CycleRepair>), AppError> {
        let s = self.scheduler.after_edits_of(reusable, edits, &self.plan);
        despite_cycles(&self.plan, s)
    }

    /// The snapshot after the plan held was scheduled (`s`): the delta when `delta` is one and
    /// the rows sent can be patched, else whole (with `columns`, when made already). `s` goes
    /// back to the scheduler, whose next rerun makes only the rows it moves again.
    fn snapshot_with(
        &mut self,
        s: Schedule,
        delta: Option<Delta>,
        columns: Option<PlanColumns>,
    ) -> Result<Snapshot, AppError> {
        let rows = match &delta {
            Some(d) if self.sent_rows.len() == self.plan.tasks.len() => {
                let plan = &self.plan;
                // The rows that can differ from those sent: those the scheduler made again,
                // and those of the tasks changed and the summaries above them (roll-ups).
                let mut only = self.scheduler.remade(&s).map(<[u32]>::to_vec);
                let updated = (self.totals.take()).and_then(|mut t| {
                    let up = t.rows_up_from(&d.touched);
                    t.update(plan, &d.touched).then_some((t, up))
                });
                let totals = match updated {
                    Some((t, up)) => {
                        match (&mut only, up) {
                            (Some(o), Some(up)) => o.extend(up.into_iter().map(|i| i as u32)),
                            _ => only = None,
                        }
                        t
                    }
                    None => {
                        only = None;
                        view::totals(plan)
                    }
                };
                let texts = &d.texts;
                let shown = self.shown_baseline;
                let rows = view::changed_rows(
                    plan,
                    &s,
                    &mut self.sent_rows,
                    view::Refresh {
                        texts,
                        shown,
                        totals: &totals,
                        only,
                    },
                );
                self.totals = Some(totals);
                rows
            }
            _ => {
                let totals = view::totals(&self.plan);
                let rows = view::schedule_view_with(&self.plan, &s, self.shown_baseline, &totals);
                self.totals = Some(totals);
                self.sent_rows = rows.rows.clone();
                rows
            }
        };
        self.scheduler.give_back(s);
        // A delta needs the rows in delta form; without sent rows to compare it is whole.
        let body = match delta.filter(|_| rows.patch.is_some()) {
            Some(d) => view::Body::Delta(d),
            None => view::Body::Whole(columns),
        };
        let mut snap = view::snapshot(
            self.file.path(),
            &self.plan,
            rows,
            self.file.history_depth()?,
            body,
            self.cycle.clone(),
            self.shown_baseline,
        );
        self.courier.carry(&mut snap);
        Ok(snap)
    }
}

/// The schedule of `plan`. A plan that already has a dependency cycle (from an older Admiral
/// or another tool) cannot be scheduled as it is: it is scheduled without the links core's
/// `set_aside_cycles` names, and the cycle is returned for the UI to show and fix, so that
/// the plan opens and the rest of it can be used. (Saving a change that closes a new cycle
/// is refused before this, by `edit::apply_all`.)
pub fn schedule_despite_cycles(plan: &Plan) -> Result<(Schedule, Option<CycleRepair>), AppError> {
    despite_cycles(plan, schedule(plan, &ScheduleOptions::default()))
}

/// `plan`'s schedule from `first`, the result of scheduling it: on a cycle, the schedule
/// without the links `set_aside_cycles` names, and the cycle.
fn despite_cycles(
    plan: &Plan,
    first: Result<Schedule, ScheduleError>,
) -> Result<(Schedule, Option<CycleRepair>), AppError> {
    match first {
        Ok(s) => Ok((s, None)),
        Err(e @ ScheduleError::Cycle { .. }) => {
            let Some((without, repair)) = set_aside_cycles(plan) else {
                return Err(e.into());
            };
            Ok((
                schedule(&without, &ScheduleOptions::default())?,
                Some(repair),
            ))
        }
        Err(e) => Err(e.into()),
    }
}

/// Frees the plan an edit replaced (or what puts it back) on a thread of its own: freeing
/// every task, link and string of a large plan costs about a tenth of an edit (callgrind, 10k
/// tasks), and the answer need not wait for it. Without a thread it is freed here.
fn free_later<T: Send + 'static>(old: T) {
    let _ = std::thread::Builder::new()
        .name("admiral-free".into())
        .spawn(move || drop(old));
}

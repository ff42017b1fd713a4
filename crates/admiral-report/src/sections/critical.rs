//! 4. Critical and near-critical path.

use crate::canvas::palette;
use crate::ctx::{date_short, wdays, Ctx};
use crate::font::Face;
use crate::layout::{Cell, Col, Writer, TEXT};
use admiral_core::TaskMode;

/// At most this many rows (about 25 pages).
const MAX_ROWS: usize = 1000;

pub fn render(ctx: &Ctx, w: &mut Writer) {
    let mut rows: Vec<_> = ctx
        .tasks
        .iter()
        .filter(|t| !ctx.summaries.contains(&t.id))
        .filter_map(|t| ctx.dates(t.id).map(|d| (*t, d)))
        .filter(|(_, d)| d.critical || d.near_critical)
        .collect();
    if ctx.input.schedule.tasks.is_empty() {
        return;
    }
    w.section("Critical and near-critical path");
    let threshold = ctx.plan.settings.near_critical_threshold;
    let releases = ctx.plan.releases.len();
    let drive = if releases > 1 {
        format!(
            "Total float counts to the finish of the whole plan ({releases} releases): tasks \
             with zero or negative float drive the plan's finish, which may lie in a later \
             release than this one (the executive summary shows the path to this release's \
             finish)"
        )
    } else {
        "Tasks with zero or negative total float drive the release finish".to_string()
    };
    w.paragraph(
        &format!(
            "{drive}; near-critical tasks have less than {} of float. Sorted by start.",
            wdays(threshold)
        ),
        Face::Regular,
        TEXT,
        palette::GREY,
    );
    // MS Project's rule, which Admiral follows: a manually scheduled task with text in its
    // dates or duration is never marked critical, whatever its float. Said here, or a reader
    // sees "no task is critical" beside a table of zero floats.
    let never_critical = ctx
        .tasks
        .iter()
        .filter(|t| !ctx.summaries.contains(&t.id))
        .filter(|t| {
            matches!(
                t.mode,
                TaskMode::Manual {
                    text_dates: true,
                    ..
                }
            )
        })
        .filter(|t| {
            ctx.dates(t.id)
                .is_some_and(|d| !d.critical && d.total_float.0 <= 0)
        })
        .count();
    if never_critical > 0 {
        let one = never_critical == 1;
        w.paragraph(
            &format!(
                "{never_critical} manually scheduled task{} ha{} no float but {} not marked \
                 critical: {} MS Project with text in {} dates or duration, and MS Project \
                 never marks such a task critical (Admiral does the same).",
                if one { "" } else { "s" },
                if one { "s" } else { "ve" },
                if one { "is" } else { "are" },
                if one {
                    "it came from"
                } else {
                    "they came from"
                },
                if one { "its" } else { "their" },
            ),
            Face::Regular,
            TEXT,
            palette::GREY,
        );
    }
    if rows.is_empty() {
        w.paragraph(
            "No task is critical or near-critical.",
            Face::Regular,
            TEXT,
            palette::INK,
        );
        return;
    }
    rows.sort_by_key(|(t, d)| (d.start, d.finish, t.number));
    if rows.len() > MAX_ROWS {
        w.paragraph(
            &format!(
                "The first {MAX_ROWS} of {} critical and near-critical tasks, by start.",
                rows.len()
            ),
            Face::Regular,
            TEXT,
            palette::GREY,
        );
        rows.truncate(MAX_ROWS);
    }
    let cells: Vec<Vec<Cell>> = rows
        .iter()
        .map(|(t, d)| {
            let col = if d.critical {
                palette::CRITICAL
            } else {
                palette::INK
            };
            let driver = d
                .driving_predecessor
                .map(|p| format!("{} {}", ctx.key(p), ctx.name(p)))
                .unwrap_or_default();
            vec![
                Cell::new(t.key()),
                Cell::new(t.name.clone()).color(col),
                Cell::new(
                    ctx.project_by_task
                        .get(&t.id)
                        .map(|p| p.name.clone())
                        .unwrap_or_default(),
                ),
                Cell::new(date_short(d.start)),
                Cell::new(date_short(d.finish)),
                Cell::new(wdays(d.total_float)).color(if d.total_float.0 < 0 {
                    palette::RED
                } else {
                    col
                }),
                Cell::new(wdays(d.free_float)),
                Cell::new(if d.critical { "critical" } else { "near" }).color(col),
                Cell::new(driver),
            ]
        })
        .collect();
    w.table(
        &[
            Col::new("ID", 0.75),
            Col::new("Task", 3.0).lines(2),
            Col::new("Project", 1.7).lines(2),
            Col::new("Start", 1.35),
            Col::new("Finish", 1.35),
            Col::new("Float", 0.8).right(),
            Col::new("Free", 0.8).right(),
            Col::new("", 0.9),
            Col::new("Driving predecessor", 3.0).lines(2),
        ],
        &cells,
    );
    slipped(ctx, w);
}

/// Tasks on or near the critical path that finish later than the baseline (only when the
/// plan has a baseline).
fn slipped(ctx: &Ctx, w: &mut Writer) {
    let Some(b) = ctx.baseline else {
        return;
    };
    let rows = ctx.slipped();
    w.subheading("Slipped against the baseline");
    if rows.is_empty() {
        w.paragraph(
            &format!(
                "No task on or near the critical path finishes later than in {} (saved {}).",
                b.name,
                crate::ctx::date(b.saved_at)
            ),
            Face::Regular,
            TEXT,
            palette::GREY,
        );
        return;
    }
    w.paragraph(
        &format!(
            "Tasks on or near the critical path that finish later than in {} (saved {}), most \
             slipped first; slip in working days.",
            b.name,
            crate::ctx::date(b.saved_at)
        ),
        Face::Regular,
        TEXT,
        palette::GREY,
    );
    let cells: Vec<Vec<Cell>> = rows
        .iter()
        .take(MAX_ROWS)
        .map(|(t, d, v)| {
            let base = v.baseline.and_then(|x| x.finish);
            vec![
                Cell::new(t.key()),
                Cell::new(t.name.clone()).color(if d.critical {
                    palette::CRITICAL
                } else {
                    palette::INK
                }),
                Cell::new(base.map_or_else(|| "–".into(), date_short)),
                Cell::new(date_short(d.finish)),
                Cell::new(
                    v.finish
                        .map_or_else(|| "–".into(), crate::ctx::signed_wdays),
                )
                .color(palette::RED),
                Cell::new(wdays(d.total_float)),
                Cell::new(format!("{}%", t.progress.percent_complete)),
            ]
        })
        .collect();
    w.table(
        &[
            Col::new("ID", 0.75),
            Col::new("Task", 4.0).lines(2),
            Col::new("Baseline finish", 1.6),
            Col::new("Finish", 1.4),
            Col::new("Slip", 0.9).right(),
            Col::new("Float", 0.9).right(),
            Col::new("Done", 0.8).right(),
        ],
        &cells,
    );
}

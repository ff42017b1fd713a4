//! 8. Appendix: the full task table and the audit summary.

use crate::canvas::palette;
use crate::ctx::{date_short, wdays, Ctx};
use crate::font::Face;
use crate::layout::{Cell, Col, Writer, TEXT};

pub fn render(ctx: &Ctx, w: &mut Writer) {
    // A very large release: the same rows as the Gantt chart (summaries, milestones, gates,
    // the critical path), and a line saying what was left out.
    let (shown, left_out) = super::gantt::chart_rows(ctx, &ctx.tasks);
    if left_out > 0 {
        w.section("Appendix — tasks");
        w.paragraph(
            &format!(
                "{} of {} tasks: summary tasks, milestones, gates and the critical path. The other {} are in the plan (admiral export --format csv lists them all).",
                shown.len(),
                ctx.tasks.len(),
                left_out
            ),
            Face::Regular,
            TEXT,
            palette::GREY,
        );
    } else {
        w.section("Appendix — all tasks");
    }
    let rows: Vec<Vec<Cell>> = shown
        .iter()
        .map(|t| {
            let d = ctx.dates(t.id);
            let summary = ctx.summaries.contains(&t.id);
            let crit = d.is_some_and(|d| d.critical) && !summary;
            let mut name = Cell::new(t.name.clone())
                .indent(f32::from(t.outline_level.saturating_sub(1).min(6)) * 7.0);
            if summary {
                name = name.bold();
            }
            if crit {
                name = name.color(palette::CRITICAL);
            }
            vec![
                Cell::new(t.key()),
                name,
                Cell::new(if summary {
                    String::new()
                } else if t.is_milestone() {
                    "0d".into()
                } else {
                    wdays(admiral_core::WorkMinutes(t.duration.minutes()))
                }),
                Cell::new(d.map(|d| date_short(d.start)).unwrap_or_default()),
                Cell::new(d.map(|d| date_short(d.finish)).unwrap_or_default()),
                Cell::new(
                    d.filter(|_| !summary)
                        .map(|d| wdays(d.total_float))
                        .unwrap_or_default(),
                ),
                Cell::new(if summary {
                    String::new()
                } else {
                    format!("{}%", t.progress.percent_complete)
                }),
                Cell::new(t.owner.clone()),
            ]
        })
        .collect();
    w.table(
        &[
            Col::new("ID", 0.6),
            Col::new("Task", 5.0),
            Col::new("Dur.", 0.9).right(),
            Col::new("Start", 1.35),
            Col::new("Finish", 1.35),
            Col::new("Float", 0.9).right(),
            Col::new("Done", 0.8).right(),
            Col::new("Owner", 1.8),
        ],
        &rows,
    );
    if !ctx.input.schedule.warnings.is_empty() {
        w.subheading("Schedule warnings");
        for warn in &ctx.input.schedule.warnings {
            w.paragraph(&format!("• {warn}"), Face::Regular, TEXT, palette::INK);
        }
    }
    if let Some(a) = &ctx.input.audit {
        w.subheading("Audit trail");
        w.paragraph(
            &format!(
                "Changes recorded since the last report: {}.",
                a.changes_since_last_report
            ),
            Face::Regular,
            TEXT,
            palette::INK,
        );
        if a.chain_ok {
            w.paragraph(
                "The audit hash chain verifies: no recorded change was altered.",
                Face::Regular,
                TEXT,
                palette::GREEN,
            );
        } else {
            let first = a.first_bad.as_deref().unwrap_or("an unidentified entry");
            w.paragraph(
                &format!(
                    "The audit hash chain does NOT verify: the first altered entry is {first}."
                ),
                Face::Bold,
                TEXT,
                palette::RED,
            );
        }
    }
}

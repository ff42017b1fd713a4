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
    // What follows the task list is not tasks: a page it runs onto is the appendix's.
    w.continue_as("Appendix");
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
        for (text, face, colour) in audit_lines(a) {
            w.paragraph(&text, face, TEXT, colour);
        }
    }
}

/// What the appendix says about the audit trail, in plain words: what was checked and held,
/// what was not checked, and what no check of the file alone can show. It never says the
/// trail verifies when it did not.
fn audit_lines(a: &crate::AuditSummary) -> Vec<(String, Face, crate::canvas::Rgbf)> {
    let mut out = Vec::new();
    type Line = (String, Face, crate::canvas::Rgbf);
    fn say(out: &mut Vec<Line>, t: String, f: Face, c: crate::canvas::Rgbf) {
        out.push((t, f, c));
    }
    match &a.head {
        Some((seq, hash)) => say(
            &mut out,
            format!("Chain head (record it to compare later copies): entry {seq}, SHA-256 {hash}."),
            Face::Regular,
            palette::INK,
        ),
        None => say(
            &mut out,
            "The audit trail is empty.".into(),
            Face::Regular,
            palette::INK,
        ),
    }
    if !a.chain_ok {
        let first = a.first_bad.as_deref().unwrap_or("an unidentified problem");
        say(
            &mut out,
            format!(
                "The audit trail does NOT verify: {first}. Nothing else about the trail is claimed."
            ),
            Face::Bold,
            palette::RED,
        );
        return out;
    }
    say(
        &mut out,
        format!(
            "Checked when this report was made: the hash chain of all {} entries is unbroken \
             (no recorded entry was altered, removed or inserted).",
            a.entries
        ),
        Face::Regular,
        palette::GREEN,
    );
    match a.content_checked_at {
        Some(n) => say(
            &mut out,
            format!(
                "The plan's content (every task, link, calendar, holiday, gate, risk, resource, \
                 assignment and scenario) equals what entry {n} commits to: nothing was changed \
                 outside Admiral since."
            ),
            Face::Regular,
            palette::GREEN,
        ),
        None => say(
            &mut out,
            "The plan's content was NOT checked: no entry commits to it.".into(),
            Face::Bold,
            palette::RED,
        ),
    }
    if a.signed_entries > 0 {
        say(
            &mut out,
            format!(
                "{} entries carry a valid ed25519 signature, by: {}.",
                a.signed_entries,
                a.signers.join("; ")
            ),
            Face::Regular,
            palette::INK,
        );
    } else {
        say(
            &mut out,
            "No entry is signed: anyone with the file could have rewritten the trail.".into(),
            Face::Bold,
            palette::RED,
        );
    }
    if let Some(u) = a.upgraded_at {
        say(
            &mut out,
            format!(
                "Entries 1 to {} predate signing (the file was upgraded at entry {u}): they are \
                 covered by the hash chain only, and the content is anchored from entry {u} on.",
                a.unsigned_before_upgrade
            ),
            Face::Regular,
            palette::INK,
        );
    } else if a.unsigned_before_upgrade > 0 {
        say(
            &mut out,
            format!(
                "{} entries predate signing: they are covered by the hash chain only.",
                a.unsigned_before_upgrade
            ),
            Face::Regular,
            palette::INK,
        );
    }
    say(
        &mut out,
        "Not detectable from the file alone: a copy rewound as a whole to an earlier state, or a \
         trail re-signed by a key its reader does not know. Compare the chain head above with \
         one recorded earlier, and check the signers' keys."
            .into(),
        Face::Regular,
        palette::INK,
    );
    out
}

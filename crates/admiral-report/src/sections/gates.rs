//! 3. Milestones and gates: criteria, approvers and their decisions.

use crate::canvas::palette;
use crate::ctx::{date, decision_color, decision_label, wdays, Ctx};
use crate::font::Face;
use crate::layout::{Cell, Col, Writer, TEXT};

pub fn render(ctx: &Ctx, w: &mut Writer) {
    let milestones: Vec<_> = ctx
        .tasks
        .iter()
        .filter(|t| t.is_milestone() && !ctx.gates.iter().any(|(_, g)| g.id == t.id))
        .collect();
    if ctx.gates.is_empty() && milestones.is_empty() {
        return;
    }
    w.section("Milestones and gates");
    for (g, t) in &ctx.gates {
        let d = ctx.dates(t.id);
        let state = g.state();
        let head = format!(
            "{} — {} — {}",
            t.name,
            d.map_or_else(|| "not scheduled".into(), |d| date(d.finish)),
            decision_label(state)
        );
        w.ensure(90.0);
        w.subheading(&head);
        if let Some(d) = d {
            let mut facts = format!("Task {} · total float {}", t.key(), wdays(d.total_float));
            if d.critical {
                facts.push_str(" · on the critical path");
            }
            w.paragraph(&facts, Face::Regular, TEXT, palette::GREY);
        }
        if !g.criteria.is_empty() {
            let rows: Vec<Vec<Cell>> = g
                .criteria
                .iter()
                .map(|c| {
                    vec![
                        Cell::new(c.text.clone()),
                        if c.met {
                            Cell::new("✓ met").color(palette::GREEN)
                        } else {
                            Cell::new("✗ not met").color(palette::RED)
                        },
                    ]
                })
                .collect();
            w.table(
                &[Col::new("Criterion", 6.0).lines(3), Col::new("Met", 1.0)],
                &rows,
            );
        }
        if g.approvers.is_empty() {
            w.paragraph(
                "No approvers are named for this gate.",
                Face::Regular,
                TEXT,
                palette::GREY,
            );
        } else {
            let rows: Vec<Vec<Cell>> = g
                .approvers
                .iter()
                .map(|a| {
                    vec![
                        Cell::new(a.name.clone()),
                        Cell::new(a.role.clone()),
                        Cell::new(decision_label(a.decision)).chip(decision_color(a.decision)),
                        Cell::new(a.decided_at.map(date).unwrap_or_default()),
                        Cell::new(a.comment.clone()),
                    ]
                })
                .collect();
            w.table(
                &[
                    Col::new("Approver", 2.0),
                    Col::new("Role", 1.8),
                    Col::new("Decision", 1.3),
                    Col::new("Decided", 1.3),
                    Col::new("Comment", 4.0).lines(4),
                ],
                &rows,
            );
        }
        let _ = state;
    }
    if !milestones.is_empty() {
        w.subheading("Other milestones");
        let rows: Vec<Vec<Cell>> = milestones
            .iter()
            .map(|t| {
                let d = ctx.dates(t.id);
                vec![
                    Cell::new(t.key()),
                    Cell::new(t.name.clone()),
                    Cell::new(d.map(|d| date(d.finish)).unwrap_or_default()),
                    Cell::new(d.map(|d| wdays(d.total_float)).unwrap_or_default()),
                    Cell::new(if d.is_some_and(|d| d.critical) {
                        "critical"
                    } else {
                        ""
                    })
                    .color(palette::CRITICAL),
                ]
            })
            .collect();
        w.table(
            &[
                Col::new("ID", 0.7),
                Col::new("Milestone", 5.0).lines(2),
                Col::new("Date", 1.5),
                Col::new("Float", 1.0).right(),
                Col::new("", 1.0),
            ],
            &rows,
        );
    }
}

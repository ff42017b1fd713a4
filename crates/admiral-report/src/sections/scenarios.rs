//! Section 6: scenarios compared with the baseline (`admiral_core::scenario::Comparison`), when given.

use crate::canvas::{palette, Rgbf};
use crate::ctx::{date, money, Ctx};
use crate::font::Face;
use crate::layout::{Cell, Col, Writer, TEXT};
use admiral_core::scenario::{Outcome, ReleaseOutcome, ScenarioOutcome, TaskRef};
use admiral_core::Money;
use std::collections::HashSet;

/// A delta in working days: "+3.5 wd" (red, later), "−2 wd" (green), "no change".
fn wd(d: f64) -> (String, Rgbf) {
    if d.abs() < 0.05 {
        return ("no change".into(), palette::GREY);
    }
    let n = if (d - d.round()).abs() < 0.05 {
        format!("{}", d.round().abs() as i64)
    } else {
        format!("{:.1}", d.abs())
    };
    if d > 0.0 {
        (format!("+{n} wd"), palette::RED)
    } else {
        (format!("−{n} wd"), palette::GREEN)
    }
}

fn signed_money(m: Money, cur: &str) -> (String, Rgbf) {
    if m.0 == 0 {
        ("no change".into(), palette::GREY)
    } else if m.0 > 0 {
        (format!("+{}", money(m, cur)), palette::RED)
    } else {
        (money(m, cur).replacen('-', "−", 1), palette::GREEN)
    }
}

fn release<'a>(ctx: &Ctx, o: &'a Outcome) -> Option<&'a ReleaseOutcome> {
    o.releases.iter().find(|r| r.release_id == ctx.release.id)
}

fn keep<'a>(v: &'a [TaskRef], in_release: &HashSet<admiral_core::TaskId>) -> Vec<&'a TaskRef> {
    v.iter()
        .filter(|t| in_release.contains(&t.task_id))
        .collect()
}

fn names(list: &[&TaskRef]) -> String {
    let v: Vec<String> = list
        .iter()
        .map(|t| format!("{} {}", t.key, t.name))
        .collect();
    v.join("; ")
}

pub fn render(ctx: &Ctx, w: &mut Writer) {
    let Some(cmp) = ctx.input.comparison else {
        return;
    };
    if cmp.scenarios.is_empty() {
        return;
    }
    let in_release: HashSet<_> = ctx.tasks.iter().map(|t| t.id).collect();
    w.section("Scenarios");
    w.paragraph(
        "Each scenario is the baseline plan with the changes it describes, scheduled again with \
         the same status date. Deltas are in working days (wd) of the release calendar; later \
         is positive. Costs are the whole plan's.",
        Face::Regular,
        TEXT,
        palette::GREY,
    );
    let cur = &cmp.currency;
    let base_rel = release(ctx, &cmp.baseline);
    let vs_target = |r: Option<&ReleaseOutcome>| -> Cell {
        match r.and_then(|r| r.days_vs_target) {
            Some(d) if d > 0.05 => {
                Cell::new(format!("{} late", wd(d).0.trim_start_matches('+'))).color(palette::RED)
            }
            Some(d) if d < -0.05 => Cell::new(format!("{} early", wd(d).0.trim_start_matches('−')))
                .color(palette::GREEN),
            Some(_) => Cell::new("on target").color(palette::GREEN),
            None => Cell::new("—"),
        }
    };
    let mut rows: Vec<Vec<Cell>> = vec![vec![
        Cell::new("Baseline").bold(),
        Cell::new("The plan as it stands."),
        Cell::new(base_rel.map_or_else(|| date(cmp.baseline.finish), |r| date(r.finish))),
        Cell::new("—"),
        vs_target(base_rel),
        Cell::new(
            cmp.baseline
                .cost
                .map_or_else(|| "—".into(), |c| money(c, cur)),
        ),
    ]];
    for s in &cmp.scenarios {
        let r = release(ctx, &s.outcome);
        let (d, col) = wd(r.map_or(s.finish_delta_days, |r| r.delta_days));
        let desc = s
            .outcome
            .scenario_id
            .and_then(|id| ctx.plan.scenarios.iter().find(|x| x.id == id))
            .map(|x| x.description.clone())
            .unwrap_or_default();
        let cost = match (s.outcome.cost, s.cost_delta) {
            (Some(c), Some(dc)) => {
                Cell::new(format!("{} ({})", money(c, cur), signed_money(dc, cur).0))
                    .color(signed_money(dc, cur).1)
            }
            (Some(c), None) => Cell::new(money(c, cur)),
            _ => Cell::new("—"),
        };
        rows.push(vec![
            Cell::new(s.outcome.name.clone()).bold(),
            Cell::new(desc),
            Cell::new(r.map_or_else(|| date(s.outcome.finish), |r| date(r.finish))),
            Cell::new(d).color(col),
            vs_target(r),
            cost,
        ]);
    }
    w.table(
        &[
            Col::new("Scenario", 1.9).lines(2),
            Col::new("Change", 3.0).lines(3),
            Col::new("Release finish", 1.35),
            Col::new("Delta", 0.95),
            Col::new("vs target", 1.1),
            Col::new("Plan cost (delta)", 2.2).lines(2),
        ],
        &rows,
    );
    for s in &cmp.scenarios {
        detail(ctx, s, &in_release, w);
    }
}

fn detail(
    ctx: &Ctx,
    s: &ScenarioOutcome,
    in_release: &HashSet<admiral_core::TaskId>,
    w: &mut Writer,
) {
    let moved: Vec<_> = s
        .outcome
        .milestones
        .iter()
        .filter(|m| in_release.contains(&m.task_id))
        .filter(|m| m.delta_days.is_none_or(|d| d.abs() >= 0.05))
        .collect();
    let became = keep(&s.became_critical, in_release);
    let left = keep(&s.no_longer_critical, in_release);
    let removed = keep(&s.removed_tasks, in_release);
    w.ensure(60.0);
    w.subheading(&format!("{} — against the baseline", s.outcome.name));
    if moved.is_empty() {
        w.paragraph(
            "No milestone or gate of the release moves.",
            Face::Regular,
            TEXT,
            palette::GREY,
        );
    } else {
        let rows: Vec<Vec<Cell>> = moved
            .iter()
            .map(|m| {
                let base = ctx
                    .input
                    .comparison
                    .and_then(|c| {
                        c.baseline
                            .milestones
                            .iter()
                            .find(|b| b.task_id == m.task_id)
                    })
                    .and_then(|b| b.date);
                let (d, col) = match m.delta_days {
                    Some(d) => wd(d),
                    None => ("removed".into(), palette::AMBER),
                };
                vec![
                    Cell::new(m.key.clone()),
                    Cell::new(m.name.clone()),
                    Cell::new(if m.gate { "Gate" } else { "Milestone" }),
                    Cell::new(base.map_or_else(|| "—".into(), date)),
                    Cell::new(m.date.map_or_else(|| "removed".into(), date)),
                    Cell::new(d).color(col),
                ]
            })
            .collect();
        w.table(
            &[
                Col::new("ID", 0.6),
                Col::new("Milestone or gate", 4.0),
                Col::new("Kind", 1.0),
                Col::new("Baseline", 1.4),
                Col::new("Scenario", 1.4),
                Col::new("Delta", 1.1),
            ],
            &rows,
        );
    }
    let mut crit = Vec::new();
    if !became.is_empty() {
        crit.push(format!("Becomes critical: {}.", names(&became)));
    }
    if !left.is_empty() {
        crit.push(format!("No longer critical: {}.", names(&left)));
    }
    if !removed.is_empty() {
        crit.push(format!("Removed from scope: {}.", names(&removed)));
    }
    if crit.is_empty() {
        crit.push("The critical path is unchanged.".into());
    }
    for c in crit {
        w.paragraph(&c, Face::Regular, TEXT, palette::INK);
    }
    if let Some(dc) = s.cost_delta {
        let (t, col) = signed_money(dc, &ctx.plan.settings.currency);
        w.paragraph(&format!("Plan cost: {t}."), Face::Regular, TEXT, col);
    }
}

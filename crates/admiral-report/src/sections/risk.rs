//! Section 5, schedule risk: the Monte Carlo results
//! (`admiral_core::monte_carlo::SimulationResult`), when given.

use crate::canvas::{palette, Align, FontIds, Page, Rgbf};
use crate::ctx::{date, Ctx};
use crate::font::Face;
use crate::layout::{Cell, Col, Writer, MARGIN, SMALL, TEXT};
use admiral_core::monte_carlo::{FinishDistribution, SensitivitySource, SimulationResult};
use admiral_core::Distribution;
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};

pub fn render(ctx: &Ctx, w: &mut Writer) {
    let (Some(sim), Some(dist)) = (ctx.input.simulation, ctx.sim_finish()) else {
        return;
    };
    w.section("Schedule risk");
    let mut intro = format!(
        "Monte Carlo simulation of the release finish: {} iterations, seed {}.",
        thousands(u64::from(sim.iterations)),
        sim.seed
    );
    if sim.partial {
        intro.push_str(&format!(
            " The run was stopped after {} of {} iterations; the figures cover those.",
            thousands(u64::from(sim.iterations)),
            thousands(u64::from(sim.iterations_requested))
        ));
    }
    intro.push_str(&format!(
        " Planned (no risk firing, planned durations): {}.",
        date(dist.deterministic)
    ));
    if let (Some(p), Some(t)) = (ctx.sim_probability_on_target(), ctx.release.target) {
        intro.push_str(&format!(
            " Probability of finishing by the target {}: {:.0}%.",
            date(t),
            p * 100.0
        ));
    }
    w.paragraph(&intro, Face::Regular, TEXT, palette::INK);
    let p = &dist.percentiles;
    w.paragraph(
        &format!(
            "P50 {}  ·  P80 {}  ·  P95 {}",
            date(p.p50),
            date(p.p80),
            date(p.p95)
        ),
        Face::Bold,
        TEXT + 1.0,
        palette::NAVY,
    );

    if !dist.cumulative.is_empty() {
        histogram(ctx, dist, sim.iterations, w);
    }
    criticality(ctx, sim, w);
    if !sim.sensitivity.is_empty() {
        tornado(ctx, sim, w);
    }
    assumptions(sim, w);
}

/// 12345 → "12,345".
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Iterations finishing in each bar of `days_per_bar` days from `lo` (a Monday), from the
/// cumulative curve (one point per finishing day; the share times the iterations is the
/// exact count). Whole weeks keep working days and weekends together, so the bars show the
/// shape of the distribution rather than which bins happen to hold a weekend.
fn bars(
    dist: &FinishDistribution,
    iterations: u32,
    lo: NaiveDate,
    days_per_bar: i64,
) -> Vec<(NaiveDate, u32)> {
    let mut out: Vec<(NaiveDate, u32)> = Vec::new();
    let mut prev = 0.0f64;
    for c in &dist.cumulative {
        let n = ((c.probability - prev) * f64::from(iterations))
            .round()
            .max(0.0) as u32;
        prev = c.probability;
        let k = (c.date - lo).num_days().div_euclid(days_per_bar);
        let start = lo + Duration::days(k * days_per_bar);
        match out.last_mut() {
            Some((s, count)) if *s == start => *count += n,
            _ => out.push((start, n)),
        }
    }
    out
}

fn monday(d: NaiveDate) -> NaiveDate {
    d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

fn histogram(ctx: &Ctx, dist: &FinishDistribution, iterations: u32, w: &mut Writer) {
    let chart_h = 170.0;
    w.ensure(chart_h + 70.0);
    w.subheading("Release finish distribution");
    let ids = w.ids.clone();
    let cw = w.content_width();
    let left = MARGIN + 28.0;
    let right = MARGIN + cw - 30.0;
    let top = w.y + 30.0;
    let bottom = top + chart_h;
    let (Some(first), Some(last)) = (
        dist.cumulative.first().map(|c| c.date),
        dist.cumulative.last().map(|c| c.date),
    ) else {
        return;
    };
    // Whole weeks from Monday; the target is kept on the chart when it is near (within the
    // span again).
    let mut lo = monday(first);
    let mut hi = monday(last) + Duration::days(7);
    if let Some(t) = ctx.release.target.map(|t| t.date()) {
        let span = (hi - lo).num_days().max(1);
        if t < lo && (lo - t).num_days() <= span {
            lo = monday(t);
        }
        if t >= hi && (t - hi).num_days() < span {
            hi = monday(t) + Duration::days(7);
        }
    }
    // At most about 26 bars: a bar is one week, or several for a long span.
    let weeks = (hi - lo).num_days() / 7;
    let days_per_bar = 7 * ((weeks + 25) / 26).max(1);
    let bins = bars(dist, iterations, lo, days_per_bar);
    let span = ((hi - lo).num_days().max(1)) as f32;
    let xof = |d: NaiveDate| left + (d - lo).num_days() as f32 / span * (right - left);
    let max = bins.iter().map(|b| b.1).max().unwrap_or(1).max(1) as f32;

    let page = w.page();
    // Grid: the right scale is the cumulative probability.
    for k in 0..=4 {
        let y = bottom - chart_h * k as f32 / 4.0;
        page.hline(left, right, y, palette::RULE, 0.4);
        page.caption(
            &ids,
            right + 4.0,
            y + 2.5,
            Align::Left,
            &format!("{}%", k * 25),
        );
    }
    page.caption(
        &ids,
        left - 4.0,
        bottom - (chart_h - 6.0) + 2.5,
        Align::Right,
        &format!("{}", max as u32),
    );
    page.caption(&ids, left - 4.0, bottom, Align::Right, "0");
    // Bars: iterations finishing in each week (or group of weeks).
    for &(start, count) in &bins {
        let x0 = xof(start);
        let x1 = xof((start + Duration::days(days_per_bar)).min(hi));
        let h = count as f32 / max * (chart_h - 6.0);
        page.rect(
            x0 + 0.4,
            bottom - h,
            (x1 - x0 - 1.5).max(0.5),
            h,
            Some(palette::NAVY_LIGHT),
            None,
        );
    }
    // Cumulative curve: the share finishing on or before each day, as steps at day ends.
    let mut pts = vec![(xof(lo), bottom)];
    let mut prev = 0.0f32;
    for c in &dist.cumulative {
        let x = xof(c.date + Duration::days(1));
        let x_start = xof(c.date);
        pts.push((x_start, bottom - prev * chart_h));
        let y = bottom - c.probability as f32 * chart_h;
        pts.push((x_start, y));
        pts.push((x, y));
        prev = c.probability as f32;
    }
    pts.push((xof(hi), bottom - prev * chart_h));
    page.line(&pts, palette::NAVY, 1.3, None);
    markers(
        page,
        &ids,
        ctx,
        dist,
        (lo, hi),
        &xof,
        (left, right, top, bottom),
    );
    // Date labels under the axis: about seven, on Mondays.
    let days = (hi - lo).num_days().max(1);
    let step = 7 * ((days as f32 / 7.0 / 7.0).ceil() as i64).max(1);
    let mut d = lo;
    while d < hi {
        page.line(
            &[(xof(d), bottom), (xof(d), bottom + 2.5)],
            palette::GREY,
            0.5,
            None,
        );
        page.caption(
            &ids,
            xof(d),
            bottom + 11.0,
            Align::Center,
            &d.format("%d %b").to_string(),
        );
        d += Duration::days(step);
    }
    page.caption(
        &ids,
        left,
        bottom + 23.0,
        Align::Left,
        &format!(
            "Bars: iterations finishing in each {} from Monday (left scale). Line: probability \
             of finishing by that day (right scale).",
            if days_per_bar == 7 {
                "week".to_string()
            } else {
                format!("{} weeks", days_per_bar / 7)
            }
        ),
    );
    w.y = bottom + 32.0;
}

/// Percentile markers and the target, labelled above the plot so they never overlap it.
fn markers(
    page: &mut Page,
    ids: &FontIds,
    ctx: &Ctx,
    dist: &FinishDistribution,
    (lo, hi): (NaiveDate, NaiveDate),
    xof: &dyn Fn(NaiveDate) -> f32,
    (left, right, top, bottom): (f32, f32, f32, f32),
) {
    let p = &dist.percentiles;
    let mut marks: Vec<(String, NaiveDateTime, Rgbf)> = vec![
        ("P50".into(), p.p50, palette::INK),
        ("P80".into(), p.p80, palette::INK),
        ("P95".into(), p.p95, palette::INK),
    ];
    if let Some(t) = ctx.release.target {
        marks.push(("Target".into(), t, palette::GREEN));
    }
    marks.sort_by_key(|m| m.1);
    let mut last_label_right = f32::MIN;
    let mut row = 0;
    for (label, d, col) in &marks {
        let day = d.date();
        let inside = day >= lo && day < hi;
        // A marker stands at the end of its day (a finish "by" that date).
        let x = xof(day + Duration::days(1)).clamp(left, right);
        if inside {
            page.line(&[(x, top), (x, bottom)], *col, 0.8, Some(&[3.0, 2.0]));
        }
        let text = if inside {
            format!("{label} {}", d.format("%d %b"))
        } else {
            format!("{label} {} (off the chart)", d.format("%d %b"))
        };
        let tw = ids.face(Face::Bold).width(&text, SMALL);
        let lx = (x - tw / 2.0).clamp(left, right - tw);
        row = if lx < last_label_right + 4.0 {
            row + 1
        } else {
            0
        };
        last_label_right = lx + tw;
        page.text(
            ids,
            Face::Bold,
            SMALL,
            *col,
            lx,
            top - 4.0 - (2 - row.min(2)) as f32 * 8.5,
            Align::Left,
            &text,
        );
    }
}

fn criticality(ctx: &Ctx, sim: &SimulationResult, w: &mut Writer) {
    // With several releases, how often each task was on the path that drove this release's
    // finish (in this release or an earlier one it waits for); with one, or when the plan is
    // too large for a count per release, the plan's criticality index, this release's tasks.
    let own = sim
        .releases
        .iter()
        .find(|r| r.release_id == ctx.release.id)
        .map(|r| &r.criticality)
        .filter(|c| !c.is_empty());
    let in_release: std::collections::HashSet<_> = ctx.tasks.iter().map(|t| t.id).collect();
    let mut top: Vec<_> = own
        .unwrap_or(&sim.criticality)
        .iter()
        .filter(|c| (own.is_some() || in_release.contains(&c.task_id)) && c.index > 0.0)
        // A milestone or gate is critical whenever its predecessor is: it says nothing new.
        .filter(|c| {
            ctx.task_by_id
                .get(&c.task_id)
                .is_none_or(|t| !t.is_milestone())
        })
        .collect();
    // Stable: ties keep plan order.
    top.sort_by(|a, b| b.index.total_cmp(&a.index));
    top.truncate(10);
    if top.is_empty() {
        return;
    }
    w.ensure(40.0 + 14.0 * top.len() as f32);
    w.subheading("Top 10 tasks by criticality index");
    let releases = ctx.plan.releases.len();
    let what = if own.is_some() {
        "The share of iterations in which the task was on the path that drove this \
         release's finish: the chain of driving predecessors back from its last task, as the \
         executive summary draws it, in this release or one it waits for (milestones and \
         gates left out)."
            .to_string()
    } else if releases > 1 {
        // Counted once, for the whole plan (a plan too large for a count per release):
        // say so where a reader would take it for this release's.
        format!(
            "The share of iterations in which the task was on the critical path of the whole \
             plan ({releases} releases), to its finish, which may lie in a later release: a \
             task that drives only this release's finish can show a low index (milestones and \
             gates left out)."
        )
    } else {
        "The share of iterations in which the task was on the critical path (milestones and \
         gates left out)."
            .to_string()
    };
    w.paragraph(&what, Face::Regular, SMALL + 0.5, palette::GREY);
    let rows: Vec<Vec<Cell>> = top
        .iter()
        .map(|c| {
            vec![
                Cell::new(c.key.clone()),
                Cell::new(c.name.clone()),
                Cell::new(
                    ctx.task_by_id
                        .get(&c.task_id)
                        .map_or_else(String::new, |t| t.owner.clone()),
                ),
                Cell::new(format!("{:.0}%", c.index * 100.0)),
            ]
        })
        .collect();
    w.table(
        &[
            Col::new("ID", 0.7),
            Col::new("Task", 5.0),
            Col::new("Owner", 2.0),
            Col::new("Criticality index", 1.6).right(),
        ],
        &rows,
    );
}

fn tornado(ctx: &Ctx, sim: &SimulationResult, w: &mut Writer) {
    // With several releases, the correlations with this release's finish; else the plan's
    // list, which is the first release's.
    let own = sim
        .releases
        .iter()
        .find(|r| r.release_id == ctx.release.id && !r.sensitivity.is_empty());
    let list = own.map_or(&sim.sensitivity, |r| &r.sensitivity);
    let entries: Vec<_> = list.iter().take(10).collect();
    let row = 15.0;
    let chart_h = entries.len() as f32 * row + 40.0;
    w.ensure(chart_h + 50.0);
    w.subheading("What drives the finish: correlation with the release finish");
    let of = own
        .or(sim.releases.first())
        .map_or_else(|| "the plan".to_string(), |r| format!("release {}", r.code));
    let note = if own.is_some()
        || sim.releases.first().map(|r| r.release_id) == Some(ctx.release.id)
        || sim.releases.is_empty()
    {
        format!(
            "Spearman rank correlation of each input with the finish of {of}, across the {} \
             iterations: +1 means the finish moves with it every time, 0 not at all. For a \
             task the input is its drawn duration; for a risk, whether it fired. This is \
             correlation, not working days.",
            thousands(u64::from(sim.sensitivity_iterations))
        )
    } else {
        format!(
            "Spearman rank correlation with the finish of {of} (the plan's first release; \
             sensitivity is computed for that release only), across {} iterations.",
            thousands(u64::from(sim.sensitivity_iterations))
        )
    };
    w.paragraph(&note, Face::Regular, SMALL + 0.5, palette::GREY);
    let ids = w.ids.clone();
    let cw = w.content_width();
    let label_w = cw * 0.40;
    let left = MARGIN + label_w + 8.0;
    let right = MARGIN + cw - 28.0;
    let reach = entries
        .iter()
        .map(|e| e.correlation.abs())
        .fold(0.0f64, f64::max);
    // The scale: the largest correlation rounded up to a quarter, at most 1.
    let reach = ((reach * 4.0).ceil() / 4.0).clamp(0.25, 1.0) as f32;
    let any_negative = entries.iter().any(|e| e.correlation < 0.0);
    let mid = if any_negative {
        (left + right) / 2.0
    } else {
        left
    };
    let scale = (right - mid) / reach;
    let top = w.y + 4.0;
    let page = w.page();
    for (i, e) in entries.iter().enumerate() {
        let y = top + i as f32 * row;
        let label = match &e.source {
            SensitivitySource::Task { key, .. } => format!("{key} {}", e.name),
            SensitivitySource::Risk { .. } => format!("Risk: {}", e.name),
        };
        page.text_fit(
            &ids,
            Face::Regular,
            SMALL + 0.5,
            palette::INK,
            MARGIN,
            y + 10.0,
            Align::Left,
            label_w,
            &label,
        );
        let x = mid + e.correlation as f32 * scale;
        let (a, b) = (x.min(mid), x.max(mid));
        let colour = match e.source {
            SensitivitySource::Task { .. } => palette::NAVY,
            SensitivitySource::Risk { .. } => palette::AMBER,
        };
        page.rect(a, y + 2.5, (b - a).max(0.3), row - 5.0, Some(colour), None);
        let (tx, align) = if e.correlation < 0.0 {
            (a - 3.0, Align::Right)
        } else {
            (b + 3.0, Align::Left)
        };
        page.caption(&ids, tx, y + 9.5, align, &format!("{:+.2}", e.correlation));
    }
    let bottom = top + entries.len() as f32 * row;
    page.line(
        &[(mid, top - 2.0), (mid, bottom + 2.0)],
        palette::INK,
        0.6,
        None,
    );
    // Scale ticks.
    let ticks: Vec<f32> = if any_negative {
        vec![-reach, -reach / 2.0, 0.0, reach / 2.0, reach]
    } else {
        vec![0.0, reach / 4.0, reach / 2.0, reach * 0.75, reach]
    };
    for t in ticks {
        let x = mid + t * scale;
        page.line(
            &[(x, bottom + 2.0), (x, bottom + 5.0)],
            palette::GREY,
            0.5,
            None,
        );
        page.text(
            &ids,
            Face::Regular,
            SMALL - 0.5,
            palette::GREY,
            x,
            bottom + 12.0,
            Align::Center,
            &format!("{t:.2}"),
        );
    }
    page.rect(MARGIN, bottom + 17.0, 7.0, 6.0, Some(palette::NAVY), None);
    page.caption(
        &ids,
        MARGIN + 10.0,
        bottom + 22.5,
        Align::Left,
        "task duration",
    );
    page.rect(
        MARGIN + 70.0,
        bottom + 17.0,
        7.0,
        6.0,
        Some(palette::AMBER),
        None,
    );
    page.caption(
        &ids,
        MARGIN + 80.0,
        bottom + 22.5,
        Align::Left,
        "risk firing",
    );
    page.caption(
        &ids,
        mid + (right - mid) / 2.0,
        bottom + 22.5,
        Align::Center,
        "Spearman correlation with the finish",
    );
    w.y = bottom + 32.0;
}

fn assumptions(sim: &SimulationResult, w: &mut Writer) {
    let a = &sim.assumptions;
    w.ensure(70.0);
    w.subheading("Assumptions");
    let dist = match a.distribution {
        Distribution::Triangular => "triangular",
        Distribution::PertBeta => "PERT-beta",
    };
    let u = &a.default_uncertainty;
    let mut lines = vec![
        format!(
            "Durations are drawn from {dist} distributions: {} tasks from their own three-point \
             estimate, {} tasks from the plan's default uncertainty profile ({:+}% / {:+}% of \
             the planned duration, the planned duration the most likely); {} tasks do not vary \
             (finished or zero duration).",
            a.three_point_tasks,
            a.default_uncertainty_tasks,
            u.optimistic_pct,
            u.pessimistic_pct,
            a.fixed_tasks
        ),
        format!(
            "Risks are events: {} open or mitigating risks fire in an iteration with their \
             probability and add their schedule impact to the tasks they name.",
            a.risks_simulated
        ),
    ];
    if !a.risks_excluded.is_empty() {
        let ex: Vec<String> = a
            .risks_excluded
            .iter()
            .map(|r| format!("{} ({})", r.title, r.reason))
            .collect();
        lines.push(format!("Left out: {}.", ex.join("; ")));
    }
    lines.push(format!(
        "Seed {} and {} iterations: the same plan, seed and iterations give the same figures.",
        sim.seed,
        thousands(u64::from(sim.iterations))
    ));
    for l in lines {
        w.paragraph(&format!("• {l}"), Face::Regular, SMALL + 0.5, palette::INK);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use admiral_core::monte_carlo::{CurvePoint, Percentiles};

    #[test]
    fn weekly_bars_count_every_iteration_once() {
        let d = |day: u32| NaiveDate::from_ymd_opt(2027, 5, day).unwrap();
        let at = d(25).and_hms_opt(17, 0, 0).unwrap();
        let points = [(4, 0.1), (7, 0.35), (10, 0.5), (14, 0.9), (24, 1.0)];
        let dist = FinishDistribution {
            deterministic: at,
            percentiles: Percentiles {
                p10: at,
                p50: at,
                p80: at,
                p90: at,
                p95: at,
            },
            min: at,
            max: at,
            mean: at,
            std_dev_days: 0.0,
            probability_deterministic: 0.0,
            histogram: Vec::new(),
            cumulative: points
                .iter()
                .map(|&(day, probability)| CurvePoint {
                    date: d(day),
                    probability,
                })
                .collect(),
        };
        // 3 May 2027 is a Monday.
        let bars = bars(&dist, 1000, monday(d(4)), 7);
        assert_eq!(monday(d(4)), d(3));
        assert_eq!(
            bars,
            vec![(d(3), 350), (d(10), 550), (d(24), 100)],
            "weeks of 3, 10 and 24 May"
        );
        assert_eq!(bars.iter().map(|b| b.1).sum::<u32>(), 1000);
    }
}

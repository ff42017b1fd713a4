//! 1. Executive summary: one page.

use crate::canvas::{palette, Align};
use crate::ctx::{date, decision_color, decision_label, money, wdays, Ctx};
use crate::font::{wrap, Face};
use crate::layout::{Cell, Col, Writer, MARGIN, SMALL, TEXT};
use admiral_core::monte_carlo::Percentiles;
use admiral_core::status::{self, Facts, GateFact, Rag};
use admiral_core::{Decision, RiskStatus, TaskKind};
use chrono::NaiveDateTime;

fn rag_color(r: Rag) -> crate::canvas::Rgbf {
    match r {
        Rag::Green => palette::GREEN,
        Rag::Amber => palette::AMBER,
        Rag::Red => palette::RED,
    }
}

/// The percentiles of the release's simulated finish, when a simulation was given.
fn percentiles<'a>(ctx: &Ctx<'a>) -> Option<&'a Percentiles> {
    ctx.sim_finish().map(|d| &d.percentiles)
}

pub fn assess(ctx: &Ctx) -> status::Status {
    let gates = ctx
        .gates
        .iter()
        .filter_map(|(g, t)| {
            ctx.dates(t.id).map(|d| GateFact {
                name: t.name.clone(),
                date: d.finish,
                state: g.state(),
            })
        })
        .collect();
    let as_of = ctx.input.as_of.date();
    let (negative_float, overdue) = status::task_names(&ctx.tasks, |id| ctx.dates(id), as_of);
    status::assess(&Facts {
        as_of,
        target: ctx.release.target,
        forecast: ctx.forecast(),
        p80: percentiles(ctx).map(|p| p.p80),
        gates,
        risks: ctx.risks.clone(),
        negative_float,
        overdue,
    })
}

pub fn render(ctx: &Ctx, w: &mut Writer) {
    w.new_page(false);
    let y = w.y + 18.0;
    let y = title_block(ctx, w, y);
    let y = status_box(ctx, w, y);
    let y = key_dates(ctx, w, y);
    let y = cost_line(ctx, w, y);
    let y = against_baseline(ctx, w, y);
    w.y = critical_path(ctx, w, y);
    milestones(ctx, w);
    let open_risks = top_risks(ctx, w);
    footer(ctx, w, open_risks);
}

/// The release's name, code, date, file and owner.
fn title_block(ctx: &Ctx, w: &mut Writer, mut y: f32) -> f32 {
    let ids = w.ids.clone();
    let cw = w.content_width();
    let r = ctx.release;
    w.page().text_fit(
        &ids,
        Face::Bold,
        20.0,
        palette::NAVY,
        MARGIN,
        y,
        Align::Left,
        cw,
        &r.name,
    );
    y += 16.0;
    let sub = format!(
        "{}  ·  Executive summary  ·  as of {}  ·  plan file {}",
        r.code,
        date(ctx.input.as_of),
        ctx.input.plan_file_name
    );
    w.page().text_fit(
        &ids,
        Face::Regular,
        9.0,
        palette::GREY,
        MARGIN,
        y,
        Align::Left,
        cw,
        &sub,
    );
    y += 12.0;
    if !r.owner.is_empty() {
        let owner = format!("Release owner: {}", r.owner);
        w.page().text_fit(
            &ids,
            Face::Regular,
            9.0,
            palette::GREY,
            MARGIN,
            y,
            Align::Left,
            cw,
            &owner,
        );
        y += 12.0;
    }
    y += 6.0;

    y
}

/// The overall RAG status in a box, its reasons beside it.
fn status_box(ctx: &Ctx, w: &mut Writer, mut y: f32) -> f32 {
    let ids = w.ids.clone();
    let cw = w.content_width();
    let st = assess(ctx);
    let box_w = 92.0;
    let reasons_x = MARGIN + box_w + 12.0;
    let reasons_w = cw - box_w - 12.0;
    let mut lines: Vec<(Rag, String, bool)> = Vec::new();
    for f in st.findings.iter().take(6) {
        for (i, l) in wrap(ids.face(Face::Regular), &f.text, TEXT, reasons_w - 12.0, 2)
            .into_iter()
            .enumerate()
        {
            lines.push((f.rag, l, i == 0));
        }
    }
    let lh = TEXT * 1.4;
    let box_h = (lines.len() as f32 * lh + 10.0).max(58.0);
    let page = w.page();
    page.rect(MARGIN, y, box_w, box_h, Some(rag_color(st.rag)), None);
    page.text(
        &ids,
        Face::Regular,
        8.0,
        palette::WHITE,
        MARGIN + box_w / 2.0,
        y + box_h / 2.0 - 8.0,
        Align::Center,
        "Overall status",
    );
    page.text(
        &ids,
        Face::Bold,
        16.0,
        palette::WHITE,
        MARGIN + box_w / 2.0,
        y + box_h / 2.0 + 10.0,
        Align::Center,
        st.rag.label(),
    );
    page.rect(
        reasons_x - 6.0,
        y,
        reasons_w + 6.0,
        box_h,
        Some(palette::ZEBRA),
        None,
    );
    let mut ly = y + 5.0 + TEXT;
    for (rag, l, first) in &lines {
        if *first {
            page.rect(reasons_x, ly - 5.5, 5.5, 5.5, Some(rag_color(*rag)), None);
        }
        page.text(
            &ids,
            Face::Regular,
            TEXT,
            palette::INK,
            reasons_x + 11.0,
            ly,
            Align::Left,
            l,
        );
        ly += lh;
    }
    y += box_h + 14.0;

    y
}

/// Target, forecast, P50 and P80 as tiles, and the probability of meeting the target.
fn key_dates(ctx: &Ctx, w: &mut Writer, mut y: f32) -> f32 {
    let ids = w.ids.clone();
    let cw = w.content_width();
    let target = ctx.release.target;
    let forecast = ctx.forecast();
    let mut tiles: Vec<(&str, Option<NaiveDateTime>)> =
        vec![("Target", target), ("Forecast", forecast)];
    if ctx.input.simulation.is_some() {
        tiles.push(("P50", percentiles(ctx).map(|p| p.p50)));
        tiles.push(("P80", percentiles(ctx).map(|p| p.p80)));
    }
    let gap = 8.0;
    let tile_w = (cw - gap * (tiles.len() as f32 - 1.0)) / tiles.len() as f32;
    let tile_h = 46.0;
    for (i, (label, d)) in tiles.iter().enumerate() {
        let x = MARGIN + i as f32 * (tile_w + gap);
        let page = w.page();
        page.rect(x, y, tile_w, tile_h, Some(palette::NAVY_PALE), None);
        page.rect(x, y, 3.0, tile_h, Some(palette::NAVY), None);
        page.text(
            &ids,
            Face::Regular,
            8.0,
            palette::GREY,
            x + 10.0,
            y + 13.0,
            Align::Left,
            label,
        );
        let text = d.map_or_else(|| "not set".to_string(), date);
        page.text_fit(
            &ids,
            Face::Bold,
            12.0,
            palette::NAVY,
            x + 10.0,
            y + 29.0,
            Align::Left,
            tile_w - 14.0,
            &text,
        );
        if let (Some(d), Some(t)) = (d, target) {
            if *label != "Target" {
                let late = (d.date() - t.date()).num_days();
                let n = late.abs();
                let unit = if n == 1 { "day" } else { "days" };
                let (txt, col) = if late > 0 {
                    (format!("{n} {unit} after target"), palette::RED)
                } else if late == 0 {
                    ("on the target date".to_string(), palette::GREEN)
                } else {
                    (format!("{n} {unit} before target"), palette::GREEN)
                };
                page.text_fit(
                    &ids,
                    Face::Regular,
                    7.5,
                    col,
                    x + 10.0,
                    y + 40.0,
                    Align::Left,
                    tile_w - 14.0,
                    &txt,
                );
            }
        }
    }
    y += tile_h + 6.0;
    if let Some(sim) = ctx.input.simulation {
        if let Some(p) = ctx.sim_probability_on_target() {
            let t = format!(
                "Probability of meeting the target: {:.0}% ({} iterations, seed {}).",
                p * 100.0,
                sim.iterations,
                sim.seed
            );
            y = sentence(w, y, &t);
        }
    }

    y
}

/// Forecast cost against the budget.
fn cost_line(ctx: &Ctx, w: &mut Writer, mut y: f32) -> f32 {
    if let Some(cost) = ctx.forecast_cost() {
        let cur = &ctx.plan.settings.currency;
        let t = match ctx.input.budget {
            Some(b) => {
                let diff = cost - b;
                let verdict = if diff.0 > 0 {
                    format!("{} over budget", money(diff, cur))
                } else {
                    format!("{} under budget", money(b - cost, cur))
                };
                format!(
                    "Budget {} · forecast cost {} · {}",
                    money(b, cur),
                    money(cost, cur),
                    verdict
                )
            }
            None => format!("Forecast cost {} (no budget set).", money(cost, cur)),
        };
        y = sentence(w, y, &t);
    }

    y
}

/// Against the baseline: the finish, then SPI and CPI in a plain sentence each.
fn against_baseline(ctx: &Ctx, w: &mut Writer, mut y: f32) -> f32 {
    let ids = w.ids.clone();
    let cw = w.content_width();
    if let Some(b) = ctx.baseline {
        let mut lines = Vec::new();
        if let Some(v) = ctx.finish_vs_baseline() {
            let days = v.as_days();
            let n = days.abs();
            let unit = if (n - 1.0).abs() < 0.05 {
                "day"
            } else {
                "days"
            };
            let sign = if v.0 > 0 {
                "+"
            } else if v.0 < 0 {
                "-"
            } else {
                ""
            };
            let n = crate::ctx::wdays(admiral_core::WorkMinutes(v.0.abs()));
            let n = n.trim_end_matches('d');
            lines.push((
                format!(
                    "Finish vs baseline: {sign}{n} {unit} ({}, saved {}).",
                    b.name,
                    date(b.saved_at)
                ),
                if v.0 > 0 {
                    palette::RED
                } else {
                    palette::GREEN
                },
            ));
        }
        if let Some(e) = ctx.earned {
            // Core words the figures, as the app's overview does.
            let said =
                admiral_core::evm::sentences(&e, ctx.status_date, &ctx.plan.settings.currency);
            for s in [Some(said.spi), Some(said.cpi), said.outcome]
                .into_iter()
                .flatten()
            {
                let col = if s.good { palette::GREEN } else { palette::RED };
                lines.push((s.text, col));
            }
        }
        for (text, col) in lines {
            for l in wrap(ids.face(Face::Regular), &text, TEXT, cw, 2) {
                w.page().text(
                    &ids,
                    Face::Regular,
                    TEXT,
                    col,
                    MARGIN,
                    y + TEXT,
                    Align::Left,
                    &l,
                );
                y += 12.0;
            }
            y += 1.0;
        }
    }

    y
}

/// The path to the release finish in at most two lines (see [`Ctx::finish_path`]): headed
/// "Critical path" when every task on it is critical.
fn critical_path(ctx: &Ctx, w: &mut Writer, mut y: f32) -> f32 {
    let ids = w.ids.clone();
    let cw = w.content_width();
    let (path, critical) = ctx.finish_path();
    if !path.is_empty() {
        y += 4.0;
        let heading = if critical {
            "Critical path"
        } else {
            "Path to the release finish"
        };
        w.page().text(
            &ids,
            Face::Bold,
            10.0,
            palette::NAVY,
            MARGIN,
            y + 10.0,
            Align::Left,
            heading,
        );
        y += 16.0;
        let names: Vec<String> = path.iter().map(|id| ctx.name(*id)).collect();
        let face = ids.face(Face::Regular);
        let line = path_line(&names, |l| wrap(face, l, TEXT, cw, 3).len() <= 2);
        for (i, l) in wrap(face, &line, TEXT, cw, 2).iter().enumerate() {
            w.page().text(
                &ids,
                Face::Regular,
                TEXT,
                if critical {
                    palette::CRITICAL
                } else {
                    palette::INK
                },
                MARGIN,
                y + TEXT + i as f32 * 11.0,
                Align::Left,
                l,
            );
        }
        y += 26.0;
    }
    y
}

/// "N tasks: a → b → c", or, when that does not `fit`, the first and last names with the
/// number left out between them ("a → b → … 12 more … → y → z"): a name is never cut.
fn path_line(names: &[String], fits: impl Fn(&str) -> bool) -> String {
    let n = names.len();
    let count = admiral_core::notation::counted(n, "task");
    let full = format!("{count}: {}", names.join(" → "));
    if fits(&full) || n < 3 {
        return full;
    }
    // The most names that fit, at most 12 (two lines never hold more), the later half
    // favoured: the tasks nearest the finish matter most.
    for keep in (2..n.min(13)).rev() {
        let head = keep / 2;
        let tail = keep - head;
        let line = format!(
            "{count}: {} → … {} more … → {}",
            names[..head].join(" → "),
            n - keep,
            names[n - tail..].join(" → ")
        );
        if fits(&line) {
            return line;
        }
    }
    format!(
        "{count}: {} → … {} more … → {}",
        names[0],
        n - 2,
        names[n - 1]
    )
}

/// Key milestones and gates: at most [`KEY_MILESTONES`], in date order (see
/// [`key_milestones`]), with a line saying how many more the release has.
fn milestones(ctx: &Ctx, w: &mut Writer) {
    let mut ms: Vec<Vec<Cell>> = Vec::new();
    let gate_of = |id| ctx.gates.iter().find(|(_, t)| t.id == id).map(|(g, _)| *g);
    let (candidates, more) = key_milestones(ctx);
    for (t, d) in &candidates {
        let (state, col) = match gate_of(t.id) {
            Some(g) => (decision_label(g.state()), decision_color(g.state())),
            None if t.progress.percent_complete >= 100 => ("Done", palette::GREEN),
            None => ("Milestone", palette::NAVY_LIGHT),
        };
        let float_col = if d.total_float.0 < 0 {
            palette::RED
        } else if d.critical {
            palette::CRITICAL
        } else {
            palette::INK
        };
        let mut row = vec![
            Cell::new(t.name.clone()),
            Cell::new(date(d.finish)),
            Cell::new(wdays(d.total_float)).color(float_col),
        ];
        if ctx.baseline.is_some() {
            let v = ctx.variance.get(&t.id).and_then(|v| v.finish);
            row.push(match v {
                Some(v) => Cell::new(crate::ctx::signed_wdays(v)).color(if v.0 > 0 {
                    palette::RED
                } else {
                    palette::INK
                }),
                None => Cell::new("–"),
            });
        }
        row.push(Cell::new(state).chip(col));
        ms.push(row);
    }
    if !ms.is_empty() {
        w.subheading("Key milestones and gates");
        let mut cols = vec![
            Col::new("Milestone / gate", 5.0),
            Col::new("Date", 1.6),
            Col::new("Float", 1.0).right(),
        ];
        if ctx.baseline.is_some() {
            cols.push(Col::new("vs baseline", 1.2).right());
        }
        cols.push(Col::new("Status", 1.5));
        w.table(&cols, &ms);
        if more > 0 {
            w.paragraph(
                &format!(
                    "{more} more milestone{} of this release not listed: gates, critical \
                     milestones and the release's last come first, then those still to come.",
                    if more == 1 { "" } else { "s" }
                ),
                Face::Regular,
                SMALL,
                palette::GREY,
            );
        }
    }
}

/// At most this many rows in the summary's key milestones.
const KEY_MILESTONES: usize = 10;

/// The summary's key milestones, in date order, and how many of the release's milestones
/// were left out. The gates, the critical milestones and the release's last milestones come
/// first (a release's go-live and close are what its readers look for); the places left go
/// to the milestones still to come (as of the report's date), earliest first, then to those
/// passed, latest first.
fn key_milestones<'a>(
    ctx: &Ctx<'a>,
) -> (
    Vec<(
        &'a admiral_core::Task,
        &'a admiral_core::schedule::TaskSchedule,
    )>,
    usize,
) {
    let mut candidates: Vec<_> = ctx
        .tasks
        .iter()
        .filter(|t| t.is_milestone() && !ctx.summaries.contains(&t.id))
        .filter_map(|t| ctx.dates(t.id).map(|d| (*t, d)))
        .collect();
    let last = candidates.iter().map(|(_, d)| d.finish).max();
    let as_of = ctx.input.as_of;
    candidates.sort_by_key(|(t, d)| {
        let first = t.kind == TaskKind::Gate || d.critical || Some(d.finish) == last;
        let passed = d.finish < as_of;
        // Still to come: earliest first; passed: latest first.
        let when = if passed {
            -d.finish.and_utc().timestamp()
        } else {
            d.finish.and_utc().timestamp()
        };
        (!first, passed, when, t.number)
    });
    let more = candidates.len().saturating_sub(KEY_MILESTONES);
    candidates.truncate(KEY_MILESTONES);
    candidates.sort_by_key(|(t, d)| (d.finish, t.number));
    (candidates, more)
}

/// The top 5 risks not closed (open, mitigating or occurred) by exposure; returns how many
/// there are.
fn top_risks(ctx: &Ctx, w: &mut Writer) -> usize {
    let mut risks: Vec<_> = ctx
        .risks
        .iter()
        .filter(|r| r.status != RiskStatus::Closed)
        .collect();
    risks.sort_by(|a, b| b.exposure().total_cmp(&a.exposure()));
    let rows: Vec<Vec<Cell>> = risks
        .iter()
        .take(5)
        .map(|r| {
            let high = status::is_high_risk(r);
            vec![
                Cell::new(r.title.clone()).chip(if high { palette::RED } else { palette::AMBER }),
                Cell::new(r.owner.clone()),
                Cell::new(format!("{:.0}%", r.probability * 100.0)),
                Cell::new(wdays(r.schedule_impact)),
                Cell::new(wdays(
                    admiral_core::WorkMinutes(r.exposure().round() as i64),
                )),
            ]
        })
        .collect();
    if !rows.is_empty() {
        w.subheading("Top risks by exposure");
        w.table(
            &[
                Col::new("Risk", 5.0),
                Col::new("Owner", 2.0),
                Col::new("Prob.", 0.9).right(),
                Col::new("Impact", 0.9).right(),
                Col::new("Exposure", 1.1).right(),
            ],
            &rows,
        );
    }
    risks.len()
}

/// One grey line of counts at the foot of the page.
fn footer(ctx: &Ctx, w: &mut Writer, open_risks: usize) {
    let ids = w.ids.clone();
    let cw = w.content_width();
    let pending = ctx
        .gates
        .iter()
        .filter(|(g, _)| g.state() == Decision::Pending)
        .count();
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let note = format!(
        "{} · {} ({} pending) · {} not closed · schedule warnings: {}",
        count(ctx.tasks.len(), "task", "tasks"),
        count(ctx.gates.len(), "gate", "gates"),
        pending,
        count(open_risks, "risk", "risks"),
        ctx.input.schedule.warnings.len()
    );
    let y = w.y.min(w.bottom() - 4.0);
    w.page().text_fit(
        &ids,
        Face::Regular,
        SMALL,
        palette::GREY,
        MARGIN,
        y + SMALL,
        Align::Left,
        cw,
        &note,
    );
}

/// One line of text across the page at `y`; returns the `y` below it.
fn sentence(w: &mut Writer, y: f32, text: &str) -> f32 {
    let ids = w.ids.clone();
    let cw = w.content_width();
    w.page().text_fit(
        &ids,
        Face::Regular,
        TEXT,
        palette::INK,
        MARGIN,
        y + TEXT,
        Align::Left,
        cw,
        text,
    );
    y + 13.0
}

#[cfg(test)]
mod tests {
    use super::path_line;

    #[test]
    fn a_long_path_keeps_whole_names_at_both_ends_and_counts_the_rest() {
        let names: Vec<String> = (1..=40).map(|i| format!("Task number {i}")).collect();
        let line = path_line(&names, |l| l.chars().count() <= 120);
        assert!(line.chars().count() <= 120, "{line}");
        assert!(line.starts_with("40 tasks: Task number 1 → "), "{line}");
        assert!(line.ends_with(" → Task number 40"), "{line}");
        // Every name shown is whole, and the number left out is what is missing.
        let shown = line.matches("Task number ").count();
        assert!(line.contains(&format!("… {} more …", 40 - shown)), "{line}");
        // Short enough: the whole path, and one task is "1 task".
        assert_eq!(
            path_line(&names[..2], |_| true),
            "2 tasks: Task number 1 → Task number 2"
        );
        assert_eq!(path_line(&names[..1], |_| false), "1 task: Task number 1");
    }
}

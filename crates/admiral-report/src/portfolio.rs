//! The portfolio report for the admiral: a rollup page of every release (RAG, target,
//! forecast, P80, next gate, cost against budget) with the dependencies between releases,
//! the commitments per group, what changed since the last report, the milestone trend
//! chart, then the release report's summary page for each release.
//!
//! Like the release report it draws what core computed (`admiral_core::portfolio::analyse`,
//! `snapshot::changes`, `snapshot::milestone_trend`) and decides nothing itself.

use crate::canvas::{palette, Rgbf};
use crate::ctx::{date, date_short, money, wdays};
use crate::font::Face;
use crate::layout::{self, Cell, Col, Writer, SMALL, TEXT};
use crate::{ReportError, ReportInput, ReportOptions};
use admiral_core::commitment::{by_provider, CommitmentStatus};
use admiral_core::portfolio::Analysis;
use admiral_core::snapshot::{Changes, TrendSeries};
use admiral_core::status::Rag;
use admiral_core::{CommitmentState, Plan, ReleaseStatus};
use chrono::NaiveDateTime;

/// Everything the portfolio report is rendered from.
pub struct PortfolioInput<'a> {
    pub plan: &'a Plan,
    pub analysis: &'a Analysis,
    /// Since the last report (`None`: this is the first).
    pub changes: Option<&'a Changes>,
    pub trend: &'a [TrendSeries],
    pub as_of: NaiveDateTime,
    pub plan_file_name: String,
}

pub(crate) fn rag_color(r: Rag) -> Rgbf {
    match r {
        Rag::Green => palette::GREEN,
        Rag::Amber => palette::AMBER,
        Rag::Red => palette::RED,
    }
}

pub(crate) fn state_color(s: CommitmentState) -> Rgbf {
    match s {
        CommitmentState::Kept | CommitmentState::OnTrack => palette::GREEN,
        CommitmentState::AtRisk => palette::AMBER,
        CommitmentState::Broken => palette::RED,
    }
}

fn status_label(s: ReleaseStatus) -> &'static str {
    match s {
        ReleaseStatus::Planning => "Planning",
        ReleaseStatus::InProgress => "In progress",
        ReleaseStatus::Released => "Released",
        ReleaseStatus::Cancelled => "Cancelled",
    }
}

/// Working days with their sign: "+3d" (late), "-1d", "0d".
fn signed_wdays(v: admiral_core::WorkMinutes) -> String {
    if v.0 > 0 {
        format!("+{}", wdays(v))
    } else {
        wdays(v)
    }
}

fn rollup(w: &mut Writer, input: &PortfolioInput) {
    let a = input.analysis;
    let cur = &input.plan.settings.currency;
    w.section(&format!("Portfolio: {}", input.plan.portfolio.name));
    let mc = match (a.rollup.seed, a.rollup.iterations) {
        (Some(seed), Some(n)) => {
            format!("P80: the date 80% of {n} Monte Carlo iterations (seed {seed}) finish by.")
        }
        _ => "P80: no Monte Carlo run (the plan has no tasks to simulate).".into(),
    };
    let vs = if input.plan.baselines.iter().any(|b| b.number == 0) {
        "vs baseline: the forecast finish against baseline 0, in working days (+: later)."
    } else {
        "vs baseline: none, the plan has no baseline 0 saved."
    };
    w.paragraph(
        &format!(
            "{} releases as of {}. RAG by the release report's rule; {mc} {vs}",
            a.rollup.releases.len(),
            input.as_of.format("%d %b %Y")
        ),
        Face::Regular,
        TEXT,
        palette::GREY,
    );
    let cols = [
        Col::new("Release", 0.15).lines(3),
        Col::new("Status", 0.08).lines(2),
        Col::new("RAG", 0.09),
        Col::new("Target", 0.09),
        Col::new("Forecast", 0.09),
        Col::new("P80", 0.09),
        Col::new("vs baseline", 0.115).right(),
        Col::new("Next gate", 0.14).lines(3),
        Col::new("Cost / budget", 0.155).lines(2),
    ];
    let rows: Vec<Vec<Cell>> = a
        .rollup
        .releases
        .iter()
        .map(|r| {
            let cost = match (r.forecast_cost, r.budget) {
                (Some(c), Some(b)) => format!("{} of {}", money(c, cur), money(b, cur)),
                (Some(c), None) => format!("{} (no budget)", money(c, cur)),
                (None, Some(b)) => format!("— of {}", money(b, cur)),
                (None, None) => "—".into(),
            };
            let over = matches!((r.forecast_cost, r.budget), (Some(c), Some(b)) if c > b);
            vec![
                Cell::new(format!("{} {}", r.code, r.name)).bold(),
                Cell::new(status_label(r.status)),
                Cell::new(r.rag.label()).chip(rag_color(r.rag)).bold(),
                Cell::new(r.target.map_or("—".into(), date_short)),
                Cell::new(date_short(r.forecast_finish)),
                Cell::new(r.p80.map_or("—".into(), date_short)),
                match r.finish_vs_baseline {
                    Some(v) => Cell::new(signed_wdays(v)).color(if v.0 > 0 {
                        palette::RED
                    } else {
                        palette::INK
                    }),
                    None => Cell::new("—"),
                },
                Cell::new(r.next_gate.as_ref().map_or("none pending".into(), |g| {
                    format!("{} ({})", g.name, g.date.format("%d %b"))
                })),
                Cell::new(cost).color(if over { palette::RED } else { palette::INK }),
            ]
        })
        .collect();
    w.table(&cols, &rows);
    for r in &a.rollup.releases {
        let mut text = format!("{} {}: {}", r.code, r.rag.label(), r.rag_reason);
        if !r.open_high_risks.is_empty() {
            text.push_str(&format!(
                " Open high risks: {}.",
                r.open_high_risks.join(", ")
            ));
        }
        if r.pending_gates.len() > 1 {
            text.push_str(&format!(" {} gates pending.", r.pending_gates.len()));
        }
        w.paragraph(&text, Face::Regular, SMALL, palette::INK);
    }

    w.subheading("Dependencies between releases");
    if a.rollup.dependencies.is_empty() {
        w.paragraph(
            "No link crosses releases: each release can move without moving another.",
            Face::Regular,
            TEXT,
            palette::GREY,
        );
        return;
    }
    let cols = [
        Col::new("Release", 0.12),
        Col::new("waits on", 0.12),
        Col::new("through (predecessor → successor, its free float)", 0.60).lines(4),
        Col::new("Least float", 0.16).right(),
    ];
    let rows: Vec<Vec<Cell>> = a
        .rollup
        .dependencies
        .iter()
        .map(|d| {
            let via: Vec<String> = d
                .via
                .iter()
                .map(|v| {
                    format!(
                        "{} → {} ({})",
                        v.predecessor_name,
                        v.successor_name,
                        wdays(v.float)
                    )
                })
                .collect();
            vec![
                Cell::new(d.to_code.clone()).bold(),
                Cell::new(d.from_code.clone()),
                Cell::new(via.join("; ")),
                Cell::new(wdays(d.float_min)).color(if d.float_min.0 <= 0 {
                    palette::RED
                } else {
                    palette::INK
                }),
            ]
        })
        .collect();
    w.table(&cols, &rows);
}

fn commitments(w: &mut Writer, statuses: &[CommitmentStatus]) {
    w.section("Commitments between groups");
    w.paragraph(
        "A commitment is a milestone one group promised another for a date. Kept: done by \
         the promised day; broken: done later, or not done and the day has passed; at risk: \
         not done and forecast after the promised day; on track: forecast on or before it. \
         The record counts the commitments already due.",
        Face::Regular,
        SMALL,
        palette::GREY,
    );
    if statuses.is_empty() {
        w.paragraph(
            "No commitments are recorded in the plan.",
            Face::Regular,
            TEXT,
            palette::GREY,
        );
        return;
    }
    for g in by_provider(statuses) {
        let record = match g.kept_share {
            Some(s) => format!(
                "kept {} of {} due on time ({:.0}%)",
                g.kept,
                g.kept + g.broken,
                s * 100.0
            ),
            None => "none due yet".into(),
        };
        w.subheading(&format!("{} — {record}", g.group));
        let cols = [
            Col::new("Promised to", 0.20).lines(2),
            Col::new("Milestone", 0.32).lines(2),
            Col::new("Promised", 0.14),
            Col::new("Forecast", 0.14),
            Col::new("State", 0.12),
            Col::new("Slip", 0.08).right(),
        ];
        let rows: Vec<Vec<Cell>> = g
            .commitments
            .iter()
            .map(|c| {
                vec![
                    Cell::new(c.commitment.consumer.clone()),
                    Cell::new(format!("{} {}", c.release_code, c.milestone)),
                    Cell::new(date(c.commitment.promised)),
                    Cell::new(date(c.forecast)),
                    Cell::new(c.state.label()).chip(state_color(c.state)).bold(),
                    Cell::new(format!("{:+}d", c.slip_days)),
                ]
            })
            .collect();
        w.table(&cols, &rows);
    }
}

/// Renders the portfolio report to PDF bytes.
pub fn render_portfolio(
    input: &PortfolioInput,
    opts: &ReportOptions,
) -> Result<Vec<u8>, ReportError> {
    let fonts = crate::font::fonts().ok_or(ReportError::Font)?;
    let plan = input.plan;
    if plan.releases.is_empty() {
        return Err(ReportError::NoRelease);
    }
    let title = format!("{} — Portfolio report", plan.portfolio.name);
    let (mut doc, ids) = crate::new_document(&title, fonts);
    let mut w = Writer::new(ids.clone(), opts.paper.size());
    rollup(&mut w, input);
    commitments(&mut w, &input.analysis.commitments);
    w.section("What changed");
    crate::sections::history_changes(&mut w, input.changes, 40);
    crate::sections::history_trend(&mut w, input.trend);

    // One summary page per release, as the release report prints it.
    for r in &plan.releases {
        if crate::release_to_report(plan, Some(r.id)).is_err() {
            continue;
        }
        let ri = ReportInput {
            plan,
            release: Some(r.id),
            schedule: &input.analysis.schedule,
            simulation: input.analysis.simulation.as_ref(),
            comparison: None,
            audit: None,
            as_of: input.as_of,
            plan_file_name: input.plan_file_name.clone(),
            author: String::new(),
            budget: r.budget,
            changes: None,
            trend: &[],
        };
        let ctx = crate::ctx::Ctx::new(&ri, r);
        crate::sections::render(crate::Section::Summary, &ctx, &mut w);
    }

    let as_of = input.as_of.format("%d %b %Y").to_string();
    layout::furnish(
        &mut w.pages,
        &ids,
        &layout::Furniture {
            release: &plan.portfolio.name,
            report_title: "Portfolio report",
            as_of: &as_of,
            confidentiality: &opts.confidentiality,
        },
    );
    let info = &mut doc.metadata.info;
    info.producer = "Admiral portfolio report".into();
    info.subject = format!(
        "Portfolio report for {}, as of {as_of}",
        plan.portfolio.name
    );
    Ok(crate::save_pdf(doc, w.pages, input.as_of))
}

//! What changed since the last report, and the milestone trend chart (MTA): shared by the
//! release report (after its summary) and the portfolio report.

use crate::canvas::{palette, Align, FontIds, Rgbf};
use crate::font::Face;
use crate::layout::{Cell, Col, Writer, MARGIN, SMALL, TEXT};
use admiral_core::snapshot::{ChangeItem, ChangeKind, Changes, TrendSeries};
use chrono::NaiveDate;

fn kind_label(k: ChangeKind) -> &'static str {
    match k {
        ChangeKind::ReleaseMoved => "Release moved",
        ChangeKind::RagChanged => "Status",
        ChangeKind::MilestoneMoved => "Milestone moved",
        ChangeKind::GateMoved => "Gate moved",
        ChangeKind::CommitmentChanged => "Commitment",
        ChangeKind::GateDecided => "Gate decided",
        ChangeKind::RiskOpened => "Risk opened",
        ChangeKind::RiskClosed => "Risk closed",
        ChangeKind::RiskRerated => "Risk re-rated",
        ChangeKind::TaskAdded => "Task added",
        ChangeKind::TaskRemoved => "Task removed",
    }
}

fn delta_color(c: &ChangeItem) -> Rgbf {
    match c.delta_days {
        Some(d) if d > 0 => palette::RED,
        Some(d) if d < 0 => palette::GREEN,
        _ => palette::INK,
    }
}

/// The heading's words: "Changes since the report of 11 Jan 2027".
pub fn heading(c: &Changes) -> String {
    let since = c.since.format("%d %b %Y");
    match c.until {
        None => format!("Changes since the report of {since}"),
        Some(u) => format!(
            "Changes since the report of {since} (up to the report of {})",
            u.format("%d %b %Y")
        ),
    }
}

/// A "Changes since …" block: a subheading and a table of what changed. `rows` caps the
/// table (the rest is counted).
pub fn changes(w: &mut Writer, changes: Option<&Changes>, rows: usize) {
    let Some(c) = changes else {
        w.subheading("Changes since the last report");
        w.paragraph(
            "No earlier report is recorded in the plan: this is the first, so there is \
             nothing to compare with yet.",
            Face::Regular,
            TEXT,
            palette::GREY,
        );
        return;
    };
    w.subheading(&heading(c));
    if c.items.is_empty() {
        w.paragraph(
            "Nothing changed: no milestone or gate moved, no gate was decided, no risk or task \
             changed, no commitment changed state.",
            Face::Regular,
            TEXT,
            palette::GREY,
        );
        return;
    }
    let cols = [
        Col::new("Change", 0.16),
        Col::new("What", 0.44).lines(2),
        Col::new("Before", 0.15),
        Col::new("After", 0.15),
        Col::new("Δ days", 0.10).right(),
    ];
    let shown: Vec<Vec<Cell>> = c
        .items
        .iter()
        .take(rows)
        .map(|i| {
            vec![
                Cell::new(kind_label(i.kind)).bold(),
                Cell::new(i.what.clone()),
                Cell::new(i.before.clone().unwrap_or_default()),
                Cell::new(i.after.clone().unwrap_or_default()),
                Cell::new(i.delta_days.map_or(String::new(), |d| format!("{d:+}")))
                    .color(delta_color(i)),
            ]
        })
        .collect();
    w.table(&cols, &shown);
    if c.items.len() > rows {
        w.paragraph(
            &format!("… and {} more changes.", c.items.len() - rows),
            Face::Regular,
            SMALL,
            palette::GREY,
        );
    }
}

const SERIES: [Rgbf; 8] = [
    Rgbf::hex(0x1f77b4),
    Rgbf::hex(0xd62728),
    Rgbf::hex(0x2ca02c),
    Rgbf::hex(0x9467bd),
    Rgbf::hex(0xff7f0e),
    Rgbf::hex(0x8c564b),
    Rgbf::hex(0x17becf),
    Rgbf::hex(0x7f7f7f),
];

/// The milestone trend chart: x the report date, y the forecast date, one line per key
/// milestone, and the diagonal (a milestone whose line meets it is reached).
pub fn trend(w: &mut Writer, series: &[TrendSeries]) {
    let legend_rows = series.len().div_ceil(2);
    let chart_h = 230.0;
    if !series.is_empty() {
        // The heading goes to the next page with its chart rather than stay alone.
        w.ensure(48.0 + chart_h + 30.0 + legend_rows as f32 * 11.0);
    }
    w.subheading("Milestone trend");
    let points = series.iter().flat_map(|s| &s.points);
    let reports: Vec<NaiveDate> = points.clone().map(|p| p.report).collect();
    let (Some(&x0), Some(&x1)) = (reports.iter().min(), reports.iter().max()) else {
        w.paragraph(
            "No key milestone (gate or promised milestone) has a forecast yet.",
            Face::Regular,
            TEXT,
            palette::GREY,
        );
        return;
    };
    if x0 == x1 {
        w.paragraph(
            "Only one report so far: the trend needs a second one. Each report export adds a \
             point per milestone.",
            Face::Regular,
            TEXT,
            palette::GREY,
        );
    }
    let fy0 = points
        .clone()
        .map(|p| p.forecast)
        .min()
        .unwrap_or(x0)
        .min(x0);
    let fy1 = points.map(|p| p.forecast).max().unwrap_or(x1).max(x1);
    // A week of room on each side.
    let pad = chrono::Duration::days(7);
    let (x0, x1) = (x0 - pad, x1 + pad);
    let (y0, y1) = (fy0 - pad, fy1 + pad);
    w.ensure(chart_h + 30.0 + legend_rows as f32 * 11.0);
    let ids = w.ids.clone();
    let left = MARGIN + 52.0;
    let right = MARGIN + w.content_width() - 8.0;
    let top = w.y + 6.0;
    let bottom = top + chart_h;
    let xs = |d: NaiveDate| {
        left + (d - x0).num_days() as f32 / ((x1 - x0).num_days().max(1) as f32) * (right - left)
    };
    let ys = |d: NaiveDate| {
        bottom - (d - y0).num_days() as f32 / ((y1 - y0).num_days().max(1) as f32) * (bottom - top)
    };
    let page = w.page();
    page.rect(
        left,
        top,
        right - left,
        bottom - top,
        None,
        Some((palette::RULE, 0.6)),
    );
    // Month grid on the y axis, week ticks on the x axis.
    let mut m =
        NaiveDate::from_ymd_opt(chrono::Datelike::year(&y0), chrono::Datelike::month(&y0), 1)
            .unwrap_or(y0);
    while m <= y1 {
        if m >= y0 {
            let y = ys(m);
            page.hline(left, right, y, palette::ZEBRA, 0.5);
            page.caption(
                &ids,
                left - 4.0,
                y + 2.5,
                Align::Right,
                &m.format("%b %Y").to_string(),
            );
        }
        m = m
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(y1 + chrono::Duration::days(1));
    }
    let mut seen = std::collections::BTreeSet::new();
    for s in series {
        for p in &s.points {
            seen.insert(p.report);
        }
    }
    for r in &seen {
        let x = xs(*r);
        page.line(&[(x, bottom), (x, bottom + 3.0)], palette::GREY, 0.5, None);
        page.caption(
            &ids,
            x,
            bottom + 11.0,
            Align::Center,
            &r.format("%d %b").to_string(),
        );
    }
    // The diagonal: forecast = report date.
    let d0 = x0.max(y0);
    let d1 = x1.min(y1);
    if d0 < d1 {
        page.line(
            &[(xs(d0), ys(d0)), (xs(d1), ys(d1))],
            palette::GREY_LIGHT,
            0.8,
            Some(&[3.0, 2.0]),
        );
    }
    for (i, s) in series.iter().enumerate() {
        let c = SERIES[i % SERIES.len()];
        let pts: Vec<(f32, f32)> = s
            .points
            .iter()
            .map(|p| (xs(p.report), ys(p.forecast)))
            .collect();
        if pts.len() > 1 {
            page.line(&pts, c, 1.2, None);
        }
        for &(x, y) in &pts {
            if s.gate {
                page.diamond(x, y, 2.6, c, None);
            } else {
                page.rect(x - 2.0, y - 2.0, 4.0, 4.0, Some(c), None);
            }
        }
    }
    page.caption(
        &ids,
        (left + right) / 2.0,
        bottom + 21.0,
        Align::Center,
        "Report date →   ·   forecast date ↑   ·   dashed: the diagonal (forecast = report date)",
    );
    w.y = bottom + 28.0;
    legend(w, &ids, series);
}

/// The trend chart's legend, two columns: each milestone's release, name and forecast now.
fn legend(w: &mut Writer, ids: &FontIds, series: &[TrendSeries]) {
    let col_w = w.content_width() / 2.0;
    for (i, s) in series.iter().enumerate() {
        let c = SERIES[i % SERIES.len()];
        let x = MARGIN + (i % 2) as f32 * col_w;
        let y = w.y + (i / 2) as f32 * 11.0;
        let page = w.page();
        if s.gate {
            page.diamond(x + 4.0, y + 4.0, 3.0, c, None);
        } else {
            page.rect(x + 1.5, y + 1.5, 5.0, 5.0, Some(c), None);
        }
        let last = s
            .points
            .last()
            .map(|p| p.forecast.format("%d %b %Y").to_string());
        page.text_fit(
            ids,
            Face::Regular,
            SMALL,
            palette::INK,
            x + 11.0,
            y + 7.0,
            Align::Left,
            col_w - 14.0,
            &format!(
                "{} {}{}",
                s.release_code,
                s.name,
                last.map_or(String::new(), |l| format!(" — now {l}"))
            ),
        );
    }
    w.y += series.len().div_ceil(2) as f32 * 11.0 + 8.0;
}

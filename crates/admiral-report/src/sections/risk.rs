//! 5. Schedule risk: the Monte Carlo results, when given.

use crate::canvas::{palette, Align};
use crate::ctx::{date, wdays, Ctx};
use crate::font::Face;
use crate::layout::{Cell, Col, Writer, MARGIN, SMALL, TEXT};
use chrono::{NaiveDate, NaiveDateTime};

pub fn render(ctx: &Ctx, w: &mut Writer) {
    let Some(sim) = &ctx.input.simulation else {
        return;
    };
    w.section("Schedule risk");
    let mut intro = format!(
        "Monte Carlo simulation of the release finish: {} iterations, seed {}.",
        sim.iterations, sim.seed
    );
    if let Some(p) = sim.probability_of_target {
        if let Some(t) = ctx.release.target {
            intro.push_str(&format!(
                " Probability of finishing by the target {}: {:.0}%.",
                date(t),
                p * 100.0
            ));
        }
    }
    w.paragraph(&intro, Face::Regular, TEXT, palette::INK);
    let pct: Vec<String> = sim
        .percentiles
        .iter()
        .map(|(p, d)| format!("P{p} {}", date(*d)))
        .collect();
    if !pct.is_empty() {
        w.paragraph(&pct.join("  ·  "), Face::Bold, TEXT, palette::NAVY);
    }

    if !sim.histogram.is_empty() {
        histogram(ctx, w);
    }

    if !sim.criticality.is_empty() {
        w.subheading("Top 10 tasks by criticality");
        let rows: Vec<Vec<Cell>> = sim
            .criticality
            .iter()
            .take(10)
            .map(|(id, c)| {
                vec![
                    Cell::new(ctx.key(*id)),
                    Cell::new(ctx.name(*id)),
                    Cell::new(format!("{:.0}%", c * 100.0)),
                ]
            })
            .collect();
        w.table(
            &[
                Col::new("ID", 0.7),
                Col::new("Task", 6.0),
                Col::new("On the critical path", 2.0).right(),
            ],
            &rows,
        );
    }
    if !sim.tornado.is_empty() {
        tornado(ctx, w);
    }
}

fn histogram(ctx: &Ctx, w: &mut Writer) {
    let Some(sim) = &ctx.input.simulation else {
        return;
    };
    let bins = &sim.histogram;
    let chart_h = 190.0;
    w.ensure(chart_h + 60.0);
    w.subheading("Finish date distribution");
    let ids = w.ids.clone();
    let cw = w.content_width();
    let left = MARGIN + 28.0;
    let right = MARGIN + cw - 30.0;
    let top = w.y + 8.0;
    let bottom = top + chart_h;
    let first = bins.first().map(|b| b.start);
    let last = bins.last().map(|b| b.end);
    let (Some(first), Some(last)) = (first, last) else {
        return;
    };
    let span = ((last - first).num_days().max(1)) as f32;
    let xof = |d: NaiveDate| left + (d - first).num_days() as f32 / span * (right - left);
    let total: u32 = bins.iter().map(|b| b.count).sum::<u32>().max(1);
    let max = bins.iter().map(|b| b.count).max().unwrap_or(1).max(1) as f32;

    let page = w.page();
    // Axes and grid.
    for k in 0..=4 {
        let y = bottom - chart_h * k as f32 / 4.0;
        page.hline(left, right, y, palette::RULE, 0.4);
        page.text(
            &ids,
            Face::Regular,
            SMALL,
            palette::GREY,
            right + 4.0,
            y + 2.5,
            Align::Left,
            &format!("{}%", k * 25),
        );
    }
    page.text(
        &ids,
        Face::Regular,
        SMALL,
        palette::GREY,
        left - 4.0,
        top + 2.5,
        Align::Right,
        &format!("{}", max as u32),
    );
    page.text(
        &ids,
        Face::Regular,
        SMALL,
        palette::GREY,
        left - 4.0,
        bottom,
        Align::Right,
        "0",
    );
    // Bars.
    for b in bins {
        let x0 = xof(b.start);
        let x1 = xof(b.end);
        let h = b.count as f32 / max * (chart_h - 6.0);
        page.rect(
            x0 + 0.5,
            bottom - h,
            (x1 - x0 - 1.0).max(0.5),
            h,
            Some(palette::NAVY_LIGHT),
            None,
        );
    }
    // Cumulative curve.
    let mut acc = 0u32;
    let mut pts = vec![(xof(first), bottom)];
    for b in bins {
        acc += b.count;
        pts.push((xof(b.end), bottom - acc as f32 / total as f32 * chart_h));
    }
    page.line(&pts, palette::NAVY, 1.4, None);
    // Percentile markers and the target.
    let mut marks: Vec<(String, NaiveDateTime, crate::canvas::Rgbf)> = sim
        .percentiles
        .iter()
        .filter(|(p, _)| matches!(p, 50 | 80 | 95))
        .map(|(p, d)| (format!("P{p}"), *d, palette::INK))
        .collect();
    if let Some(t) = ctx.release.target {
        marks.push(("Target".into(), t, palette::GREEN));
    }
    for (i, (label, d, col)) in marks.iter().enumerate() {
        let x = xof(d.date()).clamp(left, right);
        page.line(&[(x, top), (x, bottom)], *col, 0.8, Some(&[3.0, 2.0]));
        page.text(
            &ids,
            Face::Bold,
            SMALL,
            *col,
            x + 2.0,
            top + 8.0 + i as f32 * 9.0,
            Align::Left,
            label,
        );
    }
    // Date labels under the axis: about six.
    let step = (bins.len() / 6).max(1);
    for b in bins.iter().step_by(step) {
        page.text(
            &ids,
            Face::Regular,
            SMALL,
            palette::GREY,
            xof(b.start),
            bottom + 10.0,
            Align::Center,
            &b.start.format("%d %b").to_string(),
        );
    }
    page.text(&ids, Face::Regular, SMALL, palette::GREY, left, bottom + 22.0, Align::Left, "Bars: iterations finishing in each interval (left scale). Line: cumulative probability (right scale).");
    w.y = bottom + 30.0;
}

fn tornado(ctx: &Ctx, w: &mut Writer) {
    let Some(sim) = &ctx.input.simulation else {
        return;
    };
    let entries: Vec<_> = sim.tornado.iter().take(12).collect();
    let row = 15.0;
    let chart_h = entries.len() as f32 * row + 24.0;
    w.ensure(chart_h + 40.0);
    w.subheading("Sensitivity of the finish (tornado)");
    let ids = w.ids.clone();
    let cw = w.content_width();
    let label_w = cw * 0.36;
    let left = MARGIN + label_w + 6.0;
    let right = MARGIN + cw - 10.0;
    let mid = (left + right) / 2.0;
    let reach = entries
        .iter()
        .map(|e| e.low.0.abs().max(e.high.0.abs()))
        .max()
        .unwrap_or(1)
        .max(1) as f32;
    let scale = (right - mid) / reach;
    let top = w.y + 4.0;
    let page = w.page();
    for (i, e) in entries.iter().enumerate() {
        let y = top + i as f32 * row;
        page.text_fit(
            &ids,
            Face::Regular,
            SMALL + 0.5,
            palette::INK,
            MARGIN,
            y + 10.0,
            Align::Left,
            label_w,
            &e.label,
        );
        let lo = mid + e.low.0 as f32 * scale;
        let hi = mid + e.high.0 as f32 * scale;
        let (a, b) = (lo.min(mid), lo.max(mid));
        page.rect(
            a,
            y + 2.0,
            (b - a).max(0.3),
            row - 4.0,
            Some(palette::NAVY_LIGHT),
            None,
        );
        let (a, b) = (hi.min(mid), hi.max(mid));
        page.rect(
            a,
            y + 2.0,
            (b - a).max(0.3),
            row - 4.0,
            Some(palette::NAVY),
            None,
        );
        page.text(
            &ids,
            Face::Regular,
            SMALL - 0.5,
            palette::GREY,
            lo.min(hi) - 2.0,
            y + 10.0,
            Align::Right,
            &wdays(e.low.min(e.high)),
        );
        page.text(
            &ids,
            Face::Regular,
            SMALL - 0.5,
            palette::GREY,
            lo.max(hi) + 2.0,
            y + 10.0,
            Align::Left,
            &wdays(e.low.max(e.high)),
        );
    }
    let bottom = top + entries.len() as f32 * row;
    page.line(
        &[(mid, top - 2.0), (mid, bottom + 2.0)],
        palette::INK,
        0.6,
        None,
    );
    page.text(&ids, Face::Regular, SMALL, palette::GREY, mid, bottom + 12.0, Align::Center, "Change in release finish vs P50 (working days): light = input at its low end, dark = high end");
    w.y = bottom + 20.0;
}

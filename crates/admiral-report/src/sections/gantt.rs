//! 2. Gantt chart: landscape pages tiled by rows and by time.

use crate::canvas::{palette, Align, FontIds, Page, Rgbf};
use crate::ctx::{decision_color, Ctx};
use crate::font::Face;
use crate::layout::{Writer, BODY_BOTTOM_GAP, BODY_TOP, MARGIN};
use admiral_core::{Decision, LinkType, Task, TaskId, TaskKind};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};
use std::collections::HashMap;

const NAME_PANE: f32 = 215.0;
const ID_W: f32 = 24.0;
const SCALE_H: f32 = 26.0;
const LEGEND_H: f32 = 26.0;
const ROW_MIN: f32 = 11.0;
/// A page with fewer rows than fit draws them taller, up to this.
const ROW_MAX: f32 = 14.0;
const FONT: f32 = 6.5;
/// Above this many links among a page's rows, only driving links are drawn.
const MAX_LINKS_PER_PAGE: usize = 45;
/// At most this many rows are charted (about 40 pages): a larger release is summarised as an
/// executive reads it — summary tasks, milestones, gates and the critical path first — and
/// the chart says what it left out.
pub(crate) const MAX_ROWS: usize = 1200;
/// At most this many pages across in time; a longer span is drawn at a smaller scale.
const MAX_TILES: usize = 4;
/// The as-of date widens the chart only when it is at most this many days outside the plan.
const AS_OF_REACH_DAYS: i64 = 366;

/// The rows to chart, in plan order, and how many tasks were left out. Up to [`MAX_ROWS`]
/// everything is charted; beyond, tasks are kept by rank — level-1 summaries, milestones and
/// gates, then critical tasks, then deeper summaries level by level — until the budget is
/// spent.
pub(crate) fn chart_rows<'t>(ctx: &Ctx, all: &[&'t Task]) -> (Vec<&'t Task>, usize) {
    if all.len() <= MAX_ROWS {
        return (all.to_vec(), 0);
    }
    // The rows shown first when there are too many; `None`: a plain task off the critical path.
    let rank = |t: &Task| -> Option<u32> {
        let summary = ctx.summaries.contains(&t.id);
        let critical = ctx.dates(t.id).is_some_and(|d| d.critical);
        if (summary && t.outline_level <= 1) || t.kind != TaskKind::Task {
            Some(0)
        } else if critical && !summary {
            Some(1)
        } else if summary {
            Some(1 + u32::from(t.outline_level))
        } else {
            None
        }
    };
    let mut order: Vec<(u32, usize)> = all
        .iter()
        .enumerate()
        .filter_map(|(i, t)| rank(t).map(|r| (r, i)))
        .collect();
    order.sort_unstable();
    order.truncate(MAX_ROWS);
    let mut keep: Vec<usize> = order.into_iter().map(|(_, i)| i).collect();
    keep.sort_unstable();
    let rows: Vec<&Task> = keep.into_iter().map(|i| all[i]).collect();
    let left = all.len() - rows.len();
    (rows, left)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Scale {
    Week,
    Month,
}

struct Geometry {
    origin: NaiveDate,
    day_w: f32,
    scale: Scale,
    /// Days covered by one page.
    tile_days: i64,
    tiles: usize,
}

fn geometry(start: NaiveDate, end: NaiveDate, timeline_w: f32) -> Geometry {
    let g = geometry_at(start, end, timeline_w, 1.2);
    if g.tiles <= MAX_TILES {
        return g;
    }
    // A very long span: a smaller scale, so that it fits in MAX_TILES pages across.
    let days = g.tiles as f32 * g.tile_days as f32;
    let day_w = (timeline_w * MAX_TILES as f32 / days).max(0.001);
    geometry_at(start, end, timeline_w, day_w)
}

fn geometry_at(start: NaiveDate, end: NaiveDate, timeline_w: f32, min_day_w: f32) -> Geometry {
    // Start on the Monday before the first date, a little margin after the last.
    let origin = start - Duration::days(i64::from(start.weekday().num_days_from_monday()));
    let end = end + Duration::days(7);
    let days = (end - origin).num_days().max(7);
    // One page wide when a day gets at least 3 pt (week scale) or 1.2 pt (month scale);
    // longer spans are tiled across pages at 1.2 pt a day.
    let fit = timeline_w / days as f32;
    let scale = if fit >= 3.0 {
        Scale::Week
    } else {
        Scale::Month
    };
    let mut day_w = fit.max(min_day_w);
    let mut scale = scale;
    let mut tile_days = (timeline_w / day_w).floor() as i64;
    if tile_days < days {
        tile_days = (tile_days / 7 * 7).max(7);
    }
    let tiles = ((days + tile_days - 1) / tile_days).max(1) as usize;
    if tiles > 1 {
        // The span shared out evenly over the pages across, in whole weeks, so that the last
        // page does not run on for months past the plan (a 14-month plan on two pages: seven
        // months each, not twelve and two).
        let even = (days + tiles as i64 - 1) / tiles as i64;
        tile_days = ((even + 6) / 7 * 7).max(7);
        day_w = timeline_w / tile_days as f32;
        if day_w >= 3.0 {
            scale = Scale::Week;
        }
    }
    Geometry {
        origin,
        day_w,
        scale,
        tile_days,
        tiles,
    }
}

fn day_offset(origin: NaiveDate, t: NaiveDateTime) -> f32 {
    (t - origin.and_hms_opt(0, 0, 0).unwrap_or_default()).num_minutes() as f32 / 1440.0
}

pub fn render(ctx: &Ctx, w: &mut Writer) {
    let all: Vec<&Task> = ctx
        .tasks
        .iter()
        .copied()
        .filter(|t| ctx.dates(t.id).is_some())
        .collect();
    if all.is_empty() {
        return;
    }
    let (rows, left_out) = chart_rows(ctx, &all);
    let (Some(start), Some(finish)) = (ctx.start(), ctx.forecast()) else {
        return;
    };
    let as_of = ctx.input.as_of.date();
    let (mut lo, mut hi) = (start.date(), finish.date());
    // An as-of date far outside the plan (a typo, 9999-12-31) would stretch the chart over
    // centuries of nothing: the chart then keeps to the plan, and the line is not drawn.
    if (lo - as_of).num_days() <= AS_OF_REACH_DAYS && (as_of - hi).num_days() <= AS_OF_REACH_DAYS {
        lo = lo.min(as_of);
        hi = hi.max(as_of);
    }
    if let Some(t) = ctx.release.target {
        lo = lo.min(t.date());
        hi = hi.max(t.date());
    }
    let (pw, ph) = (w.paper.1, w.paper.0); // landscape
    let timeline_x = MARGIN + NAME_PANE;
    let timeline_w = pw - MARGIN - timeline_x;
    let g = geometry(lo, hi, timeline_w);
    let avail = ph - BODY_BOTTOM_GAP - BODY_TOP - 18.0 - SCALE_H - LEGEND_H;
    let per_page = (avail / ROW_MIN).floor().max(5.0) as usize;
    let row_of: HashMap<TaskId, usize> = rows.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
    let pages = page_ranges(rows.len(), per_page, |i| {
        ctx.summaries.contains(&rows[i].id)
    });
    // The fullest page's rows fill it, as far as a row of ROW_MAX; every page has that height.
    let fullest = pages.iter().map(|r| r.len()).max().unwrap_or(1).max(1);
    let row_h = (avail / fullest as f32)
        .min(ROW_MAX)
        .max(avail / per_page as f32);
    let page_of: Vec<usize> = (pages.iter().enumerate())
        .flat_map(|(p, r)| r.clone().map(move |_| p))
        .collect();
    // The links drawn on each page (both ends among its rows), found in one pass over the
    // plan's links rather than once per page.
    let mut page_links: Vec<Vec<(&admiral_core::Link, usize, usize)>> =
        vec![Vec::new(); pages.len()];
    for l in &ctx.plan.links {
        if let (Some(&p), Some(&s)) = (row_of.get(&l.predecessor), row_of.get(&l.successor)) {
            if page_of[p] == page_of[s] {
                let first = pages[page_of[p]].start;
                page_links[page_of[p]].push((l, p - first, s - first));
            }
        }
    }
    for (range, links) in pages.iter().zip(&page_links) {
        let (first, last) = (range.start, range.end);
        for tile in 0..g.tiles {
            let t0 = g.origin + Duration::days(tile as i64 * g.tile_days);
            let t1 = t0 + Duration::days(g.tile_days);
            w.new_page(true);
            let ids = w.ids.clone();
            let title = format!(
                "Gantt chart — rows {}–{} of {}{}, {} to {}{}",
                first + 1,
                last,
                rows.len(),
                if left_out > 0 {
                    format!(
                        " ({} of {} tasks: summaries, milestones, gates and the critical path; {} left out)",
                        rows.len(),
                        all.len(),
                        left_out
                    )
                } else {
                    String::new()
                },
                t0.format("%d %b %Y"),
                (t1 - Duration::days(1)).format("%d %b %Y"),
                if g.tiles > 1 {
                    format!(" (part {} of {})", tile + 1, g.tiles)
                } else {
                    String::new()
                }
            );
            let page = w.page();
            page.text_fit(
                &ids,
                Face::Bold,
                12.0,
                palette::NAVY,
                MARGIN,
                BODY_TOP + 11.0,
                Align::Left,
                pw - 2.0 * MARGIN,
                &title,
            );
            let top = BODY_TOP + 18.0;
            let view = View {
                ids: &ids,
                ctx,
                g: &g,
                t0,
                t1,
                x0: timeline_x,
                x1: timeline_x + ((t1 - t0).num_days() as f32 * g.day_w).min(timeline_w),
                scale_top: top,
                rows_top: top + SCALE_H,
                row_h,
            };
            view.draw(page, &rows[first..last], first, links);
        }
    }
}

/// The rows each page of the chart holds: as few pages as `per_page` rows to a page allow,
/// with the rows shared out evenly over them (113 rows at most 37 to a page: 29, 28, 28, 28,
/// not 37, 37, 37 and a page of 2). A page does not end on a summary (`summary(row)`), which
/// would leave it apart from its tasks: the summary moves to the next page while that keeps
/// within the pages' count.
fn page_ranges(
    n: usize,
    per_page: usize,
    summary: impl Fn(usize) -> bool,
) -> Vec<std::ops::Range<usize>> {
    let per_page = per_page.max(1);
    let count = n.div_ceil(per_page);
    let mut pages = Vec::with_capacity(count);
    let mut start = 0;
    for page in 0..count {
        let left = count - page;
        let mut end = start + (n - start).div_ceil(left);
        while left > 1
            && end > start + 1
            && summary(end - 1)
            && n - (end - 1) <= (left - 1) * per_page
        {
            end -= 1;
        }
        pages.push(start..end);
        start = end;
    }
    pages
}

struct View<'a, 'b> {
    ids: &'a FontIds,
    ctx: &'a Ctx<'b>,
    g: &'a Geometry,
    t0: NaiveDate,
    t1: NaiveDate,
    x0: f32,
    x1: f32,
    scale_top: f32,
    rows_top: f32,
    row_h: f32,
}

impl View<'_, '_> {
    fn x(&self, t: NaiveDateTime) -> f32 {
        self.x0
            + (day_offset(self.g.origin, t) - (self.t0 - self.g.origin).num_days() as f32)
                * self.g.day_w
    }
    fn xd(&self, d: NaiveDate) -> f32 {
        self.x(d.and_hms_opt(0, 0, 0).unwrap_or_default())
    }

    fn draw(
        &self,
        page: &mut Page,
        rows: &[&Task],
        first: usize,
        links: &[(&admiral_core::Link, usize, usize)],
    ) {
        let bottom = self.rows_top + rows.len() as f32 * self.row_h;
        let name_x = MARGIN;

        // Zebra rows across both panes.
        for i in 0..rows.len() {
            if (first + i) % 2 == 1 {
                page.rect(
                    name_x,
                    self.rows_top + i as f32 * self.row_h,
                    self.x1 - name_x,
                    self.row_h,
                    Some(palette::ZEBRA),
                    None,
                );
            }
        }
        self.shading(page, bottom);
        self.timescale(page, bottom);

        self.date_lines(page, bottom);
        self.names(page, rows, bottom);

        // Links, under the bars.
        // A page with many links shows only the driving ones (those that set a start), so
        // that the arrows stay readable.
        let dense = links.len() > MAX_LINKS_PER_PAGE;
        for &(l, pi, si) in links {
            if dense
                && self
                    .ctx
                    .dates(l.successor)
                    .and_then(|d| d.driving_predecessor)
                    != Some(l.predecessor)
            {
                continue;
            }
            self.link(page, l.kind, l.predecessor, l.successor, pi, si);
        }

        // Bars.
        for (i, t) in rows.iter().enumerate() {
            self.bar(page, t, i);
        }
        page.line(
            &[(name_x, bottom), (self.x1, bottom)],
            palette::GREY_LIGHT,
            0.6,
            None,
        );
        self.legend(page, bottom + 14.0);
        self.blackout_names(page, bottom + 26.0);
    }

    /// The as-of and target lines, where they fall in the page's span.
    fn date_lines(&self, page: &mut Page, bottom: f32) {
        let ids = self.ids;
        let as_of = self.ctx.input.as_of;
        if as_of.date() >= self.t0 && as_of.date() < self.t1 {
            let x = self.x(as_of);
            page.line(
                &[(x, self.scale_top + 12.0), (x, bottom)],
                palette::NAVY,
                0.9,
                Some(&[3.0, 2.0]),
            );
            page.text(
                ids,
                Face::Bold,
                6.0,
                palette::NAVY,
                x + 2.0,
                bottom + 7.0,
                Align::Left,
                "As of",
            );
        }
        if let Some(t) = self.ctx.release.target {
            if t.date() >= self.t0 && t.date() < self.t1 {
                let x = self.x(t);
                page.line(
                    &[(x, self.scale_top + 12.0), (x, bottom)],
                    palette::GREEN,
                    0.9,
                    Some(&[1.5, 1.5]),
                );
                page.text(
                    ids,
                    Face::Bold,
                    6.0,
                    palette::GREEN,
                    x - 2.0,
                    bottom + 7.0,
                    Align::Right,
                    "Target",
                );
            }
        }
    }

    /// The name pane: its header, and each row's ID and indented name (critical in red).
    fn names(&self, page: &mut Page, rows: &[&Task], bottom: f32) {
        let ids = self.ids;
        let name_x = MARGIN;
        page.line(
            &[(self.x0, self.scale_top), (self.x0, bottom)],
            palette::GREY_LIGHT,
            0.6,
            None,
        );
        page.text(
            ids,
            Face::Bold,
            FONT,
            palette::GREY,
            name_x + 2.0,
            self.rows_top - 4.0,
            Align::Left,
            "ID",
        );
        page.text(
            ids,
            Face::Bold,
            FONT,
            palette::GREY,
            name_x + ID_W,
            self.rows_top - 4.0,
            Align::Left,
            "Task",
        );
        for (i, t) in rows.iter().enumerate() {
            let y = self.rows_top + i as f32 * self.row_h + self.row_h / 2.0 + FONT * 0.35;
            let summary = self.ctx.summaries.contains(&t.id);
            let crit = !summary && self.ctx.dates(t.id).is_some_and(|d| d.critical);
            let face = if summary { Face::Bold } else { Face::Regular };
            let col = if crit {
                palette::CRITICAL
            } else {
                palette::INK
            };
            let indent = f32::from(t.outline_level.saturating_sub(1).min(8)) * 6.0;
            page.text_fit(
                ids,
                Face::Regular,
                FONT,
                palette::GREY,
                name_x + 2.0,
                y,
                Align::Left,
                ID_W - 4.0,
                &t.key(),
            );
            page.text_fit(
                ids,
                face,
                FONT,
                col,
                name_x + ID_W + indent,
                y,
                Align::Left,
                NAME_PANE - ID_W - indent - 4.0,
                &t.name,
            );
        }
    }

    fn shading(&self, page: &mut Page, bottom: f32) {
        let Some(cal) = self.ctx.calendar else { return };
        let shade_weekends = self.g.day_w >= 2.0;
        let mut d = self.t0;
        while d < self.t1 {
            if cal.minutes_on(d) == 0 {
                let holiday = cal
                    .exceptions
                    .iter()
                    .any(|e| e.start <= d && d <= e.finish && e.working.is_empty());
                if holiday || shade_weekends {
                    let col = if holiday {
                        palette::HOLIDAY
                    } else {
                        palette::WEEKEND
                    };
                    page.rect(
                        self.xd(d),
                        self.rows_top,
                        self.g.day_w,
                        bottom - self.rows_top,
                        Some(col),
                        None,
                    );
                }
            }
            d += Duration::days(1);
        }
        for b in self
            .ctx
            .plan
            .blackouts
            .iter()
            .filter(|b| b.release_id == self.ctx.release.id)
        {
            let s = b.start.max(self.t0);
            let f = (b.finish + Duration::days(1)).min(self.t1);
            if s >= f {
                continue;
            }
            let (xa, xb) = (self.xd(s), self.xd(f));
            page.rect(
                xa,
                self.rows_top,
                xb - xa,
                bottom - self.rows_top,
                Some(palette::BLACKOUT),
                None,
            );
        }
    }

    /// The release's blackouts that fall in the page's span, in date order, named on one
    /// line under the legend (a label inside the band would lie over the first row's bar).
    fn blackout_names(&self, page: &mut Page, y: f32) {
        let mut shown: Vec<_> = self
            .ctx
            .plan
            .blackouts
            .iter()
            .filter(|b| b.release_id == self.ctx.release.id)
            .filter(|b| b.start < self.t1 && b.finish >= self.t0)
            .collect();
        if shown.is_empty() {
            return;
        }
        shown.sort_by_key(|b| (b.start, b.finish));
        let names: Vec<String> = shown
            .iter()
            .map(|b| {
                format!(
                    "{} {} – {}",
                    b.name,
                    b.start.format("%d %b"),
                    b.finish.format("%d %b %Y")
                )
            })
            .collect();
        let label = if names.len() == 1 {
            "Blackout"
        } else {
            "Blackouts"
        };
        page.text_fit(
            self.ids,
            Face::Regular,
            6.0,
            palette::GREY,
            MARGIN,
            y,
            Align::Left,
            self.x1 - MARGIN,
            &format!("{label}: {}", names.join(" · ")),
        );
    }

    fn timescale(&self, page: &mut Page, bottom: f32) {
        let ids = self.ids;
        let top = self.scale_top;
        page.rect(
            self.x0,
            top,
            self.x1 - self.x0,
            SCALE_H,
            Some(palette::NAVY_PALE),
            None,
        );
        // Months along the top.
        let mut m = NaiveDate::from_ymd_opt(self.t0.year(), self.t0.month(), 1).unwrap_or(self.t0);
        while m < self.t1 {
            let next = if m.month() == 12 {
                NaiveDate::from_ymd_opt(m.year() + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(m.year(), m.month() + 1, 1)
            }
            .unwrap_or(self.t1);
            let xa = self.xd(m.max(self.t0));
            let xb = self.xd(next.min(self.t1));
            if m >= self.t0 {
                page.line(&[(xa, top), (xa, bottom)], palette::GREY_LIGHT, 0.5, None);
            }
            // The longest of "March 2027", "Mar '27" and "Mar" that fits the month's width;
            // none in a sliver of a month at the chart's edge (an ellipsis alone says nothing).
            let room = (xb - xa - 2.0).max(0.0);
            let label = [m.format("%B %Y"), m.format("%b '%y"), m.format("%b")]
                .into_iter()
                .map(|f| f.to_string())
                .find(|l| ids.face(Face::Bold).width(l, 6.5) <= room);
            if let Some(label) = label {
                page.text(
                    ids,
                    Face::Bold,
                    6.5,
                    palette::NAVY,
                    (xa + xb) / 2.0,
                    top + 9.0,
                    Align::Center,
                    &label,
                );
            }
            m = next;
        }
        page.hline(self.x0, self.x1, top + 12.0, palette::GREY_LIGHT, 0.4);
        // Weeks (week scale) or week ticks (month scale) below.
        let mut d = self.t0;
        while d < self.t1 {
            if d.weekday() == Weekday::Mon {
                let x = self.xd(d);
                page.line(
                    &[(x, top + 12.0), (x, top + SCALE_H)],
                    palette::GREY_LIGHT,
                    0.4,
                    None,
                );
                let room = (self.x1 - x - 1.5).min(7.0 * self.g.day_w - 1.5);
                if self.g.scale == Scale::Week {
                    page.line(&[(x, top + SCALE_H), (x, bottom)], palette::RULE, 0.3, None);
                    let label = d.format("%d %b").to_string();
                    if ids.face(Face::Regular).width(&label, 5.5) <= room {
                        page.text(
                            ids,
                            Face::Regular,
                            5.5,
                            palette::GREY,
                            x + 1.5,
                            top + 22.0,
                            Align::Left,
                            &label,
                        );
                    }
                } else {
                    let label = d.format("%d").to_string();
                    if ids.face(Face::Regular).width(&label, 5.0) <= room {
                        page.text(
                            ids,
                            Face::Regular,
                            5.0,
                            palette::GREY,
                            x + 1.0,
                            top + 22.0,
                            Align::Left,
                            &label,
                        );
                    }
                }
            }
            d += Duration::days(1);
        }
    }

    fn visible(&self, s: NaiveDateTime, f: NaiveDateTime) -> Option<(f32, f32)> {
        let (a, b) = (self.x(s), self.x(f));
        if b < self.x0 || a > self.x1 {
            return None;
        }
        Some((a.max(self.x0), b.min(self.x1)))
    }

    fn bar(&self, page: &mut Page, t: &Task, i: usize) {
        let Some(d) = self.ctx.dates(t.id) else {
            return;
        };
        let cy = self.rows_top + i as f32 * self.row_h + self.row_h / 2.0;
        let summary = self.ctx.summaries.contains(&t.id);
        if t.is_milestone() && !summary {
            let x = self.x(d.finish);
            if x < self.x0 - 0.1 || x > self.x1 + 0.1 {
                return;
            }
            let r = (self.row_h * 0.38).min(4.2);
            let fill = match (t.kind, self.ctx.gates.iter().find(|(_, gt)| gt.id == t.id)) {
                (TaskKind::Gate, Some((g, _))) => decision_color(g.state()),
                _ if d.critical => palette::CRITICAL,
                _ => palette::NAVY,
            };
            let stroke = if d.critical {
                palette::CRITICAL
            } else {
                palette::NAVY
            };
            page.diamond(x, cy, r, fill, Some((stroke, 0.6)));
            let rejected = t.kind == TaskKind::Gate
                && self
                    .ctx
                    .gates
                    .iter()
                    .any(|(g, gt)| gt.id == t.id && g.state() == Decision::Rejected);
            if rejected {
                cross(page, x, cy, r);
            }
            return;
        }
        let Some((a, b)) = self.visible(d.start, d.finish) else {
            return;
        };
        let w = (b - a).max(0.8);
        if summary {
            let h = self.row_h * 0.22;
            let y = cy - h;
            page.rect(a, y, w, h, Some(palette::INK), None);
            let tip = h * 1.6;
            if self.x(d.start) >= self.x0 {
                page.polygon(
                    &[(a, y), (a + tip, y), (a, y + h + tip)],
                    palette::INK,
                    None,
                );
            }
            if self.x(d.finish) <= self.x1 {
                page.polygon(
                    &[(b, y), (b - tip, y), (b, y + h + tip)],
                    palette::INK,
                    None,
                );
            }
            return;
        }
        let h = self.row_h * 0.56;
        let y = cy - h / 2.0;
        let (fill, edge): (Rgbf, Rgbf) = if d.critical {
            (palette::CRITICAL, palette::CRITICAL)
        } else {
            (palette::NAVY_LIGHT, palette::NAVY)
        };
        if t.splits.is_empty() {
            page.rect(a, y, w, h, Some(fill), Some((edge, 0.4)));
        } else {
            // A split task (MS Project's Split Task): a bar per period of work, a dotted
            // line across each gap.
            let segments = admiral_core::split::segments(self.ctx.plan, t, d.start, d.finish);
            for (k, &(s, f)) in segments.iter().enumerate() {
                if k > 0 {
                    if let Some((ga, gb)) = self.visible(segments[k - 1].1, s) {
                        page.line(&[(ga, cy), (gb, cy)], edge, 0.8, Some(&[1.0, 1.5]));
                    }
                }
                if let Some((sa, sb)) = self.visible(s, f) {
                    page.rect(sa, y, (sb - sa).max(0.8), h, Some(fill), Some((edge, 0.4)));
                }
            }
        }
        let pct = f32::from(t.progress.percent_complete.min(100)) / 100.0;
        if pct > 0.0 {
            let full_a = self.x(d.start);
            let full_b = self.x(d.finish);
            let pb = (full_a + (full_b - full_a) * pct).min(b);
            if pb > a {
                page.rect(a, cy - h / 6.0, pb - a, h / 3.0, Some(palette::INK), None);
            }
        }
    }

    fn link(
        &self,
        page: &mut Page,
        kind: LinkType,
        pred: TaskId,
        succ: TaskId,
        pi: usize,
        si: usize,
    ) {
        let (Some(p), Some(s)) = (self.ctx.dates(pred), self.ctx.dates(succ)) else {
            return;
        };
        if self.ctx.summaries.contains(&pred) || self.ctx.summaries.contains(&succ) {
            return;
        }
        let (from, to) = match kind {
            LinkType::FS => (p.finish, s.start),
            LinkType::SS => (p.start, s.start),
            LinkType::FF => (p.finish, s.finish),
            LinkType::SF => (p.start, s.finish),
        };
        let (xa, xb) = (self.x(from), self.x(to));
        // Only where the whole arrow stays on this page.
        if xa < self.x0 || xa > self.x1 || xb < self.x0 || xb > self.x1 {
            return;
        }
        let ya = self.rows_top + pi as f32 * self.row_h + self.row_h / 2.0;
        let yb = self.rows_top + si as f32 * self.row_h + self.row_h / 2.0;
        let col = if p.critical && s.critical {
            palette::CRITICAL
        } else {
            palette::GREY
        };
        let down = yb > ya;
        let edge = if down {
            yb - self.row_h * 0.3
        } else {
            yb + self.row_h * 0.3
        };
        let pts = if xb >= xa + 2.0 {
            // Right from the predecessor, then down into the successor's bar.
            vec![(xa, ya), (xb, ya), (xb, edge)]
        } else {
            let mid = if down {
                ya + self.row_h / 2.0
            } else {
                ya - self.row_h / 2.0
            };
            vec![
                (xa, ya),
                (xa + 3.0, ya),
                (xa + 3.0, mid),
                (xb - 3.0, mid),
                (xb - 3.0, yb),
                (xb - 1.0, yb),
            ]
        };
        page.line(&pts, col, 0.4, None);
        let (tx, ty) = pts[pts.len() - 1];
        if xb >= xa + 2.0 {
            let dir = if down { -1.0 } else { 1.0 };
            page.polygon(
                &[
                    (tx, ty),
                    (tx - 1.6, ty + 2.2 * dir),
                    (tx + 1.6, ty + 2.2 * dir),
                ],
                col,
                None,
            );
        } else {
            page.polygon(
                &[(tx, ty), (tx - 2.2, ty - 1.6), (tx - 2.2, ty + 1.6)],
                col,
                None,
            );
        }
    }

    fn legend(&self, page: &mut Page, y: f32) {
        let ids = self.ids;
        let mut x = MARGIN;
        let mut item = |page: &mut Page, draw: &dyn Fn(&mut Page, f32), label: &str| {
            draw(page, x);
            page.text(
                ids,
                Face::Regular,
                6.0,
                palette::GREY,
                x + 12.0,
                y + 2.0,
                Align::Left,
                label,
            );
            x += 16.0 + ids.face(Face::Regular).width(label, 6.0) + 8.0;
        };
        item(
            page,
            &|p, x| {
                p.rect(
                    x,
                    y - 3.0,
                    10.0,
                    5.0,
                    Some(palette::NAVY_LIGHT),
                    Some((palette::NAVY, 0.4)),
                )
            },
            "Task",
        );
        item(
            page,
            &|p, x| p.rect(x, y - 3.0, 10.0, 5.0, Some(palette::CRITICAL), None),
            "Critical",
        );
        item(
            page,
            &|p, x| p.rect(x, y - 2.0, 10.0, 2.5, Some(palette::INK), None),
            "Summary / progress",
        );
        item(
            page,
            &|p, x| p.diamond(x + 5.0, y - 0.5, 3.5, palette::NAVY, None),
            "Milestone",
        );
        item(
            page,
            &|p, x| p.diamond(x + 5.0, y - 0.5, 3.5, palette::GREEN, None),
            "Gate approved",
        );
        item(
            page,
            &|p, x| p.diamond(x + 5.0, y - 0.5, 3.5, palette::AMBER, None),
            "Gate pending",
        );
        item(
            page,
            &|p, x| {
                p.diamond(x + 5.0, y - 0.5, 3.5, palette::RED, None);
                cross(p, x + 5.0, y - 0.5, 3.5);
            },
            "Gate rejected",
        );
        item(
            page,
            &|p, x| {
                p.rect(
                    x,
                    y - 4.0,
                    10.0,
                    7.0,
                    Some(palette::WEEKEND),
                    Some((palette::RULE, 0.3)),
                )
            },
            "Non-working",
        );
        item(
            page,
            &|p, x| p.rect(x, y - 4.0, 10.0, 7.0, Some(palette::HOLIDAY), None),
            "Holiday",
        );
        item(
            page,
            &|p, x| p.rect(x, y - 4.0, 10.0, 7.0, Some(palette::BLACKOUT), None),
            "Blackout",
        );
        item(
            page,
            &|p, x| {
                p.line(
                    &[(x + 5.0, y - 4.0), (x + 5.0, y + 3.0)],
                    palette::NAVY,
                    0.9,
                    Some(&[2.0, 1.0]),
                )
            },
            "As of",
        );
    }
}

/// The white cross inside a rejected gate's diamond of half-width `r` at (`x`, `y`): a
/// critical milestone is a red diamond too.
fn cross(page: &mut Page, x: f32, y: f32, r: f32) {
    let a = r * 0.42;
    for (dx, dy) in [(a, a), (a, -a)] {
        page.line(
            &[(x - dx, y - dy), (x + dx, y + dy)],
            palette::WHITE,
            0.8,
            None,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_shared_out_evenly_over_the_fewest_pages() {
        let sizes = |n, per, summary: &dyn Fn(usize) -> bool| -> Vec<usize> {
            page_ranges(n, per, summary)
                .iter()
                .map(|r| r.len())
                .collect()
        };
        // The demo release: 113 rows, 37 to a page.
        assert_eq!(sizes(113, 37, &|_| false), [29, 28, 28, 28]);
        assert_eq!(sizes(74, 37, &|_| false), [37, 37]);
        assert_eq!(sizes(38, 37, &|_| false), [19, 19]);
        assert_eq!(sizes(5, 37, &|_| false), [5]);
        assert!(sizes(0, 37, &|_| false).is_empty());
        // Row 28 (the 29th, the first page's last) is a summary: it starts the second page.
        assert_eq!(sizes(113, 37, &|i| i == 28), [28, 29, 28, 28]);
        // So are rows 26 to 28: all three move.
        assert_eq!(
            sizes(113, 37, &|i| (26..=28).contains(&i)),
            [26, 29, 29, 29]
        );
        // Full pages leave no room to move one.
        assert_eq!(sizes(74, 37, &|i| i == 36), [37, 37]);
    }

    #[test]
    fn page_ranges_keep_every_row_once_in_order_within_the_count() {
        for per in [1, 2, 5, 11, 37] {
            for n in 0..200 {
                for every in [2, 3, 7, 1000] {
                    let summary = |i: usize| i.is_multiple_of(every);
                    let pages = page_ranges(n, per, summary);
                    assert_eq!(pages.len(), n.div_ceil(per), "{n} rows, {per} a page");
                    let mut next = 0;
                    for (p, r) in pages.iter().enumerate() {
                        assert_eq!(r.start, next);
                        assert!(!r.is_empty() && r.len() <= per, "{n}/{per}: {r:?}");
                        // No page but the last ends on a summary, unless moving it would
                        // leave the rest more than the pages left can hold, or the page empty.
                        if p + 1 < pages.len() && summary(r.end - 1) && r.len() > 1 {
                            let left = pages.len() - p - 1;
                            assert!(n - (r.end - 1) > left * per, "{n}/{per}/{every}: {r:?}");
                        }
                        next = r.end;
                    }
                    assert_eq!(next, n);
                }
            }
        }
    }

    #[test]
    fn a_span_over_several_pages_is_shared_out_evenly_in_whole_weeks() {
        let start = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        for months in [3, 14, 20, 30] {
            let end = start + Duration::days(months * 30);
            let g = geometry(start, end, 560.0);
            let days = (end + Duration::days(7) - g.origin).num_days();
            assert!(g.tiles as i64 * g.tile_days >= days, "{months} months");
            if g.tiles > 1 {
                assert_eq!(g.tile_days % 7, 0, "{months} months");
                // The last page runs past the span by less than a week per page.
                assert!(g.tiles as i64 * g.tile_days - days < 7 * g.tiles as i64);
            }
            assert!(g.day_w * g.tile_days as f32 <= 560.0 + 0.01);
        }
    }
}

//! The report's sections. Each writes its own pages; a section without its input writes
//! nothing.

mod appendix;
mod critical;
mod gantt;
mod gates;
mod history;
mod register;
mod risk;
mod scenarios;
mod summary;

use crate::ctx::Ctx;
use crate::layout::Writer;
use crate::Section;

pub use history::{changes as history_changes, trend as history_trend};

pub fn render(s: Section, ctx: &Ctx, w: &mut Writer) {
    match s {
        Section::Summary => {
            summary::render(ctx, w);
            // What changed and the milestone trend, when the caller computed them.
            if ctx.input.changes.is_some() || !ctx.input.trend.is_empty() {
                w.section("What changed");
                history::changes(w, ctx.input.changes, 25);
                history::trend(w, ctx.input.trend);
            }
        }
        Section::Gantt => gantt::render(ctx, w),
        Section::Gates => gates::render(ctx, w),
        Section::Critical => critical::render(ctx, w),
        Section::Risk => risk::render(ctx, w),
        Section::Scenarios => scenarios::render(ctx, w),
        Section::Register => register::render(ctx, w),
        Section::Appendix => appendix::render(ctx, w),
    }
}

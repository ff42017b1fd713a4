//! The report's sections. Each writes its own pages; a section without its input writes
//! nothing.

mod appendix;
mod critical;
mod gantt;
mod gates;
mod register;
mod risk;
mod scenarios;
mod summary;

use crate::ctx::Ctx;
use crate::layout::Writer;
use crate::Section;

pub fn render(s: Section, ctx: &Ctx, w: &mut Writer) {
    match s {
        Section::Summary => summary::render(ctx, w),
        Section::Gantt => gantt::render(ctx, w),
        Section::Gates => gates::render(ctx, w),
        Section::Critical => critical::render(ctx, w),
        Section::Risk => risk::render(ctx, w),
        Section::Scenarios => scenarios::render(ctx, w),
        Section::Register => register::render(ctx, w),
        Section::Appendix => appendix::render(ctx, w),
    }
}

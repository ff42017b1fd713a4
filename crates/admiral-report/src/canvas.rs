//! A page to draw on in points from the top-left corner, turned into printpdf operations.

use crate::font::{ellipsize, runs, Face, Fonts, LoadedFace, RunFace};
use printpdf::{
    Color, FontId, Line, LineDashPattern, LinePoint, Op, PaintMode, PdfFontHandle, Point, Polygon,
    PolygonRing, Pt, Rect, Rgb, TextItem, WindingOrder,
};

/// An RGB colour, components 0–1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rgbf(pub f32, pub f32, pub f32);

impl Rgbf {
    pub const fn hex(v: u32) -> Self {
        Rgbf(
            ((v >> 16) & 0xff) as f32 / 255.0,
            ((v >> 8) & 0xff) as f32 / 255.0,
            (v & 0xff) as f32 / 255.0,
        )
    }
    fn color(self) -> Color {
        Color::Rgb(Rgb {
            r: self.0,
            g: self.1,
            b: self.2,
            icc_profile: None,
        })
    }
}

/// The palette: navy and greys, one accent for the critical path, and RAG colours.
pub mod palette {
    use super::Rgbf;
    pub const NAVY: Rgbf = Rgbf::hex(0x1f3a5f);
    pub const NAVY_LIGHT: Rgbf = Rgbf::hex(0x6f8bb0);
    pub const NAVY_PALE: Rgbf = Rgbf::hex(0xdfe7f1);
    pub const INK: Rgbf = Rgbf::hex(0x222222);
    pub const GREY: Rgbf = Rgbf::hex(0x666666);
    pub const GREY_LIGHT: Rgbf = Rgbf::hex(0xbbbbbb);
    pub const RULE: Rgbf = Rgbf::hex(0xd6d9de);
    pub const ZEBRA: Rgbf = Rgbf::hex(0xf4f6f9);
    pub const WEEKEND: Rgbf = Rgbf::hex(0xeef0f3);
    pub const HOLIDAY: Rgbf = Rgbf::hex(0xe2e4e8);
    pub const BLACKOUT: Rgbf = Rgbf::hex(0xf6e3e3);
    pub const CRITICAL: Rgbf = Rgbf::hex(0xc0392b);
    pub const RED: Rgbf = Rgbf::hex(0xc62828);
    pub const AMBER: Rgbf = Rgbf::hex(0xe69500);
    pub const GREEN: Rgbf = Rgbf::hex(0x2e7d32);
    pub const WHITE: Rgbf = Rgbf::hex(0xffffff);
}

/// Where text sits relative to its x coordinate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Center,
}

/// One page under construction. Coordinates are points from the top-left corner.
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub landscape: bool,
    ops: Vec<Op>,
    pen: Pen,
    /// The faces from the system's fonts this page's text uses ([`RunFace::System`]).
    system_faces: std::collections::BTreeSet<usize>,
}

/// What the page's operations have set so far. PDF keeps colours, the line width and the font
/// from one operation to the next (and across text objects), so an operation that would set
/// what is already set is left out: a 500-task report set the same colour and font before
/// nearly every line of text and every bar, and writing those operations was a third of
/// printpdf's time turning the pages into PDF.
#[derive(Default)]
struct Pen {
    fill: Option<Rgbf>,
    stroke: Option<Rgbf>,
    width: Option<f32>,
    font: Option<(RunFace, f32)>,
}

/// The parsed faces and their printpdf handles in this document.
#[derive(Clone)]
pub struct FontIds {
    pub fonts: &'static Fonts,
    pub regular: FontId,
    pub bold: FontId,
}

impl FontIds {
    pub fn face(&self, face: Face) -> &'static LoadedFace {
        self.fonts.get(face)
    }

    /// The document's font for `face`; a face from the system's fonts is added to the
    /// document when it is saved ([`crate::save_pdf`]), under this id.
    pub fn id(&self, face: RunFace) -> FontId {
        match face {
            RunFace::Embedded(Face::Regular) => self.regular.clone(),
            RunFace::Embedded(Face::Bold) => self.bold.clone(),
            RunFace::System(n) => system_font_id(n),
        }
    }
}

/// The document's font id of the n-th face taken from the system's fonts. printpdf takes the
/// first six letters as the subset's tag ("SYSAAB+WenQuanYiMicroHei"), which PDF wants in
/// capitals.
pub fn system_font_id(n: usize) -> FontId {
    let letter = |k: usize| char::from(b'A' + (k % 26) as u8);
    FontId(format!(
        "SYS{}{}{}-system-face-{n}",
        letter(n / 676),
        letter(n / 26),
        letter(n)
    ))
}

impl Page {
    pub fn new(width: f32, height: f32, landscape: bool) -> Self {
        Self {
            width,
            height,
            landscape,
            ops: Vec::with_capacity(512),
            pen: Pen::default(),
            system_faces: std::collections::BTreeSet::new(),
        }
    }

    fn fill(&mut self, c: Rgbf) {
        if self.pen.fill != Some(c) {
            self.pen.fill = Some(c);
            self.ops.push(Op::SetFillColor { col: c.color() });
        }
    }

    fn stroke(&mut self, c: Rgbf, width: f32) {
        if self.pen.stroke != Some(c) {
            self.pen.stroke = Some(c);
            self.ops.push(Op::SetOutlineColor { col: c.color() });
        }
        if self.pen.width != Some(width) {
            self.pen.width = Some(width);
            self.ops.push(Op::SetOutlineThickness { pt: Pt(width) });
        }
    }

    fn font(&mut self, ids: &FontIds, face: RunFace, size: f32) {
        if self.pen.font != Some((face, size)) {
            self.pen.font = Some((face, size));
            if let RunFace::System(n) = face {
                self.system_faces.insert(n);
            }
            self.ops.push(Op::SetFont {
                font: PdfFontHandle::External(ids.id(face)),
                size: Pt(size),
            });
        }
    }

    /// The faces from the system's fonts that this page's text uses.
    pub fn system_faces(&self) -> impl Iterator<Item = usize> + '_ {
        self.system_faces.iter().copied()
    }

    pub fn into_ops(self) -> Vec<Op> {
        self.ops
    }

    fn pt(&self, x: f32, y: f32) -> LinePoint {
        LinePoint {
            p: Point {
                x: Pt(x),
                y: Pt(self.height - y),
            },
            bezier: false,
        }
    }

    /// A filled and/or stroked rectangle; `y` is its top edge.
    pub fn rect(
        &mut self,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgbf>,
        stroke: Option<(Rgbf, f32)>,
    ) {
        let mode = match (fill, stroke) {
            (Some(f), Some((s, lw))) => {
                self.fill(f);
                self.stroke(s, lw);
                PaintMode::FillStroke
            }
            (Some(f), None) => {
                self.fill(f);
                PaintMode::Fill
            }
            (None, Some((s, lw))) => {
                self.stroke(s, lw);
                PaintMode::Stroke
            }
            (None, None) => return,
        };
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(self.height - y - h),
                width: Pt(w),
                height: Pt(h),
                mode: Some(mode),
                winding_order: Some(WindingOrder::NonZero),
            },
        });
    }

    /// A filled polygon.
    pub fn polygon(&mut self, pts: &[(f32, f32)], fill: Rgbf, stroke: Option<(Rgbf, f32)>) {
        self.fill(fill);
        let mode = if let Some((s, lw)) = stroke {
            self.stroke(s, lw);
            PaintMode::FillStroke
        } else {
            PaintMode::Fill
        };
        let points = pts.iter().map(|&(x, y)| self.pt(x, y)).collect();
        self.ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing { points }],
                mode,
                winding_order: WindingOrder::NonZero,
            },
        });
    }

    /// A diamond centred on (cx, cy) with half-diagonal `r`.
    pub fn diamond(&mut self, cx: f32, cy: f32, r: f32, fill: Rgbf, stroke: Option<(Rgbf, f32)>) {
        self.polygon(
            &[(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)],
            fill,
            stroke,
        );
    }

    /// A polyline; `dash` is a dash-gap pattern in points.
    pub fn line(&mut self, pts: &[(f32, f32)], color: Rgbf, width: f32, dash: Option<&[f32]>) {
        if let Some(d) = dash {
            self.ops.push(Op::SetLineDashPattern {
                dash: LineDashPattern::new(0.0, d),
            });
        }
        self.stroke(color, width);
        let points = pts.iter().map(|&(x, y)| self.pt(x, y)).collect();
        self.ops.push(Op::DrawLine {
            line: Line {
                points,
                is_closed: false,
            },
        });
        if dash.is_some() {
            self.ops.push(Op::SetLineDashPattern {
                dash: LineDashPattern::solid(),
            });
        }
    }

    pub fn hline(&mut self, x0: f32, x1: f32, y: f32, color: Rgbf, width: f32) {
        self.line(&[(x0, y), (x1, y)], color, width, None);
    }

    /// Small grey text: the scales, axis labels and legends of a chart.
    pub fn caption(&mut self, ids: &FontIds, x: f32, y: f32, align: Align, s: &str) {
        let (size, grey) = (crate::layout::SMALL, palette::GREY);
        self.text(ids, Face::Regular, size, grey, x, y, align, s);
    }

    /// One line of text with its baseline at `y`. Text is drawn as given: callers measure and
    /// cut it first (see [`Page::text_fit`]).
    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &mut self,
        ids: &FontIds,
        face: Face,
        size: f32,
        color: Rgbf,
        x: f32,
        y: f32,
        align: Align,
        s: &str,
    ) {
        if s.is_empty() {
            return;
        }
        // Right-to-left runs in the order they are read, Arabic joined (`bidi`).
        let s = &*crate::bidi::visual(s);
        let x = match align {
            Align::Left => x,
            Align::Right => x - ids.face(face).width(s, size),
            Align::Center => x - ids.face(face).width(s, size) / 2.0,
        };
        self.ops.push(Op::StartTextSection);
        self.fill(color);
        self.ops.push(Op::SetTextCursor {
            pos: Point {
                x: Pt(x),
                y: Pt(self.height - y),
            },
        });
        // Each run in its face; the viewer moves on by each glyph's advance, so the runs
        // follow one another as they were measured.
        for (run_face, run) in runs(ids.fonts, face, s) {
            self.font(ids, run_face, size);
            self.ops.push(Op::ShowText {
                items: vec![TextItem::Text(run.to_string())],
            });
        }
        self.ops.push(Op::EndTextSection);
    }

    /// Like [`Page::text`], ellipsised to `max_width`.
    #[allow(clippy::too_many_arguments)]
    pub fn text_fit(
        &mut self,
        ids: &FontIds,
        face: Face,
        size: f32,
        color: Rgbf,
        x: f32,
        y: f32,
        align: Align,
        max_width: f32,
        s: &str,
    ) {
        let cut = ellipsize(ids.face(face), s, size, max_width);
        self.text(ids, face, size, color, x, y, align, &cut);
    }
}

#[cfg(test)]
mod tests {
    use super::palette::{GREEN, GREY, INK, NAVY, RED};
    use super::*;

    /// How many of `ops` set the fill colour, the stroke colour, the line width and the font.
    fn sets(ops: &[Op]) -> [usize; 4] {
        let mut n = [0; 4];
        for op in ops {
            match op {
                Op::SetFillColor { .. } => n[0] += 1,
                Op::SetOutlineColor { .. } => n[1] += 1,
                Op::SetOutlineThickness { .. } => n[2] += 1,
                Op::SetFont { .. } => n[3] += 1,
                _ => {}
            }
        }
        n
    }

    #[test]
    fn a_colour_or_width_already_set_is_not_set_again() {
        let mut p = Page::new(200.0, 200.0, false);
        p.rect(0.0, 0.0, 10.0, 10.0, Some(RED), None);
        p.rect(0.0, 20.0, 10.0, 10.0, Some(RED), None);
        assert_eq!(sets(&p.ops), [1, 0, 0, 0]);
        p.line(&[(0.0, 0.0), (5.0, 5.0)], NAVY, 1.0, None);
        p.hline(0.0, 5.0, 9.0, NAVY, 1.0);
        assert_eq!(sets(&p.ops), [1, 1, 1, 0]);
        // Only what changed: the width, then the fill.
        p.line(&[(0.0, 0.0), (5.0, 5.0)], NAVY, 2.0, None);
        p.rect(0.0, 0.0, 10.0, 10.0, Some(GREEN), Some((NAVY, 2.0)));
        assert_eq!(sets(&p.ops), [2, 1, 2, 0]);
        p.diamond(50.0, 50.0, 4.0, GREEN, Some((RED, 2.0)));
        assert_eq!(sets(&p.ops), [2, 2, 2, 0]);
        // Every drawing operation is still there.
        let draws = p
            .ops
            .iter()
            .filter(|op| {
                matches!(
                    op,
                    Op::DrawRectangle { .. } | Op::DrawLine { .. } | Op::DrawPolygon { .. }
                )
            })
            .count();
        assert_eq!(draws, 7);
    }

    #[test]
    fn text_sets_its_font_and_colour_only_when_they_change() {
        let fonts = crate::font::fonts().expect("the report's fonts");
        let (_, ids) = crate::new_document("t", fonts);
        let mut p = Page::new(200.0, 200.0, false);
        let text = |p: &mut Page, face, size, color| {
            p.text(&ids, face, size, color, 10.0, 10.0, Align::Left, "Gate 3");
        };
        text(&mut p, Face::Regular, 9.0, INK);
        text(&mut p, Face::Regular, 9.0, INK);
        assert_eq!(sets(&p.ops), [1, 0, 0, 1]);
        text(&mut p, Face::Bold, 9.0, INK);
        text(&mut p, Face::Bold, 12.0, INK);
        text(&mut p, Face::Bold, 12.0, GREY);
        assert_eq!(sets(&p.ops), [2, 0, 0, 3]);
        // A bar in another colour between two lines: the second line sets its colour again.
        p.rect(0.0, 0.0, 10.0, 10.0, Some(RED), None);
        text(&mut p, Face::Bold, 12.0, GREY);
        assert_eq!(sets(&p.ops), [4, 0, 0, 3]);
        let shown = p
            .ops
            .iter()
            .filter(|op| matches!(op, Op::ShowText { .. }))
            .count();
        let (starts, ends) = (
            p.ops
                .iter()
                .filter(|op| matches!(op, Op::StartTextSection))
                .count(),
            p.ops
                .iter()
                .filter(|op| matches!(op, Op::EndTextSection))
                .count(),
        );
        assert_eq!((shown, starts, ends), (6, 6, 6));
    }
}

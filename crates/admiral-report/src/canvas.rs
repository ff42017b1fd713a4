//! A page to draw on in points from the top-left corner, turned into printpdf operations.

use crate::font::{ellipsize, Face, Fonts, LoadedFace};
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
}

impl Page {
    pub fn new(width: f32, height: f32, landscape: bool) -> Self {
        Self {
            width,
            height,
            landscape,
            ops: Vec::with_capacity(512),
        }
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
                self.ops.push(Op::SetFillColor { col: f.color() });
                self.ops.push(Op::SetOutlineColor { col: s.color() });
                self.ops.push(Op::SetOutlineThickness { pt: Pt(lw) });
                PaintMode::FillStroke
            }
            (Some(f), None) => {
                self.ops.push(Op::SetFillColor { col: f.color() });
                PaintMode::Fill
            }
            (None, Some((s, lw))) => {
                self.ops.push(Op::SetOutlineColor { col: s.color() });
                self.ops.push(Op::SetOutlineThickness { pt: Pt(lw) });
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
        self.ops.push(Op::SetFillColor { col: fill.color() });
        let mode = if let Some((s, lw)) = stroke {
            self.ops.push(Op::SetOutlineColor { col: s.color() });
            self.ops.push(Op::SetOutlineThickness { pt: Pt(lw) });
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
        self.ops.push(Op::SetOutlineColor { col: color.color() });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(width) });
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
        let x = match align {
            Align::Left => x,
            Align::Right => x - ids.face(face).width(s, size),
            Align::Center => x - ids.face(face).width(s, size) / 2.0,
        };
        let font = match face {
            Face::Regular => ids.regular.clone(),
            Face::Bold => ids.bold.clone(),
        };
        self.ops.push(Op::StartTextSection);
        self.ops.push(Op::SetFont {
            font: PdfFontHandle::External(font),
            size: Pt(size),
        });
        self.ops.push(Op::SetFillColor { col: color.color() });
        self.ops.push(Op::SetTextCursor {
            pos: Point {
                x: Pt(x),
                y: Pt(self.height - y),
            },
        });
        self.ops.push(Op::ShowText {
            items: vec![TextItem::Text(s.to_string())],
        });
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

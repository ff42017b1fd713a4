//! Page flow: section titles, paragraphs and tables that break across pages, repeating their
//! header row; and the header and footer added to every page once the page count is known.

use crate::canvas::{palette, Align, FontIds, Page, Rgbf};
use crate::font::{wrap, Face};

pub const MARGIN: f32 = 40.0;
/// The body starts below the header band.
pub const BODY_TOP: f32 = 64.0;
/// Space kept free above the page bottom for the footer.
pub const BODY_BOTTOM_GAP: f32 = 48.0;

/// Sizes of the body text.
pub const TEXT: f32 = 8.5;
pub const SMALL: f32 = 7.0;

/// A column of a table.
#[derive(Clone, Debug)]
pub struct Col {
    pub title: &'static str,
    /// Share of the table width (the shares are normalised).
    pub share: f32,
    pub align: Align,
    /// Lines a cell may wrap to before it is ellipsised.
    pub max_lines: usize,
}

impl Col {
    pub fn new(title: &'static str, share: f32) -> Self {
        Self {
            title,
            share,
            align: Align::Left,
            max_lines: 1,
        }
    }
    pub fn right(mut self) -> Self {
        self.align = Align::Right;
        self
    }
    pub fn lines(mut self, n: usize) -> Self {
        self.max_lines = n.max(1);
        self
    }
}

/// A table cell.
#[derive(Clone, Debug)]
pub struct Cell {
    pub text: String,
    pub face: Face,
    pub color: Rgbf,
    /// A coloured dot before the text (RAG, gate state).
    pub chip: Option<Rgbf>,
    /// Left indent in points (WBS levels).
    pub indent: f32,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            face: Face::Regular,
            color: palette::INK,
            chip: None,
            indent: 0.0,
        }
    }
    pub fn bold(mut self) -> Self {
        self.face = Face::Bold;
        self
    }
    pub fn color(mut self, c: Rgbf) -> Self {
        self.color = c;
        self
    }
    pub fn chip(mut self, c: Rgbf) -> Self {
        self.chip = Some(c);
        self
    }
    pub fn indent(mut self, pts: f32) -> Self {
        self.indent = pts;
        self
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::new(s)
    }
}
impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::new(s)
    }
}

/// Lays content out onto pages.
pub struct Writer {
    pub ids: FontIds,
    /// Portrait width and height of the paper, in points.
    pub paper: (f32, f32),
    pub pages: Vec<Page>,
    /// The next free y on the current page.
    pub y: f32,
    /// The title of the section being written, repeated on continuation pages.
    section: String,
}

impl Writer {
    pub fn new(ids: FontIds, paper: (f32, f32)) -> Self {
        Self {
            ids,
            paper,
            pages: Vec::new(),
            y: BODY_TOP,
            section: String::new(),
        }
    }

    pub fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.new_page(false);
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    pub fn page_width(&self) -> f32 {
        self.pages.last().map_or(self.paper.0, |p| p.width)
    }

    pub fn bottom(&self) -> f32 {
        self.pages.last().map_or(self.paper.1, |p| p.height) - BODY_BOTTOM_GAP
    }

    pub fn content_width(&self) -> f32 {
        self.page_width() - 2.0 * MARGIN
    }

    pub fn new_page(&mut self, landscape: bool) {
        let (w, h) = if landscape {
            (self.paper.1, self.paper.0)
        } else {
            self.paper
        };
        self.pages.push(Page::new(w, h, landscape));
        self.y = BODY_TOP;
    }

    /// Starts a section on a new portrait page with its title.
    pub fn section(&mut self, title: &str) {
        self.new_page(false);
        self.section = title.to_string();
        self.title(title);
    }

    fn title(&mut self, title: &str) {
        let ids = self.ids.clone();
        let y = self.y + 14.0;
        let w = self.content_width();
        self.page().text_fit(
            &ids,
            Face::Bold,
            14.0,
            palette::NAVY,
            MARGIN,
            y,
            Align::Left,
            w,
            title,
        );
        self.y = y + 12.0;
    }

    /// Continues the current section on a new page.
    pub fn continue_page(&mut self) {
        let landscape = self.pages.last().is_some_and(|p| p.landscape);
        self.new_page(landscape);
        let t = format!("{} (continued)", self.section);
        self.title(&t);
    }

    /// Makes room for `h` points, breaking the page when needed.
    pub fn ensure(&mut self, h: f32) {
        if self.y + h > self.bottom() {
            self.continue_page();
        }
    }

    /// The name the section's continuation pages carry from here on ("… (continued)"), for
    /// a section whose later part is not what its title names.
    pub fn continue_as(&mut self, title: &str) {
        self.section = title.to_string();
    }

    /// A small heading inside a section.
    pub fn subheading(&mut self, text: &str) {
        self.ensure(40.0);
        self.y += 8.0;
        let ids = self.ids.clone();
        let y = self.y + 9.0;
        let w = self.content_width();
        self.page().text_fit(
            &ids,
            Face::Bold,
            10.0,
            palette::NAVY,
            MARGIN,
            y,
            Align::Left,
            w,
            text,
        );
        self.y = y + 6.0;
    }

    /// A wrapped paragraph.
    pub fn paragraph(&mut self, text: &str, face: Face, size: f32, color: Rgbf) {
        let w = self.content_width();
        let lines = wrap(self.ids.face(face), text, size, w, 40);
        let lh = size * 1.35;
        let n = lines.len();
        // A paragraph of up to four lines stays on one page; a longer one leaves neither its
        // first nor its last line alone on a page.
        self.ensure(lh * n.min(if n <= 4 { 4 } else { 2 }) as f32);
        for (k, l) in lines.into_iter().enumerate() {
            self.ensure(lh * if n - k == 2 { 2.0 } else { 1.0 });
            let ids = self.ids.clone();
            let y = self.y + size;
            self.page()
                .text(&ids, face, size, color, MARGIN, y, Align::Left, &l);
            self.y += lh;
        }
        self.y += 3.0;
    }

    /// A table across the content width; rows wrap their cells and break across pages, the
    /// header row repeating on each page.
    pub fn table(&mut self, cols: &[Col], rows: &[Vec<Cell>]) {
        let x0 = MARGIN;
        let total = self.content_width();
        let shares: f32 = cols.iter().map(|c| c.share).sum::<f32>().max(0.001);
        let widths: Vec<f32> = cols.iter().map(|c| c.share / shares * total).collect();
        let size = SMALL + 0.5;
        let lh = size * 1.3;
        let pad = 3.0;
        let header_h = lh + 2.0 * pad;

        self.ensure(header_h + lh + 2.0 * pad);
        self.table_header(cols, &widths, size, header_h);
        for (i, row) in rows.iter().enumerate() {
            // Lay the row's cells out first to know its height.
            let laid: Vec<Vec<String>> = cols
                .iter()
                .zip(&widths)
                .zip(row)
                .map(|((c, w), cell)| {
                    let avail =
                        (w - 2.0 * pad - cell.indent - if cell.chip.is_some() { 8.0 } else { 0.0 })
                            .max(4.0);
                    wrap(
                        self.ids.face(cell.face),
                        &cell.text,
                        size,
                        avail,
                        c.max_lines,
                    )
                })
                .collect();
            let n = laid.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let row_h = n as f32 * lh + 2.0 * pad;
            if self.y + row_h > self.bottom() {
                self.continue_page();
                self.table_header(cols, &widths, size, header_h);
            }
            let ids = self.ids.clone();
            let y = self.y;
            let page = self.page();
            if i % 2 == 1 {
                page.rect(x0, y, total, row_h, Some(palette::ZEBRA), None);
            }
            let mut x = x0;
            for (((c, w), cell), lines) in cols.iter().zip(&widths).zip(row).zip(&laid) {
                let mut tx = x + pad + cell.indent;
                if let Some(chip) = cell.chip {
                    page.rect(tx, y + pad + 1.5, 5.0, 5.0, Some(chip), None);
                    tx += 8.0;
                }
                for (k, l) in lines.iter().enumerate() {
                    let by = y + pad + size * 0.85 + k as f32 * lh;
                    let (ax, al) = match c.align {
                        Align::Left => (tx, Align::Left),
                        Align::Right => (x + w - pad, Align::Right),
                        Align::Center => (x + w / 2.0, Align::Center),
                    };
                    page.text(&ids, cell.face, size, cell.color, ax, by, al, l);
                }
                x += w;
            }
            page.hline(x0, x0 + total, y + row_h, palette::RULE, 0.4);
            self.y += row_h;
        }
        self.y += 8.0;
    }

    fn table_header(&mut self, cols: &[Col], widths: &[f32], size: f32, h: f32) {
        let ids = self.ids.clone();
        let x0 = MARGIN;
        let total: f32 = widths.iter().sum();
        let y = self.y;
        let page = self.page();
        page.rect(x0, y, total, h, Some(palette::NAVY), None);
        let mut x = x0;
        for (c, w) in cols.iter().zip(widths) {
            let by = y + h / 2.0 + size * 0.35;
            let (ax, al) = match c.align {
                Align::Left => (x + 3.0, Align::Left),
                Align::Right => (x + w - 3.0, Align::Right),
                Align::Center => (x + w / 2.0, Align::Center),
            };
            page.text_fit(
                &ids,
                Face::Bold,
                size,
                palette::WHITE,
                ax,
                by,
                al,
                w - 6.0,
                c.title,
            );
            x += w;
        }
        self.y += h;
    }
}

/// What the header and footer show.
pub struct Furniture<'a> {
    pub release: &'a str,
    pub report_title: &'a str,
    pub as_of: &'a str,
    pub confidentiality: &'a str,
}

/// Adds the header and footer to every page.
pub fn furnish(pages: &mut [Page], ids: &FontIds, f: &Furniture) {
    let n = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        let w = page.width;
        let h = page.height;
        let half = (w - 2.0 * MARGIN) / 2.0 - 6.0;
        page.rect(0.0, 0.0, w, 6.0, Some(palette::NAVY), None);
        page.text_fit(
            ids,
            Face::Bold,
            9.0,
            palette::NAVY,
            MARGIN,
            30.0,
            Align::Left,
            half,
            f.release,
        );
        page.text_fit(
            ids,
            Face::Regular,
            8.0,
            palette::GREY,
            w - MARGIN,
            30.0,
            Align::Right,
            half,
            f.report_title,
        );
        page.hline(MARGIN, w - MARGIN, 38.0, palette::RULE, 0.6);

        let fy = h - 24.0;
        page.hline(MARGIN, w - MARGIN, fy - 11.0, palette::RULE, 0.6);
        let third = (w - 2.0 * MARGIN) / 3.0 - 6.0;
        page.text_fit(
            ids,
            Face::Bold,
            7.5,
            palette::CRITICAL,
            MARGIN,
            fy,
            Align::Left,
            third,
            f.confidentiality,
        );
        page.text_fit(
            ids,
            Face::Regular,
            7.5,
            palette::GREY,
            w / 2.0,
            fy,
            Align::Center,
            third,
            &format!("As of {}", f.as_of),
        );
        page.text(
            ids,
            Face::Regular,
            7.5,
            palette::GREY,
            w - MARGIN,
            fy,
            Align::Right,
            &format!("Page {} of {}", i + 1, n),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn writer() -> Writer {
        let fonts = crate::font::fonts().expect("the embedded faces parse");
        let (_, ids) = crate::new_document("t", fonts);
        let mut w = Writer::new(ids, (595.0, 842.0));
        w.section("Section");
        w
    }

    /// The number of lines of `text` at TEXT size across the content width.
    fn lines(w: &Writer, text: &str) -> usize {
        wrap(w.ids.face(Face::Regular), text, TEXT, w.content_width(), 40).len()
    }

    #[test]
    fn a_short_paragraph_stays_on_one_page_and_a_long_one_leaves_no_line_alone() {
        let lh = TEXT * 1.35;
        // Where a continuation page's text starts.
        let mut c = writer();
        c.ensure(c.bottom());
        let next_top = c.y;
        assert_eq!(c.pages.len(), 2);

        // Two lines with room for one and a half: both go to the next page.
        let two = "word ".repeat(30);
        let mut w = writer();
        assert_eq!(lines(&w, &two), 2);
        w.y = w.bottom() - lh * 1.5;
        w.paragraph(&two, Face::Regular, TEXT, palette::INK);
        assert_eq!(w.pages.len(), 2);
        assert!((w.y - (next_top + 2.0 * lh + 3.0)).abs() < 0.01);

        // A long paragraph with room for all but half a line: its last two lines go over
        // together, not the last alone.
        let long = "word ".repeat(140);
        let mut w = writer();
        let n = lines(&w, &long);
        assert!(n > 4, "{n}");
        w.y = w.bottom() - lh * (n as f32 - 0.5);
        w.paragraph(&long, Face::Regular, TEXT, palette::INK);
        assert_eq!(w.pages.len(), 2);
        assert!((w.y - (next_top + 2.0 * lh + 3.0)).abs() < 0.01);

        // With room for one line only, a long paragraph starts on the next page.
        let mut w = writer();
        w.y = w.bottom() - lh * 1.5;
        w.paragraph(&long, Face::Regular, TEXT, palette::INK);
        assert_eq!(w.pages.len(), 2);
        assert!((w.y - (next_top + n as f32 * lh + 3.0)).abs() < 0.01);
    }
}

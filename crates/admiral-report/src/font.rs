//! The embedded DejaVu Sans faces and text measurement with their glyph advances.
//!
//! Text is measured with the same advances the PDF viewer uses (the font's `hmtx` table, no
//! kerning), so a string that we measure to fit a column does fit it on paper.

use printpdf::ParsedFont;
use std::sync::OnceLock;

/// The two faces the report uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Face {
    Regular,
    Bold,
}

/// A parsed face with a fast path for the advances of the Latin-1 range.
pub struct LoadedFace {
    pub parsed: ParsedFont,
    units_per_em: f32,
    latin: [u16; 256],
}

impl LoadedFace {
    fn load(bytes: &'static [u8]) -> Option<Self> {
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())?;
        let units_per_em = f32::from(parsed.pdf_font_metrics.units_per_em.max(1));
        let mut latin = [0u16; 256];
        for (c, slot) in latin.iter_mut().enumerate() {
            *slot = advance_of(&parsed, c as u32);
        }
        Some(Self {
            parsed,
            units_per_em,
            latin,
        })
    }

    /// Whether the face has a glyph for `c` (else the viewer shows a box).
    #[cfg(test)]
    pub fn has_glyph(&self, c: char) -> bool {
        self.parsed
            .lookup_glyph_index(c as u32)
            .is_some_and(|g| g != 0)
    }

    /// Width of `c` at `size` points.
    pub fn char_width(&self, c: char, size: f32) -> f32 {
        let cp = c as u32;
        let units = if cp < 256 {
            self.latin[cp as usize]
        } else {
            advance_of(&self.parsed, cp)
        };
        f32::from(units) * size / self.units_per_em
    }

    /// Width of `s` at `size` points.
    pub fn width(&self, s: &str, size: f32) -> f32 {
        s.chars().map(|c| self.char_width(c, size)).sum()
    }
}

/// The advance of `cp`'s glyph. A character the face has no glyph for prints as a box one
/// em wide (the PDF font's default width, which the viewer uses for a glyph the embedded
/// subset lacks), not at the width of the face's own `.notdef`: measured at that, Chinese
/// names ran over the next column.
fn advance_of(font: &ParsedFont, cp: u32) -> u16 {
    match font.lookup_glyph_index(cp) {
        Some(glyph) if glyph != 0 => font.get_horizontal_advance(glyph),
        _ => font.pdf_font_metrics.units_per_em.max(1),
    }
}

/// Both faces, parsed once per process.
pub struct Fonts {
    pub regular: LoadedFace,
    pub bold: LoadedFace,
}

impl Fonts {
    pub fn get(&self, face: Face) -> &LoadedFace {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }
}

static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();

/// The parsed DejaVu Sans faces, or `None` if the embedded bytes could not be parsed.
pub fn fonts() -> Option<&'static Fonts> {
    FONTS
        .get_or_init(|| {
            Some(Fonts {
                regular: LoadedFace::load(dejavu::sans::regular())?,
                bold: LoadedFace::load(dejavu::sans::bold())?,
            })
        })
        .as_ref()
}

/// `s` cut to fit `max_width` points, ending in "…" when it was cut.
pub fn ellipsize(face: &LoadedFace, s: &str, size: f32, max_width: f32) -> String {
    if face.width(s, size) <= max_width {
        return s.to_string();
    }
    let ell = face.char_width('…', size);
    let mut out = String::new();
    let mut w = 0.0;
    for c in s.chars() {
        let cw = face.char_width(c, size);
        if w + cw + ell > max_width {
            break;
        }
        w += cw;
        out.push(c);
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('…');
    out
}

/// `s` broken into lines of at most `max_width` points, at spaces where possible and inside
/// over-long words otherwise; at most `max_lines` lines, the last ellipsised if text remains.
pub fn wrap(
    face: &LoadedFace,
    s: &str,
    size: f32,
    max_width: f32,
    max_lines: usize,
) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for paragraph in s.split('\n') {
        let mut line = String::new();
        let mut line_w = 0.0;
        let space = face.char_width(' ', size);
        for word in paragraph.split_whitespace() {
            let ww = face.width(word, size);
            let sep = if line.is_empty() { 0.0 } else { space };
            if line_w + sep + ww <= max_width {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
                line_w += sep + ww;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                line_w = 0.0;
            }
            if ww <= max_width {
                line.push_str(word);
                line_w = ww;
            } else {
                // Break a word that is wider than the column.
                for c in word.chars() {
                    let cw = face.char_width(c, size);
                    if line_w + cw > max_width && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        line_w = 0.0;
                    }
                    line.push(c);
                    line_w += cw;
                }
            }
        }
        lines.push(line);
    }
    while lines.len() > 1 && lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    if lines.len() > max_lines {
        let rest = lines[max_lines - 1..].join(" ");
        lines.truncate(max_lines - 1);
        lines.push(ellipsize(face, &format!("{rest}…"), size, max_width));
        // `ellipsize` keeps a string that fits; make sure the cut is visible.
        if let Some(last) = lines.last_mut() {
            if !last.ends_with('…') {
                last.push('…');
            }
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dejavu_has_the_names_of_the_demo_team() {
        let f = fonts().expect("fonts parse");
        for c in "ŁukaszZoëNgọcØŠđ…–€".chars() {
            assert!(f.regular.has_glyph(c), "{c} missing in regular");
            assert!(f.bold.has_glyph(c), "{c} missing in bold");
        }
    }

    #[test]
    fn a_character_without_a_glyph_is_measured_as_the_box_the_viewer_draws() {
        let f = fonts().unwrap();
        for c in ['中', '文', 'あ'] {
            assert!(!f.regular.has_glyph(c), "{c}");
            // One em: the PDF font's default width, not DejaVu's narrower .notdef.
            assert!((f.regular.char_width(c, 10.0) - 10.0).abs() < 0.01, "{c}");
        }
    }

    #[test]
    fn widths_are_plausible_and_bold_is_wider() {
        let f = fonts().unwrap();
        let r = f.regular.width("Release readiness", 10.0);
        let b = f.bold.width("Release readiness", 10.0);
        assert!(r > 60.0 && r < 110.0, "{r}");
        assert!(b > r);
    }

    #[test]
    fn ellipsize_fits_and_marks_the_cut() {
        let f = &fonts().unwrap().regular;
        let s = "A very long task name that cannot possibly fit in a narrow column";
        let e = ellipsize(f, s, 8.0, 80.0);
        assert!(e.ends_with('…'));
        assert!(f.width(&e, 8.0) <= 80.0);
        assert_eq!(ellipsize(f, "Short", 8.0, 80.0), "Short");
    }

    #[test]
    fn wrap_respects_width_and_line_limit() {
        let f = &fonts().unwrap().regular;
        let s = "Regression suite green on the release candidate and no open severity one defects in Łódź";
        let lines = wrap(f, s, 8.0, 90.0, 10);
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(f.width(l, 8.0) <= 90.0 + 0.01, "{l}");
        }
        let two = wrap(f, s, 8.0, 90.0, 2);
        assert_eq!(two.len(), 2);
        assert!(two[1].ends_with('…'));
        let long_word = wrap(
            f,
            "Supercalifragilisticexpialidocious-deployment-window",
            8.0,
            40.0,
            10,
        );
        for l in &long_word {
            assert!(f.width(l, 8.0) <= 40.0 + 0.01, "{l}");
        }
    }
}

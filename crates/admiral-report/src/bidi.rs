//! Right-to-left text: Hebrew and Arabic names printed as they are read.
//!
//! A PDF shows glyphs left to right, in the order it is given them, each in the font's
//! default form. Names in Hebrew came out backwards, and names in Arabic backwards with
//! every letter standing alone. Now a line is made visual before it is drawn:
//! - Arabic letters take the joined form their neighbours call for (initial, medial, final,
//!   isolated, and lam-alef as one), as the presentation forms DejaVu Sans has
//!   ([`ar_reshaper`]);
//! - the Unicode Bidirectional Algorithm ([`unicode_bidi`]) orders the line's runs, a
//!   right-to-left run reversed, with its brackets mirrored ([`unicode_bidi_mirroring`]) and
//!   each combining mark kept after its letter (rule L3);
//! - the invisible direction marks and embeddings are dropped, as rule X9 does.
//!
//! A line is measured in its joined forms ([`shaped`]), which is what is drawn; reordering
//! does not change its width. Text with nothing right-to-left in it is left as it is.

use std::borrow::Cow;
use std::sync::OnceLock;
use unicode_bidi::{bidi_class, BidiClass, BidiInfo};

/// Whether `c` belongs to a right-to-left script, or is a mark or embedding that makes text
/// right-to-left.
fn is_rtl(c: char) -> bool {
    matches!(
        c as u32,
        // Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic, Arabic Extended
        0x0590..=0x08FF
            // Hebrew and Arabic presentation forms
            | 0xFB1D..=0xFDFF
            | 0xFE70..=0xFEFF
            // historic right-to-left scripts, Adlam, Arabic mathematical letters
            | 0x10800..=0x10FFF
            | 0x1E800..=0x1EFFF
    ) || is_control(c)
}

/// The invisible characters that set direction (marks, embeddings, overrides, isolates):
/// they take part in ordering, and are not drawn.
pub fn is_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Whether `s` needs this module at all.
pub fn has_rtl(s: &str) -> bool {
    !s.is_ascii() && s.chars().any(is_rtl)
}

/// The reshaper: the crate's defaults (lam-alef as one letter), vowel marks kept.
fn reshaper() -> &'static ar_reshaper::ArabicReshaper {
    static RESHAPER: OnceLock<ar_reshaper::ArabicReshaper> = OnceLock::new();
    RESHAPER.get_or_init(|| {
        use ar_reshaper::prelude::{LigatureNames, ReshaperConfig};
        let mut config = ReshaperConfig {
            delete_harakat: false,
            ..ReshaperConfig::default()
        };
        // DejaVu Sans has no glyph for the word "Allah" as one character.
        config.update_ligature(LigatureNames::ARABIC_LIGATURE_ALLAH, false);
        config.to_reshaper()
    })
}

/// `s` in logical order, Arabic letters in their joined forms: the text [`visual`] draws,
/// and what measuring it measures.
pub fn shaped(s: &str) -> Cow<'_, str> {
    if !has_rtl(s) {
        return Cow::Borrowed(s);
    }
    let r = reshaper();
    if !r.need_reshape(s) {
        return Cow::Owned(s.to_string());
    }
    // Two guards around the reshaper (ar-reshaper 1.5), found by `a_line_is_only_reordered`:
    // - It puts a vowel mark after the letter before it, and panics (debug build) on one with
    //   no letter before it: a space first gives every mark one, and changes no letter's form
    //   (it joins nothing). It comes back first, and goes.
    // - It drops a zero-width joiner from its letters but not from the text it finds
    //   ligatures in, and indexes past their end: the joiner is taken out first. (Letters that
    //   join do so without it; only a letter shown joined to nothing loses its form.)
    let text: String = std::iter::once(' ')
        .chain(s.chars().filter(|c| *c != '\u{200D}'))
        .collect();
    let joined = r.reshape(text);
    Cow::Owned(joined.strip_prefix(' ').unwrap_or(&joined).to_string())
}

/// `s` as it is drawn, left to right: joined ([`shaped`]), then its runs in the order the
/// Bidirectional Algorithm gives them (the paragraph's direction from its first strong
/// letter), without the direction controls.
pub fn visual(s: &str) -> Cow<'_, str> {
    if !has_rtl(s) {
        return Cow::Borrowed(s);
    }
    let joined = shaped(s);
    let info = BidiInfo::new(&joined, None);
    let mut out = String::with_capacity(joined.len());
    for para in &info.paragraphs {
        let (levels, runs) = info.visual_runs(para, para.range.clone());
        for run in runs {
            let text = &joined[run.clone()];
            if levels[run.start].is_rtl() {
                push_reversed(&mut out, text);
            } else {
                out.extend(text.chars().filter(|c| !is_control(*c)));
            }
        }
    }
    Cow::Owned(out)
}

/// Keeps each of `lines`, broken from the paragraph `whole`, in the paragraph's direction:
/// alone, a line of a right-to-left paragraph that begins with Latin letters or a number
/// would be ordered left to right. Each such line begins with a right-to-left mark (not
/// drawn, no width).
pub fn keep_direction(whole: &str, lines: &mut [String]) {
    use unicode_bidi::{get_base_direction, Direction};
    if has_rtl(whole) && get_base_direction(whole) == Direction::Rtl {
        for line in lines.iter_mut().filter(|l| !l.is_empty()) {
            line.insert(0, '\u{200F}');
        }
    }
}

/// One right-to-left run, reversed: each letter with the combining marks after it kept in
/// that order (rule L3), each mirrored bracket or sign in its mirror image (rule L4).
fn push_reversed(out: &mut String, text: &str) {
    let mut clusters: Vec<&str> = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if i > start && bidi_class(c) != BidiClass::NSM {
            clusters.push(&text[start..i]);
            start = i;
        }
    }
    clusters.push(&text[start..]);
    for cluster in clusters.iter().rev() {
        let mut chars = cluster.chars().filter(|c| !is_control(*c));
        if let Some(first) = chars.next() {
            out.push(unicode_bidi_mirroring::get_mirrored(first).unwrap_or(first));
            out.extend(chars);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_without_right_to_left_letters_is_left_as_it_is() {
        for s in ["Release kickoff (v2)", "Zoë Martin", "Łukasz", "检查", ""] {
            assert!(matches!(visual(s), Cow::Borrowed(_)), "{s}");
            assert!(matches!(shaped(s), Cow::Borrowed(_)), "{s}");
        }
    }

    #[test]
    fn hebrew_is_drawn_right_to_left_with_its_brackets_mirrored() {
        // "System tests (stage 2)": read right to left, so drawn from its last letter; the
        // number stays left to right, and the brackets face the words they enclose.
        assert_eq!(visual("בדיקות מערכת (שלב 2)"), "(2 בלש) תכרעמ תוקידב");
        assert_eq!(visual("דנה כהן"), "ןהכ הנד");
    }

    #[test]
    fn a_right_to_left_run_in_a_left_to_right_line_is_reversed_in_place() {
        assert_eq!(visual("Owner: דנה כהן, QA"), "Owner: ןהכ הנד, QA");
        // Latin inside a right-to-left line keeps its own order.
        assert_eq!(visual("דנה QA כהן"), "ןהכ QA הנד");
    }

    #[test]
    fn arabic_letters_are_joined_then_ordered() {
        // "سلام": seen, lam-alef as one letter, meem; joined: initial seen, final lam-alef,
        // isolated meem. Drawn right to left: meem first.
        assert_eq!(shaped("سلام"), "\u{FEB3}\u{FEFC}\u{FEE1}");
        assert_eq!(visual("سلام"), "\u{FEE1}\u{FEFC}\u{FEB3}");
        // Words are joined on their own; the space stays between them.
        let v = visual("إطلاق الإصدار");
        assert_eq!(v.chars().filter(|c| *c == ' ').count(), 1);
        assert!(v
            .chars()
            .all(|c| c == ' ' || ('\u{FE70}'..='\u{FEFF}').contains(&c)));
    }

    #[test]
    fn direction_controls_order_the_text_and_are_not_drawn() {
        // A right-to-left mark after a Latin word makes the paragraph right to left.
        let v = visual("\u{200F}QA \u{2067}דנה\u{2069}");
        assert!(!v.chars().any(is_control), "{v:?}");
        assert!(v.contains("הנד"));
        assert_eq!(shaped("\u{200F}x").chars().count(), 2);
    }

    #[test]
    fn the_lines_of_a_right_to_left_paragraph_stay_right_to_left() {
        // "Supplier dependency (Acme) may delay", broken after its second word: the second
        // line begins with Latin, and alone would put "(Acme)" on the left.
        let whole = "תלות בספק (Acme) עלולה לעכב";
        let mut lines = vec!["תלות בספק".to_string(), "(Acme) עלולה לעכב".to_string()];
        assert_eq!(visual(&lines[1]), "(Acme) בכעל הלולע");
        keep_direction(whole, &mut lines);
        assert_eq!(visual(&lines[1]), "בכעל הלולע (Acme)");
        assert_eq!(visual(&lines[0]), "קפסב תולת");
        // A left-to-right paragraph's lines are left alone.
        let mut lines = vec!["Owner: דנה".to_string()];
        keep_direction("Owner: דנה", &mut lines);
        assert_eq!(lines[0], "Owner: דנה");
    }

    #[test]
    fn a_vowel_mark_with_no_letter_before_it_is_kept() {
        // Fatha first (the reshaper underflowed on it), then "بة".
        assert_eq!(
            shaped("\u{064E}\u{0628}\u{0629}"),
            "\u{064E}\u{FE91}\u{FE94}"
        );
        assert_eq!(
            shaped("\u{0628}\u{064E}\u{0629}"),
            "\u{FE91}\u{064E}\u{FE94}"
        );
    }

    #[test]
    fn a_zero_width_joiner_is_taken_out_before_joining() {
        // The reshaper indexed past its letters on this (lam-alef after a joiner).
        assert_eq!(shaped("\u{200D}\u{0644}\u{0627}"), "\u{FEFB}");
    }

    #[test]
    fn a_combining_mark_stays_after_its_letter() {
        // Hebrew bet with dagesh, then shin: drawn shin, then bet with its dagesh after it.
        assert_eq!(
            visual("\u{05D1}\u{05BC}\u{05E9}"),
            "\u{05E9}\u{05D1}\u{05BC}"
        );
    }

    /// Characters a name could hold: Latin, digits, brackets, Hebrew with a point, Arabic
    /// with a vowel mark and Arabic-Indic digits, Persian letters, joiners and the direction
    /// controls, unbalanced or not.
    fn name_char() -> impl proptest::strategy::Strategy<Value = char> {
        proptest::sample::select(vec![
            'a', 'Z', ' ', '1', '(', ')', '[', '<', '»', '-', '.', ':', '\u{05D1}', '\u{05BC}',
            '\u{05E9}', '\u{05DD}', '\u{0627}', '\u{0644}', '\u{0628}', '\u{0629}', '\u{064E}',
            '\u{0651}', '\u{0640}', '\u{0663}', '\u{067E}', '\u{06CC}', '\u{200D}', '\u{200C}',
            '\u{200E}', '\u{200F}', '\u{202B}', '\u{202C}', '\u{202E}', '\u{2067}', '\u{2069}',
            '\u{061C}', '\n', '\u{0623}', '\u{0625}', '\u{0622}', '\u{0644}', '\u{0647}',
            '\u{0610}', '\u{0670}', '\u{06D6}', '\u{08E2}', '\u{08F0}', '\u{FEFB}', '\u{FB2A}',
            '\u{0600}', '\u{06DD}', '\u{0660}', 'é', '中',
        ])
    }

    proptest::proptest! {
        /// Whatever a name holds, its visual line keeps every character of its joined form
        /// but the direction controls, each once (brackets in either image), and measuring
        /// and drawing it never fails.
        #[test]
        fn a_line_is_only_reordered(chars in proptest::collection::vec(name_char(), 0..40)) {
            let s: String = chars.into_iter().collect();
            let fold = |c: char| match c {
                ')' => '(',
                ']' => '[',
                '>' => '<',
                '«' => '»',
                c => c,
            };
            let mut joined: Vec<char> =
                shaped(&s).chars().filter(|c| !is_control(*c)).map(fold).collect();
            let mut drawn: Vec<char> = visual(&s).chars().map(fold).collect();
            joined.sort_unstable();
            drawn.sort_unstable();
            proptest::prop_assert_eq!(joined, drawn);
            let f = crate::font::fonts().expect("the embedded faces");
            let w = f.regular.width(&s, 10.0);
            proptest::prop_assert!(w.is_finite() && w >= 0.0);
            let _ = crate::font::wrap(&f.bold, &s, 10.0, 30.0, 3);
            let _ = crate::font::ellipsize(&f.regular, &s, 10.0, 25.0);
        }
    }

    #[test]
    fn the_embedded_faces_have_every_joined_form_the_reshaper_gives() {
        // Every Arabic letter the faces have (and the Persian ones) alone, first, between
        // two letters and last, and lam-alef in each of its forms. (Five rare letters of
        // U+063B..U+063F are not in DejaVu Sans at all: they print as boxes, joined or not.)
        let mut letters: Vec<char> = ('\u{0621}'..='\u{064A}').collect();
        letters.extend([
            '\u{067E}', '\u{0686}', '\u{0698}', '\u{06A9}', '\u{06AF}', '\u{06CC}',
        ]);
        let fonts = crate::font::fonts().expect("the embedded faces");
        letters.retain(|l| fonts.regular.has_glyph(*l));
        assert_eq!(letters.len(), 42 + 6 - 5);
        for l in letters {
            let words = [
                format!("{l}"),
                format!("{l}ب"),
                format!("ب{l}ب"),
                format!("ب{l}"),
            ];
            for w in words
                .iter()
                .map(String::as_str)
                .chain(["لا", "بلا", "لأ", "لإ", "لآ"])
            {
                for c in shaped(w).chars() {
                    for face in [&fonts.regular, &fonts.bold] {
                        assert!(face.has_glyph(c), "{w}: U+{:04X} has no glyph", c as u32);
                    }
                }
            }
        }
    }
}

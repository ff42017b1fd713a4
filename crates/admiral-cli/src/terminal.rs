//! Text for the terminal. Names come from files anyone can write (an MS Project file
//! imported, a status file), and a name holding escape sequences would set the terminal's
//! title, clear its screen or colour what follows when `admiral show` prints it. Every
//! control character but newline and tab, C1 controls included, and every bidirectional
//! override or isolate ([`bidi_control`]) is written as U+FFFD on stdout and stderr. JSON
//! escapes such characters itself (`\u001b`; C1, DEL and the bidirectional controls through
//! `output::write_json`), so it passes through unchanged.

use std::borrow::Cow;
use std::io::{self, Write};

/// What the terminal writer replaces: see the module docs.
pub(crate) fn unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || bidi_control(c)
}

/// The bidirectional embedding, override and isolate controls (U+202A–U+202E,
/// U+2066–U+2069). Not control characters to Unicode, but a name holding an override
/// reverses what follows it on the terminal's line (the rest of a table row), so that one
/// name can pass for another.
pub fn bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether `buf` surely holds nothing [`safe`] would replace, and no UTF-8 sequence cut at
/// its end that could be one. Looked at 64 bytes at a time (which vectorises); a block
/// with 0xE2, the lead byte of the bidirectional controls and of many common characters
/// (dashes, arrows), has those looked at one by one.
fn surely_clean(buf: &[u8]) -> bool {
    for (k, block) in buf.chunks(64).enumerate() {
        let (bad, e2) = (block.iter()).fold((false, false), |(s, e), &b| {
            (s | suspect(b), e | (b == 0xe2))
        });
        if bad {
            return false;
        }
        if e2 {
            for (j, _) in block.iter().enumerate().filter(|(_, &b)| b == 0xe2) {
                let i = k * 64 + j;
                match (buf.get(i + 1), buf.get(i + 2)) {
                    (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9)) => {
                        return false
                    }
                    // Cut at the end: the careful path keeps it for the next write.
                    (None, _) | (_, None) => return false,
                    _ => {}
                }
            }
        }
    }
    true
}

/// `s` with each control character but newline and tab replaced by U+FFFD.
pub fn safe(s: &str) -> Cow<'_, str> {
    if !s.chars().any(unsafe_char) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if unsafe_char(c) { '\u{FFFD}' } else { c })
            .collect(),
    )
}

/// `s` for a message of one line (an error on stderr): [`safe`], and a line break or a tab
/// (in a file's path or a name it quotes) written as a space.
pub fn safe_line(s: &str) -> Cow<'_, str> {
    match safe(s) {
        t if t.contains(['\n', '\t']) => Cow::Owned(t.replace(['\n', '\t'], " ")),
        t => t,
    }
}

/// A byte that is a control character or may start one: C0 but newline and tab, DEL, and
/// 0xC2, the UTF-8 lead byte of U+0080–U+00BF (the C1 controls among them).
fn suspect(b: u8) -> bool {
    (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f || b == 0xc2
}

/// A writer that passes text through [`safe`]. A UTF-8 sequence cut between two writes is
/// kept until the next.
pub struct Safe<W: Write> {
    inner: W,
    tail: Vec<u8>,
}

impl<W: Write> Safe<W> {
    pub fn new(inner: W) -> Self {
        Self {
            inner,
            tail: Vec::new(),
        }
    }
}

impl<W: Write> Write for Safe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // Most output has none of those bytes: checked 64 at a time (vectorised), then
        // written as it is.
        if self.tail.is_empty() && surely_clean(buf) {
            self.inner.write_all(buf)?;
            return Ok(buf.len());
        }
        let mut bytes = std::mem::take(&mut self.tail);
        bytes.extend_from_slice(buf);
        let whole = match std::str::from_utf8(&bytes) {
            Ok(_) => bytes.len(),
            // An incomplete sequence at the end: the rest of it comes with the next write.
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            // Not UTF-8 (not text Admiral made): shown as the lossy text it is.
            Err(_) => {
                let lossy = String::from_utf8_lossy(&bytes).into_owned();
                self.inner.write_all(safe(&lossy).as_bytes())?;
                return Ok(buf.len());
            }
        };
        let (text, rest) = bytes.split_at(whole);
        let text = std::str::from_utf8(text).map_err(io::Error::other)?;
        self.inner.write_all(safe(text).as_bytes())?;
        self.tail = rest.to_vec();
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.tail.is_empty() {
            let lossy = String::from_utf8_lossy(&std::mem::take(&mut self.tail)).into_owned();
            self.inner.write_all(lossy.as_bytes())?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(pieces: &[&[u8]]) -> String {
        let mut w = Safe::new(Vec::new());
        for p in pieces {
            w.write_all(p).unwrap();
        }
        w.flush().unwrap();
        String::from_utf8(w.inner).unwrap()
    }

    #[test]
    fn escape_sequences_and_c1_controls_are_replaced_text_is_not() {
        let evil = "evil\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31mRED\r";
        assert_eq!(
            through(&[evil.as_bytes()]),
            "evil\u{FFFD}]0;pwned\u{FFFD}\u{FFFD}[2J\u{FFFD}31mRED\u{FFFD}"
        );
        let fine = "Zoë Łódź 東京 £5 ° é\tnext\n";
        assert_eq!(through(&[fine.as_bytes()]), fine);
        // A sequence cut between writes: 0xC2 0x9B (U+009B, a C1 CSI), and "£" (C2 A3).
        assert_eq!(through(&[b"a\xc2", b"\x9bb\xc2", b"\xa3"]), "a\u{FFFD}b£");
        assert_eq!(safe("plain"), Cow::Borrowed("plain"));
        assert_eq!(safe_line("a\nb\tc\u{1b}"), "a b c\u{FFFD}");
        assert_eq!(safe_line("plain"), Cow::Borrowed("plain"));
    }

    /// An override would reverse the rest of a table row; dashes and arrows (0xE2 too) pass,
    /// also when a write cuts them.
    #[test]
    fn bidirectional_overrides_are_replaced_dashes_and_arrows_are_not() {
        let spoof = "Build\u{202e}gnitset\u{202c} | next \u{2066}x\u{2069}";
        assert_eq!(
            through(&[spoof.as_bytes()]),
            "Build\u{FFFD}gnitset\u{FFFD} | next \u{FFFD}x\u{FFFD}"
        );
        let fine = "Phase 1 – Build → Test … “done” \u{200f}\n".repeat(40);
        assert_eq!(through(&[fine.as_bytes()]), fine);
        let rlo = "\u{202e}".as_bytes();
        assert_eq!(through(&[b"a", &rlo[..1], &rlo[1..], b"b"]), "a\u{FFFD}b");
        let dash = "–".as_bytes();
        assert_eq!(through(&[b"a", &dash[..2], &dash[2..], b"b"]), "a–b");
    }
}

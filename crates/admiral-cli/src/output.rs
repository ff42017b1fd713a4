//! Formatting shared by the commands: dates, durations and plain-text tables.

use crate::error::CliError;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// Local ISO-8601 without a zone, as the JSON promises: `2027-01-04T08:00:00`.
pub fn iso(t: NaiveDateTime) -> String {
    Iso(t).to_string()
}

/// [`iso`] without the `String`: serialises as the same JSON string, written straight into
/// the output (the JSON schedule of 100k tasks holds 600k of them).
#[derive(Clone, Copy)]
pub struct Iso(pub NaiveDateTime);

impl Iso {
    /// `YYYY-MM-DDTHH:MM:SS` as bytes for years 0 to 9999 (every date a plan holds); `None`
    /// outside them, where chrono's form (a sign, more digits) is used.
    pub fn bytes(&self) -> Option<[u8; 19]> {
        admiral_core::notation::iso_seconds(self.0)
    }
}

impl std::fmt::Display for Iso {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.bytes() {
            Some(b) => f.write_str(std::str::from_utf8(&b).map_err(|_| std::fmt::Error)?),
            None => write!(f, "{}", self.0.format("%Y-%m-%dT%H:%M:%S")),
        }
    }
}

impl serde::Serialize for Iso {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A compact human form for tables: `Mon 2027-01-04 08:00`.
pub fn human(t: NaiveDateTime) -> String {
    t.format("%a %Y-%m-%d %H:%M").to_string()
}

/// Parses `YYYY-MM-DD` (at `default_time`) or `YYYY-MM-DDTHH:MM[:SS]`.
pub fn parse_when(s: &str, what: &str, default_time: NaiveTime) -> Result<NaiveDateTime, CliError> {
    let s = s.trim();
    let when = NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(|d| d.and_time(default_time))
        .ok()
        .or_else(|| {
            ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
                .iter()
                .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
        })
        .ok_or_else(|| {
            CliError::Input(format!(
                "{what} '{s}' is not a date: use YYYY-MM-DD or YYYY-MM-DDTHH:MM"
            ))
        })?;
    // Refused here, before any work, rather than when a snapshot or a schedule meets it.
    if !admiral_core::model::YEARS.contains(&chrono::Datelike::year(&when)) {
        return Err(CliError::Input(format!(
            "{what} '{s}' is outside the years 1900 to 9999 a plan can hold"
        )));
    }
    Ok(when)
}

/// serde_json's pretty printer, but with DEL, the C1 controls (U+007F–U+009F) and the
/// bidirectional overrides and isolates written as `\u` escapes too: serde_json escapes only
/// U+0000–U+001F, and the terminal writer (`terminal::Safe`) replaces the others, which
/// changed a note or a name in the JSON. Every JSON the CLI prints goes through it
/// ([`write_json`], [`json_string`]), `schedule --json`'s own writer included.
struct Json(serde_json::ser::PrettyFormatter<'static>);

macro_rules! forward {
    ($($name:ident($($arg:ident: $ty:ty),*)),*) => {
        $(fn $name<W: ?Sized + std::io::Write>(&mut self, w: &mut W $(, $arg: $ty)*) -> std::io::Result<()> {
            self.0.$name(w $(, $arg)*)
        })*
    };
}

impl serde_json::ser::Formatter for Json {
    forward!(
        begin_array(),
        end_array(),
        begin_array_value(first: bool),
        end_array_value(),
        begin_object(),
        end_object(),
        begin_object_key(first: bool),
        begin_object_value(),
        end_object_value()
    );

    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        escape_for_terminal(w, fragment)
    }
}

/// `s` with DEL, the C1 controls and the bidirectional overrides and isolates
/// (`terminal::bidi_control`) as JSON `\u` escapes: the characters the terminal writer
/// replaces that serde_json leaves as they are.
fn escape_for_terminal<W: ?Sized + std::io::Write>(w: &mut W, s: &str) -> std::io::Result<()> {
    // DEL; 0xC2, the UTF-8 lead byte of U+0080–U+00BF; 0xE2, that of the bidirectional
    // controls (and of dashes and arrows): most text has none (looked for 64 bytes at a
    // time, which vectorises).
    let suspect = |b: u8| b == 0x7f || b == 0xc2 || b == 0xe2;
    if !(s.as_bytes().chunks(64)).any(|c| c.iter().fold(false, |a, &b| a | suspect(b))) {
        return w.write_all(s.as_bytes());
    }
    let mut from = 0;
    for (i, c) in s.char_indices() {
        // serde_json has escaped the C0 controls before a fragment comes here, so this is
        // DEL, C1 and the bidirectional controls.
        if crate::terminal::unsafe_char(c) {
            w.write_all(&s.as_bytes()[from..i])?;
            write!(w, "\\u{:04x}", c as u32)?;
            from = i + c.len_utf8();
        }
    }
    w.write_all(&s.as_bytes()[from..])
}

/// `v` as pretty JSON on `out` (see [`Json`]).
pub fn write_json<T: serde::Serialize + ?Sized>(
    out: &mut dyn std::io::Write,
    v: &T,
) -> Result<(), serde_json::Error> {
    let mut ser =
        serde_json::Serializer::with_formatter(out, Json(serde_json::ser::PrettyFormatter::new()));
    v.serialize(&mut ser)
}

/// `v` as pretty JSON (see [`Json`]).
pub fn json_string<T: serde::Serialize + ?Sized>(v: &T) -> Result<String, serde_json::Error> {
    let mut b = Vec::new();
    write_json(&mut b, v)?;
    // serde_json writes UTF-8 only.
    String::from_utf8(b).map_err(|e| serde_json::Error::io(std::io::Error::other(e)))
}

/// Left-aligned plain-text table with a header rule; the last column is not padded.
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    right: Vec<bool>,
}

impl Table {
    pub fn new(header: &[&str]) -> Self {
        Self {
            header: header.iter().map(|s| s.to_string()).collect(),
            rows: Vec::new(),
            right: vec![false; header.len()],
        }
    }

    /// Right-align column `i` (numbers).
    pub fn right(mut self, cols: &[usize]) -> Self {
        for &c in cols {
            self.right[c] = true;
        }
        self
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// The table, each column as wide as its widest cell in terminal columns
    /// ([`columns`]: a CJK character takes two).
    pub fn render(&self) -> String {
        let n = self.header.len();
        let mut w: Vec<usize> = self.header.iter().map(|h| columns(h)).collect();
        for r in &self.rows {
            for (i, c) in r.iter().enumerate().take(n) {
                w[i] = w[i].max(columns(c));
            }
        }
        let line = |cells: &[String]| {
            let mut s = String::new();
            for (i, c) in cells.iter().enumerate().take(n) {
                let pad = w[i] - columns(c);
                if i + 1 == n && !self.right[i] {
                    s.push_str(c);
                } else if self.right[i] {
                    s.push_str(&" ".repeat(pad));
                    s.push_str(c);
                } else {
                    s.push_str(c);
                    s.push_str(&" ".repeat(pad));
                }
                if i + 1 < n {
                    s.push_str("  ");
                }
            }
            s.trim_end().to_string() + "\n"
        };
        let mut out = line(&self.header);
        let total: usize = w.iter().sum::<usize>() + 2 * (n.saturating_sub(1));
        out.push_str(&"-".repeat(total));
        out.push('\n');
        for r in &self.rows {
            out.push_str(&line(r));
        }
        out
    }
}

/// The columns `s` takes in a terminal: two for a wide character (CJK, most emoji), none for a
/// combining mark or a zero-width one.
pub fn columns(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// `s` followed by spaces up to `width` terminal columns ([`columns`]), as `{:<width}` pads
/// by characters.
pub fn padded(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(columns(s))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_escapes_what_the_terminal_writer_replaces_and_reads_back_the_same() {
        let s = "a\u{1b}b\u{7f}c\u{85}d\u{9b}e£é\u{a0}–\u{202e}f";
        let json = json_string(&s).unwrap();
        assert_eq!(
            json,
            "\"a\\u001bb\\u007fc\\u0085d\\u009be£é\u{a0}–\\u202ef\""
        );
        assert_eq!(serde_json::from_str::<String>(&json).unwrap(), s);
    }

    #[test]
    fn cjk_names_line_up_in_tables_and_in_why() {
        let mut t = Table::new(&["Name", "Days"]).right(&[1]);
        t.row(vec!["設計レビュー".into(), "5".into()]);
        t.row(vec!["Build".into(), "12".into()]);
        t.row(vec!["Cafe\u{301}".into(), "1".into()]);
        let text = t.render();
        let ends: Vec<usize> = text
            .lines()
            .filter(|l| !l.starts_with('-'))
            .map(columns)
            .collect();
        assert_eq!(ends, [18, 18, 18, 18], "{text}");
        assert_eq!(columns(&padded("設計", 6)), 6);
        assert_eq!(padded("a long name", 4), "a long name");
    }

    #[test]
    fn dates_parse_with_and_without_time() {
        let eight = NaiveTime::from_hms_opt(8, 0, 0).unwrap();
        assert_eq!(
            iso(parse_when("2027-01-04", "start", eight).unwrap()),
            "2027-01-04T08:00:00"
        );
        assert_eq!(
            iso(parse_when("2027-01-04T13:30", "start", eight).unwrap()),
            "2027-01-04T13:30:00"
        );
        let e = parse_when("04/01/2027", "status date", eight)
            .unwrap_err()
            .to_string();
        assert!(e.contains("status date '04/01/2027'"), "{e}");
    }

    #[test]
    fn table_aligns_columns() {
        let mut t = Table::new(&["ID", "Name", "Float"]).right(&[2]);
        t.row(vec!["1".into(), "Build".into(), "0".into()]);
        t.row(vec!["12".into(), "Integration test".into(), "480".into()]);
        let s = t.render();
        assert!(s.contains("12  Integration test    480"), "{s}");
    }

    #[test]
    fn iso_matches_chrono_inside_and_outside_four_digit_years() {
        for (y, mo, d, h, mi, s) in [
            (2027, 1, 4, 8, 0, 0),
            (1999, 12, 31, 23, 59, 59),
            (5, 3, 7, 1, 2, 3),
            (12345, 6, 1, 0, 0, 0),
            (-44, 3, 15, 12, 0, 0),
        ] {
            let t = NaiveDate::from_ymd_opt(y, mo, d)
                .unwrap()
                .and_hms_opt(h, mi, s)
                .unwrap();
            assert_eq!(iso(t), t.format("%Y-%m-%dT%H:%M:%S").to_string());
            assert_eq!(
                serde_json::to_string(&Iso(t)).unwrap(),
                format!("\"{}\"", iso(t))
            );
        }
    }
}

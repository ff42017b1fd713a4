//! MS Project's text notations: predecessor lists (`3FS+2d, 5SS-1d, 7`) and durations
//! (`5d`, `3h`, `2ed`, `0`). Pure parsers and formatters shared by the desktop grid and the
//! CSV reader and writer.
//!
//! # Predecessors
//!
//! A list of items separated by `,` or `;`, each `NUMBER [TYPE] [(+|-)AMOUNT[UNIT]]`:
//! TYPE is `FS` (the default), `SS`, `FF` or `SF`; the lag's UNIT is one of the working units
//! `m`, `h`, `d`, `w`, `mo` (a month is 20 days), their elapsed forms `em`, `eh`, `ed`, `ew`,
//! `emo` (a month is 30 clock days), or `%` of the predecessor's duration. A lag without a
//! unit is in days, as in MS Project. Whitespace is allowed anywhere between the parts and
//! case does not matter (`3 fs + 2 D`). Long unit words (`days`, `hrs`, `edays`) are accepted
//! too.
//!
//! [`format_predecessors`] writes the inverse: `3` for FS without lag, `3FS+2d` with whole
//! 480-minute days, else hours or minutes; elapsed lags as `ed`, `eh`, `em`; percent as `%`.
//!
//! # Durations
//!
//! `AMOUNT[UNIT]` with the same units (no `%`); no unit means days; `0` is a milestone's
//! duration; a trailing `?` (MS Project's "estimated") is accepted and ignored.
//!
//! Errors name the problem and the 1-based character position in the text.

use crate::model::{Duration, Lag, LinkType, TaskNumber, WorkMinutes, MINUTES_PER_DAY};
use std::collections::HashSet;
use thiserror::Error;

/// Working minutes in a notation month (20 days of 480 minutes), as MS Project's default.
pub const MINUTES_PER_MONTH: i64 = 20 * MINUTES_PER_DAY;
/// Clock minutes in an elapsed month (30 days), as MS Project's `emo`.
pub const ELAPSED_MINUTES_PER_MONTH: i64 = 30 * 1440;
/// The largest lag or duration accepted, in minutes (about 1900 years).
pub const MAX_MINUTES: i64 = 1_000_000_000;

const UNITS_HELP: &str = "use m, h, d, w, mo, em, eh, ed, ew, emo or %";
const DURATION_UNITS_HELP: &str = "use m, h, d, w, mo, em, eh, ed, ew or emo";

/// One entry of a predecessor list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Predecessor {
    pub number: TaskNumber,
    pub kind: LinkType,
    pub lag: Lag,
}

/// Why a predecessor list or a duration could not be read. `pos` is the 1-based character
/// position of the offending part.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum NotationError {
    #[error("position {pos}: task {number} does not exist")]
    UnknownTask { pos: usize, number: u32 },
    #[error("position {pos}: '{unit}' is not a lag unit ({UNITS_HELP})")]
    BadLagUnit { pos: usize, unit: String },
    #[error("position {pos}: task {number} cannot be its own predecessor")]
    SelfLink { pos: usize, number: u32 },
    #[error("position {pos}: task {number} is listed twice")]
    DuplicatePredecessor { pos: usize, number: u32 },
    #[error("position {pos}: expected {expected}, found '{found}'")]
    Garbage {
        pos: usize,
        expected: &'static str,
        found: String,
    },
    #[error("position {pos}: '{text}' is too large")]
    TooLarge { pos: usize, text: String },
    #[error("'{text}' is not a duration: {reason}")]
    BadDuration { text: String, reason: String },
}

impl NotationError {
    /// The 1-based character position, for predecessor errors.
    pub fn position(&self) -> Option<usize> {
        match self {
            NotationError::UnknownTask { pos, .. }
            | NotationError::BadLagUnit { pos, .. }
            | NotationError::SelfLink { pos, .. }
            | NotationError::DuplicatePredecessor { pos, .. }
            | NotationError::Garbage { pos, .. }
            | NotationError::TooLarge { pos, .. } => Some(*pos),
            NotationError::BadDuration { .. } => None,
        }
    }
}

/// A unit of the notation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    Working(i64),
    Elapsed(i64),
    Percent,
}

fn unit_of(word: &str) -> Option<Unit> {
    let w = word.to_ascii_lowercase();
    let (elapsed, base) = match w.strip_prefix('e') {
        Some(rest) if !rest.is_empty() && rest != "%" => (true, rest.to_string()),
        _ => (false, w.clone()),
    };
    let minutes = match base.as_str() {
        "m" | "min" | "mins" | "minute" | "minutes" => 1,
        "h" | "hr" | "hrs" | "hour" | "hours" => 60,
        "d" | "dy" | "day" | "days" => {
            if elapsed {
                1440
            } else {
                MINUTES_PER_DAY
            }
        }
        "w" | "wk" | "wks" | "week" | "weeks" => {
            if elapsed {
                7 * 1440
            } else {
                5 * MINUTES_PER_DAY
            }
        }
        "mo" | "mon" | "mons" | "month" | "months" => {
            if elapsed {
                ELAPSED_MINUTES_PER_MONTH
            } else {
                MINUTES_PER_MONTH
            }
        }
        "%" => return Some(Unit::Percent),
        _ => return None,
    };
    Some(if elapsed {
        Unit::Elapsed(minutes)
    } else {
        Unit::Working(minutes)
    })
}

/// A character cursor that knows its 1-based position.
struct Cursor {
    chars: Vec<char>,
    i: usize,
}

impl Cursor {
    fn new(src: &str) -> Self {
        Self {
            chars: src.chars().collect(),
            i: 0,
        }
    }
    fn pos(&self) -> usize {
        self.i + 1
    }
    fn peek(&self) -> Option<char> {
        self.chars.get(self.i).copied()
    }
    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.i += 1;
        Some(c)
    }
    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(c) if c.is_whitespace()) {
            self.i += 1;
        }
    }
    fn take_while(&mut self, f: impl Fn(char) -> bool) -> String {
        let mut s = String::new();
        while let Some(c) = self.peek() {
            if !f(c) {
                break;
            }
            s.push(c);
            self.i += 1;
        }
        s
    }
    /// The rest of the current item, for error messages.
    fn rest_of_item(&self) -> String {
        self.chars[self.i..]
            .iter()
            .take_while(|&&c| c != ',' && c != ';')
            .collect::<String>()
            .trim()
            .to_string()
    }
    fn garbage(&self, expected: &'static str) -> NotationError {
        let found = self.rest_of_item();
        NotationError::Garbage {
            pos: self.pos(),
            expected,
            found: match (found.is_empty(), self.peek()) {
                (false, _) => found,
                (true, Some(ch)) => ch.to_string(),
                (true, None) => "the end".into(),
            },
        }
    }
}

fn is_amount_char(c: char) -> bool {
    c.is_ascii_digit() || c == '.'
}

/// Minutes (or percent) of `amount` `unit`, rounded to the nearest minute.
fn scale(amount: f64, per: i64) -> Option<i64> {
    let v = (amount * per as f64).round();
    if v.is_finite() && v.abs() <= MAX_MINUTES as f64 {
        Some(v as i64)
    } else {
        None
    }
}

/// Parses a predecessor list.
///
/// `this_task` is the successor's own number (a self-link is refused) when known; `exists`
/// says whether a task number is in the plan. An empty or blank text is an empty list.
pub fn parse_predecessors(
    text: &str,
    this_task: Option<TaskNumber>,
    exists: &dyn Fn(TaskNumber) -> bool,
) -> Result<Vec<Predecessor>, NotationError> {
    let mut c = Cursor::new(text);
    let mut out: Vec<Predecessor> = Vec::new();
    let mut seen = HashSet::new();
    loop {
        c.skip_ws();
        if c.peek().is_none() {
            if out.is_empty() {
                break;
            }
            // A trailing separator ("3, 4,") is tolerated.
            break;
        }
        let start = c.pos();
        let digits = c.take_while(|ch| ch.is_ascii_digit());
        if digits.is_empty() {
            return Err(c.garbage("a task number"));
        }
        let number: u32 = digits.parse().map_err(|_| NotationError::TooLarge {
            pos: start,
            text: digits.clone(),
        })?;
        c.skip_ws();
        let type_pos = c.pos();
        let kind = match c.peek() {
            Some(ch) if ch.is_ascii_alphabetic() => {
                let word = c.take_while(|ch| ch.is_ascii_alphabetic());
                match word.to_ascii_uppercase().as_str() {
                    "FS" => LinkType::FS,
                    "SS" => LinkType::SS,
                    "FF" => LinkType::FF,
                    "SF" => LinkType::SF,
                    _ => {
                        c.i = type_pos - 1;
                        return Err(c.garbage("a link type (FS, SS, FF or SF)"));
                    }
                }
            }
            _ => LinkType::FS,
        };
        c.skip_ws();
        let lag = match c.peek() {
            Some(sign @ ('+' | '-')) => {
                c.bump();
                c.skip_ws();
                let amount_pos = c.pos();
                let amount = c.take_while(is_amount_char);
                if amount.is_empty() {
                    return Err(c.garbage("a lag amount"));
                }
                let value: f64 = amount.parse().map_err(|_| NotationError::Garbage {
                    pos: amount_pos,
                    expected: "a lag amount",
                    found: amount.clone(),
                })?;
                let value = if sign == '-' { -value } else { value };
                c.skip_ws();
                let unit_pos = c.pos();
                let word = c.take_while(|ch| ch.is_alphabetic() || ch == '%');
                // "?" marks an estimated value in MS Project; it changes nothing here.
                if c.peek() == Some('?') {
                    c.bump();
                }
                let unit = if word.is_empty() {
                    if matches!(c.peek(), Some(ch) if !ch.is_whitespace() && ch != ',' && ch != ';')
                    {
                        let found = c.rest_of_item();
                        return Err(NotationError::BadLagUnit {
                            pos: unit_pos,
                            unit: found,
                        });
                    }
                    Unit::Working(MINUTES_PER_DAY)
                } else {
                    unit_of(&word).ok_or(NotationError::BadLagUnit {
                        pos: unit_pos,
                        unit: word.clone(),
                    })?
                };
                let too_large = || NotationError::TooLarge {
                    pos: amount_pos,
                    text: format!("{amount}{word}"),
                };
                match unit {
                    Unit::Working(per) => {
                        Lag::Working(WorkMinutes(scale(value, per).ok_or_else(too_large)?))
                    }
                    Unit::Elapsed(per) => Lag::Elapsed(scale(value, per).ok_or_else(too_large)?),
                    Unit::Percent => {
                        let p = value.round();
                        if p.abs() > 1_000_000.0 {
                            return Err(too_large());
                        }
                        Lag::Percent(p as i32)
                    }
                }
            }
            _ => Lag::ZERO,
        };
        c.skip_ws();
        match c.peek() {
            None => {}
            Some(',' | ';') => {
                c.bump();
            }
            Some(_) => {
                return Err(c.garbage("',' or ';' between predecessors"));
            }
        }
        let number_t = TaskNumber(number);
        if this_task == Some(number_t) {
            return Err(NotationError::SelfLink { pos: start, number });
        }
        if !exists(number_t) {
            return Err(NotationError::UnknownTask { pos: start, number });
        }
        if !seen.insert(number) {
            return Err(NotationError::DuplicatePredecessor { pos: start, number });
        }
        out.push(Predecessor {
            number: number_t,
            kind,
            lag,
        });
    }
    Ok(out)
}

fn link_type_code(k: LinkType) -> &'static str {
    match k {
        LinkType::FS => "FS",
        LinkType::SS => "SS",
        LinkType::FF => "FF",
        LinkType::SF => "SF",
    }
}

/// `2d`, `-4h`, `30m`, `3ed`, `50%`: a lag in the notation, without a `+` sign.
pub fn format_lag(lag: Lag) -> String {
    match lag {
        Lag::Working(m) => format_minutes(m.0, MINUTES_PER_DAY, ""),
        Lag::Elapsed(m) => format_minutes(m, 1440, "e"),
        Lag::Percent(p) => format!("{p}%"),
    }
}

fn format_minutes(m: i64, day: i64, prefix: &str) -> String {
    if m % day == 0 {
        format!("{}{prefix}d", m / day)
    } else if m % 60 == 0 {
        format!("{}{prefix}h", m / 60)
    } else {
        format!("{m}{prefix}m")
    }
}

/// One predecessor: `3` (FS, no lag), `3SS`, `3FS+2d`, `5FF-1d`.
pub fn format_predecessor(p: &Predecessor) -> String {
    let mut out = String::new();
    write_predecessor(&mut out, p);
    out
}

/// [`format_predecessor`] appended to `out`.
fn write_predecessor(out: &mut String, p: &Predecessor) {
    use std::fmt::Write;
    // Writing to a String cannot fail.
    let _ = write!(out, "{}", p.number);
    if matches!(p.lag, Lag::Working(WorkMinutes(0)) | Lag::Elapsed(0)) {
        if p.kind != LinkType::FS {
            out.push_str(link_type_code(p.kind));
        }
        return;
    }
    out.push_str(link_type_code(p.kind));
    let lag = format_lag(p.lag);
    if !lag.starts_with('-') {
        out.push('+');
    }
    out.push_str(&lag);
}

/// The inverse of [`parse_predecessors`]: items joined by `, `, written into one string
/// (the desktop formats every task's at 100k tasks).
pub fn format_predecessors(preds: &[Predecessor]) -> String {
    let mut out = String::with_capacity(preds.len() * 8);
    for (i, p) in preds.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_predecessor(&mut out, p);
    }
    out
}

/// `YYYY-MM-DDTHH:MM:SS` as bytes, fractions of a second left out, for years 0 to 9999;
/// `None` outside them. Written without `fmt`: the CLI's JSON schedule and the desktop's
/// rows write hundreds of thousands of dates, and chrono's formatting goes a character at a
/// time.
#[inline]
pub fn iso_seconds(t: chrono::NaiveDateTime) -> Option<[u8; 19]> {
    use chrono::{Datelike, Timelike};
    if !(0..=9999).contains(&t.year()) {
        return None;
    }
    let mut b = *b"0000-00-00T00:00:00";
    let mut put = |at: usize, width: usize, mut v: u32| {
        for i in (at..at + width).rev() {
            b[i] = b'0' + (v % 10) as u8;
            v /= 10;
        }
    };
    put(0, 4, t.year() as u32);
    put(5, 2, t.month());
    put(8, 2, t.day());
    put(11, 2, t.hour());
    put(14, 2, t.minute());
    put(17, 2, t.second());
    Some(b)
}

/// Parses a duration: `5d`, `3h`, `2w`, `1.5d`, `2ed`, `5 days`, `0`; no unit means days.
pub fn parse_duration(text: &str) -> Result<Duration, NotationError> {
    let bad = |reason: String| NotationError::BadDuration {
        text: text.to_string(),
        reason,
    };
    let t = text.trim();
    let t = t.strip_suffix('?').unwrap_or(t).trim_end();
    if t.is_empty() {
        return Err(bad("it is empty".into()));
    }
    let split = t
        .char_indices()
        .find(|&(_, c)| !is_amount_char(c))
        .map_or(t.len(), |(i, _)| i);
    let (amount, unit) = (&t[..split], t[split..].trim());
    if amount.is_empty() {
        if t.starts_with('-') {
            return Err(bad("a duration cannot be negative".into()));
        }
        return Err(bad("it does not start with a number".into()));
    }
    let value: f64 = amount
        .parse()
        .map_err(|_| bad(format!("'{amount}' is not a number")))?;
    let (elapsed, per) = match unit_of(unit) {
        _ if unit.is_empty() => (false, MINUTES_PER_DAY),
        Some(Unit::Working(per)) => (false, per),
        Some(Unit::Elapsed(per)) => (true, per),
        Some(Unit::Percent) | None => {
            return Err(bad(format!(
                "'{unit}' is not a duration unit ({DURATION_UNITS_HELP})"
            )))
        }
    };
    let minutes = scale(value, per).ok_or_else(|| bad("it is too large".into()))?;
    Ok(if elapsed {
        Duration::Elapsed(minutes)
    } else {
        Duration::Working(WorkMinutes(minutes))
    })
}

/// "1 task", "3 tasks": a count with its noun (a regular plural), for labels and reports.
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A name put on one line, when it is not: each run of control characters in it (a line
/// break, a tab, an escape) becomes one space, and the ends are trimmed. `None` when `name`
/// holds no control character. Imports use it, since a name typed so is refused
/// (`wbs::WbsError::ControlInName`) and one read from a file would break the tables that list
/// it.
pub fn one_line(name: &str) -> Option<String> {
    if !name.chars().any(char::is_control) {
        return None;
    }
    let mut out = String::with_capacity(name.len());
    let mut gap = false;
    for c in name.chars() {
        if c.is_control() {
            gap = true;
        } else {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        }
    }
    Some(out.trim().to_string())
}

/// The first character of `name` when nothing in it shows: every character takes no column
/// (a zero-width space or joiner, a byte-order mark, a direction mark, a lone combining
/// mark), so that the name would look blank in every list. `None` for an empty name, and for
/// one with anything that shows. Typed names (`wbs::WbsError::InvisibleName`) and task lists
/// refuse such a name as they refuse an empty one.
pub fn invisible(name: &str) -> Option<char> {
    use unicode_width::UnicodeWidthChar;
    let first = name.chars().next()?;
    name.chars().all(|c| c.width() == Some(0)).then_some(first)
}

/// What refuses a name as typed (an empty one is each caller's to refuse or keep).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameFault {
    /// A control character: `what` says which kind ("a line break", "a tab").
    Control { what: &'static str, code: u32 },
    /// Nothing in it shows ([`invisible`]); `code` is its first character.
    Invisible { code: u32 },
}

/// A name as typed, trimmed; refused when it holds a control character, or nothing that
/// shows. The rule of every name typed in Admiral: a task's (`wbs`), and a resource's, risk's,
/// calendar's and blackout window's (`put`).
pub fn typed_name(text: &str) -> Result<&str, NameFault> {
    let name = text.trim();
    if let Some(c) = name.chars().find(|c| c.is_control()) {
        return Err(NameFault::Control {
            what: match c {
                '\n' | '\r' => "a line break",
                '\t' => "a tab",
                _ => "a control character",
            },
            code: c as u32,
        });
    }
    if let Some(first) = invisible(name) {
        return Err(NameFault::Invisible { code: first as u32 });
    }
    Ok(name)
}

/// `5d`, `3h`, `45m`, `2ed`, `0d`: a duration in the notation; whole 480-minute days as `d`.
pub fn format_duration(d: Duration) -> String {
    match d {
        Duration::Working(m) => format_minutes(m.0, MINUTES_PER_DAY, ""),
        Duration::Elapsed(m) => format_minutes(m, 1440, "e"),
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_name_with_control_characters_is_put_on_one_line() {
        assert_eq!(one_line("Build"), None);
        assert_eq!(
            one_line("Build and\r\ntest").as_deref(),
            Some("Build and test")
        );
        assert_eq!(one_line("a\t\tb").as_deref(), Some("a b"));
        assert_eq!(
            one_line("\u{1b}]0;owned\u{7}Deploy\u{1b}[2J").as_deref(),
            Some("]0;owned Deploy [2J")
        );
        assert_eq!(one_line("\n x \n").as_deref(), Some("x"));
        assert_eq!(one_line("\u{85}").as_deref(), Some(""));
    }
    use super::*;

    fn exists(n: TaskNumber) -> bool {
        (1..=20).contains(&n.0)
    }

    fn parse(text: &str) -> Result<String, String> {
        parse_predecessors(text, Some(TaskNumber(10)), &exists)
            .map(|p| format_predecessors(&p))
            .map_err(|e| e.to_string())
    }

    /// Golden table: input → formatted output, or the error message.
    const GOLDEN: &[(&str, Result<&str, &str>)] = &[
        ("", Ok("")),
        ("   ", Ok("")),
        ("7", Ok("7")),
        ("3FS+2d", Ok("3FS+2d")),
        (
            "3FS+2d, 5SS-1d, 7, 9FF+3ed, 4SF-50%",
            Ok("3FS+2d, 5SS-1d, 7, 9FF+3ed, 4SF-50%"),
        ),
        ("3fs + 2 D ; 5ss", Ok("3FS+2d, 5SS")),
        (" 3 FS + 2 days ,5", Ok("3FS+2d, 5")),
        ("3FS+0d", Ok("3")),
        ("3SS+0d", Ok("3SS")),
        ("3FS+2", Ok("3FS+2d")),
        ("3FS+1w", Ok("3FS+5d")),
        ("3FS+1mo", Ok("3FS+20d")),
        ("3FS+4h", Ok("3FS+4h")),
        ("3FS+30m", Ok("3FS+30m")),
        ("3FS+1.5d", Ok("3FS+12h")),
        ("3FS+2eh", Ok("3FS+2eh")),
        ("3FS+1ew", Ok("3FS+7ed")),
        ("3FS+1emo", Ok("3FS+30ed")),
        ("3FS+90em", Ok("3FS+90em")),
        ("3FS+2d?", Ok("3FS+2d")),
        ("3FS+2edays", Ok("3FS+2ed")),
        ("3,4,", Ok("3, 4")),
        (
            "99",
            Err("position 1: task 99 does not exist"),
        ),
        (
            "3, 42FS+1d",
            Err("position 4: task 42 does not exist"),
        ),
        (
            "3FS+2x",
            Err("position 6: 'x' is not a lag unit (use m, h, d, w, mo, em, eh, ed, ew, emo or %)"),
        ),
        (
            "3FS+2 fortnights",
            Err("position 7: 'fortnights' is not a lag unit (use m, h, d, w, mo, em, eh, ed, ew, emo or %)"),
        ),
        (
            "10FS",
            Err("position 1: task 10 cannot be its own predecessor"),
        ),
        ("3, 3SS", Err("position 4: task 3 is listed twice")),
        (
            "abc",
            Err("position 1: expected a task number, found 'abc'"),
        ),
        (
            "3XY",
            Err("position 2: expected a link type (FS, SS, FF or SF), found 'XY'"),
        ),
        (
            "3FS+",
            Err("position 5: expected a lag amount, found 'the end'"),
        ),
        (
            "3FS+d",
            Err("position 5: expected a lag amount, found 'd'"),
        ),
        (
            "3 4",
            Err("position 3: expected ',' or ';' between predecessors, found '4'"),
        ),
        (
            "3FS+1.2.3d",
            Err("position 5: expected a lag amount, found '1.2.3'"),
        ),
        (
            "99999999999",
            Err("position 1: '99999999999' is too large"),
        ),
        (
            "3FS+9999999999999d",
            Err("position 5: '9999999999999d' is too large"),
        ),
        (", 3", Err("position 1: expected a task number, found ','")),
    ];

    #[test]
    fn predecessor_golden_table() {
        for (input, want) in GOLDEN {
            let got = parse(input);
            let want = want.map(str::to_string).map_err(str::to_string);
            assert_eq!(got, want, "input {input:?}");
        }
    }

    #[test]
    fn parsed_values() {
        let p = parse_predecessors("3FS+2d, 5SS-1d, 7, 9FF+3ed, 4SF-50%", None, &exists).unwrap();
        assert_eq!(
            p,
            vec![
                Predecessor {
                    number: TaskNumber(3),
                    kind: LinkType::FS,
                    lag: Lag::Working(WorkMinutes(960)),
                },
                Predecessor {
                    number: TaskNumber(5),
                    kind: LinkType::SS,
                    lag: Lag::Working(WorkMinutes(-480)),
                },
                Predecessor {
                    number: TaskNumber(7),
                    kind: LinkType::FS,
                    lag: Lag::ZERO,
                },
                Predecessor {
                    number: TaskNumber(9),
                    kind: LinkType::FF,
                    lag: Lag::Elapsed(3 * 1440),
                },
                Predecessor {
                    number: TaskNumber(4),
                    kind: LinkType::SF,
                    lag: Lag::Percent(-50),
                },
            ]
        );
        let e = parse_predecessors("3FS+2x", None, &exists).unwrap_err();
        assert_eq!(e.position(), Some(6));
        assert!(matches!(e, NotationError::BadLagUnit { .. }));
    }

    #[test]
    fn formatted_lists_parse_back_to_the_same_values() {
        let lags = [
            Lag::ZERO,
            Lag::Working(WorkMinutes(480)),
            Lag::Working(WorkMinutes(-7)),
            Lag::Working(WorkMinutes(90)),
            Lag::Elapsed(1440),
            Lag::Elapsed(-61),
            Lag::Percent(25),
            Lag::Percent(-100),
        ];
        let kinds = [LinkType::FS, LinkType::SS, LinkType::FF, LinkType::SF];
        let mut preds = Vec::new();
        for (i, lag) in lags.iter().enumerate() {
            for (j, kind) in kinds.iter().enumerate() {
                preds.push(Predecessor {
                    number: TaskNumber((i * 4 + j + 1) as u32),
                    kind: *kind,
                    lag: *lag,
                });
            }
        }
        let text = format_predecessors(&preds);
        let back = parse_predecessors(&text, None, &|_| true).unwrap();
        // A zero elapsed lag formats as none, which parses as a zero working lag.
        let norm = |p: &Predecessor| Predecessor {
            lag: match p.lag {
                Lag::Elapsed(0) => Lag::ZERO,
                l => l,
            },
            ..*p
        };
        assert_eq!(
            back.iter().map(norm).collect::<Vec<_>>(),
            preds.iter().map(norm).collect::<Vec<_>>()
        );
    }

    /// Golden table: duration text → minutes and kind, or the error message.
    #[test]
    fn duration_golden_table() {
        let ok: &[(&str, Duration, &str)] = &[
            ("5d", Duration::Working(WorkMinutes(2400)), "5d"),
            ("3h", Duration::Working(WorkMinutes(180)), "3h"),
            ("2w", Duration::Working(WorkMinutes(4800)), "10d"),
            ("0", Duration::ZERO, "0d"),
            ("1.5d", Duration::Working(WorkMinutes(720)), "12h"),
            ("2ed", Duration::Elapsed(2880), "2ed"),
            ("5 days", Duration::Working(WorkMinutes(2400)), "5d"),
            ("5", Duration::Working(WorkMinutes(2400)), "5d"),
            ("45m", Duration::Working(WorkMinutes(45)), "45m"),
            ("1mo", Duration::Working(WorkMinutes(9600)), "20d"),
            ("1emo", Duration::Elapsed(43200), "30ed"),
            ("3eh", Duration::Elapsed(180), "3eh"),
            (" 4 D? ", Duration::Working(WorkMinutes(1920)), "4d"),
        ];
        for (text, want, formatted) in ok {
            let d = parse_duration(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(d, *want, "{text}");
            assert_eq!(format_duration(d), *formatted, "{text}");
            assert_eq!(parse_duration(formatted).unwrap(), d, "{formatted}");
        }
        let bad: &[(&str, &str)] = &[
            ("5x", "'5x' is not a duration: 'x' is not a duration unit (use m, h, d, w, mo, em, eh, ed, ew or emo)"),
            ("", "'' is not a duration: it is empty"),
            ("days", "'days' is not a duration: it does not start with a number"),
            ("-2d", "'-2d' is not a duration: a duration cannot be negative"),
            ("1.2.3d", "'1.2.3d' is not a duration: '1.2.3' is not a number"),
            ("50%", "'50%' is not a duration: '%' is not a duration unit (use m, h, d, w, mo, em, eh, ed, ew or emo)"),
            ("1e99d", "'1e99d' is not a duration: 'e99d' is not a duration unit (use m, h, d, w, mo, em, eh, ed, ew or emo)"),
            ("99999999999d", "'99999999999d' is not a duration: it is too large"),
        ];
        for (text, want) in bad {
            assert_eq!(
                parse_duration(text).unwrap_err().to_string(),
                *want,
                "{text}"
            );
        }
    }
}

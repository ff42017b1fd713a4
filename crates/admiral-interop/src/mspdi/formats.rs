//! MSPDI value formats: xsd durations, dates, times, and the DurationFormat / LagFormat
//! codes.
//!
//! DurationFormat and LagFormat share one code list (MS Project's `PjFormatUnit`, written in
//! MSPDI as integers): 3 m, 4 em, 5 h, 6 eh, 7 d, 8 ed, 9 w, 10 ew, 11 mo, 12 emo,
//! 19 %, 20 e%, 21 default (none given); 35–44, 51, 52 and 53 are the same units marked as
//! estimated ("?"), i.e. the plain code + 32. Codes 4, 6, 8, 10, 12 (and 36, 38, 40, 42, 44)
//! count wall-clock time. Checked against the fixtures: mspdiduration.xml has one task of each
//! unit 3–12 whose `Duration` is the wall-clock or working span in minutes (1 ed =
//! PT24H0M0S, 1 ew = PT168H0M0S, 1 emo = PT720H0M0S, 1 w = PT40H0M0S).

use admiral_core::{Constraint, LinkType};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// What a DurationFormat / LagFormat code means for scheduling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    /// Counted in working time of the calendar.
    Working,
    /// Counted in wall-clock time.
    Elapsed,
    /// Percent of the predecessor's duration (lags only).
    Percent { elapsed: bool },
    /// 21 / 53: no format given; the project default applies.
    Default,
    /// A code outside the list.
    Unknown,
}

pub(crate) fn unit(code: i64) -> Unit {
    let plain = if (35..=53).contains(&code) {
        code - 32
    } else {
        code
    };
    match plain {
        3 | 5 | 7 | 9 | 11 => Unit::Working,
        4 | 6 | 8 | 10 | 12 => Unit::Elapsed,
        19 => Unit::Percent { elapsed: false },
        20 => Unit::Percent { elapsed: true },
        21 => Unit::Default,
        _ => Unit::Unknown,
    }
}

/// Largest span accepted: about 1900 years of minutes. Keeps every later sum far from
/// overflow.
const MAX_MINUTES: f64 = 1.0e9;

/// Parses an xsd:duration as MS Project writes it (`PT8H0M0S`, `P1DT2H0M0S`, `-PT4H0M0S`,
/// fractional seconds allowed) into whole minutes, rounded to the nearest. Days are 24 hours;
/// years and months are refused (MS Project never writes them, and they have no fixed
/// length).
pub(crate) fn parse_duration_minutes(s: &str) -> Option<i64> {
    let s = s.trim();
    let (neg, rest) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let rest = rest.strip_prefix('P')?;
    if rest.is_empty() {
        return None;
    }
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) => {
            if t.is_empty() {
                return None;
            }
            (d, Some(t))
        }
        None => (rest, None),
    };
    let mut minutes = 0.0f64;
    let mut any = false;
    for (part, units) in [(date, "D"), (time.unwrap_or(""), "HMS")] {
        let mut num = String::new();
        let mut last_unit = 0usize;
        for c in part.chars() {
            if c.is_ascii_digit() || c == '.' {
                num.push(c);
                continue;
            }
            let idx = units.find(c)? + 1;
            // Units must come in order, each at most once, each after a number.
            if idx <= last_unit || num.is_empty() {
                return None;
            }
            last_unit = idx;
            let v: f64 = num.parse().ok()?;
            if !v.is_finite() {
                return None;
            }
            num.clear();
            any = true;
            let factor = match (units, c) {
                ("D", 'D') => 1440.0,
                (_, 'H') => 60.0,
                (_, 'M') => 1.0,
                (_, 'S') => 1.0 / 60.0,
                _ => return None,
            };
            minutes += v * factor;
            if minutes > MAX_MINUTES {
                return None;
            }
        }
        if !num.is_empty() {
            return None;
        }
    }
    if !any {
        return None;
    }
    let m = minutes.round() as i64;
    Some(if neg { -m } else { m })
}

/// Parses an xsd:dateTime without zone, as MS Project writes it (`2003-01-07T08:00:00`).
pub(crate) fn parse_datetime(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    for fmt in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(d);
        }
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
}

/// Parses a time of day (`08:00:00`) into minutes after midnight.
pub(crate) fn parse_time_minutes(s: &str) -> Option<u16> {
    let s = s.trim();
    if s == "24:00:00" || s == "24:00" {
        return Some(1440);
    }
    let t = NaiveTime::parse_from_str(s, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(s, "%H:%M:%S%.f"))
        .or_else(|_| NaiveTime::parse_from_str(s, "%H:%M"))
        .ok()?;
    use chrono::Timelike;
    Some((t.hour() * 60 + t.minute()) as u16)
}

/// MSPDI booleans: `1`/`0`, also `true`/`false`.
pub(crate) fn parse_bool(s: &str) -> Option<bool> {
    match s.trim() {
        "1" | "true" | "True" => Some(true),
        "0" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// Integers; MS Project sometimes writes whole numbers with decimals (`1.00`).
pub(crate) fn parse_int(s: &str) -> Option<i64> {
    let s = s.trim();
    if let Ok(v) = s.parse::<i64>() {
        return Some(v);
    }
    let f: f64 = s.parse().ok()?;
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 9.0e15 {
        Some(f as i64)
    } else {
        None
    }
}

pub(crate) fn parse_f64(s: &str) -> Option<f64> {
    s.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A `<PredecessorLink>`'s Type code (MS Project's `PjTaskLinkType`): 0 FF, 1 FS, 2 SF, 3 SS.
pub(crate) fn link_type_code(kind: LinkType) -> u8 {
    match kind {
        LinkType::FF => 0,
        LinkType::FS => 1,
        LinkType::SF => 2,
        LinkType::SS => 3,
    }
}

/// The link type of a Type code; `None` for a code outside the list.
pub(crate) fn link_type(code: i64) -> Option<LinkType> {
    [LinkType::FF, LinkType::FS, LinkType::SF, LinkType::SS]
        .into_iter()
        .find(|&k| i64::from(link_type_code(k)) == code)
}

/// A task's ConstraintType code (MS Project's `PjConstraint`), as MSPDI writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum ConstraintType {
    Asap = 0,
    Alap = 1,
    Mso = 2,
    Mfo = 3,
    Snet = 4,
    Snlt = 5,
    Fnet = 6,
    Fnlt = 7,
}

impl ConstraintType {
    const ALL: [ConstraintType; 8] = [
        Self::Asap,
        Self::Alap,
        Self::Mso,
        Self::Mfo,
        Self::Snet,
        Self::Snlt,
        Self::Fnet,
        Self::Fnlt,
    ];

    /// The code of a code number; `None` outside 0–7.
    pub(crate) fn from_code(code: i64) -> Option<Self> {
        Self::ALL.into_iter().find(|&c| i64::from(c as u8) == code)
    }

    /// A constraint's code and date.
    pub(crate) fn of(c: Constraint) -> (Self, Option<NaiveDateTime>) {
        match c {
            Constraint::Asap => (Self::Asap, None),
            Constraint::Alap => (Self::Alap, None),
            Constraint::Mso(d) => (Self::Mso, Some(d)),
            Constraint::Mfo(d) => (Self::Mfo, Some(d)),
            Constraint::Snet(d) => (Self::Snet, Some(d)),
            Constraint::Snlt(d) => (Self::Snlt, Some(d)),
            Constraint::Fnet(d) => (Self::Fnet, Some(d)),
            Constraint::Fnlt(d) => (Self::Fnlt, Some(d)),
        }
    }

    /// The constraint of this code with `date`; `None` for a dated code without its date.
    pub(crate) fn constraint(self, date: Option<NaiveDateTime>) -> Option<Constraint> {
        let dated = |f: fn(NaiveDateTime) -> Constraint| date.map(f);
        match self {
            Self::Asap => Some(Constraint::Asap),
            Self::Alap => Some(Constraint::Alap),
            Self::Mso => dated(Constraint::Mso),
            Self::Mfo => dated(Constraint::Mfo),
            Self::Snet => dated(Constraint::Snet),
            Self::Snlt => dated(Constraint::Snlt),
            Self::Fnet => dated(Constraint::Fnet),
            Self::Fnlt => dated(Constraint::Fnlt),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_and_constraint_codes_round_trip() {
        for k in [LinkType::FS, LinkType::SS, LinkType::FF, LinkType::SF] {
            assert_eq!(link_type(i64::from(link_type_code(k))), Some(k));
        }
        assert_eq!(link_type(1), Some(LinkType::FS));
        assert_eq!(link_type(4), None);
        let d = NaiveDate::from_ymd_opt(2027, 3, 1)
            .and_then(|d| d.and_hms_opt(8, 0, 0))
            .unwrap();
        for c in [
            Constraint::Asap,
            Constraint::Alap,
            Constraint::Mso(d),
            Constraint::Mfo(d),
            Constraint::Snet(d),
            Constraint::Snlt(d),
            Constraint::Fnet(d),
            Constraint::Fnlt(d),
        ] {
            let (code, date) = ConstraintType::of(c);
            assert_eq!(ConstraintType::from_code(i64::from(code as u8)), Some(code));
            assert_eq!(code.constraint(date), Some(c));
        }
        assert_eq!(ConstraintType::Fnlt as u8, 7);
        assert_eq!(ConstraintType::from_code(8), None);
        assert_eq!(ConstraintType::Snet.constraint(None), None);
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration_minutes("PT8H0M0S"), Some(480));
        assert_eq!(parse_duration_minutes("PT24H0M0S"), Some(1440));
        assert_eq!(parse_duration_minutes("PT0H1M0S"), Some(1));
        assert_eq!(parse_duration_minutes("PT7H30M0S"), Some(450));
        assert_eq!(parse_duration_minutes("P1DT2H0M0S"), Some(1560));
        assert_eq!(parse_duration_minutes("P2D"), Some(2880));
        assert_eq!(parse_duration_minutes("-PT4H0M0S"), Some(-240));
        assert_eq!(parse_duration_minutes("PT0H0M30.5S"), Some(1));
        assert_eq!(parse_duration_minutes("PT1.5H"), Some(90));
        for bad in [
            "",
            "P",
            "PT",
            "PTxyz",
            "PT8H8H",
            "PT8M8H",
            "8H",
            "P1Y",
            "P1M",
            "PT8",
            "PTH",
            "P1DT",
            "PT1e9999H",
            "PT99999999999999H",
        ] {
            assert_eq!(parse_duration_minutes(bad), None, "{bad}");
        }
    }

    #[test]
    fn units() {
        assert_eq!(unit(7), Unit::Working);
        assert_eq!(unit(39), Unit::Working);
        assert_eq!(unit(8), Unit::Elapsed);
        assert_eq!(unit(40), Unit::Elapsed);
        assert_eq!(unit(19), Unit::Percent { elapsed: false });
        assert_eq!(unit(52), Unit::Percent { elapsed: true });
        assert_eq!(unit(21), Unit::Default);
        assert_eq!(unit(53), Unit::Default);
        assert_eq!(unit(99), Unit::Unknown);
    }

    #[test]
    fn times_and_dates() {
        assert_eq!(parse_time_minutes("08:00:00"), Some(480));
        assert_eq!(parse_time_minutes("00:00:00"), Some(0));
        assert_eq!(parse_time_minutes("24:00:00"), Some(1440));
        assert_eq!(parse_time_minutes("25:00:00"), None);
        assert!(parse_datetime("2003-01-07T08:00:00").is_some());
        assert!(parse_datetime("2003-02-30T08:00:00").is_none());
        assert_eq!(parse_int("1.00"), Some(1));
        assert_eq!(parse_int("x"), None);
    }
}

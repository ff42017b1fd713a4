//! Quantities that are easy to confuse, as newtypes.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::{Add, Neg, Sub};

/// Minutes in a default working day (08:00–12:00 and 13:00–17:00).
pub const MINUTES_PER_DAY: i64 = 480;
/// Minutes in a default working week (five working days).
pub const MINUTES_PER_WEEK: i64 = 5 * MINUTES_PER_DAY;

/// A span of working time, in minutes, as MS Project counts it (a day is 480 minutes by
/// default). May be negative where a lag is negative.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct WorkMinutes(pub i64);

impl WorkMinutes {
    pub const ZERO: WorkMinutes = WorkMinutes(0);

    /// Whole working days of the default 480-minute day.
    pub fn days(d: i64) -> Self {
        Self(d * MINUTES_PER_DAY)
    }
    pub fn hours(h: i64) -> Self {
        Self(h * 60)
    }
    /// The value in default working days (480 min), as a float for display.
    pub fn as_days(self) -> f64 {
        self.0 as f64 / MINUTES_PER_DAY as f64
    }
}

impl Add for WorkMinutes {
    type Output = Self;
    fn add(self, o: Self) -> Self {
        Self(self.0 + o.0)
    }
}
impl Sub for WorkMinutes {
    type Output = Self;
    fn sub(self, o: Self) -> Self {
        Self(self.0 - o.0)
    }
}
impl Neg for WorkMinutes {
    type Output = Self;
    fn neg(self) -> Self {
        Self(-self.0)
    }
}

impl fmt::Display for WorkMinutes {
    /// Days when whole, else hours when whole, else minutes: `5d`, `3h`, `45m`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = self.0;
        if m != 0 && m % MINUTES_PER_DAY == 0 {
            write!(f, "{}d", m / MINUTES_PER_DAY)
        } else if m != 0 && m % 60 == 0 {
            write!(f, "{}h", m / 60)
        } else {
            write!(f, "{m}m")
        }
    }
}

/// How long a task takes.
///
/// Working durations count only the working minutes of the task's calendar. Elapsed durations
/// (MS Project's "edays") count every minute of the clock, nights and weekends included.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", content = "minutes", rename_all = "snake_case")]
pub enum Duration {
    Working(WorkMinutes),
    /// Wall-clock minutes.
    Elapsed(i64),
}

impl Duration {
    pub const ZERO: Duration = Duration::Working(WorkMinutes::ZERO);

    /// The raw minute count, whether working or elapsed.
    pub fn minutes(self) -> i64 {
        match self {
            Duration::Working(w) => w.0,
            Duration::Elapsed(m) => m,
        }
    }
    pub fn is_zero(self) -> bool {
        self.minutes() == 0
    }
}

impl Default for Duration {
    fn default() -> Self {
        Duration::ZERO
    }
}

/// The lag (or lead, when negative) of a link.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Lag {
    /// Working minutes on the successor's calendar.
    Working(WorkMinutes),
    /// Wall-clock minutes.
    Elapsed(i64),
    /// Percent of the predecessor's duration (e.g. `50` for FS+50%).
    Percent(i32),
}

impl Lag {
    pub const ZERO: Lag = Lag::Working(WorkMinutes::ZERO);
}

impl Default for Lag {
    fn default() -> Self {
        Lag::ZERO
    }
}

/// A three-point estimate of a task's duration, in working minutes.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreePoint {
    pub optimistic: WorkMinutes,
    pub most_likely: WorkMinutes,
    pub pessimistic: WorkMinutes,
}

/// An amount of money in the plan's currency, in cents, so that sums are exact.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(pub i64);

impl Money {
    pub fn from_units(u: i64) -> Self {
        Self(u * 100)
    }
    pub fn as_units(self) -> f64 {
        self.0 as f64 / 100.0
    }
}

impl Add for Money {
    type Output = Self;
    fn add(self, o: Self) -> Self {
        Self(self.0 + o.0)
    }
}
impl Sub for Money {
    type Output = Self;
    fn sub(self, o: Self) -> Self {
        Self(self.0 - o.0)
    }
}

impl Money {
    /// With thousands separators and two decimals, as a reader expects a sum of money:
    /// "25,000.00", "-1,234.50".
    pub fn grouped(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let c = self.0.unsigned_abs();
        let digits = (c / 100).to_string();
        let mut units = String::new();
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                units.push(',');
            }
            units.push(ch);
        }
        format!("{sign}{units}.{:02}", c % 100)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let c = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", c / 100, c % 100)
    }
}

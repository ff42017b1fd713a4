//! Statistics over the per-iteration finishes: percentiles, histogram, cumulative curve,
//! mean and standard deviation, and Spearman rank correlation.

use crate::schedule::CompiledPlan;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// Nearest-rank percentiles of a finish date.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Percentiles {
    pub p10: NaiveDateTime,
    pub p50: NaiveDateTime,
    pub p80: NaiveDateTime,
    pub p90: NaiveDateTime,
    pub p95: NaiveDateTime,
}

/// Iterations finishing on the days `start..=end`.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistogramBin {
    pub start: NaiveDate,
    /// Last day of the bin (inclusive).
    pub end: NaiveDate,
    pub count: u32,
    /// Share of iterations finishing on or before `end`.
    pub cumulative: f64,
}

/// A point of the cumulative ("S") curve: the share of iterations finishing on or before
/// `date`.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurvePoint {
    pub date: NaiveDate,
    pub probability: f64,
}

/// The distribution of one finish date over the iterations.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FinishDistribution {
    /// The CPM date with the planned durations and no risk firing.
    pub deterministic: NaiveDateTime,
    pub percentiles: Percentiles,
    pub min: NaiveDateTime,
    pub max: NaiveDateTime,
    /// Mean, in working time of the calendar the date is on.
    pub mean: NaiveDateTime,
    /// Standard deviation in working days (480 minutes) of that calendar.
    pub std_dev_days: f64,
    /// Share of iterations finishing on or before the deterministic date.
    pub probability_deterministic: f64,
    /// Whole-day bins from the earliest to the latest finish day.
    pub histogram: Vec<HistogramBin>,
    /// One point per day on which some iteration finishes.
    pub cumulative: Vec<CurvePoint>,
}

/// Nearest-rank percentile of sorted values.
fn percentile(sorted: &[i64], p: f64) -> i64 {
    let n = sorted.len();
    let rank = ((p / 100.0) * n as f64).ceil() as usize;
    sorted[rank.clamp(1, n) - 1]
}

/// The distribution of `values` (instants), with working-time statistics on timeline `tl`.
pub(crate) fn distribution(
    c: &CompiledPlan,
    tl: usize,
    values: &[i64],
    deterministic: i64,
    bins: usize,
) -> FinishDistribution {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    let dt = |v: i64| c.clock.datetime(v);
    let timeline = &c.timelines[tl.min(c.timelines.len().saturating_sub(1))];
    // Mean and standard deviation over working-minute positions (exact integer sums).
    let pos: Vec<i64> = sorted.iter().map(|&v| timeline.pos(v)).collect();
    let sum: i128 = pos.iter().map(|&p| i128::from(p)).sum();
    let mean = sum as f64 / n as f64;
    let var = pos
        .iter()
        .map(|&p| {
            let d = p as f64 - mean;
            d * d
        })
        .sum::<f64>()
        / n as f64;
    // Shown like the samples: a sample at the mean position gives its own face (Monday 08:00
    // rather than Friday 17:00).
    let mp = mean.round() as i64;
    let mean_instant = match pos.binary_search(&mp) {
        Ok(i) => sorted[i],
        Err(_) => timeline.finish_instant(mp),
    };

    let day = |v: i64| dt(v).date();
    let (first, last) = (day(sorted[0]), day(sorted[n - 1]));
    let span = (last - first).num_days() + 1;
    let width = ((span + bins as i64 - 1) / bins as i64).max(1);
    let nbins = ((span + width - 1) / width) as usize;
    let mut counts = vec![0u32; nbins];
    let mut cumulative = Vec::new();
    for (i, &v) in sorted.iter().enumerate() {
        let d = day(v);
        counts[((d - first).num_days() / width) as usize] += 1;
        let last_of_day = sorted.get(i + 1).is_none_or(|&w| day(w) != d);
        if last_of_day {
            cumulative.push(CurvePoint {
                date: d,
                probability: (i + 1) as f64 / n as f64,
            });
        }
    }
    let mut acc = 0u64;
    let histogram = counts
        .iter()
        .enumerate()
        .map(|(b, &count)| {
            acc += u64::from(count);
            let start = first + chrono::Days::new(b as u64 * width as u64);
            let end = (start + chrono::Days::new(width as u64 - 1)).min(last);
            HistogramBin {
                start,
                end,
                count,
                cumulative: acc as f64 / n as f64,
            }
        })
        .collect();
    FinishDistribution {
        deterministic: dt(deterministic),
        percentiles: Percentiles {
            p10: dt(percentile(&sorted, 10.0)),
            p50: dt(percentile(&sorted, 50.0)),
            p80: dt(percentile(&sorted, 80.0)),
            p90: dt(percentile(&sorted, 90.0)),
            p95: dt(percentile(&sorted, 95.0)),
        },
        min: dt(sorted[0]),
        max: dt(sorted[n - 1]),
        mean: dt(mean_instant),
        std_dev_days: var.sqrt() / crate::model::MINUTES_PER_DAY as f64,
        probability_deterministic: sorted.partition_point(|&v| v <= deterministic) as f64
            / n as f64,
        histogram,
        cumulative,
    }
}

/// Ranks 1..=n, ties sharing their average rank.
pub(crate) fn ranks(x: &[f64]) -> Vec<f64> {
    let n = x.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| x[a].total_cmp(&x[b]).then(a.cmp(&b)));
    let mut r = vec![0.0; n];
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j + 1 < n && x[order[j + 1]] == x[order[i]] {
            j += 1;
        }
        let avg = (i + j) as f64 / 2.0 + 1.0;
        for &o in &order[i..=j] {
            r[o] = avg;
        }
        i = j + 1;
    }
    r
}

/// Pearson correlation; 0 when either side does not vary.
pub(crate) fn pearson(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len().min(b.len());
    if n < 2 {
        return 0.0;
    }
    let ma = a[..n].iter().sum::<f64>() / n as f64;
    let mb = b[..n].iter().sum::<f64>() / n as f64;
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for i in 0..n {
        let (da, db) = (a[i] - ma, b[i] - mb);
        sab += da * db;
        saa += da * da;
        sbb += db * db;
    }
    if saa <= 0.0 || sbb <= 0.0 {
        0.0
    } else {
        (sab / (saa * sbb).sqrt()).clamp(-1.0, 1.0)
    }
}

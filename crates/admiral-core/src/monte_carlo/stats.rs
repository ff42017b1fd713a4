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

    // Days as numbers from the clock's origin (a date is made only per day, not per sample).
    let day = |v: i64| c.clock.day(v);
    let (first_day, last_day) = (day(sorted[0]), day(sorted[n - 1]));
    let (first, last) = (c.clock.date(first_day), c.clock.date(last_day));
    let span = last_day - first_day + 1;
    let width = ((span + bins as i64 - 1) / bins as i64).max(1);
    let nbins = ((span + width - 1) / width) as usize;
    let mut counts = vec![0u32; nbins];
    let mut cumulative = Vec::new();
    for (i, &v) in sorted.iter().enumerate() {
        let d = day(v);
        counts[((d - first_day) / width) as usize] += 1;
        let last_of_day = sorted.get(i + 1).is_none_or(|&w| day(w) != d);
        if last_of_day {
            cumulative.push(CurvePoint {
                date: c.clock.date(d),
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
///
/// Sorts the values' bit patterns (an order equal to `f64::total_cmp`) rather than indices
/// compared through `x`, then gives every run of equal values (`==`, as
/// [`ranks_by_index`] groups them) the average of its positions and looks each value's up:
/// the same ranks, without the cache misses of an indirect sort (this was a quarter of a
/// Monte Carlo run's instructions). A NaN (never a sampled duration or a risk's 0/1) takes
/// the reference path, where each NaN is its own group.
pub(crate) fn ranks(x: &[f64]) -> Vec<f64> {
    // Counting takes whole numbers only, never a NaN.
    if let Some(r) = ranks_by_count(x) {
        return r;
    }
    if x.iter().any(|v| v.is_nan()) {
        return ranks_by_index(x);
    }
    let mut keys: Vec<i64> = x.iter().map(|&v| total_key(v)).collect();
    keys.sort_unstable();
    // Distinct keys, each with the average rank of its run of equal values.
    let mut distinct: Vec<(i64, f64)> = Vec::new();
    let n = keys.len();
    let mut i = 0;
    while i < n {
        let v = from_key(keys[i]);
        let mut j = i;
        while j + 1 < n && from_key(keys[j + 1]) == v {
            j += 1;
        }
        let avg = (i + j) as f64 / 2.0 + 1.0;
        // -0.0 and 0.0 are equal but have two keys: both get the run's rank.
        let mut k = i;
        while k <= j {
            distinct.push((keys[k], avg));
            while k <= j && keys[k] == distinct[distinct.len() - 1].0 {
                k += 1;
            }
        }
        i = j + 1;
    }
    x.iter()
        .map(|&v| {
            let key = total_key(v);
            let at = distinct.partition_point(|&(k, _)| k < key);
            distinct[at].1
        })
        .collect()
}

/// [`ranks`] of whole numbers within a small range (sampled durations are whole minutes, a
/// risk's draws 0 or 1) by counting each value's occurrences: no sort at all. `None` for
/// other values (a NaN among them).
fn ranks_by_count(x: &[f64]) -> Option<Vec<f64>> {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for &v in x {
        // Whole when it survives a round trip through an integer (`fract`, a call to libm's
        // `trunc` on baseline x86-64, cost more than the rest of this loop). An infinity or
        // a whole number beyond `i64` does not: it takes the sort, which ranks it alike.
        if (v as i64) as f64 != v {
            return None;
        }
        // Not `f64::min`, whose care for NaN costs more (there is none here); which of two
        // zeros is kept does not matter, as both subtract alike.
        if v < lo {
            lo = v;
        }
        if v > hi {
            hi = v;
        }
    }
    let n = x.len();
    if n == 0 || hi - lo >= (4 * n + 64) as f64 {
        return None;
    }
    // Whole numbers this close together subtract exactly: one bucket per value (-0.0 and
    // 0.0 share one, as they tie), each value's worked out once (a float's conversion to an
    // integer is a dozen instructions).
    let bucket: Vec<u32> = x.iter().map(|&v| (v - lo) as u32).collect();
    let mut counts = vec![0u32; (hi - lo) as usize + 1];
    for &b in &bucket {
        counts[b as usize] += 1;
    }
    // The run of a value's copies in sorted order is positions i..=j: their average rank.
    let mut avg = vec![0.0; counts.len()];
    let mut i = 0;
    for (a, &c) in avg.iter_mut().zip(&counts) {
        if c > 0 {
            let j = i + c as usize - 1;
            *a = (i + j) as f64 / 2.0 + 1.0;
            i = j + 1;
        }
    }
    Some(bucket.iter().map(|&b| avg[b as usize]).collect())
}

/// An `i64` whose order is `f64::total_cmp`'s.
fn total_key(v: f64) -> i64 {
    let b = v.to_bits() as i64;
    b ^ (((b >> 63) as u64) >> 1) as i64
}

fn from_key(k: i64) -> f64 {
    f64::from_bits((k ^ (((k >> 63) as u64) >> 1) as i64) as u64)
}

/// Ranks by sorting indices (the reference for [`ranks`], and its path for NaNs).
pub(crate) fn ranks_by_index(x: &[f64]) -> Vec<f64> {
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

#[cfg(test)]
mod rank_tests {
    use super::*;
    use proptest::prelude::*;

    fn same(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits())
    }

    #[test]
    fn ties_share_their_average_rank_and_signed_zeros_tie() {
        let x = [3.0, 1.0, 3.0, -0.0, 0.0, 7.0, f64::INFINITY, -2.5];
        let r = ranks(&x);
        assert_eq!(r, vec![5.5, 4.0, 5.5, 2.5, 2.5, 7.0, 8.0, 1.0]);
        assert!(same(&r, &ranks_by_index(&x)));
        // Whole numbers beyond i64 and infinities take the sort, and rank alike.
        for x in [
            vec![1e19, 1e19, 1e19],
            vec![1e300, -1e300, 5.0, 5.0],
            vec![f64::NEG_INFINITY, 2.0, 2.0, f64::INFINITY],
            vec![9.2e18, -9.3e18, 0.0],
        ] {
            assert!(same(&ranks(&x), &ranks_by_index(&x)), "{x:?}");
        }
        let nan = [1.0, f64::NAN, 1.0];
        assert!(same(&ranks(&nan), &ranks_by_index(&nan)));
        assert!(ranks(&[]).is_empty());
    }

    proptest! {
        // Sampled durations are whole minutes, risks 0 or 1: many ties, as here.
        #[test]
        fn ranks_equal_the_index_sort(x in prop::collection::vec(
            prop_oneof![(-50i64..50).prop_map(|v| v as f64), any::<f64>(), Just(-0.0), Just(0.0)],
            0..300,
        )) {
            prop_assert!(same(&ranks(&x), &ranks_by_index(&x)));
        }

        // Both fast paths: whole numbers close together (counted) and far apart (sorted).
        #[test]
        fn whole_number_ranks_equal_the_index_sort(
            x in prop::collection::vec(-20i64..20, 0..200),
            scale in prop_oneof![Just(1.0), Just(1e6), Just(-3.0)],
        ) {
            let x: Vec<f64> = x.iter().map(|&v| v as f64 * scale).collect();
            prop_assert!(same(&ranks(&x), &ranks_by_index(&x)));
        }
    }
}

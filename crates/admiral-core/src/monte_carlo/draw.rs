//! Drawing an iteration's durations: every triangular estimate of a plan at once.
//!
//! A plan whose estimates are all triangular (the default distribution) draws each
//! iteration's uniforms in the order the tasks come, as drawing them one estimate at a time
//! does, and then turns all of them into durations in one loop over arrays. That loop has no
//! branch and no call, so the compiler computes two estimates per instruction (the square
//! roots were most of a Monte Carlo run's sampling time); every value is the same, bit for
//! bit, as [`Tri::sample`] gives for the same uniform.

use super::Tri;
use rand::Rng;
use wide::f64x4;

/// The triangular estimates of a plan, by field (structure of arrays), in the order their
/// uniforms are drawn.
#[derive(Default)]
pub(super) struct TriBatch {
    /// Plan task index of each estimate.
    pub(super) task: Vec<usize>,
    min: Vec<f64>,
    max: Vec<f64>,
    mode_min: Vec<f64>,
    range: Vec<f64>,
    max_mode: Vec<f64>,
}

impl TriBatch {
    pub(super) fn push(&mut self, task: usize, t: &Tri) {
        self.task.push(task);
        self.min.push(t.min);
        self.max.push(t.max);
        self.mode_min.push(t.mode_min);
        self.range.push(t.range);
        self.max_mode.push(t.max_mode);
    }

    pub(super) fn len(&self) -> usize {
        self.task.len()
    }

    /// One iteration's values: a uniform per estimate from `rng`, in order, into `u`, then
    /// each estimate's inverse distribution function at its uniform into `out`.
    pub(super) fn sample<R: Rng + ?Sized>(&self, rng: &mut R, u: &mut [f64], out: &mut [f64]) {
        for x in u.iter_mut() {
            *x = rng.sample(rand::distr::StandardUniform);
        }
        self.at(u, out);
    }

    /// `out[k]` = estimate `k`'s value at uniform `u[k]` ([`Tri::sample`]'s arithmetic),
    /// four at a time in SIMD lanes (`wide`: SSE2 on any x86-64), the rest one by one.
    fn at(&self, u: &[f64], out: &mut [f64]) {
        let n = self.len();
        let four = n - n % 4;
        let lanes = |v: &[f64], k: usize| f64x4::new([v[k], v[k + 1], v[k + 2], v[k + 3]]);
        for k in (0..four).step_by(4) {
            let (min, max) = (lanes(&self.min, k), lanes(&self.max, k));
            let (mode_min, range) = (lanes(&self.mode_min, k), lanes(&self.range, k));
            let f_range = lanes(u, k) * range;
            let low = min + (f_range * mode_min).sqrt();
            let high = max - ((range - f_range) * lanes(&self.max_mode, k)).sqrt();
            let v = f_range.simd_lt(mode_min).bitselect(low, high);
            out[k..k + 4].copy_from_slice(&v.to_array());
        }
        for k in four..n {
            let f_range = u[k] * self.range[k];
            let low = self.min[k] + (f_range * self.mode_min[k]).sqrt();
            let high = self.max[k] - ((self.range[k] - f_range) * self.max_mode[k]).sqrt();
            out[k] = if f_range < self.mode_min[k] {
                low
            } else {
                high
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    proptest::proptest! {
        /// The batch gives what drawing one estimate at a time gives, bit for bit, and
        /// leaves the generator where it would be.
        #[test]
        fn the_batch_draws_what_one_at_a_time_draws(
            est in proptest::collection::vec((0.0f64..1e6, 0.0f64..1e6, 0.0f64..1.0), 0..40),
            seed in proptest::prelude::any::<u64>(),
        ) {
            let mut batch = TriBatch::default();
            let mut tris = Vec::new();
            for (k, &(a, b, f)) in est.iter().enumerate() {
                let (lo, hi) = (a.min(b), a.max(b) + 1.0);
                let t = Tri::new(lo, hi, lo + f * (hi - lo)).unwrap();
                batch.push(k, &t);
                tris.push(t);
            }
            let mut r1 = ChaCha8Rng::seed_from_u64(seed);
            let mut r2 = r1.clone();
            let n = batch.len();
            let (mut u, mut out) = (vec![0.0; n], vec![0.0; n]);
            batch.sample(&mut r1, &mut u, &mut out);
            for (k, t) in tris.iter().enumerate() {
                proptest::prop_assert_eq!(out[k].to_bits(), t.sample(&mut r2).to_bits());
            }
            proptest::prop_assert_eq!(r1.random::<u64>(), r2.random::<u64>());
        }
    }
}

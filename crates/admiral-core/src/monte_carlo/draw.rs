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

/// The triangular estimates of a plan, in the order their uniforms are drawn.
#[derive(Default)]
pub(super) struct TriBatch {
    /// Plan task index of each estimate.
    pub(super) task: Vec<usize>,
    tri: Vec<Tri>,
}

impl TriBatch {
    pub(super) fn push(&mut self, task: usize, t: &Tri) {
        self.task.push(task);
        self.tri.push(*t);
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

    /// `out[k]` = estimate `k`'s value at uniform `u[k]` ([`Tri::at`]'s arithmetic), four at
    /// a time in SIMD lanes (`wide`: SSE2 on any x86-64), the rest one by one.
    fn at(&self, u: &[f64], out: &mut [f64]) {
        let n = self.len();
        let four = n - n % 4;
        for k in (0..four).step_by(4) {
            let t = &self.tri[k..k + 4];
            let lanes = |f: fn(&Tri) -> f64| f64x4::new([f(&t[0]), f(&t[1]), f(&t[2]), f(&t[3])]);
            let (min, max) = (lanes(|t| t.min), lanes(|t| t.max));
            let (mode_min, range) = (lanes(|t| t.mode_min), lanes(|t| t.range));
            let f_range = f64x4::new([u[k], u[k + 1], u[k + 2], u[k + 3]]) * range;
            let low = min + (f_range * mode_min).sqrt();
            let high = max - ((range - f_range) * lanes(|t| t.max_mode)).sqrt();
            let v = f_range.simd_lt(mode_min).bitselect(low, high);
            out[k..k + 4].copy_from_slice(&v.to_array());
        }
        for k in four..n {
            out[k] = self.tri[k].at(u[k]);
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

//! rayon's pool, or this thread alone when the process may start no thread.
//!
//! Scheduling a large plan, Monte Carlo and the report's compression run on rayon's global
//! pool, which rayon builds at its first use and panics when it cannot: a process that may
//! start no thread (`prlimit --nproc`, a container's pids limit) stopped with rayon's panic.
//! [`ready`] is called before that work: it builds the global pool as rayon would, and when
//! no thread can be started it gives the calling thread a pool of its own alone, so that the
//! same work runs here, one piece after another, with the same results.
//!
//! The binaries (the CLI, the desktop app) call [`limit_threads`] first: the pool then has
//! the threads `RAYON_NUM_THREADS` asks for, as rayon's own would, but no more than four per
//! processor ([`threads_for`]). Asked for 100,000, `simulate` spent over a minute starting
//! threads. (Core reads no environment: the binaries give it what they read.)

use std::cell::OnceCell;
use std::sync::OnceLock;

/// Makes sure the rayon work this thread starts next has a pool to run on (see the module
/// docs). Cheap after the first call: an atomic load, and a thread-local one when there is
/// no global pool.
pub fn ready() {
    if !global_pool() {
        ALONE.with(|alone| {
            alone.get_or_init(alone_pool);
        });
    }
}

/// Whether rayon's global pool exists: built here (with the threads rayon would start at
/// its first use) or before. False only when its threads could not be started.
fn global_pool() -> bool {
    static GLOBAL: OnceLock<bool> = OnceLock::new();
    *GLOBAL.get_or_init(|| {
        match rayon::ThreadPoolBuilder::new()
            .num_threads(THREADS.get().copied().unwrap_or(0))
            .build_global()
        {
            Ok(()) => true,
            // Only a failure to start a thread has an I/O error for its source; the other
            // error is a pool that is already there.
            Err(e) => std::error::Error::source(&e).is_none(),
        }
    })
}

/// The threads the global pool is built with, once [`limit_threads`] is called; rayon's own
/// choice (0) without it.
static THREADS: OnceLock<usize> = OnceLock::new();

/// Sets the threads of the global pool, built at its first use, from `RAYON_NUM_THREADS` =
/// `asked` on a machine of `cores` processors ([`threads_for`]). Only the first call counts.
pub fn limit_threads(asked: Option<&str>, cores: usize) {
    let _ = THREADS.set(threads_for(asked, cores));
}

/// The global pool's threads for `RAYON_NUM_THREADS` = `asked` on a machine of `cores`
/// processors: the number asked for, up to four per processor; 0 (rayon's own choice, one
/// per processor) when it is not set, not a number, or 0, as rayon reads it.
fn threads_for(asked: Option<&str>, cores: usize) -> usize {
    match asked.and_then(|s| s.trim().parse::<usize>().ok()) {
        Some(n) => n.min(4 * cores.max(1)),
        None => 0,
    }
}

thread_local! {
    /// This thread's pool of itself alone, when there is no global pool. rayon then runs
    /// the work this thread starts on this thread (it is the pool's only worker).
    static ALONE: OnceCell<Option<rayon::ThreadPool>> = const { OnceCell::new() };
}

/// A pool whose only worker is the calling thread: it starts no thread. `None` when this
/// thread is a worker of another pool already (rayon then uses that one).
fn alone_pool() -> Option<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .use_current_thread()
        .build()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pool_of_the_calling_thread_runs_rayon_work_on_that_thread() {
        // What `ready` gives a thread when the process may start no thread: on a thread of
        // its own here, so that no other test's rayon work runs on this pool.
        std::thread::spawn(|| {
            let pool = alone_pool().expect("a pool that starts no thread");
            let me = std::thread::current().id();
            let (sum, ids) = rayon::join(
                || {
                    use rayon::prelude::*;
                    (1..=1000u64).into_par_iter().sum::<u64>()
                },
                || std::thread::current().id(),
            );
            assert_eq!(sum, 500_500);
            assert_eq!(ids, me, "the work ran on another thread");
            assert_eq!(rayon::current_num_threads(), 1);
            assert_eq!(pool.current_thread_index(), Some(0));
        })
        .join()
        .unwrap();
    }

    #[test]
    fn the_threads_asked_for_are_given_up_to_four_a_processor() {
        assert_eq!(threads_for(None, 8), 0);
        assert_eq!(threads_for(Some("1"), 8), 1);
        assert_eq!(threads_for(Some(" 12 "), 8), 12);
        assert_eq!(threads_for(Some("100000"), 8), 32);
        assert_eq!(threads_for(Some("100000"), 0), 4);
        assert_eq!(threads_for(Some("0"), 8), 0);
        assert_eq!(threads_for(Some("many"), 8), 0);
        assert_eq!(threads_for(Some("-3"), 8), 0);
    }

    #[test]
    fn ready_finds_the_global_pool_in_a_process_that_may_start_threads() {
        ready();
        assert!(global_pool());
        ALONE.with(|alone| assert!(alone.get().is_none()));
    }
}

//! Work spread over the machine's cores, in order: what a coalition of hundreds makes large
//! (parsing inputs, merging slots, cleaning answers, converting questions, deflating the Word
//! body) is many independent items.
//!
//! On rayon's pool: its threads start once and serve every phase and every level of nesting
//! (the two formats render side by side, and the Word file's questions and body stretches
//! inside one of them). Threads started afresh for each phase, as this module did before, each
//! began one to three milliseconds after the work was handed out, five times a build.

use rayon::prelude::*;

/// `items.iter().map(f).collect()`, on several threads when `worth_it` (handing work to other
/// threads costs more than small work: callers decide from its size). Items are handed out one
/// at a time, so items of uneven size balance out; results come back in the order of `items`.
/// A panic in `f` is a panic here.
pub fn map<T: Sync, R: Send>(items: &[T], worth_it: bool, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    if !worth_it {
        return items.iter().map(f).collect();
    }
    items.par_iter().with_max_len(1).map(&f).collect()
}

/// `(a(), b())`, side by side when `worth_it`: `a` on this thread, `b` on another when one is
/// free. Called from outside the pool (a test, say), both run on the pool's threads, so
/// neither may rely on this thread's thread-locals.
pub fn join<A: Send, B: Send>(
    worth_it: bool,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    if worth_it {
        rayon::join(a, b)
    } else {
        (a(), b())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_on_many_threads() {
        let items: Vec<u64> = (0..10_000).collect();
        let out = map(&items, true, |n| {
            // Uneven work, so threads finish items out of order.
            (0..n % 97).fold(*n, |a, b| a.wrapping_mul(31).wrapping_add(b))
        });
        let expected: Vec<u64> = items
            .iter()
            .map(|n| (0..n % 97).fold(*n, |a, b| a.wrapping_mul(31).wrapping_add(b)))
            .collect();
        assert_eq!(out, expected);
    }

    #[test]
    fn small_work_stays_on_this_thread() {
        let here = std::thread::current().id();
        let ids = map(&[1, 2, 3], false, |_| std::thread::current().id());
        assert!(ids.iter().all(|id| *id == here));
    }
}

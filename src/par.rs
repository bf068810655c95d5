//! Work spread over the machine's cores, in order: what a coalition of hundreds makes large
//! (parsing inputs, merging slots, cleaning answers) is many independent items.

use std::sync::atomic::{AtomicUsize, Ordering};

/// At most this many threads, whatever the machine has.
const MAX_THREADS: usize = 8;

/// `items.iter().map(f).collect()`, on several threads when `worth_it` (starting threads
/// costs more than small work: callers decide from its size). Each thread takes the next item when it finishes one, so items of uneven size
/// balance out; results come back in the order of `items`. A panic in `f` is a panic here.
pub fn map<T: Sync, R: Send>(items: &[T], worth_it: bool, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    if !worth_it {
        return items.iter().map(f).collect();
    }
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(MAX_THREADS)
        .min(items.len());
    if threads < 2 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return done;
            };
            done.push((i, f(item)));
        }
    };
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut done = work();
        for helper in helpers {
            done.extend(
                helper
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        done
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
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

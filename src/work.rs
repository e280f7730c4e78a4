//! What bounds the work on one file: a count of the steps the extraction's own loops take
//! (so a test can prove they grow linearly with the text, without timing anything), the
//! one time limit a file's loading and extraction run under, and a set of disjoint spans
//! that settles overlapping matches in O(log n) each instead of against every kept one.
//!
//! The time limit is cooperative: [`check`] is called between rules and in the long
//! loops, and past the deadline it unwinds to [`crate::pipeline`], which turns that into
//! a `timeout` skip. `resume_unwind` runs no panic hook, so nothing is printed.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::ops::Range;
use std::time::{Duration, Instant};

thread_local! {
    static STEPS: Cell<u64> = const { Cell::new(0) };
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// Counts `n` steps of work on this thread.
#[inline]
pub fn step(n: usize) {
    STEPS.with(|s| s.set(s.get().wrapping_add(n as u64)));
}

/// Runs `f` and returns its result with the steps it counted.
pub fn counted<T>(f: impl FnOnce() -> T) -> (T, u64) {
    let before = STEPS.with(Cell::get);
    let out = f();
    (out, STEPS.with(Cell::get).wrapping_sub(before))
}

/// The payload of the unwind that [`check`] starts past the deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimedOut;

/// Runs `f` with a deadline `limit` from now (none: no limit) for [`check`] to enforce.
/// Past it, `f` unwinds with a [`TimedOut`] payload: run this under `catch_unwind`.
pub fn with_limit<T>(limit: Option<Duration>, f: impl FnOnce() -> T) -> T {
    let deadline = limit.map(|l| Instant::now() + l);
    let outer = DEADLINE.with(|d| d.replace(deadline));
    struct Restore(Option<Instant>);
    impl Drop for Restore {
        fn drop(&mut self) {
            DEADLINE.with(|d| d.set(self.0));
        }
    }
    let _restore = Restore(outer);
    f()
}

/// The time left before the deadline, if there is one.
pub fn remaining() -> Option<Duration> {
    DEADLINE
        .with(Cell::get)
        .map(|d| d.saturating_duration_since(Instant::now()))
}

/// Unwinds with [`TimedOut`] when the deadline has passed.
#[inline]
pub fn check() {
    if let Some(deadline) = DEADLINE.with(Cell::get)
        && Instant::now() >= deadline
    {
        std::panic::resume_unwind(Box::new(TimedOut));
    }
}

/// Non-overlapping spans, kept as they are accepted: a span is accepted only when it
/// overlaps none kept so far. Offer the spans best first.
#[derive(Debug, Default)]
pub struct DisjointSpans {
    /// start -> end of each kept span.
    kept: BTreeMap<usize, usize>,
}

impl DisjointSpans {
    /// Keeps `span` and returns true when it overlaps no kept span. Empty spans never
    /// overlap.
    pub fn insert(&mut self, span: Range<usize>) -> bool {
        step(1);
        // Kept spans are disjoint, so only the last one starting before `span.end` can
        // reach into it.
        let overlaps = self
            .kept
            .range(..span.end)
            .next_back()
            .is_some_and(|(&start, &end)| end > span.start && start < span.end);
        if !overlaps {
            self.kept.insert(span.start, span.end);
        }
        !overlaps
    }
}

/// The index range of `items` (sorted by `start_of`) whose start lies in `within`.
pub fn starting_in<T>(
    items: &[T],
    within: Range<usize>,
    start_of: impl Fn(&T) -> usize,
) -> Range<usize> {
    let from = items.partition_point(|t| start_of(t) < within.start);
    let to = items.partition_point(|t| start_of(t) < within.end);
    step(1);
    from..to.max(from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disjoint_spans_refuse_any_overlap() {
        let mut s = DisjointSpans::default();
        assert!(s.insert(10..20));
        assert!(!s.insert(15..25));
        assert!(!s.insert(5..11));
        assert!(!s.insert(12..13));
        assert!(!s.insert(0..30));
        assert!(s.insert(20..25));
        assert!(s.insert(0..10));
        assert!(s.insert(25..25));
    }

    #[test]
    fn a_passed_deadline_unwinds_with_timed_out() {
        let r = std::panic::catch_unwind(|| {
            with_limit(Some(Duration::ZERO), || {
                check();
                1
            })
        });
        let payload = r.expect_err("unwound");
        assert!(payload.downcast_ref::<TimedOut>().is_some());
        assert_eq!(with_limit(None, || 2), 2);
        check(); // no deadline outside
    }
}

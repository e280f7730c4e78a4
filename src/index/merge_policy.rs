//! Which segments tantivy merges while an import writes: its log merge policy, with no
//! merge allowed to make a segment of more than [`MAX_MERGED_DOCS`] documents.
//!
//! A merge holds memory in proportion to the segments it merges, so tantivy's default
//! (segments up to ten million documents merged, eight at a time) lets an import's
//! peak memory grow with the archive. With the bound it stays that of one bounded merge,
//! and an index of N documents keeps about N / [`MAX_MERGED_DOCS`] large segments.

use std::collections::HashMap;

use tantivy::index::{SegmentId, SegmentMeta};
use tantivy::merge_policy::{LogMergePolicy, MergeCandidate, MergePolicy};

/// The most documents a merge may put in one segment.
pub const MAX_MERGED_DOCS: u32 = 20_000;

/// [`LogMergePolicy`], each merge cut to its smallest segments that together hold at
/// most `max_docs` documents.
#[derive(Debug)]
pub struct BoundedMerges {
    log: LogMergePolicy,
    max_docs: u32,
}

impl BoundedMerges {
    pub fn new(max_docs: u32) -> BoundedMerges {
        let mut log = LogMergePolicy::default();
        // A segment past half the bound could only be merged with smaller ones, which
        // the cut below would leave out anyway.
        log.set_max_docs_before_merge(max_docs as usize / 2);
        BoundedMerges { log, max_docs }
    }
}

impl Default for BoundedMerges {
    fn default() -> BoundedMerges {
        BoundedMerges::new(MAX_MERGED_DOCS)
    }
}

impl MergePolicy for BoundedMerges {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let docs: HashMap<SegmentId, u32> =
            segments.iter().map(|s| (s.id(), s.num_docs())).collect();
        self.log
            .compute_merge_candidates(segments)
            .into_iter()
            .filter_map(|MergeCandidate(mut ids)| {
                ids.sort_by_key(|id| docs.get(id).copied().unwrap_or(0));
                let mut total = 0u32;
                ids.retain(|id| {
                    total = total.saturating_add(docs.get(id).copied().unwrap_or(0));
                    total <= self.max_docs
                });
                (ids.len() >= 2).then_some(MergeCandidate(ids))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(sizes: &[u32]) -> Vec<SegmentMeta> {
        let index = tantivy::Index::create_in_ram(tantivy::schema::Schema::builder().build());
        sizes
            .iter()
            .map(|&n| index.new_segment_meta(SegmentId::generate_random(), n))
            .collect()
    }

    fn merged_sizes(policy: &BoundedMerges, segments: &[SegmentMeta]) -> Vec<Vec<u32>> {
        let docs: HashMap<SegmentId, u32> =
            segments.iter().map(|s| (s.id(), s.num_docs())).collect();
        policy
            .compute_merge_candidates(segments)
            .into_iter()
            .map(|MergeCandidate(ids)| ids.iter().map(|id| docs[id]).collect())
            .collect()
    }

    #[test]
    fn small_segments_merge_as_tantivy_would() {
        let small = segments(&[500; 8]);
        assert_eq!(
            merged_sizes(&BoundedMerges::new(20_000), &small),
            [vec![500; 8]]
        );
    }

    #[test]
    fn a_merge_is_cut_to_its_smallest_segments_within_the_bound() {
        let level = segments(&[4_000, 4_000, 9_000, 500, 4_000, 4_000, 4_000, 4_000]);
        let merges = merged_sizes(&BoundedMerges::new(20_000), &level);
        assert_eq!(merges, [vec![500, 4_000, 4_000, 4_000, 4_000]]);
        // Tantivy's own policy takes the whole level.
        let log = LogMergePolicy::default().compute_merge_candidates(&level);
        assert_eq!(log.len(), 1);
        assert_eq!(log[0].0.len(), 8);
    }

    #[test]
    fn segments_near_the_bound_are_left_alone() {
        let big = segments(&[12_000; 10]);
        assert!(merged_sizes(&BoundedMerges::new(20_000), &big).is_empty());
        assert_eq!(
            LogMergePolicy::default()
                .compute_merge_candidates(&big)
                .len(),
            1
        );
    }
}

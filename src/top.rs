//! The first `top` items of a stream in a total order, holding a few times `top` of them at
//! once rather than the whole stream. Rankings over the vocabulary (the corpus's keywords, a
//! group's keyness) see one candidate a stem: at 1 GB of input, collecting them all before
//! keeping the first 25 or 200 was the run's peak of memory. Pruning as they come keeps
//! exactly the items a full sort would, as long as the order is total. A leaf.

use std::cmp::Ordering;

/// Items a [`Top`] gathers before it is pruned to its `top` (when `top` is smaller).
const PRUNE_AT: usize = 4096;

/// The `top` first items pushed, in `order`.
///
/// ```
/// let mut top = tisse::top::Top::new(3, |a: &u32, b: &u32| b.cmp(a));
/// for n in [5, 1, 9, 7, 3, 8] {
///     top.push(n);
/// }
/// assert_eq!(top.into_sorted(), [9, 8, 7]);
/// ```
pub struct Top<T, F> {
    top: usize,
    items: Vec<T>,
    order: F,
}

impl<T, F: Fn(&T, &T) -> Ordering> Top<T, F> {
    /// Keeps the first `top` items in `order`, which must be total (no two items equal) for
    /// the result not to depend on the order items come in.
    pub fn new(top: usize, order: F) -> Top<T, F> {
        Top {
            top,
            items: Vec::new(),
            order,
        }
    }

    /// Offers one more item.
    pub fn push(&mut self, item: T) {
        self.items.push(item);
        if self.items.len() >= self.top.saturating_mul(2).max(PRUNE_AT) {
            self.prune();
        }
    }

    /// Drops everything after the first `top`, in no particular order.
    fn prune(&mut self) {
        if self.items.len() > self.top {
            if self.top > 0 {
                let order = &self.order;
                self.items
                    .select_nth_unstable_by(self.top - 1, |a, b| order(a, b));
            }
            self.items.truncate(self.top);
        }
    }

    /// The first `top` items, sorted.
    pub fn into_sorted(mut self) -> Vec<T> {
        self.prune();
        let order = &self.order;
        self.items.sort_by(|a, b| order(a, b));
        self.items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Against a full sort, for tops below, around and above the pruning size.
    #[test]
    fn the_same_items_as_sorting_everything() {
        // A fixed pseudo-random stream with many ties on the first key.
        let stream: Vec<(u32, u32)> = (0..20_000u32)
            .map(|i| ((i.wrapping_mul(2_654_435_761) >> 7) % 97, i))
            .collect();
        let order = |a: &(u32, u32), b: &(u32, u32)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        let mut sorted = stream.clone();
        sorted.sort_by(order);
        for top in [0, 1, 25, 4095, 4096, 5000, 20_000, usize::MAX] {
            let mut kept = Top::new(top, order);
            for &item in &stream {
                kept.push(item);
            }
            let expected = &sorted[..top.min(sorted.len())];
            assert_eq!(kept.into_sorted(), expected, "top {top}");
        }
    }
}

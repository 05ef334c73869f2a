//! One sort for every list the engine, the bundle reader and the widget return.
//!
//! Each `sort_by` with its own closure type gets its own copy of the standard library's sort
//! (about 4 KB of WebAssembly for the stable one); the widget had two dozen. Here the sort is
//! compiled once, over indices, with the comparison behind `&mut dyn FnMut`; callers pay only
//! for a small permutation. Ties keep their input order, so the result is the stable sort's.

use std::cmp::Ordering;
use std::collections::BTreeSet;

/// Sorts `items` by `compare`, keeping equal items in their input order (a stable sort).
///
/// ```
/// use yardstick_stats::sort_with;
///
/// let mut names = vec!["Bury", "bolton", "Wigan", "Bolton"];
/// sort_with(&mut names, |a, b| a.to_lowercase().cmp(&b.to_lowercase()));
/// assert_eq!(names, ["bolton", "Bolton", "Bury", "Wigan"]);
/// ```
pub fn sort_with<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let order = {
        let view: &[T] = items;
        sorted_order(view.len(), &mut |a, b| match (view.get(a), view.get(b)) {
            (Some(x), Some(y)) => compare(x, y),
            _ => Ordering::Equal,
        })
    };
    permute(items, &order);
}

/// A set of `items`, built by insertion. Collecting into a `BTreeSet` would sort a vector
/// first with the standard library's stable sort, one more copy of it per element type.
///
/// ```
/// use yardstick_stats::set_of;
///
/// let set = set_of(["Wigan", "Bury", "Wigan"]);
/// assert_eq!(set.into_iter().collect::<Vec<_>>(), ["Bury", "Wigan"]);
/// ```
pub fn set_of<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    for item in items {
        set.insert(item);
    }
    set
}

/// Rearranges `items` so that position `i` holds what was at `order[i]`, following each cycle
/// of the permutation with swaps.
fn permute<T>(items: &mut [T], order: &[usize]) {
    let mut placed = vec![false; items.len()];
    for start in 0..items.len() {
        let mut at = start;
        while let Some(seen) = placed.get_mut(at) {
            if *seen {
                break;
            }
            *seen = true;
            match order.get(at) {
                Some(&from) if from != start => {
                    items.swap(at, from);
                    at = from;
                }
                _ => break,
            }
        }
    }
}

/// The positions `0..len` in sorted order; the only place a sort is instantiated.
fn sorted_order(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    #[allow(
        clippy::disallowed_methods,
        reason = "the one sort of the wasm, over indices with a dynamic comparison"
    )]
    order.sort_unstable_by(|&a, &b| compare(a, b).then(a.cmp(&b)));
    order
}

#[cfg(test)]
mod tests {
    use super::sort_with;

    #[test]
    fn equal_items_keep_their_order() {
        let mut pairs = vec![(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (0, 'e')];
        sort_with(&mut pairs, |x, y| x.0.cmp(&y.0));
        assert_eq!(pairs, [(0, 'e'), (1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')]);
    }

    #[test]
    fn empty_and_single_lists_are_untouched() {
        let mut empty: Vec<u8> = Vec::new();
        sort_with(&mut empty, u8::cmp);
        assert!(empty.is_empty());
        let mut one = vec![7];
        sort_with(&mut one, i32::cmp);
        assert_eq!(one, [7]);
    }

    #[test]
    fn agrees_with_the_standard_stable_sort() {
        let mut ours: Vec<u32> = (0..200).map(|i| (i * 7919) % 61).collect();
        let mut theirs = ours.clone();
        sort_with(&mut ours, |a, b| (a % 10).cmp(&(b % 10)));
        theirs.sort_by_key(|v| v % 10);
        assert_eq!(ours, theirs);
    }
}

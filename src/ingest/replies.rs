//! Reply links checked as a reader makes them: a comment that answers itself, or a circle of
//! comments answering each other (a answers b, b answers a), has no place in a thread. Each
//! is a warning, and the link that would close the circle is dropped: that comment becomes a
//! reply to its post, so that whatever walks up a thread (reply depth in `threads.csv`) ends.
//!
//! Links are checked as they come, in file order, so that streaming readers need not hold a
//! file's comments: the comment whose link closes a circle is the one cut loose. Memory is
//! two hashes a reply; a check costs nearly nothing (a union-find forest with path
//! compression, whose roots are the comments that answer no one).

use std::collections::HashMap;

use crate::document::id_key;

/// The reply links of one file (or one post) so far.
#[derive(Debug, Default)]
pub struct Replies {
    /// For a comment that answers another, a comment above it in its thread (its root, once
    /// looked up); a comment absent answers no one yet. Keys are hashes of ids, SipHash with
    /// fixed keys: the same on every run.
    above: HashMap<u64, u64>,
}

/// Why a reply link was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Circle {
    /// The comment names itself as its parent.
    SelfReply,
    /// Its parent answers it, directly or through other replies.
    Loop,
}

impl Circle {
    /// The warning, for the comment `id` that answers `parent`.
    pub fn warning(self, id: &str, parent: &str) -> String {
        match self {
            Circle::SelfReply => {
                format!("comment {id:?} answers itself: read as a reply to its post")
            }
            Circle::Loop => format!(
                "comment {id:?} answers {parent:?}, which answers it back (a reply circle): \
                 read as a reply to its post"
            ),
        }
    }
}

impl Replies {
    /// Records that comment `id` answers comment `parent`, unless that would make a circle.
    /// A second parent for the same comment (a repeated id) is not recorded, and not refused.
    ///
    /// ```
    /// use tisse::ingest::replies::{Circle, Replies};
    /// let mut replies = Replies::default();
    /// assert_eq!(replies.link("b", "a"), Ok(()));
    /// assert_eq!(replies.link("c", "b"), Ok(()));
    /// assert_eq!(replies.link("a", "c"), Err(Circle::Loop));
    /// assert_eq!(replies.link("d", "d"), Err(Circle::SelfReply));
    /// ```
    pub fn link(&mut self, id: &str, parent: &str) -> Result<(), Circle> {
        if id == parent {
            return Err(Circle::SelfReply);
        }
        let (id, parent) = (id_key(id), id_key(parent));
        if self.above.contains_key(&id) {
            return Ok(());
        }
        // `id` answers no one yet: it is the root of its tree, and a link to `parent` closes
        // a circle exactly when `id` is above `parent`, that is, when it is `parent`'s root.
        let root = self.root(parent);
        if root == id {
            return Err(Circle::Loop);
        }
        self.above.insert(id, root);
        Ok(())
    }

    /// The comment at the top of `id`'s chain of parents; the chain is shortened on the way.
    fn root(&mut self, id: u64) -> u64 {
        let mut top = id;
        while let Some(&up) = self.above.get(&top) {
            top = up;
        }
        let mut at = id;
        while let Some(up) = self.above.insert(at, top) {
            if up == top {
                break;
            }
            at = up;
        }
        if at == top {
            self.above.remove(&top);
        }
        top
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn circles_are_refused_where_they_close() {
        // (comment, parent, accepted)
        let cases: &[(&str, &str, Result<(), Circle>)] = &[
            ("a", "a", Err(Circle::SelfReply)),
            ("b", "c", Ok(())),
            // c answers b, which answers c: the link that closes the circle is refused.
            ("c", "b", Err(Circle::Loop)),
            ("d", "b", Ok(())),
            ("e", "d", Ok(())),
            // A longer circle, through links made in any order.
            ("c", "e", Err(Circle::Loop)),
            // A parent not seen yet is fine; it may come later in the file.
            ("f", "g", Ok(())),
            ("g", "h", Ok(())),
            ("h", "f", Err(Circle::Loop)),
            ("h", "x", Ok(())),
            // A second parent for one comment is not recorded.
            ("f", "y", Ok(())),
            ("x", "f", Err(Circle::Loop)),
        ];
        let mut replies = Replies::default();
        for (id, parent, expected) in cases {
            assert_eq!(replies.link(id, parent), *expected, "{id} -> {parent}");
        }
    }

    #[test]
    fn a_long_chain_costs_little() {
        let mut replies = Replies::default();
        let n = 200_000;
        for i in 1..n {
            assert_eq!(replies.link(&i.to_string(), &(i - 1).to_string()), Ok(()));
        }
        assert_eq!(replies.link("0", &(n - 1).to_string()), Err(Circle::Loop));
    }
}

//! Comparison: documents set against each other, on what the analyses keep.
//!
//! Everything here reads [`crate::Analysis`] rows in report order (one pass, a slice at a
//! time, as big runs read them back from disk) into accumulators, and turns those into rows
//! once the pass is over. Nothing here reads a text again.
//!
//! - [`keyness`]: each group of documents against the rest of the corpus, per language.
//! - [`groups`]: what each group holds, side by side.
//! - [`similarity`]: each post's nearest posts by text, links, commenters and networks.
//! - [`threads`]: the conversation under each post.
//! - [`duplicates`]: clusters of near-identical texts.

pub mod duplicates;
pub mod grouping;
pub mod groups;
pub mod keyness;
pub mod similarity;
pub mod threads;

//! Repeatable random numbers for the unit tests' generated inputs.

/// A repeatable random number below the one asked for (xorshift64), from `seed`.
pub(crate) fn random_below(seed: u64) -> impl FnMut(usize) -> usize {
    let mut state = seed;
    move |below| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % below as u64) as usize
    }
}

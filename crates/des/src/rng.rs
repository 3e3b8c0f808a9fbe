//! Random number streams: one master seed, one independent generator per
//! (replication, component).
//!
//! Each source of randomness in a model (arrivals at one office, lengths of stay in one
//! facility type, …) draws from its own stream, named by a string. Streams are derived by
//! hashing (master seed, replication, name), so:
//! - adding a component adds a stream and does not shift anyone else's numbers;
//! - two scenarios run with the same seed share every stream they both name, which gives
//!   common random numbers for comparisons (scenario A vs B differ by the lever, not by
//!   luck).
//!
//! The generator is `Xoshiro256PlusPlus`, named explicitly because `StdRng` may change
//! between rand versions; the derivation is pinned by a golden-value test.

use rand::SeedableRng;
pub use rand_xoshiro::Xoshiro256PlusPlus;

/// The generator every stream uses.
pub type Stream = Xoshiro256PlusPlus;

/// Derives named streams from one master seed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Streams {
    master: u64,
    replication: u64,
}

impl Streams {
    /// Streams for replication `replication` of a run seeded with `master`.
    pub fn new(master: u64, replication: u64) -> Self {
        Streams { master, replication }
    }

    /// The master seed.
    pub fn master(&self) -> u64 {
        self.master
    }

    /// The replication index.
    pub fn replication(&self) -> u64 {
        self.replication
    }

    /// The generator for the component called `name`. Calling twice with the same name
    /// gives two generators in the same state.
    pub fn stream(&self, name: &str) -> Stream {
        self.stream_indexed(name, 0)
    }

    /// The generator for the `index`-th instance of a component (e.g. office 17's
    /// arrivals), without formatting a name for each.
    pub fn stream_indexed(&self, name: &str, index: u64) -> Stream {
        let mut state = splitmix(self.master ^ 0x6361_7365_6c6f_6164); // "caseload"
        state = splitmix(state ^ self.replication);
        state = splitmix(state ^ fnv1a(name.as_bytes()));
        state = splitmix(state ^ index);
        let mut seed = [0u8; 32];
        let mut s = state;
        for chunk in seed.chunks_exact_mut(8) {
            s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
            chunk.copy_from_slice(&splitmix(s).to_le_bytes());
        }
        Xoshiro256PlusPlus::from_seed(seed)
    }
}

/// SplitMix64's output function: a strong 64-bit mixer.
fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// FNV-1a, a stable (version-independent) hash for stream names.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::Rng;

    #[test]
    fn golden_values_pin_the_derivation() {
        // If this fails, every published result changes: bump the output format version.
        let mut r = Streams::new(42, 0).stream("arrivals");
        let got = [r.next_u64(), r.next_u64()];
        assert_eq!(got, GOLDEN, "stream derivation changed: {got:?}");
    }
    const GOLDEN: [u64; 2] = [9_995_616_192_044_278_804, 17_885_536_226_254_267_717];

    #[test]
    fn streams_are_distinct_by_name_replication_index_and_seed() {
        let first = |s: Streams, name: &str, i: u64| s.stream_indexed(name, i).next_u64();
        let base = first(Streams::new(1, 0), "a", 0);
        assert_eq!(base, first(Streams::new(1, 0), "a", 0));
        assert_ne!(base, first(Streams::new(1, 0), "b", 0));
        assert_ne!(base, first(Streams::new(1, 1), "a", 0));
        assert_ne!(base, first(Streams::new(1, 0), "a", 1));
        assert_ne!(base, first(Streams::new(2, 0), "a", 0));
    }
}

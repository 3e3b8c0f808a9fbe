//! Resources: pools of identical servers (officers, beds, judges, seats) with a waiting
//! line and a rule for what happens when the line is full.
//!
//! A [`Pool`] does not schedule anything itself; the model asks it to admit a customer
//! and tells it when a server frees, and the pool says who starts service next. That keeps
//! the engine free of domain knowledge and the hot path free of callbacks.
//!
//! Overflow rules ([`Overflow`]), applied when every server is busy and the waiting room
//! is full:
//! - `Wait`: the waiting room is ignored; the line grows without bound;
//! - `Lose`: the customer is turned away (Erlang B's loss system);
//! - `Divert`: the customer is handed back for the model to send elsewhere (another
//!   facility, release);
//! - `Block`: *blocking after service* — the customer stays where it is upstream (keeping
//!   its upstream server) until this pool has room; the pool keeps a FIFO list of blocked
//!   customers and tells the model when one moves in, so it can free the upstream server.

mod pool;
mod queue;

pub use pool::{Admission, Overflow, Pool, PoolStats, Release};
pub use queue::Discipline;

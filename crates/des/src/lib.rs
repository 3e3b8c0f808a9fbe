//! # des — a small, fast, deterministic discrete-event simulation engine
//!
//! `des` knows nothing about immigration enforcement; it knows time, events, random
//! streams, queues and statistics. The caseload model is built on it, and so are the
//! reference queueing models in [`testbed`] that check it against theory.
//!
//! ```text
//!   Model (state + typed Event enum)
//!      ▲ handle(now, event, &mut Calendar)        Streams(master, replication)
//!      │                                              │ .stream("arrivals")
//!   Simulation ── run_until(t) ── Calendar (heap of (time, seq, event))
//!      │
//!   Pool<C> (servers, line, overflow: Wait | Lose | Divert | Block) ── PoolStats
//!   stats: Tally, TimeWeighted, DailyCounter, QuantileSketch, Summary
//!   replicate(n, seed, |streams| …) → Vec<R> in replication order (rayon)
//! ```
//!
//! ## Guarantees
//! - **Time** is an integer number of ticks ([`SimTime`], [`SimDuration`]); the model
//!   decides what a tick is.
//! - **Ties**: events due at the same tick run in the order they were scheduled.
//! - **Reproducibility**: a run is a function of the model and its seeds; replications
//!   give identical bytes whatever the thread count.
//!
//! ## Example: an M/M/1 queue
//! ```
//! use des::{Calendar, Model, Pool, Admission, SimTime, SimDuration, Simulation, Streams, Dist};
//!
//! #[derive(Clone, Copy)]
//! enum Ev { Arrive, Depart }
//! struct Mm1 { pool: Pool<()>, rng: des::Stream, inter: Dist, service: Dist, served: u64 }
//! const TICKS: u64 = 1_000_000; // ticks per time unit
//!
//! impl Model for Mm1 {
//!     type Event = Ev;
//!     fn handle(&mut self, now: SimTime, ev: Ev, cal: &mut Calendar<Ev>) {
//!         match ev {
//!             Ev::Arrive => {
//!                 let gap = SimDuration::from_units(self.inter.sample(&mut self.rng), TICKS);
//!                 cal.schedule(now + gap, Ev::Arrive);
//!                 if let Admission::Started(()) = self.pool.arrive(now, (), 0) {
//!                     let s = SimDuration::from_units(self.service.sample(&mut self.rng), TICKS);
//!                     cal.schedule(now + s, Ev::Depart);
//!                 }
//!             }
//!             Ev::Depart => {
//!                 self.served += 1;
//!                 if self.pool.finish(now).started.is_some() {
//!                     let s = SimDuration::from_units(self.service.sample(&mut self.rng), TICKS);
//!                     cal.schedule(now + s, Ev::Depart);
//!                 }
//!             }
//!         }
//!     }
//! }
//!
//! let streams = Streams::new(42, 0);
//! let model = Mm1 {
//!     pool: Pool::new(1, SimTime::ZERO),
//!     rng: streams.stream("mm1"),
//!     inter: Dist::exponential(1.0 / 0.5).unwrap(), // lambda 0.5
//!     service: Dist::exponential(1.0).unwrap(),     // mu 1
//!     served: 0,
//! };
//! let mut sim = Simulation::new(model);
//! sim.schedule(SimTime::ZERO, Ev::Arrive);
//! sim.run_until(SimTime(20_000 * TICKS));
//! let m = sim.model();
//! let utilisation = m.pool.stats().busy.mean(sim.now());
//! assert!((utilisation - 0.5).abs() < 0.03, "rho = {utilisation}");
//! ```
#![warn(missing_docs)]
#![warn(clippy::too_many_lines)]

pub mod calendar;
pub mod dist;
pub mod replicate;
pub mod resource;
pub mod rng;
pub mod stats;
pub mod testbed;
pub mod time;

pub use calendar::{Calendar, Model, Simulation};
pub use dist::{Dist, DistError, Empirical};
pub use replicate::{replicate, replicate_on};
pub use resource::{Admission, Discipline, Overflow, Pool, PoolStats, Release};
pub use rng::{Stream, Streams};
pub use stats::{DailyCounter, QuantileSketch, Summary, Tally, TimeWeighted};
pub use time::{SimDuration, SimTime};

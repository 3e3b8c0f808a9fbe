//! The event calendar and the loop that drives a model through it.
//!
//! A model is a plain struct with a typed event enum ([`Model::Event`]); the engine calls
//! [`Model::handle`] for each event in time order. There is no dynamic dispatch, no boxing
//! and no async in the loop: the calendar is a binary heap of `(time, sequence, event)`.
//!
//! **Ties.** Events due at the same tick run in the order they were scheduled (the
//! sequence number breaks ties), so a run is a pure function of the model and its seeds.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, VecDeque};

use crate::time::{SimDuration, SimTime};

/// A simulation model: state plus a handler for its own event type.
pub trait Model {
    /// Everything that can happen in this model. Keep it small (ids, not payloads):
    /// it is copied through the heap on every operation.
    type Event: Copy;

    /// Applies one event at time `now`; may schedule further events.
    fn handle(&mut self, now: SimTime, event: Self::Event, calendar: &mut Calendar<Self::Event>);
}

/// A pending event. `key` packs (time, sequence) into one integer — time in the high 64
/// bits — so ordering is a single 128-bit comparison in the heap's hot loop.
struct Entry<E> {
    key: u128,
    event: E,
}

impl<E> Entry<E> {
    #[inline]
    fn at(&self) -> SimTime {
        SimTime((self.key >> 64) as u64)
    }
}

impl<E> PartialEq for Entry<E> {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}
impl<E> Eq for Entry<E> {}
impl<E> PartialOrd for Entry<E> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<E> Ord for Entry<E> {
    /// Reversed, because `BinaryHeap` pops the greatest entry and we want the earliest.
    #[inline]
    fn cmp(&self, other: &Self) -> Ordering {
        other.key.cmp(&self.key)
    }
}

/// Pending events, earliest first; ties in scheduling order.
///
/// The event being handled stays at the top of the heap until the handler schedules its
/// first follow-up, which then *replaces* it (one sift-down instead of a pop and a push:
/// the classic "hold" operation, most of what a simulation does). If the handler schedules
/// nothing, the entry is removed before the next event is taken.
pub struct Calendar<E> {
    heap: BinaryHeap<Entry<E>>,
    seq: u64,
    now: SimTime,
    /// The top entry has been handed out and may be overwritten.
    held: bool,
    /// Optional buckets for far-future events (see [`Calendar::with_buckets`]).
    far: Option<Buckets<E>>,
}

/// Buckets past this many widths ahead spill into an overflow heap.
const MAX_BUCKETS: usize = 1 << 12;

/// Far-future events, kept out of the heap until their bucket comes up: a two-level
/// calendar queue. Events at or after `horizon` wait unsorted in buckets `width` ticks
/// wide; when the heap runs dry the next bucket is poured into it. Order is unchanged —
/// the heap still orders by (time, sequence) — only the heap stays small.
struct Buckets<E> {
    width: u64,
    /// The heap holds exactly the pending events before this tick.
    horizon: u64,
    /// `ring[i]` holds events in `[horizon + i·width, horizon + (i+1)·width)`.
    ring: VecDeque<Vec<Entry<E>>>,
    in_ring: usize,
    /// Events at or after `horizon + MAX_BUCKETS·width`.
    overflow: BinaryHeap<Entry<E>>,
}

impl<E> Buckets<E> {
    fn len(&self) -> usize {
        self.in_ring + self.overflow.len()
    }

    fn insert(&mut self, e: Entry<E>) {
        let idx = (e.at().0 - self.horizon) / self.width;
        if idx >= MAX_BUCKETS as u64 {
            self.overflow.push(e);
            return;
        }
        let idx = idx as usize;
        while self.ring.len() <= idx {
            // A fresh Vec per bucket: reusing poured ones would keep every bucket at the
            // size of the largest (near buckets are the fullest), multiplying memory.
            self.ring.push_back(Vec::new());
        }
        self.ring[idx].push(e);
        self.in_ring += 1;
    }

    /// Moves the next non-empty stretch of time into `heap`.
    fn advance(&mut self, heap: &mut BinaryHeap<Entry<E>>) {
        if self.in_ring == 0 {
            // Nothing in the ring: jump straight to the overflow's first bucket.
            if let Some(first) = self.overflow.peek() {
                let t = first.at().0;
                self.horizon = t - (t - self.horizon) % self.width;
                self.ring.clear();
            }
        }
        let bucket = self.ring.pop_front().unwrap_or_default();
        self.in_ring -= bucket.len();
        self.horizon = self.horizon.saturating_add(self.width);
        heap.extend(bucket);
        // Overflow events that now fall inside the ring's reach move into it (or the heap).
        let reach = self.horizon.saturating_add(self.width * MAX_BUCKETS as u64);
        while self.overflow.peek().is_some_and(|e| e.at().0 < reach) {
            let e = self.overflow.pop().expect("peeked");
            if e.at().0 < self.horizon {
                heap.push(e);
            } else {
                self.insert(e);
            }
        }
    }
}

impl<E: Copy> Default for Calendar<E> {
    fn default() -> Self {
        Self::new()
    }
}

impl<E: Copy> Calendar<E> {
    /// An empty calendar at time zero.
    pub fn new() -> Self {
        Calendar { heap: BinaryHeap::new(), seq: 0, now: SimTime::ZERO, held: false, far: None }
    }

    /// An empty calendar with room for `n` pending events.
    pub fn with_capacity(n: usize) -> Self {
        Calendar { heap: BinaryHeap::with_capacity(n), ..Calendar::new() }
    }

    /// A calendar that keeps events more than `width` ahead out of the heap, in buckets
    /// `width` wide. For models that schedule far ahead (a deadline months away for every
    /// case) this keeps the heap — and so every push and pop — small. Choose `width` so a
    /// bucket holds a few thousand events (the pipeline model uses one day). The order in
    /// which events run is exactly the same as without buckets.
    pub fn with_buckets(width: SimDuration) -> Self {
        let width = width.0.max(1);
        Calendar {
            far: Some(Buckets {
                width,
                horizon: width,
                ring: VecDeque::new(),
                in_ring: 0,
                overflow: BinaryHeap::new(),
            }),
            ..Calendar::new()
        }
    }

    /// Removes the handed-out top entry if no follow-up replaced it.
    #[inline]
    fn settle(&mut self) {
        if self.held {
            self.heap.pop();
            self.held = false;
        }
    }

    /// The time of the event being handled (or of the last one handled).
    #[inline]
    pub fn now(&self) -> SimTime {
        self.now
    }

    /// Schedules `event` at `at`.
    ///
    /// # Panics
    /// If `at` is in the past: that is a bug in the model, never a consequence of input.
    #[inline]
    pub fn schedule(&mut self, at: SimTime, event: E) {
        assert!(at >= self.now, "event scheduled in the past ({at} < {})", self.now);
        let seq = self.seq;
        self.seq += 1;
        let entry = Entry { key: ((at.0 as u128) << 64) | seq as u128, event };
        if let Some(far) = &mut self.far
            && at.0 >= far.horizon
        {
            far.insert(entry);
            return;
        }
        if self.held {
            // Replace the entry being handled: PeekMut sifts it down when dropped.
            *self.heap.peek_mut().expect("held entry") = entry;
            self.held = false;
        } else {
            self.heap.push(entry);
        }
    }

    /// Schedules `event` after a delay from now.
    #[inline]
    pub fn schedule_in(&mut self, delay: SimDuration, event: E) {
        self.schedule(self.now + delay, event);
    }

    /// Number of pending events.
    pub fn len(&self) -> usize {
        self.heap.len() - self.held as usize + self.far.as_ref().map_or(0, |f| f.len())
    }

    /// True if nothing is pending.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The time of the next pending event (not counting one being handled).
    pub fn peek_time(&mut self) -> Option<SimTime> {
        self.settle();
        self.refill(SimTime::MAX);
        self.heap.peek().map(|e| e.at())
    }

    /// If the heap is empty, pours far-future buckets into it until it holds something,
    /// without looking past `until`.
    #[inline]
    fn refill(&mut self, until: SimTime) {
        if let Some(far) = &mut self.far {
            while self.heap.is_empty() && far.len() > 0 && far.horizon <= until.0 {
                far.advance(&mut self.heap);
            }
        }
    }

    /// Removes the next event if it is due at or before `until`, advancing the clock to it.
    #[inline]
    pub fn pop_until(&mut self, until: SimTime) -> Option<(SimTime, E)> {
        self.settle();
        if self.heap.is_empty() {
            self.refill(until);
        }
        match self.heap.peek() {
            Some(e) if e.at() <= until => {
                let (at, event) = (e.at(), e.event);
                self.held = true;
                self.now = at;
                Some((at, event))
            }
            _ => None,
        }
    }
}

/// A model together with its calendar: the running simulation.
pub struct Simulation<M: Model> {
    model: M,
    calendar: Calendar<M::Event>,
    events: u64,
}

impl<M: Model> Simulation<M> {
    /// Wraps a model; schedule its first events with [`Simulation::schedule`].
    pub fn new(model: M) -> Self {
        Simulation { model, calendar: Calendar::new(), events: 0 }
    }

    /// Wraps a model with a calendar built for it (e.g. [`Calendar::with_buckets`]).
    pub fn with_calendar(model: M, calendar: Calendar<M::Event>) -> Self {
        assert!(calendar.is_empty(), "start from an empty calendar");
        Simulation { model, calendar, events: 0 }
    }

    /// Schedules an event from outside the model (initial events, interventions).
    pub fn schedule(&mut self, at: SimTime, event: M::Event) {
        self.calendar.schedule(at, event);
    }

    /// Runs every event due at or before `until`, then sets the clock to `until`
    /// (unless `until` is [`SimTime::MAX`], which only drains the calendar).
    /// Returns the number of events handled by this call.
    pub fn run_until(&mut self, until: SimTime) -> u64 {
        let mut n = 0;
        while let Some((at, event)) = self.calendar.pop_until(until) {
            self.model.handle(at, event, &mut self.calendar);
            n += 1;
        }
        self.calendar.settle();
        if until != SimTime::MAX && until > self.calendar.now {
            self.calendar.now = until;
        }
        self.events += n;
        n
    }

    /// Handles the next event, if any. Returns its time.
    pub fn step(&mut self) -> Option<SimTime> {
        let (at, event) = self.calendar.pop_until(SimTime::MAX)?;
        self.model.handle(at, event, &mut self.calendar);
        self.calendar.settle();
        self.events += 1;
        Some(at)
    }

    /// The current simulated time.
    pub fn now(&self) -> SimTime {
        self.calendar.now()
    }

    /// Events handled since the simulation was created.
    pub fn events(&self) -> u64 {
        self.events
    }

    /// The model, to read its state.
    pub fn model(&self) -> &M {
        &self.model
    }

    /// The model, to change it between runs (e.g. an intervention applied from outside).
    pub fn model_mut(&mut self) -> &mut M {
        &mut self.model
    }

    /// The calendar, e.g. to count pending events.
    pub fn calendar(&self) -> &Calendar<M::Event> {
        &self.calendar
    }

    /// Ends the simulation, returning the model.
    pub fn into_model(self) -> M {
        self.model
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records the order in which events arrive.
    struct Recorder(Vec<(u64, u32)>);

    impl Model for Recorder {
        type Event = u32;
        fn handle(&mut self, now: SimTime, e: u32, cal: &mut Calendar<u32>) {
            self.0.push((now.0, e));
            if e == 100 {
                // Scheduling at `now` from inside a handler runs after what is already due now.
                cal.schedule(now, 101);
            }
        }
    }

    #[test]
    fn events_run_in_time_order_and_ties_in_scheduling_order() {
        let mut sim = Simulation::new(Recorder(Vec::new()));
        sim.schedule(SimTime(5), 1);
        sim.schedule(SimTime(2), 2);
        sim.schedule(SimTime(5), 3);
        sim.schedule(SimTime(2), 100);
        sim.schedule(SimTime(2), 4);
        assert_eq!(sim.run_until(SimTime::MAX), 6);
        assert_eq!(sim.model().0, vec![(2, 2), (2, 100), (2, 4), (2, 101), (5, 1), (5, 3)]);
    }

    #[test]
    fn run_until_stops_at_the_horizon_and_moves_the_clock() {
        let mut sim = Simulation::new(Recorder(Vec::new()));
        sim.schedule(SimTime(10), 1);
        sim.schedule(SimTime(20), 2);
        assert_eq!(sim.run_until(SimTime(15)), 1);
        assert_eq!(sim.now(), SimTime(15));
        assert_eq!(sim.calendar().len(), 1);
        assert_eq!(sim.step(), Some(SimTime(20)));
        assert_eq!(sim.step(), None);
        assert_eq!(sim.events(), 2);
    }

    /// Schedules 1–2 follow-ups per event at random small delays (many ties), so both the
    /// replace-the-top path and the plain pop path are exercised.
    struct Churn {
        rng: u64,
        next_id: u32,
        seen: Vec<(u64, u32)>,
    }

    impl Model for Churn {
        type Event = u32;
        fn handle(&mut self, now: SimTime, id: u32, cal: &mut Calendar<u32>) {
            self.seen.push((now.0, id));
            if self.seen.len() > 20_000 {
                return;
            }
            self.rng = self.rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            for k in 0..1 + (self.rng >> 62) % 2 {
                self.next_id += 1;
                cal.schedule(now + SimDuration((self.rng >> (20 + k)) % 4), self.next_id);
            }
        }
    }

    #[test]
    fn hold_replacement_keeps_time_and_tie_order() {
        churn_in(Calendar::new());
    }

    #[test]
    fn buckets_run_events_in_exactly_the_same_order() {
        let plain = churn_in(Calendar::new());
        for width in [1, 2, 3, 64] {
            assert_eq!(
                churn_in(Calendar::with_buckets(SimDuration(width))),
                plain,
                "width {width}"
            );
        }
    }

    #[test]
    fn buckets_handle_far_and_huge_times() {
        let mut sim = Simulation::with_calendar(
            Recorder(Vec::new()),
            Calendar::with_buckets(SimDuration(10)),
        );
        for (t, id) in [(5, 1), (1_000_000, 2), (u64::MAX - 1, 3), (40_000, 4), (5, 5), (9, 6)] {
            sim.schedule(SimTime(t), id);
        }
        assert_eq!(sim.calendar().len(), 6);
        assert_eq!(sim.run_until(SimTime(50_000)), 4);
        assert_eq!(sim.now(), SimTime(50_000));
        sim.schedule(SimTime(50_001), 7);
        sim.run_until(SimTime::MAX);
        let order: Vec<u32> = sim.model().0.iter().map(|&(_, e)| e).collect();
        assert_eq!(order, vec![1, 5, 6, 4, 7, 2, 3]);
    }

    fn churn_in(calendar: Calendar<u32>) -> Vec<(u64, u32)> {
        let mut sim =
            Simulation::with_calendar(Churn { rng: 7, next_id: 10, seen: Vec::new() }, calendar);
        for id in 0..10 {
            sim.schedule(SimTime(0), id);
        }
        sim.run_until(SimTime::MAX);
        let seen = &sim.model().seen;
        assert!(seen.len() > 1_000, "the churn died out early: {}", seen.len());
        for w in seen.windows(2) {
            let ((t0, id0), (t1, id1)) = (w[0], w[1]);
            assert!(t0 < t1 || (t0 == t1 && id0 < id1), "{w:?} out of order");
        }
        assert!(sim.calendar().is_empty());
        sim.into_model().seen
    }

    #[test]
    #[should_panic(expected = "in the past")]
    fn scheduling_in_the_past_is_a_bug() {
        let mut sim = Simulation::new(Recorder(Vec::new()));
        sim.run_until(SimTime(10));
        sim.schedule(SimTime(5), 1);
    }
}

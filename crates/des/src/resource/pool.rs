//! A multi-server pool with a waiting line, a waiting-room limit and an overflow rule.

use std::collections::VecDeque;

use super::queue::{Discipline, Line};
use crate::stats::{Tally, TimeWeighted};
use crate::time::SimTime;

/// What happens to a customer who finds every server busy and the waiting room full.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Overflow {
    /// Ignore the waiting-room limit and join the line.
    #[default]
    Wait,
    /// Turn the customer away.
    Lose,
    /// Hand the customer back to the model to route elsewhere.
    Divert,
    /// Keep the customer upstream (blocking after service) until there is room here.
    Block,
}

/// The pool's answer to an arrival.
#[derive(Debug, PartialEq, Eq)]
#[must_use]
pub enum Admission<C> {
    /// A server was free: service starts now. Schedule its end, then call [`Pool::finish`].
    Started(C),
    /// The customer joined the waiting line; the pool will return it from `finish`.
    Queued,
    /// Full, overflow `Lose`: the customer is gone.
    Lost(C),
    /// Full, overflow `Divert`: the model must send the customer elsewhere.
    Diverted(C),
    /// Full, overflow `Block`: the customer stays upstream, holding its upstream server,
    /// until a later [`Release::unblocked`] names it.
    Blocked,
}

/// Who moved when a server freed (or capacity changed).
#[derive(Debug, PartialEq, Eq)]
#[must_use]
pub struct Release<C> {
    /// A customer who starts service now: schedule its service end.
    pub started: Option<C>,
    /// A blocked customer who now moves into this pool: free its upstream server. If it
    /// went straight into service it is also in `started`.
    pub unblocked: Option<C>,
}

impl<C> Release<C> {
    fn none() -> Self {
        Release { started: None, unblocked: None }
    }
}

/// Counts and time-averages of one pool, since creation or the last reset.
#[derive(Clone, Debug)]
pub struct PoolStats {
    /// Busy servers over time.
    pub busy: TimeWeighted,
    /// Customers in the waiting line over time.
    pub waiting: TimeWeighted,
    /// Customers held upstream, blocked, over time.
    pub blocked: TimeWeighted,
    /// Time from joining the line to starting service, per started customer, in ticks.
    pub wait: Tally,
    /// Customers offered to the pool (including those lost, diverted or blocked).
    pub arrivals: u64,
    /// Customers who started service.
    pub started: u64,
    /// Customers who finished service.
    pub completed: u64,
    /// Customers turned away.
    pub lost: u64,
    /// Customers handed back to be routed elsewhere.
    pub diverted: u64,
    /// Arrivals that had to wait upstream.
    pub blocked_arrivals: u64,
}

impl PoolStats {
    fn new(now: SimTime) -> Self {
        PoolStats {
            busy: TimeWeighted::new(now, 0.0),
            waiting: TimeWeighted::new(now, 0.0),
            blocked: TimeWeighted::new(now, 0.0),
            wait: Tally::new(),
            arrivals: 0,
            started: 0,
            completed: 0,
            lost: 0,
            diverted: 0,
            blocked_arrivals: 0,
        }
    }

    /// Time-average number in the pool (in service plus waiting), excluding the blocked.
    pub fn mean_in_system(&self, now: SimTime) -> f64 {
        self.busy.mean(now) + self.waiting.mean(now)
    }
}

/// `servers` identical servers, a waiting line, an optional waiting-room limit and an
/// overflow rule. `C` is whatever the model uses to name a customer (usually a small id).
pub struct Pool<C> {
    servers: u32,
    busy: u32,
    waiting_room: Option<usize>,
    overflow: Overflow,
    line: Line<C>,
    blocked: VecDeque<C>,
    stats: PoolStats,
}

impl<C: Clone> Pool<C> {
    /// A FIFO pool with unlimited waiting room, created at `now`.
    pub fn new(servers: u32, now: SimTime) -> Self {
        Pool {
            servers,
            busy: 0,
            waiting_room: None,
            overflow: Overflow::Wait,
            line: Line::new(Discipline::Fifo),
            blocked: VecDeque::new(),
            stats: PoolStats::new(now),
        }
    }

    /// Orders the line by priority class instead of arrival.
    pub fn with_discipline(mut self, d: Discipline) -> Self {
        assert_eq!(self.line.len(), 0, "set the discipline before use");
        self.line = Line::new(d);
        self
    }

    /// Limits the waiting line (not counting customers in service) to `places`, applying
    /// `overflow` beyond it. `Overflow::Wait` makes the limit moot.
    pub fn with_limit(mut self, places: usize, overflow: Overflow) -> Self {
        self.waiting_room = Some(places);
        self.overflow = overflow;
        self
    }

    /// Servers currently provided.
    pub fn servers(&self) -> u32 {
        self.servers
    }
    /// Servers currently busy (may exceed `servers` just after a cut).
    pub fn busy(&self) -> u32 {
        self.busy
    }
    /// Customers in the waiting line.
    pub fn waiting(&self) -> usize {
        self.line.len()
    }
    /// Customers held upstream waiting for room here.
    pub fn blocked(&self) -> usize {
        self.blocked.len()
    }
    /// Customers in service or waiting.
    pub fn in_system(&self) -> usize {
        self.busy as usize + self.line.len()
    }
    /// Statistics since creation or the last reset.
    pub fn stats(&self) -> &PoolStats {
        &self.stats
    }
    /// Restarts statistics at `now` (e.g. after warm-up), keeping the current levels.
    pub fn reset_stats(&mut self, now: SimTime) {
        let mut s = PoolStats::new(now);
        s.busy = TimeWeighted::new(now, self.busy as f64);
        s.waiting = TimeWeighted::new(now, self.line.len() as f64);
        s.blocked = TimeWeighted::new(now, self.blocked.len() as f64);
        self.stats = s;
    }

    /// True if an arrival now would start service or join the line.
    #[inline]
    pub fn has_room(&self) -> bool {
        self.busy < self.servers
            || self.overflow == Overflow::Wait
            || self.waiting_room.is_none_or(|room| self.line.len() < room)
    }

    /// Offers a customer to the pool. `priority` matters only under
    /// [`Discipline::Priority`] (0 = most urgent).
    #[inline]
    pub fn arrive(&mut self, now: SimTime, item: C, priority: u8) -> Admission<C> {
        self.stats.arrivals += 1;
        if self.busy < self.servers && self.blocked.is_empty() {
            self.start(now, now);
            return Admission::Started(item);
        }
        if self.blocked.is_empty() && self.has_room() {
            self.enqueue(now, item, priority);
            return Admission::Queued;
        }
        match self.overflow {
            Overflow::Wait => unreachable!("a Wait pool always has room"),
            Overflow::Lose => {
                self.stats.lost += 1;
                Admission::Lost(item)
            }
            Overflow::Divert => {
                self.stats.diverted += 1;
                Admission::Diverted(item)
            }
            Overflow::Block => {
                self.stats.blocked_arrivals += 1;
                self.blocked.push_back(item);
                self.stats.blocked.set(now, self.blocked.len() as f64);
                Admission::Blocked
            }
        }
    }

    /// A server finished with its customer at `now`. Returns who starts service and who
    /// moves in from upstream as a result.
    #[inline]
    pub fn finish(&mut self, now: SimTime) -> Release<C> {
        debug_assert!(self.busy > 0, "finish() without a customer in service");
        self.busy = self.busy.saturating_sub(1);
        self.stats.completed += 1;
        let mut release = Release::none();
        if self.busy < self.servers
            && let Some(w) = self.line.pop()
        {
            self.start(now, w.since);
            release.started = Some(w.item);
            self.stats.waiting.set(now, self.line.len() as f64);
        } else {
            self.stats.busy.set(now, self.busy as f64);
        }
        if !self.blocked.is_empty() {
            release.unblocked = self.admit_blocked(now, &mut release.started);
        }
        release
    }

    /// Changes the number of servers at `now` (a bed schedule, a shift change). A cut
    /// does not interrupt anyone in service; freed servers are simply not reused. A rise
    /// starts waiting customers and admits blocked ones; each is reported.
    pub fn set_servers(&mut self, now: SimTime, servers: u32) -> Vec<Release<C>> {
        self.servers = servers;
        let mut moved = Vec::new();
        while self.busy < self.servers {
            let Some(w) = self.line.pop() else { break };
            self.start(now, w.since);
            moved.push(Release { started: Some(w.item), unblocked: None });
        }
        self.stats.waiting.set(now, self.line.len() as f64);
        while !self.blocked.is_empty() && self.has_room() {
            let mut started = None;
            let unblocked = self.admit_blocked(now, &mut started);
            moved.push(Release { started, unblocked });
        }
        moved
    }

    /// Moves the first blocked customer in if there is room; it starts service if a
    /// server is free (then also reported through `started`).
    fn admit_blocked(&mut self, now: SimTime, started: &mut Option<C>) -> Option<C> {
        if !self.has_room() {
            return None;
        }
        let item = self.blocked.pop_front()?;
        self.stats.blocked.set(now, self.blocked.len() as f64);
        if self.busy < self.servers && started.is_none() && self.line.len() == 0 {
            self.start(now, now);
            *started = Some(item.clone());
        } else {
            self.enqueue(now, item.clone(), 0);
        }
        Some(item)
    }

    #[inline]
    fn enqueue(&mut self, now: SimTime, item: C, priority: u8) {
        self.line.push(item, now, priority);
        self.stats.waiting.set(now, self.line.len() as f64);
    }

    #[inline]
    fn start(&mut self, now: SimTime, since: SimTime) {
        self.busy += 1;
        self.stats.started += 1;
        self.stats.busy.set(now, self.busy as f64);
        self.stats.wait.add(now.since(since).ticks() as f64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resource::Discipline;

    const T0: SimTime = SimTime(0);

    #[test]
    fn fifo_starts_then_queues_then_serves_in_order() {
        let mut p = Pool::new(1, T0);
        assert_eq!(p.arrive(SimTime(0), 'a', 0), Admission::Started('a'));
        assert_eq!(p.arrive(SimTime(1), 'b', 0), Admission::Queued);
        assert_eq!(p.arrive(SimTime(2), 'c', 0), Admission::Queued);
        assert_eq!(p.finish(SimTime(10)), Release { started: Some('b'), unblocked: None });
        assert_eq!(p.finish(SimTime(20)), Release { started: Some('c'), unblocked: None });
        assert_eq!(p.finish(SimTime(30)), Release { started: None, unblocked: None });
        // Waits: a 0, b 9, c 18.
        assert_eq!(p.stats().wait.mean(), 9.0);
        assert_eq!(p.stats().busy.mean(SimTime(30)), 1.0);
        // Line: 1 on [1,2), 2 on [2,10), 1 on [10,20): area 1 + 16 + 10 = 27 over 30.
        assert!((p.stats().waiting.mean(SimTime(30)) - 0.9).abs() < 1e-12);
    }

    #[test]
    fn priority_serves_urgent_first_and_fifo_within_a_class() {
        let mut p = Pool::new(1, T0).with_discipline(Discipline::Priority);
        assert!(matches!(p.arrive(T0, 1, 5), Admission::Started(1)));
        let _ = p.arrive(T0, 2, 3);
        let _ = p.arrive(T0, 3, 0);
        let _ = p.arrive(T0, 4, 3);
        let order: Vec<_> = (0..3).map(|_| p.finish(T0).started.unwrap()).collect();
        assert_eq!(order, vec![3, 2, 4]);
    }

    #[test]
    fn lose_and_divert_apply_only_when_the_waiting_room_is_full() {
        let mut lose = Pool::new(1, T0).with_limit(1, Overflow::Lose);
        assert!(matches!(lose.arrive(T0, 1, 0), Admission::Started(1)));
        assert_eq!(lose.arrive(T0, 2, 0), Admission::Queued);
        assert_eq!(lose.arrive(T0, 3, 0), Admission::Lost(3));
        assert_eq!(lose.stats().lost, 1);
        let mut divert = Pool::new(2, T0).with_limit(0, Overflow::Divert);
        let _ = divert.arrive(T0, 1, 0);
        let _ = divert.arrive(T0, 2, 0);
        assert_eq!(divert.arrive(T0, 3, 0), Admission::Diverted(3));
        assert_eq!(divert.stats().diverted, 1);
    }

    #[test]
    fn block_holds_customers_upstream_and_releases_them_in_order() {
        let mut p = Pool::new(1, T0).with_limit(1, Overflow::Block);
        let _ = p.arrive(T0, 1, 0);
        let _ = p.arrive(T0, 2, 0);
        assert_eq!(p.arrive(SimTime(1), 3, 0), Admission::Blocked);
        assert_eq!(p.arrive(SimTime(2), 4, 0), Admission::Blocked);
        assert_eq!(p.blocked(), 2);
        // 1 leaves: 2 starts, 3 moves into the line (its upstream server is freed).
        assert_eq!(p.finish(SimTime(5)), Release { started: Some(2), unblocked: Some(3) });
        assert_eq!(p.finish(SimTime(6)), Release { started: Some(3), unblocked: Some(4) });
        assert_eq!(p.finish(SimTime(7)), Release { started: Some(4), unblocked: None });
        // With no line, an unblocked customer goes straight into service.
        let mut q = Pool::new(1, T0).with_limit(0, Overflow::Block);
        let _ = q.arrive(T0, 1, 0);
        assert_eq!(q.arrive(T0, 2, 0), Admission::Blocked);
        assert_eq!(q.finish(SimTime(3)), Release { started: Some(2), unblocked: Some(2) });
    }

    #[test]
    fn a_newcomer_never_overtakes_the_blocked() {
        let mut p = Pool::new(1, T0).with_limit(0, Overflow::Block);
        let _ = p.arrive(T0, 1, 0);
        assert_eq!(p.arrive(T0, 2, 0), Admission::Blocked);
        p.set_servers(T0, 1); // no change
        assert_eq!(p.arrive(T0, 3, 0), Admission::Blocked);
        assert_eq!(p.finish(T0).unblocked, Some(2));
    }

    #[test]
    fn capacity_changes_start_waiting_customers_and_cuts_do_not_preempt() {
        let mut p = Pool::new(1, T0);
        let _ = p.arrive(T0, 1, 0);
        let _ = p.arrive(T0, 2, 0);
        let _ = p.arrive(T0, 3, 0);
        let moved = p.set_servers(SimTime(1), 3);
        let started: Vec<_> = moved.into_iter().filter_map(|r| r.started).collect();
        assert_eq!(started, vec![2, 3]);
        assert_eq!(p.busy(), 3);
        assert!(p.set_servers(SimTime(2), 1).is_empty());
        assert_eq!(p.busy(), 3, "a cut lets current service finish");
        let _ = p.arrive(SimTime(2), 4, 0);
        assert_eq!(p.finish(SimTime(3)).started, None, "still over capacity");
        assert_eq!(p.finish(SimTime(4)).started, None);
        assert_eq!(p.finish(SimTime(5)).started, Some(4));
    }
}

//! Poisson arrivals through a series of multi-server nodes.

use crate::calendar::{Calendar, Model, Simulation};
use crate::dist::Dist;
use crate::resource::{Admission, Overflow, Pool, Release};
use crate::rng::{Stream, Streams};
use crate::stats::Tally;
use crate::time::{SimDuration, SimTime};

/// Ticks in one abstract time unit of the testbed models.
pub const TICKS_PER_UNIT: u64 = 1_000_000;

/// One node of the series.
#[derive(Clone, Debug)]
pub struct NodeSpec {
    /// Number of servers.
    pub servers: u32,
    /// Service time of one customer, in time units.
    pub service: Dist,
    /// Places in the waiting line (not counting service); `None` = unlimited.
    pub waiting_room: Option<usize>,
    /// What a customer finding the node full meets: `Lose` at the first node;
    /// `Lose` or `Block` further down (`Divert` counts as lost here).
    pub overflow: Overflow,
}

/// The whole network.
#[derive(Clone, Debug)]
pub struct TandemSpec {
    /// Poisson arrival rate at node 1, per time unit.
    pub arrival_rate: f64,
    /// The nodes, in order.
    pub nodes: Vec<NodeSpec>,
    /// External arrivals to generate (lost ones included).
    pub customers: u64,
    /// Share of the arrivals treated as warm-up: statistics restart when the arrival
    /// after that share is generated (0.1 as in the peers).
    pub warmup_fraction: f64,
}

/// Measures of one node after warm-up. Times in time units.
#[derive(Clone, Debug, Default)]
pub struct NodeResult {
    /// Customers who reached the node (lost ones included).
    pub arrivals: u64,
    /// Customers turned away.
    pub lost: u64,
    /// Share of arrivals turned away.
    pub blocking: f64,
    /// Mean wait in line before service.
    pub mean_wait: f64,
    /// Mean time from arrival at the node to leaving it (blocked time included).
    pub mean_sojourn: f64,
    /// Mean time spent blocked after service, over all customers served here.
    pub mean_blocked_time: f64,
    /// Time-average number in the node (in service, waiting, or blocked holding a server).
    pub mean_in_node: f64,
    /// Customers leaving the node per time unit.
    pub throughput: f64,
    /// Time-average share of servers busy (blocked servers count as busy).
    pub utilisation: f64,
    /// Customers whose sojourn was measured.
    pub departures: u64,
}

/// What a run produced.
#[derive(Clone, Debug, Default)]
pub struct TandemResult {
    /// Events handled by the calendar.
    pub calendar_events: u64,
    /// Events counted as the peers count them: one per arrival at a node, one per
    /// departure from a node (a lost arrival counts once).
    pub events: u64,
    /// Per-node measures.
    pub nodes: Vec<NodeResult>,
    /// Mean time from arrival at node 1 to leaving the last node.
    pub mean_total_sojourn: f64,
    /// Simulated time after warm-up, in time units.
    pub measured_time: f64,
}

/// The events of the network.
#[derive(Clone, Copy, Debug)]
pub enum Ev {
    /// An external arrival at node 1.
    Arrive,
    /// Customer `1` finished service at node `0`.
    Done(u8, u32),
}

/// How an offer to a node ended.
enum Entry {
    Admitted,
    Lost,
    Blocked,
}

#[derive(Clone, Copy)]
struct Customer {
    entered_system: SimTime,
    entered_node: SimTime,
    /// Set when service ends while the next node is full.
    blocked_since: Option<SimTime>,
}

/// The running network.
pub struct Tandem {
    spec: TandemSpec,
    pools: Vec<Pool<u32>>,
    arrivals_rng: Stream,
    service_rng: Vec<Stream>,
    interarrival: Dist,
    customers: Vec<Customer>,
    free: Vec<u32>,
    generated: u64,
    warmup_at: Option<SimTime>,
    /// Customers entering from this time on are measured (`SimTime::MAX` until warm).
    measure_from: SimTime,
    /// Whether a customer finishing at node i can be blocked by node i+1.
    blocks_after: Vec<bool>,
    warm: bool,
    events: u64,
    sojourn: Vec<Tally>,
    blocked_time: Vec<Tally>,
    total: Tally,
    node_arrivals: Vec<u64>,
    node_lost: Vec<u64>,
}

impl Tandem {
    /// Builds the network from its spec and random streams.
    pub fn new(spec: TandemSpec, streams: &Streams) -> Tandem {
        let n = spec.nodes.len();
        let pools = spec
            .nodes
            .iter()
            .map(|node| {
                let pool = Pool::new(node.servers, SimTime::ZERO);
                match node.waiting_room {
                    Some(room) => pool.with_limit(room, node.overflow),
                    None => pool,
                }
            })
            .collect();
        Tandem {
            interarrival: Dist::exponential(1.0 / spec.arrival_rate).expect("positive rate"),
            arrivals_rng: streams.stream("arrivals"),
            service_rng: (0..n as u64).map(|i| streams.stream_indexed("service", i)).collect(),
            pools,
            customers: Vec::new(),
            free: Vec::new(),
            generated: 0,
            warmup_at: None,
            measure_from: SimTime::MAX,
            blocks_after: (0..n)
                .map(|i| spec.nodes.get(i + 1).is_some_and(|next| next.overflow == Overflow::Block))
                .collect(),
            warm: false,
            events: 0,
            sojourn: vec![Tally::new(); n],
            blocked_time: vec![Tally::new(); n],
            total: Tally::new(),
            node_arrivals: vec![0; n],
            node_lost: vec![0; n],
            spec,
        }
    }

    /// Runs `spec` to completion with the given streams.
    pub fn run(spec: TandemSpec, streams: &Streams) -> TandemResult {
        let mut sim = Simulation::new(Tandem::new(spec, streams));
        sim.schedule(SimTime::ZERO, Ev::Arrive);
        sim.run_until(SimTime::MAX);
        let end = sim.now();
        let calendar_events = sim.events();
        sim.into_model().result(end, calendar_events)
    }

    fn service(&mut self, node: usize) -> SimDuration {
        let x = self.spec.nodes[node].service.sample(&mut self.service_rng[node]);
        SimDuration::from_units(x, TICKS_PER_UNIT)
    }

    fn start_service(&mut self, now: SimTime, node: usize, id: u32, cal: &mut Calendar<Ev>) {
        let s = self.service(node);
        cal.schedule(now + s, Ev::Done(node as u8, id));
    }

    /// Customer `id` arrives at `node`.
    fn enter(&mut self, now: SimTime, node: usize, id: u32, cal: &mut Calendar<Ev>) -> Entry {
        self.events += 1;
        if self.warm {
            self.node_arrivals[node] += 1;
        }
        match self.pools[node].arrive(now, id, 0) {
            Admission::Started(id) => self.start_service(now, node, id, cal),
            Admission::Queued => {}
            Admission::Lost(_) | Admission::Diverted(_) => {
                if self.warm {
                    self.node_lost[node] += 1;
                }
                return Entry::Lost;
            }
            Admission::Blocked => return Entry::Blocked,
        }
        self.customers[id as usize].entered_node = now;
        Entry::Admitted
    }

    /// Customer `id`, who entered `node` at `entered`, leaves it at `now`: sojourn
    /// recorded, server freed — which may pull customers in from the line and from
    /// upstream, cascading back towards node 1.
    fn leave(
        &mut self,
        now: SimTime,
        node: usize,
        entered: SimTime,
        id: u32,
        cal: &mut Calendar<Ev>,
    ) {
        self.events += 1;
        let c = &mut self.customers[id as usize];
        let blocked = c.blocked_since.take().map_or(0, |t| now.since(t).ticks());
        if c.entered_system >= self.measure_from {
            self.sojourn[node].add(now.since(entered).ticks() as f64);
            if self.blocks_after[node] {
                self.blocked_time[node].add(blocked as f64);
            }
        }
        let Release { started, unblocked } = self.pools[node].finish(now);
        if let Some(next) = started {
            self.start_service(now, node, next, cal);
        }
        if let Some(up) = unblocked {
            // `up` was blocked at node-1 and now moves into this node.
            self.events += 1; // its arrival here
            if self.warm {
                self.node_arrivals[node] += 1;
            }
            let prev = std::mem::replace(&mut self.customers[up as usize].entered_node, now);
            self.leave(now, node - 1, prev, up, cal);
        }
    }

    fn finished_service(&mut self, now: SimTime, node: usize, id: u32, cal: &mut Calendar<Ev>) {
        let entered = self.customers[id as usize].entered_node;
        if node + 1 == self.pools.len() {
            self.leave(now, node, entered, id, cal);
            let c = self.customers[id as usize];
            if c.entered_system >= self.measure_from && node > 0 {
                self.total.add(now.since(c.entered_system).ticks() as f64);
            }
            self.free.push(id);
            return;
        }
        // Offer the customer to the next node before it leaves this one: if the next is
        // full and blocks, the customer keeps this node's server.
        match self.enter(now, node + 1, id, cal) {
            Entry::Admitted => self.leave(now, node, entered, id, cal),
            Entry::Lost => {
                self.leave(now, node, entered, id, cal);
                self.free.push(id);
            }
            Entry::Blocked => self.customers[id as usize].blocked_since = Some(now),
        }
    }

    fn result(self, end: SimTime, calendar_events: u64) -> TandemResult {
        let start = self.warmup_at.unwrap_or(SimTime::ZERO);
        let span = end.since(start).ticks() as f64;
        let unit = TICKS_PER_UNIT as f64;
        let nodes = self
            .pools
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let st = p.stats();
                let arrivals = self.node_arrivals[i];
                NodeResult {
                    arrivals,
                    lost: self.node_lost[i],
                    blocking: self.node_lost[i] as f64 / arrivals.max(1) as f64,
                    mean_wait: st.wait.mean() / unit,
                    mean_sojourn: self.sojourn[i].mean() / unit,
                    mean_blocked_time: self.blocked_time[i].mean() / unit,
                    mean_in_node: st.mean_in_system(end),
                    throughput: st.completed as f64 / (span / unit),
                    utilisation: st.busy.mean(end) / self.spec.nodes[i].servers as f64,
                    departures: self.sojourn[i].n(),
                }
            })
            .collect();
        TandemResult {
            calendar_events,
            events: self.events,
            nodes,
            mean_total_sojourn: if self.pools.len() == 1 {
                self.sojourn[0].mean() / unit
            } else {
                self.total.mean() / unit
            },
            measured_time: span / unit,
        }
    }
}

impl Model for Tandem {
    type Event = Ev;

    #[inline]
    fn handle(&mut self, now: SimTime, ev: Ev, cal: &mut Calendar<Ev>) {
        match ev {
            Ev::Arrive => {
                self.generated += 1;
                if !self.warm
                    && self.generated as f64
                        > self.spec.warmup_fraction * self.spec.customers as f64
                {
                    self.warm = true;
                    self.warmup_at = Some(now);
                    self.measure_from = now;
                    for p in &mut self.pools {
                        p.reset_stats(now);
                    }
                }
                if self.generated < self.spec.customers {
                    let gap = self.interarrival.sample(&mut self.arrivals_rng);
                    cal.schedule(now + SimDuration::from_units(gap, TICKS_PER_UNIT), Ev::Arrive);
                }
                let c = Customer { entered_system: now, entered_node: now, blocked_since: None };
                let id = match self.free.pop() {
                    Some(id) => {
                        self.customers[id as usize] = c;
                        id
                    }
                    None => {
                        self.customers.push(c);
                        (self.customers.len() - 1) as u32
                    }
                };
                if let Entry::Lost = self.enter(now, 0, id, cal) {
                    self.free.push(id);
                }
            }
            Ev::Done(node, id) => self.finished_service(now, node as usize, id, cal),
        }
    }
}

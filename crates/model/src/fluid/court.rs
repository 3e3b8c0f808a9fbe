//! The detained docket as a fluid queue: judge slots (servers), a waiting line served in
//! proportion to who is waiting, hearings as phase-type delays, discretionary release as a
//! hazard from book-in, and — as in the DES — a slot that stays busy until the hearing
//! would have ended when its case is released meanwhile.
//!
//! Lanes are office × source (interior, border), so that orders keep the nationality mix
//! of their source; one block per category, because the release hazard differs.
//!
//! As in the DES, a hearing's length is fixed when it starts: hearings are grouped by the
//! mean and cv in force at their start, and a change opens a new group instead of changing
//! the old ones. A new release hazard applies to everyone in court at once (the DES redraws
//! every pending release time when the hazard changes).

use super::decay::{ArrivalExposer, Exposer};
use super::linear::{Block, Entry, Flows, Lanes};
use super::params::DayParams;
use super::phase::{PhaseType, fit_moments, fit_with_hazard};

/// Exit indices of the hearing blocks.
pub(crate) const DECISION: usize = 0;
pub(crate) const RELEASE: usize = 1;

struct Hearing {
    phase: PhaseType,
    block: Block,
    /// The block's response to hearings starting (in the phase type's starting stages).
    entry: Entry,
    people: Lanes,
    flows: Flows,
}

impl Hearing {
    fn build(mean: f64, cv: f64, hazard: f64, lanes: usize) -> Hearing {
        let phase = fit_with_hazard(mean, cv, hazard);
        let mut chain = phase.chain.clone();
        chain.exits.push(vec![hazard; chain.states()]);
        let block = Block::new(&chain);
        let entry = block.entry(&phase.start);
        let people = Lanes::new(block.states(), lanes);
        Hearing { phase, block, entry, people, flows: Flows::new(2, lanes) }
    }
}

type Key = (f64, f64);

/// Hearings started under one (mean, cv), by category.
struct Group {
    key: Key,
    hazard: [f64; 3],
    hearings: [Hearing; 3],
    /// Starting a hearing today.
    start: [Vec<f64>; 3],
    start_age: [Vec<f64>; 3],
}

impl Group {
    fn new(key: Key, hazard: [f64; 3], lanes: usize) -> Group {
        let z = || [vec![0.0; lanes], vec![0.0; lanes], vec![0.0; lanes]];
        Group {
            key,
            hazard,
            hearings: std::array::from_fn(|c| Hearing::build(key.0, key.1, hazard[c], lanes)),
            start: z(),
            start_age: z(),
        }
    }

    /// A new release hazard: refit the chains, keeping everyone where they are (state by
    /// state when the number of stages is unchanged, else restarting them).
    fn rehazard(&mut self, hazard: [f64; 3], lanes: usize) {
        for c in 0..3 {
            if hazard[c] != self.hazard[c] {
                let mut fresh = Hearing::build(self.key.0, self.key.1, hazard[c], lanes);
                carry_over(&self.hearings[c].people, &mut fresh.people, &fresh.phase.start);
                self.hearings[c] = fresh;
            }
        }
        self.hazard = hazard;
    }

    /// Nobody left (to a millionth of a person), so the group can go.
    fn empty(&self) -> bool {
        self.hearings.iter().map(|h| h.people.x.iter().sum::<f64>()).sum::<f64>() < 1e-6
    }
}

/// Moves everyone of `old` into `new`: state by state when the chains have the same
/// number of stages, else into the new chain's starting stages.
fn carry_over(old: &Lanes, new: &mut Lanes, start: &[f64]) {
    if old.x.len() == new.x.len() {
        new.x.clone_from(&old.x);
        new.z.clone_from(&old.z);
        return;
    }
    let lanes = old.lanes;
    for l in 0..lanes {
        let (m, z) = (old.mass(l), old.age(l));
        for (i, a) in start.iter().enumerate() {
            new.x[i * lanes + l] = a * m;
            new.z[i * lanes + l] = a * z;
        }
    }
}

/// Slots busy with hearings of one length distribution.
struct Slots {
    key: Key,
    phase: PhaseType,
    block: Block,
    busy: Lanes,
    flows: Flows,
}

/// Per category and lane.
type PerLane = [Vec<f64>; 3];

/// The docket's state and the day's flows.
pub(crate) struct Court {
    lanes: usize,
    hazard: [f64; 3],
    groups: Vec<Group>,
    slots: Vec<Slots>,
    /// Waiting for a slot, by category: mass and age sum per lane.
    wait: PerLane,
    wait_age: PerLane,
    capacity_left: f64,
    /// The group hearings started today join.
    current: usize,
    /// Decisions from hearings already under way at the start of the day (phase A).
    pub decided_a: PerLane,
    pub decided_a_age: PerLane,
    /// Released in phase A (waiting or in a hearing).
    pub released_a: PerLane,
    /// All of today's decisions and releases, with ages.
    pub decided: PerLane,
    pub decided_age: PerLane,
    pub released: PerLane,
    pub released_age: PerLane,
    /// Person-days in court today, per lane.
    pub area: Vec<f64>,
    /// Scratch for the day's inflows.
    scratch_u: Vec<f64>,
    scratch_v: Vec<f64>,
    /// [`Court::people`] of every lane, added up once at the end of phase C (read for every
    /// office each day); stale between phases A and C, which `in_court_fresh` marks.
    in_court: Vec<f64>,
    in_court_fresh: bool,
    /// Scratch for `in_court`: one group's and one hearing's people per lane.
    group_sum: Vec<f64>,
    hearing_sum: Vec<f64>,
}

/// `dst[l] += src[l]` for every lane (one vectorised pass).
fn add_to(dst: &mut [f64], src: &[f64]) {
    for (d, s) in dst.iter_mut().zip(src) {
        *d += s;
    }
}

fn clear(v: &mut PerLane) {
    v.iter_mut().flatten().for_each(|x| *x = 0.0);
}

impl Court {
    pub fn new(lanes: usize) -> Court {
        let z = || [vec![0.0; lanes], vec![0.0; lanes], vec![0.0; lanes]];
        Court {
            lanes,
            hazard: [0.0; 3],
            groups: Vec::new(),
            slots: Vec::new(),
            wait: z(),
            wait_age: z(),
            capacity_left: 0.0,
            current: 0,
            decided_a: z(),
            decided_a_age: z(),
            released_a: z(),
            decided: z(),
            decided_age: z(),
            released: z(),
            released_age: z(),
            area: vec![0.0; lanes],
            scratch_u: Vec::new(),
            scratch_v: Vec::new(),
            in_court: vec![0.0; lanes],
            in_court_fresh: true,
            group_sum: vec![0.0; lanes],
            hearing_sum: vec![0.0; lanes],
        }
    }

    fn group(&mut self, key: Key) -> usize {
        if let Some(i) = self.groups.iter().position(|g| g.key == key) {
            return i;
        }
        self.groups.push(Group::new(key, self.hazard, self.lanes));
        self.groups.len() - 1
    }

    fn slot_group(&mut self, key: Key) -> usize {
        if let Some(i) = self.slots.iter().position(|s| s.key == key) {
            return i;
        }
        let phase = fit_moments(key.0, key.1);
        let block = Block::new(&phase.chain);
        let busy = Lanes::new(block.states(), 1);
        self.slots.push(Slots { key, phase, block, busy, flows: Flows::new(1, 1) });
        self.slots.len() - 1
    }

    /// People in hearings or waiting, per lane, as of the end of the day's phase C (the
    /// only time the daily driver reads it).
    pub fn people(&self, lane: usize) -> f64 {
        debug_assert!(self.in_court_fresh, "Court::people read between phases A and C");
        self.in_court[lane]
    }

    /// The people of every lane (per lane: states, hearings, groups, then the waiting line,
    /// each sum as `Iterator::sum` would take it), into `in_court`.
    fn count_people(&mut self) {
        // What `Iterator::sum` starts from, so that every sum below matches it to the bit.
        let zero = std::iter::empty::<f64>().sum::<f64>();
        let lanes = self.lanes;
        let (total, group, hearing) =
            (&mut self.in_court, &mut self.group_sum, &mut self.hearing_sum);
        total.fill(zero);
        for g in &self.groups {
            group.fill(zero);
            for h in &g.hearings {
                hearing.fill(zero);
                for x in h.people.x.chunks_exact(lanes) {
                    add_to(hearing, x);
                }
                add_to(group, hearing);
            }
            add_to(total, group);
        }
        hearing.fill(zero);
        for w in &self.wait {
            add_to(hearing, w);
        }
        add_to(total, hearing);
        self.in_court_fresh = true;
    }

    /// Age sum of the people in court, per lane.
    pub fn people_age(&self, lane: usize) -> f64 {
        let hearing: f64 = self
            .groups
            .iter()
            .map(|g| g.hearings.iter().map(|h| h.people.age(lane)).sum::<f64>())
            .sum();
        hearing + (0..3).map(|c| self.wait_age[c][lane]).sum::<f64>()
    }

    /// Phase A: hearings already under way advance a day; slots freed today (plus any free
    /// at the start) go to those waiting, in proportion to who waits.
    pub fn phase_a(&mut self, p: &DayParams) {
        let key = (p.case_days_mean, p.case_days_cv);
        self.hazard = p.hazard;
        self.in_court_fresh = false;
        let lanes = self.lanes;
        for g in &mut self.groups {
            if g.hazard != p.hazard {
                g.rehazard(p.hazard, lanes);
            }
        }
        self.current = self.group(key);
        self.slot_group(key);
        for v in [
            &mut self.decided_a,
            &mut self.decided_a_age,
            &mut self.released_a,
            &mut self.released,
            &mut self.released_age,
        ] {
            clear(v);
        }
        self.area.iter_mut().for_each(|x| *x = 0.0);
        let mut busy = 0.0;
        let mut freed = 0.0;
        for s in &mut self.slots {
            busy += s.busy.x.iter().sum::<f64>();
            s.flows.clear();
            s.block.step(&mut s.busy, &mut s.flows);
            freed += s.flows.exit[0];
        }
        let mut capacity = (p.slots - busy).max(0.0) + freed;
        for g in &mut self.groups {
            for c in 0..3 {
                g.start[c].iter_mut().for_each(|x| *x = 0.0);
                g.start_age[c].iter_mut().for_each(|x| *x = 0.0);
                let hr = &mut g.hearings[c];
                hr.flows.clear();
                hr.block.step(&mut hr.people, &mut hr.flows);
                let f = &hr.flows;
                add_to(&mut self.decided_a[c], f.exits(DECISION));
                add_to(&mut self.decided_a_age[c], f.exit_ages(DECISION));
                add_to(&mut self.released_a[c], f.exits(RELEASE));
            }
        }
        // Those waiting start as slots free up (on average at mid-day).
        let eligible: f64 =
            (0..3).map(|c| self.wait[c].iter().sum::<f64>() * (-self.hazard[c] / 2.0).exp()).sum();
        let share = if eligible > 0.0 { (capacity / eligible).min(1.0) } else { 0.0 };
        capacity -= share * eligible;
        self.capacity_left = capacity;
        let g = &mut self.groups[self.current];
        for c in 0..3 {
            let h = self.hazard[c];
            let (half, whole) = (Exposer::new(h, 0.5), Exposer::new(h, 1.0));
            // Every lane slice cut to `lanes` up front, so the indexing below is unchecked.
            let (wait, wait_age) = (&mut self.wait[c][..lanes], &mut self.wait_age[c][..lanes]);
            let (start, start_age) = (&mut g.start[c][..lanes], &mut g.start_age[c][..lanes]);
            let released_a = &mut self.released_a[c][..lanes];
            let (released, released_age) =
                (&mut self.released[c][..lanes], &mut self.released_age[c][..lanes]);
            let area = &mut self.area[..lanes];
            for l in 0..lanes {
                let (m, z) = (wait[l], wait_age[l]);
                if m == 0.0 {
                    continue;
                }
                let starting = half.expose(m * share, z * share);
                let staying = whole.expose(m * (1.0 - share), z * (1.0 - share));
                start[l] += starting.mass;
                start_age[l] += starting.age;
                wait[l] = staying.mass;
                wait_age[l] = staying.age;
                let left = starting.left + staying.left;
                released_a[l] += left;
                released[l] += left;
                released_age[l] += starting.left_age + staying.left_age;
                area[l] += starting.area + staying.area;
            }
        }
    }

    /// Phase C: today's new cases (mass per category and lane, arriving through the day)
    /// start at once while slots last, else wait; then every start enters its hearing.
    pub fn phase_c(&mut self, entrants: &PerLane, p: &DayParams) {
        let lanes = self.lanes;
        let total: f64 = entrants.iter().flatten().sum();
        let share = if total > 0.0 { (self.capacity_left / total).min(1.0) } else { 1.0 };
        self.capacity_left -= share * total;
        let g = &mut self.groups[self.current];
        for c in 0..3 {
            let arriving = ArrivalExposer::new(self.hazard[c]);
            // Every lane slice cut to `lanes` up front, so the indexing below is unchecked.
            let (entrants, start) = (&entrants[c][..lanes], &mut g.start[c][..lanes]);
            let (wait, wait_age) = (&mut self.wait[c][..lanes], &mut self.wait_age[c][..lanes]);
            let (released, released_age) =
                (&mut self.released[c][..lanes], &mut self.released_age[c][..lanes]);
            let area = &mut self.area[..lanes];
            for l in 0..lanes {
                let e = entrants[l];
                if e == 0.0 {
                    continue;
                }
                start[l] += share * e;
                let waiting = arriving.expose(e * (1.0 - share), 0.0);
                wait[l] += waiting.mass;
                wait_age[l] += waiting.age;
                released[l] += waiting.left;
                released_age[l] += waiting.left_age;
                area[l] += waiting.area;
            }
        }
        clear(&mut self.decided);
        clear(&mut self.decided_age);
        let mut started = 0.0;
        for g in &mut self.groups {
            for c in 0..3 {
                let hr = &mut g.hearings[c];
                let st: f64 = g.start[c].iter().sum();
                started += st;
                if st > 0.0 {
                    let (people, flows) = (&mut hr.people, &mut hr.flows);
                    hr.block.inflow_at(&hr.entry, people, &g.start[c], &g.start_age[c], flows);
                }
                let f = &hr.flows;
                add_to(&mut self.decided[c], f.exits(DECISION));
                add_to(&mut self.decided_age[c], f.exit_ages(DECISION));
                add_to(&mut self.released[c], f.exits(RELEASE));
                add_to(&mut self.released_age[c], f.exit_ages(RELEASE));
                add_to(&mut self.area, &f.area);
            }
        }
        let si = self.slot_group((p.case_days_mean, p.case_days_cv));
        let s = &mut self.slots[si];
        let (u, v) = (&mut self.scratch_u, &mut self.scratch_v);
        u.clear();
        u.extend(s.phase.start.iter().map(|a| a * started));
        v.clear();
        v.resize(u.len(), 0.0);
        s.block.inflow(&mut s.busy, u, v, &mut s.flows);
        // Groups of hearings started under older parameters stop costing time once empty.
        let current = self.groups[self.current].key;
        self.groups.retain(|g| g.key == current || !g.empty());
        self.current = self.groups.iter().position(|g| g.key == current).unwrap_or(0);
        self.slots.retain(|s| s.key == current || s.busy.x.iter().sum::<f64>() >= 1e-6);
        self.count_people();
    }

    /// Every stock is non-negative (to rounding).
    pub fn non_negative(&self) -> bool {
        // Every cell looked at (no early exit), which vectorises; NaN fails as with `all`.
        let ok = |v: &[f64]| v.iter().fold(true, |ok, x| ok & (*x > -1e-6));
        self.slots.iter().all(|s| ok(&s.busy.x))
            && self.groups.iter().all(|g| g.hearings.iter().all(|h| ok(&h.people.x)))
            && self.wait.iter().all(|w| ok(w))
    }
}

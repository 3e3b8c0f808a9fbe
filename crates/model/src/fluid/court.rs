//! The detained docket as a fluid queue: judge slots (servers), a waiting line served in
//! proportion to who is waiting, hearings as phase-type delays, discretionary release as a
//! hazard from book-in, and — as in the DES — a slot that stays busy until the hearing
//! would have ended when its case is released meanwhile.
//!
//! Lanes are office × source (interior, border), so that orders keep the nationality mix
//! of their source. Inside, the court keeps one block per class — source × category —
//! because the release hazard differs by both (the law releases border and interior cases
//! differently, [`crate::mechanisms::ReleaseHazards`]), each class with one lane per office
//! of its source — every office for the interior, the offices that receive border cases
//! for the border (the others' border lanes would hold nothing, and stepping them was a
//! fifth of the docket's work); the public flows are laid out as the classes are,
//! `[category][s][j]` with `j` the office's lane in its source ([`Court::lane`]: the office
//! itself for the interior, its place among the border offices for the border), so each
//! class adds into its rows in one contiguous pass.
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

    /// A hearing with this one's fitted chain and nobody in it.
    fn like(&self, lanes: usize) -> Hearing {
        Hearing {
            phase: self.phase.clone(),
            block: self.block.clone(),
            entry: self.entry.clone(),
            people: Lanes::new(self.block.states(), lanes),
            flows: Flows::new(2, lanes),
        }
    }
}

type Key = (f64, f64);

/// Classes: source (interior, border) × category, `k = 3s + c`.
const CLASSES: usize = 6;

/// Per class, one value per office of the class's source ([`Members`]).
type PerClass = [Vec<f64>; CLASSES];

/// Lanes per class.
type Widths = [usize; CLASSES];

fn per_class(widths: &Widths) -> PerClass {
    std::array::from_fn(|k| vec![0.0; widths[k]])
}

/// The offices with lanes in each source's classes, in office order, and each office's
/// lane there.
struct Members {
    offices: [Vec<usize>; 2],
    lane: [Vec<Option<usize>>; 2],
}

impl Members {
    fn new(offices: usize, border: &[usize]) -> Members {
        let all: Vec<usize> = (0..offices).collect();
        let mut lane = [vec![None; offices], vec![None; offices]];
        for (j, &o) in all.iter().enumerate() {
            lane[0][o] = Some(j);
        }
        for (j, &o) in border.iter().enumerate() {
            lane[1][o] = Some(j);
        }
        Members { offices: [all, border.to_vec()], lane }
    }

    fn widths(&self) -> Widths {
        std::array::from_fn(|k| self.offices[k / 3].len())
    }
}

/// The hearing of each class for one (mean, cv), a class facing the same hazard as an
/// earlier one sharing its fitted chain (a copy: fitting is the costly part).
fn hearings(key: Key, hazard: &[f64; CLASSES], widths: &Widths) -> [Hearing; CLASSES] {
    let mut built: Vec<Hearing> = Vec::with_capacity(CLASSES);
    for k in 0..CLASSES {
        let fresh = match (0..k).find(|&j| hazard[j] == hazard[k]) {
            Some(j) => built[j].like(widths[k]),
            None => Hearing::build(key.0, key.1, hazard[k], widths[k]),
        };
        built.push(fresh);
    }
    built.try_into().unwrap_or_else(|_| unreachable!("one hearing per class"))
}

/// Hearings started under one (mean, cv), by class.
struct Group {
    key: Key,
    hazard: [f64; CLASSES],
    hearings: [Hearing; CLASSES],
    /// Starting a hearing today.
    start: PerClass,
    start_age: PerClass,
}

impl Group {
    fn new(key: Key, hazard: [f64; CLASSES], widths: &Widths) -> Group {
        Group {
            key,
            hazard,
            hearings: hearings(key, &hazard, widths),
            start: per_class(widths),
            start_age: per_class(widths),
        }
    }

    /// A new release hazard: refit the chains, keeping everyone where they are (state by
    /// state when the number of stages is unchanged, else restarting them).
    fn rehazard(&mut self, hazard: [f64; CLASSES], widths: &Widths) {
        for k in 0..CLASSES {
            if hazard[k] == self.hazard[k] {
                continue;
            }
            // A class already refit (j < k) or unchanged with this hazard lends its chain.
            let twin = (0..CLASSES).find(|&j| {
                j != k && hazard[j] == hazard[k] && (j < k || hazard[j] == self.hazard[j])
            });
            let mut fresh = match twin {
                Some(j) => self.hearings[j].like(widths[k]),
                None => Hearing::build(self.key.0, self.key.1, hazard[k], widths[k]),
            };
            carry_over(&self.hearings[k].people, &mut fresh.people, &fresh.phase.start);
            self.hearings[k] = fresh;
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

/// Per category, source and the source's lane (`[c][s][j]`, [`Court::lane`]).
type PerLane = [[Vec<f64>; 2]; 3];

/// Per source and the source's lane (`[s][j]`).
type PerSource = [Vec<f64>; 2];

/// The docket's state and the day's flows.
pub(crate) struct Court {
    /// The offices of each source's classes; lanes per class.
    members: Members,
    widths: Widths,
    hazard: [f64; CLASSES],
    groups: Vec<Group>,
    slots: Vec<Slots>,
    /// Waiting for a slot, by class: mass and age sum per office.
    wait: PerClass,
    wait_age: PerClass,
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
    /// Person-days in court today, per source and lane.
    pub area: PerSource,
    /// Scratch for the day's inflows.
    scratch_u: Vec<f64>,
    scratch_v: Vec<f64>,
    /// [`Court::people`] of every lane, added up once at the end of phase C (read for every
    /// office each day); stale between phases A and C, which `in_court_fresh` marks.
    in_court: Vec<f64>,
    in_court_fresh: bool,
    /// Scratch for `in_court`: one class's people per office.
    class_sum: Vec<f64>,
}

/// `dst[l] += src[l]` for every lane (one vectorised pass).
pub(super) fn add_to(dst: &mut [f64], src: &[f64]) {
    for (d, s) in dst.iter_mut().zip(src) {
        *d += s;
    }
}

/// `dst[2o + s] += src[j]` for the class's offices `o = offices[j]`: one class's values
/// into the callers' lanes of source `s`. The offices without a lane in the class would
/// add `+0.0`, which leaves a sum from `+0.0` as it is.
fn add_lanes(dst: &mut [f64], src: &[f64], s: usize, offices: &[usize]) {
    if 2 * src.len() == dst.len() {
        // Every office (the interior): pairs of lanes rather than a skipping iterator,
        // which does not compile to a plain loop.
        for (d, x) in dst.chunks_exact_mut(2).zip(src) {
            d[s] += x;
        }
        return;
    }
    for (&o, x) in offices.iter().zip(src) {
        dst[2 * o + s] += x;
    }
}

/// One class's flows into the callers' rows of its source, `dst[i][j] += src[i][j]`, a
/// contiguous pass per flow (the class's lanes are its source's).
fn add_rows<const N: usize>(dst: [&mut [f64]; N], src: [&[f64]; N]) {
    for (d, x) in dst.into_iter().zip(src) {
        add_to(d, x);
    }
}

fn clear(v: &mut PerLane) {
    v.iter_mut().flatten().flatten().for_each(|x| *x = 0.0);
}

/// The class of source `s` and category `c`.
const fn class(s: usize, c: usize) -> usize {
    3 * s + c
}

impl Court {
    /// A court for `lanes` callers' lanes (two per office: interior, border), where only
    /// the offices `border` (in office order) receive border cases.
    pub fn new(lanes: usize, border: &[usize]) -> Court {
        let offices = lanes / 2;
        let row = || [vec![0.0; offices], vec![0.0; border.len()]];
        let z = || [row(), row(), row()];
        let members = Members::new(offices, border);
        let widths = members.widths();
        Court {
            members,
            widths,
            hazard: [0.0; CLASSES],
            groups: Vec::new(),
            slots: Vec::new(),
            wait: per_class(&widths),
            wait_age: per_class(&widths),
            capacity_left: 0.0,
            current: 0,
            decided_a: z(),
            decided_a_age: z(),
            released_a: z(),
            decided: z(),
            decided_age: z(),
            released: z(),
            released_age: z(),
            area: row(),
            scratch_u: Vec::new(),
            scratch_v: Vec::new(),
            in_court: vec![0.0; lanes],
            in_court_fresh: true,
            class_sum: vec![0.0; offices],
        }
    }

    /// Office `o`'s lane in source `s`'s rows of the public flows (`None`: a border lane
    /// of an office that receives no border cases, which would hold nothing).
    pub fn lane(&self, s: usize, o: usize) -> Option<usize> {
        self.members.lane[s][o]
    }

    fn group(&mut self, key: Key) -> usize {
        if let Some(i) = self.groups.iter().position(|g| g.key == key) {
            return i;
        }
        self.groups.push(Group::new(key, self.hazard, &self.widths));
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

    /// The people of every lane (per class: states of every group's hearing, then the
    /// waiting line), into `in_court`.
    fn count_people(&mut self) {
        let total = &mut self.in_court;
        total.fill(0.0);
        for k in 0..CLASSES {
            let width = self.widths[k];
            let class_sum = &mut self.class_sum[..width];
            class_sum.fill(0.0);
            if width > 0 {
                for g in &self.groups {
                    for x in g.hearings[k].people.x.chunks_exact(width) {
                        add_to(class_sum, x);
                    }
                }
            }
            add_to(class_sum, &self.wait[k]);
            add_lanes(total, class_sum, k / 3, &self.members.offices[k / 3]);
        }
        self.in_court_fresh = true;
    }

    /// Age sum of the people in court, per lane.
    pub fn people_age(&self, lane: usize) -> f64 {
        let (o, s) = (lane / 2, lane % 2);
        // An office without a lane in its source's classes has nobody there: the sums
        // below of its zeros would be +0.0.
        let Some(j) = self.members.lane[s][o] else {
            return 0.0;
        };
        let hearing: f64 = self
            .groups
            .iter()
            .map(|g| (0..3).map(|c| g.hearings[class(s, c)].people.age(j)).sum::<f64>())
            .sum();
        hearing + (0..3).map(|c| self.wait_age[class(s, c)][j]).sum::<f64>()
    }

    /// Phase A: hearings already under way advance a day; slots freed today (plus any free
    /// at the start) go to those waiting, in proportion to who waits.
    pub fn phase_a(&mut self, p: &DayParams) {
        let key = (p.case_days_mean, p.case_days_cv);
        let hazard: [f64; CLASSES] = std::array::from_fn(|k| p.hazard[k / 3][k % 3]);
        self.hazard = hazard;
        self.in_court_fresh = false;
        for g in &mut self.groups {
            if g.hazard != hazard {
                g.rehazard(hazard, &self.widths);
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
        self.area.iter_mut().flatten().for_each(|x| *x = 0.0);
        let mut busy = 0.0;
        let mut freed = 0.0;
        for s in &mut self.slots {
            busy += s.busy.x.iter().sum::<f64>();
            s.flows.clear();
            s.block.step(&mut s.busy, &mut s.flows);
            freed += s.flows.exit[0];
        }
        let capacity = (p.slots - busy).max(0.0) + freed;
        for g in &mut self.groups {
            for k in 0..CLASSES {
                let (s, c) = (k / 3, k % 3);
                g.start[k].fill(0.0);
                g.start_age[k].fill(0.0);
                let hr = &mut g.hearings[k];
                hr.flows.clear();
                hr.block.step(&mut hr.people, &mut hr.flows);
                let f = &hr.flows;
                add_rows(
                    [
                        &mut self.decided_a[c][s],
                        &mut self.decided_a_age[c][s],
                        &mut self.released_a[c][s],
                    ],
                    [f.exits(DECISION), f.exit_ages(DECISION), f.exits(RELEASE)],
                );
            }
        }
        self.start_waiting(capacity);
    }

    /// Those waiting start as slots free up (on average at mid-day), in proportion to who
    /// waits; the rest wait the whole day. Both face the release hazard meanwhile.
    fn start_waiting(&mut self, mut capacity: f64) {
        let eligible: f64 = (0..CLASSES)
            .map(|k| self.wait[k].iter().sum::<f64>() * (-self.hazard[k] / 2.0).exp())
            .sum();
        let share = if eligible > 0.0 { (capacity / eligible).min(1.0) } else { 0.0 };
        capacity -= share * eligible;
        self.capacity_left = capacity;
        let g = &mut self.groups[self.current];
        for k in 0..CLASSES {
            let (s, c) = (k / 3, k % 3);
            let h = self.hazard[k];
            let (half, whole) = (Exposer::new(h, 0.5), Exposer::new(h, 1.0));
            // Every slice cut to the class's width up front, so the indexing below is
            // unchecked.
            let width = self.widths[k];
            let (wait, wait_age) = (&mut self.wait[k][..width], &mut self.wait_age[k][..width]);
            let (start, start_age) = (&mut g.start[k][..width], &mut g.start_age[k][..width]);
            let released_a = &mut self.released_a[c][s][..width];
            let (released, released_age) =
                (&mut self.released[c][s][..width], &mut self.released_age[c][s][..width]);
            let area = &mut self.area[s][..width];
            for j in 0..width {
                let (m, z) = (wait[j], wait_age[j]);
                if m == 0.0 {
                    continue;
                }
                let starting = half.expose(m * share, z * share);
                let staying = whole.expose(m * (1.0 - share), z * (1.0 - share));
                start[j] += starting.mass;
                start_age[j] += starting.age;
                wait[j] = staying.mass;
                wait_age[j] = staying.age;
                let left = starting.left + staying.left;
                released_a[j] += left;
                released[j] += left;
                released_age[j] += starting.left_age + staying.left_age;
                area[j] += starting.area + staying.area;
            }
        }
    }

    /// Phase C: today's new cases (mass per category and lane, arriving through the day)
    /// start at once while slots last, else wait; then every start enters its hearing.
    pub fn phase_c(&mut self, entrants: &[Vec<f64>; 3], p: &DayParams) {
        let offices = self.members.offices[0].len();
        debug_assert!(
            (0..offices).all(|o| self.members.lane[1][o].is_some()
                || (0..3).all(|c| entrants[c][2 * o + 1] == 0.0)),
            "border cases at an office that receives none"
        );
        let total: f64 = entrants.iter().flatten().sum();
        let share = if total > 0.0 { (self.capacity_left / total).min(1.0) } else { 1.0 };
        self.capacity_left -= share * total;
        let g = &mut self.groups[self.current];
        for k in 0..CLASSES {
            let (s, c) = (k / 3, k % 3);
            let arriving = ArrivalExposer::new(self.hazard[k]);
            let entrants = &entrants[c][..2 * offices];
            let members = &self.members.offices[s][..self.widths[k]];
            let width = members.len();
            let start = &mut g.start[k][..width];
            let (wait, wait_age) = (&mut self.wait[k][..width], &mut self.wait_age[k][..width]);
            let (released, released_age) =
                (&mut self.released[c][s][..width], &mut self.released_age[c][s][..width]);
            let area = &mut self.area[s][..width];
            for (j, &o) in members.iter().enumerate() {
                let e = entrants[2 * o + s];
                if e == 0.0 {
                    continue;
                }
                start[j] += share * e;
                let waiting = arriving.expose(e * (1.0 - share), 0.0);
                wait[j] += waiting.mass;
                wait_age[j] += waiting.age;
                released[j] += waiting.left;
                released_age[j] += waiting.left_age;
                area[j] += waiting.area;
            }
        }
        let started = self.enter_hearings();
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

    /// Every start of the day enters its hearing; the day's decisions, releases and
    /// person-days of every hearing go to the callers' lanes. Returns the hearings started.
    fn enter_hearings(&mut self) -> f64 {
        clear(&mut self.decided);
        clear(&mut self.decided_age);
        let mut started = 0.0;
        for g in &mut self.groups {
            for k in 0..CLASSES {
                let (s, c) = (k / 3, k % 3);
                let hr = &mut g.hearings[k];
                let st: f64 = g.start[k].iter().sum();
                started += st;
                if st > 0.0 {
                    let (people, flows) = (&mut hr.people, &mut hr.flows);
                    hr.block.inflow_at(&hr.entry, people, &g.start[k], &g.start_age[k], flows);
                }
                let f = &hr.flows;
                add_rows(
                    [
                        &mut self.decided[c][s],
                        &mut self.decided_age[c][s],
                        &mut self.released[c][s],
                        &mut self.released_age[c][s],
                        &mut self.area[s],
                    ],
                    [
                        f.exits(DECISION),
                        f.exit_ages(DECISION),
                        f.exits(RELEASE),
                        f.exit_ages(RELEASE),
                        &f.area,
                    ],
                );
            }
        }
        started
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

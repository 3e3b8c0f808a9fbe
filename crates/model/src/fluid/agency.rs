//! ICE's detention statistics by arresting agency in the fluid: who of the detained and of
//! the day's book-outs CBP arrested (`detained_cbp_arrested`, `book_outs_cbp_arrested`,
//! `book_out_stay_days_cbp_arrested`), as the DES counts them case by case.
//!
//! The court lanes are kept by source (interior, border), and so are the waits for
//! documents after an order (each source has its own document times; the border's
//! `Orders` runs on the [`BorderOffices`] only). Transport pools an office's cases by
//! nationality group only. Transport is not linear (slots, queues), so this module follows the border source
//! through it as a *tracer*: a second mass and age sum that enters with the border source's
//! documents made ready and leaves in proportion — the day's transport exits are split by
//! the border share of those present during the day (at the start or entering), their ages
//! by the border share of the age sum. The tracer is exact when one source fills transport
//! (all or nothing of it is the border's) and otherwise assumes the sources mix within an
//! office's transport; the DES-vs-fluid test measures what that costs
//! (`crates/model/tests/model/agency.rs`).
//!
//! The interior source also holds Border Patrol's interior arrests (CBP's in ICE's
//! statistics, [`crate::ids::ChannelInfo::book_in`]): they share the interior paths, so the
//! interior quantities are moved to CBP in the office's running share of its interior
//! admissions (zero in every baseline, which has no interior detail).

/// The offices that receive border cases (a sector's `receiving_office`), the only ones
/// with border-source orders: the border's waits for documents run on them alone, in this
/// order.
#[derive(Clone, Debug, Default)]
pub(crate) struct BorderOffices {
    /// Office → its place among the border offices.
    index: Vec<Option<usize>>,
    /// The border offices, in order (place → office).
    list: Vec<usize>,
}

impl BorderOffices {
    pub fn of(sc: &crate::config::Scenario) -> BorderOffices {
        let mut index = vec![None; sc.offices.len()];
        let mut list = Vec::new();
        for (o, place) in index.iter_mut().enumerate() {
            if sc.sectors.iter().any(|s| s.receiving_office.0 as usize == o) {
                *place = Some(list.len());
                list.push(o);
            }
        }
        BorderOffices { index, list }
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// The offices, in order.
    pub fn offices(&self) -> &[usize] {
        &self.list
    }

    /// Office `o`'s place among them (`None`: it receives no border cases).
    pub fn get(&self, o: usize) -> Option<usize> {
        self.index.get(o).copied().flatten()
    }
}

/// The border source's people in transport, per office, and the day's sums the split
/// needs.
#[derive(Clone, Debug, Default)]
pub(crate) struct Tracer {
    /// Border-source people in transport: mass and age sum.
    mass: Vec<f64>,
    age: Vec<f64>,
    /// Transport's people of all sources at the start of the day: mass and age sum.
    start: Vec<(f64, f64)>,
    /// Documents made ready today (entering transport): border source and all sources (mass,
    /// age sum).
    border_in: Vec<(f64, f64)>,
    all_in: Vec<(f64, f64)>,
    /// Running Border Patrol interior admissions and all interior admissions.
    interior: Vec<(f64, f64)>,
    /// The border source's share of today's exits from transport: mass and age sum.
    pub out: Vec<(f64, f64)>,
}

impl Tracer {
    pub fn new(offices: usize) -> Tracer {
        let z = vec![(0.0, 0.0); offices];
        Tracer {
            mass: vec![0.0; offices],
            age: vec![0.0; offices],
            start: z.clone(),
            border_in: z.clone(),
            all_in: z.clone(),
            interior: z.clone(),
            out: z,
        }
    }

    /// Opens the day with transport's people of all sources, per office `(mass, age sum)`.
    pub fn start_day(&mut self, stage: impl Fn(usize) -> (f64, f64)) {
        for o in 0..self.mass.len() {
            self.start[o] = stage(o);
            self.border_in[o] = (0.0, 0.0);
            self.all_in[o] = (0.0, 0.0);
        }
    }

    /// People entering office `o`'s transport today: `m` with age sum `z`, from the border
    /// source or not.
    pub fn enter(&mut self, o: usize, border: bool, m: f64, z: f64) {
        let add = |t: &mut (f64, f64)| {
            t.0 += m;
            t.1 += z;
        };
        add(&mut self.all_in[o]);
        if border {
            add(&mut self.border_in[o]);
        }
    }

    /// Interior admissions of office `o` today: `cbp` of `all` were arrested by Border
    /// Patrol.
    pub fn interior(&mut self, o: usize, cbp: f64, all: f64) {
        self.interior[o].0 += cbp;
        self.interior[o].1 += all;
    }

    /// Office `o`'s share of interior cases that Border Patrol arrested.
    pub fn bp_share(&self, o: usize) -> f64 {
        let (cbp, all) = self.interior[o];
        if all > 0.0 { (cbp / all).clamp(0.0, 1.0) } else { 0.0 }
    }

    /// Border-source people in office `o`'s transport at the end of the day.
    pub fn mass(&self, o: usize) -> f64 {
        self.mass[o]
    }

    /// Closes office `o`'s day: transport's exits of all sources `exits` and its people at
    /// the end of the day `end` (mass, age sum each) give the border source's exits
    /// ([`Tracer::out`]) and its people at the end of the day. Transport's own aging
    /// (`end − start − entries + exits` of the age sums) is shared by the border share of
    /// the people left, so a transport of one source is followed exactly.
    pub fn close_day(&mut self, o: usize, exits: (f64, f64), end: (f64, f64)) {
        let (start, all_in, b_in) = (self.start[o], self.all_in[o], self.border_in[o]);
        let share = |part: f64, whole: f64| {
            if whole > 0.0 { (part / whole).clamp(0.0, 1.0) } else { 0.0 }
        };
        let by_mass = share(self.mass[o] + b_in.0, start.0 + all_in.0);
        let by_age = share(self.age[o] + b_in.1, start.1 + all_in.1);
        let out = (by_mass * exits.0, by_age * exits.1);
        let mass = (self.mass[o] + b_in.0 - out.0).clamp(0.0, end.0.max(0.0));
        let aging = end.1 - (start.1 + all_in.1 - exits.1);
        let aging_share = share(mass, end.0);
        let age = (self.age[o] + b_in.1 - out.1 + aging * aging_share).clamp(0.0, end.1.max(0.0));
        self.mass[o] = mass;
        self.age[o] = age;
        self.out[o] = out;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stage of one source is followed exactly: all of it, or none.
    #[test]
    fn one_source_is_followed_exactly() {
        for border in [true, false] {
            let mut t = Tracer::new(1);
            // Day 1: 10 enter at age 2, none leave; the stage ages them by one day.
            t.start_day(|_| (0.0, 0.0));
            t.enter(0, border, 10.0, 20.0);
            t.close_day(0, (0.0, 0.0), (10.0, 30.0));
            // Day 2: 4 leave with ages summing to 14.
            t.start_day(|_| (10.0, 30.0));
            t.close_day(0, (4.0, 14.0), (6.0, 22.0));
            let want = if border { (4.0, 14.0, 6.0) } else { (0.0, 0.0, 0.0) };
            assert_eq!((t.out[0].0, t.out[0].1, t.mass(0)), want, "border {border}");
        }
    }

    /// Mixed sources leave in proportion to those present during the day.
    #[test]
    fn mixed_sources_leave_in_proportion() {
        let mut t = Tracer::new(1);
        t.start_day(|_| (0.0, 0.0));
        t.enter(0, true, 30.0, 0.0);
        t.enter(0, false, 10.0, 0.0);
        t.close_day(0, (0.0, 0.0), (40.0, 40.0));
        t.start_day(|_| (40.0, 40.0));
        t.close_day(0, (8.0, 8.0), (32.0, 64.0));
        assert!((t.out[0].0 - 6.0).abs() < 1e-12, "{:?}", t.out[0]);
        assert!((t.mass(0) - 24.0).abs() < 1e-12);
    }

    #[test]
    fn border_patrol_share_of_interior_admissions() {
        let mut t = Tracer::new(2);
        t.interior(0, 1.0, 4.0);
        t.interior(0, 1.0, 4.0);
        assert_eq!(t.bp_share(0), 0.25);
        assert_eq!(t.bp_share(1), 0.0);
    }
}

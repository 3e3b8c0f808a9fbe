//! What a budget buys best: the split of a budget over the levers (contract beds, new
//! officers, removal flights) that maximises (or minimises) one measure, searched with the
//! fluid mode and confirmed with the DES.
//!
//! Each lever has a unit (a bed, an officer, a weekly flight), a **lead time** from the
//! dashboard's lever assumptions ([`scenario::levers`]: new contract beds phase in over
//! `beds_added.phase_days`, officers join after `officers_hired.academy_days` and then learn,
//! as `model::workforce` says; flights are bought on charter contracts already in place)
//! and a **unit cost** over the scenario's measured days from its `[costs]` and `[ero]`
//! tables: a bed costs the contract bed-day rate for each day it is open, an officer the
//! officer-day cost from hire (academy included), a weekly flight the charter cost of each
//! flight flown.
//!
//! The search is a grid over the simplex of budget shares (steps of 1/10), refined around
//! the best point (steps of 1/50): deterministic, and the same whatever the thread count.
//! At each budget of the frontier the **marginal value** of each lever (the objective's
//! change per extra dollar spent on it at the best split) says which constraint binds.
//!
//! ```
//! use study::allocate::{self, Lever, Options};
//! let sc = model::testkit::tiny();
//! let opts = Options { levers: vec![Lever::Beds, Lever::Flights], ..Options::new(5.0e6, "removals") };
//! let a = allocate::allocate(&sc, &opts).unwrap();
//! let best = &a.frontier.last().unwrap().best;
//! assert!((best.shares.iter().sum::<f64>() - 1.0).abs() < 1e-9);
//! assert!(best.objective >= a.status_quo);
//! ```

mod outputs;
pub use outputs::{Confirmation, allocation_json, binding, confirm, frontier_csv, report_page};

use model::{Date, FacilityKind, RunResult, Scenario, Window};
use rayon::prelude::*;

/// A lever a budget can buy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lever {
    /// Contract detention beds, added where contract beds are now.
    Beds,
    /// Deportation officers, hired on the first day, pro rata to offices' officers.
    Officers,
    /// Charter removal flights per week.
    Flights,
    /// Immigration judges on the detained docket (their concurrent cases as docket slots),
    /// after hiring and training.
    Judges,
    /// Partner officers deputized in every office on the 287(g) task-force model.
    Partners,
}

impl Lever {
    /// Every lever, in output order.
    pub const ALL: [Lever; 5] =
        [Lever::Beds, Lever::Officers, Lever::Flights, Lever::Judges, Lever::Partners];

    /// The levers searched when none are named (the other two are asked for by name:
    /// each extra lever multiplies the grid).
    pub const DEFAULT: [Lever; 3] = [Lever::Beds, Lever::Officers, Lever::Flights];

    /// Name on the command line and in outputs.
    pub fn name(self) -> &'static str {
        match self {
            Lever::Beds => "beds",
            Lever::Officers => "officers",
            Lever::Flights => "flights",
            Lever::Judges => "judges",
            Lever::Partners => "partners",
        }
    }

    /// What one unit is.
    pub fn unit(self) -> &'static str {
        match self {
            Lever::Beds => "contract beds",
            Lever::Officers => "officers",
            Lever::Flights => "flights per week",
            Lever::Judges => "immigration judges",
            Lever::Partners => "deputized officers",
        }
    }

    /// The lever named `name`.
    pub fn parse(name: &str) -> Option<Lever> {
        Lever::ALL.into_iter().find(|l| l.name() == name.trim())
    }

    /// Days from the start until a unit bought on the first day works (beds: the days
    /// over which new beds phase in).
    pub fn lead_days(self) -> f64 {
        let lead = |lever: &str, field: &str| {
            scenario::levers::assumption(lever, field).map_or(0.0, |a| a.value)
        };
        match self {
            Lever::Beds => lead("beds_added", "phase_days"),
            Lever::Officers => lead("officers_hired", "academy_days"),
            Lever::Flights => 0.0,
            Lever::Judges => lead("judges_added", "ramp_days"),
            Lever::Partners => lead("deputized_officers", "ramp_days"),
        }
    }

    /// US$ one unit costs over the scenario's measured days.
    pub fn unit_cost(self, sc: &Scenario) -> f64 {
        let days = f64::from(sc.days);
        match self {
            // Beds phase in linearly: on average open for all but half the lead time.
            Lever::Beds => {
                let open = (days - self.lead_days() / 2.0).max(0.0);
                sc.costs.bed_day[FacilityKind::Contract as usize] * open
            }
            Lever::Officers => sc.ero.cost_per_officer_day * days,
            Lever::Flights => sc.costs.flight * days / 7.0,
            // Paid from hire, the training ramp included.
            Lever::Judges => assumed("judges_added", "cost_per_judge_year") * days / 365.0,
            // Only their immigration work is paid for (the rest is their agency's mission).
            Lever::Partners => {
                sc.costs.partner_officer_day * assumed("deputized_officers", "time_share") * days
            }
        }
    }

    /// Adds `units` of the lever to `sc`, from the first measured day.
    pub fn apply(self, sc: &mut Scenario, units: f64) {
        if units <= 0.0 {
            return;
        }
        let start = sc.start;
        match self {
            Lever::Beds => add_beds(sc, start, units, self.lead_days()),
            Lever::Officers => add_officers(sc, start.plus(self.lead_days().round() as i32), units),
            Lever::Flights => {
                sc.removal.flights_per_week.transform(&Window::starting(start), |v, _| v + units);
            }
            Lever::Judges => {
                let slots = units * assumed("judges_added", "slots_per_judge");
                let window = Window { from: start, until: None, ramp_days: self.lead_days() };
                sc.courts.detained_docket_slots.transform(&window, |v, p| v + slots * p);
            }
            Lever::Partners => sc.interventions.push(model::Intervention {
                at: start,
                kind: model::InterventionKind::Deputize {
                    agency: "287g".into(),
                    officers: units,
                    offices: (0..sc.offices.len() as u16).map(model::OfficeId).collect(),
                    time_share: assumed("deputized_officers", "time_share"),
                    // The lever's lead time stands for training and teaming in.
                    training_days: 0.0,
                    ramp_days: self.lead_days(),
                    arrests_per_officer_day: assumed(
                        "deputized_officers",
                        "arrests_per_officer_day",
                    ),
                    until: None,
                },
            }),
        }
    }
}

/// New contract beds where contract beds are on the start date, phased in over `ramp` days
/// (offices without contract beds get none; with none anywhere, every office shares alike).
fn add_beds(sc: &mut Scenario, start: Date, units: f64, ramp: f64) {
    let contract = |o: &model::Office| -> f64 {
        o.beds.iter().filter(|b| b.kind == FacilityKind::Contract).map(|b| b.beds.at(start)).sum()
    };
    let total: f64 = sc.offices.iter().map(contract).sum();
    let n = sc.offices.len() as f64;
    let window = Window { from: start, until: None, ramp_days: ramp };
    for o in &mut sc.offices {
        let share = if total > 0.0 { contract(o) / total } else { 1.0 / n };
        if share <= 0.0 {
            continue;
        }
        let add = units * share;
        match o.beds.iter_mut().rev().find(|b| b.kind == FacilityKind::Contract) {
            Some(b) => b.beds.transform(&window, |v, p| v + add * p),
            None => {
                let mut beds = model::Schedule::constant(0.0);
                beds.transform(&window, |v, p| v + add * p);
                o.beds.push(model::Beds { kind: FacilityKind::Contract, beds });
            }
        }
    }
}

/// A lever assumption's value (`scenario::levers`; every key used here is in the file, as a
/// test checks).
fn assumed(lever: &str, field: &str) -> f64 {
    scenario::levers::assumption(lever, field).map_or(f64::NAN, |a| a.value)
}

/// New officers joining on `joins`, pro rata to offices' officers on the start date.
fn add_officers(sc: &mut Scenario, joins: Date, units: f64) {
    let start = sc.start;
    let total: f64 = sc.offices.iter().map(|o| o.officers.at(start)).sum();
    let n = sc.offices.len() as f64;
    for o in &mut sc.offices {
        let share = if total > 0.0 { o.officers.at(start) / total } else { 1.0 / n };
        o.officers.transform(&Window::starting(joins), |v, _| v + units * share);
    }
}

/// What to search.
#[derive(Clone, Debug)]
pub struct Options {
    /// The budget, US$ (more than 0).
    pub budget: f64,
    /// The measure to optimise (a key of `model::MEASURES`).
    pub objective: String,
    /// Minimise instead of maximise (e.g. `released_no_bed`).
    pub minimise: bool,
    /// The levers to split the budget over.
    pub levers: Vec<Lever>,
    /// Budgets of the frontier as shares of `budget` (the last should be 1).
    pub frontier: Vec<f64>,
}

impl Options {
    /// Every lever, maximising `objective`, a frontier at ¼, ½, ¾ and all of `budget`.
    pub fn new(budget: f64, objective: &str) -> Options {
        Options {
            budget,
            objective: objective.to_owned(),
            minimise: false,
            levers: Lever::DEFAULT.to_vec(),
            frontier: vec![0.25, 0.5, 0.75, 1.0],
        }
    }
}

/// One split of one budget.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// Share of the budget per lever ([`Options::levers`] order).
    pub shares: Vec<f64>,
    /// Units bought per lever.
    pub units: Vec<f64>,
    /// The objective's fluid value.
    pub objective: f64,
}

/// The best split at one budget.
#[derive(Clone, Debug, PartialEq)]
pub struct FrontierPoint {
    /// The budget, US$.
    pub budget: f64,
    /// The best split found.
    pub best: Candidate,
    /// Per lever: the objective's change per extra million US$ spent on it at `best`
    /// (its shadow price; the largest says which constraint binds).
    pub marginal_per_million: Vec<f64>,
    /// Fluid runs spent on this budget.
    pub evaluations: usize,
    /// The next best splits found (up to [`RUNNERS_UP`], best first): the DES checks them
    /// against the best, since the fluid ranks them by expected values only.
    pub runners_up: Vec<Candidate>,
}

/// Runners-up kept at each budget.
pub const RUNNERS_UP: usize = 2;

/// The whole answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Allocation {
    /// The levers, in column order.
    pub levers: Vec<Lever>,
    /// US$ per unit of each lever over the horizon.
    pub unit_costs: Vec<f64>,
    /// The objective with nothing bought.
    pub status_quo: f64,
    /// Best split at each budget of [`Options::frontier`].
    pub frontier: Vec<FrontierPoint>,
}

/// Why an allocation cannot be searched.
#[derive(Clone, Debug, PartialEq)]
pub struct AllocateError(pub String);

impl std::fmt::Display for AllocateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "error: {}", self.0)
    }
}

impl std::error::Error for AllocateError {}

/// Checks `opts` against the scenario: a budget above 0, a known measure, levers with a
/// cost.
pub fn check(sc: &Scenario, opts: &Options) -> Result<(), AllocateError> {
    if !(opts.budget.is_finite() && opts.budget > 0.0) {
        return Err(AllocateError(format!(
            "--budget {} must be a number of US dollars greater than 0 (e.g. 2e9)",
            opts.budget
        )));
    }
    if !model::MEASURES.iter().any(|m| m.key == opts.objective) {
        let keys: Vec<&str> = model::MEASURES.iter().map(|m| m.key).collect();
        return Err(AllocateError(format!(
            "unknown measure \"{}\"; measures: {}",
            opts.objective,
            keys.join(", ")
        )));
    }
    if opts.levers.is_empty() {
        return Err(AllocateError(
            "no levers: name at least one of beds, officers, flights, judges, partners".into(),
        ));
    }
    for l in &opts.levers {
        let cost = l.unit_cost(sc);
        if !(cost.is_finite() && cost > 0.0) {
            return Err(AllocateError(format!(
                "the scenario gives {} a unit cost of {cost} US$; it needs a positive cost ([costs] / [ero])",
                l.name()
            )));
        }
    }
    Ok(())
}

/// Searches the best split of every budget of the frontier.
pub fn allocate(sc: &Scenario, opts: &Options) -> Result<Allocation, AllocateError> {
    check(sc, opts)?;
    let unit_costs: Vec<f64> = opts.levers.iter().map(|l| l.unit_cost(sc)).collect();
    let eval = |budget: f64, shares: &[f64]| evaluate(sc, opts, &unit_costs, budget, shares);
    let status_quo = eval(0.0, &vec![0.0; opts.levers.len()]).objective;
    let frontier = opts
        .frontier
        .iter()
        .map(|f| {
            let budget = opts.budget * f;
            let (mut top, evaluations) = search(opts, |s| eval(budget, s));
            let best = top.remove(0);
            let marginal_per_million =
                marginal(opts, &unit_costs, &best, budget, |b, s| eval(b, s));
            FrontierPoint { budget, best, marginal_per_million, evaluations, runners_up: top }
        })
        .collect();
    Ok(Allocation { levers: opts.levers.clone(), unit_costs, status_quo, frontier })
}

/// The fluid objective of spending `shares` of `budget`.
fn evaluate(
    sc: &Scenario,
    opts: &Options,
    costs: &[f64],
    budget: f64,
    shares: &[f64],
) -> Candidate {
    let mut s = sc.clone();
    let units: Vec<f64> = shares.iter().zip(costs).map(|(x, c)| x * budget / c).collect();
    for (l, u) in opts.levers.iter().zip(&units) {
        l.apply(&mut s, *u);
    }
    let r = model::fluid::run(&s);
    Candidate { shares: shares.to_vec(), units, objective: measure(&r, &opts.objective) }
}

/// The mean of measure `key` in `r` (checked to exist by [`check`]).
pub fn measure(r: &RunResult, key: &str) -> f64 {
    r.national(key).map_or(f64::NAN, |m| m.estimate.mean)
}

/// The coarse grid, then a fine grid around its best point; returns the best candidate
/// and up to [`RUNNERS_UP`] next best distinct splits (best first), and the number of
/// evaluations.
fn search(opts: &Options, eval: impl Fn(&[f64]) -> Candidate + Sync) -> (Vec<Candidate>, usize) {
    let k = opts.levers.len();
    let coarse: Vec<Candidate> =
        simplex(k, 10, &vec![0; k], 10).par_iter().map(|s| eval(s)).collect();
    let around: Vec<u32> =
        top(opts, &coarse, 1)[0].shares.iter().map(|x| (x * 50.0).round() as u32).collect();
    // ±5 fiftieths in each share for up to three levers; ±2 beyond (the fine grid grows
    // as the radius to the power of the levers).
    let fine = simplex(k, 50, &around, if k <= 3 { 5 } else { 2 });
    let n = coarse.len() + fine.len();
    let mut all = coarse;
    all.extend(fine.par_iter().map(|s| eval(s)).collect::<Vec<_>>());
    (top(opts, &all, 1 + RUNNERS_UP), n)
}

/// The `n` best candidates with distinct splits, best first; ties keep grid order (so the
/// first is the first best point of the grid).
fn top(opts: &Options, all: &[Candidate], n: usize) -> Vec<Candidate> {
    // Higher is better after the sign; a NaN objective ranks last.
    let key = |c: &Candidate| {
        let x = if opts.minimise { -c.objective } else { c.objective };
        if x.is_nan() { f64::NEG_INFINITY } else { x }
    };
    let mut ranked: Vec<&Candidate> = all.iter().collect();
    // A stable sort: equal keys keep grid order.
    ranked.sort_by(|a, b| key(b).total_cmp(&key(a)));
    let mut out: Vec<Candidate> = Vec::with_capacity(n);
    for c in ranked {
        let same =
            |o: &Candidate| o.shares.iter().zip(&c.shares).all(|(x, y)| (x - y).abs() < 1e-9);
        if !out.iter().any(same) {
            out.push(c.clone());
        }
        if out.len() == n {
            break;
        }
    }
    out
}

/// Points of the simplex `Σ shares = 1` with shares in steps of `1/steps`, within `radius`
/// steps of `around` in every coordinate (all points with `radius = steps`).
fn simplex(k: usize, steps: u32, around: &[u32], radius: u32) -> Vec<Vec<f64>> {
    fn go(
        k: usize,
        left: u32,
        at: usize,
        lim: &[(u32, u32)],
        cur: &mut Vec<u32>,
        out: &mut Vec<Vec<u32>>,
    ) {
        if at + 1 == k {
            if (lim[at].0..=lim[at].1).contains(&left) {
                cur.push(left);
                out.push(cur.clone());
                cur.pop();
            }
            return;
        }
        for x in lim[at].0..=lim[at].1.min(left) {
            cur.push(x);
            go(k, left - x, at + 1, lim, cur, out);
            cur.pop();
        }
    }
    let lim: Vec<(u32, u32)> =
        around.iter().map(|a| (a.saturating_sub(radius), (a + radius).min(steps))).collect();
    let mut out = Vec::new();
    go(k, steps, 0, &lim, &mut Vec::new(), &mut out);
    out.into_iter()
        .map(|p| p.into_iter().map(|x| f64::from(x) / f64::from(steps)).collect())
        .collect()
}

/// The objective's change per extra million US$ on each lever at `best`.
fn marginal(
    opts: &Options,
    costs: &[f64],
    best: &Candidate,
    budget: f64,
    eval: impl Fn(f64, &[f64]) -> Candidate + Sync,
) -> Vec<f64> {
    let extra = 0.05 * budget;
    (0..opts.levers.len())
        .into_par_iter()
        .map(|i| {
            // Spend `extra` more on lever i: the same units of the others, more of lever i.
            let total = budget + extra;
            let shares: Vec<f64> = (0..opts.levers.len())
                .map(|j| (best.units[j] * costs[j] + if i == j { extra } else { 0.0 }) / total)
                .collect();
            (eval(total, &shares).objective - best.objective) / extra * 1.0e6
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_simplex_grid_has_every_split_once() {
        let all = simplex(3, 10, &[0, 0, 0], 10);
        assert_eq!(all.len(), 66); // C(12, 2)
        assert!(all.iter().all(|s| (s.iter().sum::<f64>() - 1.0).abs() < 1e-12));
        let near = simplex(3, 50, &[25, 25, 0], 5);
        assert!(near.iter().all(|s| s[2] <= 0.1 + 1e-12 && (s[0] - 0.5).abs() <= 0.1 + 1e-12));
        assert_eq!(simplex(1, 10, &[10], 10), vec![vec![1.0]]);
    }

    #[test]
    fn bad_budgets_measures_and_levers_are_refused() {
        let sc = model::testkit::tiny();
        for b in [0.0, -1.0, f64::NAN] {
            let e = check(&sc, &Options::new(b, "removals")).unwrap_err();
            assert!(e.0.contains("greater than 0"), "{e}");
        }
        let e = check(&sc, &Options::new(1e6, "removalz")).unwrap_err();
        assert!(e.0.starts_with("unknown measure \"removalz\"; measures: arrests_per_day"), "{e}");
        let none = Options { levers: vec![], ..Options::new(1e6, "removals") };
        assert!(check(&sc, &none).is_err());
        assert_eq!(Lever::parse(" flights"), Some(Lever::Flights));
        assert_eq!(Lever::parse("judges"), Some(Lever::Judges));
        assert_eq!(Lever::parse("atd"), None, "alternatives to detention are not modelled yet");
    }

    #[test]
    fn levers_add_their_units_from_their_lead_time() {
        let sc = model::testkit::tiny();
        let mut s = sc.clone();
        Lever::Officers.apply(&mut s, 50.0);
        let joins = sc.start.plus(Lever::Officers.lead_days().round() as i32);
        let officers =
            |x: &Scenario, d: Date| x.offices.iter().map(|o| o.officers.at(d)).sum::<f64>();
        assert_eq!(officers(&s, joins.plus(0)) - officers(&sc, joins), 50.0);
        assert_eq!(officers(&s, sc.start), officers(&sc, sc.start));
        let mut f = sc.clone();
        Lever::Flights.apply(&mut f, 3.0);
        let fl = |x: &Scenario| x.removal.flights_per_week.at(x.start);
        assert_eq!(fl(&f) - fl(&sc), 3.0);
        let mut b = sc.clone();
        Lever::Beds.apply(&mut b, 100.0);
        let contract = |x: &Scenario, d: Date| -> f64 {
            x.offices[0]
                .beds
                .iter()
                .filter(|b| b.kind == FacilityKind::Contract)
                .map(|b| b.beds.at(d))
                .sum()
        };
        let late = sc.start.plus(Lever::Beds.lead_days() as i32 + 1);
        assert!((contract(&b, late) - contract(&sc, late) - 100.0).abs() < 1e-9);
    }

    #[test]
    fn judges_add_docket_slots_and_partners_a_deputation_in_every_office() {
        let sc = model::testkit::tiny();
        let mut j = sc.clone();
        Lever::Judges.apply(&mut j, 10.0);
        let slots = |x: &Scenario, d: Date| x.courts.detained_docket_slots.at(d);
        let done = sc.start.plus(Lever::Judges.lead_days() as i32 + 1);
        let per_judge = assumed("judges_added", "slots_per_judge");
        assert!((slots(&j, done) - slots(&sc, done) - 10.0 * per_judge).abs() < 1e-9);
        assert!(slots(&j, sc.start) - slots(&sc, sc.start) < 10.0 * per_judge, "ramped in");
        let mut p = sc.clone();
        Lever::Partners.apply(&mut p, 40.0);
        let added = p.interventions.last().expect("a deputation");
        match &added.kind {
            model::InterventionKind::Deputize { officers, offices, .. } => {
                assert_eq!((*officers, offices.len()), (40.0, sc.offices.len()));
            }
            other => panic!("{other:?}"),
        }
        // Every lever has a finite, positive unit cost (its assumptions are in the file).
        for l in Lever::ALL {
            let c = l.unit_cost(&sc);
            assert!(c.is_finite() && c > 0.0, "{}: {c}", l.name());
        }
        // A judge's year costs the assumed rate over the measured days.
        let year = assumed("judges_added", "cost_per_judge_year");
        assert!((Lever::Judges.unit_cost(&sc) - year * f64::from(sc.days) / 365.0).abs() < 1e-6);
    }
}

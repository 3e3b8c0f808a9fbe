//! Spending against appropriations, read off the daily table (so both solvers share it).
//!
//! Each measured day's national cost on each [`CostLine`] is charged to the appropriations
//! open that day that pay for the line, the one that lapses first first (ties in file
//! order), each up to its balance: agencies spend expiring money before multi-year money.
//! What no open appropriation covers is *unfunded* — in practice reprogramming, transfers
//! or a supplemental. Spending is not capped by the money: the model reports against the
//! budget, it does not stop detaining when a line runs dry (ICE has overspent its detention
//! appropriation in several years and covered it by transfers).
//!
//! An appropriation's opening balance is `amount × share_modelled − obligated_before`: the
//! share paying for what the model costs, less what was obligated before the first
//! measured day. The month an appropriation runs out is the day its balance reaches zero
//! within the run or, if it has money left at the end, a projection: every line keeps
//! spending at its pace over the last [`PACE_DAYS`] days and is charged as above, so when
//! annual money lapses at its fiscal year's end its lines fall on the multi-year money. No
//! appropriation the scenario does not list is assumed (a later year's annual act must be
//! listed to be counted).

use serde::Serialize;

use crate::config::{Appropriation, Scenario};
use crate::date::Date;
use crate::ids::{Agency, Channel, CostLine};
use crate::metrics::{METRIC_COUNT, Metric};
use crate::run::RunResult;
use crate::summary::{COSTS, Estimate, REMOVALS};

/// Days of spending whose pace projects when an appropriation runs out.
pub const PACE_DAYS: usize = 91;

/// One day's national rows of every metric, as in [`RunResult::national_daily`].
type Row = [f64; METRIC_COUNT];

/// A day's national spending on each cost line.
pub fn line_costs(row: &Row) -> [f64; CostLine::COUNT] {
    CostLine::ALL.map(|l| l.info().metrics.iter().map(|&m| row[m as usize]).sum())
}

/// An appropriation's money for the modelled lines at the run's first measured day.
pub fn opening_balance(a: &Appropriation) -> f64 {
    (a.amount * a.share_modelled - a.obligated_before).max(0.0)
}

/// How one replication's spending fell on the scenario's appropriations.
#[derive(Clone, Debug, PartialEq)]
pub struct Drawdown {
    /// Per appropriation (scenario order), per measured day: US$ charged to it.
    pub charged: Vec<Vec<f64>>,
    /// Per measured day, per cost line: US$ no open appropriation covered.
    pub unfunded: Vec<[f64; CostLine::COUNT]>,
}

/// Appropriations' balances, charged day by day (see the module doc).
struct Ledger<'a> {
    apps: &'a [Appropriation],
    /// Appropriation indices, the one lapsing first first (ties in file order).
    order: Vec<usize>,
    balance: Vec<f64>,
}

impl<'a> Ledger<'a> {
    fn new(apps: &'a [Appropriation], balance: Vec<f64>) -> Self {
        let mut order: Vec<usize> = (0..apps.len()).collect();
        order.sort_by_key(|&i| apps[i].until);
        Ledger { apps, order, balance }
    }

    /// Charges one day's line costs; `paid(i, us$)` hears each charge to appropriation
    /// `i`. Returns what no open appropriation covered, per line.
    fn charge(
        &mut self,
        date: Date,
        costs: [f64; CostLine::COUNT],
        mut paid: impl FnMut(usize, f64),
    ) -> [f64; CostLine::COUNT] {
        let mut unfunded = [0.0; CostLine::COUNT];
        for (line, mut cost) in CostLine::ALL.into_iter().zip(costs) {
            for &i in &self.order {
                let a = &self.apps[i];
                if cost <= 0.0 {
                    break;
                }
                if date < a.from || date > a.until || !a.lines.contains(&line) {
                    continue;
                }
                let take = cost.min(self.balance[i]);
                self.balance[i] -= take;
                paid(i, take);
                cost -= take;
            }
            unfunded[line.index()] = cost.max(0.0);
        }
        unfunded
    }
}

/// Charges each day's spending to the appropriations (see the module doc).
pub fn draw_down(sc: &Scenario, days: &[Row]) -> Drawdown {
    let apps = &sc.appropriations;
    let mut ledger = Ledger::new(apps, apps.iter().map(opening_balance).collect());
    let mut charged = vec![vec![0.0; days.len()]; apps.len()];
    let unfunded = (days.iter().enumerate())
        .map(|(d, row)| {
            ledger.charge(sc.start.plus(d as i32), line_costs(row), |i, x| charged[i][d] += x)
        })
        .collect();
    Drawdown { charged, unfunded }
}

/// Longest projection past the run's end, days (beyond it an appropriation "lasts").
const PROJECTION_LIMIT_DAYS: i32 = 20 * 366;

/// Each appropriation's fate if every line keeps spending at `pace` (US$/day) after `end`
/// from the balances left then: the day it runs dry, or what is unspent when it lapses.
/// Appropriations lapse as they do in law — annual money at its fiscal year's end — and
/// no appropriation the scenario does not list is assumed, so the line then falls on the
/// multi-year money.
fn project(
    sc: &Scenario,
    left: Vec<f64>,
    pace: [f64; CostLine::COUNT],
    end: Date,
) -> Vec<(Option<Date>, f64)> {
    let apps = &sc.appropriations;
    let mut fate: Vec<Option<(Option<Date>, f64)>> =
        (apps.iter().zip(&left)).map(|(a, &l)| (a.until <= end).then_some((None, l))).collect();
    let mut ledger = Ledger::new(apps, left);
    let last = apps.iter().map(|a| a.until).max().unwrap_or(end);
    let mut date = end;
    while fate.iter().any(Option::is_none) && date < last && date < end.plus(PROJECTION_LIMIT_DAYS)
    {
        date = date.plus(1);
        ledger.charge(date, pace, |_, _| {});
        for (i, a) in apps.iter().enumerate() {
            if fate[i].is_some() || date < a.from {
                continue;
            }
            if ledger.balance[i] <= 1e-9 {
                fate[i] = Some((Some(date), 0.0));
            } else if date >= a.until {
                fate[i] = Some((None, ledger.balance[i]));
            }
        }
    }
    fate.into_iter().zip(&ledger.balance).map(|(f, &b)| f.unwrap_or((None, b))).collect()
}

/// Spending in one federal fiscal quarter (or the part of it the run covers).
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct QuarterSpend {
    /// `FY2026 Q1` (October–December 2025).
    pub quarter: String,
    /// Measured days of the quarter in the run.
    pub days: usize,
    /// US$ charged in the quarter, mean over replications.
    pub spent: f64,
    /// Share of the opening balance charged by the quarter's end, cumulative.
    pub cumulative_share: f64,
}

/// One appropriation against the run's spending.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct AppropriationUse {
    /// Its name.
    pub name: String,
    /// US$ appropriated.
    pub amount: f64,
    /// US$ for the modelled lines at the run's start (see [`opening_balance`]).
    pub opening: f64,
    /// First day available.
    pub from: Date,
    /// Last day available.
    pub until: Date,
    /// The lines it pays for.
    pub lines: Vec<&'static str>,
    /// US$ charged over the measured days: mean and 95% CI over replications.
    pub spent: Estimate,
    /// By fiscal quarter (mean over replications).
    pub by_quarter: Vec<QuarterSpend>,
    /// US$ left at the run's end (mean).
    pub balance_end: f64,
    /// US$ left at the end of each measured day (mean over replications), for burn-down
    /// charts; not written to summary.json.
    #[serde(skip)]
    pub balance: Vec<f64>,
    /// The day the balance reaches zero: within the run, or projected with every line
    /// spending at its last [`PACE_DAYS`] days' pace, annual money lapsing at its fiscal
    /// year's end and no appropriation beyond the scenario's; `None` if it lasts until it
    /// lapses (or for 20 years).
    pub runs_out: Option<Date>,
    /// True if `runs_out` is a projection past the run's end.
    pub runs_out_projected: bool,
    /// US$ unspent when it lapses at that pace (0 if it runs out first).
    pub unspent_at_lapse: f64,
}

/// One cost line's spending.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct LineSpend {
    /// The line's key.
    pub line: &'static str,
    /// What it pays for.
    pub doc: &'static str,
    /// US$ over the measured days.
    pub spent: Estimate,
    /// US$ no open appropriation listed covered (for partners and Border Patrol details,
    /// usually paid from other agencies' budgets that a scenario does not list).
    pub unfunded: Estimate,
}

/// What things cost on average over the run, US$.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct UnitCosts {
    /// All modelled cost over removals (incl. voluntary departures and direct removals).
    pub per_removal: Option<Estimate>,
    /// The detention line over person-days detained.
    pub per_detained_day: Option<Estimate>,
    /// ERO personnel over arrests by ERO's own channels (those of agency ICE in the channel
    /// registry: custodial, at-large, collateral, operations, check-in).
    pub per_arrest_ero: Option<Estimate>,
    /// Deputized partners' cost over their arrests.
    pub per_arrest_partner: Option<Estimate>,
    /// Border Patrol details' cost over their interior arrests.
    pub per_arrest_bp_details: Option<Estimate>,
}

/// Spending against the budget: lines, appropriations, unit costs.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Budget {
    /// Days of spending whose pace projects run-out dates.
    pub pace_days: usize,
    /// Spending by cost line.
    pub lines: Vec<LineSpend>,
    /// The scenario's appropriations available on some measured day, in scenario order.
    pub appropriations: Vec<AppropriationUse>,
    /// Unit costs.
    pub unit_costs: UnitCosts,
}

/// The run's spending against its appropriations and its unit costs.
pub fn budget(result: &RunResult) -> Budget {
    let sc = &result.scenario;
    let reps = &result.national_daily;
    let draws: Vec<Drawdown> = reps.iter().map(|days| draw_down(sc, days)).collect();
    let lines = CostLine::ALL
        .iter()
        .map(|&l| LineSpend {
            line: l.name(),
            doc: l.info().doc,
            spent: per_rep(reps, |days| days.iter().map(|r| line_costs(r)[l.index()]).sum()),
            unfunded: Estimate::of(
                &draws
                    .iter()
                    .map(|w| w.unfunded.iter().map(|u| u[l.index()]).sum())
                    .collect::<Vec<_>>(),
            ),
        })
        .collect();
    let last = sc.start.plus(sc.days as i32 - 1);
    let means: Vec<Vec<f64>> =
        (0..sc.appropriations.len()).map(|i| mean_charged(&draws, i)).collect();
    let left = (sc.appropriations.iter().zip(&means))
        .map(|(a, m)| (opening_balance(a) - m.iter().sum::<f64>()).max(0.0))
        .collect();
    let fates = project(sc, left, pace(reps), last);
    let appropriations = (sc.appropriations.iter().enumerate())
        .filter(|(_, a)| a.until >= sc.start && a.from <= last)
        .map(|(i, a)| used(sc, a, &means[i], fates[i], &draws, i))
        .collect();
    Budget { pace_days: PACE_DAYS, lines, appropriations, unit_costs: unit_costs(reps) }
}

/// Appropriation `i`'s charge per measured day, mean over replications.
fn mean_charged(draws: &[Drawdown], i: usize) -> Vec<f64> {
    let n = draws.len().max(1) as f64;
    let days = draws.first().map_or(0, |w| w.charged[i].len());
    (0..days).map(|d| draws.iter().map(|w| w.charged[i][d]).sum::<f64>() / n).collect()
}

/// Each line's mean daily cost over the last [`PACE_DAYS`] measured days (mean over
/// replications).
fn pace(reps: &[Vec<Row>]) -> [f64; CostLine::COUNT] {
    let mut pace = [0.0; CostLine::COUNT];
    for days in reps {
        let recent = &days[days.len().saturating_sub(PACE_DAYS)..];
        let n = (recent.len().max(1) * reps.len()) as f64;
        for row in recent {
            for (p, c) in pace.iter_mut().zip(line_costs(row)) {
                *p += c / n;
            }
        }
    }
    pace
}

fn used(
    sc: &Scenario,
    a: &Appropriation,
    mean: &[f64],
    projected: (Option<Date>, f64),
    draws: &[Drawdown],
    i: usize,
) -> AppropriationUse {
    let opening = opening_balance(a);
    let spent: f64 = mean.iter().sum();
    let balance = balances(opening, mean);
    let within = run_out_within(sc.start, opening, &balance);
    let (runs_out, unspent) = if within.is_some() { (within, 0.0) } else { projected };
    AppropriationUse {
        name: a.name.clone(),
        amount: a.amount,
        opening,
        from: a.from,
        until: a.until,
        lines: a.lines.iter().map(|l| l.name()).collect(),
        spent: Estimate::of(&draws.iter().map(|w| w.charged[i].iter().sum()).collect::<Vec<_>>()),
        by_quarter: quarters(sc.start, mean, opening),
        balance_end: (opening - spent).max(0.0),
        balance,
        runs_out,
        runs_out_projected: within.is_none() && runs_out.is_some(),
        unspent_at_lapse: unspent,
    }
}

/// The balance left at the end of each measured day after the mean charges (never below 0).
fn balances(opening: f64, mean: &[f64]) -> Vec<f64> {
    (mean.iter())
        .scan(opening, |left, c| {
            *left -= c;
            Some(left.max(0.0))
        })
        .collect()
}

/// The measured day the mean balance reaches zero, if it does.
fn run_out_within(start: Date, opening: f64, balance: &[f64]) -> Option<Date> {
    let empty = |b: &f64| opening > 0.0 && *b <= opening * 1e-12;
    balance.iter().position(empty).map(|d| start.plus(d as i32))
}

fn quarters(start: Date, mean: &[f64], opening: f64) -> Vec<QuarterSpend> {
    let mut out: Vec<QuarterSpend> = Vec::new();
    let mut last = None;
    let mut cumulative = 0.0;
    for (d, c) in mean.iter().enumerate() {
        let q = start.plus(d as i32).fiscal_year_quarter();
        if last != Some(q) {
            let quarter = format!("FY{} Q{}", q.0, q.1);
            out.push(QuarterSpend { quarter, days: 0, spent: 0.0, cumulative_share: 0.0 });
            last = Some(q);
        }
        cumulative += c;
        let cur = out.last_mut().expect("pushed above");
        cur.days += 1;
        cur.spent += c;
        cur.cumulative_share = if opening > 0.0 { cumulative / opening } else { 0.0 };
    }
    out
}

/// Mean and CI over replications of `f` on each replication's national days.
fn per_rep(reps: &[Vec<Row>], f: impl Fn(&[Row]) -> f64) -> Estimate {
    Estimate::of(&reps.iter().map(|r| f(r)).collect::<Vec<_>>())
}

/// Each replication's `num / den` over its measured days; `None` when a replication has
/// nothing to divide by.
fn ratio(
    reps: &[Vec<Row>],
    num: impl Fn(&Row) -> f64,
    den: impl Fn(&Row) -> f64,
) -> Option<Estimate> {
    let values: Option<Vec<f64>> = reps
        .iter()
        .map(|days| {
            let (n, d) = days.iter().fold((0.0, 0.0), |(n, d), r| (n + num(r), d + den(r)));
            (d > 0.0).then(|| n / d)
        })
        .collect();
    values.filter(|v| !v.is_empty()).map(|v| Estimate::of(&v))
}

fn unit_costs(reps: &[Vec<Row>]) -> UnitCosts {
    let sum = |r: &Row, ms: &[Metric]| ms.iter().map(|&m| r[m as usize]).sum::<f64>();
    let arrests = |r: &Row, chs: &[Channel]| {
        chs.iter().filter_map(|c| c.info().arrests).map(|m| r[m as usize]).sum::<f64>()
    };
    // ERO's own channels, from the registry: every interior channel ICE's officers make.
    let ero: Vec<Channel> =
        Channel::ALL.into_iter().filter(|c| c.info().agency == Agency::Ice).collect();
    let ero_cost = |r: &Row| r[Metric::CostPersonnel as usize];
    UnitCosts {
        per_removal: ratio(reps, |r| sum(r, &COSTS), |r| sum(r, &REMOVALS)),
        per_detained_day: ratio(
            reps,
            |r| line_costs(r)[CostLine::Detention.index()],
            |r| r[Metric::Detained as usize],
        ),
        per_arrest_ero: ratio(reps, ero_cost, |r| arrests(r, &ero)),
        per_arrest_partner: ratio(
            reps,
            |r| r[Metric::CostPartners as usize],
            |r| arrests(r, &[Channel::Partner]),
        ),
        per_arrest_bp_details: ratio(
            reps,
            |r| r[Metric::CostBorderPatrol as usize],
            |r| arrests(r, &[Channel::BorderPatrolInterior]),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit;

    fn money(
        name: &str,
        amount: f64,
        from: Date,
        until: Date,
        lines: &[CostLine],
    ) -> Appropriation {
        Appropriation {
            name: name.into(),
            amount,
            share_modelled: 1.0,
            obligated_before: 0.0,
            from,
            until,
            lines: lines.to_vec(),
        }
    }

    /// `days` rows spending `beds` on detention and `flights` on transport every day.
    fn rows(days: usize, beds: f64, flights: f64) -> Vec<Row> {
        let mut r = [0.0; METRIC_COUNT];
        r[Metric::CostBeds as usize] = beds;
        r[Metric::CostFlights as usize] = flights;
        vec![r; days]
    }

    #[test]
    fn expiring_money_is_spent_first_and_the_rest_is_unfunded() {
        let mut sc = testkit::tiny();
        let (s, d) = (sc.start, 100);
        sc.days = d as u32;
        // Multi-year money listed first, annual money lapsing on day 39: the annual pays
        // first whatever the order in the file.
        sc.appropriations = vec![
            money("multi-year", 500.0, s, s.plus(2000), &[CostLine::Detention]),
            money("annual", 300.0, s, s.plus(39), &[CostLine::Detention, CostLine::Transport]),
        ];
        let w = draw_down(&sc, &rows(d, 10.0, 2.0));
        // Annual: 12/day for 25 days exhausts 300 (day 24), before it lapses.
        assert_eq!(w.charged[1].iter().sum::<f64>(), 300.0);
        assert_eq!(w.charged[1][24], 12.0);
        assert_eq!(w.charged[1][25], 0.0);
        assert_eq!(w.charged[0][24], 0.0);
        // From day 25 detention falls on the multi-year money: 75 days x 10 = 750 > 500, so
        // it runs dry after 50 days (day 74); transport has nothing after day 24.
        assert_eq!(w.charged[0].iter().sum::<f64>(), 500.0);
        assert_eq!(w.charged[0][74], 10.0);
        assert_eq!(w.charged[0][75], 0.0);
        let unfunded: f64 = w.unfunded.iter().map(|u| u.iter().sum::<f64>()).sum();
        let spent = 12.0 * d as f64;
        assert!((unfunded - (spent - 800.0)).abs() < 1e-9, "{unfunded}");
    }

    #[test]
    fn run_out_dates_within_the_run_and_projected() {
        let mut sc = testkit::tiny();
        let (s, d) = (sc.start, 100);
        sc.days = d as u32;
        let end = s.plus(d as i32 - 1);
        // 10/day: 550 runs out on day 54.
        let within = |opening| run_out_within(s, opening, &balances(opening, &vec![10.0; d]));
        assert_eq!(within(550.0), Some(s.plus(54)));
        assert_eq!(within(5_000.0), None);
        let mut pace = [0.0; CostLine::COUNT];
        pace[CostLine::Detention.index()] = 10.0;
        // 4,000 left after 100 days; at 10/day 400 more days → day 99 + 400.
        sc.appropriations = vec![money("a", 5_000.0, s, s.plus(10_000), &[CostLine::Detention])];
        assert_eq!(project(&sc, vec![4_000.0], pace, end), vec![(Some(s.plus(499)), 0.0)]);
        // Lapsing on day 199: 100 more days spend 1,000 of the 4,000; 3,000 unspent.
        sc.appropriations = vec![money("b", 5_000.0, s, s.plus(199), &[CostLine::Detention])];
        assert_eq!(project(&sc, vec![4_000.0], pace, end), vec![(None, 3_000.0)]);
    }

    #[test]
    fn annual_money_lapses_and_the_line_falls_on_multi_year_money() {
        let mut sc = testkit::tiny();
        let s = sc.start;
        let end = s.plus(99);
        let mut pace = [0.0; CostLine::COUNT];
        pace[CostLine::Detention.index()] = 10.0;
        sc.appropriations = vec![
            money("multi-year", 1_000.0, s, s.plus(5_000), &[CostLine::Detention]),
            money("annual", 1_000.0, s, s.plus(149), &[CostLine::Detention]),
        ];
        // The annual pays days 100–149 (500) and lapses with 500 unspent; the multi-year
        // money, untouched until then, pays from day 150 and lasts 100 days (to day 249).
        let fates = project(&sc, vec![1_000.0, 1_000.0], pace, end);
        assert_eq!(fates, vec![(Some(s.plus(249)), 0.0), (None, 500.0)]);
        // Lapsing on the same day, the one first in the file pays first: the multi-year
        // money runs dry on day 199, then the other on day 299.
        sc.appropriations[1].until = s.plus(5_000);
        let fates = project(&sc, vec![1_000.0, 1_000.0], pace, end);
        assert_eq!(fates, vec![(Some(s.plus(199)), 0.0), (Some(s.plus(299)), 0.0)]);
    }

    /// Every ICE channel's arrests count in the ERO cost per arrest, the check-in arrests
    /// too (the list comes from the channel registry, not by hand).
    #[test]
    fn the_ero_cost_per_arrest_counts_every_ice_channel() {
        let mut row = [0.0; METRIC_COUNT];
        row[Metric::CostPersonnel as usize] = 1_000.0;
        for c in Channel::ALL {
            if let Some(m) = c.info().arrests {
                row[m as usize] = 1.0;
            }
        }
        let ice = Channel::ALL
            .into_iter()
            .filter(|c| c.info().agency == Agency::Ice && c.info().arrests.is_some())
            .count();
        assert!(Channel::Checkin.info().agency == Agency::Ice);
        let u = unit_costs(&[vec![row]]);
        let per = u.per_arrest_ero.expect("arrests and cost").mean;
        assert!((per - 1_000.0 / ice as f64).abs() < 1e-9, "{per} with {ice} ICE channels");
    }

    #[test]
    fn fiscal_quarters_start_in_october() {
        let q = |y, m, d| Date::from_ymd(y, m, d).unwrap().fiscal_year_quarter();
        assert_eq!(q(2025, 10, 1), (2026, 1));
        assert_eq!(q(2025, 12, 31), (2026, 1));
        assert_eq!(q(2026, 1, 1), (2026, 2));
        assert_eq!(q(2026, 4, 1), (2026, 3));
        assert_eq!(q(2026, 9, 30), (2026, 4));
        let qs = quarters(Date::from_ymd(2025, 12, 30).unwrap(), &[1.0, 2.0, 3.0], 12.0);
        assert_eq!(qs.len(), 2, "{qs:?}");
        assert_eq!((qs[0].quarter.as_str(), qs[0].days, qs[0].spent), ("FY2026 Q1", 2, 3.0));
        assert_eq!((qs[1].quarter.as_str(), qs[1].days, qs[1].spent), ("FY2026 Q2", 1, 3.0));
        assert_eq!(qs[1].cumulative_share, 0.5);
    }

    #[test]
    fn both_solvers_charge_the_same_lines() {
        let sc = testkit::tiny();
        let opts = crate::run::RunOptions { replications: Some(3), ..Default::default() };
        let des = budget(&crate::run::run(&sc, opts).unwrap());
        let fluid = budget(&crate::fluid::run(&sc));
        assert_eq!(des.appropriations.len(), 1);
        for (a, b) in des.lines.iter().zip(&fluid.lines) {
            let tol = 0.05 * b.spent.mean.max(1.0);
            assert!((a.spent.mean - b.spent.mean).abs() < tol, "{}: {a:?} vs {b:?}", a.line);
        }
        let (a, b) = (&des.appropriations[0], &fluid.appropriations[0]);
        assert!((a.spent.mean - b.spent.mean).abs() < 0.05 * b.spent.mean, "{a:?} vs {b:?}");
        // What the appropriation paid is what its lines cost (it never ran out here).
        let paid: f64 = fluid.lines.iter().take(3).map(|l| l.spent.mean).sum();
        assert!(b.opening > paid, "{b:?}");
        assert!((b.spent.mean - paid).abs() < 1e-6 * paid, "{} vs {paid}", b.spent.mean);
        let per_day = fluid.unit_costs.per_detained_day.unwrap().mean;
        let rate = sc.costs.bed_day.iter().cloned().fold(f64::MAX, f64::min);
        assert!(per_day >= rate, "{per_day} vs cheapest bed-day {rate}");
    }
}

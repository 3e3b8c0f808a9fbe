//! What `caseload allocate` (and the Python package's `allocate`) write and show: the
//! DES confirmation, frontier.csv, allocation.json and the report page.

use model::Scenario;

use super::{Allocation, Lever, Options};

/// The DES check of the full budget's splits, with common random numbers: each split's
/// paired change of the objective against nothing bought, and the best split's paired
/// advantage over each runner-up — `[mean, lo, hi]`, 95% intervals over the scenario's
/// replications.
#[derive(Clone, Debug, PartialEq)]
pub struct Confirmation {
    /// Best split − nothing bought.
    pub best: [f64; 3],
    /// Per runner-up (in [`super::FrontierPoint::runners_up`] order): its change against
    /// nothing bought, and the best split minus it (sign-adjusted so that positive means
    /// the best is better, also when minimising).
    pub runners_up: Vec<([f64; 3], [f64; 3])>,
}

/// Runs nothing bought, the best split and each runner-up at the full budget in the DES.
pub fn confirm(
    sc: &model::Scenario,
    opts: &Options,
    a: &Allocation,
) -> Result<Confirmation, model::RunError> {
    let point = a.frontier.last().expect("a frontier point");
    let values = |units: &[f64]| -> Result<Vec<f64>, model::RunError> {
        let mut bought = sc.clone();
        for (l, u) in a.levers.iter().zip(units) {
            l.apply(&mut bought, *u);
        }
        let r = model::run(&bought, model::RunOptions::default())?;
        Ok(r.national(&opts.objective).map(|m| m.values.clone()).unwrap_or_default())
    };
    let paired = |x: &[f64], y: &[f64], sign: f64| {
        let d: Vec<f64> = x.iter().zip(y).map(|(x, y)| sign * (y - x)).collect();
        let e = model::Estimate::of(&d);
        [e.mean, e.ci95[0], e.ci95[1]]
    };
    let nothing = values(&vec![0.0; a.levers.len()])?;
    let best = values(&point.best.units)?;
    let sign = if opts.minimise { -1.0 } else { 1.0 };
    let mut runners_up = Vec::new();
    for c in &point.runners_up {
        let other = values(&c.units)?;
        runners_up.push((paired(&nothing, &other, 1.0), paired(&other, &best, sign)));
    }
    Ok(Confirmation { best: paired(&nothing, &best, 1.0), runners_up })
}

/// frontier.csv's text: one row per budget of the frontier.
pub fn frontier_csv(a: &Allocation) -> String {
    let names: Vec<&str> = a.levers.iter().map(|l| l.name()).collect();
    let mut out = String::from("budget_usd,objective");
    for n in &names {
        out += &format!(",share_{n},units_{n},marginal_{n}_per_million_usd");
    }
    out.push('\n');
    for p in &a.frontier {
        out += &format!("{},{}", p.budget, p.best.objective);
        for i in 0..names.len() {
            out +=
                &format!(",{},{},{}", p.best.shares[i], p.best.units[i], p.marginal_per_million[i]);
        }
        out.push('\n');
    }
    out
}

/// allocation.json: the levers with their unit costs and lead times, the frontier with
/// each budget's split, marginal values and binding lever, and the DES confirmation.
pub fn allocation_json(
    opts: &Options,
    a: &Allocation,
    confirm: Option<&Confirmation>,
    seconds: f64,
) -> serde_json::Value {
    let lever = |i: usize, l: &Lever| serde_json::json!({ "lever": l.name(), "unit": l.unit(), "unit_cost_usd": a.unit_costs[i], "lead_days": l.lead_days() });
    let frontier: Vec<serde_json::Value> = a
        .frontier
        .iter()
        .map(|p| {
            serde_json::json!({
                "budget_usd": p.budget, "objective": p.best.objective, "shares": p.best.shares,
                "units": p.best.units, "marginal_per_million_usd": p.marginal_per_million,
                "binding": binding(a, &p.marginal_per_million, opts.minimise),
                "fluid_runs": p.evaluations,
            })
        })
        .collect();
    serde_json::json!({
        "objective": opts.objective, "minimise": opts.minimise, "budget_usd": opts.budget,
        "levers": a.levers.iter().enumerate().map(|(i, l)| lever(i, l)).collect::<Vec<_>>(),
        "status_quo": a.status_quo, "frontier": frontier,
        "des_confirmation": confirm.map(|c| confirmation_json(a, c)),
        "search_seconds": seconds,
    })
}

/// `{difference, ci95, runners_up: [{shares, units, objective, difference, ci95,
/// best_minus_this: {difference, ci95}}]}`.
fn confirmation_json(a: &Allocation, c: &Confirmation) -> serde_json::Value {
    let est = |[m, lo, hi]: [f64; 3]| serde_json::json!({ "difference": m, "ci95": [lo, hi] });
    let point = a.frontier.last().expect("a frontier point");
    let runners: Vec<serde_json::Value> = point
        .runners_up
        .iter()
        .zip(&c.runners_up)
        .map(|(cand, (vs_nothing, best_minus))| {
            let mut v = est(*vs_nothing);
            v["shares"] = serde_json::json!(cand.shares);
            v["units"] = serde_json::json!(cand.units);
            v["objective"] = serde_json::json!(cand.objective);
            v["best_minus_this"] = est(*best_minus);
            v
        })
        .collect();
    let mut v = est(c.best);
    v["runners_up"] = serde_json::json!(runners);
    v
}

/// The lever whose next dollar moves the objective most the right way.
pub fn binding(a: &Allocation, marginal: &[f64], minimise: bool) -> &'static str {
    binding_index(marginal, minimise).map_or("none", |i| a.levers[i].name())
}

/// The index of that lever (`None` with no levers).
fn binding_index(marginal: &[f64], minimise: bool) -> Option<usize> {
    let sign = if minimise { -1.0 } else { 1.0 };
    (0..marginal.len()).max_by(|&i, &j| (sign * marginal[i]).total_cmp(&(sign * marginal[j])))
}

/// The allocation's report page (frontier, split per budget, binding lever, the DES
/// check), for `caseload allocate` to write as report.html.
pub fn report_page(
    sc: &Scenario,
    opts: &Options,
    a: &Allocation,
    confirmed: Option<&Confirmation>,
    command: &str,
) -> output::report::studies::AllocationPage {
    use output::report::studies::{AllocationPage, BudgetPoint, LeverInfo, RunnerUp};
    let point = a.frontier.last().expect("a frontier point");
    AllocationPage {
        scenario: sc.name.clone(),
        objective: opts.objective.clone(),
        minimise: opts.minimise,
        status_quo: a.status_quo,
        levers: a
            .levers
            .iter()
            .zip(&a.unit_costs)
            .map(|(l, c)| LeverInfo { name: l.name().into(), unit: l.unit().into(), unit_cost: *c })
            .collect(),
        points: a
            .frontier
            .iter()
            .map(|p| BudgetPoint {
                budget: p.budget,
                objective: p.best.objective,
                units: p.best.units.clone(),
                marginal_per_million: p.marginal_per_million.clone(),
                binding: binding_index(&p.marginal_per_million, opts.minimise),
            })
            .collect(),
        confirmed: confirmed.map(|c| c.best),
        runners_up: confirmed.map_or_else(Vec::new, |c| {
            point
                .runners_up
                .iter()
                .zip(&c.runners_up)
                .map(|(cand, (vs_nothing, best_minus))| RunnerUp {
                    units: cand.units.clone(),
                    objective: cand.objective,
                    vs_nothing: *vs_nothing,
                    best_minus_this: *best_minus,
                })
                .collect()
        }),
        command: command.to_string(),
    }
}

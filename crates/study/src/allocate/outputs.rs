//! What `caseload allocate` (and the Python package's `allocate`) write and show: the
//! DES confirmation, frontier.csv, allocation.json and the report page.

use model::Scenario;

use super::{Allocation, Lever, Options};

/// The DES's paired difference (best split − nothing bought) of the objective: mean and
/// 95% interval over the scenario's replications.
pub fn confirm(
    sc: &model::Scenario,
    opts: &Options,
    a: &Allocation,
) -> Result<[f64; 3], model::RunError> {
    let best = &a.frontier.last().expect("a frontier point").best;
    let mut bought = sc.clone();
    for (l, u) in a.levers.iter().zip(&best.units) {
        l.apply(&mut bought, *u);
    }
    let run = |s: &model::Scenario| model::run(s, model::RunOptions::default());
    let (before, after) = (run(sc)?, run(&bought)?);
    let values = |r: &model::RunResult| {
        r.national(&opts.objective).map(|m| m.values.clone()).unwrap_or_default()
    };
    let diffs: Vec<f64> = values(&before).iter().zip(values(&after)).map(|(x, y)| y - x).collect();
    let e = model::Estimate::of(&diffs);
    Ok([e.mean, e.ci95[0], e.ci95[1]])
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
    confirm: Option<[f64; 3]>,
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
        "des_confirmation": confirm.map(|[m, lo, hi]| serde_json::json!({ "difference": m, "ci95": [lo, hi] })),
        "search_seconds": seconds,
    })
}

/// The lever whose next dollar moves the objective most the right way.
pub fn binding(a: &Allocation, marginal: &[f64], minimise: bool) -> &'static str {
    let sign = if minimise { -1.0 } else { 1.0 };
    let best =
        (0..marginal.len()).max_by(|&i, &j| (sign * marginal[i]).total_cmp(&(sign * marginal[j])));
    best.map_or("none", |i| a.levers[i].name())
}

/// The allocation's report page (frontier, split per budget, binding lever, the DES
/// check), for `caseload allocate` to write as report.html.
pub fn report_page(
    sc: &Scenario,
    opts: &Options,
    a: &Allocation,
    confirmed: Option<[f64; 3]>,
    command: &str,
) -> output::report::studies::AllocationPage {
    use output::report::studies::{AllocationPage, BudgetPoint, LeverInfo};
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
            })
            .collect(),
        confirmed,
        command: command.to_string(),
    }
}

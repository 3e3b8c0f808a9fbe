//! The pages of the studies: which assumptions drive each answer (`caseload sensitivity`:
//! tornado charts of the indices) and what a budget buys best (`caseload allocate`: the
//! frontier). Same look and self-contained rules as the run report; the commands fill the
//! plain structs below from their results and write `report.html` next to their tables.

use std::fmt::Write;

use crate::report::html::shell;
use crate::report::svg::{self, BarSeries, Fmt, esc};
use crate::units::{Style, Unit};

/// Bars drawn per measure: the groups with the largest indices.
pub const TOP_GROUPS: usize = 12;

/// Which estimator a sensitivity page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IndexKind {
    /// Sobol total (ST) and first-order (S1) indices with bootstrap 95% intervals.
    Sobol,
    /// Morris μ* and σ (no intervals).
    Morris,
}

/// One factor group's indices for one measure: `[value, lo, hi]` each (Morris: `lo = hi =
/// value`). `main` is ST or μ*, `other` S1 or σ.
#[derive(Clone, Debug, PartialEq)]
pub struct IndexBar {
    /// Factor group.
    pub group: String,
    /// ST (Sobol) or μ* (Morris).
    pub main: [f64; 3],
    /// S1 (Sobol) or σ (Morris).
    pub other: [f64; 3],
}

/// A measure's drivers.
#[derive(Clone, Debug, PartialEq)]
pub struct Drivers {
    /// Measure key.
    pub measure: String,
    /// One bar per factor group, any order (the page sorts).
    pub bars: Vec<IndexBar>,
}

/// A measure's 5–50–95% points over the study's runs.
#[derive(Clone, Debug, PartialEq)]
pub struct SpreadRow {
    /// Measure key.
    pub measure: String,
    /// 5th, 50th, 95th percentiles.
    pub points: [f64; 3],
    /// Runs they are taken over.
    pub runs: usize,
}

/// Everything the sensitivity page shows.
#[derive(Clone, Debug, PartialEq)]
pub struct SensitivityPage {
    /// Scenario name.
    pub scenario: String,
    /// Estimator.
    pub kind: IndexKind,
    /// Base samples (Sobol) or trajectories (Morris).
    pub samples: usize,
    /// Runs that finished.
    pub runs: usize,
    /// Solver of the runs (`fluid` or `des`).
    pub mode: String,
    /// Factor groups.
    pub groups: usize,
    /// One entry per measure.
    pub drivers: Vec<Drivers>,
    /// Spread of each measure over the runs.
    pub spreads: Vec<SpreadRow>,
    /// The command that made it.
    pub command: String,
}

/// The sensitivity page.
pub fn sensitivity_page(p: &SensitivityPage) -> String {
    let (main, other) = match p.kind {
        IndexKind::Sobol => ("total index ST", "first-order index S1"),
        IndexKind::Morris => ("μ* (mean |elementary effect|)", "σ (spread of effects)"),
    };
    let mut s = String::new();
    let _ = write!(
        s,
        "<h1>Which assumptions drive each answer: {}</h1><p class=\"meta\">{} study, {} \
         {}, {} {} runs over {} assumption groups; <code>{}</code>.</p>",
        esc(&p.scenario),
        if p.kind == IndexKind::Sobol { "Sobol" } else { "Morris" },
        p.samples,
        if p.kind == IndexKind::Sobol { "base samples" } else { "trajectories" },
        p.runs,
        esc(&p.mode),
        p.groups,
        esc(&p.command)
    );
    s += "<nav>";
    for d in &p.drivers {
        let _ = write!(s, "<a href=\"#m-{0}\">{0}</a> ", esc(&d.measure));
    }
    s += "<a href=\"#spread\">range over the assumptions</a></nav>";
    for (i, d) in p.drivers.iter().enumerate() {
        let mut bars: Vec<&IndexBar> = d.bars.iter().collect();
        bars.sort_by(|a, b| b.main[0].total_cmp(&a.main[0]).then(a.group.cmp(&b.group)));
        bars.truncate(TOP_GROUPS);
        let categories: Vec<String> = bars.iter().map(|b| b.group.clone()).collect();
        let series = [
            BarSeries {
                label: main.into(),
                colour: svg::RUN_COLOURS[0],
                values: bars.iter().map(|b| (b.main[0], b.main[1], b.main[2])).collect(),
            },
            BarSeries {
                label: other.into(),
                colour: svg::RUN_COLOURS[1],
                values: bars.iter().map(|b| (b.other[0], b.other[1], b.other[2])).collect(),
            },
        ];
        let unit = Unit::of(&d.measure);
        let label = |x: f64| match p.kind {
            IndexKind::Sobol => format!("{x:.2}"),
            IndexKind::Morris => Style::new(unit, x).show(x),
        };
        let _ = write!(s, "<h2 id=\"m-{}\">{}</h2>", esc(&d.measure), esc(&d.measure));
        let chart = svg::bars(
            &format!("tornado-{i}"),
            &format!("{}: the {} assumption groups that move it most", d.measure, bars.len()),
            match p.kind {
                IndexKind::Sobol => "share of the measure's variance (whiskers: bootstrap 95%)",
                IndexKind::Morris => "effect on the measure, its own unit",
            },
            Fmt::Count,
            &categories,
            &series,
            &label,
        );
        let caption = match p.kind {
            IndexKind::Sobol => {
                "ST: the share of the measure's variance that goes away if the group were \
                 known exactly (its effect alone and in interaction); S1: its effect alone. \
                 ST well above S1 means the group matters through interactions."
            }
            IndexKind::Morris => {
                "μ*: the mean absolute change in the measure when the group moves by one grid \
                 step across its range (screening); σ large against μ* means non-linear or \
                 interacting."
            }
        };
        let _ = write!(s, "<figure>{chart}<figcaption>{caption}</figcaption></figure>");
    }
    spread_table(&mut s, &p.spreads);
    let _ = write!(
        s,
        "<footer><p>Made by <code>{}</code>. Indices are over the assumption ranges the \
         scenario states; a model of aggregate flows on synthetic cases.</p></footer>",
        esc(&p.command)
    );
    shell(&format!("caseload sensitivity: {}", p.scenario), &s)
}

fn spread_table(s: &mut String, rows: &[SpreadRow]) {
    s.push_str(
        "<h2 id=\"spread\">Range of each answer over the assumptions</h2><p>The 5th, 50th and \
         95th percentile of each measure over the study's independent runs (the design's \
         own points: every assumption drawn uniformly across its stated range).</p>\
         <div class=\"wrap\"><table><thead><tr><th>measure</th><th class=\"n\">5%</th>\
         <th class=\"n\">50%</th><th class=\"n\">95%</th><th class=\"n\">runs</th></tr>\
         </thead><tbody>",
    );
    for r in rows {
        let style = Style::new(Unit::of(&r.measure), r.points[1]);
        let _ = write!(
            s,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            esc(&r.measure),
            style.show(r.points[0]),
            style.show(r.points[1]),
            style.show(r.points[2]),
            r.runs
        );
    }
    s.push_str("</tbody></table></div>");
}

/// One lever of an allocation.
#[derive(Clone, Debug, PartialEq)]
pub struct LeverInfo {
    /// Name (`beds`).
    pub name: String,
    /// What a unit is (`contract beds`).
    pub unit: String,
    /// US$ per unit over the horizon.
    pub unit_cost: f64,
}

/// The best split at one budget.
#[derive(Clone, Debug, PartialEq)]
pub struct BudgetPoint {
    /// US$.
    pub budget: f64,
    /// The objective's fluid value at the best split.
    pub objective: f64,
    /// Units bought per lever.
    pub units: Vec<f64>,
    /// Change of the objective per extra US$ million on each lever.
    pub marginal_per_million: Vec<f64>,
    /// The lever the next dollar buys most on (index into the levers), as the study
    /// decided it.
    pub binding: Option<usize>,
}

/// A runner-up split at the full budget and its DES check.
#[derive(Clone, Debug, PartialEq)]
pub struct RunnerUp {
    /// Units bought per lever.
    pub units: Vec<f64>,
    /// Its fluid objective.
    pub objective: f64,
    /// DES: it − nothing bought, `[mean, lo, hi]`.
    pub vs_nothing: [f64; 3],
    /// DES: best − it (positive: the best is better), `[mean, lo, hi]`.
    pub best_minus_this: [f64; 3],
}

/// Everything the allocation page shows.
#[derive(Clone, Debug, PartialEq)]
pub struct AllocationPage {
    /// Scenario name.
    pub scenario: String,
    /// Objective measure.
    pub objective: String,
    /// Minimised rather than maximised.
    pub minimise: bool,
    /// The objective with nothing bought (fluid).
    pub status_quo: f64,
    /// The levers, in column order.
    pub levers: Vec<LeverInfo>,
    /// The frontier, budgets ascending.
    pub points: Vec<BudgetPoint>,
    /// The DES's paired change (best split at the full budget − nothing): mean, lo, hi.
    pub confirmed: Option<[f64; 3]>,
    /// The next best splits at the full budget, checked in the DES.
    pub runners_up: Vec<RunnerUp>,
    /// The command that made it.
    pub command: String,
}

/// The allocation page: the split and the objective along the frontier, and which lever
/// the next dollar should go to.
pub fn allocation_page(p: &AllocationPage) -> String {
    let unit = Unit::of(&p.objective);
    let show = |x: f64| Style::new(unit, x).show(x);
    let usd = |x: f64| Style::new(Unit::Usd, x).show(x);
    let mut s = String::new();
    let _ = write!(
        s,
        "<h1>What a budget buys best: {}</h1><p class=\"desc\">{} <b>{}</b> with up to {} \
         over the levers {}; with nothing bought it is {} (fluid).</p><p class=\"meta\">\
         <code>{}</code></p>",
        esc(&p.scenario),
        if p.minimise { "Minimising" } else { "Maximising" },
        esc(&p.objective),
        usd(p.points.last().map_or(0.0, |b| b.budget)),
        esc(&p.levers.iter().map(|l| l.name.as_str()).collect::<Vec<_>>().join(", ")),
        show(p.status_quo),
        esc(&p.command)
    );
    let categories: Vec<String> = p.points.iter().map(|b| usd(b.budget)).collect();
    let series: Vec<BarSeries> = p
        .levers
        .iter()
        .enumerate()
        .map(|(i, l)| BarSeries {
            label: format!("{} ({})", l.name, l.unit),
            colour: svg::STACK_COLOURS[i % svg::STACK_COLOURS.len()],
            values: p
                .points
                .iter()
                .map(|b| {
                    let v = b.units.get(i).copied().unwrap_or(0.0) * l.unit_cost;
                    (v, v, v)
                })
                .collect(),
        })
        .collect();
    let split = svg::bars(
        "split",
        "The best split of each budget",
        "US dollars spent on each lever",
        Fmt::Usd,
        &categories,
        &series,
        &usd,
    );
    let gain = BarSeries {
        label: format!("{} gained over nothing bought (fluid)", p.objective),
        colour: svg::RUN_COLOURS[0],
        values: p
            .points
            .iter()
            .map(|b| {
                let g = if p.minimise {
                    p.status_quo - b.objective
                } else {
                    b.objective - p.status_quo
                };
                (g, g, g)
            })
            .collect(),
    };
    let frontier = svg::bars(
        "frontier",
        "The frontier: what each budget buys at its best split",
        &format!("{} better than with nothing bought", p.objective),
        Fmt::Count,
        &categories,
        &[gain],
        &show,
    );
    s += "<h2 id=\"frontier\">Frontier</h2>";
    let _ = write!(
        s,
        "<figure>{frontier}<figcaption>Each budget's best split found by the fluid search; \
         the gain flattens where the levers stop binding.</figcaption></figure>\
         <figure>{split}<figcaption>Spending per lever at each budget's best split.\
         </figcaption></figure>"
    );
    frontier_table(&mut s, p, &show, &usd);
    let _ = write!(
        s,
        "<footer><p>Made by <code>{}</code>. Unit costs and lead times come from the \
         scenario; the split is only as good as they are.</p></footer>",
        esc(&p.command)
    );
    shell(&format!("caseload allocate: {}", p.scenario), &s)
}

fn frontier_table(
    s: &mut String,
    p: &AllocationPage,
    show: &dyn Fn(f64) -> String,
    usd: &dyn Fn(f64) -> String,
) {
    s.push_str("<h2 id=\"table\">Splits and the binding constraint</h2><div class=\"wrap\"><table><thead><tr><th class=\"n\">budget</th>");
    let _ = write!(s, "<th class=\"n\">{}</th>", esc(&p.objective));
    for l in &p.levers {
        let _ = write!(s, "<th class=\"n\">{} ({})</th>", esc(&l.name), esc(&l.unit));
    }
    s.push_str("<th>next $1M buys most on</th></tr></thead><tbody>");
    for b in &p.points {
        let _ = write!(
            s,
            "<tr><td class=\"n\">{}</td><td class=\"n\">{}</td>",
            usd(b.budget),
            show(b.objective)
        );
        for u in &b.units {
            let _ = write!(s, "<td class=\"n\">{}</td>", Style::new(Unit::Count, *u).show(*u));
        }
        let best = b
            .binding
            .map(|i| format!("{} ({} per $1M)", p.levers[i].name, show(b.marginal_per_million[i])));
        let _ = write!(s, "<td>{}</td></tr>", esc(&best.unwrap_or_default()));
    }
    s.push_str("</tbody></table></div>");
    if let Some([m, lo, hi]) = p.confirmed {
        let _ = write!(
            s,
            "<p>Confirmed in the DES (common random numbers): the best split at the full \
             budget changes {} by <b>{}</b> [{}, {}] against nothing bought (paired 95% \
             interval of the random draws).</p>",
            esc(&p.objective),
            show(m),
            show(lo),
            show(hi)
        );
    }
    if !p.runners_up.is_empty() {
        s.push_str(
            "<p>The next best splits the fluid search found, run in the DES with the same \
             random numbers: whether the best is better than each (an interval that excludes \
             0), or the fluid's ranking is within the noise.</p><div class=\"wrap\"><table>\
             <thead><tr>",
        );
        for l in &p.levers {
            let _ = write!(s, "<th class=\"n\">{}</th>", esc(&l.name));
        }
        s.push_str(
            "<th class=\"n\">fluid</th><th class=\"n\">DES change vs nothing</th>\
             <th class=\"n\">best − this (DES, paired)</th></tr></thead><tbody>",
        );
        for r in &p.runners_up {
            s.push_str("<tr>");
            for u in &r.units {
                let _ = write!(s, "<td class=\"n\">{}</td>", Style::new(Unit::Count, *u).show(*u));
            }
            let [m, lo, hi] = r.vs_nothing;
            let [bm, blo, bhi] = r.best_minus_this;
            let _ = write!(
                s,
                "<td class=\"n\">{}</td><td class=\"n\">{} [{}, {}]</td>\
                 <td class=\"n\">{} [{}, {}]</td></tr>",
                show(r.objective),
                show(m),
                show(lo),
                show(hi),
                show(bm),
                show(blo),
                show(bhi)
            );
        }
        s.push_str("</tbody></table></div>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tornado_puts_the_largest_total_index_first_and_keeps_the_top_groups() {
        let bars = (0..20)
            .map(|i| IndexBar {
                group: format!("g{i:02}"),
                main: [f64::from(i) / 20.0; 3],
                other: [0.0; 3],
            })
            .collect();
        let page = SensitivityPage {
            scenario: "s".into(),
            kind: IndexKind::Sobol,
            samples: 8,
            runs: 80,
            mode: "fluid".into(),
            groups: 20,
            drivers: vec![Drivers { measure: "removals".into(), bars }],
            spreads: vec![SpreadRow {
                measure: "removals".into(),
                points: [1.0, 2.0, 3.0],
                runs: 16,
            }],
            command: "caseload sensitivity s".into(),
        };
        let html = sensitivity_page(&page);
        let first = html.find(">g19<").unwrap();
        assert!(first < html.find(">g18<").unwrap());
        assert!(html.contains(">g08<") && !html.contains(">g07<"), "top {TOP_GROUPS} only");
        assert!(html.starts_with("<!DOCTYPE html>") && html.contains("id=\"tornado-0\""));
    }

    #[test]
    fn the_frontier_names_the_lever_the_next_dollar_buys_most_on() {
        let page = AllocationPage {
            scenario: "s".into(),
            objective: "removals".into(),
            minimise: false,
            status_quo: 100.0,
            levers: vec![
                LeverInfo { name: "beds".into(), unit: "contract beds".into(), unit_cost: 10.0 },
                LeverInfo {
                    name: "flights".into(),
                    unit: "flights per week".into(),
                    unit_cost: 1e6,
                },
            ],
            points: vec![BudgetPoint {
                budget: 1e6,
                objective: 150.0,
                units: vec![5e4, 0.5],
                marginal_per_million: vec![3.0, 7.0],
                binding: Some(1),
            }],
            confirmed: Some([48.0, 40.0, 56.0]),
            runners_up: vec![RunnerUp {
                units: vec![4e4, 0.6],
                objective: 149.0,
                vs_nothing: [47.0, 39.0, 55.0],
                best_minus_this: [1.0, -0.5, 2.5],
            }],
            command: "caseload allocate s --budget 1e6".into(),
        };
        let html = allocation_page(&page);
        assert!(html.contains("flights (7 per $1M)"), "{html}");
        assert!(html.contains("id=\"frontier\"") && html.contains("id=\"split\""));
        assert!(html.contains("Confirmed in the DES"));
        assert!(html.contains("best − this (DES, paired)"), "the runners-up table");
    }
}

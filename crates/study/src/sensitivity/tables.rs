//! The tables a sensitivity study writes (indices, samples, spread) and study.json, built
//! once for every front-end: `caseload sensitivity` writes them as CSV and Parquet, the
//! Python package hands them to pyarrow.

use output::study_tables::Column;

use super::{Design, Evaluated, IndexRow, Indices, Spread, Study};

/// study.json's text: the study's settings, factors, groups, measures, how many runs
/// finished, the wall time and the `version` of the front-end that ran it.
pub fn study_json(study: &Study, ev: &Evaluated, wall_s: f64, version: &str) -> String {
    serde_json::json!({
        "scenario": study.base.name,
        "method": format!("{:?}", study.spec.method).to_lowercase(),
        "mode": format!("{:?}", study.spec.mode).to_lowercase(),
        "samples": study.spec.samples,
        "seed": study.spec.seed,
        "resamples": study.spec.resamples,
        "levels": study.spec.levels,
        "groups": study.groups,
        "factors": study.factors.iter().map(|f| serde_json::json!({
            "name": f.name, "group": f.group, "lo": f.lo, "hi": f.hi, "baseline": f.baseline,
        })).collect::<Vec<_>>(),
        "measures": study.measures.iter().map(|m| m.key).collect::<Vec<_>>(),
        "runs": study.design.rows(),
        "runs_finished": ev.finished(),
        "complete": ev.complete(),
        "wall_s": wall_s,
        "caseload_version": version,
    })
    .to_string()
}

/// samples: row, block (Saltelli base sample or Morris trajectory), one column per group
/// (its coordinate in [0, 1]) and one per measure; only finished runs.
pub fn sample_columns(study: &Study, ev: &Evaluated) -> Vec<Column> {
    let k = study.groups.len();
    let per_block = match study.design {
        Design::Sobol(_) => k + 2,
        Design::Morris(_) => k + 1,
    };
    let done: Vec<usize> = (0..ev.outputs.len()).filter(|r| ev.outputs[*r].is_some()).collect();
    let mut cols = vec![
        Column::UInt("row".into(), done.iter().map(|r| *r as u64).collect()),
        Column::UInt("block".into(), done.iter().map(|r| (r / per_block) as u64).collect()),
    ];
    for (g, name) in study.groups.iter().enumerate() {
        cols.push(Column::Float(
            format!("u:{name}"),
            done.iter().map(|r| study.design.row(*r)[g]).collect(),
        ));
    }
    for (mi, m) in study.measures.iter().enumerate() {
        let vals = done.iter().map(|r| ev.outputs[*r].as_ref().expect("finished")[mi]).collect();
        cols.push(Column::Float(m.key.to_string(), vals));
    }
    cols
}

/// spread: the 5th, 50th and 95th percentile of each measure over the finished runs.
pub fn spread_columns(spreads: &[Spread]) -> Vec<Column> {
    vec![
        Column::Text("measure".into(), spreads.iter().map(|s| s.measure.to_string()).collect()),
        Column::Float("p05".into(), spreads.iter().map(|s| s.p05).collect()),
        Column::Float("p50".into(), spreads.iter().map(|s| s.p50).collect()),
        Column::Float("p95".into(), spreads.iter().map(|s| s.p95).collect()),
        Column::UInt("runs".into(), spreads.iter().map(|s| s.runs as u64).collect()),
    ]
}

/// indices: parameter, measure, then S1, S1_lo, S1_hi, ST, ST_lo, ST_hi (Sobol) or mu,
/// mu_star, sigma (Morris).
pub fn index_columns(rows: &[IndexRow]) -> Vec<Column> {
    let mut cols = vec![
        Column::Text("parameter".into(), rows.iter().map(|r| r.parameter.clone()).collect()),
        Column::Text("measure".into(), rows.iter().map(|r| r.measure.to_string()).collect()),
    ];
    let f = |name: &str, get: &dyn Fn(&Indices) -> f64| {
        Column::Float(name.into(), rows.iter().map(|r| get(&r.indices)).collect())
    };
    match rows.first().map(|r| r.indices) {
        Some(Indices::Morris(_)) => {
            let m = |i: &Indices| match i {
                Indices::Morris(m) => *m,
                Indices::Sobol(_) => unreachable!("one method per study"),
            };
            cols.push(f("mu", &|i| m(i).mu));
            cols.push(f("mu_star", &|i| m(i).mu_star));
            cols.push(f("sigma", &|i| m(i).sigma));
        }
        _ => {
            let s = |i: &Indices| match i {
                Indices::Sobol(s) => *s,
                Indices::Morris(_) => unreachable!("one method per study"),
            };
            cols.push(f("S1", &|i| s(i).s1));
            cols.push(f("S1_lo", &|i| s(i).s1_lo));
            cols.push(f("S1_hi", &|i| s(i).s1_hi));
            cols.push(f("ST", &|i| s(i).st));
            cols.push(f("ST_lo", &|i| s(i).st_lo));
            cols.push(f("ST_hi", &|i| s(i).st_hi));
        }
    }
    cols
}

/// The study's report page (tornado charts of each measure's indices, the spread table),
/// for `caseload sensitivity` to write as report.html.
pub fn report_page(
    study: &Study,
    ev: &Evaluated,
    spreads: &[Spread],
    indices: &[IndexRow],
    command: &str,
) -> output::report::studies::SensitivityPage {
    use output::report::studies::{Drivers, IndexBar, IndexKind, SensitivityPage, SpreadRow};
    let triple = |x: f64, lo: f64, hi: f64| [x, lo, hi];
    let drivers = study
        .measures
        .iter()
        .map(|m| Drivers {
            measure: m.key.to_string(),
            bars: indices
                .iter()
                .filter(|r| r.measure == m.key)
                .map(|r| {
                    let (main, other) = match r.indices {
                        Indices::Sobol(s) => {
                            (triple(s.st, s.st_lo, s.st_hi), triple(s.s1, s.s1_lo, s.s1_hi))
                        }
                        Indices::Morris(x) => ([x.mu_star; 3], [x.sigma; 3]),
                    };
                    IndexBar { group: r.parameter.clone(), main, other }
                })
                .collect(),
        })
        .collect();
    let spreads = spreads
        .iter()
        .map(|s| SpreadRow {
            measure: s.measure.to_string(),
            points: [s.p05, s.p50, s.p95],
            runs: s.runs,
        })
        .collect();
    SensitivityPage {
        scenario: study.base.name.clone(),
        kind: match study.design {
            Design::Sobol(_) => IndexKind::Sobol,
            Design::Morris(_) => IndexKind::Morris,
        },
        samples: study.spec.samples,
        runs: ev.finished(),
        mode: format!("{:?}", study.spec.mode).to_lowercase(),
        groups: study.groups.len(),
        drivers,
        spreads,
        command: command.to_string(),
    }
}

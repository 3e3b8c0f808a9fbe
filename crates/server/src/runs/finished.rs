//! A finished run's results in the form the result endpoints answer from. Built once, when
//! the simulation ends, from the model's result; a run read back from the data directory
//! has the same struct, so `/daily`, `/scorecards` and `/report` take one code path and
//! answer the same bytes before and after a restart. It keeps less than the model's
//! result (no per-replication series or duration samples): what the report needs of those
//! is already in its [`ReportData`].

use model::{Daily, RunResult, ScorecardRow};
use output::report::ReportData;
use serde_json::Value;

/// A finished run's results.
pub struct Finished {
    /// Wall-clock seconds of the simulation.
    pub wall_s: f64,
    /// The headline measures (the `summary` of the run's status).
    pub summary: Value,
    /// Daily rows averaged over replications (`/daily`).
    pub daily: Daily,
    /// Office names, in the order of the daily table.
    pub offices: Vec<String>,
    /// The date of each measured day, `YYYY-MM-DD`.
    pub dates: Vec<String>,
    /// The quarterly office scorecards as JSON rows (`/scorecards`).
    pub scorecards: Value,
    /// The same rows as CSV (`/scorecards?format=csv`, the columns of scorecards.csv).
    pub scorecards_csv: String,
    /// What the HTML report draws (`/report`, also as another run's baseline).
    pub report: ReportData,
}

impl Finished {
    /// The results of a simulation of `loaded` that took `wall_s` seconds.
    pub fn of(result: &RunResult, wall_s: f64, loaded: &scenario::Loaded) -> Finished {
        let sc = &result.scenario;
        let meta = output::RunMeta { wall_s, caseload_version: env!("CARGO_PKG_VERSION") };
        let report = output::report::data(result, &meta, &loaded.into());
        Finished {
            wall_s,
            summary: crate::summary::summary(result, wall_s),
            daily: result.daily_mean.clone(),
            offices: sc.offices.iter().map(|o| o.name.clone()).collect(),
            dates: (0..result.daily_mean.days())
                .map(|t| sc.start.plus(t as i32).to_string())
                .collect(),
            scorecards: serde_json::to_value(&result.scorecards).unwrap_or(Value::Null),
            scorecards_csv: scorecards_csv(&result.scorecards),
            report,
        }
    }
}

/// The scorecards as CSV with a header line.
fn scorecards_csv(rows: &[ScorecardRow]) -> String {
    let mut out = String::from(
        "quarter,office,arrests,arrests_ci95_low,arrests_ci95_high,target,attainment,\
         attainment_ci95_low,attainment_ci95_high,no_record_share,rank,bottom_five_probability\n",
    );
    for r in rows {
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},{},{},{}\n",
            csv_cell(&r.quarter),
            csv_cell(&r.office),
            r.arrests.mean,
            r.arrests.ci95[0],
            r.arrests.ci95[1],
            r.target,
            r.attainment.mean,
            r.attainment.ci95[0],
            r.attainment.ci95[1],
            r.no_record_share.mean,
            r.rank,
            r.bottom_five_probability
        ));
    }
    out
}

/// A CSV cell, quoted when it must be.
pub(crate) fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

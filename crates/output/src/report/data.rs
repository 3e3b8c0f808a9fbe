//! `report-data.json`: everything the HTML report draws that the other files do not hold
//! (daily 95% bands, duration quantiles, population and beds by facility type, the
//! scenario's sources), plus the few tables it shows, so `caseload report RUN_DIR` needs
//! this one file.
//!
//! It is built from a [`RunResult`] in the process that ran the simulation, written next
//! to summary.json, and read back by the report. Values are rounded to five significant
//! digits: they are drawn, not recomputed, and the file stays a few hundred kilobytes for a
//! 25-office year.

use model::{FacilityKind, MEASURES, METRIC_COUNT, Metric, RunResult};
use serde::{Deserialize, Serialize};

use crate::RunMeta;
use crate::report::Provenance;
use crate::residents::{self, PER_RESIDENT};

/// Version of the file's layout; the reader refuses other versions with a clear message.
/// 2: stacks gained `detained_by_type`, and `beds_by_type` comes from the model's
/// records instead of the scenario's bed schedules. 3: `budget`. 4: series `beds_surge`,
/// `held_away`, `atd_*` and `docket_*`.
pub const FORMAT: u32 = 4;

/// The file's name inside a run directory.
pub const FILE_NAME: &str = "report-data.json";

/// Quantile levels of the duration curves: 0.02, 0.04, …, 0.98 and 0.99 (50 points).
pub fn quantile_levels() -> Vec<f64> {
    let mut q: Vec<f64> = (1..50).map(|i| i as f64 / 50.0).collect();
    q.push(0.99);
    q
}

/// Days over which noisy daily series (shares, small flows) are averaged.
pub const SMOOTH_DAYS: usize = 7;

/// Everything one run contributes to a report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportData {
    /// [`FORMAT`] of the writer.
    pub format: u32,
    /// What was run.
    pub run: RunInfo,
    /// National headline measures, in [`model::MEASURES`] order.
    pub headline: Vec<Headline>,
    /// National daily series with 95% bands over replications.
    pub series: Vec<Series>,
    /// Groups of daily means drawn stacked (beds by type, releases by reason, …).
    pub stacks: Vec<Stack>,
    /// Each office's daily arrests and target (means over replications).
    pub offices: Vec<OfficeSeries>,
    /// Duration distributions as quantile curves with 95% bands.
    pub durations: Vec<Distribution>,
    /// Cost by component over the run, US dollars.
    pub costs: Vec<Headline>,
    /// Spending against each appropriation available during the run.
    pub budget: Vec<Funding>,
    /// The quarterly office scorecards.
    pub scorecards: Vec<Scorecard>,
    /// Evidence for every number of the scenario (empty when the writer had none).
    pub sources: Vec<Source>,
    /// How a day's national interior arrests are distributed over the measured days of
    /// every replication (absent in files written before it was added).
    #[serde(default)]
    pub daily_arrests: DailyHistogram,
    /// Per-office measures the map colours the areas by (absent in older files).
    #[serde(default)]
    pub office_measures: Vec<OfficeMeasure>,
}

/// One measure of every office, in office order (the names are [`ReportData::offices`]').
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OfficeMeasure {
    /// Measure key (see `model::MEASURES`).
    pub key: String,
    /// Meaning and unit.
    pub doc: String,
    /// Mean over replications, per office.
    pub values: Vec<f64>,
}

/// The measures the map offers, first shown first.
pub const MAP_MEASURES: [&str; 6] = [
    "arrests_per_day",
    "adp",
    "removals",
    "no_record_share",
    "collateral_public_space_share",
    "target_attainment",
];

/// Days by their national interior arrests, in bins of [`DailyHistogram::BIN`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DailyHistogram {
    /// Share of replication-days with arrests in `[i × BIN, (i + 1) × BIN)`.
    pub shares: Vec<f64>,
}

impl DailyHistogram {
    /// Bin width, arrests per day (the chart merges bins into wider ones when it must).
    pub const BIN: f64 = 100.0;

    /// The histogram of `days` (each one day's national interior arrests).
    pub fn of(days: &[f64]) -> DailyHistogram {
        let bin = |x: f64| (x.max(0.0) / Self::BIN).floor() as usize;
        let n = days.iter().map(|x| bin(*x) + 1).max().unwrap_or(0);
        let mut shares = vec![0.0; n];
        for x in days {
            shares[bin(*x)] += 1.0;
        }
        let total = days.len().max(1) as f64;
        DailyHistogram { shares: shares.into_iter().map(|c| round5(c / total)).collect() }
    }
}

/// What was run, and by what.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunInfo {
    /// Scenario name.
    pub scenario: String,
    /// The question it answers.
    pub description: String,
    /// First measured day, `YYYY-MM-DD`.
    pub start: String,
    /// Measured days.
    pub days: u32,
    /// Replications run.
    pub replications: u32,
    /// Master seed.
    pub seed: u64,
    /// Version of caseload that ran it.
    pub caseload_version: String,
    /// Scenario files read, the loaded one first (empty when unknown).
    pub files: Vec<String>,
    /// Every invariant check passed in every replication.
    pub invariants_ok: bool,
    /// How the headline measures' ranges over the assumptions were taken (absent when
    /// they were not).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption_ranges: Option<RangesInfo>,
}

/// How a run's assumption ranges were taken (see `model::AssumptionRanges`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RangesInfo {
    /// Solver of the sampled runs.
    pub solver: String,
    /// Runs, one per point of the assumption ranges.
    pub samples: usize,
    /// Assumption groups drawn together.
    pub factor_groups: usize,
}

/// A mean with its two-sided 95% Student-t interval over replications.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Est {
    /// Mean over replications.
    pub mean: f64,
    /// `[lo, hi]`.
    pub ci95: [f64; 2],
}

impl From<model::Estimate> for Est {
    fn from(e: model::Estimate) -> Est {
        Est { mean: round5(e.mean), ci95: [round5(e.ci95[0]), round5(e.ci95[1])] }
    }
}

/// One appropriation against the run's spending (see [`model::budget::AppropriationUse`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Funding {
    /// Its name.
    pub name: String,
    /// US$ appropriated.
    pub amount: f64,
    /// US$ for the modelled lines at the run's start.
    pub opening: f64,
    /// First and last day available, `YYYY-MM-DD`.
    pub from: String,
    /// Last day available.
    pub until: String,
    /// The cost lines it pays for.
    pub lines: Vec<String>,
    /// US$ charged over the measured days.
    pub spent: Est,
    /// US$ charged by fiscal quarter: (`FY2026 Q1`, spent, cumulative share of the opening).
    pub quarters: Vec<(String, f64, f64)>,
    /// US$ left at the end of each measured day (mean).
    pub balance: Vec<f64>,
    /// The day it runs dry, if it does (within the run, or projected).
    pub runs_out: Option<String>,
    /// True if `runs_out` is a projection past the run's end.
    pub runs_out_projected: bool,
    /// US$ unspent when it lapses at the run's closing pace.
    pub unspent_at_lapse: f64,
}

impl From<&model::budget::AppropriationUse> for Funding {
    fn from(a: &model::budget::AppropriationUse) -> Funding {
        Funding {
            name: a.name.clone(),
            amount: a.amount,
            opening: round5(a.opening),
            from: a.from.to_string(),
            until: a.until.to_string(),
            lines: a.lines.iter().map(|l| l.to_string()).collect(),
            spent: a.spent.into(),
            quarters: (a.by_quarter.iter())
                .map(|q| (q.quarter.clone(), round5(q.spent), round5(q.cumulative_share)))
                .collect(),
            balance: a.balance.iter().map(|&b| round5(b)).collect(),
            runs_out: a.runs_out.map(|d| d.to_string()),
            runs_out_projected: a.runs_out_projected,
            unspent_at_lapse: round5(a.unspent_at_lapse),
        }
    }
}

/// One named estimate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Headline {
    /// Measure key or cost component (`cost_beds_usd`, …).
    pub key: String,
    /// Meaning and unit.
    pub doc: String,
    /// The estimate.
    #[serde(flatten)]
    pub estimate: Est,
    /// 5th and 95th percentiles over the assumption ranges, when they were taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption_5_95: Option<[f64; 2]>,
}

/// Daily values with a band: `mean[d]`, `lo[d]`, `hi[d]` for measured day `d`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Band {
    /// Means over replications.
    pub mean: Vec<f64>,
    /// Lower ends of the 95% intervals.
    pub lo: Vec<f64>,
    /// Upper ends of the 95% intervals.
    pub hi: Vec<f64>,
}

impl Band {
    fn push(&mut self, values: &[f64]) {
        let e = Est::from(model::Estimate::of(values));
        self.mean.push(e.mean);
        self.lo.push(e.ci95[0]);
        self.hi.push(e.ci95[1]);
    }
}

/// A national daily series (see [`SERIES`] for keys and meanings).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Series {
    /// Key, one of [`SERIES`].
    pub key: String,
    /// The values.
    #[serde(flatten)]
    pub band: Band,
}

/// A group of daily means meant to be stacked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stack {
    /// Key: `beds_by_type`, `detained_by_type`, `admissions`, `releases`, `removals`.
    pub key: String,
    /// The layers, bottom first.
    pub layers: Vec<Layer>,
}

/// One layer of a [`Stack`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Layer {
    /// Legend label.
    pub label: String,
    /// Daily means (people, or beds).
    pub values: Vec<f64>,
}

/// One office's arrests against its target.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OfficeSeries {
    /// Office name.
    pub office: String,
    /// Interior arrests per day, mean over replications.
    pub arrests: Vec<f64>,
    /// The office's target per day (0 = none).
    pub target: Vec<f64>,
    /// Interior arrests per day over the run.
    pub arrests_per_day: Est,
    /// Arrests / target over days with a target (0 when there never was one).
    pub attainment: Est,
}

/// A duration distribution: the `q`-quantile in days for each level of `q`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Distribution {
    /// `arrest_to_removal` or `length_of_stay`.
    pub key: String,
    /// Quantile levels (see [`quantile_levels`]).
    pub q: Vec<f64>,
    /// Days at each level: mean and 95% band over replications.
    #[serde(flatten)]
    pub days: Band,
    /// Observations per replication (mean).
    pub count: f64,
}

/// One office in one fiscal quarter (as scorecards.csv).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scorecard {
    /// Fiscal quarter, e.g. `FY2025Q3`.
    pub quarter: String,
    /// Office name.
    pub office: String,
    /// Interior arrests in the quarter.
    pub arrests: Est,
    /// Target for the quarter (0 = none).
    pub target: f64,
    /// Arrests / target.
    pub attainment: Est,
    /// No-record share of the quarter's arrests.
    pub no_record_share: Est,
    /// Rank by mean attainment (1 = best).
    pub rank: usize,
    /// Share of replications in the bottom five.
    pub bottom_five_probability: f64,
}

/// The evidence for one scenario number: the loader's own record, so the report's list of
/// sources cannot drift from what the scenario file says.
pub use scenario::SourceEntry as Source;

/// One national series of the report: its key, what it means, and how it is made from
/// the daily table — the one list the report data and its docs read.
pub struct SeriesDef {
    /// Key in `series[]`.
    pub key: &'static str,
    /// What the series means (docs/report.md).
    pub meaning: &'static str,
    value: Value,
    shape: Shape,
}

/// A day's number a series is made of.
#[derive(Clone, Copy)]
enum Value {
    Metric(Metric),
    /// All interior arrests ([`model::summary::INTERIOR_ARRESTS`]).
    Interior,
    /// Collateral and public-space arrests ([`model::Channel::PUBLIC_SPACE_ARRESTS`]).
    PublicSpace,
    /// People rejoining the at-large pools (in-absentia orders and ATD absconders).
    PoolRefill,
}

impl Value {
    fn of(self, row: &[f64; METRIC_COUNT]) -> f64 {
        let sum = |ms: &[Metric]| ms.iter().map(|m| row[*m as usize]).sum::<f64>();
        match self {
            Value::Metric(m) => row[m as usize],
            Value::Interior => sum(&model::summary::INTERIOR_ARRESTS),
            Value::PublicSpace => sum(&model::Channel::PUBLIC_SPACE_ARRESTS),
            Value::PoolRefill => sum(&[Metric::PoolRefillAbsentia, Metric::PoolRefillAbsconders]),
        }
    }
}

/// How the days' numbers become the series.
#[derive(Clone, Copy)]
enum Shape {
    /// The day's value (a stock at the end or start of the day, or a count).
    Level,
    /// The trailing [`SMOOTH_DAYS`]-day mean.
    Trailing,
    /// The trailing share of interior arrests.
    ShareOfInterior,
}

const fn level(key: &'static str, meaning: &'static str, value: Value) -> SeriesDef {
    SeriesDef { key, meaning, value, shape: Shape::Level }
}

const fn trailing(key: &'static str, meaning: &'static str, value: Value) -> SeriesDef {
    SeriesDef { key, meaning, value, shape: Shape::Trailing }
}

const fn share(key: &'static str, meaning: &'static str, value: Value) -> SeriesDef {
    SeriesDef { key, meaning, value, shape: Shape::ShareOfInterior }
}

/// The national series, in file order.
pub const SERIES: &[SeriesDef] = &[
    level(
        "interior_arrests",
        "interior arrests per day, all agencies and channels",
        Value::Interior,
    ),
    level(
        "target",
        "national interior arrest target per day (0 = none)",
        Value::Metric(Metric::Target),
    ),
    level("detained", "people detained at the end of the day", Value::Metric(Metric::Detained)),
    level("beds", "detention beds at the end of the day", Value::Metric(Metric::Beds)),
    level(
        "over_rated",
        "people held above their facilities' rated beds (surge), end of day",
        Value::Metric(Metric::OverRated),
    ),
    level(
        "awaiting_removal",
        "detained with an order, awaiting documents or transport, end of day",
        Value::Metric(Metric::AwaitingRemoval),
    ),
    level(
        "court_queue",
        "detained awaiting or in a detained-docket hearing, end of day",
        Value::Metric(Metric::CourtQueue),
    ),
    level(
        "bp_agent_days_inland",
        "Border Patrol agent-days spent inland, per day",
        Value::Metric(Metric::BpAgentDaysInland),
    ),
    level(
        "extra_gotaways",
        "gotaways caused by agents detailed inland, per day (expected)",
        Value::Metric(Metric::ExtraGotaways),
    ),
    share(
        "no_record_share",
        "share of interior arrests with no record, trailing 7 days",
        Value::Metric(Metric::ArrestsNoRecord),
    ),
    share(
        "collateral_public_space_share",
        "collateral + public-space share of arrests, trailing 7 days",
        Value::PublicSpace,
    ),
    trailing(
        "transfers_out_of_aor",
        "book-ins placed outside the home AOR, per day, trailing 7-day mean",
        Value::Metric(Metric::TransfersOutOfAor),
    ),
    trailing(
        "released_no_bed",
        "released because no bed was free, per day, trailing 7-day mean",
        Value::Metric(Metric::ReleasedNoBed),
    ),
    level(
        "beds_surge",
        "rated beds plus surge room (the most detention may hold), end of day",
        Value::Metric(Metric::BedsSurge),
    ),
    level(
        "held_away",
        "detained outside the arresting office's AOR, end of day",
        Value::Metric(Metric::HeldAway),
    ),
    level(
        "atd_participants",
        "people in alternatives to detention (ATD), end of day",
        Value::Metric(Metric::AtdParticipants),
    ),
    trailing(
        "atd_enrolled",
        "people released into ATD, per day, trailing 7-day mean",
        Value::Metric(Metric::AtdEnrolled),
    ),
    level(
        "docket_pending",
        "non-detained immigration-court cases pending, end of day",
        Value::Metric(Metric::DocketPending),
    ),
    trailing(
        "docket_completions",
        "non-detained court cases completed, per day, trailing 7-day mean",
        Value::Metric(Metric::DocketCompletions),
    ),
    trailing(
        "docket_in_absentia_orders",
        "removal orders issued in absentia, per day, trailing 7-day mean",
        Value::Metric(Metric::DocketInAbsentiaOrders),
    ),
    level(
        "at_large_pool",
        "people in the offices' reachable at-large pools, start of day",
        Value::Metric(Metric::AtLargePool),
    ),
    trailing(
        "pool_refill",
        "people joining the at-large pools after an in-absentia order or absconding from ATD, \
         per day, trailing 7-day mean",
        Value::PoolRefill,
    ),
];

impl SeriesDef {
    /// The series' 95% band over replications, day by day.
    fn band(&self, reps: &[Vec<[f64; METRIC_COUNT]>], days: usize) -> Band {
        let value = |row: &[f64; METRIC_COUNT]| self.value.of(row);
        match self.shape {
            Shape::Level => daily_band(reps, days, value),
            Shape::Trailing => trailing_ratio(reps, days, value, |_| 1.0),
            Shape::ShareOfInterior => {
                trailing_ratio(reps, days, value, |row| Value::Interior.of(row))
            }
        }
    }
}

/// Builds the report data of a run.
pub(crate) fn build(result: &RunResult, meta: &RunMeta, prov: &Provenance) -> ReportData {
    let sc = &result.scenario;
    let days = result.daily_mean.days();
    let reps = &result.national_daily;
    let series: Vec<Series> = SERIES
        .iter()
        .map(|def| Series { key: def.key.into(), band: def.band(reps, days) })
        .collect();

    let stacks = stacks(result, days);
    let all_days: Vec<f64> = reps.iter().flatten().map(|row| Value::Interior.of(row)).collect();
    let daily_arrests = DailyHistogram::of(&all_days);

    let offices = offices(result, days);

    let headline = result
        .national
        .iter()
        .map(|m| Headline {
            key: m.key.into(),
            doc: MEASURES.iter().find(|x| x.key == m.key).map_or("", |x| x.doc).into(),
            estimate: m.estimate.into(),
            assumption_5_95: result
                .assumption_ranges
                .as_ref()
                .and_then(|r| r.of(m.key))
                .map(|a| [round5(a.p05), round5(a.p95)]),
        })
        .collect();
    let costs = model::summary::COSTS
        .iter()
        .map(|m| {
            let totals: Vec<f64> =
                reps.iter().map(|rep| rep.iter().map(|row| row[*m as usize]).sum()).collect();
            Headline {
                key: m.name().into(),
                doc: m.doc().into(),
                estimate: model::Estimate::of(&totals).into(),
                assumption_5_95: None,
            }
        })
        .collect();

    ReportData {
        format: FORMAT,
        run: RunInfo {
            scenario: sc.name.clone(),
            description: sc.description.clone(),
            start: sc.start.to_string(),
            days: sc.days,
            replications: sc.replications,
            seed: sc.seed,
            caseload_version: meta.caseload_version.into(),
            files: prov.files.to_vec(),
            invariants_ok: result.invariants.iter().all(|i| i.all_ok()),
            assumption_ranges: result.assumption_ranges.as_ref().map(|r| RangesInfo {
                solver: r.solver.into(),
                samples: r.samples,
                factor_groups: r.factor_groups,
            }),
        },
        headline,
        series,
        stacks,
        offices,
        durations: durations(result),
        costs,
        budget: model::budget::budget(result).appropriations.iter().map(Funding::from).collect(),
        scorecards: result
            .scorecards
            .iter()
            .map(|r| Scorecard {
                quarter: r.quarter.clone(),
                office: r.office.clone(),
                arrests: r.arrests.into(),
                target: round5(r.target),
                attainment: r.attainment.into(),
                no_record_share: r.no_record_share.into(),
                rank: r.rank,
                bottom_five_probability: round5(r.bottom_five_probability),
            })
            .collect(),
        sources: prov.sources.to_vec(),
        daily_arrests,
        office_measures: office_measures(result, days),
    }
}

/// The map's measures: [`MAP_MEASURES`], then the rates per 100,000 foreign-born residents
/// (`crate::residents`) when the table knows every office of the run.
fn office_measures(result: &RunResult, days: usize) -> Vec<OfficeMeasure> {
    let mean = |o: &[model::MeasureEstimate], k: &str| {
        o.iter().find(|m| m.key == k).map_or(0.0, |m| m.estimate.mean)
    };
    let mut out: Vec<OfficeMeasure> = MAP_MEASURES
        .iter()
        .map(|k| OfficeMeasure {
            key: (*k).into(),
            doc: MEASURES.iter().find(|x| x.key == *k).map_or("", |x| x.doc).into(),
            values: result.offices.iter().map(|o| round5(mean(o, k))).collect(),
        })
        .collect();
    let residents: Option<Vec<f64>> =
        result.scenario.offices.iter().map(|o| residents::foreign_born(&o.name)).collect();
    if let Some(fb) = residents {
        out.extend(PER_RESIDENT.iter().map(|p| {
            OfficeMeasure {
                key: p.key.into(),
                doc: p.doc.into(),
                values: (result.offices.iter().zip(&fb))
                    .map(|(o, fb)| round5(residents::rate(mean(o, p.measure), p.scale, days, *fb)))
                    .collect(),
            }
        }));
    }
    out
}

/// The stacked charts: beds and detained by facility type, admissions, releases, removals.
fn stacks(result: &RunResult, days: usize) -> Vec<Stack> {
    let national = |m: Metric| -> Vec<f64> {
        (0..days).map(|d| round5(result.daily_mean.national(d, m))).collect()
    };
    let stack = |key: &str, layers: &[(&str, Metric)]| Stack {
        key: key.into(),
        layers: layers
            .iter()
            .map(|(label, m)| Layer { label: (*label).into(), values: national(*m) })
            .collect(),
    };
    let by_type = |key: &str, of: fn(FacilityKind) -> Metric| Stack {
        key: key.into(),
        layers: FacilityKind::ALL
            .iter()
            .map(|k| Layer { label: facility_label(*k).into(), values: national(of(*k)) })
            .collect(),
    };
    vec![
        by_type("beds_by_type", Metric::beds_in),
        by_type("detained_by_type", Metric::detained_in),
        stack(
            "admissions",
            &[("ICE-arrested", Metric::BookInsIce), ("CBP-arrested", Metric::BookInsCbp)],
        ),
        stack(
            "releases",
            &[
                ("at processing (not booked in)", Metric::ReleasedAtProcessing),
                ("no bed free", Metric::ReleasedNoBed),
                ("parole, recognizance", Metric::ReleasedParole),
                ("bond", Metric::ReleasedBond),
                ("relief or termination", Metric::ReleasedRelief),
                ("removal not foreseeable", Metric::ReleasedNotForeseeable),
            ],
        ),
        stack(
            "removals",
            &[
                ("land", Metric::RemovalsLand),
                ("charter flight", Metric::RemovalsFlight),
                ("voluntary departure", Metric::RemovalsVoluntary),
                ("direct from CBP", Metric::RemovalsDirect),
            ],
        ),
    ]
}

/// Each office's daily arrests and target, with its headline estimates.
fn offices(result: &RunResult, days: usize) -> Vec<OfficeSeries> {
    let find = |ms: &[model::MeasureEstimate], key: &str| {
        ms.iter()
            .find(|m| m.key == key)
            .map_or(Est { mean: 0.0, ci95: [0.0, 0.0] }, |m| Est::from(m.estimate))
    };
    result
        .scenario
        .offices
        .iter()
        .enumerate()
        .map(|(o, office)| OfficeSeries {
            office: office.name.clone(),
            arrests: (0..days)
                .map(|d| {
                    round5(
                        model::summary::INTERIOR_ARRESTS
                            .iter()
                            .map(|m| result.daily_mean.get(d, o, *m))
                            .sum(),
                    )
                })
                .collect(),
            target: (0..days)
                .map(|d| round5(result.daily_mean.get(d, o, Metric::Target)))
                .collect(),
            arrests_per_day: find(&result.offices[o], "arrests_per_day"),
            attainment: find(&result.offices[o], "target_attainment"),
        })
        .collect()
}

/// The 95% band of `f(row)` over replications, day by day.
fn daily_band(
    reps: &[Vec<[f64; METRIC_COUNT]>],
    days: usize,
    f: impl Fn(&[f64; METRIC_COUNT]) -> f64,
) -> Band {
    let mut band = Band::default();
    let mut xs = Vec::with_capacity(reps.len());
    for d in 0..days {
        xs.clear();
        xs.extend(reps.iter().map(|rep| f(&rep[d])));
        band.push(&xs);
    }
    band
}

/// The 95% band of `Σ num / Σ den` over the trailing [`SMOOTH_DAYS`] days (fewer at the
/// start), computed within each replication before summarising, so the band is the
/// band of the smoothed quantity. With `den = 1` it is a trailing mean.
fn trailing_ratio(
    reps: &[Vec<[f64; METRIC_COUNT]>],
    days: usize,
    num: impl Fn(&[f64; METRIC_COUNT]) -> f64,
    den: impl Fn(&[f64; METRIC_COUNT]) -> f64,
) -> Band {
    let mut band = Band::default();
    let mut xs = Vec::with_capacity(reps.len());
    for d in 0..days {
        let from = (d + 1).saturating_sub(SMOOTH_DAYS);
        xs.clear();
        xs.extend(reps.iter().map(|rep| {
            let (n, m) =
                rep[from..=d].iter().fold((0.0, 0.0), |(n, m), row| (n + num(row), m + den(row)));
            if m > 0.0 { n / m } else { 0.0 }
        }));
        band.push(&xs);
    }
    band
}

/// Legend label of a facility type.
fn facility_label(k: FacilityKind) -> &'static str {
    match k {
        FacilityKind::ProcessingCenter => "ICE processing centre",
        FacilityKind::Contract => "contract facility",
        FacilityKind::Igsa => "IGSA / USMS jail",
        FacilityKind::Bop => "BOP facility",
        FacilityKind::SoftSided => "soft-sided / military site",
    }
}

/// Quantile curves of the national duration sketches, one point per level and
/// replication, summarised over replications.
fn durations(result: &RunResult) -> Vec<Distribution> {
    let q = quantile_levels();
    // `which` picks the sketch: 0 = arrest to removal, 1 = length of stay.
    let curve = |key: &str, which: usize| {
        let quantile = |d: &model::Durations, level: f64| match which {
            0 => d.arrest_to_removal.quantile(level),
            _ => d.length_of_stay.quantile(level),
        };
        let count = |d: &model::Durations| match which {
            0 => d.arrest_to_removal.count(),
            _ => d.length_of_stay.count(),
        };
        let mut days = Band::default();
        let mut xs = Vec::new();
        for level in &q {
            xs.clear();
            xs.extend(result.durations.iter().filter_map(|d| quantile(d, *level)));
            if xs.is_empty() {
                xs.push(0.0);
            }
            days.push(&xs);
        }
        let n = result.durations.len().max(1) as f64;
        let count = result.durations.iter().map(|d| count(d) as f64).sum::<f64>() / n;
        Distribution { key: key.into(), q: q.clone(), days, count: round5(count) }
    };
    vec![curve("arrest_to_removal", 0), curve("length_of_stay", 1)]
}

/// `x` to five significant digits (exact zeros and non-finite values unchanged).
pub(crate) fn round5(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let digits = 4 - x.abs().log10().floor() as i32;
    if digits <= 0 {
        let p = 10f64.powi(-digits);
        (x / p).round() * p
    } else {
        let p = 10f64.powi(digits.min(300));
        (x * p).round() / p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round5_keeps_five_significant_digits() {
        assert_eq!(round5(1234.5678), 1234.6);
        assert_eq!(round5(0.123456789), 0.12346);
        assert_eq!(round5(123456789.0), 123460000.0);
        assert_eq!(round5(-2.0 / 3.0), -0.66667);
        assert_eq!(round5(0.0), 0.0);
        assert_eq!(quantile_levels().len(), 50);
        assert!(quantile_levels().contains(&0.5) && quantile_levels().contains(&0.9));
    }
}

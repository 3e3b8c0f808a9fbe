//! The names and meanings of every output column and field that is not a model metric or
//! measure (those document themselves: [`model::Metric::doc`], [`model::MEASURES`]).
//! Writers take their headers from here and `docs/outputs.md` is generated from here, so
//! a column cannot exist without a documented meaning (STYLE habit 6).

/// One documented column (CSV) or field path (JSON).
#[derive(Clone, Copy, Debug)]
pub struct Column {
    /// Column name, or JSON path (`a.b`, `[]` for array elements, `<measure>` for any
    /// measure key).
    pub name: &'static str,
    /// Meaning and unit.
    pub doc: &'static str,
}

const fn col(name: &'static str, doc: &'static str) -> Column {
    Column { name, doc }
}

/// Name used in the `office` column for the sum over all offices.
pub const NATIONAL: &str = "national";

/// daily.csv: the key columns, followed by one column per [`model::Metric`].
pub const DAILY_KEYS: &[Column] = &[
    col("date", "calendar day, YYYY-MM-DD (scenario start + measured day)"),
    col("office", "field office (AOR) name, or `national` for the sum over offices"),
];

/// offices.csv: the key column, followed by three columns per measure (see
/// [`MEASURE_SUFFIXES`]).
pub const OFFICES_KEYS: &[Column] = &[col("office", "field office (AOR) name")];

/// offices.csv: after the measures, the area's foreign-born residents, then three columns
/// (see [`MEASURE_SUFFIXES`]) per rate of [`crate::residents::PER_RESIDENT`]; all empty for
/// an office the table does not know.
pub const OFFICES_RESIDENT_KEYS: &[Column] = &[col(
    "foreign_born",
    "foreign-born residents of the AOR (Census ACS 2018 1-year B05003 by state; California, \
     Texas and New York split by county shares, see crates/output/src/foreign_born.csv); \
     the denominator of the `_per_100k_fb` columns",
)];

/// offices.csv: the columns each measure key expands to, as `<key><suffix>`.
pub const MEASURE_SUFFIXES: &[Column] = &[
    col("_mean", "mean over replications"),
    col("_lo", "lower end of the two-sided 95% Student-t interval"),
    col("_hi", "upper end of the two-sided 95% Student-t interval"),
];

/// scorecards.csv: every column, in order.
pub const SCORECARD_COLUMNS: &[Column] = &[
    col("quarter", "US federal fiscal quarter, e.g. FY2025Q2 (partial at the run's edges)"),
    col("office", "field office (AOR) name"),
    col("arrests_mean", "interior arrests in the quarter, mean over replications (people)"),
    col("arrests_lo", "lower end of the 95% interval of interior arrests (people)"),
    col("arrests_hi", "upper end of the 95% interval of interior arrests (people)"),
    col("target", "the office's arrest target for the quarter, sum of daily targets (people)"),
    col("attainment_mean", "arrests / target, mean over replications (0 when no target)"),
    col("attainment_lo", "lower end of the 95% interval of attainment"),
    col("attainment_hi", "upper end of the 95% interval of attainment"),
    col("no_record_share_mean", "share of the quarter's arrests with no criminal record, mean"),
    col("rank", "rank by mean attainment in the quarter, 1 = best (by arrests if no target)"),
    col(
        "bottom_five_probability",
        "share of replications in which the office ranked in the bottom five",
    ),
];

/// summary.json: every field, as a path. An object `{"mean": x, "ci95": [lo, hi]}` (an
/// estimate over replications: mean and two-sided 95% Student-t interval) is one field.
pub const SUMMARY_FIELDS: &[Column] = &[
    col("scenario", "scenario name"),
    col("description", "the question the scenario answers"),
    col("start", "first measured day, YYYY-MM-DD"),
    col("days", "measured days"),
    col("replications", "independent replications run"),
    col("seed", "master seed (same seed, same outputs)"),
    col("caseload_version", "version of the caseload tool that wrote the file"),
    col("national.<measure>", "national estimate of each measure: {mean, ci95}"),
    col(
        "removal_goal.goal",
        "removal goal over the measured days, people, pro rata from the yearly goal of a \
         `target` intervention; `removal_goal` is absent when the scenario sets none",
    ),
    col(
        "removal_goal.removals_vs_goal",
        "national removals (`removals`) as a share of the goal: {mean, ci95}",
    ),
    col(
        "assumption_ranges.solver",
        "solver of the runs the ranges are taken over (`fluid`); `assumption_ranges` is \
         absent when the caller took none (`caseload run --assumption-samples 0`)",
    ),
    col(
        "assumption_ranges.samples",
        "runs, each at one quasi-random point of the scenario's flagged assumption ranges",
    ),
    col(
        "assumption_ranges.factor_groups",
        "assumption groups varied together (the default groups of `caseload sensitivity`)",
    ),
    col("assumption_ranges.seed", "seed of the point set's scrambling (the run's seed)"),
    col(
        "assumption_ranges.national.<measure>.p05",
        "5th percentile of the national measure over those runs: the low end of the range \
         the answer takes over the assumption ranges (not a Monte Carlo interval)",
    ),
    col("assumption_ranges.national.<measure>.p50", "median over those runs"),
    col(
        "assumption_ranges.national.<measure>.p95",
        "95th percentile over those runs: the high end of the range",
    ),
    col(
        "budget.pace_days",
        "days of spending (the run's last) whose pace projects when an appropriation runs out",
    ),
    col(
        "budget.lines[].line",
        "cost line: `detention` (beds and surge premium), `transport` (flights, land), \
         `personnel` (ERO), `partners` (deputized officers), `bp_details` (Border Patrol inland)",
    ),
    col("budget.lines[].doc", "what the line pays for"),
    col("budget.lines[].spent", "US$ spent on the line over the measured days: {mean, ci95}"),
    col(
        "budget.lines[].unfunded",
        "US$ of it no listed appropriation covered (reprogramming, transfers, other agencies' \
         budgets): {mean, ci95}",
    ),
    col(
        "budget.appropriations[].name",
        "appropriation (`[[appropriations]]`), those available on some measured day, in \
         scenario order; each day's spending is charged to the open ones paying its line, \
         the one that lapses first first",
    ),
    col("budget.appropriations[].amount", "US$ appropriated"),
    col(
        "budget.appropriations[].opening",
        "US$ of it for the modelled lines at the run's start: amount × share_modelled − \
         obligated_before",
    ),
    col("budget.appropriations[].from", "first day available, YYYY-MM-DD"),
    col("budget.appropriations[].until", "last day available for obligation, YYYY-MM-DD"),
    col("budget.appropriations[].lines", "the cost lines it pays for"),
    col("budget.appropriations[].spent", "US$ charged to it over the measured days: {mean, ci95}"),
    col(
        "budget.appropriations[].by_quarter[].quarter",
        "a federal fiscal quarter charged in the run: `FY2026 Q1` = Oct–Dec 2025",
    ),
    col("budget.appropriations[].by_quarter[].days", "measured days of the quarter in the run"),
    col("budget.appropriations[].by_quarter[].spent", "US$ charged in the quarter (mean)"),
    col(
        "budget.appropriations[].by_quarter[].cumulative_share",
        "share of the opening balance charged by the quarter's end",
    ),
    col("budget.appropriations[].balance_end", "US$ left at the run's end (mean)"),
    col(
        "budget.appropriations[].runs_out",
        "day the balance reaches zero, within the run or projected at the last pace_days' \
         pace; null if at that pace it lasts until it lapses",
    ),
    col("budget.appropriations[].runs_out_projected", "true if runs_out is past the run's end"),
    col(
        "budget.appropriations[].unspent_at_lapse",
        "US$ unspent when it lapses at that pace (0 if it runs out first)",
    ),
    col(
        "budget.unit_costs.per_removal",
        "all modelled cost over removals (incl. voluntary departures, direct removals), US$: \
         {mean, ci95}; null with no removals",
    ),
    col(
        "budget.unit_costs.per_detained_day",
        "detention line over person-days detained, US$: {mean, ci95}",
    ),
    col(
        "budget.unit_costs.per_arrest_ero",
        "ERO personnel cost over arrests by ERO's own channels (custodial, at-large, \
         collateral, operations), US$: {mean, ci95}",
    ),
    col(
        "budget.unit_costs.per_arrest_partner",
        "deputized partners' cost over their arrests, US$: {mean, ci95}; null with none",
    ),
    col(
        "budget.unit_costs.per_arrest_bp_details",
        "Border Patrol details' cost over their interior arrests, US$: {mean, ci95}; null \
         with none",
    ),
    col("offices[].office", "field office (AOR) name, in scenario order"),
    col("offices[].<measure>", "the office's estimate of each measure: {mean, ci95}"),
    col("invariants.all_ok", "every check passed in every replication"),
    col("invariants.replications", "replications checked"),
    col("invariants.failed_replications", "replications with at least one failed check"),
    col("invariants.days_checked", "measured days checked per replication"),
    col(
        "invariants.cases_in_one_state",
        "every case in exactly one phase, and each office's detained by facility type adding \
         up to its detained, every day, all runs",
    ),
    col("invariants.flows_balance", "detained today = yesterday + admissions − book-outs, all"),
    col("invariants.no_negative_stock", "no stock ever went negative, all replications"),
    col("invariants.little[].group", "facility type, or `all`"),
    col(
        "invariants.little[].time_average_population",
        "first replication: time-average population L (people)",
    ),
    col("invariants.little[].admissions_per_day", "first replication: admissions per day λ"),
    col(
        "invariants.little[].mean_stay_in_window_days",
        "first replication: mean days in the window of those admitted in it, W",
    ),
    col(
        "invariants.little[].carried_in_per_day",
        "first replication: person-days of those detained at the start, per day (R/T)",
    ),
    col("invariants.little[].relative_gap", "first replication: |L − (λW + R/T)| / L"),
    col("invariants.little[].book_out_alos_days", "first replication: ALOS of book-outs, days"),
    col(
        "invariants.little[].ice_style_gap",
        "first replication: |L − λ·ALOS| / L (informative, not a check)",
    ),
    col("invariants.little[].ok", "first replication: relative_gap within tolerance"),
    col("invariants.little[].worst_relative_gap", "largest relative_gap over replications"),
    col("invariants.little[].failed_replications", "replications where this check failed"),
    col(
        "invariants.violations",
        "the first violations found (at most 10), prefixed with the replication index",
    ),
    col("monthly[].month", "calendar month, YYYY-MM (partial at the run's edges)"),
    col("monthly[].days", "measured days in the month"),
    col("monthly[].adp", "average daily detention population in the month: {mean, ci95}"),
    col("monthly[].arrests_per_day", "interior arrests per day in the month: {mean, ci95}"),
    col("monthly[].book_ins", "ICE book-ins in the month, people: {mean, ci95}"),
    col("monthly[].removals", "removals incl. voluntary and direct, people: {mean, ci95}"),
    col("performance.events", "events handled, all replications (warm-up included)"),
    col("performance.peak_cases", "most cases held in memory at once by one replication"),
    col("performance.wall_s", "wall-clock seconds of the run, as measured by the caller"),
    col("performance.replications", "replications run"),
];

//! What one replication produced and the checks run on it — the same types whichever
//! solver ran it (the DES's replications, the fluid's one pseudo-replication).

use serde::Serialize;

use crate::metrics::{Daily, Durations};

/// Everything one replication produced.
#[derive(Clone, Debug)]
pub struct Replication {
    /// Daily rows (measured days only).
    pub daily: Daily,
    /// Duration distributions (measured days only).
    pub durations: Durations,
    /// Results of the invariant checks.
    pub invariants: Invariants,
    /// Events handled (warm-up included); days stepped for the fluid.
    pub events: u64,
    /// Most cases in the system at once (memory high-water mark; 0 for the fluid).
    pub peak_cases: usize,
}

/// Largest relative gap allowed in the finite-horizon Little's law. The identity is exact,
/// so the gap is rounding only; a lost, double-counted or mis-filed case shows up as a gap
/// of the order of one stay over the whole population-time, far above this.
pub const LITTLE_TOLERANCE: f64 = 1e-6;

/// Little's law for one facility group over the measured window, in the finite-horizon
/// form (Kim & Whitt 2013) that holds exactly on any sample path, stationary or not:
///
/// `L · T = λ · T · W + R`, where L is the time-average population, λ the admissions per
/// day, W their mean stay inside the window (censored at its end) and R the time spent in
/// the window by people already detained when it opened.
///
/// The ICE-style comparison (ADP vs book-ins/day × ALOS of book-outs), which drifts when
/// the population grows, is reported alongside for information.
#[derive(Clone, Debug, Serialize)]
pub struct LittleCheck {
    /// Facility type, or "all".
    pub group: String,
    /// Time-average population over the window (L).
    pub time_average_population: f64,
    /// Admissions per day (λ).
    pub admissions_per_day: f64,
    /// Mean days in the window of those admitted in it (W, censored at the end).
    pub mean_stay_in_window_days: f64,
    /// Person-days in the window of those detained when it opened, per day (R / T).
    pub carried_in_per_day: f64,
    /// |L − (λW + R/T)| / L.
    pub relative_gap: f64,
    /// ICE-style: ALOS of book-outs in the window, days.
    pub book_out_alos_days: f64,
    /// ICE-style: |L − λ · ALOS| / L (informative; not a pass/fail check).
    pub ice_style_gap: f64,
    /// `relative_gap` within `LITTLE_TOLERANCE` (1e-6).
    pub ok: bool,
}

impl LittleCheck {
    /// The check of `group` from L, λ, W, R/T, the solver's relative gap and the ALOS of
    /// book-outs: the ICE-style gap and the verdict are worked out the same for both
    /// solvers.
    pub fn new(
        group: &str,
        [l, lambda, w, carried]: [f64; 4],
        relative_gap: f64,
        book_out_alos_days: f64,
    ) -> LittleCheck {
        let alos = book_out_alos_days;
        LittleCheck {
            group: group.to_string(),
            time_average_population: l,
            admissions_per_day: lambda,
            mean_stay_in_window_days: w,
            carried_in_per_day: carried,
            relative_gap,
            book_out_alos_days: alos,
            ice_style_gap: if l > 0.0 { (l - lambda * alos).abs() / l } else { 0.0 },
            ok: relative_gap <= LITTLE_TOLERANCE,
        }
    }
}

/// The outcome of every check in one replication.
#[derive(Clone, Debug, Serialize)]
pub struct Invariants {
    /// Every stored case was in exactly one phase, the detained phases matched the
    /// occupied beds, and each office's detained by facility type added up to its
    /// detained, every day.
    pub cases_in_one_state: bool,
    /// Detained(today) = detained(yesterday) + admissions − book-outs, every day.
    pub flows_balance: bool,
    /// No stock (phase counts, beds occupied, reachable pools) ever went negative.
    pub no_negative_stock: bool,
    /// Little's law by facility group.
    pub little: Vec<LittleCheck>,
    /// Days checked.
    pub days_checked: u32,
    /// The first violations found (at most 20).
    pub violations: Vec<String>,
}

impl Invariants {
    /// True if every check passed.
    pub fn all_ok(&self) -> bool {
        self.cases_in_one_state
            && self.flows_balance
            && self.no_negative_stock
            && self.little.iter().all(|l| l.ok)
    }
}

//! Details, deputations and quarterly reviews in expectation: the same rules as the DES's
//! daily driver (`sim/day.rs`, `sim/review.rs`), with the random leadership multiplier of a
//! rotation replaced by its mean.

use crate::config::{DeployFrom, InterventionKind, Multiplier, Rotation, Scenario};
use crate::date::Date;
use crate::effort::{self, Reinforcements};

/// Who works inland on one day.
pub(crate) struct Staffing {
    /// Extra arrests (ramped) and leadership effects, by office.
    pub extra: Vec<Reinforcements>,
    /// (partner officer-days, Border Patrol agent-days) by office.
    pub days_by_office: Vec<(f64, f64)>,
    /// Agents taken off each sector's line.
    pub moved_by_sector: Vec<f64>,
}

/// Details and deputations in force on `date`, with each office's leadership effect.
pub(crate) fn staffing(sc: &Scenario, date: Date, effects: &[f64]) -> Staffing {
    let n = sc.offices.len();
    let mut st = Staffing {
        extra: (0..n)
            .map(|o| Reinforcements {
                leadership_effect: effects.get(o).copied().unwrap_or(0.0),
                ..Reinforcements::default()
            })
            .collect(),
        days_by_office: vec![(0.0, 0.0); n],
        moved_by_sector: vec![0.0; sc.sectors.len()],
    };
    for iv in &sc.interventions {
        if iv.at > date {
            continue;
        }
        let since = date.days_after(iv.at) as f64;
        match &iv.kind {
            InterventionKind::Deploy {
                agents,
                offices,
                until,
                ramp_days,
                arrests_per_agent_day,
                from,
            } => {
                if until.is_some_and(|u| date > u) || offices.is_empty() {
                    continue;
                }
                let each = agents / offices.len() as f64;
                let r = effort::ramp(since, *ramp_days);
                for o in offices {
                    let o = o.0 as usize;
                    match from {
                        DeployFrom::Sectors(_) => {
                            st.extra[o].bp_arrests += each * r * arrests_per_agent_day;
                            st.days_by_office[o].1 += each;
                        }
                        DeployFrom::Agency(_) => {
                            st.extra[o].partner_arrests += each * r * arrests_per_agent_day;
                            st.days_by_office[o].0 += each;
                        }
                    }
                }
                if let DeployFrom::Sectors(sectors) = from {
                    let line: f64 = sectors.iter().map(|s| sc.sectors[s.0 as usize].agents).sum();
                    if line > 0.0 {
                        for s in sectors {
                            let share = sc.sectors[s.0 as usize].agents / line;
                            st.moved_by_sector[s.0 as usize] += agents * share;
                        }
                    }
                }
            }
            InterventionKind::Deputize {
                officers,
                offices,
                time_share,
                ramp_days,
                arrests_per_officer_day,
                until,
                ..
            } => {
                if until.is_some_and(|u| date > u) || offices.is_empty() {
                    continue;
                }
                let each = officers / offices.len() as f64 * time_share;
                let r = effort::ramp(since, *ramp_days);
                for o in offices {
                    st.extra[o.0 as usize].partner_arrests += each * r * arrests_per_officer_day;
                    st.days_by_office[o.0 as usize].0 += each;
                }
            }
            InterventionKind::Review { .. } => {}
        }
    }
    st
}

/// Quarterly reviews: tallies since the last review and each office's leadership effect.
pub(crate) struct Reviews {
    /// Per office since the last review: (arrests, target, officer-days).
    tally: Vec<[f64; 3]>,
    days: u32,
    /// Relative productivity change of each office's current leadership.
    pub effect: Vec<f64>,
}

/// The mean of a multiplier's distribution (truncated at 0 as the DES truncates draws).
fn mean_multiplier(m: &Multiplier) -> f64 {
    match *m {
        Multiplier::Normal { mean, sd } => {
            if sd <= 0.0 {
                return mean.max(0.0);
            }
            // E[max(0, X)] for X ~ N(mean, sd²).
            let z = mean / sd;
            mean * normal_cdf(z) + sd * (-0.5 * z * z).exp() / (2.0 * std::f64::consts::PI).sqrt()
        }
        Multiplier::Uniform { lo, hi } => {
            if hi <= lo {
                return lo.max(0.0);
            }
            if lo >= 0.0 {
                (lo + hi) / 2.0
            } else if hi <= 0.0 {
                0.0
            } else {
                hi * hi / (2.0 * (hi - lo))
            }
        }
    }
}

/// Standard normal CDF (Abramowitz–Stegun 7.1.26 via erf; |error| < 1.5e-7).
fn normal_cdf(z: f64) -> f64 {
    let x = z / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.327_591_1 * x.abs());
    let y = 1.0
        - (((((1.061_405_429 * t - 1.453_152_027) * t) + 1.421_413_741) * t - 0.284_496_736) * t
            + 0.254_829_592)
            * t
            * (-x * x).exp();
    let erf = if x >= 0.0 { y } else { -y };
    0.5 * (1.0 + erf)
}

/// True on the first day of a US federal fiscal quarter.
fn quarter_starts(date: Date) -> bool {
    let (_, m, d) = date.ymd();
    d == 1 && matches!(m, 1 | 4 | 7 | 10)
}

impl Reviews {
    pub fn new(offices: usize) -> Reviews {
        Reviews { tally: vec![[0.0; 3]; offices], days: 0, effect: vec![0.0; offices] }
    }

    /// The review intervention running on `date`: the latest started and not yet over.
    fn in_force(sc: &Scenario, date: Date) -> Option<(Date, Option<&Rotation>)> {
        sc.interventions
            .iter()
            .filter(|iv| iv.at <= date)
            .rev()
            .filter_map(|iv| match &iv.kind {
                InterventionKind::Review { rotation, until } if until.is_none_or(|u| date <= u) => {
                    Some((iv.at, rotation.as_ref()))
                }
                _ => None,
            })
            .next()
    }

    /// True while reviews run on `date` (the day's arrests are then tallied).
    pub fn reviewing(sc: &Scenario, date: Date) -> bool {
        Self::in_force(sc, date).is_some()
    }

    /// At the start of a measured day: review and rotate at quarter starts.
    pub fn start_of_day(&mut self, sc: &Scenario, date: Date) {
        if !quarter_starts(date) || self.days == 0 {
            return;
        }
        let Some((at, rotation)) = Self::in_force(sc, date.plus(-1)) else { return };
        if at >= date {
            return;
        }
        if let Some(rule) = rotation {
            let effect = mean_multiplier(&rule.multiplier) - 1.0;
            for o in self.worst(rule.bottom as usize) {
                self.effect[o] = effect;
            }
        }
        self.tally.iter_mut().for_each(|t| *t = [0.0; 3]);
        self.days = 0;
    }

    /// Tallies one office-day.
    pub fn office_day(&mut self, o: usize, arrests: f64, target: f64, officer_days: f64) {
        let t = &mut self.tally[o];
        t[0] += arrests;
        t[1] += target;
        t[2] += officer_days;
    }

    /// Marks one tallied day.
    pub fn day_done(&mut self) {
        self.days += 1;
    }

    /// The `bottom` worst offices, by the DES's rule (attainment, else arrests per
    /// officer-day; ties to the lower index).
    fn worst(&self, bottom: usize) -> Vec<usize> {
        let any_target = self.tally.iter().any(|t| t[1] > 0.0);
        let score = |o: usize| {
            let [arrests, target, officer_days] = self.tally[o];
            if any_target {
                arrests / target
            } else if officer_days > 0.0 {
                arrests / officer_days
            } else {
                0.0
            }
        };
        let mut order: Vec<usize> =
            (0..self.tally.len()).filter(|&o| !any_target || self.tally[o][1] > 0.0).collect();
        order.sort_by(|&a, &b| score(a).total_cmp(&score(b)).then(a.cmp(&b)));
        order.truncate(bottom);
        order
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multiplier_means_include_the_truncation_at_zero() {
        let m = mean_multiplier(&Multiplier::Normal { mean: 1.1, sd: 0.1 });
        assert!((m - 1.1).abs() < 1e-9);
        // E[max(0, N(0, 1))] = 1/√(2π).
        let m = mean_multiplier(&Multiplier::Normal { mean: 0.0, sd: 1.0 });
        assert!((m - 0.398_942_28).abs() < 1e-6);
        assert_eq!(mean_multiplier(&Multiplier::Uniform { lo: 0.8, hi: 1.2 }), 1.0);
        assert!((mean_multiplier(&Multiplier::Uniform { lo: -1.0, hi: 1.0 }) - 0.25).abs() < 1e-12);
    }
}

//! Numbers for people, not parsers: thousands separators, shares as %, dollars in $M or
//! $B. The scale is chosen from the mean and reused for its interval, so a row never
//! mixes "$998M" with "$1.02B".

/// What a number measures, which decides how it is shown.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Unit {
    /// A total count of people.
    Count,
    /// People per day.
    Rate,
    /// A share in [0, 1], shown as a percentage.
    Share,
    /// A duration in days.
    Days,
    /// US dollars.
    Usd,
}

impl Unit {
    /// The unit of a summary measure, from its key's suffix (`bp_agent_days_inland` counts
    /// agent-days: a total, not a duration).
    pub fn of(key: &str) -> Unit {
        if key.ends_with("_share") || key.contains("attainment") {
            Unit::Share
        } else if key.ends_with("_usd") {
            Unit::Usd
        } else if key.ends_with("_days") && !key.starts_with("bp_") {
            Unit::Days
        } else if key.ends_with("per_day") {
            Unit::Rate
        } else {
            Unit::Count
        }
    }
}

/// A scale and precision fixed from a reference value.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Style {
    prefix: &'static str,
    suffix: &'static str,
    scale: f64,
    decimals: usize,
}

impl Style {
    /// The style for showing `reference` (usually the mean) in `unit`.
    pub fn new(unit: Unit, reference: f64) -> Style {
        let r = reference.abs();
        let plain = |decimals| Style { prefix: "", suffix: "", scale: 1.0, decimals };
        match unit {
            Unit::Count => plain(0),
            Unit::Rate => plain(if r < 100.0 { 1 } else { 0 }),
            Unit::Days => plain(1),
            Unit::Share => Style { suffix: "%", scale: 100.0, ..plain(1) },
            Unit::Usd if r >= 1e9 => Style { prefix: "$", suffix: "B", scale: 1e-9, decimals: 2 },
            Unit::Usd if r >= 1e6 => Style { prefix: "$", suffix: "M", scale: 1e-6, decimals: 1 },
            Unit::Usd => Style { prefix: "$", ..plain(0) },
        }
    }

    /// `x` in this style, e.g. `$1.25B`, `12.3%`, `-1,234`.
    pub fn show(&self, x: f64) -> String {
        if !x.is_finite() {
            return x.to_string();
        }
        let body = grouped(x.abs() * self.scale, self.decimals);
        let sign =
            if x < 0.0 && body.chars().any(|c| c.is_ascii_digit() && c != '0') { "-" } else { "" };
        format!("{sign}{}{body}{}", self.prefix, self.suffix)
    }
}

/// A non-negative number with `decimals` decimals and commas between thousands.
fn grouped(x: f64, decimals: usize) -> String {
    group(&format!("{x:.decimals$}"))
}

/// Thousands separators in a formatted number (`-1234.5` → `-1,234.5`).
pub(crate) fn group(s: &str) -> String {
    let (sign, rest) = s.strip_prefix('-').map_or(("", s), |r| ("-", r));
    let (int, frac) = rest.split_once('.').map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(s.len() + int.len() / 3);
    out.push_str(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_units() {
        assert_eq!(Style::new(Unit::Count, 0.0).show(1_234_567.4), "1,234,567");
        assert_eq!(Style::new(Unit::Count, 0.0).show(999.0), "999");
        assert_eq!(Style::new(Unit::Count, 0.0).show(-1000.0), "-1,000");
        assert_eq!(Style::new(Unit::Count, 0.0).show(-0.2), "0");
        assert_eq!(Style::new(Unit::Rate, 12.0).show(12.34), "12.3");
        assert_eq!(Style::new(Unit::Rate, 1_200.0).show(1_234.5), "1,234");
        assert_eq!(Style::new(Unit::Share, 0.5).show(0.1234), "12.3%");
        assert_eq!(Style::new(Unit::Usd, 2.5e9).show(2.5e9), "$2.50B");
        assert_eq!(Style::new(Unit::Usd, 2.5e9).show(9.98e8), "$1.00B");
        assert_eq!(Style::new(Unit::Usd, 3.0e7).show(3.04e7), "$30.4M");
        assert_eq!(Style::new(Unit::Usd, 1.0).show(12_345.0), "$12,345");
        assert_eq!(Style::new(Unit::Days, 1.0).show(f64::NAN), "NaN");
        assert_eq!(group("-1234567.25"), "-1,234,567.25");
    }

    #[test]
    fn units_follow_the_key() {
        assert!(matches!(Unit::of("no_record_share"), Unit::Share));
        assert!(matches!(Unit::of("target_attainment"), Unit::Share));
        assert!(matches!(Unit::of("cost_usd"), Unit::Usd));
        assert!(matches!(Unit::of("alos_days"), Unit::Days));
        assert!(matches!(Unit::of("bp_agent_days_inland"), Unit::Count));
        assert!(matches!(Unit::of("arrests_per_day"), Unit::Rate));
        assert!(matches!(Unit::of("removals"), Unit::Count));
    }
}

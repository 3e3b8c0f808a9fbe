//! Closed forms for people leaving at a constant hazard while they age, and a simple
//! stock for compartments where people stay a fixed or short time.

/// `(1 − e^{−h}) / h`: the share of a uniform day's arrivals still present at its end.
pub(crate) fn g1(h: f64) -> f64 {
    if h < 1e-5 { 1.0 - h / 2.0 + h * h / 6.0 } else { -(-h).exp_m1() / h }
}

/// `(1 − e^{−h}(1 + h)) / h²`: the mean of `h·s·e^{−hs}` over a day, / h (ages of leavers).
pub(crate) fn g2(h: f64) -> f64 {
    if h < 1e-4 { 0.5 - h / 3.0 + h * h / 8.0 } else { (1.0 - (-h).exp() * (1.0 + h)) / (h * h) }
}

/// `(h − 1 + e^{−h}) / h²`: person-days in the day of a uniform day's arrivals (per arrival).
pub(crate) fn g3(h: f64) -> f64 {
    if h < 1e-4 { 0.5 - h / 6.0 + h * h / 24.0 } else { (h - 1.0 + (-h).exp()) / (h * h) }
}

/// The outcome of exposing people to a hazard for part of a day.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Exposure {
    /// Still there, and their age sum.
    pub mass: f64,
    pub age: f64,
    /// Left through the hazard, and their ages when they left.
    pub left: f64,
    pub left_age: f64,
    /// Person-days spent.
    pub area: f64,
}

/// `mass` people with age sum `age` face hazard `h` per day for `t` days.
#[cfg(test)]
pub(crate) fn expose(mass: f64, age: f64, h: f64, t: f64) -> Exposure {
    Exposer::new(h, t).expose(mass, age)
}

/// `mass` people arriving uniformly over the day (age sum `age` at arrival) face hazard `h`
/// for the rest of it.
#[cfg(test)]
pub(crate) fn expose_arrivals(mass: f64, age: f64, h: f64) -> Exposure {
    ArrivalExposer::new(h).expose(mass, age)
}

/// [`expose`] for one hazard and span: the exponentials do not depend on who is exposed,
/// so a loop over lanes computes them once (the results are the same to the bit).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Exposer {
    h: f64,
    t: f64,
    stay: f64,
    g1: f64,
    g2: f64,
}

impl Exposer {
    pub fn new(h: f64, t: f64) -> Exposer {
        let ht = h * t;
        Exposer { h, t, stay: (-ht).exp(), g1: g1(ht), g2: g2(ht) }
    }

    /// `mass` people with age sum `age` face the hazard for the span.
    pub fn expose(&self, mass: f64, age: f64) -> Exposure {
        let (h, t, stay) = (self.h, self.t, self.stay);
        // Leavers: ages z(1 − e^{−ht}) + m ∫ h s e^{−hs} ds.
        let left_age = age * (1.0 - stay) + mass * h * t * t * self.g2;
        Exposure {
            mass: mass * stay,
            age: (age + mass * t) * stay,
            left: mass * (1.0 - stay),
            left_age,
            area: mass * t * self.g1,
        }
    }
}

/// [`expose_arrivals`] for one hazard, its exponentials computed once.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ArrivalExposer {
    g1: f64,
    g2: f64,
    g3: f64,
}

impl ArrivalExposer {
    pub fn new(h: f64) -> ArrivalExposer {
        ArrivalExposer { g1: g1(h), g2: g2(h), g3: g3(h) }
    }

    /// `mass` people arriving uniformly over the day (age sum `age` at arrival) face the
    /// hazard for the rest of it.
    pub fn expose(&self, mass: f64, age: f64) -> Exposure {
        let stay = self.g1;
        let kept = mass * stay;
        // Age at end of day of an arrival at time s: a + (1 − s), kept with prob e^{−h(1−s)}.
        let end_age = age * stay + mass * self.g2;
        let area = mass * self.g3;
        // Leavers' ages = entry ages + person-days − ages of those kept (Σ ages balance).
        let left_age = age + area - end_age;
        Exposure { mass: kept, age: end_age, left: mass - kept, left_age, area }
    }
}

/// A compartment whose members enter and leave at given moments of the day: used where
/// stays are short (transport lines) or fixed (moves to a hub), so that the exact timing
/// within the day hardly matters. Σ ages balances exactly.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Stock {
    pub mass: f64,
    pub age: f64,
}

impl Stock {
    /// Adds people (age sum `age`).
    pub fn add(&mut self, mass: f64, age: f64) {
        self.mass += mass;
        self.age += age;
    }

    /// Removes a share of everyone present (ages pro rata); returns (mass, age sum).
    pub fn take(&mut self, share: f64) -> (f64, f64) {
        let share = share.clamp(0.0, 1.0);
        let out = (self.mass * share, self.age * share);
        self.mass -= out.0;
        self.age -= out.1;
        out
    }

    /// Everyone present ages `dt` days; returns the person-days spent.
    pub fn grow(&mut self, dt: f64) -> f64 {
        self.age += self.mass * dt;
        self.mass * dt
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exposure_balances_mass_and_ages() {
        for (m, z, h, t) in [(10.0, 100.0, 0.02, 1.0), (5.0, 0.0, 0.3, 0.5), (3.0, 9.0, 0.0, 1.0)] {
            let e = expose(m, z, h, t);
            assert!((e.mass + e.left - m).abs() < 1e-12);
            // Δ ages + ages of leavers = person-days.
            assert!((e.age - z + e.left_age - e.area).abs() < 1e-12, "{e:?}");
        }
        for (m, z, h) in [(10.0, 5.0, 0.02), (4.0, 0.0, 2.0), (1.0, 0.0, 0.0)] {
            let e = expose_arrivals(m, z, h);
            assert!((e.mass + e.left - m).abs() < 1e-12);
            assert!((e.age - z + e.left_age - e.area).abs() < 1e-12);
            if h == 0.0 {
                assert!((e.age - 0.5).abs() < 1e-12 && (e.area - 0.5).abs() < 1e-12);
            }
        }
        // Against simulation-free closed forms: the kept share of arrivals at h = 2.
        let e = expose_arrivals(1.0, 0.0, 2.0);
        assert!((e.mass - (1.0 - (-2.0f64).exp()) / 2.0).abs() < 1e-12);
    }

    #[test]
    fn a_stock_keeps_its_age_sums_balanced() {
        let mut s = Stock { mass: 4.0, age: 40.0 };
        let area = s.grow(0.5);
        let (m, z) = s.take(0.25);
        s.add(2.0, 6.0);
        let area = area + s.grow(0.5);
        assert!((s.mass - (3.0 + 2.0)).abs() < 1e-12 && (m - 1.0).abs() < 1e-12);
        // Δ ages + ages of leavers = person-days + ages brought in.
        assert!((s.age - 40.0 + z - area - 6.0).abs() < 1e-12);
    }
}

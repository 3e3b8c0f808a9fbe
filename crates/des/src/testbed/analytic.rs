//! Closed-form queueing results: the independent reference the engine is checked against.

/// Erlang B: probability that an arrival to M/G/c/c with offered load `a` (= λ·E\[S\]) is
/// lost. Stable recursion B(k) = a·B(k−1) / (k + a·B(k−1)).
pub fn erlang_b(c: u32, a: f64) -> f64 {
    (1..=c).fold(1.0, |b, k| a * b / (k as f64 + a * b))
}

/// Erlang C: probability that an arrival to M/M/c with offered load `a` has to wait.
pub fn erlang_c(c: u32, a: f64) -> f64 {
    let b = erlang_b(c, a);
    let rho = a / c as f64;
    b / (1.0 - rho + rho * b)
}

/// Steady-state measures of M/M/c.
#[derive(Clone, Copy, Debug)]
pub struct MmcMeasures {
    /// Mean wait in line.
    pub wq: f64,
    /// Mean time in system.
    pub w: f64,
    /// Mean number waiting.
    pub lq: f64,
    /// Mean number in system.
    pub l: f64,
    /// Server utilisation, λ / (c·μ).
    pub utilisation: f64,
}

/// Exact M/M/c measures for arrival rate `lambda`, service rate `mu` per server, `c`
/// servers (requires λ < cμ).
pub fn mmc(lambda: f64, mu: f64, c: u32) -> MmcMeasures {
    let a = lambda / mu;
    let wq = erlang_c(c, a) / (c as f64 * mu - lambda);
    let w = wq + 1.0 / mu;
    MmcMeasures { wq, w, lq: lambda * wq, l: lambda * w, utilisation: a / c as f64 }
}

/// Steady-state measures of M/M/c/K (K places in all, servers included).
#[derive(Clone, Copy, Debug)]
pub struct MmckMeasures {
    /// Probability an arrival finds K in the system and is lost.
    pub blocking: f64,
    /// Mean number in the system.
    pub l: f64,
    /// Mean time in the system of an admitted customer (Little: L / λ(1 − blocking)).
    pub w: f64,
}

/// Exact M/M/c/K measures from the birth–death stationary distribution.
pub fn mmck(lambda: f64, mu: f64, c: u32, k: u32) -> MmckMeasures {
    let a = lambda / mu;
    let mut p = Vec::with_capacity(k as usize + 1);
    let mut term = 1.0;
    p.push(term);
    for n in 1..=k {
        term *= a / (n.min(c) as f64);
        p.push(term);
    }
    let total: f64 = p.iter().sum();
    let blocking = p[k as usize] / total;
    let l = p.iter().enumerate().map(|(n, x)| n as f64 * x).sum::<f64>() / total;
    MmckMeasures { blocking, l, w: l / (lambda * (1.0 - blocking)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn textbook_values() {
        // Erlang B(10, 5) = 0.018385 (standard tables).
        assert!((erlang_b(10, 5.0) - 0.018_385).abs() < 1e-6);
        // M/M/1: Wq = ρ/(μ−λ).
        let m = mmc(0.5, 1.0, 1);
        assert!((m.wq - 1.0).abs() < 1e-12);
        // M/M/c/K with K → ∞ tends to M/M/c.
        let big = mmck(9.0, 1.0, 10, 2_000);
        assert!(big.blocking < 1e-12);
        assert!((big.l - mmc(9.0, 1.0, 10).l).abs() < 1e-6);
        // M/M/c/c is Erlang B.
        assert!((mmck(40.0, 1.0, 45, 45).blocking - erlang_b(45, 40.0)).abs() < 1e-12);
    }
}

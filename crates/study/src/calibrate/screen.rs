//! The screen before a search over many factors: one-at-a-time moves of each coordinate
//! to both ends of the cube from the start (the others at the start), so the search can
//! be given the factors that move the loss and leave out the ones that do not.

use model::Scenario;
use rayon::prelude::*;

use super::{Loss, Space};
use crate::targets::Targets;

/// The loss with one coordinate at each end of the cube.
#[derive(Clone, Debug, PartialEq)]
pub struct ScreenRow {
    /// The coordinate's name.
    pub name: String,
    /// The loss with the coordinate at 0 (`None` if the point cannot be set).
    pub low: Option<f64>,
    /// The loss with the coordinate at 1.
    pub high: Option<f64>,
    /// The largest change of the loss from the start, `max |L(end) − L(start)|`.
    pub effect: f64,
}

/// The screen's result, rows in the space's order.
#[derive(Clone, Debug, PartialEq)]
pub struct Screen {
    /// The loss at the start.
    pub start_loss: f64,
    /// One row per coordinate.
    pub rows: Vec<ScreenRow>,
}

impl Screen {
    /// The names of the `n` coordinates with the largest effect (those that move the loss
    /// at all), in the space's order; ties go to the earlier coordinate.
    pub fn top(&self, n: usize) -> Vec<String> {
        let mut order: Vec<usize> = (0..self.rows.len()).collect();
        order.sort_by(|&a, &b| self.rows[b].effect.total_cmp(&self.rows[a].effect).then(a.cmp(&b)));
        let mut keep: Vec<usize> = order
            .into_iter()
            .filter(|&i| self.rows[i].effect > 1e-9 * self.start_loss.max(1e-12))
            .take(n)
            .collect();
        keep.sort_unstable();
        keep.into_iter().map(|i| self.rows[i].name.clone()).collect()
    }
}

/// Screens every coordinate of `space` (2 fluid runs each, in parallel; the result does
/// not depend on the number of threads).
pub fn screen(base: &Scenario, space: &dyn Space, loss: &Loss, targets: &Targets) -> Screen {
    let start = space.start();
    let at = |u: &[f64]| -> Option<f64> {
        let mut sc = base.clone();
        space.apply(&mut sc, u).ok()?;
        Some(loss.evaluate(&sc, targets).loss)
    };
    let start_loss = at(&start).unwrap_or(f64::INFINITY);
    let names = space.names();
    let rows = (0..start.len())
        .into_par_iter()
        .map(|i| {
            let end = |x: f64| {
                let mut u = start.clone();
                u[i] = x;
                at(&u)
            };
            let (low, high) = (end(0.0), end(1.0));
            let effect =
                [low, high].iter().flatten().map(|l| (l - start_loss).abs()).fold(0.0, f64::max);
            ScreenRow { name: names[i].clone(), low, high, effect }
        })
        .collect();
    Screen { start_loss, rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_keeps_the_largest_effects_in_space_order() {
        let row = |n: &str, e: f64| ScreenRow { name: n.into(), low: None, high: None, effect: e };
        let s = Screen {
            start_loss: 1.0,
            rows: vec![row("a", 0.1), row("b", 0.0), row("c", 0.5), row("d", 0.2)],
        };
        assert_eq!(s.top(2), vec!["c", "d"]);
        assert_eq!(s.top(10), vec!["a", "c", "d"], "a factor that moves nothing is left out");
    }
}

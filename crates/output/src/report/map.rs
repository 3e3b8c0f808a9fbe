//! The "Map" section: the 25 ERO areas of responsibility as a tile-grid cartogram, each
//! coloured by a per-office measure, with the value on hover (`<title>`). No tiles, no
//! network: the layout is one committed data file, [`AOR_TILES`], that the dashboard serves
//! and draws the same way (crates/server/assets/app.js).
//!
//! A tile grid rather than state outlines: every state is one equal square in its rough
//! place (the common US tile-grid layout), split states (California, New York, Texas) get
//! one tile per area of responsibility, so each office has at least one tile however small
//! its area, and the file stays a few lines a reviewer can check against ICE's list of
//! areas (deportationdata/ice-offices `inputs/ice-areas-of-responsibility.csv`, ICE's site
//! as of Sep 2025). Real outlines (Census shapes) would need county-level splits for three
//! states; the tile grid trades geography for legibility of the small eastern areas.

use std::fmt::Write;

use crate::report::svg::esc;

/// `office,state,col,row`: one tile per state, or per area of a split state.
pub const AOR_TILES: &str = include_str!("aor_tiles.csv");

/// Tile side and gap, SVG units.
const TILE: f64 = 44.0;
const GAP: f64 = 3.0;

/// One tile of [`AOR_TILES`].
#[derive(Clone, Debug, PartialEq)]
pub struct Tile {
    /// Office whose area of responsibility holds it.
    pub office: String,
    /// Two-letter state (or DC) abbreviation.
    pub state: String,
    /// Column and row in the grid.
    pub col: u32,
    /// Row.
    pub row: u32,
}

/// The tiles of [`AOR_TILES`] (the committed file is checked by a test, so a bad line is a
/// build-time mistake; it is skipped here).
pub fn tiles() -> Vec<Tile> {
    AOR_TILES
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut f = l.split(',');
            let (office, state) = (f.next()?.to_string(), f.next()?.to_string());
            let (col, row) = (f.next()?.trim().parse().ok()?, f.next()?.trim().parse().ok()?);
            Some(Tile { office, state, col, row })
        })
        .collect()
}

/// A light-to-dark blue for a value's position `t` in [0, 1].
fn colour(t: f64) -> String {
    let t = if t.is_finite() { t.clamp(0.0, 1.0) } else { 0.0 };
    let mix = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
    format!("#{:02x}{:02x}{:02x}", mix(222.0, 8.0), mix(235.0, 69.0), mix(247.0, 148.0))
}

/// The map of one measure: `values` pairs each office with its value and hover text;
/// offices without a value are grey.
pub fn svg(id: &str, title: &str, values: &[(String, f64, String)]) -> String {
    let tiles = tiles();
    let cols = tiles.iter().map(|t| t.col).max().unwrap_or(0) + 1;
    let rows = tiles.iter().map(|t| t.row).max().unwrap_or(0) + 1;
    let (w, h) = (cols as f64 * (TILE + GAP) + 12.0, rows as f64 * (TILE + GAP) + 40.0);
    let finite = values.iter().map(|v| v.1).filter(|v| v.is_finite());
    let lo = finite.clone().fold(f64::INFINITY, f64::min);
    let hi = finite.fold(f64::NEG_INFINITY, f64::max);
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"aor-map\" id=\"{id}\" viewBox=\"0 0 {w:.0} {h:.0}\" role=\"img\" \
         aria-labelledby=\"{id}-t\"><title id=\"{id}-t\">{t}</title>\
         <text class=\"t\" x=\"6\" y=\"18\">{t}</text>",
        t = esc(title)
    );
    let mut offices: Vec<&str> = Vec::new();
    for t in &tiles {
        if !offices.contains(&t.office.as_str()) {
            offices.push(&t.office);
        }
    }
    for office in offices {
        let v = values.iter().find(|v| v.0 == office);
        let (fill, hover) = match v {
            Some((_, x, label)) if x.is_finite() => {
                let t = if hi > lo { (x - lo) / (hi - lo) } else { 0.5 };
                (colour(t), format!("{office}: {label}"))
            }
            _ => ("#cccccc".to_string(), format!("{office}: no value")),
        };
        let states: Vec<&str> =
            tiles.iter().filter(|t| t.office == office).map(|t| t.state.as_str()).collect();
        let _ = write!(
            s,
            "<g class=\"aor\" data-office=\"{o}\"><title>{h} ({st})</title>",
            o = esc(office),
            h = esc(&hover),
            st = states.join(", ")
        );
        for t in tiles.iter().filter(|t| t.office == office) {
            let (x, y) = (6.0 + t.col as f64 * (TILE + GAP), 30.0 + t.row as f64 * (TILE + GAP));
            let ink = if fill.starts_with("#0") || fill.starts_with("#1") || fill.starts_with("#2")
            {
                "#ffffff"
            } else {
                "#222222"
            };
            let _ = write!(
                s,
                "<rect class=\"data\" x=\"{x:.0}\" y=\"{y:.0}\" width=\"{TILE}\" height=\"{TILE}\" \
                 fill=\"{fill}\"/><text x=\"{:.0}\" y=\"{:.0}\" font-size=\"11\" \
                 text-anchor=\"middle\" fill=\"{ink}\">{}</text>",
                x + TILE / 2.0,
                y + TILE / 2.0 + 4.0,
                esc(&t.state)
            );
        }
        s += "</g>";
    }
    s += "</svg>";
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tiles_cover_25_areas_and_every_state_once() {
        let t = tiles();
        assert_eq!(t.len(), AOR_TILES.lines().count() - 1, "every line parses");
        let mut offices: Vec<&str> = t.iter().map(|t| t.office.as_str()).collect();
        offices.sort_unstable();
        offices.dedup();
        assert_eq!(offices.len(), 25);
        let mut states: Vec<&str> = t.iter().map(|t| t.state.as_str()).collect();
        states.sort_unstable();
        states.dedup();
        assert_eq!(states.len(), 51, "50 states and DC");
        let mut cells: Vec<(u32, u32)> = t.iter().map(|t| (t.col, t.row)).collect();
        cells.sort_unstable();
        cells.dedup();
        assert_eq!(cells.len(), t.len(), "no two tiles overlap");
    }

    #[test]
    fn each_area_has_a_title_with_its_value() {
        let v = vec![("Chicago".to_string(), 84.0, "84/day".to_string())];
        let s = svg("m", "Arrests", &v);
        assert_eq!(s.matches("<g class=\"aor\"").count(), 25);
        assert!(s.contains("<title>Chicago: 84/day (WI, IL, IN, MO, KY, KS)</title>"), "{s}");
        assert!(s.contains("<title>Miami: no value (FL)</title>"));
    }
}

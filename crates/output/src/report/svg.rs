//! Charts as hand-written inline SVG: line and band charts over dates or days, stacked
//! areas (bands between cumulative sums) and grouped horizontal bars with 95% whiskers.
//!
//! Hand-written rather than plotters because the report needs filled 95% bands and
//! stacked areas (plotters' `area_series` is outside the feature set we allow), CSS
//! classes on every element (one stylesheet styles all charts; tests find data marks by
//! class), labels laid out without font files, and compact output that is byte-identical
//! between runs. Colours are the Okabe–Ito palette, which stays distinguishable under the
//! common colour-vision deficiencies. Styles live in the page's stylesheet
//! (`html::CSS`); the markup names classes only.

use std::fmt::Write;

use model::Date;

/// Baseline, what-if.
pub(crate) const RUN_COLOURS: [&str; 2] = ["#0072B2", "#D55E00"];
/// Layers of stacked areas, bottom first (Okabe–Ito).
pub(crate) const STACK_COLOURS: [&str; 6] =
    ["#56B4E9", "#E69F00", "#009E73", "#CC79A7", "#0072B2", "#D55E00"];
/// Targets and reference lines.
pub(crate) const INK: &str = "#222222";

/// How axis values are written.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Fmt {
    /// People, beds, days: `1,200`, `12k`, `1.5M`.
    Count,
    /// A share in [0, 1] as a percentage.
    Share,
    /// US dollars: `$300M`, `$1.2B`.
    Usd,
}

/// Chart sizes (SVG user units; the page scales them to the column width).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Size {
    /// One chart across the page.
    Wide,
    /// Two charts side by side.
    Half,
    /// One of the office small multiples.
    Mini,
}

impl Size {
    fn dims(self) -> (f64, f64) {
        match self {
            Size::Wide => (960.0, 340.0),
            Size::Half => (560.0, 300.0),
            Size::Mini => (236.0, 150.0),
        }
    }
}

/// The horizontal axis.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum XAxis {
    /// x values are days since 1970-01-01; ticks at month starts.
    Dates,
    /// Plain numbers.
    Linear(Fmt),
}

/// Something drawn in the plot area. Every layer is a data mark (class `data`).
#[derive(Clone, Debug)]
pub(crate) enum Mark {
    /// A filled polygon (a 95% band, or one layer of a stack).
    Area { pts: Vec<(f64, f64)>, fill: &'static str, opacity: f64 },
    /// A polyline; non-finite points break it.
    Line { pts: Vec<(f64, f64)>, stroke: &'static str, width: f64, dash: bool },
    /// A labelled point.
    Dot { x: f64, y: f64, fill: &'static str, label: String },
}

/// How a legend entry is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Key {
    /// A dashed line.
    Dashed,
    /// A filled square.
    Fill,
    /// A pale filled square (for pale areas such as capacity).
    Pale,
    /// A pale fill behind a line (mean and 95% band).
    Band,
}

/// One legend entry.
#[derive(Clone, Debug)]
pub(crate) struct Legend {
    /// Text.
    pub label: String,
    /// Colour of the swatch.
    pub colour: &'static str,
    /// Swatch shape.
    pub key: Key,
}

impl Legend {
    pub fn new(label: impl Into<String>, colour: &'static str, key: Key) -> Legend {
        Legend { label: label.into(), colour, key }
    }
}

/// A chart with one y axis.
#[derive(Clone, Debug)]
pub(crate) struct Chart {
    /// Unique element id (also used for the clip path).
    pub id: String,
    /// Title drawn at the top.
    pub title: String,
    /// Vertical axis label, with the unit.
    pub y_label: String,
    /// Horizontal axis label, with the unit.
    pub x_label: String,
    /// Horizontal axis kind.
    pub x: XAxis,
    /// Vertical axis format.
    pub y_fmt: Fmt,
    /// Size.
    pub size: Size,
    /// Fixed vertical maximum (to share a scale between panels); else from the data.
    pub y_max: Option<f64>,
    /// Fixed horizontal range; else from the data.
    pub x_range: Option<(f64, f64)>,
    /// Data marks, drawn in order.
    pub marks: Vec<Mark>,
    /// Legend entries.
    pub legend: Vec<Legend>,
}

impl Chart {
    /// An empty chart.
    pub fn new(id: &str, title: &str, y_label: &str, x_label: &str, size: Size) -> Chart {
        Chart {
            id: id.into(),
            title: title.into(),
            y_label: y_label.into(),
            x_label: x_label.into(),
            x: XAxis::Dates,
            y_fmt: Fmt::Count,
            size,
            y_max: None,
            x_range: None,
            marks: Vec::new(),
            legend: Vec::new(),
        }
    }

    /// The largest y value of the marks (0 if none).
    pub fn data_y_max(&self) -> f64 {
        self.points().map(|p| p.1).filter(|y| y.is_finite()).fold(0.0, f64::max)
    }

    fn points(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        self.marks.iter().flat_map(|m| match m {
            Mark::Area { pts, .. } | Mark::Line { pts, .. } => pts.clone(),
            Mark::Dot { x, y, .. } => vec![(*x, *y)],
        })
    }

    /// Renders the chart as an `<svg>` element.
    pub fn render(&self) -> String {
        let (w, h) = self.size.dims();
        let mini = self.size == Size::Mini;
        let legend_rows = layout_legend(&self.legend, w - 24.0);
        let n_rows = legend_rows.iter().map(|r| r.1).fold(0, usize::max);
        let title_lines = if mini { vec![self.title.clone()] } else { wrap(&self.title, w - 24.0) };
        let extra = 17.0 * (title_lines.len() as f64 - 1.0);
        let top = if mini { 24.0 } else { 30.0 + 17.0 * n_rows as f64 + 14.0 + extra };
        let (left, right, bottom) = if mini { (38.0, 8.0, 20.0) } else { (66.0, 18.0, 46.0) };
        let (pw, ph) = (w - left - right, h - top - bottom);

        let (x0, x1) = self.x_range.unwrap_or_else(|| {
            let (lo, hi) = self
                .points()
                .map(|p| p.0)
                .filter(|x| x.is_finite())
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| (a.min(x), b.max(x)));
            if lo.is_finite() { (lo, if hi > lo { hi } else { lo + 1.0 }) } else { (0.0, 1.0) }
        });
        let y_top = self.y_max.unwrap_or_else(|| self.data_y_max());
        let y_ticks = ticks(0.0, y_top, if mini { 3 } else { 5 });
        let y1 = *y_ticks.last().unwrap_or(&1.0);
        let sx = |x: f64| left + (x - x0) / (x1 - x0) * pw;
        let sy = |y: f64| top + ph - y / y1 * ph;

        let id = &self.id;
        let mut s = String::with_capacity(4096);
        let class = if mini { "chart mini" } else { "chart" };
        let _ = write!(
            s,
            "<svg class=\"{class}\" id=\"{id}\" viewBox=\"0 0 {w} {h}\" role=\"img\" \
             aria-labelledby=\"{id}-t\"><title id=\"{id}-t\">{}</title>",
            esc(&self.title)
        );
        let _ = write!(
            s,
            "<defs><clipPath id=\"{id}-c\"><rect x=\"{left}\" y=\"{top:.1}\" width=\"{pw}\" \
             height=\"{ph:.1}\"/></clipPath></defs>"
        );
        for (i, line) in title_lines.iter().enumerate() {
            let _ = write!(
                s,
                "<text class=\"t\" x=\"{}\" y=\"{}\">{}</text>",
                if mini { 4.0 } else { 12.0 },
                if mini { 14.0 } else { 20.0 + 17.0 * i as f64 },
                esc(line)
            );
        }
        for (item, (x, row)) in self.legend.iter().zip(&legend_rows) {
            legend_item(&mut s, item, 12.0 + x, 30.0 + extra + 17.0 * *row as f64);
        }

        // Grid and y ticks.
        let step = if y_ticks.len() > 1 { y_ticks[1] - y_ticks[0] } else { 1.0 };
        for t in &y_ticks {
            let y = sy(*t);
            let _ = write!(
                s,
                "<line class=\"grid\" x1=\"{left}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\"/>\
                 <text class=\"yt\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                left + pw,
                left - 5.0,
                y + 3.5,
                fmt_value(*t, self.y_fmt, step, y1)
            );
        }
        self.write_x_ticks(&mut s, (x0, x1), &sx, top + ph);
        let _ = write!(
            s,
            "<path class=\"axis\" d=\"M{left},{top:.1}V{:.1}H{:.1}\"/>",
            top + ph,
            left + pw
        );

        self.write_marks(&mut s, &sx, &sy, left + pw * 0.8);
        if !mini {
            let _ = write!(
                s,
                "<text class=\"al\" transform=\"translate(14,{:.1}) rotate(-90)\">{}</text>",
                top + ph / 2.0,
                esc(&self.y_label)
            );
            let _ = write!(
                s,
                "<text class=\"al\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                left + pw / 2.0,
                h - 4.0,
                esc(&self.x_label)
            );
        }
        s += "</svg>";
        s
    }

    /// The x-axis ticks and labels, below the plot whose bottom edge is at `base`.
    fn write_x_ticks(
        &self,
        s: &mut String,
        (x0, x1): (f64, f64),
        sx: &dyn Fn(f64) -> f64,
        base: f64,
    ) {
        let mini = self.size == Size::Mini;
        match self.x {
            XAxis::Dates => {
                let max_ticks = match self.size {
                    Size::Mini => 4,
                    Size::Half => 7,
                    Size::Wide => 14,
                };
                for (x, label, year) in date_ticks(x0, x1, max_ticks) {
                    let px = sx(x);
                    let _ = write!(
                        s,
                        "<line class=\"tick\" x1=\"{px:.1}\" x2=\"{px:.1}\" y1=\"{:.1}\" \
                         y2=\"{:.1}\"/><text class=\"xt\" x=\"{px:.1}\" y=\"{:.1}\">{label}</text>",
                        base,
                        base + 4.0,
                        base + 14.0
                    );
                    if let Some(year) = year.filter(|_| !mini) {
                        let _ = write!(
                            s,
                            "<text class=\"xt yr\" x=\"{px:.1}\" y=\"{:.1}\">{year}</text>",
                            base + 26.0
                        );
                    }
                }
            }
            XAxis::Linear(fmt) => {
                let xt = ticks(x0, x1, if mini { 3 } else { 8 });
                let step = if xt.len() > 1 { xt[1] - xt[0] } else { 1.0 };
                for t in xt.iter().filter(|t| **t >= x0 - 1e-9 && **t <= x1 + 1e-9) {
                    let px = sx(*t);
                    let _ = write!(
                        s,
                        "<line class=\"tick\" x1=\"{px:.1}\" x2=\"{px:.1}\" y1=\"{:.1}\" \
                         y2=\"{:.1}\"/><text class=\"xt\" x=\"{px:.1}\" y=\"{:.1}\">{}</text>",
                        base,
                        base + 4.0,
                        base + 14.0,
                        fmt_value(*t, fmt, step, x1)
                    );
                }
            }
        }
    }

    /// The marks: areas and lines clipped to the plot, then dots and their labels above
    /// them (a label right of `flip_x` is drawn to the left of its dot).
    fn write_marks(
        &self,
        s: &mut String,
        sx: &dyn Fn(f64) -> f64,
        sy: &dyn Fn(f64) -> f64,
        flip_x: f64,
    ) {
        let id = &self.id;
        let _ = write!(s, "<g clip-path=\"url(#{id}-c)\">");
        for m in &self.marks {
            match m {
                Mark::Area { pts, fill, opacity } => {
                    let d = path(pts.iter().map(|&(x, y)| (sx(x), sy(y))), true);
                    if !d.is_empty() {
                        let _ = write!(
                            s,
                            "<path class=\"data area\" d=\"{d}\" fill=\"{fill}\" \
                             fill-opacity=\"{opacity}\"/>"
                        );
                    }
                }
                Mark::Line { pts, stroke, width, dash } => {
                    let d = path(pts.iter().map(|&(x, y)| (sx(x), sy(y))), false);
                    if !d.is_empty() {
                        let dash = if *dash { " stroke-dasharray=\"6 4\"" } else { "" };
                        let _ = write!(
                            s,
                            "<path class=\"data line\" d=\"{d}\" stroke=\"{stroke}\" \
                             stroke-width=\"{width}\"{dash}/>"
                        );
                    }
                }
                Mark::Dot { .. } => {}
            }
        }
        *s += "</g>";
        // Dots and their labels sit above the lines and are not clipped.
        for m in &self.marks {
            if let Mark::Dot { x, y, fill, label } = m {
                let (px, py) = (sx(*x), sy(*y));
                if px.is_finite() && py.is_finite() && label.is_empty() {
                    let _ = write!(
                        s,
                        "<circle class=\"data dot\" cx=\"{px:.1}\" cy=\"{py:.1}\" r=\"3.5\" \
                         fill=\"{fill}\"/>"
                    );
                } else if px.is_finite() && py.is_finite() {
                    // Below and to the right of the point: rising curves leave that
                    // corner free.
                    let anchor = if px > flip_x { "end" } else { "start" };
                    let dx = if anchor == "end" { -6.0 } else { 7.0 };
                    let _ = write!(
                        s,
                        "<circle class=\"data dot\" cx=\"{px:.1}\" cy=\"{py:.1}\" r=\"3.5\" \
                         fill=\"{fill}\"/><text class=\"dl\" x=\"{:.1}\" y=\"{:.1}\" \
                         text-anchor=\"{anchor}\">{}</text>",
                        px + dx,
                        py + 14.0,
                        esc(label)
                    );
                }
            }
        }
    }
}

/// Points for a band between `lo` and `hi` over `xs` (a closed polygon).
pub(crate) fn band(xs: &[f64], lo: &[f64], hi: &[f64]) -> Vec<(f64, f64)> {
    let mut pts: Vec<(f64, f64)> = xs.iter().zip(hi).map(|(x, y)| (*x, *y)).collect();
    pts.extend(xs.iter().zip(lo).rev().map(|(x, y)| (*x, *y)));
    pts
}

/// Points of a line.
pub(crate) fn line(xs: &[f64], ys: &[f64]) -> Vec<(f64, f64)> {
    xs.iter().zip(ys).map(|(x, y)| (*x, *y)).collect()
}

/// Path data through the points; a non-finite point starts a new piece.
fn path(pts: impl Iterator<Item = (f64, f64)>, close: bool) -> String {
    let mut d = String::new();
    let mut pen_down = false;
    for (x, y) in pts {
        if !(x.is_finite() && y.is_finite()) {
            pen_down = false;
            continue;
        }
        let _ = write!(d, "{}{x:.1},{y:.1}", if pen_down { 'L' } else { 'M' });
        pen_down = true;
    }
    if close && !d.is_empty() {
        d.push('Z');
    }
    d
}

/// The title in at most two lines that fit `width` at the title's 14 px bold, broken
/// at " — " if there is one, else at the last space that fits.
fn wrap(title: &str, width: f64) -> Vec<String> {
    let fits = |t: &str| t.chars().count() as f64 * 8.2 <= width;
    if fits(title) {
        return vec![title.to_string()];
    }
    if let Some((a, b)) = title.split_once(" — ") {
        return vec![a.to_string(), b.to_string()];
    }
    let mut cut = None;
    for (i, c) in title.char_indices() {
        if c == ' ' && fits(&title[..i]) {
            cut = Some(i);
        }
    }
    match cut {
        Some(i) => vec![title[..i].to_string(), title[i + 1..].to_string()],
        None => vec![title.to_string()],
    }
}

/// Roughly how wide `text` is at the legend's 11 px (no font metrics needed: the page's
/// sans-serif averages a little under 0.6 em per character).
fn text_width(text: &str) -> f64 {
    text.chars().count() as f64 * 6.3
}

/// `(x offset, row)` of each legend entry, wrapping at `width`.
fn layout_legend(items: &[Legend], width: f64) -> Vec<(f64, usize)> {
    let mut out = Vec::with_capacity(items.len());
    let (mut x, mut row) = (0.0, 0usize);
    for item in items {
        let w = 26.0 + text_width(&item.label) + 16.0;
        if x > 0.0 && x + w > width {
            x = 0.0;
            row += 1;
        }
        out.push((x, row + 1));
        x += w;
    }
    out
}

fn legend_item(s: &mut String, item: &Legend, x: f64, y: f64) {
    let c = item.colour;
    let cy = y - 4.0;
    let _ = match item.key {
        Key::Dashed => write!(
            s,
            "<line x1=\"{x:.1}\" x2=\"{:.1}\" y1=\"{cy:.1}\" y2=\"{cy:.1}\" stroke=\"{c}\" \
             stroke-width=\"2\" stroke-dasharray=\"6 4\"/>",
            x + 20.0
        ),
        Key::Fill => write!(
            s,
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"20\" height=\"10\" fill=\"{c}\" \
             fill-opacity=\"0.85\"/>",
            cy - 5.0
        ),
        Key::Pale => write!(
            s,
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"20\" height=\"10\" fill=\"{c}\" \
             fill-opacity=\"0.4\"/>",
            cy - 5.0
        ),
        Key::Band => write!(
            s,
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"20\" height=\"10\" fill=\"{c}\" \
             fill-opacity=\"0.2\"/><line x1=\"{x:.1}\" x2=\"{:.1}\" y1=\"{cy:.1}\" \
             y2=\"{cy:.1}\" stroke=\"{c}\" stroke-width=\"2.5\"/>",
            cy - 5.0,
            x + 20.0
        ),
    };
    let _ = write!(
        s,
        "<text class=\"lg\" x=\"{:.1}\" y=\"{y:.1}\">{}</text>",
        x + 26.0,
        esc(&item.label)
    );
}

/// A step of 1, 2, 2.5 or 5 times a power of ten giving about `n` intervals.
fn nice_step(range: f64, n: usize) -> f64 {
    let raw = range / n.max(1) as f64;
    if raw.is_nan() || raw <= 0.0 || !raw.is_finite() {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    let f = raw / mag;
    let nice = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 2.5 {
        2.5
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

/// Round tick values covering `[lo, hi]`: from `lo` rounded down to the last tick at or
/// above `hi`.
pub(crate) fn ticks(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    let hi = if hi > lo { hi } else { lo + 1.0 };
    let step = nice_step(hi - lo, n);
    let first = (lo / step).floor();
    let last = (hi / step - 1e-9).ceil();
    (0..=((last - first) as usize).min(50)).map(|i| (first + i as f64) * step).collect()
}

/// Month-start ticks between two day numbers: `(day, month label, year label on January
/// and the first tick)`. Thinned to at most `max` ticks.
fn date_ticks(x0: f64, x1: f64, max: usize) -> Vec<(f64, &'static str, Option<i32>)> {
    const MONTHS: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let start = Date::from_days(x0.ceil() as i32);
    let (mut y, mut m, d) = start.ymd();
    if d != 1 {
        m += 1;
        if m > 12 {
            m = 1;
            y += 1;
        }
    }
    let mut all = Vec::new();
    while let Some(date) = Date::from_ymd(y, m, 1) {
        let x = date.days_since_epoch() as f64;
        if x > x1 {
            break;
        }
        all.push((x, m, y));
        m += 1;
        if m > 12 {
            m = 1;
            y += 1;
        }
    }
    // Every 1, 2, 3, 6 or 12 months, counted from the first tick, so a fiscal year
    // starting in October keeps its quarter starts.
    let every = match all.len().div_ceil(max.max(1)).max(1) {
        1 => 1,
        2 => 2,
        3 => 3,
        4..=6 => 6,
        _ => 12,
    };
    let mut out = Vec::new();
    let mut last_year = None;
    for (i, (x, m, y)) in all.into_iter().enumerate() {
        if i % every != 0 {
            continue;
        }
        // The year under the first tick and under the first tick of each new year.
        let year = if last_year != Some(y) { Some(y) } else { None };
        last_year = Some(y);
        out.push((x, MONTHS[m as usize - 1], year));
    }
    out
}

/// A tick label; `step` decides decimals and `top` the scale (k, M, B).
pub(crate) fn fmt_value(v: f64, fmt: Fmt, step: f64, top: f64) -> String {
    let decimals = |scaled_step: f64| {
        if scaled_step >= 1.0 || scaled_step <= 0.0 {
            0
        } else if scaled_step >= 0.1 {
            1
        } else {
            2
        }
    };
    let scaled = |prefix: &str, top: f64| {
        let (div, suffix) = if top >= 1e9 {
            (1e9, "B")
        } else if top >= 1e6 {
            (1e6, "M")
        } else if top >= 1e4 {
            (1e3, "k")
        } else {
            (1.0, "")
        };
        let body = format!("{:.*}", decimals(step / div), v / div);
        let body = if div == 1.0 { crate::units::group(&body) } else { body };
        format!("{prefix}{body}{suffix}")
    };
    if v == 0.0 {
        return if fmt == Fmt::Usd {
            "$0".into()
        } else if fmt == Fmt::Share {
            "0%".into()
        } else {
            "0".into()
        };
    }
    match fmt {
        Fmt::Count => scaled("", top.abs()),
        Fmt::Usd => scaled("$", top.abs()),
        Fmt::Share => format!("{:.*}%", decimals(step * 100.0), v * 100.0),
    }
}

/// Escapes text for HTML and SVG content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One group of horizontal bars with 95% whiskers.
#[derive(Clone, Debug)]
pub(crate) struct BarSeries {
    /// Legend label (the run).
    pub label: String,
    /// Bar colour.
    pub colour: &'static str,
    /// `(mean, lo, hi)` per category.
    pub values: Vec<(f64, f64, f64)>,
}

/// Horizontal grouped bars: one row per category, one bar per series.
pub(crate) fn bars(
    id: &str,
    title: &str,
    x_label: &str,
    fmt: Fmt,
    categories: &[String],
    series: &[BarSeries],
    value_label: &dyn Fn(f64) -> String,
) -> String {
    let w = 960.0;
    // Room for the longest category label (11px text, ~6.3 units a character).
    let longest = categories.iter().map(|c| c.chars().count()).max().unwrap_or(0);
    let left = (6.3 * longest as f64 + 16.0).clamp(190.0, 420.0);
    let right = 90.0;
    let bar_h = 16.0;
    let gap = 12.0;
    let legend: Vec<Legend> =
        series.iter().map(|b| Legend::new(b.label.clone(), b.colour, Key::Fill)).collect();
    let rows = layout_legend(&legend, w - 24.0);
    let top = 30.0 + 17.0 * rows.iter().map(|r| r.1).fold(0, usize::max) as f64 + 14.0;
    let group_h = bar_h * series.len() as f64 + gap;
    let ph = group_h * categories.len() as f64;
    let h = top + ph + 40.0;
    let pw = w - left - right;
    let max = series
        .iter()
        .flat_map(|b| b.values.iter().map(|v| v.2.max(v.0)))
        .filter(|x| x.is_finite())
        .fold(0.0, f64::max);
    let xt = ticks(0.0, max, 6);
    let x1 = *xt.last().unwrap_or(&1.0);
    let step = if xt.len() > 1 { xt[1] - xt[0] } else { 1.0 };
    let sx = |x: f64| left + x.max(0.0) / x1 * pw;

    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"chart\" id=\"{id}\" viewBox=\"0 0 {w} {h:.1}\" role=\"img\" \
         aria-labelledby=\"{id}-t\"><title id=\"{id}-t\">{t}</title>\
         <text class=\"t\" x=\"12\" y=\"20\">{t}</text>",
        t = esc(title)
    );
    for (item, (x, row)) in legend.iter().zip(&rows) {
        legend_item(&mut s, item, 12.0 + x, 30.0 + 17.0 * *row as f64);
    }
    for t in &xt {
        let x = sx(*t);
        let _ = write!(
            s,
            "<line class=\"grid\" x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{top:.1}\" y2=\"{:.1}\"/>\
             <text class=\"xt\" x=\"{x:.1}\" y=\"{:.1}\">{}</text>",
            top + ph,
            top + ph + 14.0,
            fmt_value(*t, fmt, step, x1)
        );
    }
    for (c, cat) in categories.iter().enumerate() {
        let gy = top + c as f64 * group_h + gap / 2.0;
        let _ = write!(
            s,
            "<text class=\"yt\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            left - 8.0,
            gy + group_h / 2.0 - gap / 2.0 + 4.0,
            esc(cat)
        );
        for (i, b) in series.iter().enumerate() {
            let (mean, lo, hi) = b.values.get(c).copied().unwrap_or((0.0, 0.0, 0.0));
            let y = gy + i as f64 * bar_h;
            let _ = write!(
                s,
                "<rect class=\"data bar\" x=\"{left}\" y=\"{:.1}\" width=\"{:.1}\" \
                 height=\"{:.1}\" fill=\"{}\"><title>{}: {}</title></rect>",
                y + 1.0,
                (sx(mean) - left).max(0.5),
                bar_h - 2.0,
                b.colour,
                esc(&b.label),
                value_label(mean)
            );
            let cy = y + bar_h / 2.0;
            if hi > lo {
                let _ = write!(
                    s,
                    "<path class=\"whisker\" d=\"M{:.1},{cy:.1}H{:.1}M{:.1},{:.1}V{:.1}\
                     M{:.1},{:.1}V{:.1}\"/>",
                    sx(lo),
                    sx(hi),
                    sx(lo),
                    cy - 4.0,
                    cy + 4.0,
                    sx(hi),
                    cy - 4.0,
                    cy + 4.0
                );
            }
            let _ = write!(
                s,
                "<text class=\"dl\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                sx(hi.max(mean)) + 6.0,
                cy + 4.0,
                value_label(mean)
            );
        }
    }
    let _ = write!(
        s,
        "<path class=\"axis\" d=\"M{left},{top:.1}V{:.1}H{:.1}\"/>\
         <text class=\"al\" x=\"{:.1}\" y=\"{:.1}\">{}</text></svg>",
        top + ph,
        left + pw,
        left + pw / 2.0,
        h - 6.0,
        esc(x_label)
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(ticks(0.0, 2870.0, 5), vec![0.0, 1000.0, 2000.0, 3000.0]);
        assert_eq!(ticks(0.0, 2400.0, 5), vec![0.0, 500.0, 1000.0, 1500.0, 2000.0, 2500.0]);
        assert_eq!(ticks(0.0, 2500.0, 5), vec![0.0, 500.0, 1000.0, 1500.0, 2000.0, 2500.0]);
        assert_eq!(ticks(0.0, 1.0, 5), vec![0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0]);
        assert_eq!(ticks(0.0, 0.0, 5).last(), Some(&1.0));
    }

    #[test]
    fn values_read_like_people_wrote_them() {
        assert_eq!(fmt_value(2500.0, Fmt::Count, 500.0, 3000.0), "2,500");
        assert_eq!(fmt_value(60_000.0, Fmt::Count, 20_000.0, 80_000.0), "60k");
        assert_eq!(fmt_value(1.5e9, Fmt::Usd, 5e8, 2e9), "$1.5B");
        assert_eq!(fmt_value(0.45, Fmt::Share, 0.05, 0.5), "45%");
        assert_eq!(fmt_value(0.025, Fmt::Share, 0.005, 0.05), "2.5%");
    }

    #[test]
    fn month_ticks_start_on_the_first_and_label_the_year_once() {
        let x0 = Date::parse("2024-10-01").unwrap().days_since_epoch() as f64;
        let t = date_ticks(x0, x0 + 364.0, 14);
        assert_eq!(t.len(), 12);
        assert_eq!((t[0].1, t[0].2), ("Oct", Some(2024)));
        assert_eq!((t[3].1, t[3].2), ("Jan", Some(2025)));
        assert_eq!(t[4].2, None);
        assert_eq!(
            date_ticks(x0, x0 + 364.0, 4).iter().map(|t| t.1).collect::<Vec<_>>(),
            ["Oct", "Jan", "Apr", "Jul"]
        );
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(esc("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
    }
}

//! A standalone SVG chart of the budget frontier: objective against budget, one marker
//! per point with a plan (hollow when time-limited), points without a plan marked on
//! the budget axis, labelled axes. Plain text, deterministic, no script, no fonts to load.

use std::fmt::Write;

/// One point of the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartPoint {
    pub budget: f64,
    /// `None`: no plan at this budget (infeasible or time limit without a plan).
    pub objective: Option<f64>,
    /// `optimal`, `feasible`, `infeasible`, `time_limit`.
    pub status: String,
}

const W: f64 = 760.0;
const H: f64 = 460.0;
const LEFT: f64 = 90.0;
const RIGHT: f64 = 30.0;
const TOP: f64 = 60.0;
const BOTTOM: f64 = 70.0;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A number for a label: thousands separated by a space, at most 2 decimals.
pub fn label(x: f64) -> String {
    let r = (x * 100.0).round() / 100.0;
    let neg = r < 0.0;
    let s = format!("{:.2}", r.abs());
    let s = s.trim_end_matches('0').trim_end_matches('.');
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, format!(".{f}")),
        None => (s, String::new()),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(' ');
        }
        grouped.push(c);
    }
    format!("{}{grouped}{frac}", if neg { "-" } else { "" })
}

/// Round tick step of about a fifth of `span`: 1, 2 or 5 × 10^k.
fn tick_step(span: f64) -> f64 {
    let raw = (span / 5.0).max(f64::MIN_POSITIVE);
    let mag = 10f64.powf(raw.log10().floor());
    let f = raw / mag;
    let nice = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

fn ticks(lo: f64, hi: f64) -> Vec<f64> {
    let step = tick_step(hi - lo);
    let mut t = (lo / step).ceil() * step;
    let mut out = Vec::new();
    while t <= hi + step * 1e-9 && out.len() < 50 {
        out.push(if t.abs() < step * 1e-9 { 0.0 } else { t });
        t += step;
    }
    out
}

/// The SVG text of the frontier chart.
pub fn frontier_svg(title: &str, y_label: &str, points: &[ChartPoint]) -> String {
    let xs: Vec<f64> = points.iter().map(|p| p.budget).collect();
    let (mut x0, mut x1) = (
        xs.iter().copied().fold(f64::INFINITY, f64::min),
        xs.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    );
    if !x0.is_finite() {
        (x0, x1) = (0.0, 1.0);
    }
    if x1 - x0 <= 0.0 {
        let pad = (x0.abs() * 0.1).max(1.0);
        x0 -= pad;
        x1 += pad;
    } else {
        let pad = (x1 - x0) * 0.04;
        x0 -= pad;
        x1 += pad;
    }
    let ymax = points
        .iter()
        .filter_map(|p| p.objective)
        .fold(0.0, f64::max);
    let (y0, y1) = (0.0, if ymax > 0.0 { ymax * 1.08 } else { 1.0 });
    let pw = W - LEFT - RIGHT;
    let ph = H - TOP - BOTTOM;
    let sx = |x: f64| LEFT + (x - x0) / (x1 - x0) * pw;
    let sy = |y: f64| TOP + ph - (y - y0) / (y1 - y0) * ph;

    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" font-family="Helvetica, Arial, sans-serif" font-size="12">"#
    );
    let _ = writeln!(s, r#"<rect width="{W}" height="{H}" fill="white"/>"#);
    let _ = writeln!(
        s,
        r#"<text x="{LEFT}" y="24" font-size="16" font-weight="bold">{}</text>"#,
        esc(title)
    );
    // Grid and ticks.
    for t in ticks(y0, y1) {
        let y = sy(t);
        let _ = writeln!(
            s,
            r##"<line x1="{LEFT}" y1="{y:.2}" x2="{:.2}" y2="{y:.2}" stroke="#e3e3e3"/><text x="{:.2}" y="{:.2}" text-anchor="end">{}</text>"##,
            LEFT + pw,
            LEFT - 8.0,
            y + 4.0,
            label(t)
        );
    }
    for t in ticks(x0, x1) {
        let x = sx(t);
        let _ = writeln!(
            s,
            r##"<line x1="{x:.2}" y1="{TOP}" x2="{x:.2}" y2="{:.2}" stroke="#f0f0f0"/><text x="{x:.2}" y="{:.2}" text-anchor="middle">{}</text>"##,
            TOP + ph,
            TOP + ph + 18.0,
            label(t)
        );
    }
    // Axes and their labels.
    let _ = writeln!(
        s,
        r##"<line x1="{LEFT}" y1="{:.2}" x2="{:.2}" y2="{:.2}" stroke="#333"/><line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{:.2}" stroke="#333"/>"##,
        TOP + ph,
        LEFT + pw,
        TOP + ph,
        TOP + ph
    );
    let _ = writeln!(
        s,
        r#"<text x="{:.2}" y="{:.2}" text-anchor="middle" font-size="13">budget</text>"#,
        LEFT + pw / 2.0,
        H - 22.0
    );
    let _ = writeln!(
        s,
        r#"<text x="{:.2}" y="{:.2}" text-anchor="middle" font-size="13">{}</text>"#,
        LEFT,
        TOP - 10.0,
        esc(y_label)
    );
    // The frontier line through the points with a plan.
    let line: Vec<String> = points
        .iter()
        .filter_map(|p| {
            p.objective
                .map(|o| format!("{:.2},{:.2}", sx(p.budget), sy(o)))
        })
        .collect();
    if line.len() > 1 {
        let _ = writeln!(
            s,
            r##"<polyline points="{}" fill="none" stroke="#1f77b4" stroke-width="2"/>"##,
            line.join(" ")
        );
    }
    for p in points {
        let x = sx(p.budget);
        match p.objective {
            Some(o) => {
                let fill = if p.status == "optimal" {
                    "#1f77b4"
                } else {
                    "white"
                };
                let _ = writeln!(
                    s,
                    r##"<g><title>budget {}: objective {} ({})</title><circle cx="{x:.2}" cy="{:.2}" r="4" fill="{fill}" stroke="#1f77b4" stroke-width="2"/></g>"##,
                    label(p.budget),
                    label(o),
                    esc(&p.status),
                    sy(o)
                );
            }
            None => {
                let y = sy(0.0);
                let _ = writeln!(
                    s,
                    r##"<g><title>budget {}: {}</title><path d="M{:.2},{:.2}L{:.2},{:.2}M{:.2},{:.2}L{:.2},{:.2}" stroke="#d62728" stroke-width="2"/></g>"##,
                    label(p.budget),
                    esc(&p.status),
                    x - 5.0,
                    y - 5.0,
                    x + 5.0,
                    y + 5.0,
                    x - 5.0,
                    y + 5.0,
                    x + 5.0,
                    y - 5.0
                );
            }
        }
    }
    // Legend, top right.
    let ly = TOP - 12.0;
    let _ = writeln!(
        s,
        r##"<g font-size="11"><circle cx="{:.2}" cy="{:.2}" r="4" fill="#1f77b4"/><text x="{:.2}" y="{:.2}">optimal</text><circle cx="{:.2}" cy="{:.2}" r="4" fill="white" stroke="#1f77b4" stroke-width="2"/><text x="{:.2}" y="{:.2}">at the time limit</text><path d="M{:.2},{:.2}l8,8m0,-8l-8,8" stroke="#d62728" stroke-width="2"/><text x="{:.2}" y="{:.2}">no plan</text></g>"##,
        W - 300.0,
        ly - 4.0,
        W - 292.0,
        ly,
        W - 230.0,
        ly - 4.0,
        W - 222.0,
        ly,
        W - 112.0,
        ly - 8.0,
        W - 100.0,
        ly
    );
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_group_thousands() {
        assert_eq!(label(12500.0), "12 500");
        assert_eq!(label(0.5), "0.5");
        assert_eq!(label(-1234567.25), "-1 234 567.25");
    }

    #[test]
    fn ticks_are_round() {
        assert_eq!(ticks(0.0, 10.0), vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
        assert_eq!(tick_step(12000.0), 5000.0);
    }

    #[test]
    fn svg_is_standalone_and_marks_every_point() {
        let pts = vec![
            ChartPoint {
                budget: 100.0,
                objective: None,
                status: "infeasible".into(),
            },
            ChartPoint {
                budget: 200.0,
                objective: Some(50.0),
                status: "optimal".into(),
            },
            ChartPoint {
                budget: 300.0,
                objective: Some(60.0),
                status: "feasible".into(),
            },
        ];
        let svg = frontier_svg("t <&>", "objective", &pts);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.ends_with("</svg>\n"));
        assert_eq!(svg.matches("<circle").count(), 2 + 2);
        assert_eq!(svg.matches("<path").count(), 1 + 1);
        assert!(svg.contains("budget 100: infeasible"));
        assert!(svg.contains("t &lt;&amp;&gt;"));
        assert!(!svg.contains("<script"));
    }
}

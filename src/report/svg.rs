//! The report's charts as inline SVG: pure functions from chart data to markup.
//!
//! Every period chart (roadmap, heatmap, budget) shares one [`Axis`]: a label column,
//! then one column per period, so that the columns line up down the page. Geometry
//! ([`Axis::bar`], [`heat_fill`], [`nice_max`]) is separate from drawing and tested.
//! Hover texts are SVG `<title>` elements: the page has no script.

use super::html::{Html, N};
use super::numbers::{amount, pct};

/// Width of the label column (project names, skill names, y-axis ticks).
pub const LABEL_W: f64 = 300.0;
/// Room right of the last period.
pub const RIGHT_PAD: f64 = 24.0;
/// Space between a bar and its period boundaries.
pub const INSET: f64 = 1.5;
/// Height of one roadmap row.
pub const ROW_H: f64 = 20.0;
/// Height of a roadmap bar.
pub const BAR_H: f64 = 12.0;
/// Height of one heatmap row.
pub const CELL_H: f64 = 34.0;
/// Height of a roadmap group's summary line.
pub const STRIP_H: f64 = 38.0;
/// Number of category colours (classes `c0`…`c7`; `c8` is "no category").
pub const PALETTE: usize = 8;

/// The period axis: a label column then one column per period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Axis {
    pub periods: usize,
    /// x of the first period.
    pub left: f64,
    /// Width of one period.
    pub col: f64,
}

impl Axis {
    /// About 960 px for the periods, each between 6 and 80 px wide.
    pub fn new(periods: usize) -> Axis {
        Axis {
            periods,
            left: LABEL_W,
            col: (960.0 / periods.max(1) as f64).clamp(6.0, 80.0),
        }
    }

    /// x of the start of period `t` (`t == periods`: the end of the horizon).
    pub fn x(&self, t: usize) -> f64 {
        self.left + t as f64 * self.col
    }

    /// Centre of period `t`.
    pub fn mid(&self, t: usize) -> f64 {
        self.x(t) + self.col / 2.0
    }

    /// Width of a chart on this axis.
    pub fn width(&self) -> f64 {
        self.x(self.periods) + RIGHT_PAD
    }

    /// (x, width) of a bar running from `start` to `finish` inclusive (0-based), clipped
    /// to the horizon (a run past its end stops at the last period), inset from the
    /// period boundaries; at least 1 px wide.
    pub fn bar(&self, start: usize, finish: usize) -> (f64, f64) {
        let end = finish.saturating_add(1).min(self.periods);
        let s = start.min(end);
        let w = (end - s) as f64 * self.col - 2.0 * INSET;
        (self.x(s) + INSET, w.max(1.0))
    }

    /// Label every `step` periods so that labels (about 52 px) do not overlap.
    pub fn label_step(&self) -> usize {
        ((52.0 / self.col).ceil() as usize).max(1)
    }
}

/// The smallest "nice" number (1, 2, 2.5, 5 × 10^k) ≥ `x` (1 for x ≤ 0).
pub fn nice_max(x: f64) -> f64 {
    if !x.is_finite() || x <= 0.0 {
        return 1.0;
    }
    let p = 10f64.powf(x.log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if m * p >= x * (1.0 - 1e-12) {
            return m * p;
        }
    }
    10.0 * p
}

/// A value scale for values up to `x`: (top, step), the step the smallest nice number
/// (1, 2, 2.5 or 5 × 10^k) giving at most 5 intervals, the top the first multiple of it
/// ≥ `x`.
pub fn nice_scale(x: f64) -> (f64, f64) {
    if !x.is_finite() || x <= 0.0 {
        return (1.0, 0.25);
    }
    let step = nice_max(x / 5.0);
    let top = ((x / step) - 1e-9).ceil().max(1.0) * step;
    (top, step)
}

/// Fill of a heatmap cell: a light-to-dark blue ramp from 0 % to 100 % utilisation;
/// over-allocation (demand beyond what capacity and people's time can cover, possible
/// in a hand-edited plan) is red whatever the utilisation; no capacity and no demand is
/// grey.
pub fn heat_fill(utilisation: f64, over: bool) -> String {
    if over {
        return OVER_FILL.to_string();
    }
    if utilisation.is_nan() {
        return "#eeeeee".to_string();
    }
    const STOPS: [(f64, [f64; 3]); 4] = [
        (0.0, [247.0, 251.0, 255.0]),
        (0.5, [158.0, 202.0, 225.0]),
        (0.8, [66.0, 146.0, 198.0]),
        (1.0, [8.0, 69.0, 148.0]),
    ];
    let u = utilisation.clamp(0.0, 1.0);
    let i = STOPS.iter().rposition(|(s, _)| *s <= u).unwrap_or(0).min(2);
    let (s0, c0) = STOPS[i];
    let (s1, c1) = STOPS[i + 1];
    let f = ((u - s0) / (s1 - s0)).clamp(0.0, 1.0);
    let c: Vec<u8> = (0..3)
        .map(|k| (c0[k] + (c1[k] - c0[k]) * f).round() as u8)
        .collect();
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

/// The over-allocation colour (distinct from the blue ramp).
pub const OVER_FILL: &str = "#d7191c";

/// True when text on a cell of this fill should be white.
pub fn heat_text_light(utilisation: f64, over: bool) -> bool {
    over || utilisation >= 0.62
}

/// A quantity in little room: whole from 10 on, else one decimal at most.
pub fn short(x: f64) -> String {
    if x.abs() >= 10.0 {
        amount(x.round())
    } else {
        amount((x * 10.0).round() / 10.0)
    }
}

/// `text` cut to `max` characters with an ellipsis.
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut t: String = text.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn svg_open(h: &mut Html, class: &str, width: f64, height: f64, body: impl FnOnce(&mut Html)) {
    let vb = format!("0 0 {} {}", N(width), N(height));
    h.el(
        "svg",
        &[
            ("xmlns", &"http://www.w3.org/2000/svg"),
            ("class", &class),
            ("width", &N(width)),
            ("height", &N(height)),
            ("viewBox", &vb),
            ("role", &"img"),
        ],
        body,
    );
    h.nl();
}

/// Period labels above a chart.
pub fn period_axis(axis: &Axis, labels: &[String]) -> Html {
    let mut h = Html::new();
    let step = axis.label_step();
    svg_open(&mut h, "axis", axis.width(), 22.0, |h| {
        for (t, label) in labels.iter().enumerate().step_by(step) {
            h.leaf(
                "text",
                &[
                    ("x", &N(axis.mid(t))),
                    ("y", &15),
                    ("class", &"tick"),
                    ("text-anchor", &"middle"),
                ],
                label,
            );
        }
    });
    h
}

/// Vertical period boundaries as one path.
fn grid(h: &mut Html, axis: &Axis, top: f64, bottom: f64) {
    let mut d = String::new();
    for t in 0..=axis.periods {
        d.push_str(&format!("M{} {}V{}", N(axis.x(t)), N(top), N(bottom)));
    }
    h.empty("path", &[("class", &"grid"), ("d", &d)]);
}

// ---------------------------------------------------------------------------------
// Roadmap

/// One selected project on the roadmap.
#[derive(Debug, Clone, PartialEq)]
pub struct GanttBar {
    pub id: String,
    pub name: String,
    /// First and last period of the run (0-based; `finish` may lie past the horizon).
    pub start: usize,
    pub finish: usize,
    pub mandatory: bool,
    /// The project's own window: earliest start and deadline (0-based).
    pub earliest: usize,
    pub deadline: usize,
    /// Draw the deadline mark (the project has a deadline before the horizon's end).
    pub show_deadline: bool,
    /// The plan breaks a rule about this project (a hand-edited plan).
    pub violating: bool,
    pub tooltip: String,
}

/// A `precedes` arrow between two bars of one group (row indexes).
#[derive(Debug, Clone, PartialEq)]
pub struct GanttArrow {
    pub from: usize,
    pub to: usize,
    pub lag: i64,
    /// The successor starts too early (a hand-edited plan).
    pub broken: bool,
    pub title: String,
}

/// A `precedes` from a project of another group: a labelled stub at the bar's start.
#[derive(Debug, Clone, PartialEq)]
pub struct GanttIncoming {
    pub row: usize,
    pub from_id: String,
    pub broken: bool,
    pub title: String,
}

/// One category of the roadmap.
#[derive(Debug, Clone, PartialEq)]
pub struct GanttGroup {
    pub name: String,
    /// Colour class `c{colour}`.
    pub colour: usize,
    pub bars: Vec<GanttBar>,
    pub arrows: Vec<GanttArrow>,
    pub incoming: Vec<GanttIncoming>,
    /// e.g. `8/14 selected · value 3 360 · cost 3 780`.
    pub summary: String,
}

impl GanttGroup {
    /// Number of this group's projects running in each period.
    pub fn running(&self, periods: usize) -> Vec<usize> {
        let mut n = vec![0; periods];
        for b in &self.bars {
            let end = b.finish.saturating_add(1).min(periods);
            for c in n.iter_mut().take(end).skip(b.start) {
                *c += 1;
            }
        }
        n
    }
}

/// y of the top of row `i`.
pub fn row_y(i: usize) -> f64 {
    4.0 + i as f64 * ROW_H
}

/// The summary line of a group: its name and, per period, how many of its projects
/// run (a heat strip that stays readable when the group is folded).
pub fn group_summary(axis: &Axis, g: &GanttGroup) -> Html {
    let mut h = Html::new();
    let running = g.running(axis.periods);
    let max = running.iter().copied().max().unwrap_or(0).max(1);
    let colour = format!("c{}", g.colour);
    svg_open(&mut h, "strip", axis.width(), STRIP_H, |h| {
        h.leaf(
            "text",
            &[("x", &2), ("y", &16), ("class", &"chev open-mark")],
            "▾",
        );
        h.leaf(
            "text",
            &[("x", &2), ("y", &16), ("class", &"chev closed-mark")],
            "▸",
        );
        h.leaf(
            "text",
            &[("x", &16), ("y", &16), ("class", &"group-name")],
            &clip(&g.name, 40),
        );
        h.leaf(
            "text",
            &[("x", &16), ("y", &31), ("class", &"group-meta")],
            &clip(&g.summary, 50),
        );
        for (t, &n) in running.iter().enumerate() {
            if n == 0 {
                continue;
            }
            let class = format!("strip-cell {colour}");
            let opacity = 0.2 + 0.8 * n as f64 / max as f64;
            h.el("g", &[("class", &"strip-period")], |h| {
                h.leaf("title", &[], &format!("{}: {n} project(s) running", g.name));
                h.empty(
                    "rect",
                    &[
                        ("class", &class),
                        ("x", &N(axis.x(t) + 0.5)),
                        ("y", &5),
                        ("width", &N(axis.col - 1.0)),
                        ("height", &N(STRIP_H - 10.0)),
                        ("fill-opacity", &N(opacity)),
                    ],
                );
                if axis.col >= 16.0 {
                    let tc = if opacity > 0.6 {
                        "strip-n light"
                    } else {
                        "strip-n"
                    };
                    h.leaf(
                        "text",
                        &[
                            ("x", &N(axis.mid(t))),
                            ("y", &N(STRIP_H / 2.0 + 4.0)),
                            ("class", &tc),
                            ("text-anchor", &"middle"),
                        ],
                        &n.to_string(),
                    );
                }
            });
        }
    });
    h
}

/// The bars of one group, with windows, deadlines and dependency arrows.
pub fn group_bars(axis: &Axis, g: &GanttGroup) -> Html {
    let mut h = Html::new();
    let height = row_y(g.bars.len()) + 4.0;
    let colour = format!("c{}", g.colour);
    let label_chars = ((LABEL_W - 20.0) / 6.2) as usize;
    svg_open(&mut h, "gantt", axis.width(), height, |h| {
        for i in (1..g.bars.len()).step_by(2) {
            h.empty(
                "rect",
                &[
                    ("class", &"stripe"),
                    ("x", &0),
                    ("y", &N(row_y(i))),
                    ("width", &N(axis.width())),
                    ("height", &N(ROW_H)),
                ],
            );
        }
        grid(h, axis, 0.0, height);
        h.nl();
        for (i, b) in g.bars.iter().enumerate() {
            let y = row_y(i);
            h.el("g", &[("class", &"task"), ("data-project", &b.id)], |h| {
                h.leaf("title", &[], &b.tooltip);
                if b.earliest > 0 || b.deadline + 1 < axis.periods {
                    let (wx, ww) = axis.bar(b.earliest, b.deadline);
                    h.empty(
                        "rect",
                        &[
                            ("class", &"win"),
                            ("x", &N(wx - INSET)),
                            ("y", &N(y + 2.0)),
                            ("width", &N(ww + 2.0 * INSET)),
                            ("height", &N(ROW_H - 4.0)),
                        ],
                    );
                }
                let mark = if b.mandatory { "◆ " } else { "" };
                h.el(
                    "text",
                    &[("x", &8), ("y", &N(y + 14.0)), ("class", &"label")],
                    |h| {
                        if b.mandatory {
                            h.leaf("tspan", &[("class", &"mand")], mark);
                        }
                        h.leaf("tspan", &[("class", &"pid")], &b.id);
                        h.text(" ");
                        let room = label_chars.saturating_sub(b.id.chars().count() + 3);
                        h.text(&clip(&b.name, room.max(4)));
                    },
                );
                let (x, w) = axis.bar(b.start, b.finish);
                let mut class = format!("bar {colour}");
                if b.mandatory {
                    class.push_str(" mandatory");
                }
                if b.violating {
                    class.push_str(" violating");
                }
                h.empty(
                    "rect",
                    &[
                        ("class", &class),
                        ("data-bar", &b.id),
                        ("x", &N(x)),
                        ("y", &N(y + (ROW_H - BAR_H) / 2.0)),
                        ("width", &N(w)),
                        ("height", &N(BAR_H)),
                        ("rx", &2),
                    ],
                );
                if b.finish >= axis.periods {
                    // The run continues past the horizon.
                    let xe = axis.x(axis.periods);
                    let d = format!("M{} {}l6 6l-6 6z", N(xe), N(y + 4.0));
                    h.empty("path", &[("class", &"overflow"), ("d", &d)]);
                }
                if b.show_deadline {
                    let xd = axis.x(b.deadline + 1);
                    let d = format!("M{} {}v{}", N(xd), N(y + 1.0), N(ROW_H - 2.0));
                    h.empty("path", &[("class", &"deadline"), ("d", &d)]);
                }
            });
            h.nl();
        }
        for a in &g.arrows {
            arrow(h, axis, g, a);
        }
        for inc in &g.incoming {
            let b = &g.bars[inc.row];
            let (x, _) = axis.bar(b.start, b.finish);
            let y = row_y(inc.row) + ROW_H / 2.0;
            let class = if inc.broken { "inc bad" } else { "inc" };
            h.el("g", &[("class", &class)], |h| {
                h.leaf("title", &[], &inc.title);
                h.leaf(
                    "text",
                    &[
                        ("x", &N(x - 3.0)),
                        ("y", &N(y + 3.0)),
                        ("text-anchor", &"end"),
                    ],
                    &format!("{} ▸", clip(&inc.from_id, 14)),
                );
            });
        }
    });
    h
}

/// The path of an arrow from the end of bar `from` to the start of bar `to`:
/// (path, arrowhead).
pub fn arrow_path(
    axis: &Axis,
    from: &GanttBar,
    fi: usize,
    to: &GanttBar,
    ti: usize,
) -> (String, String) {
    let (fx, fw) = axis.bar(from.start, from.finish);
    let (tx, _) = axis.bar(to.start, to.finish);
    let x1 = fx + fw;
    let y1 = row_y(fi) + ROW_H / 2.0;
    let x2 = tx;
    let y2 = row_y(ti) + ROW_H / 2.0;
    if x2 >= x1 + 8.0 {
        // Room between the bars: out of A's end, down (or up), into B's start.
        let d = format!(
            "M{} {}H{}V{}H{}",
            N(x1),
            N(y1),
            N(x1 + 4.0),
            N(y2),
            N(x2 - 1.0)
        );
        let head = format!("M{} {}l-5 -3.5v7z", N(x2), N(y2));
        return (d, head);
    }
    // Tight (lag 0) or backwards: out of A's end, then into B from above (below when
    // B's row is above A's), a little inside its start.
    let xa = (x1 + 4.0).max(x2 + 4.0);
    let (edge, dir) = if ti >= fi {
        (y2 - BAR_H / 2.0, 1.0)
    } else {
        (y2 + BAR_H / 2.0, -1.0)
    };
    let d = format!("M{} {}H{}V{}", N(x1), N(y1), N(xa), N(edge - dir));
    let head = format!("M{} {}l-3.5 {}h7z", N(xa), N(edge), N(-5.0 * dir));
    (d, head)
}

fn arrow(h: &mut Html, axis: &Axis, g: &GanttGroup, a: &GanttArrow) {
    let (d, head) = arrow_path(axis, &g.bars[a.from], a.from, &g.bars[a.to], a.to);
    let class = if a.broken { "dep bad" } else { "dep" };
    h.el("g", &[("class", &class)], |h| {
        h.leaf("title", &[], &a.title);
        h.empty("path", &[("class", &"dep-line"), ("d", &d)]);
        h.empty("path", &[("class", &"dep-head"), ("d", &head)]);
    });
    h.nl();
}

// ---------------------------------------------------------------------------------
// Capacity heatmap

/// One skill × period cell.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatCell {
    pub demand: f64,
    pub capacity: f64,
    pub utilisation: f64,
    pub over: bool,
    pub title: String,
}

/// The capacity heatmap: `cells[skill][period]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Heatmap {
    pub skills: Vec<String>,
    pub labels: Vec<String>,
    pub cells: Vec<Vec<HeatCell>>,
}

pub fn heatmap(axis: &Axis, m: &Heatmap) -> Html {
    let mut h = Html::new();
    let height = m.skills.len() as f64 * CELL_H + 2.0;
    svg_open(&mut h, "heat", axis.width(), height, |h| {
        for (k, skill) in m.skills.iter().enumerate() {
            let y = 1.0 + k as f64 * CELL_H;
            h.leaf(
                "text",
                &[
                    ("x", &N(LABEL_W - 10.0)),
                    ("y", &N(y + CELL_H / 2.0 + 4.0)),
                    ("class", &"skill"),
                    ("text-anchor", &"end"),
                ],
                &clip(skill, 40),
            );
            for (t, c) in m.cells[k].iter().enumerate() {
                let class = if c.over { "cell over" } else { "cell" };
                let key = format!("{}|{}", skill, m.labels[t]);
                h.el("g", &[("class", &class), ("data-cell", &key)], |h| {
                    h.leaf("title", &[], &c.title);
                    h.empty(
                        "rect",
                        &[
                            ("x", &N(axis.x(t) + 0.5)),
                            ("y", &N(y + 0.5)),
                            ("width", &N(axis.col - 1.0)),
                            ("height", &N(CELL_H - 1.0)),
                            ("fill", &heat_fill(c.utilisation, c.over)),
                        ],
                    );
                    let light = heat_text_light(c.utilisation, c.over);
                    let tc = if light { "v light" } else { "v" };
                    let no_capacity = c.capacity <= 0.0 && c.demand <= 0.0;
                    if axis.col >= 26.0 {
                        let mut big = if no_capacity {
                            "–".to_string()
                        } else {
                            pct(c.utilisation)
                        };
                        if c.over {
                            big.push('!');
                        }
                        h.leaf(
                            "text",
                            &[
                                ("x", &N(axis.mid(t))),
                                ("y", &N(y + if axis.col >= 56.0 { 15.0 } else { 21.0 })),
                                ("class", &tc),
                                ("text-anchor", &"middle"),
                            ],
                            &big,
                        );
                    }
                    if axis.col >= 56.0 && !no_capacity {
                        let small = if light { "dc light" } else { "dc" };
                        h.leaf(
                            "text",
                            &[
                                ("x", &N(axis.mid(t))),
                                ("y", &N(y + 28.0)),
                                ("class", &small),
                                ("text-anchor", &"middle"),
                            ],
                            &format!("{}/{}", short(c.demand), short(c.capacity)),
                        );
                    }
                });
            }
            h.nl();
        }
    });
    h
}

/// The colour legend of the heatmap.
pub fn heat_legend() -> Html {
    let mut h = Html::new();
    svg_open(&mut h, "legend", 560.0, 26.0, |h| {
        for (i, u) in [0.0, 0.25, 0.5, 0.75, 0.9, 1.0].iter().enumerate() {
            let x = i as f64 * 56.0;
            h.empty(
                "rect",
                &[
                    ("x", &N(x)),
                    ("y", &2),
                    ("width", &54),
                    ("height", &20),
                    ("fill", &heat_fill(*u, false)),
                ],
            );
            let tc = if heat_text_light(*u, false) {
                "v light"
            } else {
                "v"
            };
            h.leaf(
                "text",
                &[
                    ("x", &N(x + 27.0)),
                    ("y", &16),
                    ("class", &tc),
                    ("text-anchor", &"middle"),
                ],
                &pct(*u),
            );
        }
        h.empty(
            "rect",
            &[
                ("x", &N(6.0 * 56.0 + 8.0)),
                ("y", &2),
                ("width", &150),
                ("height", &20),
                ("fill", &OVER_FILL),
            ],
        );
        h.leaf(
            "text",
            &[
                ("x", &N(6.0 * 56.0 + 83.0)),
                ("y", &16),
                ("class", &"v light"),
                ("text-anchor", &"middle"),
            ],
            "over-allocated!",
        );
    });
    h
}

// ---------------------------------------------------------------------------------
// Budget

/// Spend of one period and its single-period limits.
#[derive(Debug, Clone, PartialEq)]
pub struct SpendBar {
    pub spend: f64,
    pub max: Option<f64>,
    pub min: Option<f64>,
    pub title: String,
}

/// A limit on the spend of a range of periods (e.g. a quarterly envelope).
#[derive(Debug, Clone, PartialEq)]
pub struct Envelope {
    pub from: usize,
    pub to: usize,
    pub spent: f64,
    pub max: Option<f64>,
    pub min: Option<f64>,
    pub title: String,
}

impl Envelope {
    fn over(&self) -> bool {
        self.max
            .is_some_and(|m| crate::verify::exceeds(self.spent, m))
            || self
                .min
                .is_some_and(|m| crate::verify::exceeds(m, self.spent))
    }
}

/// Lanes for envelopes so that overlapping ranges do not share a lane.
pub fn envelope_lanes(envelopes: &[Envelope]) -> Vec<usize> {
    let mut lane_end: Vec<usize> = Vec::new();
    envelopes
        .iter()
        .map(|e| match lane_end.iter().position(|&end| end < e.from) {
            Some(l) => {
                lane_end[l] = e.to;
                l
            }
            None => {
                lane_end.push(e.to);
                lane_end.len() - 1
            }
        })
        .collect()
}

const CHART_H: f64 = 190.0;
const CHART_TOP: f64 = 10.0;

fn y_scale(h: &mut Html, axis: &Axis, (top_val, step): (f64, f64), top: f64, height: f64) {
    let mut d = String::new();
    let n = (top_val / step).round() as usize;
    for i in 0..=n {
        let v = step * i as f64;
        let y = top + height - height * v / top_val;
        d.push_str(&format!(
            "M{} {}H{}",
            N(axis.left),
            N(y),
            N(axis.x(axis.periods))
        ));
        h.leaf(
            "text",
            &[
                ("x", &N(axis.left - 8.0)),
                ("y", &N(y + 4.0)),
                ("class", &"tick"),
                ("text-anchor", &"end"),
            ],
            &amount(v),
        );
    }
    h.empty("path", &[("class", &"hgrid"), ("d", &d)]);
}

/// Spend per period (bars) against single-period limits (red dashed: max, green
/// dotted: min), then one band per range envelope (filled to its use).
pub fn spend_chart(axis: &Axis, bars: &[SpendBar], envelopes: &[Envelope]) -> Html {
    let mut h = Html::new();
    let top_val = bars
        .iter()
        .flat_map(|b| [Some(b.spend), b.max, b.min])
        .flatten()
        .fold(0.0, f64::max);
    let scale = nice_scale(top_val);
    let ymax = scale.0;
    let lanes = envelope_lanes(envelopes);
    let n_lanes = lanes.iter().copied().max().map_or(0, |l| l + 1);
    let env_top = CHART_TOP + CHART_H + 12.0;
    let height = env_top + n_lanes as f64 * 24.0 + 4.0;
    let yv = |v: f64| CHART_TOP + CHART_H - CHART_H * (v / ymax);
    svg_open(&mut h, "spend", axis.width(), height, |h| {
        y_scale(h, axis, scale, CHART_TOP, CHART_H);
        for (t, b) in bars.iter().enumerate() {
            let over = b.max.is_some_and(|m| crate::verify::exceeds(b.spend, m));
            let class = if over { "spend over" } else { "spend" };
            let w = (axis.col * 0.62).max(1.0);
            h.el("g", &[("class", &class), ("data-period", &t)], |h| {
                h.leaf("title", &[], &b.title);
                h.empty(
                    "rect",
                    &[
                        ("x", &N(axis.mid(t) - w / 2.0)),
                        ("y", &N(yv(b.spend))),
                        ("width", &N(w)),
                        ("height", &N(CHART_H * b.spend / ymax)),
                    ],
                );
            });
            for (lim, class) in [(b.max, "limit-max"), (b.min, "limit-min")] {
                if let Some(v) = lim {
                    let d = format!(
                        "M{} {}H{}",
                        N(axis.x(t) + 2.0),
                        N(yv(v)),
                        N(axis.x(t + 1) - 2.0)
                    );
                    h.empty("path", &[("class", &class), ("d", &d)]);
                }
            }
        }
        h.nl();
        for (e, lane) in envelopes.iter().zip(&lanes) {
            let y = env_top + *lane as f64 * 24.0;
            let x = axis.x(e.from) + 1.0;
            let w = axis.x(e.to + 1) - axis.x(e.from) - 2.0;
            let class = if e.over() { "env over" } else { "env" };
            h.el("g", &[("class", &class)], |h| {
                h.leaf("title", &[], &e.title);
                h.empty(
                    "rect",
                    &[
                        ("class", &"env-bg"),
                        ("x", &N(x)),
                        ("y", &N(y)),
                        ("width", &N(w)),
                        ("height", &20),
                    ],
                );
                if let Some(m) = e.max.filter(|m| *m > 0.0) {
                    let f = (e.spent / m).clamp(0.0, 1.0);
                    h.empty(
                        "rect",
                        &[
                            ("class", &"env-fill"),
                            ("x", &N(x)),
                            ("y", &N(y)),
                            ("width", &N(w * f)),
                            ("height", &20),
                        ],
                    );
                }
                let text = match e.max {
                    Some(m) => {
                        format!("{} / {} ({})", amount(e.spent), amount(m), pct(e.spent / m))
                    }
                    None => format!("{} (min {})", amount(e.spent), amount(e.min.unwrap_or(0.0))),
                };
                h.leaf(
                    "text",
                    &[
                        ("x", &N(x + w / 2.0)),
                        ("y", &N(y + 14.0)),
                        ("class", &"env-text"),
                        ("text-anchor", &"middle"),
                    ],
                    &text,
                );
            });
        }
        if n_lanes > 0 {
            h.leaf(
                "text",
                &[
                    ("x", &N(LABEL_W - 10.0)),
                    ("y", &N(env_top + 14.0)),
                    ("class", &"tick"),
                    ("text-anchor", &"end"),
                ],
                "envelopes (spent / max)",
            );
        }
    });
    h
}

/// Cumulative spend at the end of each period against the total budget.
pub fn cumulative_chart(
    axis: &Axis,
    cumulative: &[f64],
    total: Option<f64>,
    titles: &[String],
) -> Html {
    let mut h = Html::new();
    let top_val = cumulative.iter().copied().chain(total).fold(0.0, f64::max);
    let scale = nice_scale(top_val * 1.04);
    let ymax = scale.0;
    let height = CHART_TOP + CHART_H + 8.0;
    let yv = |v: f64| CHART_TOP + CHART_H - CHART_H * (v / ymax);
    svg_open(&mut h, "cumulative", axis.width(), height, |h| {
        y_scale(h, axis, scale, CHART_TOP, CHART_H);
        let mut pts = vec![(axis.x(0), yv(0.0))];
        pts.extend(
            cumulative
                .iter()
                .enumerate()
                .map(|(t, &c)| (axis.x(t + 1), yv(c))),
        );
        let line: String = pts
            .iter()
            .enumerate()
            .map(|(i, (x, y))| format!("{}{} {}", if i == 0 { "M" } else { "L" }, N(*x), N(*y)))
            .collect();
        let area = format!("{line}V{}H{}z", N(yv(0.0)), N(axis.x(0)));
        h.empty("path", &[("class", &"cum-area"), ("d", &area)]);
        h.empty("path", &[("class", &"cum-line"), ("d", &line)]);
        if let Some(b) = total {
            let d = format!("M{} {}H{}", N(axis.left), N(yv(b)), N(axis.x(axis.periods)));
            h.empty("path", &[("class", &"limit-max total"), ("d", &d)]);
            h.leaf(
                "text",
                &[
                    ("x", &N(axis.left + 6.0)),
                    ("y", &N(yv(b) - 5.0)),
                    ("class", &"limit-label"),
                ],
                &format!("total budget {}", amount(b)),
            );
        }
        for (t, (&(x, y), title)) in pts.iter().skip(1).zip(titles).enumerate() {
            let over = total.is_some_and(|b| crate::verify::exceeds(cumulative[t], b));
            let class = if over { "cum-pt over" } else { "cum-pt" };
            h.el("g", &[("class", &class)], |h| {
                h.leaf("title", &[], title);
                h.empty("circle", &[("cx", &N(x)), ("cy", &N(y)), ("r", &3.5)]);
            });
        }
        if let (Some(&last), Some(&(x, y))) = (cumulative.last(), pts.last()) {
            h.leaf(
                "text",
                &[
                    ("x", &N(x - 6.0)),
                    ("y", &N(y + 18.0)),
                    ("class", &"limit-label"),
                    ("text-anchor", &"end"),
                ],
                &amount(last),
            );
        }
    });
    h
}

// ---------------------------------------------------------------------------------
// Frontier

/// One point of the budget frontier.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontierPoint {
    pub budget: f64,
    /// None: no plan at this budget (shown on the axis).
    pub objective: Option<f64>,
    /// Short label: the projects that enter at this point.
    pub label: String,
    pub title: String,
}

pub const FRONTIER_W: f64 = 1100.0;
const FRONTIER_H: f64 = 300.0;
const FRONTIER_L: f64 = 90.0;
const FRONTIER_TOP: f64 = 40.0;

/// x of a budget on the frontier chart.
pub fn frontier_x(budget: f64, lo: f64, hi: f64) -> f64 {
    let span = (hi - lo).max(1e-9);
    FRONTIER_L + 20.0 + (FRONTIER_W - FRONTIER_L - 60.0) * ((budget - lo) / span)
}

/// Objective against budget: one marker per point with a plan, a cross on the axis for
/// a point without, labels with the projects that enter.
pub fn frontier_chart(points: &[FrontierPoint]) -> Html {
    let mut h = Html::new();
    let lo = points
        .iter()
        .map(|p| p.budget)
        .fold(f64::INFINITY, f64::min);
    let hi = points
        .iter()
        .map(|p| p.budget)
        .fold(f64::NEG_INFINITY, f64::max);
    let (lo, hi) = if lo.is_finite() { (lo, hi) } else { (0.0, 1.0) };
    let (ymax, ystep) = nice_scale(
        points
            .iter()
            .filter_map(|p| p.objective)
            .fold(0.0, f64::max)
            * 1.05,
    );
    let height = FRONTIER_TOP + FRONTIER_H + 44.0;
    let base = FRONTIER_TOP + FRONTIER_H;
    let yv = |v: f64| base - FRONTIER_H * (v / ymax);
    svg_open(&mut h, "frontier", FRONTIER_W, height, |h| {
        let mut d = String::new();
        for i in 0..=(ymax / ystep).round() as usize {
            let v = ystep * i as f64;
            let y = yv(v);
            d.push_str(&format!(
                "M{} {}H{}",
                N(FRONTIER_L),
                N(y),
                N(FRONTIER_W - 20.0)
            ));
            h.leaf(
                "text",
                &[
                    ("x", &N(FRONTIER_L - 8.0)),
                    ("y", &N(y + 4.0)),
                    ("class", &"tick"),
                    ("text-anchor", &"end"),
                ],
                &amount(v),
            );
        }
        h.empty("path", &[("class", &"hgrid"), ("d", &d)]);
        let ticks = 6.min(points.len().max(2) - 1).max(1);
        for i in 0..=ticks {
            let b = lo + (hi - lo) * i as f64 / ticks as f64;
            h.leaf(
                "text",
                &[
                    ("x", &N(frontier_x(b, lo, hi))),
                    ("y", &N(base + 18.0)),
                    ("class", &"tick"),
                    ("text-anchor", &"middle"),
                ],
                &amount(b),
            );
        }
        h.leaf(
            "text",
            &[
                ("x", &N((FRONTIER_W + FRONTIER_L) / 2.0)),
                ("y", &N(base + 38.0)),
                ("class", &"axis-title"),
                ("text-anchor", &"middle"),
            ],
            "budget",
        );
        h.leaf(
            "text",
            &[
                ("x", &N(FRONTIER_L - 8.0)),
                ("y", &N(FRONTIER_TOP - 22.0)),
                ("class", &"axis-title"),
                ("text-anchor", &"end"),
            ],
            "objective",
        );
        let line: String = points
            .iter()
            .filter_map(|p| p.objective.map(|o| (frontier_x(p.budget, lo, hi), yv(o))))
            .enumerate()
            .map(|(i, (x, y))| format!("{}{} {}", if i == 0 { "M" } else { "L" }, N(x), N(y)))
            .collect();
        if !line.is_empty() {
            h.empty("path", &[("class", &"front-line"), ("d", &line)]);
        }
        let mut labelled = 0usize;
        for p in points {
            let x = frontier_x(p.budget, lo, hi);
            match p.objective {
                Some(o) => {
                    let y = yv(o);
                    h.el(
                        "g",
                        &[("class", &"fpt"), ("data-budget", &N(p.budget))],
                        |h| {
                            h.leaf("title", &[], &p.title);
                            h.empty("circle", &[("cx", &N(x)), ("cy", &N(y)), ("r", &4.5)]);
                            if !p.label.is_empty() {
                                let dy = if labelled.is_multiple_of(2) {
                                    -10.0
                                } else {
                                    -24.0
                                };
                                labelled += 1;
                                h.leaf(
                                    "text",
                                    &[
                                        ("x", &N(x)),
                                        ("y", &N(y + dy)),
                                        ("class", &"fpt-label"),
                                        ("text-anchor", &"middle"),
                                    ],
                                    &p.label,
                                );
                            }
                        },
                    );
                }
                None => {
                    let d = format!("M{} {}l8 8m0 -8l-8 8", N(x - 4.0), N(base - 4.0));
                    h.el(
                        "g",
                        &[("class", &"fpt none"), ("data-budget", &N(p.budget))],
                        |h| {
                            h.leaf("title", &[], &p.title);
                            h.empty("path", &[("d", &d)]);
                        },
                    );
                }
            }
        }
    });
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_start_and_end_on_period_boundaries() {
        let a = Axis::new(12);
        assert_eq!(a.col, 80.0);
        assert_eq!(a.x(0), LABEL_W);
        // periods 2..=4 (3 periods)
        let (x, w) = a.bar(2, 4);
        assert_eq!(x, LABEL_W + 160.0 + INSET);
        assert_eq!(w, 240.0 - 2.0 * INSET);
        // one period
        assert_eq!(a.bar(0, 0), (LABEL_W + INSET, 80.0 - 2.0 * INSET));
        // a run past the horizon is clipped to its end
        let (x, w) = a.bar(10, 14);
        assert_eq!(x + w + INSET, a.x(12));
        assert_eq!(a.width(), LABEL_W + 960.0 + RIGHT_PAD);
    }

    #[test]
    fn many_periods_get_narrow_columns_and_sparse_labels() {
        let a = Axis::new(120);
        assert_eq!(a.col, 8.0);
        assert_eq!(a.label_step(), 7);
        let b = Axis::new(1000);
        assert_eq!(b.col, 6.0);
        assert_eq!(Axis::new(12).label_step(), 1);
    }

    #[test]
    fn heat_colours_follow_utilisation() {
        assert_eq!(heat_fill(0.0, false), "#f7fbff");
        assert_eq!(heat_fill(0.5, false), "#9ecae1");
        assert_eq!(heat_fill(1.0, false), "#084594");
        assert_eq!(heat_fill(1.7, false), "#084594");
        assert_eq!(heat_fill(-1.0, false), "#f7fbff");
        // over-allocation has its own colour, even at a low utilisation
        assert_eq!(heat_fill(0.3, true), OVER_FILL);
        assert_eq!(heat_fill(f64::INFINITY, true), OVER_FILL);
        // monotone: darker (smaller red channel) as utilisation grows
        let red = |u: f64| u8::from_str_radix(&heat_fill(u, false)[1..3], 16).unwrap();
        let reds: Vec<u8> = (0..=20).map(|i| red(i as f64 / 20.0)).collect();
        assert!(reds.windows(2).all(|w| w[0] >= w[1]), "{reds:?}");
        assert!(!heat_text_light(0.3, false) && heat_text_light(0.9, false));
    }

    #[test]
    fn nice_numbers() {
        assert_eq!(nice_max(0.0), 1.0);
        assert_eq!(nice_max(1126.67), 2000.0);
        assert_eq!(nice_max(12500.0), 20000.0);
        assert_eq!(nice_max(2400.0), 2500.0);
        assert_eq!(nice_max(1000.0), 1000.0);
        assert_eq!(nice_max(4.2), 5.0);
    }

    #[test]
    fn value_scales() {
        assert_eq!(nice_scale(13000.0), (15000.0, 5000.0));
        assert_eq!(nice_scale(1366.7), (1500.0, 500.0));
        assert_eq!(nice_scale(20000.0), (20000.0, 5000.0));
        assert_eq!(nice_scale(0.0), (1.0, 0.25));
        assert_eq!(nice_scale(4.2), (5.0, 1.0));
        assert_eq!(nice_scale(22063.0), (25000.0, 5000.0));
    }

    #[test]
    fn envelope_lanes_separate_overlaps() {
        let e = |from, to| Envelope {
            from,
            to,
            spent: 0.0,
            max: Some(1.0),
            min: None,
            title: String::new(),
        };
        assert_eq!(
            envelope_lanes(&[e(0, 2), e(3, 5), e(0, 11), e(6, 8)]),
            vec![0, 0, 1, 0]
        );
    }

    fn bar(id: &str, start: usize, finish: usize) -> GanttBar {
        GanttBar {
            id: id.into(),
            name: format!("name of {id}"),
            start,
            finish,
            mandatory: false,
            earliest: 0,
            deadline: 11,
            show_deadline: false,
            violating: false,
            tooltip: id.into(),
        }
    }

    #[test]
    fn arrows_run_from_finish_to_start() {
        let a = Axis::new(12);
        let (d, head) = arrow_path(&a, &bar("A", 0, 2), 0, &bar("B", 4, 5), 1);
        // leaves A at the end of period 2, enters B at the start of period 4
        let x1 = a.x(3) - INSET;
        let x2 = a.x(4) + INSET;
        assert_eq!(
            d,
            format!("M{} 14H{}V34H{}", N(x1), N(x1 + 4.0), N(x2 - 1.0))
        );
        assert_eq!(head, format!("M{} 34l-5 -3.5v7z", N(x2)));
        // lag 0: the successor starts right after; the arrow enters it from above
        let (d, head) = arrow_path(&a, &bar("A", 0, 2), 0, &bar("B", 3, 5), 1);
        let xa = a.x(3) + INSET + 4.0;
        let top = row_y(1) + ROW_H / 2.0 - BAR_H / 2.0;
        assert_eq!(d, format!("M{} 14H{}V{}", N(x1), N(xa), N(top - 1.0)));
        assert_eq!(head, format!("M{} {}l-3.5 -5h7z", N(xa), N(top)));
        // a successor drawn above its predecessor is entered from below
        let (_, head) = arrow_path(&a, &bar("A", 0, 2), 1, &bar("B", 3, 5), 0);
        assert!(head.ends_with("l-3.5 5h7z"), "{head}");
    }

    #[test]
    fn one_bar_per_project_and_running_counts() {
        let a = Axis::new(12);
        let g = GanttGroup {
            name: "IT <core>".into(),
            colour: 1,
            bars: vec![bar("A", 0, 2), bar("B", 1, 1), bar("C", 10, 13)],
            arrows: vec![],
            incoming: vec![],
            summary: "3 projects".into(),
        };
        assert_eq!(g.running(12), vec![1, 2, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
        let svg = group_bars(&a, &g).into_string();
        assert_eq!(svg.matches("data-bar=").count(), 3);
        assert_eq!(svg.matches("class=\"overflow\"").count(), 1);
        let strip = group_summary(&a, &g).into_string();
        assert!(strip.contains("IT &lt;core&gt;"));
        assert!(!strip.contains("<core>"));
    }

    #[test]
    fn heatmap_has_one_cell_per_skill_and_period() {
        let a = Axis::new(3);
        let cell = |u: f64, over| HeatCell {
            demand: u * 10.0,
            capacity: 10.0,
            utilisation: u,
            over,
            title: String::new(),
        };
        let m = Heatmap {
            skills: vec!["Dev".into(), "Test".into()],
            labels: vec!["1".into(), "2".into(), "3".into()],
            cells: vec![
                vec![cell(0.2, false), cell(1.0, false), cell(0.9, true)],
                vec![cell(0.0, false), cell(0.5, false), cell(0.1, false)],
            ],
        };
        let svg = heatmap(&a, &m).into_string();
        assert_eq!(svg.matches("data-cell=").count(), 6);
        assert_eq!(svg.matches("class=\"cell over\"").count(), 1);
        assert!(svg.contains("data-cell=\"Dev|3\""));
        assert!(svg.contains(&format!("fill=\"{OVER_FILL}\"")));
    }
}

//! The flow diagram of a procedure: an inline SVG swimlane chart drawn at build time, no JavaScript.
//!
//! Why the layout is our own: the Rust crates that draw graphs either shell out to Graphviz
//! (not available on the writers' machines, and it knows no swimlanes), emit Mermaid or D2 text that
//! needs a JavaScript renderer in the browser (forbidden: the site works from file:// with no scripts
//! required), or lay out general graphs without lanes (`layout-rs`, which also has no text wrapping for
//! Thai). A procedure is a short ordered list of steps with a handful of jumps, so a dedicated layout
//! is small, deterministic and never crosses a box:
//!
//! - Lanes are columns, one per role that leads a step, in order of first appearance; steps are rows,
//!   in procedure order, top to bottom. A vertical flow suits the page: a 15-step chart reads down
//!   like the text and fits a screen or an A4 page without shrinking the words.
//! - Each row holds exactly one box, so a horizontal line in a row's band meets nothing but that box.
//! - An arrow to the following step runs through the gap between the two rows.
//!   Every other arrow (skips, branches, loops back, a step that repeats itself) leaves its box
//!   sideways along its own row, climbs or falls in a track in the margin, and enters its target box
//!   sideways along the target's row. Tracks are shared by arrows whose rows do not overlap; shorter
//!   spans get the inner tracks so nested loops do not cross.
//! - Meaning never rests on colour: branches are dashed and carry their condition as text, lanes carry
//!   the role's name, boxes carry the step number.

mod draw;
mod narrow;

use super::wrap::{text_width, wrap};

/// What the diagram shows, already in the page's language.
pub struct Flow {
    /// Unique on the page; prefixes the SVG's own ids.
    pub id: String,
    pub title: String,
    pub description: String,
    /// The id of the ordered list of steps on the page, the diagram's text alternative.
    pub described_by: String,
    pub steps: Vec<FlowStep>,
    /// Words a line never breaks inside (the handbook's own terms, such as ผู้เสียหาย).
    pub keep_whole: Vec<String>,
}

pub struct FlowStep {
    pub id: String,
    pub number: usize,
    pub title: String,
    /// Role id of the lead, and its name as shown on the lane.
    pub lead: String,
    pub lead_name: String,
    pub next: Vec<String>,
    /// (condition, target step id).
    pub branches: Vec<(String, String)>,
}

const TARGET_WIDTH: f64 = 760.0;
const LANE_MIN: f64 = 120.0;
const LANE_MAX: f64 = 240.0;
const BOX_INSET: f64 = 8.0;
const BOX_PAD: f64 = 8.0;
const BOX_MIN_HEIGHT: f64 = 40.0;
const TITLE_FONT: f64 = 14.0;
const TITLE_LINE: f64 = 18.0;
/// A box may grow past its lane (one box per row, so it meets no other box) up to this width,
/// so that titles take two or three lines rather than five.
const BOX_MAX: f64 = 250.0;
const LANE_FONT: f64 = 13.0;
/// Lane names are bold: estimate them a little wider.
const BOLD_FACTOR: f64 = 1.08;
const LANE_LINE: f64 = 17.0;
const LABEL_FONT: f64 = 12.0;
const LABEL_LINE: f64 = 15.0;
const LABEL_OFFSET: f64 = 6.0;
/// Room between a branch condition's text and the edge of its white background.
const LABEL_PAD: f64 = 3.0;
const MIN_LABEL: f64 = 110.0;
const PORT_STEP: f64 = 10.0;
const ROW_GAP: f64 = 24.0;
const SIDE_PAD: f64 = 14.0;
const TRACK_GAP: f64 = 11.0;
const OUTER_PAD: f64 = 8.0;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Left,
    Right,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Route {
    /// Straight down through the gap to the following row.
    Gap,
    /// Out sideways, along a margin track, in sideways.
    Margin(Side),
}

struct Edge {
    from: usize,
    to: usize,
    branch: bool,
    label: Vec<String>,
    route: Route,
    track: usize,
    exit_y: f64,
    entry_y: f64,
}

struct Row {
    lane: usize,
    lines: Vec<String>,
    /// The box's left edge, from the left of the first lane, and its width: sized to its text,
    /// centred on its lane.
    offset: f64,
    width: f64,
    y: f64,
    height: f64,
}

/// Draws the flow of a procedure as an SVG element, ready to inline in HTML.
pub fn svg(flow: &Flow) -> String {
    if flow.steps.is_empty() {
        return String::new();
    }
    // Both layouts go on the page; the site's CSS shows one by the screen's width.
    swimlanes(flow) + &narrow::svg(flow)
}

/// The swimlane layout alone: what paper and the PDF edition show (one SVG document).
pub fn swimlanes(flow: &Flow) -> String {
    if flow.steps.is_empty() {
        return String::new();
    }
    Layout::new(flow).draw(flow)
}

struct Layout {
    lanes: Vec<(String, Vec<String>)>,
    lane_width: f64,
    header_height: f64,
    rows: Vec<Row>,
    edges: Vec<Edge>,
    /// Extra room beside the lanes for branch conditions that do not fit in their row.
    overflow: [f64; 2],
    tracks: [usize; 2],
    width: f64,
    height: f64,
    keep_whole: Vec<String>,
}

fn side_index(side: Side) -> usize {
    match side {
        Side::Left => 0,
        Side::Right => 1,
    }
}

impl Layout {
    fn new(flow: &Flow) -> Layout {
        let mut lanes: Vec<(String, String)> = Vec::new();
        for step in &flow.steps {
            if !lanes.iter().any(|(role, _)| *role == step.lead) {
                lanes.push((step.lead.clone(), step.lead_name.clone()));
            }
        }
        let lane_count = lanes.len();
        let spare = 2.0 * (SIDE_PAD + 2.0 * TRACK_GAP + OUTER_PAD);
        let lane_width = ((TARGET_WIDTH - spare) / lane_count as f64).clamp(LANE_MIN, LANE_MAX);
        let lanes_width = lane_count as f64 * lane_width;
        let min_box = lane_width - 2.0 * BOX_INSET;
        let max_box = (2.0 * lane_width - 2.0 * BOX_INSET)
            .min(BOX_MAX)
            .min(lanes_width - 2.0 * BOX_INSET)
            .max(min_box);
        let lanes: Vec<(String, Vec<String>)> = lanes
            .into_iter()
            .map(|(role, name)| {
                let lines = wrap(
                    &name,
                    lane_width - 10.0,
                    LANE_FONT * BOLD_FACTOR,
                    &flow.keep_whole,
                );
                (role, lines)
            })
            .collect();
        let header_lines = lanes.iter().map(|(_, l)| l.len()).max().unwrap_or(1);
        let header_height = 2.0 * BOX_PAD + header_lines as f64 * LANE_LINE;
        let lane_of = |role: &str| lanes.iter().position(|(id, _)| id == role).unwrap_or(0);
        let index_of = |id: &str| flow.steps.iter().position(|step| step.id == id);

        let mut rows: Vec<Row> = flow
            .steps
            .iter()
            .map(|step| {
                let lane = lane_of(&step.lead);
                let lines = wrap(
                    &format!("{}. {}", step.number, step.title),
                    max_box - 2.0 * BOX_PAD,
                    TITLE_FONT,
                    &flow.keep_whole,
                );
                let widest = lines
                    .iter()
                    .map(|line| text_width(line, TITLE_FONT))
                    .fold(0.0, f64::max);
                let width = (widest + 2.0 * BOX_PAD).clamp(min_box, max_box);
                let centre = (lane as f64 + 0.5) * lane_width;
                let offset =
                    (centre - width / 2.0).clamp(BOX_INSET, lanes_width - BOX_INSET - width);
                Row {
                    lane,
                    lines,
                    offset,
                    width,
                    y: 0.0,
                    height: 0.0,
                }
            })
            .collect();

        let mut layout = Layout {
            lanes,
            lane_width,
            header_height,
            rows: Vec::new(),
            edges: Vec::new(),
            overflow: [0.0, 0.0],
            tracks: [0, 0],
            width: 0.0,
            height: 0.0,
            keep_whole: flow.keep_whole.clone(),
        };
        for (from, step) in flow.steps.iter().enumerate() {
            let targets = step
                .next
                .iter()
                .map(|id| (id, None))
                .chain(step.branches.iter().map(|(if_, id)| (id, Some(if_))));
            for (target, condition) in targets {
                // Unknown targets were reported when the procedure was loaded.
                let Some(to) = index_of(target) else { continue };
                let edge = layout.edge(&rows, from, to, condition.map(String::as_str));
                layout.edges.push(edge);
            }
        }
        layout.place_rows(&mut rows);
        layout.rows = rows;
        layout.assign_tracks();
        layout.width = layout.lanes_left()
            + layout.lanes.len() as f64 * layout.lane_width
            + layout.margin(Side::Right);
        layout.height = layout
            .rows
            .last()
            .map_or(header_height, |row| row.y + row.height)
            + ROW_GAP / 2.0
            + OUTER_PAD;
        layout
    }

    /// Lanes between a box's lane and the diagram's edge on one side.
    fn lanes_beside(&self, lane: usize, side: Side) -> usize {
        match side {
            Side::Left => lane,
            Side::Right => self.lanes.len() - 1 - lane,
        }
    }

    fn edge(&mut self, rows: &[Row], from: usize, to: usize, condition: Option<&str>) -> Edge {
        let (a, b) = (rows[from].lane, rows[to].lane);
        let lanes_width = self.lanes.len() as f64 * self.lane_width;
        let route = if condition.is_none() && to == from + 1 {
            Route::Gap
        } else if condition.is_some() {
            // A condition needs room beside its box: leave on the roomier side.
            if self.lanes_beside(a, Side::Right) >= self.lanes_beside(a, Side::Left) {
                Route::Margin(Side::Right)
            } else {
                Route::Margin(Side::Left)
            }
        } else {
            let right = self.lanes_beside(a, Side::Right) + self.lanes_beside(b, Side::Right);
            let left = self.lanes_beside(a, Side::Left) + self.lanes_beside(b, Side::Left);
            Route::Margin(if right <= left {
                Side::Right
            } else {
                Side::Left
            })
        };
        let mut label = Vec::new();
        if let (Some(condition), Route::Margin(side)) = (condition, route) {
            let source = &rows[from];
            let beside = match side {
                Side::Left => source.offset,
                Side::Right => lanes_width - source.offset - source.width,
            };
            let run = beside + SIDE_PAD - LABEL_OFFSET - 2.0 * LABEL_PAD;
            label = wrap(condition, run.max(MIN_LABEL), LABEL_FONT, &self.keep_whole);
            let widest = label
                .iter()
                .map(|line| text_width(line, LABEL_FONT))
                .fold(0.0, f64::max);
            let overflow = &mut self.overflow[side_index(side)];
            *overflow = overflow.max(widest - run);
        }
        Edge {
            from,
            to,
            branch: condition.is_some(),
            label,
            route,
            track: 0,
            exit_y: 0.0,
            entry_y: 0.0,
        }
    }

    /// Sizes every row to its title and to the arrows that leave or enter it sideways, then places
    /// the ports (where those arrows meet the box) down each side.
    fn place_rows(&mut self, rows: &mut [Row]) {
        let mut y = self.header_height + ROW_GAP / 2.0;
        for (index, row) in rows.iter_mut().enumerate() {
            let title_height = 2.0 * BOX_PAD + row.lines.len() as f64 * TITLE_LINE;
            let needed = |side: Side| -> f64 {
                let mut total = 2.0 * BOX_PAD;
                for edge in &self.edges {
                    if edge.route != Route::Margin(side) {
                        continue;
                    }
                    if edge.from == index {
                        total += edge.label.len() as f64 * LABEL_LINE + PORT_STEP;
                    }
                    if edge.to == index {
                        total += PORT_STEP;
                    }
                }
                total
            };
            let (left, right) = (needed(Side::Left), needed(Side::Right));
            row.height = title_height.max(left).max(right).max(BOX_MIN_HEIGHT);
            row.y = y;
            for (side, side_needed) in [(Side::Left, left), (Side::Right, right)] {
                let mut cursor = y + (row.height - side_needed) / 2.0 + BOX_PAD;
                for edge in &mut self.edges {
                    if edge.route == Route::Margin(side) && edge.from == index {
                        cursor += edge.label.len() as f64 * LABEL_LINE;
                        edge.exit_y = cursor + PORT_STEP / 2.0;
                        cursor += PORT_STEP;
                    }
                }
                for edge in &mut self.edges {
                    if edge.route == Route::Margin(side) && edge.to == index {
                        edge.entry_y = cursor + PORT_STEP / 2.0;
                        cursor += PORT_STEP;
                    }
                }
            }
            y += row.height + ROW_GAP;
        }
    }

    /// Gives each sideways arrow a margin track; arrows whose rows overlap need different tracks.
    fn assign_tracks(&mut self) {
        for side in [Side::Left, Side::Right] {
            let sideways: Vec<usize> = (0..self.edges.len())
                .filter(|&i| self.edges[i].route == Route::Margin(side))
                .collect();
            let spans: Vec<(usize, usize)> = sideways
                .iter()
                .map(|&i| {
                    let edge = &self.edges[i];
                    (edge.from.min(edge.to), edge.from.max(edge.to))
                })
                .collect();
            let (tracks, count) = pack_into_tracks(&spans);
            for (i, track) in sideways.into_iter().zip(tracks) {
                self.edges[i].track = track;
            }
            self.tracks[side_index(side)] = count;
        }
    }

    fn margin(&self, side: Side) -> f64 {
        let index = side_index(side);
        OUTER_PAD + SIDE_PAD + self.overflow[index] + self.tracks[index] as f64 * TRACK_GAP
    }

    fn lanes_left(&self) -> f64 {
        self.margin(Side::Left)
    }

    fn lanes_right(&self) -> f64 {
        self.lanes_left() + self.lanes.len() as f64 * self.lane_width
    }

    fn lane_x(&self, lane: usize) -> f64 {
        self.lanes_left() + lane as f64 * self.lane_width
    }

    fn box_left(&self, row: &Row) -> f64 {
        self.lanes_left() + row.offset
    }

    fn track_x(&self, side: Side, track: usize) -> f64 {
        let index = side_index(side);
        let offset = SIDE_PAD + self.overflow[index] + track as f64 * TRACK_GAP;
        match side {
            Side::Left => self.lanes_left() - offset,
            Side::Right => self.lanes_right() + offset,
        }
    }
}

/// Packs spans of rows (`(low, high)`, inclusive) onto tracks so that overlapping spans get
/// different tracks, shorter spans the inner (lower-numbered) ones: each span's track, in the
/// order given, and how many tracks there are. Used by both diagram layouts for the arrows
/// that run beside the boxes.
fn pack_into_tracks(spans: &[(usize, usize)]) -> (Vec<usize>, usize) {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| {
        let (low, high) = spans[i];
        (high - low, low, i)
    });
    let mut used: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut tracks = vec![0; spans.len()];
    for i in order {
        let (low, high) = spans[i];
        let free = used
            .iter()
            .position(|taken| taken.iter().all(|&(l, h)| high < l || low > h));
        let track = free.unwrap_or_else(|| {
            used.push(Vec::new());
            used.len() - 1
        });
        used[track].push((low, high));
        tracks[i] = track;
    }
    (tracks, used.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(id: &str, lead: &str, next: &[&str], branches: &[(&str, &str)]) -> FlowStep {
        FlowStep {
            id: id.into(),
            number: 0,
            title: format!("Step {id}"),
            lead: lead.into(),
            lead_name: lead.to_uppercase(),
            next: next.iter().map(|s| s.to_string()).collect(),
            branches: branches
                .iter()
                .map(|(c, t)| (c.to_string(), t.to_string()))
                .collect(),
        }
    }

    fn flow(steps: Vec<FlowStep>) -> Flow {
        Flow {
            id: "a/b.toml".into(),
            title: "Flow".into(),
            description: "Steps".into(),
            described_by: "steps-list".into(),
            steps,
            keep_whole: Vec::new(),
        }
    }

    #[test]
    fn output_is_deterministic_and_counts_match() {
        let make = || {
            flow(vec![
                step("a", "x", &["b"], &[("under 18", "c")]),
                step("b", "y", &["c"], &[]),
                step("c", "x", &["a"], &[("again", "c")]),
            ])
        };
        let first = svg(&make());
        assert_eq!(first, svg(&make()));
        assert_eq!(first.matches("class=\"flow-lane\"").count(), 2);
        assert_eq!(first.matches("class=\"flow-step\"").count(), 3);
        assert_eq!(first.matches("<path class=\"flow-edge").count(), 5);
        assert!(first.contains("id=\"flow-a-b-title\""));
    }

    #[test]
    fn overlapping_loops_get_different_tracks() {
        let steps = vec![
            step("a", "x", &["b"], &[]),
            step("b", "x", &["c"], &[]),
            step("c", "x", &["d"], &[("retry", "a"), ("redo", "b")]),
            step("d", "x", &[], &[]),
        ];
        let layout = Layout::new(&flow(steps));
        let loops: Vec<&Edge> = layout.edges.iter().filter(|e| e.branch).collect();
        assert_eq!(loops.len(), 2);
        assert_ne!(loops[0].track, loops[1].track);
        // The shorter loop runs inside the longer one.
        assert!(loops[1].track < loops[0].track);
    }
}

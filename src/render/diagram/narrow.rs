//! The phone layout of a flow diagram: one column of step boxes, each naming its lane (the role
//! that leads it) above its title and its branch conditions inside it, so nothing needs sideways
//! scrolling and no text shrinks below reading size. Arrows to any step but the next one climb or
//! fall in tracks on the right. The page's CSS shows this SVG instead of the swimlanes on a narrow
//! screen (no script).

use super::draw::{attr, id_safe, num, text};
use super::{wrap, Flow};
use std::fmt::Write;

/// Drawn at about the width of a phone's text column, so 1 SVG unit is about 1 CSS pixel.
const WIDTH: f64 = 320.0;
const PAD: f64 = 8.0;
const LANE_FONT: f64 = 13.0;
const LANE_LINE: f64 = 17.0;
const TITLE_FONT: f64 = 15.0;
const TITLE_LINE: f64 = 20.0;
const BRANCH_FONT: f64 = 13.0;
const BRANCH_LINE: f64 = 17.0;
const GAP: f64 = 22.0;
const PORT: f64 = 10.0;
const TRACK: f64 = 10.0;
const BOLD_FACTOR: f64 = 1.08;

struct Card {
    lane: Vec<String>,
    title: Vec<String>,
    branches: Vec<String>,
    y: f64,
    height: f64,
}

struct Link {
    from: usize,
    to: usize,
    branch: bool,
    /// Straight down to the following box; otherwise along a track on the right.
    down: bool,
    track: usize,
    exit_y: f64,
    entry_y: f64,
}

/// The narrow SVG of `flow`; ids are its own, so it sits on the page beside the wide one.
pub fn svg(flow: &Flow) -> String {
    let index_of = |id: &str| flow.steps.iter().position(|step| step.id == id);
    let mut links = Vec::new();
    for (from, step) in flow.steps.iter().enumerate() {
        let targets = step
            .next
            .iter()
            .map(|id| (id, false))
            .chain(step.branches.iter().map(|(_, id)| (id, true)));
        for (target, branch) in targets {
            let Some(to) = index_of(target) else { continue };
            links.push(Link {
                from,
                to,
                branch,
                down: !branch && to == from + 1,
                track: 0,
                exit_y: 0.0,
                entry_y: 0.0,
            });
        }
    }
    let tracks = assign_tracks(&mut links);
    let box_width = WIDTH - 2.0 - (PAD + tracks as f64 * TRACK);
    let inner = box_width - 2.0 * PAD;
    let mut cards: Vec<Card> = flow
        .steps
        .iter()
        .map(|step| Card {
            lane: wrap(
                &step.lead_name,
                inner / BOLD_FACTOR,
                LANE_FONT,
                &flow.keep_whole,
            ),
            title: wrap(
                &format!("{}. {}", step.number, step.title),
                inner,
                TITLE_FONT,
                &flow.keep_whole,
            ),
            branches: step
                .branches
                .iter()
                .flat_map(|(condition, target)| {
                    let number = flow
                        .steps
                        .iter()
                        .find(|s| s.id == *target)
                        .map_or(0, |s| s.number);
                    wrap(
                        &format!("{condition} →{number}."),
                        inner,
                        BRANCH_FONT,
                        &flow.keep_whole,
                    )
                })
                .collect(),
            y: 0.0,
            height: 0.0,
        })
        .collect();
    let mut y = 2.0;
    for (index, card) in cards.iter_mut().enumerate() {
        let content = 2.0 * PAD
            + card.lane.len() as f64 * LANE_LINE
            + if card.branches.is_empty() { 4.0 } else { 6.0 }
            + card.title.len() as f64 * TITLE_LINE
            + card.branches.len() as f64 * BRANCH_LINE;
        let ports = links
            .iter()
            .filter(|l| !l.down && (l.from == index || l.to == index))
            .count();
        card.height = content.max(2.0 * PAD + ports as f64 * PORT);
        card.y = y;
        let mut cursor = y + (card.height - ports as f64 * PORT) / 2.0;
        for link in links.iter_mut().filter(|l| !l.down && l.from == index) {
            link.exit_y = cursor + PORT / 2.0;
            cursor += PORT;
        }
        for link in links.iter_mut().filter(|l| !l.down && l.to == index) {
            link.entry_y = cursor + PORT / 2.0;
            cursor += PORT;
        }
        y += card.height + GAP;
    }
    let height = y - GAP + 4.0;
    draw(flow, &cards, &links, box_width, height)
}

/// Tracks on the right for arrows that skip or go back; arrows whose spans overlap get different
/// tracks, shorter spans the inner ones. Returns how many tracks there are.
fn assign_tracks(links: &mut [Link]) -> usize {
    let aside: Vec<usize> = (0..links.len()).filter(|&i| !links[i].down).collect();
    let spans: Vec<(usize, usize)> = aside
        .iter()
        .map(|&i| {
            (
                links[i].from.min(links[i].to),
                links[i].from.max(links[i].to),
            )
        })
        .collect();
    let (tracks, count) = super::pack_into_tracks(&spans);
    for (i, track) in aside.into_iter().zip(tracks) {
        links[i].track = track;
    }
    count
}

/// How a block of lines inside a box looks.
struct Style {
    class: &'static str,
    /// Extra presentation attributes.
    extra: &'static str,
    size: f64,
    line: f64,
}

const LANE: Style = Style {
    class: "flow-card-lane",
    extra: " font-weight=\"bold\"",
    size: LANE_FONT,
    line: LANE_LINE,
};
const TITLE: Style = Style {
    class: "flow-card-title",
    extra: "",
    size: TITLE_FONT,
    line: TITLE_LINE,
};
const BRANCH: Style = Style {
    class: "flow-card-branch",
    extra: " font-style=\"italic\"",
    size: BRANCH_FONT,
    line: BRANCH_LINE,
};

/// Writes `rows` as one text element from `y` down, moving `y` past them; a leading step number
/// is bold.
fn write_lines(
    svg: &mut String,
    (x, y): (f64, &mut f64),
    style: &Style,
    rows: &[String],
    number: Option<&str>,
) {
    let _ = write!(
        svg,
        "<text class=\"{class}\" x=\"{x}\" y=\"{y}\" font-size=\"{size}\"{extra} fill=\"#000\">",
        class = style.class,
        x = num(x),
        y = num(*y),
        size = style.size,
        extra = style.extra,
    );
    for (index, row) in rows.iter().enumerate() {
        *y += style.line;
        let _ = write!(svg, "<tspan x=\"{}\" y=\"{}\">", num(x), num(*y - 4.0));
        match number
            .and_then(|n| Some((n, row.strip_prefix(n)?)))
            .filter(|_| index == 0)
        {
            Some((number, rest)) => {
                let _ = write!(
                    svg,
                    "<tspan font-weight=\"bold\">{}</tspan>{}",
                    text(number),
                    text(rest)
                );
            }
            None => svg.push_str(&text(row)),
        }
        svg.push_str("</tspan>");
    }
    svg.push_str("</text>");
}

fn draw(flow: &Flow, cards: &[Card], links: &[Link], box_width: f64, height: f64) -> String {
    let prefix = format!("flow-narrow-{}", id_safe(&flow.id));
    let mut svg = String::new();
    super::draw::open_svg(&mut svg, flow, "flow-narrow", "flow-narrow", WIDTH, height);
    let left = 2.0;
    let right = left + box_width;
    for link in links {
        let (source, target) = (&cards[link.from], &cards[link.to]);
        let path = if link.down {
            let x = left + box_width / 2.0;
            format!(
                "M{} {} V{}",
                num(x),
                num(source.y + source.height),
                num(target.y)
            )
        } else {
            let track = right + PAD + link.track as f64 * TRACK;
            format!(
                "M{} {} H{} V{} H{}",
                num(right),
                num(link.exit_y),
                num(track),
                num(link.entry_y),
                num(right)
            )
        };
        let (class, dash) = if link.branch {
            ("flow-link flow-link-branch", " stroke-dasharray=\"5 3\"")
        } else {
            ("flow-link", "")
        };
        let _ = write!(
            svg,
            "<path class=\"{class}\" data-from=\"{from}\" data-to=\"{to}\" d=\"{path}\" fill=\"none\" \
             stroke=\"#000\" stroke-width=\"1.4\"{dash} marker-end=\"url(#{prefix}-arrow)\"/>",
            from = attr(&flow.steps[link.from].id),
            to = attr(&flow.steps[link.to].id),
        );
    }
    for (card, step) in cards.iter().zip(&flow.steps) {
        let _ = write!(
            svg,
            "<a class=\"flow-card\" href=\"#step-{id}\" data-step=\"{id}\" tabindex=\"-1\">\
             <rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" rx=\"6\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"1.5\"/>",
            id = attr(&step.id),
            x = num(left),
            y = num(card.y),
            w = num(box_width),
            h = num(card.height),
        );
        // The lane on a grey band across the top of the box, ruled off from the title.
        let band = PAD + card.lane.len() as f64 * LANE_LINE + 2.5;
        let _ = write!(
            svg,
            "<path class=\"flow-card-band\" d=\"M{x0} {y1} V{y0r} Q{x0} {y0} {x0r} {y0} H{x1r} Q{x1} {y0} {x1} {y0r} V{y1} Z\" \
             fill=\"#e8e8e8\" stroke=\"none\"/>\
             <line x1=\"{x0}\" y1=\"{y1}\" x2=\"{x1}\" y2=\"{y1}\" stroke=\"#000\" stroke-width=\"0.75\"/>",
            x0 = num(left + 0.75),
            x1 = num(left + box_width - 0.75),
            x0r = num(left + 6.0),
            x1r = num(left + box_width - 6.0),
            y0 = num(card.y + 0.75),
            y0r = num(card.y + 6.0),
            y1 = num(card.y + band),
        );
        let x = left + PAD;
        let mut line_y = card.y + PAD;
        let number = format!("{}.", step.number);
        let blocks = [
            (&LANE, &card.lane, None),
            (&TITLE, &card.title, Some(number.as_str())),
            (&BRANCH, &card.branches, None),
        ];
        for (style, rows, number) in blocks {
            if !rows.is_empty() {
                write_lines(&mut svg, (x, &mut line_y), style, rows, number);
                line_y += 2.0;
            }
        }
        svg.push_str("</a>");
    }
    svg.push_str("</svg>");
    svg
}

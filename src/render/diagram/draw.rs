//! Writes a laid-out flow diagram as SVG markup: lanes, arrows, step boxes, then branch labels on top.
//! Essential styling is in presentation attributes (a CSP forbids inline styles); fonts come from the
//! site's CSS through the `flow-diagram` class.

use super::*;
use std::fmt::Write;

impl Layout {
    pub(super) fn draw(&self, flow: &Flow) -> String {
        // role="group", not "img": the step boxes are links, and an image's children are
        // presentational, so links inside one are "nested interactive" controls (axe: serious).
        let prefix = format!("flow-{}", id_safe(&flow.id));
        let mut svg = String::new();
        open_svg(
            &mut svg,
            flow,
            "flow-diagram",
            "flow",
            self.width,
            self.height,
        );
        self.draw_lanes(&mut svg);
        for edge in &self.edges {
            self.draw_edge(&mut svg, flow, edge, &prefix);
        }
        for (row, step) in self.rows.iter().zip(&flow.steps) {
            self.draw_box(&mut svg, row, step);
        }
        for edge in self.edges.iter().filter(|edge| !edge.label.is_empty()) {
            self.draw_label(&mut svg, edge, &flow.steps[edge.from]);
        }
        svg.push_str("</svg>");
        svg
    }

    fn draw_lanes(&self, svg: &mut String) {
        for (index, (role, lines)) in self.lanes.iter().enumerate() {
            let x = self.lane_x(index);
            let fill = if index % 2 == 0 { "#f2f2f2" } else { "#ffffff" };
            let _ = write!(
                svg,
                "<g class=\"flow-lane\" data-role=\"{role}\">\
                 <rect x=\"{x}\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"{fill}\" stroke=\"#666\" stroke-width=\"1\"/>\
                 <text class=\"flow-lane-name\" x=\"{cx}\" y=\"{y}\" text-anchor=\"middle\" font-size=\"{LANE_FONT}\" font-weight=\"bold\" fill=\"#000\">",
                role = attr(role),
                x = num(x),
                w = num(self.lane_width),
                h = num(self.height),
                cx = num(x + self.lane_width / 2.0),
                y = num(BOX_PAD),
            );
            for (line_index, line) in lines.iter().enumerate() {
                let _ = write!(
                    svg,
                    "<tspan x=\"{cx}\" y=\"{y}\">{line}</tspan>",
                    cx = num(x + self.lane_width / 2.0),
                    y = num(BOX_PAD + (line_index + 1) as f64 * LANE_LINE - 3.0),
                    line = text(line),
                );
            }
            svg.push_str("</text></g>");
        }
        let _ = write!(
            svg,
            "<line x1=\"{x1}\" y1=\"{y}\" x2=\"{x2}\" y2=\"{y}\" stroke=\"#666\" stroke-width=\"1\"/>",
            x1 = num(self.lanes_left()),
            x2 = num(self.lanes_right()),
            y = num(self.header_height),
        );
    }

    fn draw_edge(&self, svg: &mut String, flow: &Flow, edge: &Edge, prefix: &str) {
        let (source, target) = (&self.rows[edge.from], &self.rows[edge.to]);
        let path = match edge.route {
            Route::Gap => {
                let (left, right) = (self.box_left(source), self.box_left(target));
                let mut from_x = left + source.width / 2.0;
                let mut to_x = right + target.width / 2.0;
                // Boxes of one lane sized to their text: a straight arrow where they overlap,
                // on the lane's centre line when both reach it.
                let (low, high) = (
                    left.max(right),
                    (left + source.width).min(right + target.width),
                );
                if source.lane == target.lane && high - low > 20.0 {
                    let centre = self.lane_x(source.lane) + self.lane_width / 2.0;
                    let x = if low + 10.0 <= centre && centre <= high - 10.0 {
                        centre
                    } else {
                        (low + high) / 2.0
                    };
                    (from_x, to_x) = (x, x);
                }
                let bottom = source.y + source.height;
                if (from_x - to_x).abs() < 0.5 {
                    format!("M{} {} V{}", num(from_x), num(bottom), num(target.y))
                } else {
                    format!(
                        "M{} {} V{} H{} V{}",
                        num(from_x),
                        num(bottom),
                        num(bottom + ROW_GAP / 2.0),
                        num(to_x),
                        num(target.y)
                    )
                }
            }
            Route::Margin(side) => {
                let edge_x = |row: &Row| match side {
                    Side::Left => self.box_left(row),
                    Side::Right => self.box_left(row) + row.width,
                };
                format!(
                    "M{} {} H{} V{} H{}",
                    num(edge_x(source)),
                    num(edge.exit_y),
                    num(self.track_x(side, edge.track)),
                    num(edge.entry_y),
                    num(edge_x(target))
                )
            }
        };
        let (class, dash) = if edge.branch {
            ("flow-edge flow-edge-branch", " stroke-dasharray=\"5 3\"")
        } else {
            ("flow-edge", "")
        };
        let _ = write!(
            svg,
            "<path class=\"{class}\" data-from=\"{from}\" data-to=\"{to}\" d=\"{path}\" fill=\"none\" \
             stroke=\"#000\" stroke-width=\"1.4\"{dash} marker-end=\"url(#{prefix}-arrow)\"/>",
            from = attr(&flow.steps[edge.from].id),
            to = attr(&flow.steps[edge.to].id),
        );
    }

    fn draw_box(&self, svg: &mut String, row: &Row, step: &FlowStep) {
        let x = self.box_left(row);
        let cx = x + row.width / 2.0;
        let _ = write!(
            svg,
            "<a class=\"flow-step\" href=\"#step-{id}\" data-step=\"{id}\" tabindex=\"-1\">\
             <rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" rx=\"6\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"1.5\"/>\
             <text x=\"{cx}\" y=\"{y}\" text-anchor=\"middle\" font-size=\"{TITLE_FONT}\" fill=\"#000\">",
            id = attr(&step.id),
            x = num(x),
            y = num(row.y),
            w = num(row.width),
            h = num(row.height),
            cx = num(cx),
        );
        let first_line = row.y + (row.height - row.lines.len() as f64 * TITLE_LINE) / 2.0;
        let number = format!("{}.", step.number);
        for (index, line) in row.lines.iter().enumerate() {
            let _ = write!(
                svg,
                "<tspan x=\"{cx}\" y=\"{y}\">",
                cx = num(cx),
                y = num(first_line + (index + 1) as f64 * TITLE_LINE - 4.0),
            );
            match line.strip_prefix(&number).filter(|_| index == 0) {
                Some(rest) => {
                    let _ = write!(
                        svg,
                        "<tspan font-weight=\"bold\">{}</tspan>{}",
                        text(&number),
                        text(rest)
                    );
                }
                None => svg.push_str(&text(line)),
            }
            svg.push_str("</tspan>");
        }
        svg.push_str("</text></a>");
    }

    fn draw_label(&self, svg: &mut String, edge: &Edge, source: &FlowStep) {
        let Route::Margin(side) = edge.route else {
            return;
        };
        let row = &self.rows[edge.from];
        let near = match side {
            Side::Left => self.box_left(row) - LABEL_OFFSET,
            Side::Right => self.box_left(row) + row.width + LABEL_OFFSET,
        };
        let top = edge.exit_y - PORT_STEP / 2.0 - edge.label.len() as f64 * LABEL_LINE;
        // A white background with a thin border: the condition stays readable over lane borders.
        let widest = edge
            .label
            .iter()
            .map(|line| text_width(line, LABEL_FONT))
            .fold(0.0, f64::max);
        let background_x = match side {
            Side::Left => near - widest - LABEL_PAD,
            Side::Right => near - LABEL_PAD,
        };
        // Centred on its background: width estimates are generous, so the spare room is shared
        // by both ends rather than left as a gap at one.
        let x = background_x + widest / 2.0 + LABEL_PAD;
        let _ = write!(
            svg,
            "<g class=\"flow-edge-label\" data-from=\"{from}\">\
             <rect x=\"{bx}\" y=\"{by}\" width=\"{bw}\" height=\"{bh}\" rx=\"3\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"0.6\"/>\
             <text x=\"{x}\" y=\"{top}\" text-anchor=\"middle\" font-size=\"{LABEL_FONT}\" fill=\"#000\">",
            from = attr(&source.id),
            bx = num(background_x),
            by = num(top - 1.0),
            bw = num(widest + 2.0 * LABEL_PAD),
            bh = num(edge.label.len() as f64 * LABEL_LINE + 3.0),
            x = num(x),
            top = num(top),
        );
        for (index, line) in edge.label.iter().enumerate() {
            let _ = write!(
                svg,
                "<tspan x=\"{x}\" y=\"{y}\">{line}</tspan>",
                x = num(x),
                y = num(top + (index + 1) as f64 * LABEL_LINE - 2.0),
                line = text(line),
            );
        }
        svg.push_str("</text></g>");
    }
}

/// Coordinates with at most one decimal, so output is stable and small.
/// The opening of a diagram's SVG: its class, size, title and description (for screen readers),
/// and the arrow marker, its ids after `id_base` and the procedure's id.
pub(super) fn open_svg(
    svg: &mut String,
    flow: &Flow,
    class: &str,
    id_base: &str,
    width: f64,
    height: f64,
) {
    let prefix = format!("{id_base}-{}", id_safe(&flow.id));
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"{class}\" role=\"group\" \
         viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" \
         aria-labelledby=\"{prefix}-title\" aria-describedby=\"{prefix}-desc {described}\">\
         <title id=\"{prefix}-title\">{title}</title><desc id=\"{prefix}-desc\">{desc}</desc>\
         <defs><marker id=\"{prefix}-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" \
         markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">\
         <path d=\"M0,0 L10,5 L0,10 z\" fill=\"#000\"/></marker></defs>",
        w = num(width),
        h = num(height),
        described = attr(&flow.described_by),
        title = text(&flow.title),
        desc = text(&flow.description),
    );
}

pub(super) fn num(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}")
    }
}

pub(super) fn text(value: &str) -> String {
    html_escape::encode_text(value).into_owned()
}

pub(super) fn attr(value: &str) -> String {
    html_escape::encode_double_quoted_attribute(value).into_owned()
}

/// A procedure id such as `return/process.toml` as a fragment of an XML id.
pub(super) fn id_safe(id: &str) -> String {
    id.trim_end_matches(".toml")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::num;

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.345), "12.3");
    }
}

//! The charts, drawn as SVG by hand: horizontal bars, lines over time, and a heatmap.
//!
//! Written here rather than with a plotting crate: three chart shapes are a few hundred lines,
//! and drawing them ourselves gives what the page needs and plotters' SVG backend does not:
//! `<title>`/`<desc>` and ARIA roles for screen readers, a `viewBox` that scales to any
//! width, text as text (searchable, sharp when printed), and bytes that depend on the
//! numbers only.
//!
//! Every chart is [`WIDTH`] units wide and scales to its container (the page's CSS sets
//! `width: 100%`). Labels sit above their bars rather than beside them, so that a phone
//! (360 px) shows them at a readable size. Colours are never the only cue: series differ by
//! lightness, dash pattern and marker, the second part of a stacked bar is hatched, and the
//! heatmap's scale runs from light to dark, so a grey-scale print keeps them apart.
//!
//! Coordinates are printed with at most one decimal, so the same numbers give the same bytes.

use std::fmt::Write;

use super::markup::{CELL_CHARS, escape, push_escaped, shorten};

/// The width of every chart, in SVG units.
pub const WIDTH: f64 = 360.0;

/// The stroke colours of series, dark to light and apart in hue.
const COLOURS: [&str; 6] = [
    "#1b3a5c", "#c05a1c", "#4d8a3a", "#7b4d9a", "#6e6e6e", "#b08a00",
];

/// The dash patterns of series, in the same order.
const DASHES: [&str; 6] = ["", "7 4", "2 3", "10 3 2 3", "5 2", "1 4"];

/// The fill of a bar, and of the hatched second part of a stacked bar.
const BAR: &str = "#2b5c8a";
const BAR_SECOND: &str = "#a9c7e0";

/// Names a chart for assistive technology: the ids of its `<title>` and `<desc>` are made
/// from `id`, which must be unique in the page.
#[derive(Debug, Clone)]
pub struct Alt {
    /// Unique in the page.
    pub id: String,
    /// What the chart shows.
    pub title: String,
}

/// A number as SVG coordinates print it: one decimal at most, no `-0`.
fn n(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == rounded.trunc() {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}")
    }
}

/// A value as a label prints it: integers as integers, others with `decimals`.
pub fn value_text(value: f64, decimals: usize) -> String {
    if value == value.trunc() && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value:.decimals$}")
    }
}

/// A tick's value: as few decimals as it needs (`0.5`, `12.5`, `20`).
fn tick_text(value: f64) -> String {
    let text = format!("{value:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    match text {
        "-0" | "" => "0".to_string(),
        text => text.to_string(),
    }
}

/// The least "round" number (1, 2 or 5 times a power of ten) at least `value`; 1 for 0.
fn nice(value: f64) -> f64 {
    if value <= 0.0 || !value.is_finite() {
        return 1.0;
    }
    let power = 10f64.powf(value.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|step| step * power)
        .find(|&candidate| candidate >= value * (1.0 - 1e-9))
        .unwrap_or(10.0 * power)
}

/// The axis of values up to `max`: a round step (never below 1 for counts, which have no
/// halves), and the top of the axis, a whole number of steps at least `max`.
fn axis_scale(max: f64, counts: bool) -> (f64, f64) {
    let mut step = nice(max / 4.0);
    if counts {
        step = step.max(1.0);
    }
    let steps = (max / step - 1e-9).ceil().max(1.0);
    (step * steps, step)
}

/// Whether every value is a whole number.
fn all_whole(values: impl Iterator<Item = f64>) -> bool {
    values.into_iter().all(|v| v == v.trunc())
}

/// The opening tag, `<title>` and `<desc>` of a chart `height` units high.
fn open(alt: &Alt, height: f64, desc: &str) -> String {
    let id = escape(&alt.id);
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" role=\"img\" \
         aria-labelledby=\"{id}-t {id}-d\"><title id=\"{id}-t\">",
        n(WIDTH),
        n(height)
    );
    push_escaped(&mut out, &alt.title);
    let _ = write!(out, "</title><desc id=\"{id}-d\">");
    push_escaped(&mut out, desc);
    out.push_str("</desc>");
    out
}

/// A text element.
fn text(out: &mut String, x: f64, y: f64, class: &str, content: &str) {
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" class=\"{class}\">",
        n(x),
        n(y)
    );
    push_escaped(out, content);
    out.push_str("</text>");
}

/// A chart with nothing to draw: its frame and a sentence saying so.
pub fn empty(alt: &Alt, message: &str) -> String {
    let mut out = open(alt, 60.0, message);
    text(&mut out, WIDTH / 2.0, 34.0, "empty", message);
    out.push_str("</svg>");
    out
}

/// One bar of a bar chart: its label, its parts (one, or two stacked), and the value
/// printed at its end.
#[derive(Debug, Clone)]
pub struct Bar {
    /// What the bar stands for.
    pub label: String,
    /// Its length, in parts stacked left to right.
    pub parts: Vec<f64>,
    /// The value printed after it.
    pub value: String,
}

/// Heights of the parts of a bar chart.
const ROW: f64 = 32.0;
const LEGEND_ROW: f64 = 18.0;
const AXIS: f64 = 40.0;
/// Room for the value printed after the longest bar.
const VALUE_ROOM: f64 = 56.0;
/// Characters of a label that fit the width of a chart.
const LABEL_CHARS: usize = 44;

/// A horizontal bar chart: one row a bar, its label above it. `parts` names the stacked
/// parts when there are two (a legend is drawn); `axis` names the values.
pub fn bars(alt: &Alt, bars: &[Bar], parts: &[&str], axis: &str) -> String {
    if bars.is_empty() {
        return empty(alt, "Nothing to draw: no data.");
    }
    let legend = if parts.len() > 1 {
        LEGEND_ROW + 4.0
    } else {
        0.0
    };
    let top = 4.0 + legend;
    let height = top + bars.len() as f64 * ROW + AXIS;
    let max = bars
        .iter()
        .map(|b| b.parts.iter().sum::<f64>())
        .fold(0.0, f64::max);
    let (scale_max, step) = axis_scale(
        max,
        all_whole(bars.iter().flat_map(|b| b.parts.iter().copied())),
    );
    let (left, span) = (4.0, WIDTH - 8.0 - VALUE_ROOM);
    let desc = format!(
        "Horizontal bars, {} of them, {axis}: {}.",
        bars.len(),
        bars.iter()
            .take(12)
            .map(|b| format!("{} {}", shorten(&b.label, 40), b.value))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let mut out = open(alt, height, &desc);
    let hatch = format!("{}-hatch", escape(&alt.id));
    if parts.len() > 1 {
        let _ = write!(
            out,
            "<defs><pattern id=\"{hatch}\" width=\"5\" height=\"5\" \
             patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">\
             <rect width=\"5\" height=\"5\" fill=\"{BAR_SECOND}\"/>\
             <line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"5\" stroke=\"{BAR}\" stroke-width=\"1.5\"/>\
             </pattern></defs>"
        );
        let mut x = left;
        for (i, name) in parts.iter().enumerate() {
            let fill = if i == 0 {
                BAR.to_string()
            } else {
                format!("url(#{hatch})")
            };
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"6\" width=\"12\" height=\"12\" fill=\"{fill}\" \
                 stroke=\"{BAR}\" stroke-width=\"0.5\"/>",
                n(x)
            );
            text(&mut out, x + 16.0, 16.0, "legend", name);
            x += 24.0 + name.chars().count() as f64 * 7.0;
        }
    }
    out.push_str("<g class=\"bars\">");
    for (i, bar) in bars.iter().enumerate() {
        let y = top + i as f64 * ROW;
        out.push_str("<g><title>");
        push_escaped(
            &mut out,
            &format!("{}: {}", shorten(&bar.label, CELL_CHARS), bar.value),
        );
        out.push_str("</title>");
        text(
            &mut out,
            left,
            y + 12.0,
            "label",
            &shorten(&bar.label, LABEL_CHARS),
        );
        let mut x = left;
        for (p, &part) in bar.parts.iter().enumerate() {
            let width = part.max(0.0) / scale_max * span;
            if width <= 0.0 {
                continue;
            }
            let fill = if p == 0 {
                BAR.to_string()
            } else {
                format!("url(#{hatch})")
            };
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"13\" fill=\"{fill}\" \
                 stroke=\"{BAR}\" stroke-width=\"0.5\"/>",
                n(x),
                n(y + 16.0),
                n(width.max(0.5))
            );
            x += width;
        }
        text(&mut out, x + 4.0, y + 27.0, "value", &bar.value);
        out.push_str("</g>");
    }
    out.push_str("</g>");
    axis_below(
        &mut out,
        left,
        span,
        top + bars.len() as f64 * ROW + 4.0,
        scale_max,
        step,
        axis,
    );
    out.push_str("</svg>");
    out
}

/// The value axis under a bar chart: a line, a tick every `step` up to `max`, and its name.
fn axis_below(out: &mut String, left: f64, span: f64, y: f64, max: f64, step: f64, name: &str) {
    let _ = write!(
        out,
        "<g class=\"axis\"><line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
        n(left),
        n(y),
        n(left + span),
        n(y)
    );
    let ticks = (max / step).round() as usize;
    for tick in 0..=ticks {
        let value = step * tick as f64;
        let x = left + span * value / max;
        let _ = write!(
            out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
            n(x),
            n(y),
            n(x),
            n(y + 4.0)
        );
        text(out, x, y + 15.0, "tick mid", &tick_text(value));
    }
    text(out, left + span / 2.0, y + 32.0, "axis-name mid", name);
    out.push_str("</g>");
}

/// One line of a line chart: its name and a value per point (`None`: no data there, the
/// line breaks).
#[derive(Debug, Clone)]
pub struct Series {
    /// The name in the legend.
    pub name: String,
    /// A value per point of the x axis.
    pub values: Vec<Option<f64>>,
}

/// Points beyond which the markers are left out (they would touch).
const MARKED_POINTS: usize = 40;
/// X labels printed at most.
const X_LABELS: usize = 6;

/// A line chart over `x` (time buckets, left to right): one line a series, each with its own
/// colour, dash pattern and marker, named in a legend above.
pub fn lines(alt: &Alt, x: &[String], series: &[Series], y_name: &str, x_name: &str) -> String {
    let max = series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .fold(0.0, |m: f64, &v| m.max(v));
    if x.is_empty() || series.is_empty() {
        return empty(alt, "Nothing to draw: no dated data.");
    }
    let legend_rows = series.len().div_ceil(2);
    let top = 8.0 + legend_rows as f64 * LEGEND_ROW + 8.0;
    let plot_height = 170.0;
    let (left, right) = (46.0, 20.0);
    let height = top + plot_height + 46.0;
    let span = WIDTH - left - right;
    let whole = all_whole(
        series
            .iter()
            .flat_map(|s| s.values.iter().flatten().copied()),
    );
    let (scale_max, y_step) = axis_scale(max, whole);
    let x_at = |i: usize| match x.len() {
        1 => left + span / 2.0,
        len => left + span * i as f64 / (len - 1) as f64,
    };
    let y_at = |v: f64| top + plot_height - v / scale_max * plot_height;
    let desc = format!(
        "Line chart of {y_name} by {x_name}, from {} to {}: {}.",
        x[0],
        x[x.len() - 1],
        series
            .iter()
            .map(|s| {
                let peak = s
                    .values
                    .iter()
                    .enumerate()
                    .filter_map(|(i, v)| v.map(|v| (i, v)))
                    .fold(None, |best: Option<(usize, f64)>, (i, v)| match best {
                        Some((_, b)) if b >= v => best,
                        _ => Some((i, v)),
                    });
                match peak {
                    Some((i, v)) => format!(
                        "{} peaks at {} in {}",
                        shorten(&s.name, 40),
                        value_text(v, 2),
                        x[i]
                    ),
                    None => format!("{} has no value", shorten(&s.name, 40)),
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
    );
    let mut out = open(alt, height, &desc);
    // The legend: two columns of a sample line and the series' name.
    for (i, s) in series.iter().enumerate() {
        let lx = 4.0 + (i % 2) as f64 * WIDTH / 2.0;
        let ly = 8.0 + (i / 2) as f64 * LEGEND_ROW + 8.0;
        let _ = write!(
            out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2\"{}/>",
            n(lx),
            n(ly - 4.0),
            n(lx + 26.0),
            n(ly - 4.0),
            COLOURS[i % COLOURS.len()],
            dash(i)
        );
        marker(&mut out, i, lx + 13.0, ly - 4.0);
        text(&mut out, lx + 32.0, ly, "legend", &shorten(&s.name, 20));
    }
    // Horizontal grid and the y axis.
    out.push_str("<g class=\"axis\">");
    for tick in 0..=(scale_max / y_step).round() as usize {
        let v = y_step * tick as f64;
        let y = y_at(v);
        let _ = write!(
            out,
            "<line class=\"grid\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
            n(left),
            n(y),
            n(left + span),
            n(y)
        );
        text(&mut out, left - 4.0, y + 4.0, "tick end", &tick_text(v));
    }
    let _ = write!(
        out,
        "<text transform=\"translate(11 {}) rotate(-90)\" class=\"axis-name mid\">",
        n(top + plot_height / 2.0)
    );
    push_escaped(&mut out, y_name);
    out.push_str("</text>");
    let bottom = top + plot_height;
    let every = x.len().div_ceil(X_LABELS).max(1);
    for (i, label) in x.iter().enumerate() {
        if i % every != 0 && i + 1 != x.len() {
            continue;
        }
        // The last label is printed only when it does not crowd the one before.
        if i + 1 == x.len() && i % every != 0 && (i % every) * 2 < every {
            continue;
        }
        let _ = write!(
            out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
            n(x_at(i)),
            n(bottom),
            n(x_at(i)),
            n(bottom + 4.0)
        );
        text(&mut out, x_at(i), bottom + 16.0, "tick mid", label);
    }
    text(
        &mut out,
        left + span / 2.0,
        bottom + 36.0,
        "axis-name mid",
        x_name,
    );
    out.push_str("</g>");
    for (i, s) in series.iter().enumerate() {
        let mut path = String::new();
        let mut pen_down = false;
        for (p, value) in s.values.iter().enumerate() {
            match value {
                Some(v) => {
                    let _ = write!(
                        path,
                        "{}{} {}",
                        if pen_down { " L" } else { " M" },
                        n(x_at(p)),
                        n(y_at(*v))
                    );
                    pen_down = true;
                }
                None => pen_down = false,
            }
        }
        let _ = write!(out, "<g class=\"series\"><title>");
        push_escaped(&mut out, &shorten(&s.name, CELL_CHARS));
        let _ = write!(
            out,
            "</title><path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"{}/>",
            path.trim_start(),
            COLOURS[i % COLOURS.len()],
            dash(i)
        );
        if x.len() <= MARKED_POINTS {
            for (p, value) in s.values.iter().enumerate() {
                if let Some(v) = value {
                    marker(&mut out, i, x_at(p), y_at(*v));
                }
            }
        }
        out.push_str("</g>");
    }
    out.push_str("</svg>");
    out
}

/// The dash attribute of series `i`.
fn dash(i: usize) -> String {
    match DASHES[i % DASHES.len()] {
        "" => String::new(),
        pattern => format!(" stroke-dasharray=\"{pattern}\""),
    }
}

/// The marker of series `i` at (`x`, `y`): a circle, square, triangle, diamond, ring or cross.
fn marker(out: &mut String, i: usize, x: f64, y: f64) {
    let colour = COLOURS[i % COLOURS.len()];
    let _ = match i % 6 {
        0 => write!(
            out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"{colour}\"/>",
            n(x),
            n(y)
        ),
        1 => write!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"6\" height=\"6\" fill=\"{colour}\"/>",
            n(x - 3.0),
            n(y - 3.0)
        ),
        2 => write!(
            out,
            "<path d=\"M{} {} L{} {} L{} {} Z\" fill=\"{colour}\"/>",
            n(x),
            n(y - 4.0),
            n(x + 4.0),
            n(y + 3.0),
            n(x - 4.0),
            n(y + 3.0)
        ),
        3 => write!(
            out,
            "<path d=\"M{} {} L{} {} L{} {} L{} {} Z\" fill=\"{colour}\"/>",
            n(x),
            n(y - 4.0),
            n(x + 4.0),
            n(y),
            n(x),
            n(y + 4.0),
            n(x - 4.0),
            n(y)
        ),
        4 => write!(
            out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"#fff\" stroke=\"{colour}\" \
             stroke-width=\"1.5\"/>",
            n(x),
            n(y)
        ),
        _ => write!(
            out,
            "<path d=\"M{} {} L{} {} M{} {} L{} {}\" stroke=\"{colour}\" stroke-width=\"1.5\"/>",
            n(x - 3.0),
            n(y - 3.0),
            n(x + 3.0),
            n(y + 3.0),
            n(x - 3.0),
            n(y + 3.0),
            n(x + 3.0),
            n(y - 3.0)
        ),
    };
}

/// A cell's fill on a scale from light (0) to dark (`max`): one hue, so that lightness alone
/// carries the value, in colour and in grey.
fn shade(value: f64, max: f64) -> (String, bool) {
    let t = if max > 0.0 {
        (value / max).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let light = [247.0, 251.0, 255.0];
    let dark = [8.0, 48.0, 107.0];
    let channel = |c: usize| (light[c] + (dark[c] - light[c]) * t).round() as u8;
    (
        format!("#{:02x}{:02x}{:02x}", channel(0), channel(1), channel(2)),
        t > 0.5,
    )
}

/// Heights of the parts of a heatmap.
const CELL_HEIGHT: f64 = 20.0;
const HEAD: f64 = 78.0;
const ROW_LABELS: f64 = 130.0;
/// Room on the right for the last column's slanted name.
const HEAD_OVERHANG: f64 = 44.0;

/// A heatmap: `values[row][column]`, light for low, dark for high, the value printed in
/// each cell wide enough to hold it. Column names are slanted above the columns.
pub fn heatmap(
    alt: &Alt,
    rows: &[String],
    columns: &[String],
    values: &[Vec<f64>],
    unit: &str,
) -> String {
    if rows.is_empty() || columns.is_empty() {
        return empty(alt, "Nothing to draw: no data.");
    }
    let max = values.iter().flatten().fold(0.0, |m: f64, &v| m.max(v));
    let cell_width = (WIDTH - ROW_LABELS - HEAD_OVERHANG) / columns.len() as f64;
    let height = HEAD + rows.len() as f64 * CELL_HEIGHT + 40.0;
    let desc = format!(
        "Heatmap of {unit}, {} rows by {} columns ({}); darker is more, up to {}.",
        rows.len(),
        columns.len(),
        columns
            .iter()
            .map(|c| shorten(c, 40))
            .collect::<Vec<_>>()
            .join(", "),
        value_text(max, 1)
    );
    let mut out = open(alt, height, &desc);
    for (c, name) in columns.iter().enumerate() {
        let x = ROW_LABELS + (c as f64 + 0.5) * cell_width;
        let _ = write!(
            out,
            "<text transform=\"translate({} {}) rotate(-40)\" class=\"label\">",
            n(x),
            n(HEAD - 6.0)
        );
        push_escaped(&mut out, &shorten(name, 16));
        out.push_str("</text>");
    }
    let print_values = cell_width >= 26.0;
    for (r, row) in rows.iter().enumerate() {
        let y = HEAD + r as f64 * CELL_HEIGHT;
        text(&mut out, 4.0, y + 14.0, "label", &shorten(row, 19));
        for (c, column) in columns.iter().enumerate() {
            let value = values[r][c];
            let (fill, dark) = shade(value, max);
            let x = ROW_LABELS + c as f64 * cell_width;
            out.push_str("<g><title>");
            push_escaped(
                &mut out,
                &format!(
                    "{}, {}: {}",
                    shorten(row, CELL_CHARS),
                    shorten(column, CELL_CHARS),
                    value_text(value, 1)
                ),
            );
            let _ = write!(
                out,
                "</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\" \
                 stroke=\"#fff\"/>",
                n(x),
                n(y),
                n(cell_width),
                n(CELL_HEIGHT)
            );
            if print_values && value > 0.0 {
                let class = if dark { "cell mid on-dark" } else { "cell mid" };
                text(
                    &mut out,
                    x + cell_width / 2.0,
                    y + 14.0,
                    class,
                    &value_text(value, 1),
                );
            }
            out.push_str("</g>");
        }
    }
    // The scale: five steps from 0 to the largest value.
    let y = HEAD + rows.len() as f64 * CELL_HEIGHT + 10.0;
    text(&mut out, 4.0, y + 12.0, "legend", &shorten(unit, 19));
    for step in 0..5 {
        let v = max * step as f64 / 4.0;
        let (fill, _) = shade(v, max);
        let x = ROW_LABELS + step as f64 * 40.0;
        let _ = write!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"14\" fill=\"{fill}\" \
             stroke=\"#888\" stroke-width=\"0.5\"/>",
            n(x),
            n(y)
        );
        text(&mut out, x + 18.0, y + 12.0, "tick", &value_text(v, 1));
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alt() -> Alt {
        Alt {
            id: "t".into(),
            title: "A <chart>".into(),
        }
    }

    fn parses(svg: &str) {
        roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}: {svg}"));
    }

    #[test]
    fn axes_end_on_a_round_number_of_round_steps() {
        let cases = [
            // max, counts: (top, step)
            (0.0, true, (1.0, 1.0)),
            (3.0, true, (3.0, 1.0)),
            (5.0, true, (6.0, 2.0)),
            (55.0, true, (60.0, 20.0)),
            (41.0, false, (60.0, 20.0)),
            (0.7, false, (0.8, 0.2)),
            (9.5, false, (10.0, 5.0)),
        ];
        for (max, counts, expected) in cases {
            let (top, step) = axis_scale(max, counts);
            assert!(
                (top - expected.0).abs() < 1e-9 && (step - expected.1).abs() < 1e-9,
                "{max}: {top} {step}"
            );
        }
        assert_eq!(tick_text(12.5), "12.5");
        assert_eq!(tick_text(20.0), "20");
        assert_eq!(tick_text(0.0), "0");
    }

    #[test]
    fn coordinates_print_one_decimal_at_most() {
        assert_eq!(n(1.0), "1");
        assert_eq!(n(1.04), "1");
        assert_eq!(n(1.25), "1.3");
        assert_eq!(n(-0.01), "0");
    }

    #[test]
    fn charts_are_well_formed_and_named() {
        let bar = |label: &str, v: f64| Bar {
            label: label.into(),
            parts: vec![v, v / 2.0],
            value: value_text(v, 0),
        };
        let charts = [
            bars(
                &alt(),
                &[bar("a & <b>", 3.0), bar("c", 1.0)],
                &["posts", "comments"],
                "documents",
            ),
            bars(&alt(), &[], &[], "documents"),
            lines(
                &alt(),
                &["2007".into(), "2008".into()],
                &[Series {
                    name: "x".into(),
                    values: vec![Some(1.0), None],
                }],
                "rate",
                "year",
            ),
            heatmap(
                &alt(),
                &["post".into()],
                &["theme".into()],
                &[vec![2.5]],
                "per 1,000 words",
            ),
        ];
        for svg in &charts {
            parses(svg);
            assert!(svg.contains("<title id=\"t-t\">A &lt;chart&gt;</title><desc id=\"t-d\">"));
            assert!(svg.contains("aria-labelledby=\"t-t t-d\""));
        }
        assert!(charts[0].contains("a &amp; &lt;b&gt;"));
        assert!(charts[1].contains("no data"));
    }

    #[test]
    fn the_heatmap_scale_runs_light_to_dark() {
        let lightness = |value| {
            let (fill, _) = shade(value, 10.0);
            let c = |i| u8::from_str_radix(&fill[i..i + 2], 16).unwrap() as u32;
            c(1) + c(3) + c(5)
        };
        assert!(lightness(0.0) > lightness(5.0));
        assert!(lightness(5.0) > lightness(10.0));
    }
}

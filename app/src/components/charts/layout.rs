//! Pure layout for the charts: a linear scale, a band scale, "nice" ticks, an estimate of a
//! label's width, and the placement of labels along one axis so that none overlaps another.

/// Maps a domain of values onto a range of pixels, linearly (the range may run backwards, as a
/// vertical axis does).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinearScale {
    /// The values at both ends.
    pub domain: (f64, f64),
    /// The pixels at both ends.
    pub range: (f64, f64),
}

impl LinearScale {
    /// The pixel of `value` (values outside the domain land outside the range).
    pub fn at(&self, value: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        if d1 == d0 {
            return (r0 + r1) / 2.0;
        }
        r0 + (value - d0) / (d1 - d0) * (r1 - r0)
    }

    /// The pixel of `value`, kept within the range.
    pub fn clamped(&self, value: f64) -> f64 {
        let (low, high) = if self.range.0 <= self.range.1 {
            self.range
        } else {
            (self.range.1, self.range.0)
        };
        self.at(value).clamp(low, high)
    }
}

/// Equal bands (bars, rows) across a range, with a share of each step left as a gap.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BandScale {
    /// How many bands.
    pub count: usize,
    /// The pixels at both ends.
    pub range: (f64, f64),
    /// The share of each step left empty, 0 to 1 (half on each side of the band).
    pub padding: f64,
}

impl BandScale {
    fn step(&self) -> f64 {
        if self.count == 0 {
            0.0
        } else {
            (self.range.1 - self.range.0) / self.count as f64
        }
    }

    /// The thickness of one band.
    pub fn width(&self) -> f64 {
        self.step() * (1.0 - self.padding.clamp(0.0, 1.0))
    }

    /// Where band `index` starts.
    pub fn start(&self, index: usize) -> f64 {
        self.range.0 + self.step() * index as f64 + (self.step() - self.width()) / 2.0
    }

    /// The middle of band `index`.
    pub fn middle(&self, index: usize) -> f64 {
        self.start(index) + self.width() / 2.0
    }
}

/// The first multiple of `step` at or above `low` (by its index), forgiving the rounding of
/// binary fractions (0.3 / 0.1 is 2.9999999999999996).
fn first_index(low: f64, step: f64) -> i64 {
    (low / step - 1e-9).ceil() as i64
}

/// The last multiple of `step` at or below `high`, likewise.
fn last_index(high: f64, step: f64) -> i64 {
    (high / step + 1e-9).floor() as i64
}

/// Ticks at round values (1, 2, 2.5 or 5 times a power of ten) covering `low..=high`, at most
/// `max_count` of them (at least two when the interval is not empty).
pub fn nice_ticks(low: f64, high: f64, max_count: usize) -> Vec<f64> {
    if !(low.is_finite() && high.is_finite()) || max_count < 2 {
        return Vec::new();
    }
    let (low, high) = if low <= high {
        (low, high)
    } else {
        (high, low)
    };
    if low == high {
        return vec![low];
    }
    let rough = (high - low) / (max_count - 1) as f64;
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|step| (last_index(high, *step) - first_index(low, *step) + 1) as usize <= max_count)
        .unwrap_or(10.0 * power);
    (first_index(low, step)..=last_index(high, step))
        .map(|i| {
            // 3 × 0.1 is 0.30000000000000004: round to the step's decimals.
            let decimals = (-step.log10().floor()).max(0.0) as i32 + 1;
            let scale = 10f64.powi(decimals);
            let v = (i as f64 * step * scale).round() / scale;
            if v == 0.0 { 0.0 } else { v }
        })
        .collect()
}

/// The width a label takes, in pixels, for a sans-serif font of `font_px` (Marianne, Arial):
/// an estimate per character class, erring wide so that labels placed with it never touch.
pub fn text_width(text: &str, font_px: f64) -> f64 {
    let em: f64 = text
        .chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | 'I' | '.' | ',' | ';' | ':' | '!' | '\'' | '|' => 0.3,
            ' ' | '\u{202f}' | '\u{a0}' | 'f' | 't' | 'r' | '(' | ')' | '-' => 0.38,
            'm' | 'w' | 'M' | 'W' | '%' | '@' => 0.9,
            c if c.is_uppercase() => 0.7,
            c if c.is_ascii_digit() => 0.58,
            _ => 0.56,
        })
        .sum();
    em * font_px
}

/// Positions for labels wanted at `wanted` (their centres along one axis, in pixels), each
/// `sizes[i]` long, so that two are at least `gap` apart and all stay within `bounds`; each
/// moves as little as it can, in the same order. When they cannot all fit, they are spread
/// evenly over the bounds (the caller then drops or abbreviates some).
pub fn place_labels(wanted: &[f64], sizes: &[f64], gap: f64, bounds: (f64, f64)) -> Vec<f64> {
    let n = wanted.len().min(sizes.len());
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| wanted[*a].total_cmp(&wanted[*b]));
    let total: f64 = sizes[..n].iter().sum::<f64>() + gap * n.saturating_sub(1) as f64;
    let mut placed = vec![0.0; n];
    if total > bounds.1 - bounds.0 {
        let mut at = bounds.0;
        for &i in &order {
            placed[i] = at + sizes[i] / 2.0;
            at += sizes[i] + gap;
        }
        return placed;
    }
    // Forward: push each label past the one before it, and inside the lower bound.
    let mut previous_end = bounds.0 - gap;
    for &i in &order {
        let start = (wanted[i] - sizes[i] / 2.0).max(previous_end + gap);
        placed[i] = start + sizes[i] / 2.0;
        previous_end = start + sizes[i];
    }
    // Backward: pull the last ones inside the upper bound, pushing earlier ones back as needed.
    let mut next_start = bounds.1 + gap;
    for &i in order.iter().rev() {
        let end = (placed[i] + sizes[i] / 2.0).min(next_start - gap);
        placed[i] = end - sizes[i] / 2.0;
        next_start = end - sizes[i];
    }
    placed
}

/// Breaks `text` into lines of at most `max_width` pixels at `font_px`, between words; a word
/// longer than a line is cut with an ellipsis. At most `max_lines` lines: the last one ends
/// with an ellipsis when the text goes on.
pub fn wrap(text: &str, font_px: f64, max_width: f64, max_lines: usize) -> Vec<String> {
    let fit = |word: &str| -> String {
        if text_width(word, font_px) <= max_width {
            return word.to_owned();
        }
        let mut cut = String::new();
        for c in word.chars() {
            let longer = format!("{cut}{c}\u{2026}");
            if text_width(&longer, font_px) > max_width {
                break;
            }
            cut.push(c);
        }
        format!("{cut}\u{2026}")
    };
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let tried = if current.is_empty() {
            word.to_owned()
        } else {
            format!("{current} {word}")
        };
        if text_width(&tried, font_px) <= max_width {
            current = tried;
        } else {
            if !current.is_empty() {
                lines.push(std::mem::take(&mut current));
            }
            current = fit(word);
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.len() > max_lines.max(1) {
        lines.truncate(max_lines.max(1));
        if let Some(last) = lines.last_mut() {
            let mut shorter = last.clone();
            while !shorter.is_empty()
                && text_width(&format!("{shorter}\u{2026}"), font_px) > max_width
            {
                shorter.pop();
            }
            *last = format!("{}\u{2026}", shorter.trim_end());
        }
    }
    lines
}

/// Every how many labels of `count`, each at most `widest` pixels wide, one can be written
/// along `length` pixels with `gap` between them: 1, 2, 3, 4, 6 or 12 (months by quarter,
/// half-year or year).
pub fn label_step(count: usize, widest: f64, length: f64, gap: f64) -> usize {
    if count == 0 {
        return 1;
    }
    let slot = length / count as f64;
    [1, 2, 3, 4, 6, 12]
        .into_iter()
        .find(|k| slot * *k as f64 >= widest + gap)
        .unwrap_or(count.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vertical_axis_runs_backwards() {
        let y = LinearScale {
            domain: (0.0, 10.0),
            range: (200.0, 0.0),
        };
        assert_eq!(y.at(0.0), 200.0);
        assert_eq!(y.at(10.0), 0.0);
        assert_eq!(y.at(7.5), 50.0);
        assert_eq!(y.clamped(12.0), 0.0);
        assert_eq!(y.clamped(-1.0), 200.0);
    }

    #[test]
    fn bands_share_the_range_with_their_gaps() {
        let rows = BandScale {
            count: 4,
            range: (0.0, 400.0),
            padding: 0.2,
        };
        assert_eq!(rows.width(), 80.0);
        assert_eq!(rows.start(0), 10.0);
        assert_eq!(rows.middle(3), 350.0);
        assert!(rows.start(1) >= rows.start(0) + rows.width());
    }

    #[test]
    fn ticks_are_round_and_cover_the_interval() {
        assert_eq!(
            nice_ticks(0.0, 10.0, 6),
            vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
        );
        assert_eq!(nice_ticks(0.0, 1.0, 5), vec![0.0, 0.25, 0.5, 0.75, 1.0]);
        assert_eq!(nice_ticks(0.0, 100.0, 3), vec![0.0, 50.0, 100.0]);
        assert_eq!(nice_ticks(6.8, 8.3, 4), vec![7.0, 7.5, 8.0]);
        assert_eq!(
            nice_ticks(6.8, 8.3, 6).len(),
            6,
            "quarters when there is room"
        );
        assert_eq!(nice_ticks(0.1, 0.3, 3), vec![0.1, 0.2, 0.3]);
        assert_eq!(
            nice_ticks(-20.0, 20.0, 5),
            vec![-20.0, -10.0, 0.0, 10.0, 20.0]
        );
        assert_eq!(nice_ticks(5.0, 5.0, 5), vec![5.0]);
        assert!(nice_ticks(0.0, f64::NAN, 5).is_empty());
        for (low, high, most) in [(0.0, 7.3, 5), (13.0, 1870.0, 6), (0.02, 0.97, 4)] {
            let ticks = nice_ticks(low, high, most);
            assert!(
                ticks.len() >= 2 && ticks.len() <= most,
                "{low}..{high}: {ticks:?}"
            );
            assert!(ticks.iter().all(|t| (low..=high).contains(t)));
        }
    }

    #[test]
    fn wide_letters_take_more_room_than_narrow_ones() {
        assert!(text_width("MMMM", 16.0) > text_width("iiii", 16.0) * 2.0);
        assert_eq!(text_width("", 16.0), 0.0);
        assert!((text_width("7,4", 10.0) - 14.6).abs() < 1e-9);
    }

    #[test]
    fn labels_never_overlap_and_stay_inside() {
        let sizes = [40.0, 40.0, 40.0];
        let placed = place_labels(&[100.0, 105.0, 110.0], &sizes, 4.0, (0.0, 300.0));
        for pair in placed.windows(2) {
            assert!(pair[1] - pair[0] >= 44.0 - 1e-9, "{placed:?}");
        }
        // Labels that fit stay where they were wanted.
        assert_eq!(
            place_labels(&[50.0, 150.0], &[40.0, 40.0], 4.0, (0.0, 300.0)),
            vec![50.0, 150.0]
        );
        // Near the upper bound, they are pulled back inside, in their order.
        let edge = place_labels(&[290.0, 295.0], &[40.0, 40.0], 4.0, (0.0, 300.0));
        assert_eq!(edge, vec![236.0, 280.0]);
        // Given in any order, each keeps its rank.
        let shuffled = place_labels(&[110.0, 100.0], &[40.0, 40.0], 4.0, (0.0, 300.0));
        assert!(shuffled[0] > shuffled[1]);
        // Too many to fit: spread evenly from the lower bound.
        let crowded = place_labels(&[10.0, 10.0, 10.0], &[50.0, 50.0, 50.0], 10.0, (0.0, 100.0));
        assert_eq!(crowded, vec![25.0, 85.0, 145.0]);
    }

    #[test]
    fn long_labels_wrap_between_words_and_never_pass_their_width() {
        let lines = wrap(
            "Guichet des cartes grises et des permis de conduire",
            13.0,
            150.0,
            3,
        );
        assert!(lines.len() >= 2, "{lines:?}");
        assert!(
            lines.iter().all(|l| text_width(l, 13.0) <= 150.0),
            "{lines:?}"
        );
        assert_eq!(
            lines.join(" "),
            "Guichet des cartes grises et des permis de conduire"
        );
        let cut = wrap(
            "Guichet des cartes grises et des permis de conduire",
            13.0,
            150.0,
            1,
        );
        assert_eq!(cut.len(), 1);
        assert!(cut[0].ends_with('\u{2026}') && text_width(&cut[0], 13.0) <= 150.0);
        let word = wrap("Anticonstitutionnellement", 13.0, 60.0, 2);
        assert!(word[0].ends_with('\u{2026}') && text_width(&word[0], 13.0) <= 60.0);
        assert_eq!(wrap("Accueil", 13.0, 150.0, 2), vec!["Accueil".to_owned()]);
    }

    #[test]
    fn month_labels_are_thinned_to_fit_a_phone() {
        // 12 months of labels 22 px wide on 310 px: every one fits; 26 px wide, every other.
        assert_eq!(label_step(12, 22.0, 310.0, 3.0), 1);
        assert_eq!(label_step(12, 26.0, 310.0, 3.0), 2);
        // 24 months: every other one, or a quarter.
        assert_eq!(label_step(24, 26.0, 310.0, 3.0), 3);
        assert_eq!(label_step(24, 20.0, 310.0, 3.0), 2);
        assert_eq!(label_step(0, 26.0, 310.0, 3.0), 1);
    }
}

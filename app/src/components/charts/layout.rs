//! Pure layout for the charts: a linear scale, "nice" ticks, an estimate of a label's width,
//! labels wrapped to their room, and axis labels thinned so that none overlaps another.

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

//! Nested-bracket layout of formatted elements (NumPy's `_formatArray` / `_extendLine`).
//!
//! Rows (the last axis) are filled word by word and wrapped when the next element would pass
//! the line width; higher axes put each sub-array on its own line(s), separated by one blank
//! line per extra dimension. Summarized axes show their leading and trailing `edgeitems`
//! entries around a `...` item. All widths count Unicode code points, like Python's `len`.

/// Input of [`format_array`]: the formatted elements and how they map onto the array.
#[derive(Debug, Clone, Copy)]
pub struct Layout<'a> {
    /// Formatted elements in C order over `kept_shape`.
    pub words: &'a [String],
    /// The array's full shape.
    pub shape: &'a [usize],
    /// Shape of the kept sub-array `words` covers (equal to `shape` unless summarized).
    pub kept_shape: &'a [usize],
    /// Whether the array is summarized (size above the threshold).
    pub summarize: bool,
    /// Items kept at each edge of a summarized axis.
    pub edge_items: usize,
    /// Maximum line width (already reduced by the suffix length).
    pub line_width: i64,
    /// Indentation of continuation lines (a space for the `[` plus the prefix width).
    pub next_line_prefix: &'a str,
    /// Element separator (`", "` for repr, `" "` for str).
    pub separator: &'a str,
}

fn clen(s: &str) -> i64 {
    s.chars().count() as i64
}

/// NumPy's `_extendLine` (legacy > 1.13): wraps before `word` when it would not fit, unless the
/// line holds nothing but its indentation.
fn extend_line(s: &mut String, line: &mut String, word: &str, line_width: i64, prefix: &str) {
    let line_len = clen(line);
    let needs_wrap = line_len + clen(word) > line_width && line_len > clen(prefix);
    if needs_wrap {
        s.push_str(line.trim_end());
        s.push('\n');
        line.clear();
        line.push_str(prefix);
    }
    line.push_str(word);
}

struct Ctx<'a> {
    l: Layout<'a>,
    strides: Vec<usize>,
}

impl Ctx<'_> {
    fn word(&self, index: &[usize]) -> &str {
        let off = index
            .iter()
            .zip(&self.strides)
            .map(|(i, s)| i.saturating_mul(*s))
            .fold(0usize, usize::saturating_add);
        self.l.words.get(off).map(String::as_str).unwrap_or("")
    }

    /// Kept-array indices of the items shown along `axis`, split into (leading, trailing),
    /// and whether a `...` goes between them.
    fn items(&self, axis: usize) -> (Vec<usize>, Vec<usize>, bool) {
        let a_len = self.l.shape.get(axis).copied().unwrap_or(0);
        let kept_len = self.l.kept_shape.get(axis).copied().unwrap_or(0);
        let show_summary = self.l.summarize && self.l.edge_items.saturating_mul(2) < a_len;
        let (leading, trailing) = if show_summary {
            (self.l.edge_items, self.l.edge_items)
        } else {
            (0, a_len)
        };
        let lead: Vec<usize> = (0..leading.min(kept_len)).collect();
        // Python indices -trailing .. -2 followed by -1 always.
        let mut trail: Vec<usize> = (2..=trailing)
            .rev()
            .filter_map(|i| kept_len.checked_sub(i))
            .collect();
        if let Some(last) = kept_len.checked_sub(1) {
            trail.push(last);
        }
        (lead, trail, show_summary)
    }

    fn recurse(&self, index: &mut Vec<usize>, hanging: &str, curr_width: i64) -> String {
        let axis = index.len();
        let ndim = self.l.shape.len();
        if axis >= ndim {
            return self.word(index).to_string();
        }
        let axes_left = ndim - axis;
        let next_hanging = format!("{} ", hanging);
        let next_width = curr_width - 1;
        let (lead, trail, show_summary) = self.items(axis);
        let sep = self.l.separator;
        let mut s = String::new();

        if axes_left == 1 {
            let elem_width = curr_width - clen(sep.trim_end()).max(1);
            let mut line = hanging.to_string();
            let n_trail = trail.len();
            for &i in &lead {
                index.push(i);
                let w = self.recurse(index, &next_hanging, next_width);
                index.pop();
                extend_line(&mut s, &mut line, &w, elem_width, hanging);
                line.push_str(sep);
            }
            if show_summary {
                extend_line(&mut s, &mut line, "...", elem_width, hanging);
                line.push_str(sep);
            }
            for (k, &i) in trail.iter().enumerate() {
                index.push(i);
                let w = self.recurse(index, &next_hanging, next_width);
                index.pop();
                extend_line(&mut s, &mut line, &w, elem_width, hanging);
                if k + 1 < n_trail {
                    line.push_str(sep);
                }
            }
            s.push_str(&line);
        } else {
            let line_sep = format!("{}{}", sep.trim_end(), "\n".repeat(axes_left - 1));
            let n_trail = trail.len();
            for &i in &lead {
                index.push(i);
                let nested = self.recurse(index, &next_hanging, next_width);
                index.pop();
                s.push_str(hanging);
                s.push_str(&nested);
                s.push_str(&line_sep);
            }
            if show_summary {
                s.push_str(hanging);
                s.push_str("...");
                s.push_str(&line_sep);
            }
            for (k, &i) in trail.iter().enumerate() {
                index.push(i);
                let nested = self.recurse(index, &next_hanging, next_width);
                index.pop();
                s.push_str(hanging);
                s.push_str(&nested);
                if k + 1 < n_trail {
                    s.push_str(&line_sep);
                }
            }
        }
        let body: String = s.chars().skip(hanging.chars().count()).collect();
        format!("[{}]", body)
    }
}

/// Lays out the formatted elements with nested brackets (NumPy's `_formatArray`).
pub fn format_array(l: Layout<'_>) -> String {
    let mut strides = vec![1usize; l.kept_shape.len()];
    for ax in (0..l.kept_shape.len().saturating_sub(1)).rev() {
        strides[ax] = strides[ax + 1].saturating_mul(l.kept_shape[ax + 1]);
    }
    let ctx = Ctx { l, strides };
    let mut index = Vec::with_capacity(l.shape.len());
    ctx.recurse(&mut index, l.next_line_prefix, l.line_width)
}

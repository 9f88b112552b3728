//! NumPy's iteration order for elementwise loops and reductions.
//!
//! NumPy's `nditer` sorts the axes by the operands' strides (`npyiter_find_best_axis_ordering`),
//! then merges axes that address memory uniformly (`npyiter_coalesce_axes`), and runs the inner
//! loop over the innermost remaining axis. We reproduce both steps: elementwise results do not
//! depend on the order, but the memory layout of freshly allocated outputs (NumPy's `order='K'`)
//! and the summation order of reductions do.
//!
//! A [`Layout`] is the outcome: dimensions from outermost to innermost with each operand's
//! element stride per dimension. [`for_each_row`] walks the outer dimensions and hands each
//! innermost row to a kernel.

/// Iteration dimensions (outermost first) with per-operand element strides.
#[derive(Debug, Clone)]
pub struct Layout<const N: usize> {
    pub dims: Vec<usize>,
    pub strides: Vec<[isize; N]>,
}

impl<const N: usize> Layout<N> {
    /// Total number of iterations.
    pub fn size(&self) -> usize {
        self.dims.iter().product()
    }

    /// Length and strides of the innermost dimension (length 1 for a 0-d iteration).
    pub fn inner(&self) -> (usize, [isize; N]) {
        match (self.dims.last(), self.strides.last()) {
            (Some(&n), Some(&s)) => (n, s),
            _ => (1, [0; N]),
        }
    }
}

/// NumPy's stable insertion sort of the axes by stride (`npyiter_find_best_axis_ordering`).
///
/// `op_strides[k][axis]` is operand k's element stride; axes of length 1 count as stride 0, as in
/// NumPy's axis data. Returns the axes from outermost to innermost.
pub fn best_axis_order(shape: &[usize], op_strides: &[&[isize]]) -> Vec<usize> {
    let nd = shape.len();
    let stride = |op: usize, axis: usize| -> isize {
        if shape[axis] == 1 {
            0
        } else {
            op_strides[op][axis]
        }
    };
    // NumPy's axis data runs innermost first, i.e. reversed C order.
    let mut perm: Vec<usize> = (0..nd).rev().collect();
    for i0 in 1..nd {
        let j0 = perm[i0];
        let mut ipos = i0;
        for i1 in (0..i0).rev() {
            let j1 = perm[i1];
            let mut ambig = true;
            let mut shouldswap = false;
            for op in 0..op_strides.len() {
                let (s0, s1) = (stride(op, j0), stride(op, j1));
                if s0 != 0 && s1 != 0 {
                    if s1.unsigned_abs() <= s0.unsigned_abs() {
                        // Conflicts between operands resolve to C order.
                        shouldswap = false;
                    } else if ambig {
                        shouldswap = true;
                    }
                    ambig = false;
                }
            }
            if !ambig {
                if shouldswap {
                    ipos = i1;
                } else {
                    break;
                }
            }
        }
        if ipos != i0 {
            for k in (ipos + 1..=i0).rev() {
                perm[k] = perm[k - 1];
            }
            perm[ipos] = j0;
        }
    }
    perm.reverse();
    perm
}

/// Build the coalesced iteration layout over `shape` taken in axis order `order` (outermost
/// first). Axes of length 1 are dropped; a zero-size shape yields a single zero dimension.
pub fn make_layout<const N: usize>(
    shape: &[usize],
    op_strides: [&[isize]; N],
    order: &[usize],
) -> Layout<N> {
    if shape.contains(&0) {
        return Layout {
            dims: vec![0],
            strides: vec![[0; N]],
        };
    }
    // Innermost first while merging, as NumPy does.
    let mut dims: Vec<usize> = Vec::with_capacity(order.len());
    let mut strides: Vec<[isize; N]> = Vec::with_capacity(order.len());
    for &axis in order.iter().rev() {
        let n = shape[axis];
        if n == 1 {
            continue;
        }
        let mut s = [0isize; N];
        for (k, st) in s.iter_mut().enumerate() {
            *st = op_strides[k][axis];
        }
        if let (Some(last_n), Some(last_s)) = (dims.last_mut(), strides.last_mut()) {
            let can = (0..N).all(|k| last_s[k] * *last_n as isize == s[k]);
            if can {
                *last_n *= n;
                continue;
            }
        }
        dims.push(n);
        strides.push(s);
    }
    dims.reverse();
    strides.reverse();
    Layout { dims, strides }
}

/// Visit every innermost row: `f(offsets, len, inner_strides)` with element offsets of each
/// operand relative to `base`. A 0-d iteration is one row of length 1.
pub fn for_each_row<const N: usize>(
    layout: &Layout<N>,
    base: [isize; N],
    mut f: impl FnMut([isize; N], usize, [isize; N]),
) {
    let nd = layout.dims.len();
    if nd == 0 {
        f(base, 1, [0; N]);
        return;
    }
    if layout.dims.contains(&0) {
        return;
    }
    let (n, inner) = layout.inner();
    let outer = nd - 1;
    let mut idx = vec![0usize; outer];
    let mut off = base;
    loop {
        f(off, n, inner);
        // Odometer over the outer dimensions, last fastest.
        let mut ax = outer;
        loop {
            if ax == 0 {
                return;
            }
            ax -= 1;
            idx[ax] += 1;
            for (k, o) in off.iter_mut().enumerate() {
                *o += layout.strides[ax][k];
            }
            if idx[ax] < layout.dims[ax] {
                break;
            }
            for (k, o) in off.iter_mut().enumerate() {
                *o -= layout.strides[ax][k] * layout.dims[ax] as isize;
            }
            idx[ax] = 0;
        }
    }
}

/// Split an iteration in two halves of roughly equal work (for two threads): along the outermost
/// dimension, or along the single dimension of a coalesced layout.
pub fn split_half<const N: usize>(
    layout: &Layout<N>,
    base: [isize; N],
) -> Option<[(Layout<N>, [isize; N]); 2]> {
    let d0 = *layout.dims.first()?;
    if d0 < 2 {
        return None;
    }
    let h = d0 / 2;
    let mut first = layout.clone();
    first.dims[0] = h;
    let mut second = layout.clone();
    second.dims[0] = d0 - h;
    let mut b2 = base;
    for (k, b) in b2.iter_mut().enumerate() {
        *b += layout.strides[0][k] * h as isize;
    }
    Some([(first, base), (second, b2)])
}

/// Element strides of a C-contiguous array whose axes are laid out in memory in `order`
/// (outermost first): NumPy's `order='K'` allocation for outputs.
pub fn strides_for_order(shape: &[usize], order: &[usize]) -> Vec<isize> {
    let mut strides = vec![0isize; shape.len()];
    let mut acc: isize = 1;
    for &axis in order.iter().rev() {
        strides[axis] = acc;
        acc = acc.saturating_mul(shape[axis].max(1) as isize);
    }
    strides
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c_order_coalesces_to_one_dim() {
        let shape = [3, 4, 5];
        let s = [20isize, 5, 1];
        let order = best_axis_order(&shape, &[&s]);
        assert_eq!(order, vec![0, 1, 2]);
        let l = make_layout(&shape, [&s], &order);
        assert_eq!(l.dims, vec![60]);
    }

    #[test]
    fn transposed_orders_by_memory() {
        let shape = [5, 4];
        let s = [1isize, 5];
        let order = best_axis_order(&shape, &[&s]);
        assert_eq!(order, vec![1, 0]);
        assert_eq!(make_layout(&shape, [&s], &order).dims, vec![20]);
    }

    #[test]
    fn rows_are_visited_in_order() {
        let l = Layout::<1> {
            dims: vec![2, 3],
            strides: vec![[10], [1]],
        };
        let mut seen = Vec::new();
        for_each_row(&l, [0], |o, n, s| seen.push((o[0], n, s[0])));
        assert_eq!(seen, vec![(0, 3, 1), (10, 3, 1)]);
    }
}

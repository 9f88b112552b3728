//! Building blocks of NumPy's 1-D set routines (`_arraysetops_impl.py`): concatenation with
//! dtype promotion, adjacent equality of a sorted run, gathers, and membership (`isin`).

use super::typed::SortElem;
use crate::array::buffer::Data;
use crate::array::cast::strings_to_data;
use crate::array::dtype::{promote, DType, Kind};
use crate::array::element::Element;
use crate::array::NdArray;
use crate::errors::{value_error, PyResult};

/// The common dtype of two arrays (NumPy's `result_type`; strings take the wider width).
pub fn common_dtype(a: DType, b: DType) -> PyResult<DType> {
    match (a, b) {
        (DType::Str(x), DType::Str(y)) => Ok(DType::Str(x.max(y))),
        _ => promote(a, b),
    }
}

/// `np.concatenate((a, b), axis=None)`: both flattened, in the common dtype.
pub fn concat1d(a: &NdArray, b: &NdArray) -> PyResult<NdArray> {
    let dt = common_dtype(a.dtype, b.dtype)?;
    if let DType::Str(w) = dt {
        let mut s = a.to_strings();
        s.extend(b.to_strings());
        let n = s.len();
        return Ok(NdArray::from_data(strings_to_data(&s, w), vec![n]));
    }
    let ac = if a.dtype == dt {
        a.clone()
    } else {
        a.astype(dt)?
    };
    let bc = if b.dtype == dt {
        b.clone()
    } else {
        b.astype(dt)?
    };
    crate::with_numeric!(dt, T => {
        let mut v = ac.to_vec::<T>();
        v.extend(bc.to_vec::<T>());
        Ok(NdArray::from_vec1(v))
    }, str => Err(value_error("internal error")))
}

/// `aux[1:] == aux[:-1]` of a 1-D array (NumPy's `==`: NaN unequal, -0.0 == 0.0).
pub fn adjacent_equal(aux: &NdArray) -> Vec<bool> {
    if aux.dtype.kind() == Kind::Str {
        let s = aux.to_strings();
        return s.windows(2).map(|w| w[0] == w[1]).collect();
    }
    crate::with_numeric!(aux.dtype, T => {
        let v = aux.to_vec::<T>();
        v.windows(2).map(|w| w[1] == w[0]).collect()
    }, str => Vec::new())
}

/// `a[idx]` for a 1-D array and in-range positions.
pub fn gather1d(a: &NdArray, idx: &[usize]) -> NdArray {
    if let DType::Str(w) = a.dtype {
        let s = a.to_strings();
        let picked: Vec<String> = idx.iter().filter_map(|&i| s.get(i).cloned()).collect();
        let n = picked.len();
        return NdArray::from_data(strings_to_data(&picked, w), vec![n]);
    }
    crate::with_numeric!(a.dtype, T => {
        let v = a.to_vec::<T>();
        NdArray::from_vec1(idx.iter().filter_map(|&i| v.get(i).copied()).collect::<Vec<T>>())
    }, str => NdArray::from_vec1(Vec::<i64>::new()))
}

/// A 1-D copy of `a` with its data wrapped as `Data` of dtype `dt`.
fn flat_as(a: &NdArray, dt: DType) -> PyResult<NdArray> {
    let c = if a.dtype == dt {
        a.clone()
    } else {
        a.astype(dt)?
    };
    Ok(c)
}

/// Whether each element of `a` (C order) equals some element of `b` (`isin`; `invert` negates).
pub fn isin(a: &NdArray, b: &NdArray, invert: bool) -> PyResult<Vec<bool>> {
    let dt = common_dtype(a.dtype, b.dtype)?;
    if let DType::Str(_) = dt {
        let mut bs = b.to_strings();
        bs.sort();
        return Ok(a
            .to_strings()
            .iter()
            .map(|x| bs.binary_search(x).is_ok() != invert)
            .collect());
    }
    let ac = flat_as(a, dt)?;
    let bc = flat_as(b, dt)?;
    crate::with_numeric!(dt, T => Ok(isin_typed::<T>(&ac.to_vec::<T>(), bc.to_vec::<T>(), invert)), str => Ok(Vec::new()))
}

fn isin_typed<T: SortElem>(a: &[T], mut b: Vec<T>, invert: bool) -> Vec<bool> {
    let mut sc = T::Scratch::default();
    T::sort(&mut b, &mut sc);
    a.iter()
        .map(|&x| {
            // Lower bound under NumPy's order, then `==` (NaN never matches).
            let i = b.partition_point(|&y| T::less(y, x));
            let found = b.get(i).is_some_and(|&y| y == x);
            found != invert
        })
        .collect()
}

/// Keep the elements of 1-D `a` where `mask` is true.
pub fn compress1d(a: &NdArray, mask: &[bool]) -> NdArray {
    let idx: Vec<usize> = mask
        .iter()
        .enumerate()
        .filter(|(_, &m)| m)
        .map(|(i, _)| i)
        .collect();
    gather1d(a, &idx)
}

/// An empty 1-D array of `dt`.
pub fn empty1d(dt: DType) -> PyResult<NdArray> {
    Ok(NdArray::from_data(Data::zeros(dt, 0, &[0])?, vec![0]))
}

/// Element type helper for callers that need typed access without a dtype switch.
pub fn to_vec_of<T: Element>(a: &NdArray) -> Vec<T> {
    a.to_vec::<T>()
}

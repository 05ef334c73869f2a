//! The little linear algebra the Mahalanobis distance needs: a square matrix, its Cholesky
//! factor and triangular solves. Written here to keep the core free of dependencies.
//!
//! Access is checked: an index outside the matrix or a vector of the wrong length is a bug in
//! the caller, so it fails a debug assertion in tests and gives `None` in a release build,
//! never a made-up 0 that would become a wrong distance.

/// A dense square matrix, row-major.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Matrix {
    size: usize,
    data: Vec<f64>,
}

impl Matrix {
    pub(crate) fn zeros(size: usize) -> Self {
        Self {
            size,
            data: vec![0.0; size * size],
        }
    }

    pub(crate) fn size(&self) -> usize {
        self.size
    }

    /// Where entry (i, j) is stored, or `None` outside the matrix.
    fn index(&self, i: usize, j: usize) -> Option<usize> {
        let inside = i < self.size && j < self.size;
        debug_assert!(inside, "({i}, {j}) is outside a {0}×{0} matrix", self.size);
        inside.then_some(i * self.size + j)
    }

    /// Entry (i, j), or `None` outside the matrix.
    pub(crate) fn at(&self, i: usize, j: usize) -> Option<f64> {
        self.data.get(self.index(i, j)?).copied()
    }

    /// Sets entry (i, j); `None` (and nothing changed) outside the matrix.
    pub(crate) fn set(&mut self, i: usize, j: usize, value: f64) -> Option<()> {
        let index = self.index(i, j)?;
        *self.data.get_mut(index)? = value;
        Some(())
    }

    /// Checks that a vector has one entry per row.
    fn fits(&self, vector: &[f64]) -> Option<()> {
        debug_assert_eq!(vector.len(), self.size, "vector length against matrix size");
        (vector.len() == self.size).then_some(())
    }

    /// The lower-triangular `L` with `L Lᵀ = self` (Cholesky–Banachiewicz), or `None` when the
    /// matrix is not positive definite.
    pub(crate) fn cholesky(&self) -> Option<Self> {
        let n = self.size;
        let mut l = Self::zeros(n);
        for j in 0..n {
            let mut diagonal = self.at(j, j)?;
            for k in 0..j {
                diagonal -= l.at(j, k)?.powi(2);
            }
            if !(diagonal.is_finite() && diagonal > 0.0) {
                return None;
            }
            let pivot = diagonal.sqrt();
            l.set(j, j, pivot)?;
            for i in j + 1..n {
                let mut dot = 0.0;
                for k in 0..j {
                    dot += l.at(i, k)? * l.at(j, k)?;
                }
                l.set(i, j, (self.at(i, j)? - dot) / pivot)?;
            }
        }
        Some(l)
    }

    /// Solves `L y = b` for lower-triangular `self`; `None` when `b` does not fit.
    pub(crate) fn solve_lower(&self, b: &[f64]) -> Option<Vec<f64>> {
        self.fits(b)?;
        let mut y: Vec<f64> = Vec::with_capacity(self.size);
        for (i, &bi) in b.iter().enumerate() {
            let mut dot = 0.0;
            for (k, yk) in y.iter().enumerate() {
                dot += self.at(i, k)? * yk;
            }
            y.push((bi - dot) / self.at(i, i)?);
        }
        Some(y)
    }

    /// Solves `Lᵀ x = y` for lower-triangular `self`; `None` when `y` does not fit.
    pub(crate) fn solve_upper_transposed(&self, y: &[f64]) -> Option<Vec<f64>> {
        self.fits(y)?;
        let n = self.size;
        let mut x = vec![0.0; n];
        for (i, &yi) in y.iter().enumerate().rev() {
            let mut dot = 0.0;
            for (k, xk) in x.iter().enumerate().skip(i + 1) {
                dot += self.at(k, i)? * xk;
            }
            *x.get_mut(i)? = (yi - dot) / self.at(i, i)?;
        }
        Some(x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cholesky_reconstructs_and_solves() {
        let mut a = Matrix::zeros(3);
        let values = [[4.0, 2.0, 0.4], [2.0, 5.0, 1.0], [0.4, 1.0, 3.0]];
        for (i, row) in values.iter().enumerate() {
            for (j, v) in row.iter().enumerate() {
                a.set(i, j, *v).unwrap();
            }
        }
        let l = a.cholesky().unwrap();
        let at = |m: &Matrix, i, j| m.at(i, j).unwrap();
        for i in 0..3 {
            for j in 0..3 {
                let product: f64 = (0..3).map(|k| at(&l, i, k) * at(&l, j, k)).sum();
                assert!((product - at(&a, i, j)).abs() < 1e-12);
            }
        }
        let b = [1.0, -2.0, 0.5];
        let x = l
            .solve_upper_transposed(&l.solve_lower(&b).unwrap())
            .unwrap();
        for (i, bi) in b.iter().enumerate() {
            let ax: f64 = (0..3).map(|k| at(&a, i, k) * x[k]).sum();
            assert!((ax - bi).abs() < 1e-12);
        }
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "outside a 2×2 matrix")]
    fn reading_outside_the_matrix_is_a_bug_in_tests() {
        let _ = Matrix::zeros(2).at(2, 0);
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "vector length against matrix size")]
    fn solving_with_a_vector_of_the_wrong_length_is_a_bug_in_tests() {
        let _ = Matrix::zeros(2).solve_lower(&[1.0]);
    }

    #[test]
    #[cfg(not(debug_assertions))]
    fn outside_the_matrix_is_none_in_a_release_build() {
        let mut m = Matrix::zeros(2);
        assert_eq!(m.at(0, 2), None);
        assert_eq!(m.set(2, 2, 1.0), None);
        assert_eq!(m.solve_lower(&[1.0]), None);
        assert_eq!(m.solve_upper_transposed(&[1.0, 2.0, 3.0]), None);
    }

    #[test]
    fn cholesky_refuses_a_singular_matrix() {
        let mut a = Matrix::zeros(2);
        for (i, j) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
            a.set(i, j, 1.0).unwrap();
        }
        assert_eq!(a.cholesky(), None);
    }
}

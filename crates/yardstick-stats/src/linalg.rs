//! The little linear algebra the Mahalanobis distance needs: a square matrix, its Cholesky
//! factor and triangular solves. Written here to keep the core free of dependencies.

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

    /// Entry (i, j); 0 outside the matrix, which the callers never ask for.
    pub(crate) fn at(&self, i: usize, j: usize) -> f64 {
        self.data.get(i * self.size + j).copied().unwrap_or(0.0)
    }

    pub(crate) fn set(&mut self, i: usize, j: usize, value: f64) {
        if let Some(slot) = self.data.get_mut(i * self.size + j) {
            *slot = value;
        }
    }

    /// The lower-triangular `L` with `L Lᵀ = self` (Cholesky–Banachiewicz), or `None` when the
    /// matrix is not positive definite.
    pub(crate) fn cholesky(&self) -> Option<Self> {
        let n = self.size;
        let mut l = Self::zeros(n);
        for j in 0..n {
            let diagonal = self.at(j, j) - (0..j).map(|k| l.at(j, k).powi(2)).sum::<f64>();
            if !(diagonal.is_finite() && diagonal > 0.0) {
                return None;
            }
            let pivot = diagonal.sqrt();
            l.set(j, j, pivot);
            for i in j + 1..n {
                let dot: f64 = (0..j).map(|k| l.at(i, k) * l.at(j, k)).sum();
                l.set(i, j, (self.at(i, j) - dot) / pivot);
            }
        }
        Some(l)
    }

    /// Solves `L y = b` for lower-triangular `self`.
    pub(crate) fn solve_lower(&self, b: &[f64]) -> Vec<f64> {
        let mut y: Vec<f64> = Vec::with_capacity(self.size);
        for (i, &bi) in b.iter().enumerate().take(self.size) {
            let dot: f64 = y.iter().enumerate().map(|(k, yk)| self.at(i, k) * yk).sum();
            y.push((bi - dot) / self.at(i, i));
        }
        y
    }

    /// Solves `Lᵀ x = y` for lower-triangular `self`.
    pub(crate) fn solve_upper_transposed(&self, y: &[f64]) -> Vec<f64> {
        let n = self.size;
        let mut x = vec![0.0; n];
        for i in (0..n).rev() {
            let dot: f64 = (i + 1..n)
                .map(|k| self.at(k, i) * x.get(k).copied().unwrap_or(0.0))
                .sum();
            let yi = y.get(i).copied().unwrap_or(0.0);
            if let Some(slot) = x.get_mut(i) {
                *slot = (yi - dot) / self.at(i, i);
            }
        }
        x
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
                a.set(i, j, *v);
            }
        }
        let l = a.cholesky().unwrap();
        for i in 0..3 {
            for j in 0..3 {
                let product: f64 = (0..3).map(|k| l.at(i, k) * l.at(j, k)).sum();
                assert!((product - a.at(i, j)).abs() < 1e-12);
            }
        }
        let b = [1.0, -2.0, 0.5];
        let x = l.solve_upper_transposed(&l.solve_lower(&b));
        for (i, bi) in b.iter().enumerate() {
            let ax: f64 = (0..3).map(|k| a.at(i, k) * x[k]).sum();
            assert!((ax - bi).abs() < 1e-12);
        }
    }

    #[test]
    fn cholesky_refuses_a_singular_matrix() {
        let mut a = Matrix::zeros(2);
        for (i, j) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
            a.set(i, j, 1.0);
        }
        assert_eq!(a.cholesky(), None);
    }
}

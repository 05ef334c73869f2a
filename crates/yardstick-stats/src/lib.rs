//! Yardstick's statistical core: everything that turns published numbers into a comparison.
//!
//! The crate is pure: no I/O, clock, randomness, JSON, wasm or UI. It takes validated domain
//! values (built from the wire format by `yardstick-bundle`) and returns typed outcomes; where a
//! statistic cannot be calculated it says why instead of returning NaN or panicking.
//!
//! ```
//! use yardstick_stats::{AreaCode, Polarity};
//!
//! let code = AreaCode::new("E08000009");
//! assert_eq!(code.as_str(), "E08000009");
//! assert!(Polarity::HigherIsBetter.is_judged());
//! ```

mod domain;

pub use domain::{AreaCode, Polarity};

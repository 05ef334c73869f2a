//! The `yardstick` command (placeholder until the builder lands).

fn main() {}

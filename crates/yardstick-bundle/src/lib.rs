//! The metric bundle wire format (placeholder until the format lands).

// SPDX-License-Identifier: Apache-2.0

//! Widget names, checked.

pub fn is_valid(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

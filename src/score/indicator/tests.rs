//! One indicator scored by the national method.

use super::*;

//! Figures on their way to a template. Money, percentages and numbers
//! serialize as plain figures (分, hundredths of a percent, text) wherever
//! they are stored; while the typesetting stage turns data into what
//! templates see ([`crate::typeset::values`]) they serialize tagged, so
//! that stage can give templates values that print as forms print them
//! (`56.40`, `70%`) — and this stage need not know how templates work.

use std::cell::Cell;

/// The key of a one-entry map holding money in 分.
pub const MONEY: &str = "\u{1}money";
/// The key of a one-entry map holding a percentage in hundredths.
pub const PERCENT: &str = "\u{1}percent";
/// The key of a one-entry map holding a number as written (`4.1667`).
pub const NUMBER: &str = "\u{1}number";

thread_local! {
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// Whether figures are being serialized for templates on this thread.
pub fn for_templates() -> bool {
    DEPTH.with(|d| d.get() > 0)
}

/// While one lives, figures serialize tagged. Nesting is fine.
pub struct ForTemplates(());

impl ForTemplates {
    pub fn begin() -> ForTemplates {
        DEPTH.with(|d| d.set(d.get() + 1));
        ForTemplates(())
    }
}

impl Drop for ForTemplates {
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

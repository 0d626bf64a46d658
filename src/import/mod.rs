//! `wenshu form import`: a funder's form, as Word or Excel, made a form
//! folder. This first part reads the file: [`docx`] and [`xlsx`] read it
//! into a [`grid::Document`] (tidied by [`grid`]).

pub mod docx;
pub mod grid;
pub mod xlsx;
mod xml;

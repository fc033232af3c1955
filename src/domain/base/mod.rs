//! Small building blocks the rest of the domain stands on: record collections that share
//! their records between clones, sorting and collecting, number formatting, hex and dates.
//! They import nothing from the rest of the app.

pub mod hex;
pub mod num;
pub mod order;
pub mod vocabulary;
pub mod ymd;

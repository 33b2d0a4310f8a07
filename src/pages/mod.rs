//! One module per route.

pub mod catalog;
pub mod image_detail;
pub mod my_images;
pub mod not_found;
pub mod sign_in;

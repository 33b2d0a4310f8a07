//! Reusable components, each with its CSS module beside it.

pub mod header;
pub mod icons;
pub mod image_card;
pub mod image_icon;
pub mod offline_banner;
pub mod pager;
pub mod purchase_dialog;
pub mod rate_image;
pub mod star_rating;
pub mod status;
pub mod toast_region;

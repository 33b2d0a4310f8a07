//! Reusable components, each with its CSS module beside it.

pub mod copy_button;
pub mod header;
pub mod icons;
pub mod image_card;
pub mod image_icon;
pub mod image_rating;
pub mod list_frame;
pub mod name;
pub mod offline_banner;
pub mod pager;
pub mod purchase_dialog;
pub mod star_rating;
pub mod status;
pub mod toast_region;

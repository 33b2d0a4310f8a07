//! App-wide state shared through context: session, API access, the user's
//! library and notices.

pub mod account_memory;
pub mod api;
pub mod builds;
pub mod image_family;
pub mod library;
pub mod pending_action;
pub mod session;
pub mod storage;
pub mod toasts;

pub use api::ApiContext;
pub use library::Library;
pub use session::{Session, SignOutReason};
pub use toasts::{ToastKind, Toasts};

//! App-wide state shared through context: session, API access, the user's
//! library and notices.

pub mod api_context;
pub mod library;
pub mod session;
pub mod storage;
pub mod toasts;
pub mod warm_start;

pub use api_context::ApiContext;
pub use library::{Library, LibraryState};
pub use session::{Session, SignOutReason};
pub use toasts::{ToastKind, Toasts};
pub use warm_start::WarmStart;

//! The state every handler and middleware shares.

use axum::extract::FromRef;
use std::sync::Arc;

use crate::db::Db;
use crate::faults::Faults;
use crate::static_files::Dist;

/// Shared by every handler.
#[derive(Clone)]
pub struct AppState {
    pub db: Arc<Db>,
    pub dist: Option<Dist>,
    pub faults: Arc<Faults>,
    pub log_requests: bool,
}

// Handlers that need one part extract it alone, so their modules need not know `AppState`.
impl FromRef<AppState> for Arc<Faults> {
    fn from_ref(state: &AppState) -> Self {
        state.faults.clone()
    }
}

impl FromRef<AppState> for Option<Dist> {
    fn from_ref(state: &AppState) -> Self {
        state.dist.clone()
    }
}

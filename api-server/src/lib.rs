//! Reference implementation of the Container Images API
//! (`docs/api-contract.md`) on SQLite. It also serves the built
//! web app, so a new user can run the whole product with one command.

pub mod config;
pub mod db;
pub mod endpoints;
pub mod envelope;
pub mod faults;
pub mod handlers;
pub mod icons;
pub mod params;
pub mod responses;
pub mod seed;
pub mod server;
pub mod state;
pub mod static_files;

use std::sync::Arc;

use config::ServeConfig;
use faults::Faults;
use server::RouterOptions;
use state::AppState;
use static_files::Dist;

/// A server ready to run: its state, router and listener.
pub struct Prepared {
    pub state: AppState,
    pub router: axum::Router,
    pub listener: tokio::net::TcpListener,
    pub demo_token: String,
    pub created_database: bool,
}

/// Opens the database, ensures the demo user, checks the dist folder and binds the address.
pub async fn prepare(config: &ServeConfig) -> Result<Prepared, String> {
    if let Some(dist) = &config.dist {
        if !dist.join("index.html").is_file() {
            return Err(format!(
                "--dist {}: no index.html there. Build the app first (trunk build --release) or fix the path",
                dist.display()
            ));
        }
    }
    let (db, created_database) = db::Db::open_with(&config.db, config.seed_builds)?;
    let demo_token = db
        .write(|c| db::ensure_demo_user(c, config.demo_token.as_deref(), config.demo_balance_cents))
        .map_err(|err| format!("cannot create the demo user: {err}"))?;
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|err| format!("cannot listen on {}: {err}", config.addr))?;
    let state = AppState {
        db: Arc::new(db),
        dist: config.dist.clone().map(|dir| Dist {
            dir,
            mark_demo: !config.app_config_as_is,
        }),
        faults: Arc::new(Faults::new(config.faults, config.fault_seed)),
        log_requests: !config.quiet,
    };
    let router = server::router(
        state.clone(),
        &RouterOptions {
            cors_origins: config.cors_origins.clone(),
            fault_control: config.fault_control,
        },
    );
    Ok(Prepared {
        state,
        router,
        listener,
        demo_token,
        created_database,
    })
}

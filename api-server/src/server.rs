//! The HTTP server: routes, middleware, and running it.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use std::sync::Arc;
use std::time::Instant;
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::db::Db;
use crate::envelope::ApiError;
use crate::faults::{self, FaultSettings, Faults};
use crate::handlers;
use crate::static_files::{self, Dist};

/// Shared by every handler.
#[derive(Clone)]
pub struct AppState {
    pub db: Arc<Db>,
    pub dist: Option<Dist>,
    pub faults: Arc<Faults>,
    pub log_requests: bool,
}

/// How the router is put together.
#[derive(Debug, Clone, Default)]
pub struct RouterOptions {
    pub cors_origins: Vec<String>,
    pub fault_control: bool,
}

/// The API routes, the fault control (when enabled) and the app files.
pub fn router(state: AppState, options: &RouterOptions) -> Router {
    let mut api = Router::new()
        .route("/api/v1/images/public", get(handlers::list_public))
        .route("/api/v1/images/public/{id}", get(handlers::get_public))
        .route("/api/v1/images/user", get(handlers::list_user))
        .route("/api/v1/images/import/{id}", post(handlers::import))
        .route("/api/v1/images/purchase/{id}", post(handlers::purchase))
        .route("/api/v1/images/rate/{id}", post(handlers::rate))
        .route("/api/v1/images/{id}/icon", get(handlers::icon))
        .route("/api", any(handlers::api_not_found))
        .route("/api/{*rest}", any(handlers::api_not_found))
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            faults::inject,
        ))
        // JSON shrinks to about a fifth with gzip or brotli, as a production API
        // would send it; icons (images) and tiny bodies are left as they are.
        .layer(CompressionLayer::new());
    if !options.cors_origins.is_empty() {
        let origins: Vec<HeaderValue> = options
            .cors_origins
            .iter()
            .filter_map(|o| HeaderValue::from_str(o).ok())
            .collect();
        api = api.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_methods([Method::GET, Method::POST])
                .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE, header::ACCEPT])
                .max_age(std::time::Duration::from_secs(600)),
        );
    }
    let mut app = Router::new().merge(api);
    if options.fault_control {
        app = app.route("/__faults", get(get_faults).post(set_faults));
    }
    app.fallback(static_files::serve)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            common_headers,
        ))
        .with_state(state)
}

async fn method_not_allowed() -> Response {
    ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "Method not allowed").into_response()
}

async fn get_faults(State(state): State<AppState>) -> Response {
    let settings = state.faults.settings();
    Json(serde_json::json!({ "settings": settings, "injected": state.faults.injected() }))
        .into_response()
}

async fn set_faults(State(state): State<AppState>, body: axum::body::Bytes) -> Response {
    match serde_json::from_slice::<FaultSettings>(&body) {
        Ok(settings) => match settings.validate() {
            Ok(()) => {
                state.faults.set(settings);
                Json(serde_json::json!({ "settings": settings })).into_response()
            }
            Err(message) => ApiError::bad_request(message).into_response(),
        },
        Err(err) => ApiError::bad_request(format!("Invalid fault settings: {err}")).into_response(),
    }
}

/// Security headers on every response, and one log line per request.
async fn common_headers(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    if state.log_requests {
        println!(
            "{method} {path} {} {:.1}ms",
            response.status().as_u16(),
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
    response
}

/// Serves `router` on `listener` until Ctrl-C or SIGTERM.
pub async fn serve(listener: TcpListener, router: Router) -> std::io::Result<()> {
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown_signal())
        .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}

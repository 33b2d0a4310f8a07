//! Opt-in fault injection for tests: added latency, a share of API responses
//! failing with 500, and a share answered with a malformed body. Off unless
//! asked for. The router puts the middleware on each API route, keyed by its
//! endpoint; `/__faults` reads and changes the settings at run time.

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::endpoints::{Endpoint, OTHER_FAILURE};
use crate::envelope::ApiError;

/// What to inject. All zero means nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultSettings {
    /// Added to every API response, in milliseconds.
    #[serde(default)]
    pub latency_ms: u64,
    /// Share of API responses replaced by the endpoint's 500 (0 to 1).
    #[serde(default)]
    pub error_rate: f64,
    /// Share of API responses replaced by a truncated JSON body with status 200 (0 to 1).
    #[serde(default)]
    pub malformed_rate: f64,
}

impl FaultSettings {
    /// True when something would be injected.
    pub fn is_active(&self) -> bool {
        self.latency_ms > 0 || self.error_rate > 0.0 || self.malformed_rate > 0.0
    }

    /// Checks the rates are shares.
    pub fn validate(&self) -> Result<(), String> {
        for (name, rate) in [
            ("error rate", self.error_rate),
            ("malformed rate", self.malformed_rate),
        ] {
            if !(0.0..=1.0).contains(&rate) {
                return Err(format!(
                    "the fault {name} must be between 0 and 1, not {rate}"
                ));
            }
        }
        Ok(())
    }
}

/// The injector: settings, a seeded random source and a count of what it did.
pub struct Faults {
    settings: Mutex<FaultSettings>,
    random: Mutex<u64>,
    injected: AtomicU64,
}

impl Faults {
    /// An injector with `settings`, its randomness seeded with `seed`.
    pub fn new(settings: FaultSettings, seed: u64) -> Self {
        Self {
            settings: Mutex::new(settings),
            random: Mutex::new(seed | 1),
            injected: AtomicU64::new(0),
        }
    }

    /// The current settings.
    pub fn settings(&self) -> FaultSettings {
        *self.settings.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Replaces the settings.
    pub fn set(&self, settings: FaultSettings) {
        *self.settings.lock().unwrap_or_else(|e| e.into_inner()) = settings;
    }

    /// How many responses were replaced so far.
    pub fn injected(&self) -> u64 {
        self.injected.load(Ordering::Relaxed)
    }

    /// A number in [0, 1).
    fn roll(&self) -> f64 {
        let mut state = self.random.lock().unwrap_or_else(|e| e.into_inner());
        // xorshift64*
        *state ^= *state >> 12;
        *state ^= *state << 25;
        *state ^= *state >> 27;
        let value = state.wrapping_mul(0x2545F4914F6CDD1D);
        (value >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The state of the fault middleware on one route: the injector, and the
/// endpoint whose 500 it answers with (`None` for `/api` paths outside the contract).
#[derive(Clone)]
pub struct FaultedRoute {
    pub faults: Arc<Faults>,
    pub endpoint: Option<Endpoint>,
}

impl FaultedRoute {
    /// The 500 message this route fails with.
    pub fn failure_message(&self) -> &'static str {
        self.endpoint
            .map_or(OTHER_FAILURE, Endpoint::failure_message)
    }
}

/// Middleware on each API route: applies the current fault settings.
pub async fn inject(State(route): State<FaultedRoute>, request: Request, next: Next) -> Response {
    let faults = &route.faults;
    let settings = faults.settings();
    if !settings.is_active() {
        return next.run(request).await;
    }
    if settings.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(settings.latency_ms)).await;
    }
    let roll = faults.roll();
    if roll < settings.error_rate {
        faults.injected.fetch_add(1, Ordering::Relaxed);
        return ApiError::internal(route.failure_message()).into_response();
    }
    if roll < settings.error_rate + settings.malformed_rate {
        faults.injected.fetch_add(1, Ordering::Relaxed);
        return (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            Body::from(r#"{"statusCode":200,"message":"Public images retr"#),
        )
            .into_response();
    }
    next.run(request).await
}

/// The body of `GET /__faults`.
#[derive(Debug, Serialize)]
pub struct FaultStatus {
    pub settings: FaultSettings,
    pub injected: u64,
}

/// The body of a successful `POST /__faults`.
#[derive(Debug, Serialize)]
pub struct FaultUpdate {
    pub settings: FaultSettings,
}

/// `GET /__faults`: the settings and how many responses were replaced.
pub async fn status(State(faults): State<Arc<Faults>>) -> Response {
    Json(FaultStatus {
        settings: faults.settings(),
        injected: faults.injected(),
    })
    .into_response()
}

/// `POST /__faults`: replaces the settings.
pub async fn update(State(faults): State<Arc<Faults>>, body: Bytes) -> Response {
    let settings = match serde_json::from_slice::<FaultSettings>(&body) {
        Ok(settings) => settings,
        Err(err) => {
            return ApiError::bad_request(format!("Invalid fault settings: {err}")).into_response()
        }
    };
    if let Err(message) = settings.validate() {
        return ApiError::bad_request(message).into_response();
    }
    faults.set(settings);
    Json(FaultUpdate { settings }).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rolls_are_shares_and_seeded() {
        let a = Faults::new(FaultSettings::default(), 7);
        let b = Faults::new(FaultSettings::default(), 7);
        let rolls: Vec<f64> = (0..1000).map(|_| a.roll()).collect();
        assert!(rolls.iter().all(|r| (0.0..1.0).contains(r)));
        assert_eq!(
            rolls[..10],
            (0..10).map(|_| b.roll()).collect::<Vec<_>>()[..]
        );
        let below_half = rolls.iter().filter(|r| **r < 0.5).count();
        assert!((400..600).contains(&below_half), "{below_half}");
    }

    #[test]
    fn settings_validate() {
        assert!(FaultSettings {
            error_rate: 1.5,
            ..Default::default()
        }
        .validate()
        .is_err());
        assert!(FaultSettings {
            malformed_rate: -0.1,
            ..Default::default()
        }
        .validate()
        .is_err());
        assert!(FaultSettings {
            error_rate: 0.3,
            ..Default::default()
        }
        .validate()
        .is_ok());
        assert!(!FaultSettings::default().is_active());
    }
}

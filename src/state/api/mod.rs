//! The app's door to the API: the client with the session's token, a short
//! response cache under the pages' resources, and the reaction to a refused
//! token.

mod cache;

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashMap;
use std::future::Future;

use crate::api::{
    ApiClient, ApiError, Endpoint, GetPublicImage, ListPublicImages, ListUserImages, PublicImage,
    PublicImageList,
};
use cache::TtlCache;

use super::session::{Session, SignOutReason};

/// How long a list or detail response is reused (Back, prefetch, revisits).
const RESPONSE_TTL_MS: f64 = 60_000.0;
/// How long a card's data is kept to show a detail page at once.
const SUMMARY_TTL_MS: f64 = 600_000.0;

type DetailResult = Result<PublicImage, ApiError>;

struct Caches {
    lists: TtlCache<PublicImageList>,
    details: TtlCache<PublicImage>,
    summaries: TtlCache<PublicImage>,
    /// Details asked for by a prefetch and still on their way: the page that
    /// opens the image waits for the same answer instead of asking again.
    prefetching: HashMap<String, Shared<LocalBoxFuture<'static, DetailResult>>>,
}

impl Caches {
    fn new() -> Self {
        Self {
            // Enough for Back/Forward through recent views and the builds of
            // a page of My images; small enough that memory stays flat over
            // a long session.
            lists: TtlCache::new(48, RESPONSE_TTL_MS),
            details: TtlCache::new(24, RESPONSE_TTL_MS),
            summaries: TtlCache::new(200, SUMMARY_TTL_MS),
            prefetching: HashMap::new(),
        }
    }
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Shared through context; cheap to copy.
#[derive(Clone, Copy)]
pub struct ApiContext {
    client: StoredValue<ApiClient>,
    session: Session,
    caches: StoredValue<Caches, LocalStorage>,
}

impl ApiContext {
    /// Wraps `client` for the app, with the token of `session`.
    pub fn new(client: ApiClient, session: Session) -> Self {
        Self {
            client: StoredValue::new(client),
            session,
            caches: StoredValue::new_local(Caches::new()),
        }
    }

    /// The session this context sends the token of.
    pub fn session(&self) -> Session {
        self.session
    }

    /// Sends a request with the session's token. A 401 on a request that
    /// carried a token ends the session, and the app sends the user to sign
    /// in. Requests that change something (import, buy, rate) go through
    /// here and are never cancelled: their outcome must be known.
    pub fn send<E: Endpoint + 'static>(
        self,
        endpoint: &E,
    ) -> impl Future<Output = Result<E::Data, ApiError>> + 'static {
        self.send_with_abort(endpoint, None)
    }

    fn send_with_abort<E: Endpoint + 'static>(
        self,
        endpoint: &E,
        abort: Option<web_sys::AbortSignal>,
    ) -> impl Future<Output = Result<E::Data, ApiError>> + 'static {
        let token = if E::NEEDS_AUTH {
            self.session.token_untracked()
        } else {
            None
        };
        let pending = self
            .client
            .try_with_value(|client| client.send(endpoint, token.as_deref(), abort));
        async move {
            let result = match pending {
                Some(pending) => pending.await,
                None => Err(ApiError::Aborted),
            };
            if let Err(ApiError::Unauthorized { .. }) = &result {
                // Only if the refused token is still the current one: a late answer
                // to an old session must not sign out a newer one.
                if token.is_some() && token == self.session.token_untracked() {
                    self.session.sign_out(SignOutReason::Expired);
                }
            }
            result
        }
    }

    /// Checks a token with a real call (the user's images) before it is kept.
    /// Unlike [`ApiContext::send`], a refusal changes nothing in the session.
    pub async fn check_token(self, token: &str) -> Result<(), ApiError> {
        let probe = ListUserImages {
            page: Some(1),
            limit: Some(1),
            ..Default::default()
        };
        let Some(pending) = self
            .client
            .try_with_value(|client| client.send(&probe, Some(token), None))
        else {
            return Err(ApiError::Aborted);
        };
        pending.await.map(|_| ())
    }

    /// The icon URL to load for an image, or `None` to show the placeholder.
    pub fn icon_src(&self, icon_url: Option<&str>) -> Option<String> {
        let icon_url = icon_url?;
        self.client
            .try_with_value(|client| client.base().resolve_icon_url(icon_url))
            .flatten()
    }

    /// A catalog page, from the cache or from the API; `abort` cancels its
    /// request.
    pub fn list_public(
        self,
        request: ListPublicImages,
        abort: Option<web_sys::AbortSignal>,
    ) -> impl Future<Output = Result<PublicImageList, ApiError>> + 'static {
        let key = self.client.try_with_value(|c| c.url_of(&request));
        let cached = key
            .as_deref()
            .and_then(|key| self.caches.try_with_value(|c| c.lists.get(key, now_ms())))
            .flatten();
        let sent = match cached {
            Some(list) => Ok(list),
            None => Err(self.send_with_abort(&request, abort)),
        };
        async move {
            let list = match sent {
                Ok(cached) => return Ok(cached),
                Err(sent) => sent.await?,
            };
            if let Some(key) = key {
                self.cache_list(key, &list);
            }
            Ok(list)
        }
    }

    fn cache_list(&self, key: String, list: &PublicImageList) {
        let now = now_ms();
        self.caches.try_update_value(|c| {
            for image in &list.images {
                c.summaries.insert(image.id.clone(), image.clone(), now);
            }
            c.lists.insert(key, list.clone(), now);
        });
    }

    /// The signed-in user's images, one page; `abort` cancels the request.
    pub fn user_images(
        self,
        request: ListUserImages,
        abort: Option<web_sys::AbortSignal>,
    ) -> impl Future<Output = Result<crate::api::UserImageList, ApiError>> + 'static {
        self.send_with_abort(&request, abort)
    }

    /// What a catalog card showed of an image (or its details, if known), to
    /// fill its page at once.
    pub fn summary(&self, id: &str) -> Option<PublicImage> {
        self.caches
            .try_with_value(|c| {
                let now = now_ms();
                c.details.get(id, now).or_else(|| c.summaries.get(id, now))
            })
            .flatten()
    }

    /// An image's full details: from the cache, from a prefetch on its way,
    /// or from the API; `abort` cancels the request.
    pub fn image_detail(
        self,
        id: String,
        abort: Option<web_sys::AbortSignal>,
    ) -> impl Future<Output = Result<PublicImage, ApiError>> + 'static {
        let (cached, prefetching) = self
            .caches
            .try_with_value(|c| {
                (
                    c.details.get(&id, now_ms()),
                    c.prefetching.get(&id).cloned(),
                )
            })
            .unwrap_or_default();
        let answer = match (cached, prefetching) {
            (Some(image), _) => Ok(image),
            (None, Some(prefetching)) => Err(prefetching.boxed_local()),
            (None, None) => Err(self
                .send_with_abort(&GetPublicImage { id }, abort)
                .boxed_local()),
        };
        async move {
            let image = match answer {
                Ok(cached) => return Ok(cached),
                Err(answer) => answer.await?,
            };
            self.cache_detail(image.clone());
            Ok(image)
        }
    }

    fn cache_detail(&self, image: PublicImage) {
        let now = now_ms();
        self.caches.try_update_value(|c| {
            c.details.insert(image.id.clone(), image.clone(), now);
            c.summaries.insert(image.id.clone(), image, now);
        });
    }

    /// Starts loading an image's details so that opening it is instant.
    pub fn prefetch_detail(self, id: String) {
        let known = self
            .caches
            .try_with_value(|c| {
                c.prefetching.contains_key(&id) || c.details.get(&id, now_ms()).is_some()
            })
            .unwrap_or(true);
        if known {
            return;
        }
        let request = self.send(&GetPublicImage { id: id.clone() });
        let shared = request.boxed_local().shared();
        self.caches.try_update_value(|c| {
            c.prefetching.insert(id.clone(), shared.clone());
        });
        spawn_local(async move {
            // A failed prefetch is simply not cached; the page will ask again.
            if let Ok(image) = shared.await {
                self.cache_detail(image);
            }
            self.caches.try_update_value(|c| {
                c.prefetching.remove(&id);
            });
        });
    }

    /// Records a new rating summary for an image: cached details agree at once,
    /// and cached lists are dropped because their order and filters may change.
    pub fn record_rating(&self, id: &str, average: f64, count: u64) {
        let patch = |image: &mut PublicImage| {
            if image.id == id {
                image.average_rating = average;
                image.rating_count = count;
            }
        };
        self.caches.try_update_value(|c| {
            c.details.update_all(patch);
            c.summaries.update_all(patch);
            c.lists.clear();
        });
    }
}

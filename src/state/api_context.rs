//! The app's door to the API: the client, the session's token, a short-lived
//! response cache, and the reaction to a refused token.

use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;
use std::pin::Pin;
use web_sys::AbortSignal;

use crate::api::{
    ApiClient, ApiError, Endpoint, GetPublicImage, ListPublicImages, ListUserImages, PublicImage,
    PublicImageList,
};
use crate::cache::TtlCache;

use super::session::{Session, SignOutReason};
use super::warm_start::{FirstRequest, WarmStart};

/// How long a list or detail response is reused (Back, prefetch, revisits).
const RESPONSE_TTL_MS: f64 = 60_000.0;
/// How long a card's data is kept to show a detail page at once.
const SUMMARY_TTL_MS: f64 = 600_000.0;

struct Caches {
    lists: TtlCache<PublicImageList>,
    details: TtlCache<PublicImage>,
    summaries: TtlCache<PublicImage>,
}

impl Caches {
    fn new() -> Self {
        Self {
            // Enough for Back/Forward through recent views; small enough that
            // memory stays flat over a long session.
            lists: TtlCache::new(8, RESPONSE_TTL_MS),
            details: TtlCache::new(24, RESPONSE_TTL_MS),
            summaries: TtlCache::new(200, SUMMARY_TTL_MS),
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
    /// The requests sent before the app was built, until the page takes them.
    first_list: StoredValue<Option<FirstRequest<PublicImageList>>, LocalStorage>,
    first_detail: StoredValue<Option<FirstRequest<PublicImage>>, LocalStorage>,
}

impl ApiContext {
    /// Wraps `client` for the app, with the token of `session`.
    pub fn new(client: ApiClient, session: Session) -> Self {
        Self {
            client: StoredValue::new(client),
            session,
            caches: StoredValue::new_local(Caches::new()),
            first_list: StoredValue::new_local(None),
            first_detail: StoredValue::new_local(None),
        }
    }

    /// The session this context sends the token of.
    pub fn session(&self) -> Session {
        self.session
    }

    /// Sends a request with the session's token; it leaves at once. A 401 on
    /// a request that carried a token ends the session, and the app sends the
    /// user to sign in.
    pub fn send<E: Endpoint + 'static>(
        self,
        endpoint: &E,
        abort: Option<AbortSignal>,
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

    /// A catalog page from the cache, if one fresh enough is there.
    pub fn cached_list(&self, request: &ListPublicImages) -> Option<PublicImageList> {
        let key = self.client.try_with_value(|c| c.url_of(request))?;
        self.caches
            .try_with_value(|c| c.lists.get(&key, now_ms()))
            .flatten()
    }

    /// Takes over the request sent while the app was starting: data that is
    /// already in goes to the cache, where the page finds it as it builds; an
    /// answer still on its way (or an error) goes to the page's first request
    /// for the same URL instead of a second request.
    pub fn adopt(&self, warm_start: WarmStart) {
        match warm_start {
            WarmStart::Catalog(request) => match request.ready() {
                Some(Ok(list)) => self.cache_list(request.url().to_string(), &list),
                _ => {
                    self.first_list.try_set_value(Some(request));
                }
            },
            WarmStart::Image(request) => match request.ready() {
                Some(Ok(image)) => self.cache_detail(image),
                _ => {
                    self.first_detail.try_set_value(Some(request));
                }
            },
        }
    }

    fn cache_detail(&self, image: PublicImage) {
        let now = now_ms();
        self.caches.try_update_value(|c| {
            c.details.insert(image.id.clone(), image.clone(), now);
            c.summaries.insert(image.id.clone(), image, now);
        });
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

    /// A catalog page, from the cache or the API (the request leaves at once).
    pub fn list_public(
        self,
        request: &ListPublicImages,
        abort: Option<AbortSignal>,
    ) -> impl Future<Output = Result<PublicImageList, ApiError>> + 'static {
        type Pending = Pin<Box<dyn Future<Output = Result<PublicImageList, ApiError>>>>;
        let cached = self.cached_list(request);
        let key = self.client.try_with_value(|c| c.url_of(request));
        let pending: Option<Pending> = cached.is_none().then(|| {
            let first = take_first(self.first_list, key.as_deref());
            match first {
                Some(first) => Box::pin(first.answer()) as Pending,
                None => Box::pin(self.send(request, abort)),
            }
        });
        async move {
            let Some(pending) = pending else {
                return cached.ok_or(ApiError::Aborted);
            };
            let list = pending.await?;
            if let Some(key) = key {
                self.cache_list(key, &list);
            }
            Ok(list)
        }
    }

    /// An image's full details from the cache, if fresh.
    pub fn cached_detail(&self, id: &str) -> Option<PublicImage> {
        self.caches
            .try_with_value(|c| c.details.get(id, now_ms()))
            .flatten()
    }

    /// What a catalog card showed of an image, to fill the detail page at once.
    pub fn summary(&self, id: &str) -> Option<PublicImage> {
        self.caches
            .try_with_value(|c| c.summaries.get(id, now_ms()))
            .flatten()
    }

    /// An image's full details, from the cache or the API (the request leaves at once).
    pub fn image_detail(
        self,
        id: &str,
        abort: Option<AbortSignal>,
    ) -> impl Future<Output = Result<PublicImage, ApiError>> + 'static {
        type Pending = Pin<Box<dyn Future<Output = Result<PublicImage, ApiError>>>>;
        let cached = self.cached_detail(id);
        let request = GetPublicImage { id: id.to_string() };
        let pending: Option<Pending> = cached.is_none().then(|| {
            let url = self.client.try_with_value(|c| c.url_of(&request));
            match take_first(self.first_detail, url.as_deref()) {
                Some(first) => Box::pin(first.answer()) as Pending,
                None => Box::pin(self.send(&request, abort)),
            }
        });
        async move {
            let Some(pending) = pending else {
                return cached.ok_or(ApiError::Aborted);
            };
            let image = pending.await?;
            self.cache_detail(image.clone());
            Ok(image)
        }
    }

    /// Starts loading an image's details so that opening it is instant.
    pub fn prefetch_detail(self, id: String) {
        if self.cached_detail(&id).is_some() {
            return;
        }
        let pending = self.image_detail(&id, None);
        spawn_local(async move {
            // A failed prefetch is simply not cached; the page will ask again.
            let _ = pending.await;
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

    /// Forgets every cached response (for Retry after a failure, or a new session).
    pub fn clear_cache(&self) {
        self.caches.try_update_value(|c| {
            c.lists.clear();
            c.details.clear();
        });
    }
}

/// The request sent before the app was built, if it asked for `url`. Only
/// the page's first request can use it (later ones want fresh data), so the
/// slot is emptied either way.
fn take_first<T: Clone + 'static>(
    slot: StoredValue<Option<FirstRequest<T>>, LocalStorage>,
    url: Option<&str>,
) -> Option<FirstRequest<T>> {
    slot.try_update_value(Option::take)
        .flatten()
        .filter(|first| Some(first.url()) == url)
}

//! What the signed-in user owns: every image they imported or bought, with
//! their own rating, so any page can say "In My images" and show their stars.

use leptos::prelude::*;
use std::collections::HashMap;

use crate::api::{ApiError, ListUserImages, SortOrder, UserSortBy};
use crate::hooks::{use_api_resource, ApiResource};

use super::api::ApiContext;

/// The most pages of 100 read when loading the library.
const MAX_PAGES: u32 = 50;

/// The user's images: each id, with the user's own rating of it.
type Owned = HashMap<String, Option<f64>>;

/// The user's images, shared through context; cheap to copy.
#[derive(Clone, Copy)]
pub struct Library {
    /// Every page of the user's images, read again whenever who is signed
    /// in changes (keyed on the token's fingerprint).
    images: ApiResource<Option<u64>, Owned>,
    /// Ids bought or imported since, known owned whatever the API said
    /// before.
    added: RwSignal<Vec<String>>,
    /// Ratings saved since, by image id.
    rated: RwSignal<Vec<(String, f64)>>,
    api: ApiContext,
}

impl Library {
    /// A library that loads itself whenever the user signs in.
    pub fn new(api: ApiContext) -> Self {
        let token = api.session().token_version();
        let images = use_api_resource(
            move || token.get(),
            move |token, abort| async move {
                match token {
                    Some(_) => fetch_all(api, abort).await,
                    None => Ok(Owned::new()),
                }
            },
        );
        let (added, rated) = (RwSignal::new(Vec::new()), RwSignal::new(Vec::new()));
        // Another account, or none: only what the API says counts.
        Effect::new(move |_| {
            token.track();
            added.set(Vec::new());
            rated.set(Vec::new());
        });
        Self {
            images,
            added,
            rated,
            api,
        }
    }

    /// Whether the user's images are being read for who is signed in now
    /// (tracked).
    pub fn is_loading(&self) -> bool {
        self.api.session().is_signed_in() && !self.images.is_current()
    }

    /// `Some(true)` when the user owns `id`, `Some(false)` when they surely
    /// do not, `None` while unknown (tracked).
    pub fn owns(&self, id: &str) -> Option<bool> {
        if self.added.with(|added| added.iter().any(|a| a == id)) {
            return Some(true);
        }
        if !self.api.session().is_signed_in() {
            return Some(false);
        }
        if !self.images.is_current() {
            return None;
        }
        // Quietly: a page's Transition must not wait for the user's images.
        self.images
            .with_quietly(|loaded| Some(loaded?.result.ok()?.contains_key(id)))
    }

    /// The user's own rating of `id`, when they gave one (tracked).
    pub fn own_rating(&self, id: &str) -> Option<f64> {
        let saved = self
            .rated
            .with(|rated| rated.iter().rev().find(|(r, _)| r == id).map(|(_, v)| *v));
        saved
            .or_else(|| {
                self.images
                    .with_quietly(|loaded| loaded?.result.ok()?.get(id).copied().flatten())
            })
            // The API tells ratings of owned images only.
            .or_else(|| self.api.session().remembered_rating(id))
    }

    /// Reads every page of the user's images from the API again.
    pub fn reload(&self) {
        self.images.retry();
    }

    /// Asks the API whether the user owns `id` now (after an answer was
    /// lost).
    pub async fn verify_owned(self, id: &str) -> Result<bool, ApiError> {
        let images = fetch_all(self.api, None).await?;
        Ok(images.contains_key(id))
    }

    /// Records that the user now owns `id` (after an import or purchase).
    pub fn add(&self, id: &str) {
        self.added.update(|added| added.push(id.to_string()));
    }

    /// Records the user's new rating of `id`.
    pub fn record_rating(&self, id: &str, rating: f64) {
        self.rated
            .update(|rated| rated.push((id.to_string(), rating)));
        self.api.session().remember_rating(id, rating);
    }
}

/// Every page of the user's images; `abort` cancels the reading.
async fn fetch_all(
    api: ApiContext,
    abort: Option<web_sys::AbortSignal>,
) -> Result<Owned, ApiError> {
    let mut images = Owned::new();
    let mut page = 1;
    loop {
        let request = ListUserImages {
            page: Some(page),
            limit: Some(100),
            sort_by: Some(UserSortBy::CreatedAt),
            sort_order: Some(SortOrder::Desc),
        };
        let list = api.user_images(request, abort.clone()).await?;
        for image in list.images {
            let rating = image.own_rating();
            images.insert(image.id, rating);
        }
        if page >= list.pagination.total_pages || page >= MAX_PAGES {
            return Ok(images);
        }
        page += 1;
    }
}

//! What the signed-in user owns: every image they imported or bought, with
//! their own rating, so any page can say "In My images" and show their stars.

use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashMap;

use crate::api::{ApiError, ListUserImages, PublicImage, SortOrder, UserImage, UserSortBy};

use super::api::ApiContext;

/// The most pages of 100 read when loading the library.
const MAX_PAGES: u32 = 50;

/// What the app knows of the user's images.
#[derive(Debug, Clone, PartialEq)]
pub enum LibraryState {
    /// Nobody is signed in.
    SignedOut,
    /// Being read from the API.
    Loading,
    /// Known: image id to the user's copy of it.
    Ready(HashMap<String, UserImage>),
    /// Could not be read; ownership is unknown.
    Failed(ApiError),
}

/// The user's images, shared through context; cheap to copy.
#[derive(Clone, Copy)]
pub struct Library {
    state: RwSignal<LibraryState>,
    /// Ids bought or imported in this session, known owned whatever the state.
    added: RwSignal<Vec<String>>,
    generation: StoredValue<u64>,
    api: ApiContext,
}

impl Library {
    /// A library that loads itself whenever the user signs in.
    pub fn new(api: ApiContext) -> Self {
        let library = Self {
            state: RwSignal::new(LibraryState::SignedOut),
            added: RwSignal::new(Vec::new()),
            generation: StoredValue::new(0),
            api,
        };
        let token_version = api.session().token_version();
        Effect::new(move |_| {
            if token_version.get().is_some() {
                library.reload();
            } else {
                library.generation.update_value(|g| *g += 1);
                library.added.set(Vec::new());
                library.state.set(LibraryState::SignedOut);
            }
        });
        library
    }

    /// The current state (tracked).
    pub fn state(&self) -> LibraryState {
        self.state.get()
    }

    /// Whether the user's images are being read (tracked). Just after a
    /// sign-in, before the reading has started, they are as good as read.
    pub fn is_loading(&self) -> bool {
        self.state.with(|state| match state {
            LibraryState::Loading => true,
            LibraryState::SignedOut => self.api.session().is_signed_in(),
            _ => false,
        })
    }

    /// `Some(true)` when the user owns `id`, `Some(false)` when they surely
    /// do not, `None` while unknown (tracked).
    pub fn owns(&self, id: &str) -> Option<bool> {
        if self.added.with(|added| added.iter().any(|a| a == id)) {
            return Some(true);
        }
        self.state.with(|state| match state {
            LibraryState::Ready(images) => Some(images.contains_key(id)),
            // Signed in, but the reading has not started yet.
            LibraryState::SignedOut if self.api.session().is_signed_in() => None,
            LibraryState::SignedOut => Some(false),
            LibraryState::Loading | LibraryState::Failed(_) => None,
        })
    }

    /// The user's copy of `id`, when owned (tracked).
    pub fn get(&self, id: &str) -> Option<UserImage> {
        self.state.with(|state| match state {
            LibraryState::Ready(images) => images.get(id).cloned(),
            _ => None,
        })
    }

    /// Reads every page of the user's images from the API.
    pub fn reload(&self) {
        let this = *self;
        let Some(generation) = self.generation.try_update_value(|g| {
            *g += 1;
            *g
        }) else {
            return;
        };
        self.state.set(LibraryState::Loading);
        spawn_local(async move {
            let result = this.fetch_all().await;
            // A newer load (or a sign-out) has started since: drop this answer.
            if this.generation.try_get_value() != Some(generation) {
                return;
            }
            this.state.set(match result {
                Ok(images) => LibraryState::Ready(images),
                Err(ApiError::Unauthorized { .. }) => LibraryState::SignedOut,
                Err(err) => LibraryState::Failed(err),
            });
        });
    }

    /// Asks the API whether the user owns `id` now (after an answer was lost),
    /// and updates the library with what it says.
    pub async fn verify_owned(self, id: &str) -> Result<bool, ApiError> {
        let generation = self.generation.try_update_value(|g| {
            *g += 1;
            *g
        });
        let images = self.fetch_all().await?;
        let owned = images.contains_key(id);
        if generation.is_some() && self.generation.try_get_value() == generation {
            self.state.set(LibraryState::Ready(images));
        }
        Ok(owned)
    }

    async fn fetch_all(self) -> Result<HashMap<String, UserImage>, ApiError> {
        let mut images = HashMap::new();
        let mut page = 1;
        loop {
            let request = ListUserImages {
                page: Some(page),
                limit: Some(100),
                sort_by: Some(UserSortBy::CreatedAt),
                sort_order: Some(SortOrder::Desc),
            };
            let list = self.api.send(&request).await?;
            for image in list.images {
                images.insert(image.id.clone(), image);
            }
            if page >= list.pagination.total_pages || page >= MAX_PAGES {
                return Ok(images);
            }
            page += 1;
        }
    }

    /// Records that the user now owns `image` (after an import or purchase).
    pub fn add(&self, image: &PublicImage) {
        let owned = UserImage {
            id: image.id.clone(),
            alias: image.alias.clone(),
            description: image.description.clone(),
            image_name: image.image_name.clone(),
            architecture: image.architecture.clone(),
            os: image.os.clone(),
            release: image.release.clone(),
            variant: image.variant.clone(),
            size: image.size,
            price: image.price,
            user_rating: None,
            has_rated: false,
            average_rating: image.average_rating,
            rating_count: image.rating_count,
            icon_url: image.icon_url.clone(),
            prespawn: image.prespawn,
        };
        self.added.update(|added| added.push(owned.id.clone()));
        self.state.update(|state| {
            if let LibraryState::Ready(images) = state {
                images.entry(owned.id.clone()).or_insert(owned);
            }
        });
    }

    /// Records the user's new rating of `id`.
    pub fn record_rating(&self, id: &str, rating: f64, average: f64, count: u64) {
        self.state.update(|state| {
            if let LibraryState::Ready(images) = state {
                if let Some(image) = images.get_mut(id) {
                    image.user_rating = Some(rating);
                    image.has_rated = true;
                    image.average_rating = average;
                    image.rating_count = count;
                }
            }
        });
    }
}

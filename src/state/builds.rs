//! Reading an image's builds from the API, a few narrow requests at a time,
//! through the response cache (see `image_family` for the rules).

use futures::future::join_all;

use crate::api::{ApiError, PublicImage};
use crate::format::{format_date, KNOWN_ARCHITECTURES};

use super::api::ApiContext;
use super::image_family::{builds_in, builds_request, Lineage, MAX_PAGES_TO_FIND};

/// A newer build of an image: the build, and its serial once known.
#[derive(Debug, Clone, PartialEq)]
pub struct NewerBuild {
    pub image: PublicImage,
    pub serial: Option<String>,
}

impl NewerBuild {
    /// "build 20260224", or "the build of 24 Feb 2026" while its serial is
    /// unknown.
    pub fn name(&self) -> String {
        match &self.serial {
            Some(serial) => format!("build {serial}"),
            None => match self.image.added_date.as_deref().and_then(format_date) {
                Some(date) => format!("the build of {date}"),
                None => "a newer build".to_string(),
            },
        }
    }

    /// "build 20260224, added 24 Feb 2026": its name, and its date when the
    /// name does not already say it.
    pub fn described(&self) -> String {
        let date = self.image.added_date.as_deref().and_then(format_date);
        match (&self.serial, date) {
            (Some(_), Some(date)) => format!("{}, added {date}", self.name()),
            _ => self.name(),
        }
    }
}

/// The builds of an image read so far, newest first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Builds {
    pub builds: Vec<PublicImage>,
    /// Whether the list goes on: older builds may be left.
    pub more: bool,
}

impl Builds {
    /// The newest build, when one was found.
    pub fn newest(&self) -> Option<&PublicImage> {
        self.builds.first()
    }
}

/// The builds of `lineage`, named `alias`, on the first `pages` pages of its
/// list (one request a page, in turn); when none of them holds one, further
/// pages up to [`MAX_PAGES_TO_FIND`] in all.
pub async fn read_builds(
    api: ApiContext,
    lineage: &Lineage,
    alias: &str,
    pages: u32,
    abort: Option<web_sys::AbortSignal>,
) -> Result<Builds, ApiError> {
    let mut found = Builds::default();
    let mut page = 1;
    loop {
        let request = builds_request(lineage, alias, page);
        let list = api.list_public(request, abort.clone()).await?;
        found
            .builds
            .extend(builds_in(lineage, &list.images).cloned());
        found.more = page < list.pagination.total_pages;
        let read_enough = page >= pages && (!found.builds.is_empty() || page >= MAX_PAGES_TO_FIND);
        if !found.more || read_enough {
            return Ok(found);
        }
        page += 1;
    }
}

/// The newest build of `image` for each of the other architectures the app
/// knows, by architecture name: one request each (two today), sent together.
/// An architecture whose builds could not be read is left out.
pub async fn other_architectures(
    api: ApiContext,
    image: &PublicImage,
    abort: Option<web_sys::AbortSignal>,
) -> Vec<PublicImage> {
    let lineage = Lineage::of(image);
    let lookups = KNOWN_ARCHITECTURES
        .iter()
        .filter(|(architecture, _)| *architecture != image.architecture)
        .map(|(architecture, _)| {
            let lineage = lineage.for_architecture(architecture);
            let abort = abort.clone();
            async move {
                let builds = read_builds(api, &lineage, &image.alias, 1, abort).await;
                builds.ok()?.newest().cloned()
            }
        });
    join_all(lookups).await.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn newer(serial: Option<&str>, added_date: Option<&str>) -> NewerBuild {
        NewerBuild {
            image: PublicImage {
                added_date: added_date.map(str::to_string),
                ..PublicImage::default()
            },
            serial: serial.map(str::to_string),
        }
    }

    #[test]
    fn a_newer_build_is_named_by_its_serial_once_known() {
        let known = newer(Some("20260224"), Some("2026-02-24T10:00:00Z"));
        assert_eq!(known.name(), "build 20260224");
        assert_eq!(known.described(), "build 20260224, added 24 Feb 2026");
    }

    #[test]
    fn a_newer_build_without_a_serial_says_its_date_once() {
        let unknown = newer(None, Some("2026-02-24T10:00:00Z"));
        assert_eq!(unknown.name(), "the build of 24 Feb 2026");
        assert_eq!(unknown.described(), "the build of 24 Feb 2026");
        let bare = newer(None, None);
        assert_eq!(bare.described(), "a newer build");
        assert_eq!(newer(Some("7"), None).described(), "build 7");
    }
}

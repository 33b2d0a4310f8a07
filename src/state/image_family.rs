//! An image and its builds. The API lists builds: an image server publishes
//! a new build (a later `serial`) of each OS, release, variant and
//! architecture every few days, each with its own id, price and rating.
//! These pure rules say which entries are builds of one image, how to ask
//! the API for them narrowly, and what a page of entries proves about them.

use crate::api::{ListPublicImages, PublicImage, PublicSortBy, SortOrder, UserImage};

/// How many entries one request for builds asks for.
pub const BUILDS_PAGE_SIZE: u32 = 20;

/// The most pages read to find an image's newest build, when builds of
/// other images whose names contain its alias (`debian/13/slim` for
/// `debian/13`) fill the first pages: a bound on the requests it takes.
pub const MAX_PAGES_TO_FIND: u32 = 3;

/// OS, release, variant and architecture: what makes entries builds of one
/// image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lineage {
    pub os: String,
    pub release: String,
    pub variant: String,
    pub architecture: String,
}

impl Lineage {
    /// The image `image` is a build of.
    pub fn of(image: &PublicImage) -> Self {
        Self {
            os: image.os.clone(),
            release: image.release.clone(),
            variant: image.variant.clone(),
            architecture: image.architecture.clone(),
        }
    }

    /// The image an owned `image` is a build of.
    pub fn of_owned(image: &UserImage) -> Self {
        Self {
            os: image.os.clone(),
            release: image.release.clone(),
            variant: image.variant.clone(),
            architecture: image.architecture.clone(),
        }
    }

    /// The same image, built for `architecture`.
    pub fn for_architecture(&self, architecture: &str) -> Self {
        Self {
            architecture: architecture.to_string(),
            ..self.clone()
        }
    }

    /// Whether `image` is a build of this image.
    pub fn includes(&self, image: &PublicImage) -> bool {
        image.os == self.os
            && image.release == self.release
            && image.variant == self.variant
            && image.architecture == self.architecture
    }
}

/// The request for page `page` of the builds of `lineage`, named `alias`:
/// the narrowest list the API allows, its OS and architecture as filters and
/// its alias as search, newest first. The page may also hold builds of
/// images whose names contain the alias; [`builds_in`] leaves them out.
pub fn builds_request(lineage: &Lineage, alias: &str, page: u32) -> ListPublicImages {
    ListPublicImages {
        os: Some(lineage.os.clone()),
        architecture: Some(lineage.architecture.clone()),
        search: Some(alias.to_string()),
        page: Some(page),
        limit: Some(BUILDS_PAGE_SIZE),
        sort_by: Some(PublicSortBy::AddedDate),
        sort_order: Some(SortOrder::Desc),
        ..Default::default()
    }
}

/// The builds of `lineage` among `entries`, in their order.
pub fn builds_in<'a, 'l>(
    lineage: &'l Lineage,
    entries: &'a [PublicImage],
) -> impl Iterator<Item = &'a PublicImage> + 'l
where
    'a: 'l,
{
    entries.iter().filter(move |entry| lineage.includes(entry))
}

/// Whether `candidate` was added after `other` (ISO 8601 dates of one
/// format compare as text); an unknown date is never later.
pub fn added_later(candidate: &PublicImage, other: &PublicImage) -> bool {
    match (&candidate.added_date, &other.added_date) {
        (Some(candidate), Some(other)) => candidate > other,
        _ => false,
    }
}

/// What a page of the catalog shows of a build.
#[derive(Debug, Clone, PartialEq)]
pub enum Standing {
    /// It is the newest build of its image.
    Latest,
    /// This newer build of the same image is on the page too.
    Older(Box<PublicImage>),
    /// Nothing is known beyond its own date.
    Unknown,
}

/// What `entries`, one page of a list, prove about each: a build with a
/// newer build of its image on the page is older; when `holds_newest` (the
/// page would show the newest build of each image it shows, see
/// `CatalogQuery::holds_newest_builds`), the newest of each image on it is
/// its latest build.
pub fn standings(entries: &[PublicImage], holds_newest: bool) -> Vec<Standing> {
    let newest_on_page = |entry: &'_ PublicImage| -> PublicImage {
        let lineage = Lineage::of(entry);
        let newest = builds_in(&lineage, entries).fold(entry, |newest, other| {
            if added_later(other, newest) {
                other
            } else {
                newest
            }
        });
        newest.clone()
    };
    entries
        .iter()
        .map(|entry| {
            let newest = newest_on_page(entry);
            if newest.id != entry.id && added_later(&newest, entry) {
                Standing::Older(Box::new(newest))
            } else if holds_newest {
                Standing::Latest
            } else {
                Standing::Unknown
            }
        })
        .collect()
}

/// Whether build serial `candidate` is later than `owned`. Serials are
/// dates (`20250110`), sometimes with a time or a suffix (`20250110_07:42`,
/// `20250110.1`): their runs of digits are compared as numbers in turn, and
/// a serial with no digits, or other letters, is never "later".
pub fn is_later_serial(candidate: &str, owned: &str) -> bool {
    let parts = |serial: &str| -> Option<Vec<u64>> {
        if serial.chars().any(|c| c.is_alphabetic()) {
            return None;
        }
        let parts: Vec<u64> = serial
            .split(|c: char| !c.is_ascii_digit())
            .filter(|part| !part.is_empty())
            .map(|part| part.parse().ok())
            .collect::<Option<_>>()?;
        (!parts.is_empty()).then_some(parts)
    };
    match (parts(candidate), parts(owned)) {
        (Some(candidate), Some(owned)) => candidate > owned,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(id: &str, variant: &str, arch: &str, added: &str) -> PublicImage {
        PublicImage {
            id: id.into(),
            alias: if variant == "default" {
                "debian/13".into()
            } else {
                format!("debian/13/{variant}")
            },
            architecture: arch.into(),
            os: "debian".into(),
            release: "13".into(),
            variant: variant.into(),
            added_date: Some(format!("{added}T08:00:00.000Z")),
            ..PublicImage::default()
        }
    }

    #[test]
    fn builds_are_asked_for_by_os_architecture_and_alias_newest_first() {
        let lineage = Lineage::of(&build("a", "default", "arm64", "2025-03-01"));
        let request = builds_request(&lineage, "debian/13", 2);
        assert_eq!(request.os.as_deref(), Some("debian"));
        assert_eq!(request.architecture.as_deref(), Some("arm64"));
        assert_eq!(request.search.as_deref(), Some("debian/13"));
        assert_eq!(request.page, Some(2));
        assert_eq!(request.limit, Some(BUILDS_PAGE_SIZE));
        assert_eq!(request.sort_by, Some(PublicSortBy::AddedDate));
        assert_eq!(request.sort_order, Some(SortOrder::Desc));
        assert_eq!(request.min_price, None);
        let amd64 = lineage.for_architecture("amd64");
        assert_eq!(
            builds_request(&amd64, "debian/13", 1)
                .architecture
                .as_deref(),
            Some("amd64")
        );
    }

    #[test]
    fn only_builds_of_the_same_os_release_variant_and_architecture_count() {
        let this = build("a", "default", "arm64", "2025-03-01");
        let mut other_release = build("e", "default", "arm64", "2025-04-01");
        other_release.release = "12".into();
        let page = [
            build("b", "slim", "arm64", "2025-05-01"),
            build("c", "default", "arm64", "2025-04-01"),
            this.clone(),
            build("d", "default", "amd64", "2025-04-01"),
            other_release,
        ];
        let lineage = Lineage::of(&this);
        let ids: Vec<_> = builds_in(&lineage, &page).map(|b| b.id.as_str()).collect();
        assert_eq!(ids, ["c", "a"]);
        let owned: UserImage = serde_json::from_str(
            r#"{"id":"a","alias":"debian/13","architecture":"arm64","os":"debian","release":"13","variant":"default","price":0}"#,
        )
        .unwrap();
        assert_eq!(Lineage::of_owned(&owned), lineage);
    }

    #[test]
    fn a_page_proves_an_older_build_when_a_newer_one_is_on_it() {
        let page = [
            build("new", "default", "arm64", "2025-04-01"),
            build("slim", "slim", "arm64", "2025-03-15"),
            build("old", "default", "arm64", "2025-03-01"),
            build("amd", "default", "amd64", "2025-02-01"),
        ];
        let found = standings(&page, false);
        assert_eq!(
            found[0],
            Standing::Unknown,
            "the newest on the page, no more"
        );
        assert_eq!(found[1], Standing::Unknown);
        assert_eq!(found[2], Standing::Older(Box::new(page[0].clone())));
        assert_eq!(found[3], Standing::Unknown);
        // Sorted otherwise (by rating, say), an older build may come first.
        let reversed = [page[2].clone(), page[0].clone()];
        assert_eq!(
            standings(&reversed, false)[0],
            Standing::Older(Box::new(page[0].clone()))
        );
    }

    #[test]
    fn a_page_that_holds_the_newest_builds_proves_the_latest() {
        let page = [
            build("new", "default", "arm64", "2025-04-01"),
            build("old", "default", "arm64", "2025-03-01"),
            build("amd", "default", "amd64", "2025-02-01"),
        ];
        let found = standings(&page, true);
        assert_eq!(found[0], Standing::Latest);
        assert_eq!(found[1], Standing::Older(Box::new(page[0].clone())));
        assert_eq!(found[2], Standing::Latest);
    }

    #[test]
    fn dates_compare_and_an_unknown_one_is_never_later() {
        let old = build("a", "default", "arm64", "2025-03-01");
        let new = build("b", "default", "arm64", "2025-04-01");
        assert!(added_later(&new, &old));
        assert!(!added_later(&old, &new));
        let undated = PublicImage {
            added_date: None,
            ..new.clone()
        };
        assert!(!added_later(&undated, &old));
        assert!(!added_later(&old, &undated));
    }

    #[test]
    fn serials_compare_as_numbers_and_a_non_serial_is_never_later() {
        assert!(is_later_serial("20251124", "20250412"));
        assert!(!is_later_serial("20250412", "20250412"));
        assert!(!is_later_serial("20250101", "20250412"));
        assert!(is_later_serial("20250412.2", "20250412.1"));
        assert!(is_later_serial("20250412.1", "20250412"));
        assert!(is_later_serial("20250110_07:42", "20250110_06:59"));
        assert!(!is_later_serial("20250110_07:42", "20250111_00:00"));
        assert!(!is_later_serial("", "20250412"));
        assert!(!is_later_serial("20251124", "unknown"));
    }
}

//! An image's family: the same OS, release and variant, built for several
//! architectures and, over time, again as newer builds (later serials).
//! Found among the public images of its OS.

use crate::api::{ListPublicImages, PublicImage, PublicSortBy, SortOrder, UserImage};

/// How many images of one OS are read to find a family (the API's largest
/// page): an OS with more public images than that shows part of them.
const SAME_OS_LIMIT: u32 = 100;

/// The request for the public images of `os`, newest first, among which an
/// image's family is found.
pub fn same_os_request(os: &str) -> ListPublicImages {
    ListPublicImages {
        os: Some(os.to_string()),
        limit: Some(SAME_OS_LIMIT),
        sort_by: Some(PublicSortBy::AddedDate),
        sort_order: Some(SortOrder::Desc),
        ..Default::default()
    }
}

/// The request for the public images of `image`'s OS whose names contain
/// its alias (`debian/13` also finds `debian/13/slim`): a few images, among
/// which its other architectures are found.
pub fn family_request(image: &PublicImage) -> ListPublicImages {
    ListPublicImages {
        search: Some(image.alias.clone()),
        ..same_os_request(&image.os)
    }
}

/// OS, release and variant: what makes two images the same image, whatever
/// their architecture or build.
#[derive(Debug, PartialEq, Eq)]
struct Lineage<'a> {
    os: &'a str,
    release: &'a str,
    variant: &'a str,
}

fn lineage(image: &PublicImage) -> Lineage<'_> {
    Lineage {
        os: &image.os,
        release: &image.release,
        variant: &image.variant,
    }
}

/// The images among `same_os` that are `image` for another architecture:
/// the newest build of each, by architecture name.
pub fn other_architectures(image: &PublicImage, same_os: &[PublicImage]) -> Vec<PublicImage> {
    let mut others: Vec<PublicImage> = Vec::new();
    for candidate in same_os {
        if lineage(candidate) != lineage(image) || candidate.architecture == image.architecture {
            continue;
        }
        match others
            .iter_mut()
            .find(|o| o.architecture == candidate.architecture)
        {
            Some(known) if known.added_date >= candidate.added_date => {}
            Some(known) => *known = candidate.clone(),
            None => others.push(candidate.clone()),
        }
    }
    others.sort_by(|a, b| a.architecture.cmp(&b.architecture));
    others
}

/// The newest image among `same_os` that is another build of `owned` (same
/// OS, release, variant and architecture). Whether its serial is later is
/// known only from the details.
pub fn newest_other_build<'a>(
    owned: &UserImage,
    same_os: &'a [PublicImage],
) -> Option<&'a PublicImage> {
    let owned_lineage = Lineage {
        os: &owned.os,
        release: &owned.release,
        variant: &owned.variant,
    };
    same_os
        .iter()
        .filter(|c| {
            c.id != owned.id && lineage(c) == owned_lineage && c.architecture == owned.architecture
        })
        .max_by(|a, b| a.added_date.cmp(&b.added_date))
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

    fn image(id: &str, variant: &str, arch: &str, added: &str) -> PublicImage {
        PublicImage {
            id: id.into(),
            alias: format!("debian/13/{variant}"),
            architecture: arch.into(),
            os: "debian".into(),
            release: "13".into(),
            variant: variant.into(),
            added_date: Some(added.into()),
            ..PublicImage::default()
        }
    }

    #[test]
    fn a_family_is_asked_for_by_os_and_alias_in_one_large_page() {
        let request = family_request(&image("a", "fips", "arm64", "2025-03-01"));
        assert_eq!(request.os.as_deref(), Some("debian"));
        assert_eq!(request.search.as_deref(), Some("debian/13/fips"));
        assert_eq!(request.limit, Some(SAME_OS_LIMIT));
        assert_eq!(same_os_request("debian").search, None);
    }

    #[test]
    fn other_architectures_are_the_newest_build_of_each_by_name() {
        let current = image("a", "fips", "arm64", "2025-03-01");
        let mut older_release = image("f", "fips", "armhf", "2025-04-01");
        older_release.release = "12".into();
        let list = [
            current.clone(),
            image("b", "fips", "amd64", "2025-01-01"),
            image("c", "fips", "armhf", "2025-02-01"),
            image("d", "fips", "amd64", "2025-04-01"),
            image("e", "slim", "amd64", "2025-04-01"),
            older_release,
        ];
        let found: Vec<_> = other_architectures(&current, &list)
            .into_iter()
            .map(|i| (i.architecture, i.id))
            .collect();
        assert_eq!(
            found,
            [("amd64".into(), "d".into()), ("armhf".into(), "c".into())]
        );
        assert!(other_architectures(&current, std::slice::from_ref(&current)).is_empty());
    }

    #[test]
    fn the_newest_other_build_of_the_same_image_and_architecture() {
        let owned: UserImage = serde_json::from_str(
            r#"{"id":"mine","alias":"debian/13","architecture":"arm64","os":"debian","release":"13","variant":"default","price":0}"#,
        )
        .unwrap();
        let list = [
            image("mine", "default", "arm64", "2025-01-01"),
            image("old", "default", "arm64", "2024-06-01"),
            image("new", "default", "arm64", "2025-09-01"),
            image("other-arch", "default", "amd64", "2025-11-01"),
            image("other-variant", "slim", "arm64", "2025-11-01"),
        ];
        let found = newest_other_build(&owned, &list);
        assert_eq!(found.map(|i| i.id.as_str()), Some("new"));
        assert_eq!(newest_other_build(&owned, &list[..1]), None);
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

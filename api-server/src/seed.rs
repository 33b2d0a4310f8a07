//! The demo catalog: about ninety images over eight operating systems, three
//! architectures, several releases and variants, free and paid, each in
//! several builds, as an image server publishes them: a new build (a later
//! serial, its own id) of every image every few weeks, the builds of all
//! images interleaved in time. [`Builds::Each`] gives every image the same
//! number of builds, for a catalog of real scale.
//! Deterministic, so tests and screenshots see the same catalog every time.

/// One catalog entry to insert.
#[derive(Debug, Clone, PartialEq)]
pub struct SeedImage {
    pub id: String,
    pub alias: String,
    pub description: String,
    pub image_name: String,
    pub architecture: String,
    pub os: String,
    pub release: String,
    pub serial: String,
    pub variant: String,
    pub size: i64,
    pub price_cents: i64,
    pub added_date: String,
    pub tags: String,
    pub prespawn: bool,
    /// Whether the image has an icon.
    pub has_icon: bool,
    /// Ratings given before this server existed: sum in tenths of a star, and count.
    pub rating_sum_tenths: i64,
    pub rating_count: i64,
}

struct Release {
    version: &'static str,
    title: &'static str,
    /// Months after 2023-01 when it was added.
    month: u32,
}

struct Os {
    name: &'static str,
    label: &'static str,
    releases: &'static [Release],
    variants: &'static [&'static str],
    architectures: &'static [&'static str],
    base_size_mb: i64,
    tags: &'static str,
}

const OSES: &[Os] = &[
    Os {
        name: "ubuntu",
        label: "Ubuntu",
        releases: &[
            Release {
                version: "20.04",
                title: "20.04 LTS (Focal Fossa)",
                month: 2,
            },
            Release {
                version: "22.04",
                title: "22.04 LTS (Jammy Jellyfish)",
                month: 10,
            },
            Release {
                version: "24.04",
                title: "24.04 LTS (Noble Numbat)",
                month: 28,
            },
        ],
        variants: &["default", "cloud", "hardened"],
        architectures: &["amd64", "arm64", "armhf"],
        base_size_mb: 512,
        tags: "lts glibc systemd apt",
    },
    Os {
        name: "debian",
        label: "Debian",
        releases: &[
            Release {
                version: "11",
                title: "11 (bullseye)",
                month: 1,
            },
            Release {
                version: "12",
                title: "12 (bookworm)",
                month: 7,
            },
            Release {
                version: "13",
                title: "13 (trixie)",
                month: 32,
            },
        ],
        variants: &["default", "slim", "fips"],
        architectures: &["amd64", "arm64", "armhf"],
        base_size_mb: 360,
        tags: "stable glibc systemd apt",
    },
    Os {
        name: "alpine",
        label: "Alpine Linux",
        releases: &[
            Release {
                version: "3.19",
                title: "3.19",
                month: 11,
            },
            Release {
                version: "3.20",
                title: "3.20",
                month: 17,
            },
            Release {
                version: "3.21",
                title: "3.21",
                month: 24,
            },
        ],
        variants: &["default"],
        architectures: &["amd64", "arm64", "armhf"],
        base_size_mb: 8,
        tags: "musl busybox apk minimal small",
    },
    Os {
        name: "centos",
        label: "CentOS Stream",
        releases: &[
            Release {
                version: "9-Stream",
                title: "9",
                month: 5,
            },
            Release {
                version: "10-Stream",
                title: "10",
                month: 30,
            },
        ],
        variants: &["default", "hardened"],
        architectures: &["amd64", "arm64"],
        base_size_mb: 640,
        tags: "rhel rpm dnf systemd enterprise",
    },
    Os {
        name: "fedora",
        label: "Fedora",
        releases: &[
            Release {
                version: "40",
                title: "40",
                month: 16,
            },
            Release {
                version: "41",
                title: "41",
                month: 22,
            },
        ],
        variants: &["default", "cloud"],
        architectures: &["amd64", "arm64"],
        base_size_mb: 590,
        tags: "rpm dnf systemd selinux",
    },
    Os {
        name: "rockylinux",
        label: "Rocky Linux",
        releases: &[
            Release {
                version: "8",
                title: "8 (Green Obsidian)",
                month: 3,
            },
            Release {
                version: "9",
                title: "9 (Blue Onyx)",
                month: 14,
            },
        ],
        variants: &["default", "hardened", "fips"],
        architectures: &["amd64", "arm64"],
        base_size_mb: 620,
        tags: "rhel rpm dnf enterprise selinux",
    },
    Os {
        name: "archlinux",
        label: "Arch Linux",
        releases: &[Release {
            version: "current",
            title: "rolling release",
            month: 33,
        }],
        variants: &["default"],
        architectures: &["amd64"],
        base_size_mb: 720,
        tags: "rolling pacman systemd",
    },
    Os {
        name: "opensuse",
        label: "openSUSE",
        releases: &[
            Release {
                version: "15.6",
                title: "Leap 15.6",
                month: 18,
            },
            Release {
                version: "tumbleweed",
                title: "Tumbleweed (rolling)",
                month: 34,
            },
        ],
        variants: &["default"],
        architectures: &["amd64", "arm64"],
        base_size_mb: 540,
        tags: "zypper rpm btrfs systemd",
    },
];

/// A small deterministic generator (so the catalog is the same on every machine).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }
}

fn fnv(text: &str, salt: u64) -> u64 {
    text.bytes().fold(0xcbf29ce484222325 ^ salt, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
    })
}

/// A 24-hex-digit id like the contract's examples, stable for a name.
pub fn stable_id(name: &str) -> String {
    format!("{:016x}{:08x}", fnv(name, 1), fnv(name, 2) & 0xffff_ffff)
}

fn variant_text(variant: &str) -> (&'static str, &'static str) {
    match variant {
        "cloud" => (
            "Cloud image with cloud-init and the guest agent preinstalled.",
            "cloud cloud-init",
        ),
        "slim" => (
            "Slim image: documentation and locales removed.",
            "slim small",
        ),
        "hardened" => (
            "CIS Level 1 hardened: audited defaults, tight SSH, auditd and a firewall on.",
            "hardened cis security compliance",
        ),
        "fips" => (
            "FIPS 140-3 validated cryptographic modules, for regulated workloads.",
            "fips compliance security crypto",
        ),
        _ => ("", ""),
    }
}

fn price_for(variant: &str, os: &str, rng: &mut Lcg) -> i64 {
    match variant {
        "hardened" => [499, 599, 799][rng.below(3) as usize],
        "fips" => [1499, 1999][rng.below(2) as usize],
        // A few base images of enterprise systems carry support, and a price.
        "default" if matches!(os, "centos" | "rockylinux") && rng.below(3) == 0 => 299,
        _ => 0,
    }
}

/// The demo catalog.
/// How many builds of each image to seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builds {
    /// The demo: most images in two to four builds, some in one.
    Demo,
    /// Every image in this many builds (1 to [`MAX_BUILDS`]).
    Each(u32),
}

/// The most builds of one image [`Builds::Each`] seeds.
pub const MAX_BUILDS: u32 = 300;

/// The demo catalog.
pub fn catalog() -> Vec<SeedImage> {
    catalog_with(Builds::Demo)
}

/// The catalog with `builds` of each image (each image's oldest first).
pub fn catalog_with(builds: Builds) -> Vec<SeedImage> {
    let mut images = Vec::new();
    let mut rng = Lcg(20250110);
    for os in OSES {
        for release in os.releases {
            for variant in os.variants {
                for (arch_index, arch) in os.architectures.iter().enumerate() {
                    // Paid variants are built for 64-bit only.
                    if *arch == "armhf" && matches!(*variant, "hardened" | "fips") {
                        continue;
                    }
                    let alias = if *variant == "default" {
                        format!("{}/{}", os.name, release.version)
                    } else {
                        format!("{}/{}/{}", os.name, release.version, variant)
                    };
                    let image_name = if *variant == "default" {
                        format!("{}-{}-{}", os.name, release.version.to_lowercase(), arch)
                    } else {
                        format!(
                            "{}-{}-{}-{}",
                            os.name,
                            release.version.to_lowercase(),
                            variant,
                            arch
                        )
                    };
                    let (variant_sentence, variant_tags) = variant_text(variant);
                    let description = if variant_sentence.is_empty() {
                        format!("{} {}", os.label, release.title)
                    } else {
                        format!("{} {}. {}", os.label, release.title, variant_sentence)
                    };
                    let month = release.month + arch_index as u32 + rng.below(3) as u32;
                    let (year, month_of_year) = (2023 + month / 12, month % 12 + 1);
                    let day = 1 + rng.below(28) as u32;
                    let hour = rng.below(24);
                    let index = images.len();
                    // Minutes and seconds from the index keep every date distinct.
                    let added_date = format!(
                        "{year}-{month_of_year:02}-{day:02}T{hour:02}:{:02}:{:02}.000Z",
                        index % 60,
                        index / 60
                    );
                    let serial = format!("{year}{month_of_year:02}{day:02}");
                    let size_factor = match *variant {
                        "slim" => 0.6,
                        "cloud" => 1.25,
                        "hardened" | "fips" => 1.1,
                        _ => 1.0,
                    };
                    let arch_factor = match *arch {
                        "arm64" => 0.96,
                        "armhf" => 0.88,
                        _ => 1.0,
                    };
                    let jitter = 0.9 + rng.below(200) as f64 / 1000.0;
                    let size =
                        (os.base_size_mb as f64 * size_factor * arch_factor * jitter * 1_000_000.0)
                            as i64;
                    let price_cents = price_for(variant, os.name, &mut rng);
                    // Popular images have many ratings; a few new ones have none yet.
                    let rating_count = match rng.below(10) {
                        0 => 0,
                        1..=3 => 1 + rng.below(20) as i64,
                        _ => 20 + rng.below(400) as i64,
                    };
                    let average_tenths = 28 + rng.below(23) as i64; // 2.8 to 5.0 stars
                    images.push(SeedImage {
                        id: stable_id(&image_name),
                        alias,
                        description,
                        image_name,
                        architecture: arch.to_string(),
                        os: os.name.to_string(),
                        release: release.version.to_string(),
                        serial,
                        variant: variant.to_string(),
                        size,
                        price_cents,
                        added_date,
                        tags: format!("{} {} {} {}", os.name, os.tags, variant_tags, arch)
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" "),
                        prespawn: *variant == "default" && *arch != "armhf" && rng.below(2) == 0,
                        has_icon: true,
                        rating_sum_tenths: average_tenths * rating_count,
                        rating_count,
                    });
                }
            }
        }
    }
    let firsts = images;
    let mut images = Vec::new();
    for first in &firsts {
        let count = match builds {
            Builds::Demo => [1, 2, 2, 3, 3, 3, 4, 4][rng.below(8) as usize],
            Builds::Each(count) => count.clamp(1, MAX_BUILDS),
        };
        images.extend(builds_of(first, count, &mut rng));
    }
    // Every entry's date has its own second, so that dates sort without ties.
    for (index, image) in images.iter_mut().enumerate() {
        let (minute, second) = (index / 60 % 60, index % 60);
        image.added_date = format!("{}:{minute:02}:{second:02}.000Z", &image.added_date[..13]);
    }
    images
}

/// The last day a build is published on, as days since 1970-01-01
/// (2026-11-30).
const LAST_BUILD_DAY: i64 = 20_787;

/// `count` builds of the image whose first build is `first`, every few
/// weeks (every few days when there are many) up to [`LAST_BUILD_DAY`]: a
/// serial and an id of their own, a size that varies a little, and fewer
/// ratings the newer they are.
fn builds_of(first: &SeedImage, count: u32, rng: &mut Lcg) -> Vec<SeedImage> {
    let first_day = days_from_date(&first.added_date);
    let span = (LAST_BUILD_DAY - first_day).max(0);
    let step = if count > 1 {
        (span / i64::from(count - 1)).clamp(1, 45)
    } else {
        0
    };
    (0..count)
        .map(|n| {
            if n == 0 {
                return first.clone();
            }
            let jitter = if step > 2 { rng.below(3) as i64 - 1 } else { 0 };
            let day = first_day + i64::from(n) * step + jitter;
            let (year, month, day_of_month) = date_from_days(day);
            let serial = format!("{year}{month:02}{day_of_month:02}");
            let hour = rng.below(24);
            let newest = n + 1 == count;
            let rating_count = match rng.below(10) {
                _ if newest && rng.below(3) > 0 => 0,
                0..=2 => 0,
                3..=5 => 1 + rng.below(20) as i64,
                _ => 20 + rng.below(200) as i64,
            };
            let average_tenths = 28 + rng.below(23) as i64;
            SeedImage {
                id: stable_id(&format!("{}@{serial}", first.image_name)),
                serial,
                added_date: format!("{year}-{month:02}-{day_of_month:02}T{hour:02}:00:00.000Z"),
                size: first.size + rng.below(5_000_000) as i64,
                rating_sum_tenths: average_tenths * rating_count,
                rating_count,
                ..first.clone()
            }
        })
        .collect()
}

/// Days since 1970-01-01 of an ISO date (`2025-01-10...`).
fn days_from_date(iso: &str) -> i64 {
    let part = |range: std::ops::Range<usize>| iso.get(range).and_then(|p| p.parse::<i64>().ok());
    let (year, month, day) = (
        part(0..4).unwrap_or(1970),
        part(5..7).unwrap_or(1),
        part(8..10).unwrap_or(1),
    );
    // Howard Hinnant's days_from_civil.
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date `days` days after 1970-01-01: year, month, day.
fn date_from_days(days: i64) -> (i64, u32, u32) {
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}
#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn catalog_is_big_and_varied() {
        let images = catalog();
        assert!(images.len() >= 80, "{} images", images.len());
        let distinct =
            |f: fn(&SeedImage) -> String| images.iter().map(f).collect::<HashSet<_>>().len();
        assert!(distinct(|i| i.os.clone()) >= 6);
        assert_eq!(distinct(|i| i.architecture.clone()), 3);
        assert!(distinct(|i| i.release.clone()) >= 10);
        assert!(distinct(|i| i.variant.clone()) >= 4);
        assert!(
            distinct(|i| i.price_cents.to_string()) >= 5,
            "several price points"
        );
        let free = images.iter().filter(|i| i.price_cents == 0).count();
        assert!(free > 20 && free < images.len() - 10, "{free} free");
        assert!(images.iter().any(|i| i.rating_count == 0));
        // Some images have a newer build: same alias and architecture, later serial.
        let rebuilt = images.iter().filter(|newer| {
            images.iter().any(|older| {
                older.id != newer.id
                    && (&older.alias, &older.architecture) == (&newer.alias, &newer.architecture)
                    && older.serial < newer.serial
            })
        });
        assert!(rebuilt.count() >= 5);
        // Every image of the demo catalog has its OS's logo.
        assert!(images.iter().all(|i| i.has_icon));
        assert_eq!(distinct(|i| i.id.clone()), images.len(), "ids are unique");
        assert_eq!(
            distinct(|i| i.added_date.clone()),
            images.len(),
            "dates sort without ties"
        );
    }

    #[test]
    fn fields_are_plausible() {
        for image in catalog() {
            assert_eq!(image.id.len(), 24);
            assert!(image.id.chars().all(|c| c.is_ascii_hexdigit()));
            assert!(
                image.size > 1_000_000 && image.size < 2_000_000_000,
                "{}",
                image.size
            );
            assert!(image.added_date.starts_with("202"));
            assert_eq!(image.serial.len(), 8);
            if image.rating_count > 0 {
                let average = image.rating_sum_tenths as f64 / image.rating_count as f64 / 10.0;
                assert!((2.8..=5.0).contains(&average));
            }
            assert!(image.tags.contains(&image.os));
        }
    }

    #[test]
    fn catalog_is_deterministic() {
        assert_eq!(catalog(), catalog());
    }

    fn lineage(image: &SeedImage) -> (String, String, String, String) {
        let i = image.clone();
        (i.os, i.release, i.variant, i.architecture)
    }

    #[test]
    fn most_demo_images_come_in_several_builds_interleaved_in_time() {
        let images = catalog();
        let mut builds = std::collections::HashMap::new();
        for image in &images {
            *builds.entry(lineage(image)).or_insert(0) += 1;
        }
        let several = builds.values().filter(|&&n| n > 1).count();
        assert!(
            several * 3 > builds.len() * 2,
            "{several} of {} images",
            builds.len()
        );
        // Builds of different images alternate in time, as an image server publishes them.
        let mut by_date: Vec<&SeedImage> = images.iter().collect();
        by_date.sort_by(|a, b| a.added_date.cmp(&b.added_date));
        let switches = by_date
            .windows(2)
            .filter(|w| lineage(w[0]) != lineage(w[1]))
            .count();
        assert!(switches > images.len() * 3 / 4);
    }

    #[test]
    fn a_catalog_of_real_scale_has_that_many_builds_of_every_image() {
        let demo_images = catalog_with(Builds::Each(1)).len();
        let images = catalog_with(Builds::Each(40));
        assert_eq!(images.len(), demo_images * 40);
        let distinct =
            |f: fn(&SeedImage) -> String| images.iter().map(f).collect::<HashSet<_>>().len();
        assert_eq!(distinct(|i| i.id.clone()), images.len(), "ids are unique");
        assert_eq!(
            distinct(|i| format!("{}@{}", i.image_name, i.serial)),
            images.len(),
            "one build of an image a day at most"
        );
        assert!(images.iter().all(|i| i.added_date.as_str() < "2026-12-02"));
        // Each image's builds get later, serial and date alike.
        for pair in images
            .windows(2)
            .filter(|w| lineage(&w[0]) == lineage(&w[1]))
        {
            assert!(pair[0].serial < pair[1].serial);
            assert!(pair[0].added_date < pair[1].added_date);
        }
    }

    #[test]
    fn dates_and_day_numbers_round_trip() {
        assert_eq!(days_from_date("1970-01-01T00:00:00.000Z"), 0);
        assert_eq!(days_from_date("2026-11-30"), LAST_BUILD_DAY);
        for day in [0, 59, 60, 365, 11_016, 19_417, 20_787] {
            let (y, m, d) = date_from_days(day);
            assert_eq!(days_from_date(&format!("{y}-{m:02}-{d:02}")), day);
        }
        assert_eq!(date_from_days(20_148), (2025, 3, 1));
    }
}

//! The demo catalog: about a hundred images over eight operating systems,
//! three architectures, several releases and variants, free and paid.
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
                title: "9 Stream",
                month: 5,
            },
            Release {
                version: "10-Stream",
                title: "10 Stream",
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
pub fn catalog() -> Vec<SeedImage> {
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
    let rebuilds = newer_builds(&images, &mut rng);
    images.extend(rebuilds);
    images
}

/// Newer builds of a few images: the same image (alias, name, architecture,
/// price) built again a few months later, with a later serial and no
/// ratings yet.
fn newer_builds(images: &[SeedImage], rng: &mut Lcg) -> Vec<SeedImage> {
    images
        .iter()
        .enumerate()
        .filter(|(index, _)| index % 9 == 4)
        .enumerate()
        .map(|(n, (_, image))| {
            let year: u32 = image.serial[..4].parse().unwrap_or(2024);
            let month: u32 = image.serial[4..6].parse().unwrap_or(1);
            let day = 1 + rng.below(28) as u32;
            let later = (month - 1) + 2 + rng.below(4) as u32;
            let (year, month) = (year + later / 12, later % 12 + 1);
            let serial = format!("{year}{month:02}{day:02}");
            let index = images.len() + n;
            let added_date = format!(
                "{year}-{month:02}-{day:02}T{:02}:{:02}:{:02}.000Z",
                rng.below(24),
                index % 60,
                index / 60
            );
            SeedImage {
                id: stable_id(&format!("{}@{serial}", image.image_name)),
                serial,
                added_date,
                size: image.size + rng.below(5_000_000) as i64,
                rating_sum_tenths: 0,
                rating_count: 0,
                ..image.clone()
            }
        })
        .collect()
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
}

//! Formatting of sizes, prices, dates, ratings and a page's place in a list
//! for display. Pure functions.

use crate::api::Pagination;

/// Converts an amount of money to whole cents, rounding to the nearest cent.
pub fn to_cents(amount: f64) -> i64 {
    (amount * 100.0).round() as i64
}

/// Whether an image at `price` is free: imported, not bought.
pub fn is_free(price: f64) -> bool {
    to_cents(price) <= 0
}

/// The text of the button that buys an image at `price`: `Buy for $5.99`.
pub fn buy_button_text(price: f64) -> String {
    format!("Buy for {}", format_price(price))
}

/// `$5.99`, `$0.50`, `-$1.00`.
pub fn format_money_cents(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    format!("{sign}${}.{:02}", group_thousands(cents / 100), cents % 100)
}

/// A price as the API gives it: `Free` for 0, else `$5.99`.
pub fn format_price(price: f64) -> String {
    let cents = to_cents(price);
    if cents <= 0 {
        "Free".to_string()
    } else {
        format_money_cents(cents)
    }
}

/// An amount of money: `$44.01`.
pub fn format_money(amount: f64) -> String {
    format_money_cents(to_cents(amount))
}

fn group_thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A size in bytes in decimal units: `512 MB`, `1.2 GB`, `900 B`.
pub fn format_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["kB", "MB", "GB", "TB", "PB"];
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64;
    let mut unit = "B";
    for next in UNITS {
        if value < 1000.0 {
            break;
        }
        value /= 1000.0;
        unit = next;
    }
    // Rounding can carry into the next unit (999.96 kB -> 1000 kB); keep it readable.
    if value >= 9.95 {
        format!("{} {unit}", value.round() as u64)
    } else {
        format!("{value:.1} {unit}")
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `2025-01-10T08:00:00.000Z` as `10 Jan 2025`; `None` when it is not a date.
pub fn format_date(iso: &str) -> Option<String> {
    let date = iso.get(..10)?;
    let mut parts = date.split('-');
    let year: u32 = parts.next()?.parse().ok()?;
    let month: usize = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || !(1000..=9999).contains(&year) {
        return None;
    }
    Some(format!("{day} {} {year}", MONTHS[month - 1]))
}

/// A moment in the reader's time zone, from its parts (month 1 to 12):
/// `6 Dec 2026, 03:10`.
pub fn format_moment(year: u32, month: u32, day: u32, hour: u32, minute: u32) -> String {
    let month = MONTHS.get((month as usize).wrapping_sub(1)).unwrap_or(&"?");
    format!("{day} {month} {year}, {hour:02}:{minute:02}")
}

/// Which build an entry is: `Build 20251124` by its serial (only an
/// image's details carry it), else `Build of 22 Jan 2026` by the date it was
/// added, else `Build`.
pub fn build_label(serial: Option<&str>, added_date: Option<&str>) -> String {
    match (
        serial.filter(|s| !s.trim().is_empty()),
        added_date.and_then(format_date),
    ) {
        (Some(serial), _) => format!("Build {serial}"),
        (None, Some(date)) => format!("Build of {date}"),
        (None, None) => "Build".to_string(),
    }
}

/// An average rating with one decimal: `4.5`, `3.0`.
pub fn format_rating(value: f64) -> String {
    format!("{:.1}", clamp_rating(value))
}

/// `4.5 (142)`, or `No ratings yet` when nobody rated it.
pub fn format_rating_summary(average: f64, count: u64) -> String {
    if count == 0 {
        "No ratings yet".to_string()
    } else {
        format!("{} ({})", format_rating(average), group_thousands(count))
    }
}

/// `Rated 4.5 out of 5 by 142 people`: the text a screen reader gets for the stars.
pub fn describe_rating(average: f64, count: u64) -> String {
    match count {
        0 => "No ratings yet".to_string(),
        1 => format!("Rated {} out of 5 by 1 person", format_rating(average)),
        n => format!(
            "Rated {} out of 5 by {} people",
            format_rating(average),
            group_thousands(n)
        ),
    }
}

/// Keeps a rating inside 0..=5; NaN counts as 0.
pub fn clamp_rating(value: f64) -> f64 {
    if value.is_nan() {
        0.0
    } else {
        value.clamp(0.0, 5.0)
    }
}

/// How much of star `index` (0-based) is filled for `value`, from 0.0 to 1.0.
pub fn star_fill(value: f64, index: usize) -> f64 {
    (clamp_rating(value) - index as f64).clamp(0.0, 1.0)
}

/// `1 image`, `87 images`.
pub fn plural(count: u64, singular: &str, plural: &str) -> String {
    if count == 1 {
        format!("1 {singular}")
    } else {
        format!("{} {plural}", group_thousands(count))
    }
}

/// `1 star`, `0 stars`, `4.5 stars`.
pub fn star_count(value: f64) -> String {
    if value == 1.0 {
        "1 star".to_string()
    } else {
        format!("{} stars", crate::api::url::format_number(value))
    }
}

/// How the app names an image wherever it stands alone (dialog, notices,
/// page title, breadcrumb, My images): the same alias exists for several
/// architectures, each bought separately, so the architecture goes with it.
pub fn image_label(alias: &str, architecture: &str) -> String {
    if architecture.trim().is_empty() {
        alias.to_string()
    } else {
        format!("{alias} · {architecture}")
    }
}

/// A name cut into the pieces between which a line may break: after each
/// `/`, `-` or `_`, so that `debian-13-fips-arm64` wraps between its parts,
/// never inside one (nor inside a version such as `22.04`).
pub fn name_pieces(name: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for (at, character) in name.char_indices() {
        if matches!(character, '/' | '-' | '_') {
            let end = at + character.len_utf8();
            pieces.push(&name[start..end]);
            start = end;
        }
    }
    if start < name.len() || pieces.is_empty() {
        pieces.push(&name[start..]);
    }
    pieces
}

/// Operating systems offered as filter choices: (API value, label).
pub const KNOWN_OS: [(&str, &str); 8] = [
    ("alpine", "Alpine"),
    ("archlinux", "Arch Linux"),
    ("centos", "CentOS"),
    ("debian", "Debian"),
    ("fedora", "Fedora"),
    ("opensuse", "openSUSE"),
    ("rockylinux", "Rocky Linux"),
    ("ubuntu", "Ubuntu"),
];

/// CPU architectures offered as filter choices: (API value, label).
pub const KNOWN_ARCHITECTURES: [(&str, &str); 3] = [
    ("amd64", "amd64 (x86-64)"),
    ("arm64", "arm64 (AArch64)"),
    ("armhf", "armhf (32-bit ARM)"),
];

/// A readable release: `10 Stream` for `10-Stream`, as the OS's own name
/// for it reads beside the OS (`CentOS` `10 Stream`).
pub fn release_label(release: &str) -> String {
    release.trim().replace('-', " ")
}

/// A readable name for an OS value: `Rocky Linux` for `rockylinux`.
pub fn os_label(os: &str) -> String {
    KNOWN_OS
        .iter()
        .find(|(value, _)| *value == os)
        .map(|(_, label)| label.to_string())
        .unwrap_or_else(|| {
            let mut chars = os.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
}

/// "Showing 21–40 of 87 images", for a page of a list; `None` when the page
/// holds nothing (an empty list, or a page past its end).
pub fn showing_line(pagination: Pagination) -> Option<String> {
    let (first, last) = item_range(pagination.page, pagination.limit, pagination.total)?;
    Some(format!(
        "Showing {first}–{last} of {}",
        plural(pagination.total, "image", "images")
    ))
}

/// The range of items on a page, 1-based and inclusive: `(21, 40)` for page 2 of 20.
/// `None` when the page holds nothing.
fn item_range(page: u32, limit: u32, total: u64) -> Option<(u64, u64)> {
    if limit == 0 || page == 0 {
        return None;
    }
    let first = (page as u64 - 1) * limit as u64 + 1;
    if first > total {
        return None;
    }
    Some((first, (first + limit as u64 - 1).min(total)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn moments_read_as_day_month_year_and_time() {
        assert_eq!(format_moment(2026, 12, 6, 3, 10), "6 Dec 2026, 03:10");
        assert_eq!(format_moment(2027, 1, 31, 23, 5), "31 Jan 2027, 23:05");
        assert_eq!(format_moment(2027, 13, 1, 0, 0), "1 ? 2027, 00:00");
    }

    #[test]
    fn releases_read_as_their_os_names_them() {
        assert_eq!(release_label("10-Stream"), "10 Stream");
        assert_eq!(release_label("24.04"), "24.04");
        assert_eq!(release_label("tumbleweed"), "tumbleweed");
        assert_eq!(release_label(""), "");
    }

    #[test]
    fn free_is_under_half_a_cent_and_buy_says_the_price() {
        assert!(is_free(0.0));
        assert!(is_free(0.004));
        assert!(!is_free(0.01));
        assert_eq!(buy_button_text(2.99), "Buy for $2.99");
    }
    use super::*;

    #[test]
    fn prices() {
        assert_eq!(format_price(0.0), "Free");
        assert_eq!(format_price(5.99), "$5.99");
        assert_eq!(format_price(0.5), "$0.50");
        assert_eq!(format_price(12.0), "$12.00");
        assert_eq!(format_price(1234.5), "$1,234.50");
        assert_eq!(format_money(44.01), "$44.01");
        assert_eq!(format_money(0.0), "$0.00");
        assert_eq!(format_money_cents(-150), "-$1.50");
        // Float noise does not leak into the display.
        assert_eq!(format_money(0.1 + 0.2), "$0.30");
        assert_eq!(to_cents(50.0 - 5.99), 4401);
    }

    #[test]
    fn sizes() {
        assert_eq!(format_size(0), "0 B");
        assert_eq!(format_size(999), "999 B");
        assert_eq!(format_size(1_000), "1.0 kB");
        assert_eq!(format_size(512_000_000), "512 MB");
        assert_eq!(format_size(1_234_567_890), "1.2 GB");
        assert_eq!(format_size(45_600_000), "46 MB");
        assert_eq!(format_size(9_960_000), "10 MB");
        assert_eq!(format_size(u64::MAX), "18447 PB");
    }

    #[test]
    fn dates() {
        assert_eq!(
            format_date("2025-01-10T08:00:00.000Z").as_deref(),
            Some("10 Jan 2025")
        );
        assert_eq!(format_date("2024-12-31").as_deref(), Some("31 Dec 2024"));
        assert_eq!(format_date("2024-13-01"), None);
        assert_eq!(format_date("yesterday"), None);
        assert_eq!(format_date(""), None);
        assert_eq!(format_date("2024-1"), None);
        assert_eq!(format_date("ü024-01-01T"), None);
    }

    #[test]
    fn ratings() {
        assert_eq!(format_rating_summary(4.5, 142), "4.5 (142)");
        assert_eq!(format_rating_summary(3.0, 1), "3.0 (1)");
        assert_eq!(format_rating_summary(0.0, 0), "No ratings yet");
        assert_eq!(format_rating_summary(4.56, 12_345), "4.6 (12,345)");
        assert_eq!(
            describe_rating(4.5, 142),
            "Rated 4.5 out of 5 by 142 people"
        );
        assert_eq!(describe_rating(5.0, 1), "Rated 5.0 out of 5 by 1 person");
        assert_eq!(format_rating(f64::NAN), "0.0");
        assert_eq!(format_rating(9.0), "5.0");
    }

    #[test]
    fn star_fills() {
        let fills: Vec<f64> = (0..5).map(|i| star_fill(4.5, i)).collect();
        assert_eq!(fills, vec![1.0, 1.0, 1.0, 1.0, 0.5]);
        let fills: Vec<f64> = (0..5).map(|i| star_fill(0.0, i)).collect();
        assert_eq!(fills, vec![0.0; 5]);
        assert!((star_fill(2.3, 2) - 0.3).abs() < 1e-9);
        assert_eq!(star_fill(7.0, 4), 1.0);
        assert_eq!(star_fill(-1.0, 0), 0.0);
    }

    #[test]
    fn builds_are_named_by_serial_else_by_date() {
        let added = Some("2026-01-22T08:00:00.000Z");
        assert_eq!(build_label(Some("20260122"), added), "Build 20260122");
        assert_eq!(build_label(None, added), "Build of 22 Jan 2026");
        assert_eq!(build_label(Some(" "), added), "Build of 22 Jan 2026");
        assert_eq!(build_label(None, Some("garbage")), "Build");
        assert_eq!(build_label(None, None), "Build");
    }

    #[test]
    fn star_counts() {
        assert_eq!(star_count(0.0), "0 stars");
        assert_eq!(star_count(1.0), "1 star");
        assert_eq!(star_count(4.5), "4.5 stars");
        assert_eq!(star_count(5.0), "5 stars");
    }

    #[test]
    fn images_are_named_with_their_architecture() {
        assert_eq!(
            image_label("debian/13/fips", "arm64"),
            "debian/13/fips · arm64"
        );
        assert_eq!(image_label("alpine/3.20", " "), "alpine/3.20");
    }

    #[test]
    fn names_break_after_their_separators_only() {
        assert_eq!(
            name_pieces("debian-13-fips-arm64"),
            ["debian-", "13-", "fips-", "arm64"]
        );
        assert_eq!(name_pieces("debian/13/fips"), ["debian/", "13/", "fips"]);
        assert_eq!(name_pieces("ubuntu"), ["ubuntu"]);
        assert_eq!(name_pieces("ubuntu-22.04"), ["ubuntu-", "22.04"]);
        assert_eq!(name_pieces(""), [""]);
        assert_eq!(name_pieces("a/"), ["a/"]);
        assert_eq!(name_pieces("日本-語"), ["日本-", "語"]);
    }

    #[test]
    fn plurals() {
        assert_eq!(plural(1, "image", "images"), "1 image");
        assert_eq!(plural(0, "image", "images"), "0 images");
        assert_eq!(plural(1500, "image", "images"), "1,500 images");
    }

    #[test]
    fn item_ranges() {
        assert_eq!(item_range(1, 20, 87), Some((1, 20)));
        assert_eq!(item_range(2, 20, 87), Some((21, 40)));
        assert_eq!(item_range(5, 20, 87), Some((81, 87)));
        assert_eq!(item_range(6, 20, 87), None);
        assert_eq!(item_range(1, 20, 0), None);
    }

    #[test]
    fn a_page_says_which_images_it_shows() {
        let page = |page, total| Pagination {
            total,
            page,
            limit: 20,
            total_pages: 0,
        };
        assert_eq!(
            showing_line(page(2, 87)).as_deref(),
            Some("Showing 21–40 of 87 images")
        );
        assert_eq!(
            showing_line(page(1, 1)).as_deref(),
            Some("Showing 1–1 of 1 image")
        );
        assert_eq!(showing_line(page(9, 87)), None);
        assert_eq!(showing_line(page(1, 0)), None);
    }
}

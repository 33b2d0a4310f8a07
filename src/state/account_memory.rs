//! What this device remembers of each account beyond a session: the last
//! balance the API reported, and when, and the ratings the account gave.
//! The API reports a balance only after a purchase, and the account's own
//! rating only for images in My images, so without this a reload or the
//! next sign-in forgets both. Kept in localStorage under a fingerprint of
//! the token (never the token), read again at each sign-in.

use super::storage::{self, StorageArea};
use crate::format::format_moment;

/// The most ratings remembered per account; the oldest go first.
const MAX_RATINGS: usize = 500;

/// A balance the API reported.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReportedBalance {
    pub cents: i64,
    /// When, in milliseconds since the Unix epoch.
    pub reported_at_ms: f64,
}

impl ReportedBalance {
    /// When it was reported, in the reader's time zone: `6 Dec 2026, 03:10`.
    pub fn reported_at(&self) -> String {
        let date = js_sys::Date::new(&self.reported_at_ms.into());
        format_moment(
            date.get_full_year(),
            date.get_month() + 1,
            date.get_date(),
            date.get_hours(),
            date.get_minutes(),
        )
    }
}

/// What is remembered of one account.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AccountMemory {
    pub balance: Option<ReportedBalance>,
    /// Ratings given, by image id, oldest first.
    pub ratings: Vec<(String, f64)>,
}

impl AccountMemory {
    /// The memory kept as `text` (see [`AccountMemory::to_text`]); lines
    /// that cannot be read are left out. (Integers in lines of text, not
    /// JSON: the app reads JSON but never writes it, and serde_json's
    /// writer, or parsing floats, would add kilobytes to the first load.)
    pub fn parse(text: &str) -> Self {
        let mut memory = Self::default();
        for line in text.lines() {
            let mut fields = line.splitn(3, ' ');
            match (fields.next(), fields.next(), fields.next()) {
                (Some("balance"), Some(cents), Some(at)) => {
                    if let (Ok(cents), Ok(at)) = (cents.parse::<i64>(), at.parse::<i64>()) {
                        memory.balance = Some(ReportedBalance {
                            cents,
                            reported_at_ms: at as f64,
                        });
                    }
                }
                (Some("rating"), Some(tenths), Some(id)) if !id.is_empty() => {
                    if let Ok(tenths @ 0..=50) = tenths.parse::<u8>() {
                        memory.rate(id, f64::from(tenths) / 10.0);
                    }
                }
                _ => {}
            }
        }
        memory
    }

    /// The memory as text: `balance <cents> <ms>`, then `rating <tenths of
    /// a star> <image id>` per rating, one a line.
    pub fn to_text(&self) -> String {
        let balance = self
            .balance
            .map(|b| format!("balance {} {}\n", b.cents, b.reported_at_ms as i64));
        let ratings = self
            .ratings
            .iter()
            .filter(|(id, _)| !id.contains(['\n', '\r']))
            .map(|(id, rating)| format!("rating {} {id}\n", (rating * 10.0).round() as u8));
        balance.into_iter().chain(ratings).collect()
    }

    /// The account's rating of `id`, when it gave one here.
    pub fn rating(&self, id: &str) -> Option<f64> {
        self.ratings
            .iter()
            .rev()
            .find(|(rated, _)| rated == id)
            .map(|(_, rating)| *rating)
    }

    /// Remembers a rating of `id`, replacing an older one of it.
    pub fn rate(&mut self, id: &str, rating: f64) {
        self.ratings.retain(|(rated, _)| rated != id);
        self.ratings.push((id.to_string(), rating));
        let excess = self.ratings.len().saturating_sub(MAX_RATINGS);
        self.ratings.drain(..excess);
    }

    /// The memory of the account whose token has `fingerprint`.
    pub fn load(fingerprint: u64) -> Self {
        storage::read(StorageArea::Local, &key(fingerprint))
            .map(|text| Self::parse(&text))
            .unwrap_or_default()
    }

    /// Keeps the memory of the account whose token has `fingerprint`.
    pub fn save(&self, fingerprint: u64) {
        storage::write(StorageArea::Local, &key(fingerprint), &self.to_text());
    }
}

fn key(fingerprint: u64) -> String {
    format!("dockyard.account.{fingerprint:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_are_remembered_once_each_newest_last() {
        let mut memory = AccountMemory::default();
        memory.rate("a", 4.0);
        memory.rate("b", 2.5);
        memory.rate("a", 1.0);
        assert_eq!(memory.rating("a"), Some(1.0));
        assert_eq!(memory.rating("b"), Some(2.5));
        assert_eq!(memory.rating("c"), None);
        assert_eq!(memory.ratings.len(), 2);
        assert_eq!(memory.ratings.last().map(|(id, _)| id.as_str()), Some("a"));
    }

    #[test]
    fn the_oldest_ratings_go_first() {
        let mut memory = AccountMemory::default();
        for n in 0..MAX_RATINGS + 3 {
            memory.rate(&format!("image-{n}"), 3.0);
        }
        assert_eq!(memory.ratings.len(), MAX_RATINGS);
        assert_eq!(memory.rating("image-2"), None);
        assert_eq!(memory.rating("image-3"), Some(3.0));
    }

    #[test]
    fn what_was_kept_reads_back_and_junk_reads_as_nothing() {
        let mut memory = AccountMemory {
            balance: Some(ReportedBalance {
                cents: -250,
                reported_at_ms: 1_796_526_600_000.0,
            }),
            ..AccountMemory::default()
        };
        memory.rate("a", 5.0);
        memory.rate("id with spaces", 0.5);
        memory.rate("line\nbreak", 3.0);
        let text = memory.to_text();
        assert_eq!(
            text,
            "balance -250 1796526600000\nrating 50 a\nrating 5 id with spaces\n"
        );
        let read = AccountMemory::parse(&text);
        assert_eq!(read.balance, memory.balance);
        assert_eq!(read.rating("id with spaces"), Some(0.5));
        assert_eq!(read.rating("line\nbreak"), None);
        assert_eq!(AccountMemory::parse(""), AccountMemory::default());
        let junk = "{\"balance\": 5}\nbalance lots 1\nbalance 5 1.5\nrating 51 a\nrating 4.5 b\nrating 3\nrating 2 \n";
        assert_eq!(AccountMemory::parse(junk), AccountMemory::default());
    }
}

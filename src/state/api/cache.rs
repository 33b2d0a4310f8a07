//! A small cache with a time-to-live and a size bound, for API responses.
//! Time is passed in, so the logic is unit-tested on the host.

use std::collections::VecDeque;

/// Keeps at most `capacity` entries, each for `ttl_ms` milliseconds.
/// The least recently stored entry goes first when it is full.
#[derive(Debug, Clone)]
pub struct TtlCache<V> {
    entries: VecDeque<(String, f64, V)>,
    capacity: usize,
    ttl_ms: f64,
}

impl<V: Clone> TtlCache<V> {
    /// An empty cache.
    pub fn new(capacity: usize, ttl_ms: f64) -> Self {
        Self {
            entries: VecDeque::new(),
            capacity,
            ttl_ms,
        }
    }

    /// The value for `key` if it was stored less than the TTL ago.
    pub fn get(&self, key: &str, now_ms: f64) -> Option<V> {
        self.entries
            .iter()
            .find(|(k, stored_at, _)| k == key && now_ms - stored_at < self.ttl_ms)
            .map(|(_, _, value)| value.clone())
    }

    /// Stores `value` under `key`, replacing an older value.
    pub fn insert(&mut self, key: String, value: V, now_ms: f64) {
        self.entries.retain(|(k, _, _)| *k != key);
        self.entries
            .retain(|(_, stored_at, _)| now_ms - stored_at < self.ttl_ms);
        while self.entries.len() >= self.capacity.max(1) {
            self.entries.pop_front();
        }
        self.entries.push_back((key, now_ms, value));
    }

    /// Changes every stored value in place (keeping its age).
    pub fn update_all(&mut self, mut change: impl FnMut(&mut V)) {
        for (_, _, value) in self.entries.iter_mut() {
            change(value);
        }
    }

    /// Drops everything.
    pub fn clear(&mut self) {
        self.entries.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_entries_are_returned_stale_ones_are_not() {
        let mut cache = TtlCache::new(4, 1000.0);
        cache.insert("a".into(), 1, 0.0);
        assert_eq!(cache.get("a", 999.0), Some(1));
        assert_eq!(cache.get("a", 1000.0), None);
        assert_eq!(cache.get("b", 0.0), None);
    }

    #[test]
    fn capacity_evicts_the_oldest() {
        let mut cache = TtlCache::new(2, 1e9);
        cache.insert("a".into(), 1, 0.0);
        cache.insert("b".into(), 2, 1.0);
        cache.insert("c".into(), 3, 2.0);
        assert_eq!(cache.get("a", 3.0), None);
        assert_eq!(cache.get("b", 3.0), Some(2));
        assert_eq!(cache.get("c", 3.0), Some(3));
        // Re-inserting refreshes the entry's place.
        cache.insert("b".into(), 20, 4.0);
        cache.insert("d".into(), 4, 5.0);
        assert_eq!(cache.get("b", 6.0), Some(20));
        assert_eq!(cache.get("c", 6.0), None);
    }

    #[test]
    fn update_and_clear() {
        let mut cache = TtlCache::new(3, 1e9);
        cache.insert("a".into(), 1, 0.0);
        cache.insert("b".into(), 2, 0.0);
        cache.update_all(|v| *v *= 10);
        assert_eq!(cache.get("b", 1.0), Some(20));
        cache.clear();
        assert_eq!(cache.get("a", 1.0), None);
        assert_eq!(cache.get("b", 1.0), None);
    }
}

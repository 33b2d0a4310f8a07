//! Web Storage access that never fails loudly: a blocked or full storage
//! behaves like an empty one.

use web_sys::Storage;

/// Which Web Storage area to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageArea {
    /// Cleared when the tab closes.
    Session,
    /// Kept across browser restarts.
    Local,
}

fn area(which: StorageArea) -> Option<Storage> {
    let window = leptos::prelude::window();
    match which {
        StorageArea::Session => window.session_storage().ok().flatten(),
        StorageArea::Local => window.local_storage().ok().flatten(),
    }
}

/// Reads `key`, or `None` when it is missing or storage is unavailable.
pub fn read(which: StorageArea, key: &str) -> Option<String> {
    area(which)?.get_item(key).ok().flatten()
}

/// Writes `key`; returns false when storage refused it.
pub fn write(which: StorageArea, key: &str, value: &str) -> bool {
    area(which).is_some_and(|storage| storage.set_item(key, value).is_ok())
}

/// Removes `key` if present.
pub fn remove(which: StorageArea, key: &str) {
    if let Some(storage) = area(which) {
        let _ = storage.remove_item(key);
    }
}

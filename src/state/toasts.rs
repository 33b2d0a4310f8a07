//! Short notices ("Imported alpine/3.20 · arm64 (build 20260402).") shown in a corner (on a phone over
//! the header) and announced to screen readers. One at a time; each goes away by itself.

use leptos::prelude::*;
use std::time::Duration;

/// How many notices are on screen at once: one, the newest; a newer one
/// replaces it, so that notices never pile up over the page.
pub const MAX_TOASTS: usize = 1;

/// The tone of a notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToastKind {
    Success,
    Error,
    Info,
}

/// One notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    pub id: u64,
    pub kind: ToastKind,
    pub message: String,
}

/// The notices, shared through context.
#[derive(Debug, Clone, Copy)]
pub struct Toasts {
    items: RwSignal<Vec<Toast>>,
    next_id: StoredValue<u64>,
}

impl Default for Toasts {
    fn default() -> Self {
        Self::new()
    }
}

impl Toasts {
    /// No notices.
    pub fn new() -> Self {
        Self {
            items: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(1),
        }
    }

    /// The notices on screen, oldest first (tracked).
    pub fn items(&self) -> Vec<Toast> {
        self.items.get()
    }

    /// Shows a notice; it goes away after a few seconds (errors stay longer).
    pub fn show(&self, kind: ToastKind, message: impl Into<String>) -> u64 {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        let toast = Toast {
            id,
            kind,
            message: message.into(),
        };
        self.items.update(|items| {
            // The same message twice in a row (a double click) shows once.
            items.retain(|t| !(t.kind == toast.kind && t.message == toast.message));
            items.push(toast);
            let overflow = items.len().saturating_sub(MAX_TOASTS);
            items.drain(..overflow);
        });
        let lifetime = match kind {
            ToastKind::Error => Duration::from_secs(10),
            _ => Duration::from_secs(6),
        };
        let this = *self;
        set_timeout(move || this.dismiss(id), lifetime);
        id
    }

    /// A success notice.
    pub fn success(&self, message: impl Into<String>) -> u64 {
        self.show(ToastKind::Success, message)
    }

    /// An error notice.
    pub fn error(&self, message: impl Into<String>) -> u64 {
        self.show(ToastKind::Error, message)
    }

    /// Removes a notice (the user closed it, or its time ran out).
    pub fn dismiss(&self, id: u64) {
        self.items.update(|items| items.retain(|t| t.id != id));
    }
}

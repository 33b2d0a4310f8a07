//! A native modal `<dialog>` driven by a signal.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Shows `dialog` as a modal while `open` is true and closes it when it
/// turns false. The browser keeps focus inside a modal dialog and makes the
/// page behind it inert; once it closes, focus goes back to the element that
/// had it before it opened.
pub fn use_modal_dialog(open: Signal<bool>, dialog: NodeRef<leptos::html::Dialog>) {
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    Effect::new(move |_| {
        let Some(dialog) = dialog.get() else {
            return;
        };
        match (open.get(), dialog.open()) {
            (true, false) => {
                let focused = document()
                    .active_element()
                    .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
                opener.set_value(focused);
                let _ = dialog.show_modal();
            }
            (false, is_open) => {
                if is_open {
                    dialog.close();
                }
                if let Some(Some(opener)) = opener.try_update_value(Option::take) {
                    let _ = opener.focus();
                }
            }
            (true, true) => {}
        }
    });
}

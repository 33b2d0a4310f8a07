//! Browser tests (wasm-bindgen-test in headless Chromium): the shell, routes
//! and components, mounted for real and checked on the DOM.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod support;

mod catalog;
mod components;
mod dialog;
mod session;
mod shell;
mod star_input;

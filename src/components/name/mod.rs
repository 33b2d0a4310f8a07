//! An image's name that wraps between its parts, never inside one.

use leptos::prelude::*;

use crate::format::name_pieces;

/// `text` with a line-break opportunity (`<wbr>`) after each `/`, `-` and
/// `_`: a long name such as `debian-13-fips-arm64` wraps between its parts
/// instead of being cut where names differ. Copying it copies the name as
/// it is.
#[component]
pub fn BreakableName(
    /// The name.
    #[prop(into)]
    text: String,
) -> impl IntoView {
    // A card shows two names: every piece followed by its <wbr>, then the
    // last piece, and no placeholder for a missing <wbr>.
    let pieces = name_pieces(&text);
    let (last, before) = pieces.split_last().unwrap_or((&"", &[]));
    let before = before
        .iter()
        .map(|piece| view! { {piece.to_string()} <wbr /> })
        .collect_view();
    view! { {before} {last.to_string()} }
}

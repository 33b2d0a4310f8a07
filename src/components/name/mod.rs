//! An image's name that wraps between its parts, never inside one.

use leptos::prelude::*;

use crate::format::name_pieces;

/// `text` with a line-break opportunity (`<wbr>`) after each `/`, `-`, `_`
/// and `.`: a long name such as `debian-13-fips-arm64` wraps between its
/// parts instead of being cut where names differ. Copying it copies the
/// name as it is.
#[component]
pub fn BreakableName(
    /// The name.
    #[prop(into)]
    text: String,
) -> impl IntoView {
    let pieces = name_pieces(&text);
    let last = pieces.len().saturating_sub(1);
    pieces
        .into_iter()
        .enumerate()
        .map(|(index, piece)| {
            let piece = piece.to_string();
            view! { {piece} {(index < last).then(|| view! { <wbr /> })} }
        })
        .collect_view()
}

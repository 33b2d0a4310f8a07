//! "Also for: amd64 $19.99 · armhf Free · arm64 ✓ owned": the same image
//! built for the other architectures, each bought or imported on its own.

use leptos::prelude::*;

use crate::api::PublicImage;
use crate::components::icons::CheckIcon;
use crate::format::format_price;
use crate::hooks::use_api_resource;
use crate::routes;
use crate::state::builds::other_architectures;
use crate::state::{ApiContext, Library};

use super::style;

/// The other architectures of `image`, as links with their price (or
/// "owned"); nothing when there are none or they could not be read.
#[component]
pub fn OtherArchitectures(image: PublicImage) -> impl IntoView {
    let api = expect_context::<ApiContext>();
    let library = expect_context::<Library>();
    // One request for each other architecture (see `other_architectures`).
    let others = use_api_resource(
        || (),
        move |(), abort| {
            let image = image.clone();
            async move { Ok(other_architectures(api, &image, abort).await) }
        },
    );
    let others = move || others.ok().filter(|others| !others.is_empty());

    view! {
        {move || others().map(|others| view! {
            <div class=style::architectures>
                <span id="also-for">"Also for:"</span>
                <ul aria-labelledby="also-for">
                    {others.into_iter().map(|other| {
                        let owned = library.owns(&other.id) == Some(true);
                        view! {
                            <li>
                                <a href=routes::image_href(&other.id)>
                                    <span class=style::architecture>{other.architecture}</span>
                                    {if owned {
                                        view! { <span class=style::owned_mark><CheckIcon />"owned"</span> }.into_any()
                                    } else {
                                        view! { <span>{format_price(other.price)}</span> }.into_any()
                                    }}
                                </a>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </div>
        })}
    }
}

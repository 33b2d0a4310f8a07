// The reference page: the same catalog request and the same card markup as
// the app, written by hand with no framework. The benchmark compares the app
// against this. Class names are the app's own (the benchmark passes their
// hashed form in `window.CLASSES`), so both pages use the same CSS.
const C = window.CLASSES;
const API = "/api/v1/images/public";
const grid = document.getElementById("grid");
const section = document.getElementById("results");
const osSelect = document.getElementById("os");
const archSelect = document.getElementById("arch");
const sortSelect = document.getElementById("sort");
const limitSelect = document.getElementById("limit");
const URL_STATE = document.body.hasAttribute("data-url-state");
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const OS_LABELS = { alpine: "Alpine", archlinux: "Arch Linux", centos: "CentOS", debian: "Debian", fedora: "Fedora", opensuse: "openSUSE", rockylinux: "Rocky Linux", ubuntu: "Ubuntu" };

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function size(bytes) {
  const units = ["kB", "MB", "GB", "TB"];
  if (bytes < 1000) return `${bytes} B`;
  let value = bytes;
  let unit = "B";
  for (const next of units) {
    if (value < 1000) break;
    value /= 1000;
    unit = next;
  }
  return value >= 9.95 ? `${Math.round(value)} ${unit}` : `${value.toFixed(1)} ${unit}`;
}

function card(image) {
  // The app's card: its parts are styled through the card's one class.
  const li = el("li");
  const article = el("article", C.card);
  article.dataset.imageId = image.id;
  const top = el("header");
  const icon = el("span", `${C.icon} ${C.small} ${C.hue0}`);
  icon.dataset.initial = (OS_LABELS[image.os] ?? image.os).slice(0, 1);
  icon.setAttribute("aria-hidden", "true");
  const img = el("img");
  img.src = image.icon_url;
  img.alt = "";
  img.width = 48;
  img.height = 48;
  img.loading = "lazy";
  img.decoding = "async";
  icon.append(img);
  const heading = el("div");
  const h2 = el("h2");
  const link = el("a", "", image.alias);
  link.href = `/images/${encodeURIComponent(image.id)}`;
  h2.append(link);
  heading.append(h2, el("p", "", image.image_name));
  top.append(icon, heading);
  const badges = el("ul");
  badges.setAttribute("aria-label", "Details");
  for (const text of [OS_LABELS[image.os] ?? image.os, image.release, image.architecture, image.variant]) {
    if (text) badges.append(el("li", "", text));
  }
  if (image.prespawn) badges.append(el("li", C.prespawn, "Prespawned"));
  const footer = el("footer");
  const display = el("span", C.display);
  // One element: the CSS cuts five stars from a fill set by the tenths class.
  const tenths = image.rating_count ? Math.round(Math.min(5, Math.max(0, image.average_rating)) * 10) : 0;
  const stars = el("span", `${C.stars} r${tenths}`);
  stars.setAttribute("role", "img");
  stars.setAttribute("aria-label", `Rated ${image.average_rating.toFixed(1)} out of 5 by ${image.rating_count} people`);
  const summary = el("span", C.summary, image.rating_count ? `${image.average_rating.toFixed(1)} (${image.rating_count})` : "No ratings yet");
  summary.setAttribute("aria-hidden", "true");
  display.append(stars, summary);
  const free = image.price <= 0;
  const price = el("span", free ? C.price_free : C.price);
  price.append(el("span", "visually-hidden", "Price: "), free ? "Free" : `$${image.price.toFixed(2)}`);
  footer.append(display, price);
  const [year, month, day] = image.added_date.slice(0, 10).split("-").map(Number);
  const meta = el("p");
  meta.append(el("span", "", size(image.size)), el("span", "", `Added ${day} ${MONTHS[month - 1]} ${year}`));
  article.append(top, el("p", "", image.description), badges, footer, meta);
  li.append(article);
  return li;
}

let generation = 0;
async function load() {
  const params = new URLSearchParams({ page: "1", limit: limitSelect.value, sort_by: "added_date", sort_order: "desc" });
  if (osSelect.value) params.set("os", osSelect.value);
  if (archSelect.value) params.set("architecture", archSelect.value);
  if (sortSelect.value) {
    const [by, order] = sortSelect.value.split(":");
    params.set("sort_by", by);
    params.set("sort_order", order);
  }
  const mine = ++generation;
  section.dataset.state = "loading";
  const pending = fetch(`${API}?${params}`);
  // The variant that keeps its state in the URL, as the app does: one
  // history entry per change, pushed once the request has left.
  if (URL_STATE && mine > 1) history.pushState(null, "", `?${params}`);
  const response = await pending;
  const body = await response.json();
  if (mine !== generation) return;
  const fragment = document.createDocumentFragment();
  for (const image of body.data.images) fragment.append(card(image));
  grid.replaceChildren(fragment);
  section.dataset.answers = params.toString();
  section.dataset.done = String(mine);
  section.dataset.state = "ready";
}

for (const select of [osSelect, archSelect, sortSelect, limitSelect]) select.addEventListener("change", load);
load();

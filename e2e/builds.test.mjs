// An image and its builds, at a real catalog's scale: the API server seeded
// with 40 builds of every image (some 3,600 entries, over 500 of one OS).
// Builds are told apart wherever they are shown, an older build's page and
// purchase say a newer one is out, the lookups behind them are right however
// many entries an OS has and make a bounded number of requests, the service
// worker's cache stays bounded, and no request line is ever too long.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useSuite, signIn, chooseAndWait, catalogSettled, everyPublicImage } from "./harness.mjs";

const BUILDS = 40;
let lineages = [];

const suite = useSuite({ args: ["--seed-builds", String(BUILDS)] }, async ({ server }) => {
  // Every image, with its builds newest first.
  const byImage = new Map();
  const entries = await everyPublicImage(server);
  for (const entry of entries) {
    const key = [entry.os, entry.release, entry.variant, entry.architecture].join("|");
    byImage.set(key, [...(byImage.get(key) ?? []), entry]);
  }
  lineages = [...byImage.values()];
  assert.ok(entries.length >= 3000, `${entries.length} entries`);
  assert.ok(lineages.every((builds) => builds.length === BUILDS));
});

const serialOf = async (image) => (await suite.server.api(`/images/public/${image.id}`)).json.data.serial;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** A date as the app writes it: 22 Jan 2026. */
const dateOf = (image) => {
  const date = new Date(image.added_date);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
};
/** The builds of an image, newest first, that `pick` chooses among all. */
const buildsOf = (pick) => lineages.find((builds) => pick(builds[0]));
/** API requests the page made, by kind. */
const apiCalls = (t) => ({
  lists: t.apiRequests("/images/public?"),
  details: t.apiRequests("/images/public/").filter((r) => !r.url.includes("?")),
});

test("a search for an image's name shows its builds as builds of one image, newest first", async () => {
  const builds = buildsOf((i) => i.os === "debian" && i.release === "13" && i.variant === "default" && i.architecture === "amd64");
  const t = await suite.open();
  await t.page.goto(suite.server.url);
  await catalogSettled(t.page);
  await t.page.fill("#catalog-search", builds[0].image_name);
  await t.page.waitForURL(/search=/);
  await catalogSettled(t.page);
  const cards = t.page.locator("main article");
  assert.equal(await cards.count(), 20);
  const texts = await cards.allTextContents();
  assert.equal(new Set(texts).size, texts.length, "no two cards are alike");
  // The first card is the latest build; each other one links to it as newer.
  assert.match(texts[0], new RegExp(`Latest buildBuild of ${dateOf(builds[0])}|Build of ${dateOf(builds[0])}`));
  assert.equal(await cards.first().locator("li:has-text('Latest build')").count(), 1);
  for (let n = 1; n < 20; n += 1) {
    assert.match(texts[n], new RegExp(`Build of ${dateOf(builds[n])}`));
    assert.equal(await cards.nth(n).locator("li:has-text('Latest build')").count(), 0);
  }
  const newer = cards.nth(5).locator("a:has-text('Newer build of')");
  assert.equal(await newer.textContent(), `Newer build of ${dateOf(builds[0])}`);
  // Sorted by rating, an older build first is still said to be older.
  await chooseAndWait(t.page, "#catalog-sort", { label: "Rating: high to low" }, /sort_by=rating/);
  const first = cards.first();
  if ((await first.getAttribute("data-image-id")) !== builds[0].id) {
    assert.equal(await first.locator("a:has-text('Newer build of')").count(), 1);
  }
  assert.equal(await t.page.locator("main li:has-text('Latest build')").count(), 0, "not provable on a page of another order");
  await t.page.locator("main article a:has-text('Newer build of')").first().click();
  await t.page.waitForURL(/\/images\//);
  await t.page.waitForSelector("#image-title");
});

test("an older build's page says a newer one is out, lists the builds, and its purchase warns", async () => {
  const builds = buildsOf((i) => i.price > 0 && i.os === "ubuntu");
  const [newest, old] = [builds[0], builds[7]];
  const [newestSerial, oldSerial] = [await serialOf(newest), await serialOf(old)];
  const token = suite.server.addUser(1000);
  const t = await suite.open();
  await t.page.goto(suite.server.url);
  await catalogSettled(t.page);
  await signIn(t.page, token);
  // From the catalog: the image's builds, then the eighth one's card.
  await t.page.fill("#catalog-search", old.image_name);
  await t.page.waitForURL(/search=/);
  await catalogSettled(t.page);
  await t.page.click(`main article[data-image-id='${old.id}'] h2 a`);
  await t.page.waitForURL(`${suite.server.url}/images/${old.id}`);
  // The notice shows as soon as the newer build is found, and names it by
  // its serial once that build's details are in.
  const notice = t.page.locator("p:has-text('A newer build of this image is out')");
  await notice.filter({ hasText: `build ${newestSerial}, added ${dateOf(newest)}.` }).waitFor();
  assert.match(await t.page.textContent("main"), new RegExp(`Build ${oldSerial}`));
  // The builds, newest first, this one marked; older ones on request.
  const rows = t.page.locator("main section[aria-labelledby='builds-title'] ol li");
  await rows.first().waitFor();
  const shown = await rows.count();
  assert.ok(shown >= 8 && shown <= 20, `${shown} builds shown`);
  assert.match(await rows.first().textContent(), new RegExp(`Build of ${dateOf(newest)}`));
  assert.match(await rows.nth(7).textContent(), /this build/);
  assert.equal(await rows.nth(7).locator("a[aria-current='page']").count(), 1);
  await t.page.click("button:has-text('Show older builds')");
  await t.page.waitForFunction((n) => document.querySelectorAll("section[aria-labelledby='builds-title'] ol li").length > n, shown);
  // Buying it: the confirmation says which build, and that a newer one is out.
  await t.page.click("button:has-text('Buy for')");
  const dialog = t.page.locator("dialog[open]");
  await dialog.waitFor();
  assert.match(await dialog.textContent(), new RegExp(`Build${oldSerial}`));
  assert.match(await dialog.textContent(), new RegExp(`You are buying build ${oldSerial}; build ${newestSerial} is newer\\.`));
  await dialog.locator("a:has-text('See the newest build')").click();
  await t.page.waitForURL(`${suite.server.url}/images/${newest.id}`);
  await t.page.locator("p:has-text('Latest build')").waitFor();
  assert.equal(await t.page.locator("p:has-text('A newer build of this image is out')").count(), 0);
  // Buying the newest: named by its build wherever the purchase is told.
  await t.page.click("button:has-text('Buy for')");
  assert.doesNotMatch(await t.page.textContent("dialog[open]"), /is newer/);
  await t.page.click("dialog[open] button:has-text('Confirm')");
  const name = `${newest.alias} · ${newest.architecture} (build ${newestSerial})`;
  await t.page.waitForSelector(`[aria-label='Notifications'] >> text=Bought ${name} for`);
  // Another build from the list: while its details load, its page never
  // shows the serial of the build before.
  const other = builds[3];
  const otherDetails = `**/images/public/${other.id}`;
  let release;
  const held = new Promise((resolve) => (release = resolve));
  let answered;
  await t.page.route(otherDetails, (route) => (answered = held.then(() => route.continue())));
  const serialFact = t.page.locator("main dl div:has(> dt:text-is('Serial')) > dd");
  try {
    await rows.nth(3).locator("a").click();
    await t.page.waitForURL(`${suite.server.url}/images/${other.id}`);
    await t.page.waitForTimeout(300);
    assert.equal((await serialFact.textContent()).trim(), "…", "not the serial of the build before");
  } finally {
    release();
    await answered;
    await t.page.unroute(otherDetails);
  }
  await serialFact.filter({ hasText: await serialOf(other) }).waitFor();
});

test("the lookups are right at scale and bounded: an image's page, and My images", async () => {
  // An image of the OS with the most entries, whose other architectures are
  // far behind the newest hundred entries of that OS.
  const builds = buildsOf((i) => i.os === "ubuntu" && i.release === "20.04" && i.variant === "default" && i.architecture === "arm64");
  const others = lineages.filter((b) => ["os", "release", "variant"].every((f) => b[0][f] === builds[0][f]) && b[0].architecture !== "arm64");
  assert.ok(others.length >= 2);
  const token = suite.server.addUser(0);
  const old = builds.find((b) => b.price === 0 && b !== builds[0]) ?? builds[3];
  assert.equal((await suite.server.api(`/images/import/${old.id}`, { token, method: "POST" })).status, 200);
  const t = await suite.open();
  await t.page.goto(suite.server.url);
  await catalogSettled(t.page);
  await signIn(t.page, token);
  // My images: the owned old build, and the newer one that is out.
  const before = t.requests.length;
  await t.page.click("header >> text=My images");
  await t.page.waitForSelector("main ul[data-newer-builds='checked']");
  const notice = t.page.locator("main li p:has-text('is out')");
  await notice.waitFor();
  assert.match(await notice.textContent(), new RegExp(`Build ${await serialOf(builds[0])} is out \\(you have ${await serialOf(old)}\\)`));
  const mine = t.requests.slice(before).filter((r) => r.url.includes("/api/v1/images/public"));
  const lists = mine.filter((r) => r.url.includes("/images/public?"));
  // One row: one list request for its builds, its details and the newer
  // one's (the pointer crossing a card on its way may prefetch that card's).
  const rowDetails = mine.filter((r) => [old.id, builds[0].id].some((id) => r.url.endsWith(`/images/public/${id}`)));
  assert.equal(lists.length, 1, `${lists.length} list requests`);
  assert.equal(rowDetails.length, 2, rowDetails.map((r) => r.url).join(" "));
  for (const list of lists) {
    const query = new URL(list.url).searchParams;
    assert.ok(query.get("os") && query.get("architecture") && query.get("search"), `a narrow request: ${list.url}`);
  }

  // The newest build's page: "Also for" names the newest build of each other
  // architecture; a bounded number of requests, each narrow.
  const seen = t.requests.length;
  await t.page.click(`main li a[href='/images/${old.id}']`);
  await t.page.waitForURL(/\/images\//);
  await t.page.click("a:has-text('See the newest build')");
  await t.page.waitForURL(`${suite.server.url}/images/${builds[0].id}`);
  const alsoFor = t.page.locator("ul[aria-labelledby='also-for'] a");
  await alsoFor.first().waitFor();
  const hrefs = (await alsoFor.evaluateAll((links) => links.map((a) => a.getAttribute("href")))).sort();
  assert.deepEqual(hrefs, others.map((b) => `/images/${b[0].id}`).sort());
  await t.page.waitForSelector("main section[aria-labelledby='builds-title'] ol li");
  await t.page.waitForTimeout(300);
  const { lists: pageLists, details } = apiCalls({ apiRequests: (p) => t.requests.slice(seen).filter((r) => r.url.includes("/api/v1/") && r.url.includes(p)) });
  assert.ok(pageLists.length <= 1 + 2 * 2, `${pageLists.length} list requests: builds, and one for each other architecture`);
  assert.ok(details.length <= 2, `${details.length} detail requests`);
  for (const list of pageLists) {
    const query = new URL(list.url).searchParams;
    assert.ok(query.get("os") && query.get("architecture") && query.get("search"), `a narrow request: ${list.url}`);
    assert.ok(Number(query.get("limit")) <= 20, list.url);
  }
});

test("the service worker keeps a bounded number of answers, the oldest dropped first", async () => {
  const t = await suite.open({ serviceWorkers: "allow" });
  await t.page.goto(suite.server.url);
  await catalogSettled(t.page);
  await t.page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
    }
  });
  // Hours of browsing: many different answers, through the worker.
  const kept = await t.page.evaluate(async () => {
    for (let page = 1; page <= 250; page += 1) {
      await fetch(`/api/v1/images/public?limit=1&page=${page}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    const cache = await caches.open("dockyard-data");
    return (await cache.keys()).map((request) => request.url);
  });
  assert.ok(kept.length <= 200, `${kept.length} answers kept`);
  assert.ok(kept.some((url) => url.endsWith("page=250")), "the newest is kept");
  assert.ok(!kept.some((url) => url.endsWith("page=1")), "the oldest was dropped");
  // One dropped is simply fetched again.
  assert.equal(await t.page.evaluate(async () => (await fetch("/api/v1/images/public?limit=1&page=1")).status), 200);
});

test("no request line is ever too long: a huge search is cut, a huge id is never sent", async () => {
  const t = await suite.open();
  await t.page.goto(suite.server.url);
  await catalogSettled(t.page);
  await t.page.fill("#catalog-search", "x".repeat(100 * 1024));
  await t.page.waitForURL(/search=/);
  await catalogSettled(t.page);
  // A page address the server serves, whose API request would be too long.
  const hostileId = "a".repeat(8 * 1024 - 32);
  await t.page.goto(`${suite.server.url}/images/${hostileId}`);
  await t.page.waitForSelector("text=Request URI too long");
  for (const request of t.requests) {
    assert.ok(request.url.length <= 8 * 1024 || !request.url.includes("/api/"), `${request.url.length} characters sent`);
  }
  // The server, asked directly, answers such a line with its error envelope.
  const reply = await fetch(`${suite.server.url}/api/v1/images/public/${hostileId}xxxxxxxxxxxxxxxxxxxxxxxxxxxx`);
  assert.equal(reply.status, 414);
  assert.deepEqual(await reply.json(), { statusCode: 414, error: "URI Too Long", message: "Request URI too long" });
});

// Catalog journeys in Chromium against the API server: filters, search, sort,
// pages, Back/Forward, deep links, reload, the debounce, errors and Retry,
// the phone panel, prefetch and scroll restoration.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useSuite, chooseAndWait, catalogSettled, resultsLine, PHONE } from "./harness.mjs";

let catalogTotal;

const suite = useSuite({ faultControl: true }, async () => {
  catalogTotal = (await suite.server.api("/images/public")).json.data.pagination.total;
});

async function cardTexts(page) {
  return page.$$eval("article", (cards) => cards.map((c) => c.textContent));
}

test("the catalog lands with 20 cards and a results line", async () => {
  const t = await suite.open();
  await t.page.goto(suite.server.url);
  await catalogSettled(t.page);
  assert.equal(await t.page.locator("article").count(), 20);
  assert.equal(await resultsLine(t.page), `Showing 1–20 of ${catalogTotal} images`);
  assert.equal(await t.page.locator("h1").count(), 1);
  assert.equal(await t.page.title(), "Dockyard · Container images");
});

/** The URLs of the requests the boot script sent (their initiator is boot-*.js), as they come. */
async function bootScriptRequests(page) {
  const urls = [];
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  cdp.on("Network.requestWillBeSent", ({ request, initiator }) => {
    const frame = initiator.stack?.callFrames?.[0];
    if (frame && /\/boot-[0-9a-f]+\.js$/.test(frame.url)) urls.push(request.url);
  });
  return urls;
}

test("opening the catalog or an image sends its request once, and a fast answer is in the first render", async () => {
  const sawPlaceholders = () => window.__sawPlaceholders;
  // The app's painted placeholders (not index.html's stand-in): looked for before every frame is drawn.
  const watchPlaceholders = () => {
    window.__sawPlaceholders = false;
    const look = () => {
      const placeholders = [...document.querySelectorAll("[class*='skeleton']")];
      if (placeholders.some((el) => !el.closest("#app-loading"))) window.__sawPlaceholders = true;
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  };
  // Fast: the request leaves before the app is built, and the first render has the cards.
  for (const path of ["/", "/?os=debian&sort_by=price&sort_order=asc"]) {
    const t = await suite.open();
    await t.page.addInitScript(watchPlaceholders);
    const early = await bootScriptRequests(t.page);
    await t.page.goto(`${suite.server.url}${path}`);
    await catalogSettled(t.page);
    assert.equal(t.apiRequests("/images/public?").length, 1, path);
    // The bare catalog's request is the boot script's, sent while the wasm loads.
    assert.equal(early.some((url) => url.includes("/api/v1/images/public?")), path === "/", path);
    assert.equal(await t.page.evaluate(sawPlaceholders), false, `${path}: placeholders were drawn`);
    assert.ok((await t.page.locator("article").count()) > 0, path);
    await t.finish();
  }
  // An image's page opened by its link works the same way.
  const id = (await suite.server.api("/images/public?limit=1")).json.data.images[0].id;
  {
    const t = await suite.open();
    await t.page.addInitScript(watchPlaceholders);
    const early = await bootScriptRequests(t.page);
    await t.page.goto(`${suite.server.url}/images/${id}`);
    await t.page.waitForSelector("#image-title");
    await t.page.waitForTimeout(300);
    assert.equal(t.apiRequests(`/images/public/${id}`).length, 1);
    assert.ok(early.some((url) => url.endsWith(`/api/v1/images/public/${id}`)), "sent by the boot script");
    assert.equal(await t.page.evaluate(sawPlaceholders), false, "detail placeholders were drawn");
    await t.finish();
  }
  // Slow: the app starts with placeholders and the page takes over the request in flight.
  const t = await suite.open();
  await t.page.addInitScript(watchPlaceholders);
  await suite.server.setFaults({ latency_ms: 1200 });
  try {
    await t.page.goto(suite.server.url);
    await t.page.waitForSelector("section[data-state='loading']");
    await catalogSettled(t.page);
  } finally {
    await suite.server.setFaults({});
  }
  assert.equal(t.apiRequests("/images/public?").length, 1);
  assert.equal(await t.page.evaluate(sawPlaceholders), true);
  assert.equal(await t.page.locator("article").count(), 20);
});

test("filter by OS and architecture, then Back and Forward", async () => {
  const t = await suite.open();
  await t.page.goto(suite.server.url);
  await catalogSettled(t.page);
  await chooseAndWait(t.page, "#filter-os", "debian", /\?os=debian$/);
  await chooseAndWait(t.page, "#filter-architecture", "arm64", /\?os=debian&architecture=arm64$/);
  const expected = (await suite.server.api("/images/public?os=debian&architecture=arm64&limit=100")).json.data;
  assert.equal(await t.page.locator("article").count(), Math.min(expected.images.length, 20));
  for (const text of await cardTexts(t.page)) {
    assert.match(text, /Debian/);
    assert.match(text, /arm64/);
  }
  assert.match(await resultsLine(t.page), new RegExp(`of ${expected.pagination.total} image`));
  assert.equal(await t.page.locator("ul[aria-label='Active filters'] button").count(), 3);

  await t.page.goBack();
  await t.page.waitForURL(/\?os=debian$/);
  await catalogSettled(t.page);
  assert.equal(await t.page.inputValue("#filter-architecture"), "");
  assert.equal(await t.page.inputValue("#filter-os"), "debian");
  await t.page.goBack();
  await t.page.waitForURL(`${suite.server.url}/`);
  await catalogSettled(t.page);
  assert.equal(await resultsLine(t.page), `Showing 1–20 of ${catalogTotal} images`);
  await t.page.goForward();
  await t.page.waitForURL(/\?os=debian$/);
  await catalogSettled(t.page);
  assert.equal(await t.page.inputValue("#filter-os"), "debian");
});

test("while a filter change loads, the cards shown stay (dimmed) until the new ones come, the first time too", async () => {
  const t = await suite.open();
  await t.page.goto(suite.server.url);
  await catalogSettled(t.page);
  const shown = await cardTexts(t.page);
  for (const [os, url] of [["debian", /\?os=debian$/], ["alpine", /\?os=alpine$/]]) {
    let release;
    const held = new Promise((resolve) => (release = resolve));
    const listFor = new RegExp(`/images/public\\?.*os=${os}`);
    let answered;
    await t.page.route(listFor, (route) => (answered = held.then(() => route.continue())));
    const before = await cardTexts(t.page);
    try {
      await t.page.selectOption("#filter-os", os);
      await t.page.waitForURL(url);
      await t.page.waitForSelector("section[data-state='refreshing']");
      // Past the moment the list dims (200 ms) and its fade.
      await t.page.waitForTimeout(500);
      assert.deepEqual(await cardTexts(t.page), before, `the cards shown stay while ${os}'s load`);
      const dimmed = await t.page.$eval("article", (card) => {
        for (let e = card; e; e = e.parentElement) if (Number(getComputedStyle(e).opacity) < 1) return true;
        return false;
      });
      assert.ok(dimmed, "the cards shown are dimmed while the next ones load");
      assert.equal(await t.page.locator("section[data-state] ul[aria-hidden='true']").count(), 0, "no placeholders in their place");
    } finally {
      release();
      await answered;
      await t.page.unroute(listFor);
    }
    await catalogSettled(t.page);
    const now = await cardTexts(t.page);
    assert.ok(now.length > 0);
    assert.notDeepEqual(now, before);
    for (const text of now) assert.match(text.toLowerCase(), new RegExp(os));
  }
  assert.notDeepEqual(shown, await cardTexts(t.page));
});

test("a filter change's request leaves before the address changes", async () => {
  const t = await suite.open();
  await t.page.addInitScript(() => {
    window.sentInOrder = [];
    const fetchFromPage = window.fetch;
    window.fetch = function (input, init) {
      window.sentInOrder.push(`fetch ${input?.url ?? input}`);
      return fetchFromPage.call(this, input, init);
    };
    const pushState = History.prototype.pushState;
    History.prototype.pushState = function (...args) {
      window.sentInOrder.push(`pushState ${args[2]}`);
      return pushState.apply(this, args);
    };
  });
  await t.page.goto(suite.server.url);
  await catalogSettled(t.page);
  await t.page.evaluate(() => { window.sentInOrder.length = 0; });
  await chooseAndWait(t.page, "#filter-os", "alpine", /\?os=alpine$/);
  const [first, second] = await t.page.evaluate(() => window.sentInOrder);
  assert.match(first ?? "", /^fetch .*\/images\/public\?.*os=alpine/);
  assert.match(second ?? "", /^pushState .*os=alpine/);
});

test("typing a search quickly sends one list request and replaces history", async () => {
  const t = await suite.open();
  await t.page.goto(suite.server.url);
  await catalogSettled(t.page);
  const before = t.apiRequests("/images/public?").length;
  const historyBefore = await t.page.evaluate(() => history.length);
  await t.page.locator("#catalog-search").pressSequentially("ubuntu", { delay: 40 });
  await t.page.waitForURL(/\?search=ubuntu$/);
  await catalogSettled(t.page);
  await t.page.waitForTimeout(400);
  const searches = t.apiRequests("/images/public?").slice(before);
  assert.equal(searches.length, 1, JSON.stringify(searches));
  assert.match(searches[0].url, /search=ubuntu/);
  for (const text of await cardTexts(t.page)) assert.match(text.toLowerCase(), /ubuntu/);
  // Typing more in the same burst replaces the entry rather than adding one per keystroke.
  await t.page.locator("#catalog-search").pressSequentially(" cloud", { delay: 40 });
  await t.page.waitForURL(/\?search=ubuntu%20cloud$/);
  await catalogSettled(t.page);
  const historyAfter = await t.page.evaluate(() => history.length);
  assert.ok(historyAfter - historyBefore <= 1, `history grew by ${historyAfter - historyBefore}`);
});

test("sort, page size (keeping the cards already shown) and numbered pages", async () => {
  const t = await suite.open();
  await t.page.goto(suite.server.url);
  await catalogSettled(t.page);
  await chooseAndWait(t.page, "select:near(:text('Sort'))", { label: "Price: high to low" }, /sort_by=price/);
  const top = (await suite.server.api("/images/public?sort_by=price&sort_order=desc&limit=1")).json.data.images[0];
  assert.match((await cardTexts(t.page))[0], new RegExp(top.alias.replace(/[/.]/g, "\\$&")));
  // A larger page keeps the cards already shown (the grid is keyed by what a
  // card shows) and draws only the new ones, and those that now show a newer
  // build of their image on the page.
  await t.page.$$eval("article", (cards) => cards.forEach((card) => { card.shownBefore = card.textContent; }));
  await chooseAndWait(t.page, "select:near(:text('Per page'))", "40", /limit=40/);
  assert.equal(await t.page.locator("article").count(), 40);
  const kept = await t.page.$$eval("article", (cards) => cards.map((card) => card.shownBefore === card.textContent));
  const redrawn = await t.page.$$eval("article", (cards) => cards.slice(0, 20).filter((card) => card.shownBefore === undefined).map((card) => card.textContent));
  assert.ok(redrawn.every((text) => text.includes("Newer build of")), `only cards that changed are drawn again: ${redrawn}`);
  assert.ok(kept.slice(0, 20).filter(Boolean).length >= 10, "most cards are kept");
  assert.deepEqual(kept.slice(20), Array(20).fill(false), "the new ones are new");
  await t.page.click("nav[aria-label='Catalog pages'] >> text=2");
  await t.page.waitForURL(/page=2/);
  await catalogSettled(t.page);
  assert.equal(await resultsLine(t.page), `Showing 41–${Math.min(80, catalogTotal)} of ${catalogTotal} images`);
  assert.equal(await t.page.getAttribute("nav[aria-label='Catalog pages'] a[aria-current='page']", "aria-label"), "Page 2, current page");
  // Changing a filter goes back to page 1.
  await t.page.check("text=Free only");
  await t.page.waitForURL((url) => !url.search.includes("page=") && url.search.includes("max_price=0"));
});

test("a deep link reproduces the view, and reload keeps it", async () => {
  const t = await suite.open();
  const url = `${suite.server.url}/?search=linux&os=rockylinux&sort_by=alias&sort_order=asc&limit=40`;
  await t.page.goto(url);
  await catalogSettled(t.page);
  assert.equal(await t.page.inputValue("#catalog-search"), "linux");
  assert.equal(await t.page.inputValue("#filter-os"), "rockylinux");
  const expected = (await suite.server.api("/images/public?search=linux&os=rockylinux&sort_by=alias&sort_order=asc&limit=40")).json.data;
  const aliases = await t.page.$$eval("article h2", (h) => h.map((x) => x.textContent));
  assert.deepEqual(aliases, expected.images.map((i) => i.alias));
  await t.page.reload();
  await catalogSettled(t.page);
  assert.equal(t.page.url(), url);
  assert.deepEqual(await t.page.$$eval("article h2", (h) => h.map((x) => x.textContent)), aliases);
});

test("hostile URLs are normalised and never produce an invalid request", async () => {
  const hostile = [
    "?page=-3", "?page=abc", "?limit=5000", "?sort_by=evil", "?min_price=10&max_price=2",
    "?unknown=1&os=%3Cscript%3E", "?min_rating=99&max_rating=-4", "?search=%00%01", "?page=99999",
    "?limit=0&page=0&sort_order=%F0%9F%92%A3",
  ];
  for (const query of hostile) {
    const t = await suite.open();
    await t.page.goto(`${suite.server.url}/${query}`);
    await catalogSettled(t.page);
    for (const request of t.apiRequests("/images/public")) {
      const params = new URL(request.url).searchParams;
      const page = Number(params.get("page"));
      const limit = Number(params.get("limit"));
      assert.ok(Number.isInteger(page) && page >= 1, `${query}: page ${params.get("page")}`);
      assert.ok(Number.isInteger(limit) && limit >= 1 && limit <= 100, `${query}: limit ${limit}`);
      for (const key of ["min_rating", "max_rating"]) {
        if (params.has(key)) assert.ok(Number(params.get(key)) >= 0 && Number(params.get(key)) <= 5);
      }
      if (params.has("min_price") && params.has("max_price")) {
        assert.ok(Number(params.get("min_price")) <= Number(params.get("max_price")), query);
      }
    }
    // The API never had to refuse anything.
    assert.deepEqual(t.problems(), [], query);
    if (query.includes("min_price=10")) {
      assert.match(await t.page.textContent("body"), /minimum is above the maximum/);
    }
    await t.close();
  }
});

test("an API failure shows its message, and Retry works with the filters kept", async () => {
  const t = await suite.open();
  t.allow((p) => (p.kind === "response" && p.status === 500) || (p.kind === "console" && /500/.test(p.text)));
  await suite.server.setFaults({ error_rate: 1 });
  try {
    await t.page.goto(`${suite.server.url}/?os=alpine`);
    await t.page.waitForSelector("text=Failed to retrieve public images");
    assert.equal(await t.page.locator("button:has-text('Retry')").count(), 1);
  } finally {
    await suite.server.setFaults({});
  }
  await t.page.click("button:has-text('Retry')");
  await catalogSettled(t.page);
  assert.ok((await t.page.locator("article").count()) > 0);
  assert.equal(new URL(t.page.url()).search, "?os=alpine");
  assert.equal(await t.page.inputValue("#filter-os"), "alpine");
});

test("on a phone the filters are a panel opened by a button that counts them", async () => {
  const t = await suite.open({ viewport: PHONE, isMobile: true });
  await t.page.goto(`${suite.server.url}/?os=ubuntu`);
  await catalogSettled(t.page);
  // Closed, the panel's controls are not even built: less work at start.
  assert.equal(await t.page.locator("#filter-os").count(), 0, "the filters wait for the panel");
  const button = t.page.locator("button[aria-controls='catalog-filters']");
  assert.equal((await button.textContent()).trim(), "Filters (1)");
  await button.click();
  assert.equal(await button.getAttribute("aria-expanded"), "true");
  assert.equal(await t.page.inputValue("#filter-os"), "ubuntu", "built from the URL when opened");
  await t.page.waitForFunction(() => document.activeElement?.getAttribute("aria-label") === "Close filters");
  // A modal dialog: the page behind is inert, Tab goes round the panel and never leaves it.
  assert.equal(await t.page.evaluate(() => document.querySelector("#catalog-filters").matches(":modal")), true);
  const outside = [];
  for (let i = 0; i < 40; i += 1) {
    await t.page.keyboard.press("Tab");
    const where = await t.page.evaluate(() => {
      const focused = document.activeElement;
      return !focused || focused === document.body || focused.closest("#catalog-filters") ? null : focused.outerHTML.slice(0, 80);
    });
    if (where) outside.push(where);
  }
  assert.deepEqual(outside, [], "Tab stays in the panel");
  await t.page.keyboard.press("Escape");
  // Chromium delivers the dialog's cancel after the key press resolves.
  await t.page.waitForFunction(() => document.querySelector("button[aria-controls='catalog-filters']").getAttribute("aria-expanded") === "false");
  assert.equal(await t.page.evaluate(() => document.querySelector(":modal")), null, "nothing is left modal");
  assert.equal(await t.page.evaluate(() => document.activeElement.getAttribute("aria-controls")), "catalog-filters", "focus is back on the button");
  await button.click();
  await chooseAndWait(t.page, "#filter-architecture", "arm64", /architecture=arm64/);
  await t.page.click("text=/^Show \\d+ images?$/");
  assert.equal(await t.page.isVisible("#filter-os"), false);
  assert.equal((await button.textContent()).trim(), "Filters (2)");
});

test("a phone turned or a window widened past the panel's width shows the sidebar, built", async () => {
  const t = await suite.open({ viewport: PHONE, isMobile: true });
  await t.page.goto(`${suite.server.url}/?os=debian&min_rating=3`);
  await catalogSettled(t.page);
  assert.equal(await t.page.locator("#filter-os").count(), 0);
  await t.page.click("button[aria-controls='catalog-filters']");
  assert.ok(await t.page.evaluate(() => document.querySelector("#catalog-filters").matches(":modal")), "the page behind the open panel is inert");
  await t.page.setViewportSize({ width: 1280, height: 900 });
  await t.page.waitForFunction(() => document.querySelector(":modal") === null);
  await t.page.waitForSelector("#filter-os", { state: "visible" });
  assert.equal(await t.page.inputValue("#filter-os"), "debian");
  assert.equal(await t.page.getByRole("radio", { name: "3 & up", exact: true }).isChecked(), true);
});

test("hovering a card loads its details, so opening it is instant; Back restores the scroll", async () => {
  const t = await suite.open();
  await t.page.goto(suite.server.url);
  await catalogSettled(t.page);
  const card = t.page.locator("article").nth(13);
  await card.scrollIntoViewIfNeeded();
  const scrolled = await t.page.evaluate(() => window.scrollY);
  assert.ok(scrolled > 200, `scrolled to ${scrolled}`);
  await card.hover();
  await t.page.waitForTimeout(300);
  const prefetches = t.apiRequests("/images/public/");
  assert.equal(prefetches.length, 1, "the detail was requested on hover");
  // The catalog's own list request (the image's page asks for others of its OS).
  const catalogList = t.apiRequests("/images/public?")[0].url;
  const listRequestsBefore = t.requests.filter((r) => r.url === catalogList).length;
  await card.locator("h2 a").click();
  await t.page.waitForSelector("#image-title");
  assert.equal(t.apiRequests("/images/public/").length, 1, "no second detail request");
  await t.page.waitForSelector("text=Serial");
  await t.page.goBack();
  await catalogSettled(t.page);
  await t.page.waitForTimeout(200);
  const restored = await t.page.evaluate(() => window.scrollY);
  assert.ok(Math.abs(restored - scrolled) < 5, `scroll ${restored} vs ${scrolled}`);
  assert.equal(t.requests.filter((r) => r.url === catalogList).length, listRequestsBefore, "Back did not refetch the list");
});

test("pressing / focuses the search box", async () => {
  const t = await suite.open();
  await t.page.goto(suite.server.url);
  await catalogSettled(t.page);
  await t.page.keyboard.press("/");
  assert.equal(await t.page.evaluate(() => document.activeElement.id), "catalog-search");
  await t.page.keyboard.type("alpine");
  await t.page.waitForURL(/search=alpine/);
});

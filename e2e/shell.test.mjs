// index.html's stand-in for the app (the header; on the catalog its title,
// introduction, search box, filters and placeholder cards), painted before
// the wasm has loaded: it shows the part that fits the page opened, says it
// is loading, and the app then puts the same things in the same places, with
// no layout shift.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useSuite, catalogSettled, holdAppStart, DESKTOP, PHONE } from "./harness.mjs";

let imageId;

const suite = useSuite({}, async () => {
  imageId = (await suite.server.api("/images/public?limit=1")).json.data.images[0].id;
});

/** Where the header's parts and the page's title and introduction are, and what they say. */
function frame(page) {
  return page.evaluate(() => {
    const box = (element) => {
      if (!element) return null;
      const { x, y, width, height } = element.getBoundingClientRect();
      // Text node by text node, whatever the whitespace between elements.
      const words = [];
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) words.push(...walker.currentNode.data.split(/\s+/).filter(Boolean));
      const text = words.join(" ");
      return { text, x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) };
    };
    const header = document.querySelector("header");
    const parts = {
      // Its text grows by the account entry the app adds at its end.
      header: { ...box(header), text: undefined },
      brand: box(header?.querySelector("a")),
      current: header?.querySelector("nav [aria-current='page']")?.textContent.trim() ?? null,
    };
    header?.querySelectorAll("nav a").forEach((link, i) => (parts[`nav ${i}`] = box(link)));
    const title = [...document.querySelectorAll("h1")].find((h1) => h1.checkVisibility());
    if (title?.textContent.trim() === "Container images") {
      parts.title = box(title);
      parts.introduction = box(title.nextElementSibling);
      // The search box, the filters and the first card's column, found by
      // the class names the stand-in shares with the app. The stand-in's are
      // empty, so only where they start and how wide they are must match.
      const start = (selector) => {
        const element = [...document.querySelectorAll(selector)].find((e) => e.checkVisibility());
        if (!element) return null;
        const { x, y, width } = box(element);
        return { x, y, width };
      };
      parts.search = start("main [class*='search_input-']");
      parts.filters = start("main [class*='sidebar-']");
      const card = start("main [class*='grid-'] > li > [class*='card-']");
      parts.cardColumn = card && { x: card.x, width: card.width };
    }
    return parts;
  });
}

const journeys = [
  { path: "/", catalog: true, current: "Catalog", ready: catalogSettled },
  { path: "/?os=debian&sort_by=price", catalog: true, current: "Catalog", ready: catalogSettled },
  { path: () => `/images/${imageId}`, catalog: false, current: null, ready: (p) => p.waitForSelector("#image-title") },
  { path: "/my-images", catalog: false, current: "My images", ready: (p) => p.waitForSelector("text=Sign in to see") },
];

for (const [size, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
  test(`the stand-in shows the opened page's frame where the app then draws it, ${size}`, async () => {
    for (const journey of journeys) {
      const path = typeof journey.path === "function" ? journey.path() : journey.path;
      const t = await suite.open({ viewport, isMobile: size === "phone" });
      await t.page.addInitScript(() => {
        window.__shifts = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) {
            window.__shifts.push({ value: entry.value, sources: entry.sources.map((s) => s.node?.outerHTML?.slice(0, 120) ?? "?") });
          }
        }).observe({ type: "layout-shift", buffered: true });
      });
      const release = await holdAppStart(t.page);
      await t.page.goto(`${suite.server.url}${path}`);
      const status = t.page.locator("#app-loading [role='status']:visible");
      await status.waitFor();
      assert.equal(await status.count(), 1, path);
      assert.equal((await status.textContent()).trim(), journey.catalog ? "Loading the catalog…" : "Loading…", path);
      const shell = await frame(t.page);
      assert.equal(shell.current, journey.current, `${path}: the current page's link`);
      assert.equal(Boolean(shell.title), journey.catalog, `${path}: the catalog's title is shown only on the catalog`);
      if (journey.catalog) {
        assert.ok(shell.search && shell.cardColumn, `${path}: the search box and placeholder cards are drawn`);
        // Filters are a sidebar on wide screens, a panel the phone opens.
        assert.equal(Boolean(shell.filters), size === "desktop", `${path}: the filters' sidebar`);
      }
      assert.ok(shell.brand.width > 0 && shell.header.height > 0, path);

      release();
      await journey.ready(t.page);
      assert.equal(await t.page.locator("#app-loading").count(), 0, `${path}: the stand-in is gone`);
      const app = await frame(t.page);
      // The app's header adds the account entry after these; all else is where the stand-in had it.
      assert.deepEqual(app, shell, `${path}: the app moved what the stand-in showed`);
      assert.equal(await t.page.locator("h1").count(), 1, path);
      const shifts = await t.page.evaluate(() => window.__shifts);
      assert.deepEqual(shifts, [], `${path}: layout shifts while the app took over`);
      await t.finish();
    }
  });
}

test("if the app cannot be downloaded, the stand-in says so, and reloading starts the app", async () => {
  const t = await suite.open();
  t.allow((p) => p.kind === "requestfailed" && /_bg\.wasm$/.test(p.url));
  t.allow((p) => p.kind === "console" && /Failed to load resource|Dockyard could not start/.test(p.text));
  await t.page.route(/_bg\.wasm$/, (route) => route.abort("internetdisconnected"));
  await t.page.goto(suite.server.url);
  const status = t.page.locator("#app-loading [role='status']:visible");
  await status.locator("text=Dockyard could not be loaded").waitFor();
  assert.match(await status.textContent(), /Check your connection, then Reload the page\./);
  await t.page.unroute(/_bg\.wasm$/);
  await status.locator("a:has-text('Reload the page')").click();
  await catalogSettled(t.page);
  assert.equal(await t.page.locator("article").count(), 20);
});

test("the stars' mask is fetched once, before the app is built, and a page without stars does not warn about it", async () => {
  // Chromium warns when a <link rel=preload> is still unused a few seconds
  // after the load event, so the mask must not be preloaded on such a page.
  for (const [path, ready] of [
    ["/sign-in", (p) => p.waitForSelector("#sign-in-token")],
    ["/?search=no-such-image-anywhere", catalogSettled],
  ]) {
    const t = await suite.open();
    await t.page.goto(`${suite.server.url}${path}`);
    await ready(t.page);
    await t.page.waitForTimeout(3500);
    await t.finish();
  }

  const t = await suite.open();
  const release = await holdAppStart(t.page);
  const isMask = (url) => new URL(url).pathname === "/star-mask.svg";
  await t.page.goto(suite.server.url);
  await t.page.waitForFunction(() =>
    performance.getEntriesByType("resource").some((e) => e.name.endsWith("/star-mask.svg") && e.responseEnd > 0),
  );
  release();
  await catalogSettled(t.page);
  assert.ok(await t.page.locator("article [role='img']").count() > 0, "the cards show stars");
  assert.equal(t.requests.filter((r) => isMask(r.url)).length, 1, "one request for the mask");
});

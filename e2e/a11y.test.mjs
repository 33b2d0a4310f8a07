// Accessibility: axe-core on every page, on the open purchase dialog and on
// index.html's stand-in shown until the app starts, in
// light and dark, on desktop and phone sizes (zero violations); every page
// at 320 px wide without sideways scrolling; and a keyboard-only journey:
// find an image, open it, buy it and rate it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { AxeBuilder } from "@axe-core/playwright";
import { useSuite, signIn, catalogSettled, holdAppStart, DESKTOP, PHONE } from "./harness.mjs";

let token;
let paid;
let owned;
let withSiblings;

const suite = useSuite({}, async () => {
  token = suite.server.addUser(100);
  paid = (await suite.server.api("/images/public?min_price=0.01&sort_by=price&limit=100")).json.data.images;
  owned = (await suite.server.api("/images/public?max_price=0&limit=3")).json.data.images;
  // An older build of an image, so that My images says a newer one is out.
  const free = (await suite.server.api("/images/public?max_price=0&limit=100&sort_by=added_date&sort_order=asc")).json.data.images;
  owned.push(free.find((i) => free.some((o) => o !== i && o.image_name === i.image_name)));
  // A paid image built for several architectures, so that its page says "Also for".
  withSiblings = paid.find((i) => paid.some((o) => o.alias === i.alias && o.architecture !== i.architecture));
  for (const image of owned) await suite.server.api(`/images/import/${image.id}`, { token, method: "POST" });
  await suite.server.api(`/images/rate/${owned[0].id}`, { token, method: "POST", body: { rating: 4.5 } });
});

async function axe(page, where) {
  // Colours are checked as they end up, not halfway through an opening
  // animation (the dialog fades in); endless ones (loading pulses) aside.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
        .map((animation) => animation.finished.catch(() => {})),
    ),
  );
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const summary = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")}: ${n.failureSummary}`),
  }));
  assert.deepEqual(summary, [], `${where}: ${JSON.stringify(summary, null, 2)}`);
}

const pages = [
  { name: "catalog", path: "/", ready: catalogSettled },
  { name: "catalog with filters", path: "/?os=ubuntu&min_price=10&max_price=2&search=lts", ready: catalogSettled },
  { name: "catalog, no results", path: "/?search=nothing-matches-this", ready: catalogSettled },
  { name: "detail", path: () => `/images/${withSiblings.id}`, ready: (p) => p.waitForSelector("ul[aria-labelledby='also-for']") },
  { name: "image not found", path: "/images/unknown-id", ready: (p) => p.waitForSelector("text=Image not found") },
  { name: "my images", path: "/my-images", signedIn: true, ready: (p) => p.waitForSelector("main li p:has-text('is out')") },
  { name: "my images signed out", path: "/my-images", ready: (p) => p.waitForSelector("text=Sign in to see") },
  { name: "sign in", path: "/sign-in", ready: (p) => p.waitForSelector("#sign-in-token") },
  { name: "not found", path: "/no/such/page", ready: (p) => p.waitForSelector("text=Page not found") },
];

for (const colorScheme of ["light", "dark"]) {
  for (const [size, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
    test(`axe: every page, ${colorScheme}, ${size}`, async () => {
      const t = await suite.open({ colorScheme, viewport, isMobile: size === "phone" });
      t.allow((p) => p.kind === "response" && p.status === 404 && p.url.includes("/images/public/unknown-id"));
      await visitEvery(t.page, (entry) => axe(t.page, `${entry.name} (${colorScheme}, ${size})`));
      // The purchase dialog, open.
      await signIn(t.page, token, { start: suite.server.url });
      await t.page.goto(`${suite.server.url}/images/${paid[0].id}`);
      await t.page.click("button:has-text('Buy for')");
      await t.page.waitForSelector("dialog[open]");
      await axe(t.page, `purchase dialog (${colorScheme}, ${size})`);
      await t.page.keyboard.press("Escape");
      // The filter panel, open on a phone.
      if (size === "phone") {
        await t.page.goto(`${suite.server.url}/?os=debian`);
        await catalogSettled(t.page);
        await t.page.click("button[aria-controls='catalog-filters']");
        await axe(t.page, `filter panel (${colorScheme}, phone)`);
      }
      await t.finish();
      // index.html's stand-in, shown until the app starts.
      for (const path of ["/", `/images/${paid[0].id}`]) {
        const s = await suite.open({ colorScheme, viewport, isMobile: size === "phone" });
        const release = await holdAppStart(s.page);
        await s.page.goto(`${suite.server.url}${path}`);
        await s.page.locator("#app-loading [role='status']:visible").waitFor();
        await axe(s.page, `the stand-in at ${path} (${colorScheme}, ${size})`);
        release();
        await s.page.locator("#app-loading").waitFor({ state: "detached" });
        await s.finish();
      }
    });
  }
}

test("reflow: at 320 px wide no page scrolls sideways (WCAG 1.4.10)", async () => {
  const width = 320;
  const t = await suite.open({ viewport: { width, height: 640 }, isMobile: true });
  t.allow((p) => p.kind === "response" && p.status === 404 && p.url.includes("/images/public/unknown-id"));
  await visitEvery(t.page, (entry) => assertFits(t.page, width, entry.name));
  // Once a purchase has told the app the balance, the header holds it too.
  // The image is found from the catalog, as a buyer would.
  const image = paid[1];
  await signIn(t.page, suite.server.addUser(100), { start: suite.server.url });
  await t.page.goto(suite.server.url);
  await catalogSettled(t.page);
  await t.page.fill("#catalog-search", image.image_name);
  await t.page.waitForSelector(`main article[data-image-id='${image.id}']`);
  await catalogSettled(t.page);
  await t.page.click(`main article[data-image-id='${image.id}'] h2 a`);
  await t.page.click("button:has-text('Buy for')");
  await assertFits(t.page, width, "purchase dialog");
  await t.page.click("dialog[open] button:has-text('Confirm')");
  await t.page.waitForSelector("[aria-label='Notifications'] >> text=Bought");
  await assertFits(t.page, width, "detail after a purchase");
  await t.page.click("nav[aria-label='Main'] >> text=My images");
  await t.page.waitForSelector(`main li h2:has-text('${image.alias}')`);
  assert.match(await t.page.textContent("header"), /Balance reported \d+ \w+ \d{4}, \d\d:\d\d: \$/, "the balance is still there for screen readers");
  await assertFits(t.page, width, "my images after a purchase");
});

/** Opens each of `pages` in turn, signed in where it says, and runs `check` on it once ready. */
async function visitEvery(page, check) {
  for (const entry of pages) {
    if (entry.signedIn) await signIn(page, token, { start: suite.server.url });
    const path = typeof entry.path === "function" ? entry.path() : entry.path;
    await page.goto(`${suite.server.url}${path}`);
    await entry.ready(page);
    await check(entry);
    if (entry.signedIn) await page.click("text=Sign out");
  }
}

/** Fails when `page` is wider than `width`, naming what sticks out. */
async function assertFits(page, width, where) {
  const wider = await page.evaluate((width) => {
    const describe = (el) => `${el.tagName.toLowerCase()}.${el.className}: ${Math.round(el.getBoundingClientRect().right)} px`;
    const past = [...document.querySelectorAll("body *")].filter((el) => el.getBoundingClientRect().right > width + 0.5);
    return { scrollWidth: document.documentElement.scrollWidth, past: past.slice(0, 5).map(describe) };
  }, width);
  assert.ok(wider.scrollWidth <= width, `${where}: ${wider.scrollWidth} px wide, past the edge: ${wider.past.join("; ")}`);
}

test("keyboard only: find an image, open it, buy it and rate it", async () => {
  const buyer = suite.server.addUser(100);
  const t = await suite.open();
  await signIn(t.page, buyer, { start: suite.server.url });
  await t.page.goto(suite.server.url);
  await catalogSettled(t.page);
  const chosen = paid.find((i) => i.variant === "hardened") ?? paid[0];
  // Its newest build: the first card of a search for its name.
  const newest = `/images/public?search=${chosen.image_name}&sort_by=added_date&sort_order=desc&limit=1`;
  const [target] = (await suite.server.api(newest)).json.data.images;
  const { page } = t;
  // "/" jumps to search; type the image name.
  await page.keyboard.press("/");
  await page.keyboard.type(target.image_name);
  await page.waitForURL(/search=/);
  await catalogSettled(page);
  // Tab from the search box until the first card's link has focus.
  let focusedHref = "";
  for (let i = 0; i < 40 && !focusedHref.includes("/images/"); i += 1) {
    await page.keyboard.press("Tab");
    focusedHref = await page.evaluate(() => document.activeElement?.getAttribute("href") ?? "");
  }
  assert.equal(focusedHref, `/images/${target.id}`);
  await page.keyboard.press("Enter");
  await page.waitForSelector("text=Serial");
  // Tab to "Buy for …" and press Enter.
  let label = "";
  for (let i = 0; i < 30 && !label.startsWith("Buy for"); i += 1) {
    await page.keyboard.press("Tab");
    label = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");
  }
  assert.ok(label.startsWith("Buy for"), label);
  await page.keyboard.press("Enter");
  await page.waitForSelector("dialog[open]");
  assert.equal(await page.evaluate(() => document.querySelector("dialog").matches(":modal")), true, "the dialog is modal");
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Cancel");
  // A modal dialog: the page behind is inert, so Tab reaches only the
  // dialog's buttons (and, past them, the browser's own controls).
  const focusedOutsideDialog = () =>
    page.evaluate(() => {
      const focused = document.activeElement;
      return focused && focused !== document.body && !focused.closest("dialog") ? focused.outerHTML.slice(0, 80) : null;
    });
  for (let i = 0; i < 6; i += 1) {
    await page.keyboard.press("Tab");
    assert.equal(await focusedOutsideDialog(), null, `Tab ${i + 1} left the dialog`);
  }
  let confirm = "";
  for (let i = 0; i < 4 && !/Confirm and pay/.test(confirm); i += 1) {
    await page.keyboard.press("Shift+Tab");
    confirm = await page.evaluate(() => (document.activeElement?.closest("dialog button") ? document.activeElement.textContent : ""));
  }
  assert.match(confirm, /Confirm and pay/);
  await page.keyboard.press("Enter");
  await page.waitForSelector("[aria-label='Notifications'] >> text=Bought");
  // Rate with the keyboard: Tab into the stars, End for 5, arrows back to 4.
  let inGroup = false;
  for (let i = 0; i < 30 && !inGroup; i += 1) {
    await page.keyboard.press("Tab");
    inGroup = await page.evaluate(() => document.activeElement?.closest("[role='radiogroup']") !== null);
  }
  assert.ok(inGroup, "reached the star input");
  // Arrows move the choice; Enter saves it, once.
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("Enter");
  await page.waitForSelector("text=Saved: 4 stars");
  const mine = (await suite.server.api("/images/user", { token: buyer })).json.data.images;
  assert.equal(mine[0].id, target.id);
  assert.equal(mine[0].user_rating, 4);
});

// What a buyer notices on a second look: the balance before paying, their
// own ratings kept, price boxes that apply as you type, sign-in help, focus
// that lands where typing goes, and names read as the OS names them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useSuite, signIn, catalogSettled, everyPublicImage, openFromCatalog as findOnCatalog, DESKTOP, PHONE } from "./harness.mjs";

let everyImage = [];

const suite = useSuite({}, async () => {
  everyImage = await everyPublicImage(suite.server);
});

const money = (n) => `$${n.toFixed(2)}`;

/** From the catalog: searches for the image's name and clicks its card. */
const openFromCatalog = (page, image) => findOnCatalog(page, image, { start: suite.server.url });

async function signOut(page) {
  await page.click("header button:has-text('Sign out')");
  await page.locator("header a:has-text('Sign in')").waitFor();
}

test("the balance the API last reported is kept for the account, with when, in the header, the dialog and My images", async () => {
  const token = suite.server.addUser(100);
  const [first, second] = everyImage.filter((i) => i.price > 0 && i.price < 40);
  const t = await suite.open();
  await signIn(t.page, token, { start: suite.server.url });
  await openFromCatalog(t.page, first);
  await t.page.click("button:has-text('Buy for')");
  // Before any purchase, the app knows no balance and shows none.
  assert.doesNotMatch(await t.page.textContent("dialog[open]"), /reported/);
  await t.page.click("dialog[open] button:has-text('Confirm')");
  const remaining = 100 - first.price;
  await t.page.waitForSelector(`[aria-label='Notifications'] >> text=Bought`);
  assert.match(await t.page.textContent("header [title^='Balance reported']"), new RegExp(`\\${money(remaining)}`));
  // With the balance in it, the header keeps every control on screen at any width.
  for (let width = 320; width <= 900; width += 10) {
    await t.page.setViewportSize({ width, height: DESKTOP.height });
    const right = await t.page.$$eval("header a, header button", (els) => Math.max(...els.map((el) => el.getBoundingClientRect().right)));
    assert.ok(right <= width, `at ${width} px the header reaches ${right} px`);
  }
  await t.page.setViewportSize(DESKTOP);
  // A phone's header has no room for it: My images, the account's page, shows it.
  await t.page.setViewportSize(PHONE);
  await t.page.click("nav[aria-label='Main'] a:has-text('My images')");
  await t.page.locator("main p", { hasText: `Balance: ${money(remaining)}, reported` }).waitFor();
  await t.page.setViewportSize(DESKTOP);
  // Signed out and in again, and reloaded: the balance is still known.
  await signOut(t.page);
  assert.doesNotMatch(await t.page.textContent("header"), /\$/);
  await signIn(t.page, token);
  await t.page.reload();
  const pill = t.page.locator("header [title^='Balance reported']");
  await pill.waitFor();
  assert.match(await pill.textContent(), new RegExp(`\\${money(remaining)}`));
  await openFromCatalog(t.page, second);
  await t.page.click("button:has-text('Buy for')");
  const dialog = await t.page.textContent("dialog[open]");
  assert.match(dialog, /Balancereported \d+ \w+ \d{4}, \d\d:\d\d/);
  assert.match(dialog, new RegExp(`Balance after\\${money(remaining - second.price)}`));
  // Another account on the same device does not see it.
  await t.page.click("dialog[open] button:has-text('Cancel')");
  await signOut(t.page);
  await signIn(t.page, suite.server.addUser(5));
  assert.doesNotMatch(await t.page.textContent("header"), /\$/);
});

test("a rating of an image not owned is still the user's after a reload and the next sign-in", async () => {
  const token = suite.server.addUser(0);
  const image = everyImage.find((i) => i.price > 0);
  const t = await suite.open();
  await signIn(t.page, token, { start: suite.server.url });
  await openFromCatalog(t.page, image);
  // Not owned: the app cannot know the user's rating, and does not claim one.
  await t.page.waitForSelector("text=Choose a rating");
  assert.equal(await t.page.locator("text=Not rated yet").count(), 0);
  await t.page.locator("[role='radiogroup'] input[value='4']").click({ force: true });
  await t.page.waitForSelector("text=Saved: 4 stars");
  await t.page.reload();
  await t.page.waitForSelector("text=Your rating: 4 stars");
  assert.equal(await t.page.isChecked("[role='radiogroup'] input[value='4']"), true);
  await signOut(t.page);
  await signIn(t.page, token);
  await t.page.waitForSelector("text=Your rating: 4 stars");
});

test("price boxes apply as you type, one history entry per burst of typing, and the note speaks of what is in them", async () => {
  const t = await suite.open();
  await t.page.goto(suite.server.url);
  await catalogSettled(t.page);
  const min = t.page.locator("input[aria-label='Minimum price in dollars']");
  const max = t.page.locator("input[aria-label='Maximum price in dollars']");
  await min.click();
  await t.page.keyboard.type("20");
  // No blur, no Enter: the catalog follows after a pause in typing.
  await t.page.waitForURL(/min_price=20/);
  await catalogSettled(t.page);
  assert.equal(await t.page.evaluate(() => document.activeElement?.getAttribute("aria-label")), "Minimum price in dollars");
  await max.click();
  await t.page.keyboard.type("5");
  // The note is about the boxes as typed, at once.
  await t.page.waitForSelector("#price-note >> text=prices from $5.00 to $20.00 are shown");
  await t.page.waitForURL(/max_price=5/);
  await catalogSettled(t.page);
  await t.page.keyboard.press("Backspace");
  await t.page.keyboard.type("50");
  await t.page.waitForFunction(() => document.querySelector("#price-note")?.textContent === "");
  await t.page.waitForURL(/max_price=50/);
  await catalogSettled(t.page);
  // A box's burst of typing is one step back, as the search box's is: Back
  // goes to the range before the maximum was typed, and shows it in the boxes.
  await t.page.goBack();
  await t.page.waitForURL((url) => url.search === "?min_price=20");
  await t.page.waitForFunction(() => document.querySelector("input[aria-label='Maximum price in dollars']").value === "");
  assert.equal(await min.inputValue(), "20");
  // Back ended that burst: typing again is a step of its own.
  await catalogSettled(t.page);
  await max.click();
  await t.page.keyboard.type("7");
  await t.page.waitForURL(/max_price=7/);
  await catalogSettled(t.page);
  await t.page.goBack();
  await t.page.waitForURL((url) => url.search === "?min_price=20");
  await t.page.goBack();
  await t.page.waitForURL((url) => url.search === "");
  await t.page.waitForFunction(() => document.querySelector("input[aria-label='Minimum price in dollars']").value === "");
});

test("the sign-in page starts in the token field, says where a buyer gets a token, and gives the demo hint only on the demo server", async () => {
  const t = await suite.open();
  await t.page.goto(suite.server.url);
  await catalogSettled(t.page);
  await t.page.click("header a:has-text('Sign in')");
  await t.page.waitForURL(/\/sign-in/);
  await t.page.waitForFunction(() => document.activeElement?.id === "sign-in-token");
  // Typing at once loses nothing.
  await t.page.keyboard.type("abcdefghijklmnopqrstuvwxyz");
  assert.equal(await t.page.inputValue("#sign-in-token"), "abcdefghijklmnopqrstuvwxyz");
  const help = await t.page.textContent("main");
  assert.match(help, /Your API token comes with your Container Images account/);
  assert.match(help, /This is the demo server: it printed a demo token when it started\./);

  // A deployment's config.json: its own help link, no demo hint.
  const deployed = await suite.open();
  await deployed.page.route(/\/config\.json$/, (route) =>
    route.fulfill({
      contentType: "application/json",
      body: JSON.stringify({ api_base_url: "/api/v1", sign_in_help_url: "https://market.example.com/account/tokens" }),
    }),
  );
  await deployed.page.goto(`${suite.server.url}/sign-in`);
  const link = deployed.page.locator("main a:has-text('Get your API token')");
  await link.waitFor();
  assert.equal(await link.getAttribute("href"), "https://market.example.com/account/tokens");
  assert.doesNotMatch(await deployed.page.textContent("main"), /demo server/);
});

test("after signing in, focus is back on the page without a ring the person did not tab to", async () => {
  const t = await suite.open();
  await t.page.goto(suite.server.url);
  await catalogSettled(t.page);
  // By keyboard, as Enter in the token field: the case where browsers show
  // a ring on whatever gets focus next.
  await t.page.click("header a:has-text('Sign in')");
  await t.page.waitForURL(/\/sign-in/);
  await t.page.fill("#sign-in-token", suite.server.addUser(10));
  await t.page.press("#sign-in-token", "Enter");
  await t.page.waitForFunction(() => !/\/sign-in$/.test(location.pathname));
  await t.page.waitForFunction(() => document.activeElement?.tagName === "H1");
  const outline = await t.page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(outline, "none");
});

test("OS names and releases read as the OS names them, and the phone's header links do not touch", async () => {
  const t = await suite.open({ viewport: PHONE, isMobile: true });
  await t.page.goto(`${suite.server.url}/?os=centos`);
  await catalogSettled(t.page);
  const cards = t.page.locator("main article");
  assert.ok((await cards.count()) > 0);
  for (const card of await cards.all()) {
    // The description names it; the badges say OS and release apart.
    const text = await card.textContent();
    assert.match(text, /CentOS Stream (9|10)(?!\d| Stream)/, text);
    assert.doesNotMatch(text, /Stream \d+ Stream/, text);
    const badges = (await card.locator("ul li").allTextContents()).join(" | ");
    assert.match(badges, /^CentOS \| (9|10) Stream \|/, badges);
  }
  // Every OS name in the demo data (a description's first sentence) says each word once.
  for (const image of everyImage) {
    const words = image.description.split(". ")[0].toLowerCase().split(/\s+/);
    assert.equal(new Set(words).size, words.length, image.description);
  }
  const [catalogLink, mine] = await Promise.all(
    ["Catalog", "My images"].map((name) => t.page.locator(`header nav a:has-text('${name}')`).boundingBox()),
  );
  assert.ok(mine.x - (catalogLink.x + catalogLink.width) >= 3, `the links are ${mine.x - (catalogLink.x + catalogLink.width)} px apart`);
});

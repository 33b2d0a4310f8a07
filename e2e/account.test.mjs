// Account journeys: sign-in, buying with the confirmation dialog, importing,
// My images, rating, and the failures around them (bad token, insufficient
// balance, a 401 mid-session, a lost answer, double clicks).
import { test } from "node:test";
import assert from "node:assert/strict";
import { useSuite, buildName, signIn } from "./harness.mjs";

const suite = useSuite({ faultControl: true });

/** Paid images, cheapest first, and free ones. */
async function catalog() {
  const paid = (await suite.server.api("/images/public?min_price=0.01&sort_by=price&sort_order=asc&limit=100")).json.data.images;
  const free = (await suite.server.api("/images/public?max_price=0&limit=100")).json.data.images;
  return { paid, free };
}

const money = (n) => `$${n.toFixed(2)}`;
/** How the app names an image on its own: alias and architecture. */
const label = (image) => `${image.alias} · ${image.architecture}`;
const pattern = (text) => text.replace(/[/.()?*+$^[\]{}|\\]/g, "\\$&");
const allow401 = (t) => t.allow((p) => (p.kind === "response" && p.status === 401) || (p.kind === "console" && /401/.test(p.text)));

test("a wrong token is refused with a clear message; the right one signs in and returns", async () => {
  const token = suite.server.addUser(20);
  const t = await suite.open();
  allow401(t);
  await t.page.goto(`${suite.server.url}/my-images?sort_order=asc`);
  await t.page.click("main a:has-text('Sign in')");
  await t.page.waitForURL(/\/sign-in\?next=/);
  await t.page.fill("#sign-in-token", "not-a-real-token");
  await t.page.click("button[type=submit]");
  await t.page.waitForSelector("text=That token was not accepted");
  assert.equal(await t.page.getAttribute("#sign-in-token", "aria-invalid"), "true");
  await t.page.fill("#sign-in-token", token);
  await t.page.click("button[type=submit]");
  await t.page.waitForURL(`${suite.server.url}/my-images?sort_order=asc`);
  await t.page.waitForSelector("text=No images yet");
  assert.equal(await t.page.locator("main select").isVisible(), false, "nothing to sort in an empty library");
  // The token is in sessionStorage (no "Remember me"), never in the URL.
  assert.equal(await t.page.evaluate(() => sessionStorage.getItem("dockyard.token")), token);
  assert.equal(await t.page.evaluate(() => localStorage.getItem("dockyard.token")), null);
  assert.ok(!t.requests.some((r) => r.url.includes(token)));
  // Sign out forgets it.
  await t.page.click("text=Sign out");
  await t.page.waitForSelector("text=Sign in to see the images you imported or bought.");
  assert.equal(await t.page.evaluate(() => sessionStorage.getItem("dockyard.token")), null);
});

test("buy a paid image, see the balance, find it in My images, rate it and see the average change", async () => {
  const token = suite.server.addUser(50);
  const { paid } = await catalog();
  const image = paid.find((i) => i.rating_count > 0 && i.rating_count < 30) ?? paid[0];
  const t = await suite.open();
  await signIn(t.page, token, { start: suite.server.url });
  await t.page.goto(`${suite.server.url}/images/${image.id}`);
  await t.page.waitForSelector("text=Serial");
  await t.page.click(`button:has-text('Buy for ${money(image.price)}')`);
  const dialog = t.page.locator("dialog[open]");
  await dialog.waitFor();
  assert.match(await dialog.textContent(), new RegExp(`Buy ${pattern(label(image))}\\?`));
  await dialog.locator(`button:has-text('Confirm and pay ${money(image.price)}')`).click();
  const remaining = 50 - image.price;
  await t.page.waitForSelector(`[aria-label='Notifications'] >> text=for ${money(image.price)}.`);
  assert.equal(await t.page.isVisible("dialog[open]"), false);
  assert.match(await t.page.textContent("header"), new RegExp(`\\${money(remaining)}`));
  await t.page.waitForSelector("a:has-text('In My images')");

  // The next confirmation knows the balance.
  const second = paid.find((i) => i.id !== image.id && i.price <= remaining);
  await t.page.goto(`${suite.server.url}/images/${second.id}`);
  await t.page.click(`button:has-text('Buy for')`);
  const text = await t.page.locator("dialog[open]").textContent();
  assert.match(text, new RegExp(`Balancereported [^$]+\\${money(remaining)}`));
  assert.match(text, new RegExp(`Balance after\\${money(remaining - second.price)}`));
  await t.page.click("dialog button:has-text('Cancel')");

  await t.page.click("nav[aria-label='Main'] >> text=My images");
  await t.page.waitForSelector(`li:has-text('${image.alias}')`);
  const row = t.page.locator(`li:has-text('${image.alias}')`);
  assert.match(await row.textContent(), new RegExp(`\\${money(image.price)}`));

  // Rate it 4.5 from My images; the detail page shows the new average and count.
  await row.locator("input[value='4.5']").click({ force: true });
  await t.page.waitForSelector("text=Saved: 4.5 stars");
  const after = (await suite.server.api(`/images/public/${image.id}`)).json.data;
  assert.equal(after.rating_count, image.rating_count + 1);
  await t.page.goto(`${suite.server.url}/images/${image.id}`);
  await t.page.waitForSelector("text=Serial");
  const summary = `${after.average_rating.toFixed(1)} (${after.rating_count})`;
  assert.match(await t.page.textContent("#image-title ~ div"), new RegExp(summary.replace(/[()]/g, "\\$&")));
  // The user's own rating is shown in the input.
  assert.equal(await t.page.isChecked("input[value='4.5']"), true);
});

test("rate on the detail page: the shown average and count follow the response", async () => {
  const token = suite.server.addUser(0);
  const { free } = await catalog();
  const image = free.find((i) => i.rating_count > 0 && i.rating_count < 15) ?? free[0];
  const t = await suite.open();
  await signIn(t.page, token, { start: suite.server.url });
  await t.page.goto(`${suite.server.url}/images/${image.id}`);
  await t.page.waitForSelector("text=Serial");
  await t.page.click("input[value='1']", { force: true });
  await t.page.waitForSelector("text=Saved: 1 star");
  const after = (await suite.server.api(`/images/public/${image.id}`)).json.data;
  assert.equal(after.rating_count, image.rating_count + 1);
  const label = await t.page.getAttribute("#image-title ~ div [role='img']", "aria-label");
  assert.equal(label, `Rated ${after.average_rating.toFixed(1)} out of 5 by ${after.rating_count} people`);
});

test("import a free image with one request however many clicks", async () => {
  const token = suite.server.addUser(0);
  const { free } = await catalog();
  const image = free[3];
  const t = await suite.open();
  await signIn(t.page, token, { start: suite.server.url });
  await t.page.goto(`${suite.server.url}/images/${image.id}`);
  await t.page.waitForSelector("text=Serial");
  const button = t.page.locator("button:has-text('Import')");
  await button.evaluate((b) => { for (let i = 0; i < 5; i += 1) b.click(); });
  await t.page.waitForSelector(`text=Imported ${await buildName(suite.server, image)}.`);
  await t.page.waitForSelector("a:has-text('In My images')");
  assert.equal(t.apiRequests("/images/import/").length, 1);
  const mine = (await suite.server.api("/images/user", { token })).json.data;
  assert.deepEqual(mine.images.map((i) => i.id), [image.id]);
});

test("a burst of clicks on Confirm buys once", async () => {
  const token = suite.server.addUser(100);
  const { paid } = await catalog();
  const image = paid[2];
  const t = await suite.open();
  await signIn(t.page, token, { start: suite.server.url });
  await t.page.goto(`${suite.server.url}/images/${image.id}`);
  await t.page.click("button:has-text('Buy for')");
  await t.page.locator("dialog[open] button:has-text('Confirm')").evaluate((b) => {
    for (let i = 0; i < 20; i += 1) b.click();
  });
  await t.page.waitForSelector("[aria-label='Notifications'] >> text=Bought");
  assert.equal(t.apiRequests("/images/purchase/").length, 1);
  const mine = (await suite.server.api("/images/user", { token })).json.data;
  assert.equal(mine.pagination.total, 1);
});

test("insufficient balance is said inside the dialog and the balance shown does not change", async () => {
  const { paid } = await catalog();
  const cheap = paid[0];
  const dear = paid[paid.length - 1];
  const token = suite.server.addUser(cheap.price + 1);
  const t = await suite.open();
  t.allow((p) => (p.kind === "response" && p.status === 400) || (p.kind === "console" && /400/.test(p.text)));
  await signIn(t.page, token, { start: suite.server.url });
  await t.page.goto(`${suite.server.url}/images/${cheap.id}`);
  await t.page.click("button:has-text('Buy for')");
  await t.page.click("dialog[open] button:has-text('Confirm')");
  await t.page.waitForSelector("[aria-label='Notifications'] >> text=Bought");
  const header = await t.page.textContent("header");
  await t.page.goto(`${suite.server.url}/images/${dear.id}`);
  await t.page.click("button:has-text('Buy for')");
  assert.match(await t.page.textContent("dialog[open]"), /not enough/);
  await t.page.click("dialog[open] button:has-text('Confirm')");
  // The API's one refusal covers two cases: the app finds out which, and says it.
  await t.page.waitForSelector(`dialog[open] [role='alert'] >> text=Your balance is too low for ${money(dear.price)}.`);
  assert.equal(await t.page.textContent("header"), header, "the balance shown is unchanged");
  await t.page.keyboard.press("Escape");
  await t.page.waitForSelector("dialog[open]", { state: "detached" });
  // Focus goes back to the button that opened the confirmation.
  await t.page.waitForFunction(() => document.activeElement?.textContent.startsWith("Buy for"));
  assert.equal((await suite.server.api("/images/user", { token })).json.data.pagination.total, 1);
});

test("a lost answer to a purchase is checked before anything is offered again", async () => {
  const token = suite.server.addUser(100);
  const { paid } = await catalog();
  const t = await suite.open();
  t.allow((p) => p.kind === "requestfailed" && p.url.includes("/images/purchase/"));
  t.allow((p) => p.kind === "console" && /Failed to load resource/.test(p.text));
  await signIn(t.page, token, { start: suite.server.url });

  // The purchase reaches the server, but the answer never reaches the app.
  await t.page.route("**/api/v1/images/purchase/*", async (route) => {
    await route.fetch();
    await route.abort("connectionreset");
  });
  await t.page.goto(`${suite.server.url}/images/${paid[1].id}`);
  await t.page.click("button:has-text('Buy for')");
  await t.page.click("dialog[open] button:has-text('Confirm')");
  await t.page.waitForSelector(`text=Purchase confirmed: ${await buildName(suite.server, paid[1])}.`);
  await t.page.waitForSelector("a:has-text('In My images')");
  assert.equal(t.apiRequests("/images/purchase/").length, 1, "no second purchase");

  // The request never reaches the server: nothing was charged, and trying again is offered.
  await t.page.unroute("**/api/v1/images/purchase/*");
  await t.page.route("**/api/v1/images/purchase/*", (route) => route.abort("connectionreset"));
  await t.page.goto(`${suite.server.url}/images/${paid[2].id}`);
  await t.page.click("button:has-text('Buy for')");
  await t.page.click("dialog[open] button:has-text('Confirm')");
  await t.page.waitForSelector("text=The purchase did not go through and you were not charged");
  await t.page.unroute("**/api/v1/images/purchase/*");
  await t.page.click("dialog[open] button:has-text('Confirm')");
  await t.page.waitForSelector("[aria-label='Notifications'] >> text=Bought");
  assert.equal((await suite.server.api("/images/user", { token })).json.data.pagination.total, 2);
});

test("a rating that fails is put back and the message is shown", async () => {
  const token = suite.server.addUser(0);
  const { free } = await catalog();
  const t = await suite.open();
  t.allow((p) => (p.kind === "response" && p.status === 500) || (p.kind === "console" && /500/.test(p.text)));
  await signIn(t.page, token, { start: suite.server.url });
  await t.page.goto(`${suite.server.url}/images/${free[5].id}`);
  await t.page.waitForSelector("text=Serial");
  await t.page.click("input[value='3']", { force: true });
  await t.page.waitForSelector("text=Saved: 3 stars");
  await suite.server.setFaults({ error_rate: 1 });
  try {
    await t.page.click("input[value='5']", { force: true });
    await t.page.waitForSelector("[role='alert'] >> text=Rating not saved: Failed to rate image");
  } finally {
    await suite.server.setFaults({});
  }
  assert.equal(await t.page.isChecked("input[value='3']"), true, "back to the saved rating");
});

test("My images pages and sorts through the URL", async () => {
  const token = suite.server.addUser(0);
  const { free } = await catalog();
  const owned = free.slice(0, 23);
  for (const image of owned) {
    assert.equal((await suite.server.api(`/images/import/${image.id}`, { token, method: "POST" })).status, 200);
  }
  const t = await suite.open();
  await signIn(t.page, token, { start: suite.server.url });
  await t.page.goto(`${suite.server.url}/my-images`);
  await t.page.waitForSelector("text=Showing 1–20 of 23 images");
  const firstNewest = await t.page.textContent("main li h2");
  assert.equal(firstNewest, label(owned[22]));
  await t.page.selectOption("select:near(:text('Sort'))", "asc");
  await t.page.waitForURL(/sort_order=asc/);
  await t.page.waitForFunction((name) => document.querySelector("main li h2")?.textContent === name, label(owned[0]));
  await t.page.click("nav[aria-label='My images pages'] >> text=2");
  await t.page.waitForURL(/\/my-images\?sort_order=asc&page=2$/);
  await t.page.waitForSelector("text=Showing 21–23 of 23 images");
  await t.page.reload();
  await t.page.waitForSelector("text=Showing 21–23 of 23 images");
});

test("a 401 in the middle of a session signs out and brings the user to sign in, with a way back", async () => {
  const token = suite.server.addUser(10);
  const t = await suite.open();
  allow401(t);
  await signIn(t.page, token, { start: suite.server.url });
  await t.page.goto(`${suite.server.url}/my-images`);
  await t.page.waitForSelector("text=No images yet");
  // The server forgets every account (a revoked token).
  await suite.server.restartWithFreshDatabase();
  await t.page.click("text=Catalog");
  await t.page.waitForSelector("article");
  await t.page.click("nav[aria-label='Main'] >> text=My images");
  await t.page.waitForURL(/\/sign-in\?next=%2Fmy-images/);
  await t.page.waitForSelector("text=Your session has ended");
  assert.equal(await t.page.evaluate(() => sessionStorage.getItem("dockyard.token")), null);
  // Signed out; the sign-in page is the form itself, so the header offers neither.
  assert.doesNotMatch(await t.page.textContent("header"), /Sign (in|out)/);
});

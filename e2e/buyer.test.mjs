// What a buyer notices, walked as a person does: from the catalog, clicking.
// Ownership known before Buy, the architecture wherever an image is named,
// actions that survive sign-in, a rating saved once per decision, the way
// back, focus that follows the page, waiting that says what it waits for,
// copy and share, empty searches, the phone, and one not-found design.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useSuite, buildName, signIn, chooseAndWait, catalogSettled, resultsLine, PHONE } from "./harness.mjs";
import { everyPublicImage, openFromCatalog as findOnCatalog } from "./harness.mjs";

let everyImage = [];

const suite = useSuite({}, async () => {
  everyImage = await everyPublicImage(suite.server);
});

const label = (image) => `${image.alias} · ${image.architecture}`;
const money = (n) => `$${n.toFixed(2)}`;
const paidImages = () => everyImage.filter((i) => i.price > 0).sort((a, b) => a.price - b.price);
const freeImages = () => everyImage.filter((i) => i.price === 0);
/** An alias published for several architectures, with its images. */
function aliasInSeveralArchitectures(wantPaid) {
  const byAlias = new Map();
  for (const image of everyImage) byAlias.set(image.alias, [...(byAlias.get(image.alias) ?? []), image]);
  return [...byAlias.values()].find((images) => images.length > 1 && images.every((i) => (i.price > 0) === wantPaid));
}

/** From the catalog, searches for the image's name and clicks its card. */
const openFromCatalog = (page, image) => findOnCatalog(page, image, { start: suite.server.url });

/** On the catalog already: searches for the image's name and clicks its card. */
const openFromThisCatalog = (page, image) => findOnCatalog(page, image);

const activeElement = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el?.tagName, id: el?.id, text: el?.textContent?.trim(), label: el?.getAttribute("aria-label") };
  });

test("1. Buy waits until ownership is known; a refusal says which case it was", async () => {
  const token = suite.server.addUser(100);
  const [owned] = paidImages();
  assert.equal((await suite.server.api(`/images/purchase/${owned.id}`, { token, method: "POST" })).status, 200);
  const t = await suite.open();
  await t.page.goto(suite.server.url);
  await catalogSettled(t.page);
  await signIn(t.page, token);
  // Reading My images is slow: until it answers, the action waits, disabled.
  let releaseLibrary;
  const held = new Promise((resolve) => (releaseLibrary = resolve));
  await t.page.route(/\/api\/v1\/images\/user/, async (route) => {
    await held;
    await route.continue();
  });
  await openFromCatalog(t.page, owned);
  const checking = t.page.locator("button:has-text('Checking your images…')");
  await checking.waitFor();
  assert.equal(await checking.isDisabled(), true);
  assert.equal(await t.page.locator("button:has-text('Buy for')").count(), 0, "no Buy button while unknown");
  releaseLibrary();
  await t.page.waitForSelector("main a:has-text('In My images')");
  assert.equal(await t.page.locator("button:has-text('Buy for')").count(), 0);
  await t.page.unroute(/\/api\/v1\/images\/user/);

  // If My images cannot be read, Buy is offered; the API's refusal covers
  // two cases, and the app finds out which.
  const t2 = await suite.open();
  await t2.page.goto(suite.server.url);
  await catalogSettled(t2.page);
  await signIn(t2.page, token);
  let failedOnce = false;
  await t2.page.route(/\/api\/v1\/images\/user/, async (route) => {
    if (failedOnce) return route.continue();
    failedOnce = true;
    await route.fulfill({
      status: 500,
      contentType: "application/json",
      body: JSON.stringify({ statusCode: 500, error: "Internal Server Error", message: "Failed to retrieve user images" }),
    });
  });
  t2.allow((p) => (p.kind === "response" && p.status >= 400) || (p.kind === "console" && /(500|402|400)/.test(p.text)));
  await openFromCatalog(t2.page, owned);
  await t2.page.click(`button:has-text('Buy for ${money(owned.price)}')`);
  await t2.page.click("dialog[open] button:has-text('Confirm')");
  const refusal = t2.page.locator("dialog[open] [role='alert']");
  await refusal.locator("text=You already own this image.").waitFor();
  assert.equal(await refusal.locator("a[href='/my-images']").count(), 1, "a link to My images");
  assert.equal((await suite.server.api("/images/user", { token })).json.data.pagination.total, 1, "nothing bought twice");
});

test("2. the architecture is in the dialog, the toast, the title, the breadcrumb and My images", async () => {
  const token = suite.server.addUser(1000);
  const images = aliasInSeveralArchitectures(true);
  assert.ok(images, "the demo catalog has a paid alias in several architectures");
  const image = images[0];
  const t = await suite.open();
  await t.page.goto(suite.server.url);
  await catalogSettled(t.page);
  await signIn(t.page, token);
  await openFromCatalog(t.page, image);
  await t.page.waitForFunction((name) => document.title.startsWith(name), label(image));
  assert.equal((await t.page.textContent("nav[aria-label='Breadcrumb'] [aria-current='page']")).trim(), label(image));
  // The confirmation is built when first asked for, not with the page.
  assert.equal(await t.page.locator("dialog").count(), 0);
  await t.page.click("button:has-text('Buy for')");
  const dialog = t.page.locator("dialog[open]");
  assert.match(await dialog.textContent(), new RegExp(label(image).replace(/[/.]/g, "\\$&")));
  await t.page.click("dialog[open] button:has-text('Confirm')");
  await t.page.waitForSelector(`[aria-label='Notifications'] >> text=Bought ${await buildName(suite.server, image)} for ${money(image.price)}`);
  await t.page.click("header >> text=My images");
  await t.page.waitForSelector(`main li h2:has-text('${label(image)}')`);
  // Importing names the architecture in its toast.
  const free = freeImages().find((i) => i.image_name.length > 0);
  await openFromCatalog(t.page, free);
  await t.page.click("main button:has-text('Import')");
  await t.page.waitForSelector(`[aria-label='Notifications'] >> text=Imported ${await buildName(suite.server, free)}.`);
});

test("2. long names wrap at / and - on a phone and are never cut", async () => {
  const longest = [...everyImage].sort((a, b) => b.image_name.length - a.image_name.length)[0];
  const t = await suite.open({ viewport: PHONE, isMobile: true });
  await t.page.goto(suite.server.url);
  await catalogSettled(t.page);
  // On the cards, names and image names are whole: wrapped, never cut short.
  const cutOnCards = await t.page.$$eval("main article h2, main article header p", (names) =>
    names
      .filter((el) => el.scrollWidth > el.clientWidth + 1 || [el, ...el.querySelectorAll("*")].some((e) => getComputedStyle(e).textOverflow === "ellipsis"))
      .map((el) => el.textContent),
  );
  assert.deepEqual(cutOnCards, [], "no card name is cut");
  await openFromThisCatalog(t.page, longest);
  const cut = await t.page.evaluate(() =>
    [...document.querySelectorAll("h1, main p, main h2")]
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map((el) => el.textContent),
  );
  assert.deepEqual(cut, [], "no name overflows or is clipped");
  assert.ok((await t.page.evaluate(() => document.documentElement.scrollWidth)) <= PHONE.width, "no sideways scroll");
  assert.equal((await t.page.textContent("h1")).replace(/\s/g, ""), longest.alias);
});

test("3. Import, Rate and Buy made while signed out are carried out after sign-in", async () => {
  const token = suite.server.addUser(100);
  const [free, toRate] = freeImages();
  const paid = paidImages()[0];
  const t = await suite.open();
  // Import.
  await openFromCatalog(t.page, free);
  await t.page.click("main button:has-text('Import')");
  await t.page.waitForURL(/\/sign-in\?next=/);
  assert.equal((await t.page.textContent("h1")).trim(), `Sign in to import ${label(free)}`);
  await signIn(t.page, token, { from: "form" });
  assert.equal(new URL(t.page.url()).pathname, `/images/${free.id}`);
  await t.page.waitForSelector("main a:has-text('In My images')");
  assert.equal((await suite.server.api("/images/user", { token })).json.data.images.some((i) => i.id === free.id), true);
  await t.page.click("header >> text=Sign out");

  // Rate: the chosen rating is saved after sign-in (importing first, as the API requires owning it).
  assert.equal((await suite.server.api(`/images/import/${toRate.id}`, { token, method: "POST" })).status, 200);
  await openFromCatalog(t.page, toRate);
  await t.page.click("[role='radiogroup'] input[aria-label='4 stars']", { force: true });
  await t.page.waitForURL(/\/sign-in\?next=/);
  assert.equal((await t.page.textContent("h1")).trim(), `Sign in to rate ${label(toRate)}`);
  await signIn(t.page, token, { from: "form" });
  await waitForServer(async () => {
    const mine = (await suite.server.api("/images/user?limit=100", { token })).json.data.images.find((i) => i.id === toRate.id);
    return mine?.user_rating === 4;
  });
  await t.page.click("header >> text=Sign out");

  // Buy: the dialog opens again; nothing is paid without Confirm.
  await openFromCatalog(t.page, paid);
  await t.page.click("button:has-text('Buy for')");
  await t.page.waitForURL(/\/sign-in\?next=/);
  assert.equal((await t.page.textContent("h1")).trim(), `Sign in to buy ${label(paid)}`);
  await signIn(t.page, token, { from: "form" });
  await t.page.waitForSelector("dialog[open] button:has-text('Confirm')");
  assert.equal((await suite.server.api("/images/user?limit=100", { token })).json.data.images.some((i) => i.id === paid.id), false);
  await t.page.click("dialog[open] button:has-text('Confirm')");
  await t.page.waitForSelector("main a:has-text('In My images')");
  assert.equal((await suite.server.api("/images/user?limit=100", { token })).json.data.images.some((i) => i.id === paid.id), true);
});

async function waitForServer(check, timeout = 5000) {
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the server never saw the change");
}

test("4. the star input saves one decision, not every step; 0 reads as 0 stars; 24 px targets on a phone", async () => {
  const token = suite.server.addUser(0);
  const image = freeImages()[2];
  assert.equal((await suite.server.api(`/images/import/${image.id}`, { token, method: "POST" })).status, 200);
  const t = await suite.open();
  await t.page.goto(suite.server.url);
  await catalogSettled(t.page);
  await signIn(t.page, token);
  await openFromCatalog(t.page, image);
  const rateRequests = () => t.apiRequests(`/images/rate/${image.id}`).filter((r) => r.method === "POST").length;
  const group = t.page.locator("section[aria-labelledby='rate-title'] [role='radiogroup']");
  await group.locator("input[aria-label='0 stars']").focus();
  for (const key of ["ArrowRight", "ArrowRight", "ArrowLeft", "ArrowLeft", "ArrowRight"]) await t.page.keyboard.press(key);
  await t.page.waitForTimeout(300);
  assert.equal(rateRequests(), 0, "moving the choice saves nothing");
  await t.page.keyboard.press("Enter");
  await waitForServer(async () => rateRequests() === 1);
  // Moving away and back to the saved rating leaves nothing to save.
  await t.page.keyboard.press("ArrowRight");
  await t.page.keyboard.press("ArrowLeft");
  await t.page.keyboard.press("Tab");
  await t.page.keyboard.press("Shift+Tab");
  await t.page.waitForTimeout(300);
  assert.equal(rateRequests(), 1, "the saved rating is not sent again");
  await t.page.keyboard.press("End");
  await t.page.waitForTimeout(300);
  assert.equal(rateRequests(), 1);
  // Leaving the widget decides.
  await t.page.keyboard.press("Tab");
  await waitForServer(async () => rateRequests() === 2);
  await waitForServer(async () => {
    const mine = (await suite.server.api("/images/user?limit=100", { token })).json.data.images.find((i) => i.id === image.id);
    return mine?.user_rating === 5;
  });
  await t.page.waitForTimeout(300);
  assert.equal(rateRequests(), 2, "one request per decision");
  assert.equal(await group.locator("label").first().getAttribute("title"), "0 stars");

  const phone = await suite.open({ viewport: PHONE, isMobile: true });
  await phone.page.goto(suite.server.url);
  await catalogSettled(phone.page);
  await signIn(phone.page, token);
  await openFromCatalog(phone.page, image);
  const sizes = await phone.page.$$eval("section[aria-labelledby='rate-title'] [role='radiogroup'] input", (inputs) =>
    inputs.map((input) => {
      const box = input.getBoundingClientRect();
      return [input.getAttribute("aria-label"), Math.round(box.width), Math.round(box.height)];
    }),
  );
  assert.equal(sizes.length, 11);
  for (const [name, width, height] of sizes) assert.ok(width >= 24 && height >= 24, `${name} is ${width}×${height}`);
  // Zero and the five stars keep to one row.
  const tops = await phone.page.$$eval("section[aria-labelledby='rate-title'] [role='radiogroup'] input", (inputs) =>
    inputs.map((input) => Math.round(input.getBoundingClientRect().top)),
  );
  assert.equal(new Set(tops).size, 1, `rows at ${[...new Set(tops)]}`);
});

test("5, 6. the breadcrumb returns to the view and scroll the person came from; focus follows the page", async () => {
  const t = await suite.open();
  await t.page.goto(suite.server.url);
  await catalogSettled(t.page);
  await chooseAndWait(t.page, "#filter-os", "ubuntu", /os=ubuntu/);
  await chooseAndWait(t.page, "#catalog-sort", { label: "Price: low to high" }, /sort_by=price/);
  const catalogUrl = t.page.url();
  const card = t.page.locator("main article").nth(7);
  await card.scrollIntoViewIfNeeded();
  const scrolled = await t.page.evaluate(() => scrollY);
  assert.ok(scrolled > 100, "the page is scrolled");
  await card.locator("h2 a").click();
  await t.page.waitForURL(/\/images\//);
  // Focus is on the new page's heading.
  await t.page.waitForFunction(() => document.activeElement?.id === "image-title");
  await t.page.click("nav[aria-label='Breadcrumb'] >> text=Catalog");
  await t.page.waitForURL(catalogUrl);
  await catalogSettled(t.page);
  await t.page.waitForFunction((y) => Math.abs(scrollY - y) < 40, scrolled);
  assert.equal((await activeElement(t.page)).tag, "H1");

  // Removing a chip moves focus to the chip that takes its place.
  await t.page.fill("#catalog-search", "server");
  await t.page.waitForURL(/search=server/);
  await catalogSettled(t.page);
  await t.page.click("ul[aria-label='Active filters'] button[aria-label^='Remove filter Search']");
  await t.page.waitForFunction(() => !location.search.includes("search="));
  await t.page.waitForFunction(() => document.activeElement?.getAttribute("aria-label")?.startsWith("Remove filter OS"));
  await t.page.click("ul[aria-label='Active filters'] button[aria-label^='Remove filter OS']");
  await t.page.waitForFunction(() => !location.search.includes("os="));
  // No chip left: focus goes to the results.
  await t.page.waitForFunction(() => document.activeElement?.id === "results-title");
});

test("7. waiting says what it waits for: results updating, My images placeholders, details requested once", async () => {
  const token = suite.server.addUser(0);
  const image = freeImages()[3];
  assert.equal((await suite.server.api(`/images/import/${image.id}`, { token, method: "POST" })).status, 200);
  const t = await suite.open();
  await t.page.goto(suite.server.url);
  await catalogSettled(t.page);
  let hold = null;
  await t.page.route(/\/api\/v1\/images\/(public\?|user)/, async (route) => {
    if (hold) await hold;
    await route.continue();
  });
  let release;
  hold = new Promise((resolve) => (release = resolve));
  await t.page.selectOption("#filter-os", "debian");
  await t.page.waitForFunction(() => /Updating results…/.test(document.querySelector("p[role='status']")?.textContent ?? ""));
  assert.doesNotMatch(await resultsLine(t.page), /Showing/);
  release();
  hold = null;
  await catalogSettled(t.page);
  assert.match(await resultsLine(t.page), /^Showing 1–/);

  // My images: placeholder rows, and the wait said once.
  await signIn(t.page, token);
  hold = new Promise((resolve) => (release = resolve));
  await t.page.click("header >> text=My images");
  await t.page.waitForSelector("main li[class*='placeholder']");
  const loadingTexts = await t.page.locator("main >> text=Loading your images…").count();
  assert.equal(loadingTexts, 1, "the wait is said once, beside the placeholders");
  release();
  hold = null;
  await t.page.waitForSelector(`main li h2:has-text('${label(image)}')`);

  // The image's details: one request, however it was reached.
  await t.page.click(`main li a[href='/images/${image.id}']`);
  await t.page.waitForFunction(() => {
    const serial = [...document.querySelectorAll("dt")].find((dt) => dt.textContent === "Serial");
    return serial && /^\d+$/.test(serial.nextElementSibling.textContent.trim());
  });
  await t.page.waitForTimeout(300);
  assert.equal(t.apiRequests(`/images/public/${image.id}`).length, 1);
});

test("8. rating filters read right, and a minimum above the maximum is explained", async () => {
  const t = await suite.open();
  await t.page.goto(suite.server.url);
  await catalogSettled(t.page);
  const options = await t.page.$$eval("#filter-max-rating option", (o) => o.map((e) => e.textContent.trim()));
  assert.ok(options.includes("Up to 1 star"), options.join(", "));
  assert.ok(!options.some((o) => /1 stars/.test(o)), options.join(", "));
  await t.page.check("input[name='min-rating'] >> nth=1");
  await t.page.waitForURL(/min_rating=/);
  await catalogSettled(t.page);
  const min = Number(new URL(t.page.url()).searchParams.get("min_rating"));
  await chooseAndWait(t.page, "#filter-max-rating", { label: "Up to 1 star" }, /max_rating=1/);
  assert.ok(min > 1, "the minimum chosen is above 1");
  assert.equal(await t.page.getAttribute("#filter-max-rating", "aria-invalid"), "true");
  assert.match(await t.page.textContent("#rating-note"), /The minimum rating is above the maximum, so ratings from 1 to \d/);
});

test("9. copy the id and the name, and share the page's link", async () => {
  const image = everyImage[0];
  const t = await suite.open();
  await t.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: suite.server.url });
  await openFromCatalog(t.page, image);
  await t.page.click("button[aria-label='Copy the image ID']");
  await t.page.waitForSelector("button[aria-label='Copy the image ID'] >> text=Copied");
  assert.equal(await t.page.evaluate(() => navigator.clipboard.readText()), image.id);
  await t.page.click("button[aria-label='Copy the image name']");
  await t.page.waitForSelector("button[aria-label='Copy the image name'] >> text=Copied");
  assert.equal(await t.page.evaluate(() => navigator.clipboard.readText()), image.image_name);
  const share = t.page.locator("main button:has-text('Share')");
  if (!(await t.page.evaluate(() => "share" in navigator))) {
    // No share sheet here: the link is copied.
    await share.click();
    await t.page.waitForSelector("text=Link copied");
    assert.equal(await t.page.evaluate(() => navigator.clipboard.readText()), t.page.url());
    await share.waitFor();
  }
  // With a share sheet, the page is shared through it.
  await t.page.evaluate(() => {
    navigator.share = async (data) => {
      window.sharedData = data;
    };
  });
  await share.click();
  await t.page.waitForFunction(() => window.sharedData);
  assert.equal(await t.page.evaluate(() => window.sharedData.url), t.page.url());
  // A sheet that refuses (other than being dismissed) leaves the link copied instead.
  await t.page.evaluate(async () => {
    await navigator.clipboard.writeText("");
    navigator.share = async () => {
      throw new DOMException("no target", "NotAllowedError");
    };
  });
  await share.click();
  await t.page.waitForSelector("text=Link copied");
  assert.equal(await t.page.evaluate(() => navigator.clipboard.readText()), t.page.url());
});

test("10. an empty search names the search and offers each way out", async () => {
  const t = await suite.open();
  await t.page.goto(suite.server.url);
  await catalogSettled(t.page);
  await chooseAndWait(t.page, "#filter-os", "debian", /os=debian/);
  await t.page.fill("#catalog-search", "zzzz");
  await t.page.waitForURL(/search=zzzz/);
  await catalogSettled(t.page);
  assert.equal((await t.page.textContent("main section[data-state] h2:not(#results-title)")).trim(), "No images match ‘zzzz’");
  const ways = await t.page.$$eval("main section[data-state] div > h2 ~ ul button", (b) => b.map((e) => e.textContent.trim()));
  assert.deepEqual(ways, ["Clear the search", "Remove OS: Debian", "Clear all filters"]);
  await t.page.click("main section[data-state] div > h2 ~ ul button:has-text('Clear the search')");
  await t.page.waitForURL(`${suite.server.url}/?os=debian`);
  await catalogSettled(t.page);
  assert.ok((await t.page.locator("main article").count()) > 0);
  assert.equal(await t.page.inputValue("#catalog-search"), "");
});

test("11. on a phone: one compact dismissable toast over the header, not the page, read whole; sort and page size on one row", async () => {
  const token = suite.server.addUser(100);
  const first = freeImages()[4];
  // The notice with the most to say: a purchase of the build with the longest name.
  const longestName = (image) => label(image).length;
  const second = paidImages()
    .filter((i) => i.price < 100)
    .sort((a, b) => longestName(b) - longestName(a))[0];
  const t = await suite.open({ viewport: PHONE, isMobile: true });
  await t.page.goto(suite.server.url);
  await catalogSettled(t.page);
  const [sort, size] = await Promise.all(["#catalog-sort", "#catalog-page-size"].map((s) => t.page.locator(s).boundingBox()));
  assert.ok(Math.abs(sort.y - size.y) < 4, `sort at ${sort.y}, page size at ${size.y}`);
  // Every sort choice shows whole in its select, beside the page size, at
  // this phone's width and just past where the labels move beside them.
  for (const width of [PHONE.width, 481]) {
    await t.page.setViewportSize({ width, height: PHONE.height });
    const { font, fontSize, widest, room } = await t.page.$eval("#catalog-sort", (select) => {
      const style = getComputedStyle(select);
      const context = document.createElement("canvas").getContext("2d");
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      return {
        font: context.font,
        fontSize: style.fontSize,
        widest: Math.max(...[...select.options].map((o) => context.measureText(o.text).width)),
        room: select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
      };
    });
    // The canvas took the select's font (it keeps its default for one it cannot parse).
    assert.ok(font.includes(fontSize), `measured in ${font}, the select's font is ${fontSize}`);
    assert.ok(widest <= room, `at ${width} px the longest sort choice needs ${widest} px, the select has ${room}`);
  }
  await t.page.setViewportSize(PHONE);
  await t.page.click("header >> text=Sign in");
  await signIn(t.page, token, { from: "form" });
  // An import, then a purchase, each from the catalog the breadcrumb leads back to.
  await openFromCatalog(t.page, first);
  await t.page.click("main button:has-text('Import')");
  await t.page.waitForSelector(`[aria-label='Notifications'] >> text=Imported ${await buildName(suite.server, first)}.`);
  await t.page.click("nav[aria-label='Breadcrumb'] >> text=Catalog");
  await openFromThisCatalog(t.page, second);
  await t.page.click("main button:has-text('Buy for')");
  await t.page.click("dialog[open] button:has-text('Confirm and pay')");
  await t.page.waitForSelector(`[aria-label='Notifications'] >> text=Bought ${await buildName(suite.server, second)} for ${money(second.price)}.`);

  const visible = await t.page.$$eval("[aria-label='Notifications'] > *", (toasts) =>
    toasts.filter((el) => el.getBoundingClientRect().height > 0).map((el) => Math.round(el.getBoundingClientRect().height)),
  );
  assert.equal(visible.length, 1, "one toast at a time");
  assert.ok(visible[0] <= 72, `the toast is ${visible[0]} px high`);
  // Short enough to be read whole: the two lines it may take are not cut.
  const cut = await t.page.$eval("[aria-label='Notifications'] p", (p) => p.scrollHeight > p.clientHeight + 1);
  assert.equal(cut, false, "the notice's text is cut");
  // It takes the header's place, never the page's, also while it comes in.
  const [toastBottom, headerBottom] = await t.page.evaluate(() =>
    [document.querySelector("[aria-label='Notifications'] > *"), document.querySelector("header")].map(
      (el) => el.getBoundingClientRect().bottom,
    ),
  );
  assert.ok(toastBottom <= headerBottom + 1, `the toast ends at ${toastBottom} px, the header at ${headerBottom} px`);
  await t.page.click("[aria-label='Notifications'] button[aria-label='Dismiss notification'] >> visible=true");
  await t.page.waitForFunction(() =>
    [...document.querySelectorAll("[aria-label='Notifications'] > *")].every((el) => el.getBoundingClientRect().height === 0),
  );
});

test("13. an image's page lists it for the other architectures, with price or owned, and links to them", async () => {
  const token = suite.server.addUser(0);
  const byAlias = new Map();
  for (const image of everyImage) {
    const key = `${image.os}|${image.release}|${image.variant}`;
    byAlias.set(key, [...(byAlias.get(key) ?? []), image]);
  }
  const family = [...byAlias.values()].find((images) => new Set(images.map((i) => i.architecture)).size >= 3 && images.some((i) => i.price === 0));
  assert.ok(family, "the demo catalog has an image in three architectures, one free");
  const newestOf = (architecture) =>
    family.filter((i) => i.architecture === architecture).sort((a, b) => b.added_date.localeCompare(a.added_date))[0];
  const free = [...new Set(family.map((i) => i.architecture))].map(newestOf).find((i) => i.price === 0);
  assert.ok(free, "a free architecture of it");
  const shown = family.find((i) => i.architecture !== free.architecture);
  assert.equal((await suite.server.api(`/images/import/${free.id}`, { token, method: "POST" })).status, 200);
  const t = await suite.open();
  await t.page.goto(suite.server.url);
  await catalogSettled(t.page);
  await signIn(t.page, token);
  await openFromThisCatalog(t.page, shown);
  const also = t.page.locator("ul[aria-labelledby='also-for'] li");
  await also.first().waitFor();
  const newestPerArchitecture = new Map();
  for (const image of family) {
    const known = newestPerArchitecture.get(image.architecture);
    if (!known || known.added_date < image.added_date) newestPerArchitecture.set(image.architecture, image);
  }
  const expected = [...newestPerArchitecture.values()]
    .filter((i) => i.architecture !== shown.architecture)
    .sort((a, b) => a.architecture.localeCompare(b.architecture))
    .map((i) => `${i.architecture}${i === free ? "owned" : i.price === 0 ? "Free" : money(i.price)}`);
  assert.deepEqual((await also.allTextContents()).map((text) => text.replace(/\s/g, "")), expected);
  await also.filter({ hasText: free.architecture }).locator("a").click();
  await t.page.waitForURL(`${suite.server.url}/images/${free.id}`);
  await t.page.waitForFunction((name) => document.querySelector("nav[aria-label='Breadcrumb'] [aria-current='page']")?.textContent === name, label(free));
  await t.page.waitForSelector("main a:has-text('In My images')");
});

test("13. opened from a link, an image's page asks for its other architectures once its icon is in, or has failed", async () => {
  const architectures = new Map();
  for (const image of everyImage) {
    const key = `${image.os}|${image.alias}`;
    architectures.set(key, new Set([...(architectures.get(key) ?? []), image.architecture]));
  }
  const images = everyImage.filter((i) => i.icon_url && architectures.get(`${i.os}|${i.alias}`).size > 1);
  assert.ok(images.length >= 2, "the demo catalog has images with an icon in several architectures");
  for (const [image, iconFails] of [[images[0], false], [images[1], true]]) {
    const t = await suite.open();
    const events = [];
    // The icon, the page's largest paint, comes late (or not at all).
    await t.page.route(`**/images/${image.id}/icon`, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      if (iconFails) {
        events.push("icon");
        await route.fulfill({ status: 404, body: "" });
      } else {
        await route.continue();
      }
    });
    t.page.on("requestfinished", (request) => {
      if (!iconFails && request.url().endsWith(`/images/${image.id}/icon`)) events.push("icon");
    });
    t.page.on("request", (request) => {
      if (/\/images\/public\?.*search=/.test(request.url())) events.push("family");
    });
    if (iconFails) t.allow((p) => p.kind === "response" && p.url.endsWith(`/images/${image.id}/icon`));
    await t.page.goto(`${suite.server.url}/images/${image.id}`);
    await t.page.locator("ul[aria-labelledby='also-for'] li").first().waitFor();
    assert.deepEqual(events.slice(0, 2), ["icon", "family"], iconFails ? "icon failing" : "icon loading");
    await t.finish();
  }
});

test("14. My images says when a newer build of an owned image is out, and gets it", async () => {
  const token = suite.server.addUser(0);
  const builds = new Map();
  for (const image of everyImage) {
    const key = `${image.alias}|${image.architecture}|${image.image_name}`;
    builds.set(key, [...(builds.get(key) ?? []), image]);
  }
  const pair = [...builds.values()].find((images) => images.length === 2 && images[0].price === 0);
  assert.ok(pair, "the demo catalog has a free image with a newer build");
  const details = await Promise.all(pair.map(async (i) => (await suite.server.api(`/images/public/${i.id}`)).json.data));
  const [older, newer] = details.sort((a, b) => a.serial.localeCompare(b.serial));
  assert.equal((await suite.server.api(`/images/import/${older.id}`, { token, method: "POST" })).status, 200);
  const t = await suite.open();
  await t.page.goto(suite.server.url);
  await catalogSettled(t.page);
  await signIn(t.page, token);
  await t.page.click("header >> text=My images");
  const notice = t.page.locator(`main li:has(a[href='/images/${older.id}']) p:has-text('is out')`);
  await notice.waitFor();
  assert.match(await notice.textContent(), new RegExp(`^Build ${newer.serial} is out \\(you have ${older.serial}\\)Import build ${newer.serial}$`));
  await notice.locator("a:has-text('Import')").click();
  await t.page.waitForURL(`${suite.server.url}/images/${newer.id}`);
  await t.page.waitForSelector("main a:has-text('In My images')");
  const mine = (await suite.server.api("/images/user?limit=100", { token })).json.data.images.map((i) => i.id);
  assert.deepEqual(mine.sort(), [older.id, newer.id].sort());
  await t.page.click("main a:has-text('In My images')");
  await t.page.waitForSelector(`main li a[href='/images/${newer.id}']`);
  await t.page.waitForSelector(`main li a[href='/images/${older.id}']`);
  await t.page.waitForSelector("main ul[data-newer-builds='checked']");
  assert.equal(await t.page.locator("main li p:has-text('is out')").count(), 0, "nothing newer is left to get");
});

test("12. one not-found design in the app's words; every image has its logo; no Sign in on the sign-in page", async () => {
  const t = await suite.open();
  t.allow((p) => (p.kind === "response" && p.status === 404) || (p.kind === "console" && /404/.test(p.text)));
  await t.page.goto(`${suite.server.url}/images/000000000000000000000000`);
  await t.page.waitForSelector("h1:has-text('Image not found')");
  const imageMissing = await t.page.evaluate(() => document.querySelector("h1").parentElement.className);
  assert.doesNotMatch(await t.page.textContent("main"), /Public image not found/, "the app's words, not the server's");
  await t.page.goto(`${suite.server.url}/no/such/page`);
  await t.page.waitForSelector("h1:has-text('Page not found')");
  assert.equal(await t.page.evaluate(() => document.querySelector("h1").parentElement.className), imageMissing);
  await t.page.click("main >> text=Browse the catalog");
  await t.page.waitForURL(`${suite.server.url}/`);
  await catalogSettled(t.page);
  await t.page.click("header >> text=Sign in");
  await t.page.waitForURL(/\/sign-in/);
  assert.equal(await t.page.locator("header >> text=Sign in").count(), 0);
  // Every image of a known OS has its logo: served, and drawn on its card.
  for (const image of everyImage) {
    const response = await fetch(new URL(image.icon_url, suite.server.url));
    assert.equal(response.status, 200, `${label(image)} has an icon`);
    assert.match(response.headers.get("content-type"), /^image\//);
  }
  await t.page.goto(`${suite.server.url}/?limit=100`);
  await catalogSettled(t.page);
  const tiles = await t.page.$$eval("main article", (cards) =>
    cards.filter((card) => !card.querySelector("header img[src]")).map((c) => c.querySelector("h2").textContent),
  );
  assert.deepEqual(tiles, [], "every card draws its image's logo, no letter tile");
});

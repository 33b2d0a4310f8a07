// The header's links from every page, reached as people reach it: from the
// catalog, by clicking. Each link must land where it says, show that page,
// and Back must return to the page before with its state (address, filters,
// cards, scroll). Then signing in from a page must come back to exactly it.
//
// Two cells of the matrix differ by design: the sign-in page has no "Sign
// in" link of its own (the test checks it is absent), and on a phone the
// filter panel is a modal that covers the header, so it is used to filter
// and then closed with its Show button before the header is clicked.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useSuite, signIn, chooseAndWait, catalogSettled, apiSettled, DEMO_TOKEN, PHONE } from "./harness.mjs";

let catalogTotal;
let ownedId;

const suite = useSuite({}, async () => {
  catalogTotal = (await suite.server.api("/images/public")).json.data.pagination.total;
  // The demo user owns one image, so that My images has a row to come back to.
  ownedId = (await suite.server.api("/images/public?max_price=0&limit=1")).json.data.images[0].id;
  const imported = await suite.server.api(`/images/import/${ownedId}`, { method: "POST", token: DEMO_TOKEN });
  assert.equal(imported.status, 200);
});

const header = {
  brand: (page) => page.locator("header a", { hasText: "Dockyard" }).first(),
  catalog: (page) => page.locator("nav[aria-label='Main'] a", { hasText: "Catalog" }),
  myImages: (page) => page.locator("nav[aria-label='Main'] a", { hasText: "My images" }),
  signIn: (page) => page.locator("header a", { hasText: "Sign in" }),
  signOut: (page) => page.locator("header button", { hasText: "Sign out" }),
};

/** Waits until the page at the current address has shown its content. */
async function pageReady(page) {
  await page.waitForFunction(() => document.querySelector("main h1") && !document.getElementById("app-loading"));
  const path = new URL(page.url()).pathname;
  if (path === "/") {
    await catalogSettled(page);
  } else if (path.startsWith("/images/")) {
    await page.waitForFunction(() => {
      const serial = [...document.querySelectorAll("dt")].find((dt) => dt.textContent === "Serial");
      return serial && serial.nextElementSibling.textContent !== "…";
    });
    // Its builds, other architectures and newer build come from lookups of their own.
    await apiSettled(page);
  } else if (path === "/my-images") {
    await page.waitForFunction(() => {
      const main = document.querySelector("main").textContent;
      return /Sign in to see|Showing|No images yet/.test(main) && !/Loading your images/.test(main);
    });
  } else if (path === "/sign-in") {
    await page.waitForSelector("#sign-in-token");
  } else {
    await page.waitForSelector("text=Page not found");
  }
}

/** What a person sees of the page: its address, the text of its main part, its controls and scroll. */
async function pageState(page) {
  await pageReady(page);
  // innerText skips content-visibility:auto boxes until a frame has found them on screen.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return page.evaluate(() => ({
    url: location.href,
    main: document.querySelector("main").innerText.replace(/\s+/g, " ").trim(),
    // The controls a person can see (a closed filter panel's are not).
    controls: [...document.querySelectorAll("main select, main input")]
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => `${el.id || el.type}=${el.type === "radio" || el.type === "checkbox" ? el.checked : el.value}`),
    scrollY: Math.round(window.scrollY),
  }));
}

/** Checks the page a header link led to. */
async function assertLanded(page, link, from, signedIn) {
  await pageReady(page);
  const url = new URL(page.url());
  const h1 = (await page.textContent("main h1")).trim();
  if (link === "brand" || link === "catalog") {
    assert.equal(url.pathname + url.search, "/", `${from} -> ${link}`);
    assert.equal(h1, "Container images");
    assert.equal(await page.locator("main article").count(), 20);
    assert.equal((await page.textContent("p[role='status']")).trim(), `Showing 1–20 of ${catalogTotal} images`);
  } else if (link === "myImages") {
    assert.equal(url.pathname + url.search, "/my-images", `${from} -> ${link}`);
    assert.equal(h1, "My images");
    if (signedIn) {
      await page.waitForSelector(`main a[href='/images/${ownedId}']`);
    } else {
      await page.waitForSelector("text=Sign in to see the images you imported or bought.");
    }
  } else if (link === "signIn") {
    assert.equal(url.pathname, "/sign-in", `${from} -> ${link}`);
    assert.equal(h1, "Sign in");
  }
}

/**
 * The pages to start from, each reached the way people reach it. `reach`
 * returns nothing; the test reads the address and state afterwards.
 */
const startPages = [
  {
    name: "the bare catalog",
    async reach(page) {
      await page.goto(suite.server.url);
      await catalogSettled(page);
    },
  },
  {
    name: "a filtered, sorted and scrolled catalog",
    async reach(page) {
      await page.goto(suite.server.url);
      await catalogSettled(page);
      await chooseAndWait(page, "#filter-os", "debian", /\?os=debian$/);
      await chooseAndWait(page, "#catalog-sort", { label: "Price: low to high" }, /\?os=debian&sort_by=price&sort_order=asc$/);
      await page.locator("main article").nth(6).scrollIntoViewIfNeeded();
      assert.ok((await page.evaluate(() => window.scrollY)) > 200);
    },
  },
  {
    name: "the catalog's page 2",
    async reach(page) {
      await page.goto(suite.server.url);
      await catalogSettled(page);
      await chooseAndWait(page, "#filter-os", "debian");
      await page.click("nav[aria-label='Catalog pages'] a:has-text('2')");
      await page.waitForURL(/\?os=debian&page=2$/);
      await catalogSettled(page);
    },
  },
  {
    name: "an image",
    async reach(page) {
      await page.goto(suite.server.url);
      await catalogSettled(page);
      await page.locator("main article a").nth(2).click();
      await page.waitForURL(/\/images\//);
    },
  },
  {
    name: "My images, signed out",
    async reach(page) {
      await page.goto(suite.server.url);
      await catalogSettled(page);
      await header.myImages(page).click();
      await page.waitForURL(/\/my-images$/);
    },
  },
  {
    name: "My images, signed in",
    signedIn: true,
    async reach(page) {
      await page.goto(suite.server.url);
      await catalogSettled(page);
      await header.myImages(page).click();
      await page.waitForURL(/\/my-images$/);
    },
  },
  {
    name: "the catalog, signed in",
    signedIn: true,
    async reach(page) {
      await page.goto(`${suite.server.url}`);
      await catalogSettled(page);
    },
  },
  {
    name: "the sign-in page",
    async reach(page) {
      await page.goto(suite.server.url);
      await catalogSettled(page);
      await chooseAndWait(page, "#filter-os", "ubuntu");
      await header.signIn(page).click();
      await page.waitForURL(/\/sign-in\?next=/);
    },
  },
  {
    // Nothing links to a page that does not exist: this one is a deep link.
    name: "the not-found page",
    async reach(page) {
      await page.goto(`${suite.server.url}/no/such/page?x=1`);
    },
  },
  {
    name: "the catalog on a phone, filtered in its panel",
    viewport: PHONE,
    async reach(page) {
      await page.goto(suite.server.url);
      await catalogSettled(page);
      await page.click("button[aria-controls='catalog-filters']");
      await chooseAndWait(page, "#filter-os", "alpine", /\?os=alpine$/);
      // The panel is modal: it covers the page, header included, until it is closed.
      assert.equal(await page.evaluate(() => document.querySelector("#catalog-filters").matches(":modal")), true);
      await page.click("#catalog-filters button:has-text('Show')");
      await page.waitForFunction(() => document.querySelector(":modal") === null);
    },
  },
];

/**
 * Clicks `link` where it is on screen, as a pointer does. Playwright's own
 * click first scrolls an element "into view", which for the sticky header
 * moves the page (and the scroll position the app keeps for it).
 */
async function clickWhereItIs(page, link) {
  const box = await link.boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/** A page for `start`: signed in with the demo token if it needs to be. */
async function openFor(start) {
  const t = await suite.open({ viewport: start.viewport });
  if (start.signedIn) {
    await t.context.addInitScript((token) => {
      if (!sessionStorage.getItem("e2e.signed-in")) {
        sessionStorage.setItem("dockyard.token", token);
        sessionStorage.setItem("e2e.signed-in", "1");
      }
    }, DEMO_TOKEN);
  }
  return t;
}

for (const start of startPages) {
  test(`header links from ${start.name}`, async () => {
    const t = await openFor(start);
    const { page } = t;
    await start.reach(page);
    const before = await pageState(page);
    const onSignIn = new URL(before.url).pathname === "/sign-in";
    // The sign-in page offers no "Sign in" of its own.
    assert.equal(await header.signIn(page).count(), onSignIn || start.signedIn ? 0 : 1);
    const links = ["brand", "catalog", "myImages", ...(start.signedIn || onSignIn ? [] : ["signIn"])];
    for (const link of links) {
      const historyLength = await page.evaluate(() => history.length);
      await clickWhereItIs(page, header[link](page));
      await assertLanded(page, link, start.name, start.signedIn);
      if (link === "signIn") {
        const back = new URL(before.url);
        assert.equal(new URL(page.url()).searchParams.get("next"), back.pathname + back.search);
      }
      if (page.url() === before.url) {
        // A link to the page itself adds no history entry.
        assert.equal(await page.evaluate(() => history.length), historyLength, `${link}`);
        continue;
      }
      await page.goBack();
      const after = await pageState(page);
      assert.deepEqual(after, before, `Back after ${link} from ${start.name}`);
    }
    if (start.signedIn) {
      // Signing out stays on the page, which now shows what a visitor sees.
      const historyLength = await page.evaluate(() => history.length);
      await header.signOut(page).click();
      await header.signIn(page).waitFor();
      assert.equal(page.url(), before.url);
      assert.equal(await page.evaluate(() => history.length), historyLength);
      if (new URL(before.url).pathname === "/my-images") {
        await page.waitForSelector("text=Sign in to see the images you imported or bought.");
      }
    }
    await t.finish();
  });
}

test("signing in from a filtered, sorted catalog page 2 comes back to exactly it", async () => {
  const t = await suite.open();
  const { page } = t;
  await page.goto(suite.server.url);
  await catalogSettled(page);
  await chooseAndWait(page, "#filter-os", "debian");
  await page.selectOption("#catalog-sort", { label: "Price: low to high" });
  await catalogSettled(page);
  await page.click("nav[aria-label='Catalog pages'] a:has-text('2')");
  await page.waitForURL(`${suite.server.url}/?os=debian&sort_by=price&sort_order=asc&page=2`);
  const before = await pageState(page);
  const cards = await page.$$eval("main article h2", (h) => h.map((e) => e.textContent));
  assert.ok(cards.length > 0);

  await header.signIn(page).click();
  await page.waitForURL(/\/sign-in\?next=/);
  await signIn(page, DEMO_TOKEN, { from: "form" });
  assert.equal(page.url(), `${suite.server.url}/?os=debian&sort_by=price&sort_order=asc&page=2`);
  await catalogSettled(page);
  assert.deepEqual(await page.$$eval("main article h2", (h) => h.map((e) => e.textContent)), cards);
  await header.signOut(page).waitFor();
  await page.waitForSelector("text=Signed in.");
  // Back leaves the catalog for the page before it, not for the sign-in form.
  await page.goBack();
  await page.waitForURL(`${suite.server.url}/?os=debian&sort_by=price&sort_order=asc`);
  assert.notEqual(new URL(page.url()).pathname, "/sign-in");
  await catalogSettled(page);
  // Forward is the catalog's page 2 again, as it was.
  await page.goForward();
  await page.waitForURL(before.url);
  await catalogSettled(page);
});

test("signing in from an image's page and from My images comes back to it", async () => {
  for (const { name, reach, check } of [
    {
      name: "an image",
      async reach(page) {
        await page.locator("main article a").nth(4).click();
        await page.waitForURL(/\/images\//);
        await pageReady(page);
        return page.textContent("#image-title");
      },
      async check(page, title) {
        assert.equal(await page.textContent("#image-title"), title);
      },
    },
    {
      name: "My images",
      async reach(page) {
        await header.myImages(page).click();
        await page.waitForURL(/\/my-images$/);
        await page.waitForSelector("text=Sign in to see the images you imported or bought.");
        return null;
      },
      async check(page) {
        await page.waitForSelector(`main a[href='/images/${ownedId}']`);
      },
    },
  ]) {
    const t = await suite.open();
    const { page } = t;
    await page.goto(suite.server.url);
    await catalogSettled(page);
    const seen = await reach(page);
    const before = page.url();
    await header.signIn(page).click();
    await page.waitForURL(/\/sign-in\?next=/);
    await signIn(page, DEMO_TOKEN, { from: "form" });
    assert.equal(page.url(), before, name);
    await pageReady(page);
    await check(page, seen);
    await header.signOut(page).waitFor();
    await page.goBack();
    await page.waitForFunction(() => location.pathname === "/");
    await catalogSettled(page);
    await t.finish();
  }
});

test("signing in from a link straight to the sign-in page replaces it in the history", async () => {
  const t = await suite.open();
  const { page } = t;
  await page.goto(`${suite.server.url}/sign-in?next=${encodeURIComponent("/?os=ubuntu&page=2")}`);
  const historyLength = await page.evaluate(() => history.length);
  await signIn(page, DEMO_TOKEN, { from: "form" });
  assert.equal(page.url(), `${suite.server.url}/?os=ubuntu&page=2`);
  await catalogSettled(page);
  assert.equal(await page.evaluate(() => history.length), historyLength);
});

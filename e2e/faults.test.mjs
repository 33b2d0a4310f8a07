// Faults and bad input: slow responses, a share of 500s, malformed bodies,
// the server stopped and restarted, hostile data and hostile URLs, and a
// seeded random-walk soak with a memory check. Prints one totals line.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { useSuite, signIn, chooseAndWait, catalogSettled, totals } from "./harness.mjs";

const suite = useSuite({ faultControl: true });

after(() => {
  console.log(
    `TOTALS faults_injected=${totals.faultsInjected} bad_inputs_tried=${totals.badInputsTried} failures=${totals.failures}`,
  );
});

/** Runs a test body, counting a failure in the totals if it throws. */
function counted(name, body) {
  test(name, async () => {
    try {
      await body();
    } catch (error) {
      totals.failures += 1;
      throw error;
    }
  });
}

async function withFaults(settings, body) {
  const before = await suite.server.faultCount();
  await suite.server.setFaults(settings);
  try {
    await body();
  } finally {
    await suite.server.setFaults({});
    totals.faultsInjected += (await suite.server.faultCount()) - before;
  }
}

const allowServerErrors = (t) =>
  t.allow((p) => (p.kind === "response" && p.status >= 500) || (p.kind === "console" && /Failed to load resource/.test(p.text)));

counted("slow responses: navigating away mid-request is clean, and the new page shows", async () => {
  const t = await suite.open();
  await withFaults({ latency_ms: 1500 }, async () => {
    await t.page.goto(suite.server.url);
    await t.page.waitForSelector("section[data-state='loading']");
    // Leave before the list arrives.
    await t.page.click("nav[aria-label='Main'] >> text=My images");
    await t.page.waitForSelector("text=Sign in to see the images you imported or bought.");
    await t.page.goBack();
    await t.page.selectOption("#filter-os", "alpine");
    await chooseAndWait(t.page, "#filter-os", "debian");
    for (const text of await t.page.$$eval("article", (a) => a.map((x) => x.textContent))) assert.match(text, /Debian/);
  });
});

counted("a share of 500s: every view says so with Retry, and Retry gets there", async () => {
  const token = suite.server.addUser(100);
  const t = await suite.open();
  allowServerErrors(t);
  await signIn(t.page, token, { start: suite.server.url });
  await withFaults({ error_rate: 0.5 }, async () => {
    const visits = ["/", "/?os=ubuntu", "/?sort_by=price&sort_order=desc", "/my-images", "/?page=2"];
    const ids = (await (await fetch(`${suite.server.url}/api/v1/images/public?limit=5`)).json()).data?.images?.map((i) => i.id) ?? [];
    for (const id of ids) visits.push(`/images/${id}`);
    for (const path of visits) {
      await t.page.goto(`${suite.server.url}${path}`);
      for (let attempt = 0; attempt < 30; attempt += 1) {
        await t.page.waitForFunction(() => {
          const text = document.body.textContent;
          // An image's page is there once its builds are listed too (they
          // are asked for after the details, and may fail on their own).
          const builds = document.querySelector("section[aria-labelledby='builds-title']");
          if (builds && !builds.querySelector("ol li") && !text.includes("Retry")) return false;
          return document.querySelector("[role='alert'] button, button:has(+ *)") || document.querySelector("article, main li h2, #image-title")
            || text.includes("Retry") || text.includes("No images yet");
        }, null, { timeout: 15000 });
        const retry = t.page.locator("button:has-text('Retry')");
        if ((await retry.count()) === 0) break;
        assert.match(await t.page.textContent("[role='alert']"), /Failed to retrieve|could not be loaded|went wrong/);
        await retry.first().click();
        await t.page.waitForTimeout(50);
      }
      assert.equal(await t.page.locator("button:has-text('Retry')").count(), 0, `${path}: Retry got there`);
    }
  });
});

counted("a malformed body is reported as unreadable, with Retry, and the console says what was wrong", async () => {
  const t = await suite.open();
  t.allow((p) => p.kind === "console" && p.text.startsWith("Dockyard: "));
  const report = t.page.waitForEvent("console", { predicate: (m) => m.text().startsWith("Dockyard: ") });
  await withFaults({ malformed_rate: 1 }, async () => {
    await t.page.goto(`${suite.server.url}/?os=fedora`);
    await t.page.waitForSelector("text=The server sent a response the app could not read (HTTP 200)");
  });
  const warning = await report;
  assert.equal(warning.type(), "warning");
  assert.match(warning.text(), /^Dockyard: http:\/\/[^ ]+\/api\/v1\/images\/public\?[^ ]*os=fedora[^ ]* answered HTTP 200: the body is not JSON$/);
  await t.page.click("button:has-text('Retry')");
  await catalogSettled(t.page);
  assert.ok((await t.page.locator("article").count()) > 0);
});

counted("the server stops and comes back: a clear message, then Retry works", async () => {
  const t = await suite.open();
  t.allow((p) => p.kind === "requestfailed" || (p.kind === "console" && /Failed to load resource|ERR_CONNECTION/.test(p.text)));
  await t.page.goto(suite.server.url);
  await catalogSettled(t.page);
  await suite.server.stop();
  totals.faultsInjected += 1;
  try {
    await t.page.selectOption("#filter-architecture", "armhf");
    await t.page.waitForSelector("text=Could not reach the server. Check your connection and try again.");
    assert.equal(new URL(t.page.url()).search, "?architecture=armhf", "the filter is kept");
  } finally {
    await suite.server.start(Number(new URL(suite.server.url).port));
  }
  await t.page.click("button:has-text('Retry')");
  await catalogSettled(t.page);
  for (const text of await t.page.$$eval("article", (a) => a.map((x) => x.textContent))) assert.match(text, /armhf/);
});

counted("hostile data from the API is shown as text and never runs; odd icon URLs are never used", async () => {
  const hostile = [
    {
      id: "hostile000000000000000001",
      alias: "<img src=x onerror=\"window.__pwned=1\">",
      description: "<script>window.__pwned = 1</script><b>bold?</b>",
      image_name: "\"><svg onload=window.__pwned=1>",
      architecture: "amd64",
      os: "ubuntu",
      release: "<i>1</i>",
      variant: "javascript:alert(1)",
      price: 0,
      added_date: "2099-01-01T00:00:00.000Z",
      icon_url: "javascript:window.__pwned=1",
    },
    {
      id: "hostile000000000000000002",
      alias: "data-icon",
      description: "An image whose icon is a data: URL",
      architecture: "amd64",
      os: "ubuntu",
      price: 1,
      added_date: "2098-01-01T00:00:00.000Z",
      icon_url: "data:image/svg+xml,<svg onload=window.__pwned=1>",
    },
  ];
  suite.server.importImages(hostile);
  totals.badInputsTried += hostile.length;
  const t = await suite.open();
  await t.page.goto(suite.server.url);
  await catalogSettled(t.page);
  const card = t.page.locator("article", { hasText: "window.__pwned=1" }).first();
  assert.equal(await card.locator("h2 a").textContent(), hostile[0].alias);
  for (const path of ["/", `/images/${hostile[0].id}`, `/images/${hostile[1].id}`]) {
    await t.page.goto(`${suite.server.url}${path}`);
    await t.page.waitForSelector("article, #image-title");
    await t.page.waitForTimeout(200);
    assert.equal(await t.page.evaluate(() => window.__pwned), undefined, path);
    const sources = await t.page.$$eval("img", (imgs) => imgs.map((i) => i.getAttribute("src")));
    assert.ok(sources.every((s) => /^https?:\/\//.test(s)), `${path}: ${sources}`);
    assert.equal(await t.page.locator("main script, main b, main i, main svg[onload]").count(), 0);
  }
  assert.match(await t.page.textContent("body"), /data-icon/);
});

counted("hostile URLs and odd ids end on clear pages, and ids are always encoded", async () => {
  const t = await suite.open();
  t.allow((p) => p.kind === "response" && p.status === 404 && p.url.includes("/api/v1/images/public/"));
  const cases = [
    ["/images/a%2Fb", "Image not found"],
    ["/images/%E6%97%A5%E6%9C%AC", "Image not found"],
    ["/images/..%2F..%2Fapi%2Fv1%2Fimages%2Fuser", "Image not found"],
    ["/images/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "Image not found"],
    ["/images/a/b/c", "Page not found"],
    ["/images/", "Page not found"],
    ["/nope", "Page not found"],
    ["/sign-in?next=https%3A%2F%2Fevil.example", "API token"],
    ["/my-images?page=-5&sort_order=%00", "Sign in to see"],
  ];
  for (const [path, expected] of cases) {
    totals.badInputsTried += 1;
    await t.page.goto(`${suite.server.url}${path}`);
    await t.page.waitForSelector(`text=${expected}`);
    assert.equal(await t.page.locator("h1").count(), 1, path);
  }
  for (const request of t.apiRequests("/images/public/")) {
    const id = request.url.split("/images/public/")[1];
    assert.ok(!id.includes("/") && !/[<>\s]/.test(id), `encoded id: ${id}`);
  }
  // A crafted sign-in link never sends anyone to another site.
  const token = suite.server.addUser(1);
  await signIn(t.page, token, { start: `${suite.server.url}/sign-in?next=https%3A%2F%2Fevil.example`, from: "form" });
  await t.page.waitForURL(`${suite.server.url}/`);
});

counted("soak: a seeded random walk of 700 steps, no console error, memory stays flat", async () => {
  const t = await suite.open();
  await t.page.addInitScript(() => {
    addEventListener("TrunkApplicationStarted", (event) => {
      window.__wasm = event.detail.wasm;
    });
  });
  const cdp = await t.context.newCDPSession(t.page);
  await cdp.send("Performance.enable");
  const measure = async () => {
    await cdp.send("HeapProfiler.collectGarbage");
    const { metrics } = await cdp.send("Performance.getMetrics");
    const heap = metrics.find((m) => m.name === "JSHeapUsedSize").value;
    const wasm = await t.page.evaluate(() => window.__wasm?.memory?.buffer?.byteLength ?? 0);
    const nodes = metrics.find((m) => m.name === "Nodes").value;
    return { heap, wasm, nodes };
  };

  let seed = 20261127;
  // A small seeded generator; the high bits are the random ones.
  const random = (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor((seed / 2147483648) * n);
  };
  const oses = ["", "ubuntu", "debian", "alpine", "centos", "fedora", "rockylinux", "archlinux", "opensuse"];
  const arches = ["", "amd64", "arm64", "armhf"];
  const sorts = ["0", "1", "2", "3", "4", "5", "6", "7"];
  const sizes = ["20", "40", "60", "100"];
  // History entries behind and ahead of us inside the app, so Back never leaves it.
  let behind = 0;
  let ahead = 0;
  const navigated = async (change) => {
    const before = t.page.url();
    await change();
    if (t.page.url() !== before) {
      behind += 1;
      ahead = 0;
    }
  };
  const actions = [
    () => navigated(() => t.page.selectOption("#filter-os", oses[random(oses.length)])),
    () => navigated(() => t.page.selectOption("#filter-architecture", arches[random(arches.length)])),
    () => navigated(() => t.page.selectOption("select:near(:text('Sort'))", sorts[random(sorts.length)])),
    () => navigated(() => t.page.selectOption("select:near(:text('Per page'))", sizes[random(sizes.length)])),
    () =>
      navigated(async () => {
        const link = t.page.locator("nav[aria-label='Catalog pages'] a:not([aria-current])");
        const count = await link.count();
        if (count > 0) await link.nth(random(count)).click();
      }),
    async () => {
      if (behind === 0) return;
      await t.page.goBack();
      behind -= 1;
      ahead += 1;
    },
    async () => {
      if (ahead === 0) return;
      await t.page.goForward();
      ahead -= 1;
      behind += 1;
    },
    async () => {
      const cards = t.page.locator("article h2 a");
      const count = await cards.count();
      if (count === 0) return;
      await cards.nth(random(count)).click();
      // A locator, not waitForSelector: an element handle would keep the page's nodes alive.
      await t.page.locator("#image-title").waitFor();
      await t.page.goBack();
      // The image's page is what Forward goes to now, not the views ahead.
      ahead = 0;
    },
    () =>
      navigated(async () => {
        const chips = t.page.locator("ul[aria-label='Active filters'] button");
        const count = await chips.count();
        if (count > 0) await chips.nth(random(count)).click();
      }),
    () =>
      navigated(async () => {
        totals.badInputsTried += 1;
        const junk = ["page=-1", "limit=9999", "sort_by=x", "min_price=7&max_price=1", "min_rating=abc"][random(5)];
        await t.page.evaluate((q) => {
          history.pushState(null, "", `/?${q}`);
          dispatchEvent(new PopStateEvent("popstate"));
        }, junk);
      }),
  ];

  await t.page.goto(suite.server.url);
  await catalogSettled(t.page);
  const started = Date.now();
  let early = null;
  let baseline = null;
  let steps = 0;
  // Wasm memory only grows, to the most the app has ever needed at once; the
  // first 200 steps have shown every page size, so growth after them is a leak.
  // The JS heap is also compared, more loosely, with step 50's: a leak in the
  // first steps would otherwise hide in the baseline.
  for (; steps < 700 && Date.now() - started < 240_000; steps += 1) {
    await actions[random(actions.length)]();
    await t.page.waitForURL((url) => url.pathname === "/");
    await catalogSettled(t.page);
    if (steps === 49) early = await measure();
    if (steps === 199) baseline = await measure();
  }
  assert.ok(steps >= 700, `only ${steps} steps in the time allowed`);
  const end = await measure();
  console.log(`soak: ${steps} steps in ${Math.round((Date.now() - started) / 1000)}s; JS heap ${early.heap} -> ${baseline.heap} -> ${end.heap}, wasm ${baseline.wasm} -> ${end.wasm}`);
  assert.ok(end.heap <= baseline.heap * 1.2, `JS heap grew from ${baseline.heap} to ${end.heap}`);
  assert.ok(end.heap <= early.heap * 1.5, `JS heap grew from ${early.heap} at step 50 to ${end.heap}`);
  assert.ok(end.wasm <= baseline.wasm * 1.2, `wasm memory grew from ${baseline.wasm} to ${end.wasm}`);
});

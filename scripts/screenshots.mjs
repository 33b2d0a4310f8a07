// Takes the README's screenshots against a fresh API server and the release
// build: the catalog (light, dark, phone with the filter panel open), an image's
// detail page (desktop, and dark on a phone), the purchase dialog and My images.
// Usage: node scripts/screenshots.mjs [out-dir]   (default docs/)
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { startServer, launchBrowser, catalogSettled, signIn, DESKTOP, PHONE, ROOT } from "../e2e/harness.mjs";

const out = process.argv[2] ?? join(ROOT, "docs");
mkdirSync(out, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();

async function open(options = {}) {
  const context = await browser.newContext({
    viewport: options.viewport ?? DESKTOP,
    colorScheme: options.colorScheme ?? "light",
    isMobile: options.isMobile ?? false,
    hasTouch: options.isMobile ?? false,
    deviceScaleFactor: options.isMobile ? 2 : 1,
    serviceWorkers: "block",
  });
  return { context, page: await context.newPage() };
}

async function shot(page, name) {
  // Icons are lazy: wait until every visible one has loaded or failed.
  await page.waitForFunction(
    () =>
      [...document.images].every((img) => {
        const box = img.getBoundingClientRect();
        return img.complete || box.bottom < 0 || box.top > innerHeight;
      }),
    null,
    { timeout: 10000 },
  );
  await page.screenshot({ path: join(out, `${name}.png`) });
  console.log(`wrote ${join(out, `${name}.png`)}`);
}

const everyImage = [];
for (let page = 1; ; page += 1) {
  const { data } = (await server.api(`/images/public?limit=100&page=${page}`)).json;
  everyImage.push(...data.images);
  if (page >= data.pagination.totalPages) break;
}
const family = (image) => everyImage.filter((i) => `${i.os}|${i.release}|${i.variant}` === `${image.os}|${image.release}|${image.variant}`);
// Paid images built for more than one architecture, so the page shows "Also for".
const paid = everyImage
  .filter((i) => i.price > 0 && new Set(family(i).map((f) => f.architecture)).size >= 2)
  .sort((a, b) => b.average_rating - a.average_rating);
// A free image with a newer build, owned in its older one, for My images.
const builds = everyImage.filter((i) => i.price === 0 && everyImage.some((o) => o !== i && o.image_name === i.image_name));
const olderBuild = builds.sort((a, b) => a.added_date.localeCompare(b.added_date))[0];

{
  const { context, page } = await open();
  await page.goto(`${server.url}/?architecture=amd64`);
  await catalogSettled(page);
  await shot(page, "screenshot-catalog");
  await context.close();
}
{
  const { context, page } = await open({ colorScheme: "dark" });
  await page.goto(`${server.url}/?os=ubuntu&sort_by=rating&sort_order=desc`);
  await catalogSettled(page);
  await shot(page, "screenshot-catalog-dark");
  await context.close();
}
{
  const { context, page } = await open({ viewport: PHONE, isMobile: true });
  await page.goto(`${server.url}/?os=debian&min_rating=3`);
  await catalogSettled(page);
  await page.click("button[aria-controls='catalog-filters']");
  await page.waitForTimeout(300);
  await shot(page, "screenshot-phone-filters");
  await context.close();
}
{
  const { context, page } = await open();
  await signIn(page, server.url, server.addUser(40));
  await page.goto(`${server.url}/images/${paid[0].id}`);
  await page.waitForSelector("main h1");
  await page.waitForSelector("button:has-text('Buy for')");
  await page.waitForSelector("ul[aria-labelledby='also-for']");
  await shot(page, "screenshot-detail");
  await page.click("button:has-text('Buy for')");
  await page.waitForSelector("dialog[open]");
  await page.waitForTimeout(300);
  await shot(page, "screenshot-dialog");
  await page.click("dialog[open] button:has-text('Confirm')");
  await page.waitForSelector("text=In My images");
  await page.goto(`${server.url}/images/${paid[1].id}`);
  await page.click("button:has-text('Buy for')");
  await page.click("dialog[open] button:has-text('Confirm')");
  await page.waitForSelector("text=In My images");
  await page.goto(`${server.url}/images/${olderBuild.id}`);
  await page.click("main button:has-text('Import')");
  await page.waitForSelector("text=In My images");
  await page.goto(`${server.url}/my-images`);
  await page.waitForSelector("main li p:has-text('is out')");
  await page.waitForTimeout(300);
  await shot(page, "screenshot-my-images");
  await context.close();
}
{
  const { context, page } = await open({ viewport: PHONE, isMobile: true, colorScheme: "dark" });
  await page.goto(`${server.url}/images/${paid[2].id}`);
  await page.waitForSelector("ul[aria-labelledby='also-for']");
  await page.waitForTimeout(300);
  await shot(page, "screenshot-phone-detail");
  await context.close();
}

await browser.close();
await server.close();

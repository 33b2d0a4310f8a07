// The three engines people browse with, driven through W3C WebDriver:
// Chromium (chromedriver), Firefox ESR (geckodriver) and WebKitGTK, Safari's
// engine (WebKitWebDriver and its MiniBrowser, on an Xvfb display). Playwright
// drives only Chromium without browsers of its own; selenium-webdriver talks
// to the drivers installed by scripts/setup.sh and never downloads one.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { homedir } from "node:os";
import { join } from "node:path";
import { Builder, By, until } from "selenium-webdriver";
import { ROOT } from "./harness.mjs";

const MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

/** Each engine: its driver, the driver's arguments, and the session's capabilities. */
export const ENGINES = {
  chromium: {
    driver: "/usr/bin/chromedriver",
    args: (port) => [`--port=${port}`],
    capabilities: {
      browserName: "chrome",
      "goog:chromeOptions": {
        binary: "/usr/bin/chromium",
        args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
      },
    },
  },
  firefox: {
    driver: join(homedir(), ".cargo/bin/geckodriver"),
    args: (port) => ["--port", String(port)],
    capabilities: {
      browserName: "firefox",
      "moz:firefoxOptions": { binary: "/usr/bin/firefox-esr", args: ["-headless"] },
    },
  },
  webkit: {
    driver: "/usr/bin/WebKitWebDriver",
    args: (port) => [`--port=${port}`],
    display: true,
    capabilities: {
      browserName: "MiniBrowser",
      "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] },
    },
  },
};

/** The engines to run: all three, or those named in DOCKYARD_ENGINES (comma-separated). */
export function enginesToRun() {
  const wanted = (process.env.DOCKYARD_ENGINES ?? "chromium,firefox,webkit").split(",").map((s) => s.trim());
  for (const name of wanted) if (!ENGINES[name]) throw new Error(`unknown engine ${name}`);
  return wanted;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(url, child, what) {
  for (let i = 0; i < 150; i += 1) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not start`);
}

function stopProcess(child) {
  if (!child || child.exitCode !== null) return Promise.resolve();
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  return exited;
}

/** Starts Xvfb on a display number no other server uses; returns it and its name (":N"). */
function startDisplay() {
  const display = spawn("Xvfb", ["-displayfd", "3", "-screen", "0", "1600x1200x24", "-nolisten", "tcp"], {
    stdio: ["ignore", "ignore", "ignore", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let number = "";
    const timer = setTimeout(() => {
      display.kill();
      reject(new Error("Xvfb did not start"));
    }, 10000);
    display.stdio[3].on("data", (chunk) => {
      number += chunk;
      if (number.includes("\n")) {
        clearTimeout(timer);
        resolve({ display, name: `:${number.trim()}` });
      }
    });
    display.once("exit", (code) => reject(new Error(`Xvfb exited with ${code}`)));
  });
}

/**
 * Starts `engine`'s driver (and, for WebKit, a virtual display) and opens a
 * browser session. Returns `{ driver, engine, quit }`.
 */
export async function openEngine(engine) {
  const spec = ENGINES[engine];
  if (!existsSync(spec.driver)) throw new Error(`${spec.driver} is missing: run scripts/setup.sh`);
  const env = { ...process.env };
  let display = null;
  if (spec.display) {
    ({ display, name: env.DISPLAY } = await startDisplay());
  }
  const port = await freePort();
  const child = spawn(spec.driver, spec.args(port), { env, stdio: "ignore" });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(`${url}/status`, child, spec.driver);
    const driver = await new Builder().usingServer(url).withCapabilities(spec.capabilities).build();
    await driver.manage().setTimeouts({ script: 15000, pageLoad: 30000 });
    return {
      driver,
      engine,
      async quit() {
        try {
          await driver.quit();
        } finally {
          await stopProcess(child);
          await stopProcess(display);
        }
      },
    };
  } catch (error) {
    await stopProcess(child);
    await stopProcess(display);
    throw error;
  }
}

/** Waits until `script` (a function run in the page) returns a true value. */
export async function waitInPage(driver, script, arg, timeout = 15000, message = "the page never got there") {
  await driver.wait(async () => Boolean(await driver.executeScript(script, arg)), timeout, message);
}

/** The element `css` once it is in the page and shown. */
export async function shown(driver, css, timeout = 15000) {
  const element = await driver.wait(until.elementLocated(By.css(css)), timeout, `${css} never appeared`);
  await driver.wait(until.elementIsVisible(element), timeout, `${css} never became visible`);
  return element;
}

/** The first element `css` whose text contains `text`, once it is in the page. */
export async function withText(driver, css, text, timeout = 15000) {
  return driver.wait(
    async () => {
      for (const element of await driver.findElements(By.css(css))) {
        if ((await element.getText()).includes(text)) return element;
      }
      return null;
    },
    timeout,
    `no ${css} with the text "${text}"`,
  );
}

/** Waits until the address (path and query) matches `pattern`. */
export async function waitForAddress(driver, pattern, timeout = 15000) {
  await driver.wait(async () => pattern.test(await driver.getCurrentUrl()), timeout, `address never matched ${pattern}`);
}

/** Waits until the catalog's answer is the answer to the address's query. */
export async function catalogSettled(driver) {
  await waitInPage(
    driver,
    () => {
      const section = document.querySelector("section[data-state]");
      if (!section) return false;
      const state = section.dataset.state;
      return state !== "loading" && state !== "refreshing" && (section.dataset.answers ?? "") === location.search;
    },
    undefined,
    15000,
    "the catalog never settled",
  );
}

/** Saves a screenshot of the window as target/screenshots/engines/<engine>-<name>.png. */
export async function screenshot(session, name) {
  const dir = join(ROOT, "target/screenshots/engines");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${session.engine}-${name}.png`);
  writeFileSync(file, Buffer.from(await session.driver.takeScreenshot(), "base64"));
  return file;
}

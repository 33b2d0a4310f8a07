// Which API request the page being opened makes first, decided before the
// app has loaded. These are the app's own rules, in JavaScript for the boot
// script: a config.json the app would refuse (src/api/runtime_config.rs,
// src/api/base.rs) gives no API base, and only the bare catalog and an
// image with a plain id (src/pages/mod.rs, src/routes.rs) have a request
// worked out here; every other page sends its own once the app runs.
// tests/boot_script.rs runs these and the Rust rules on the same hostile
// inputs and fails if they ever disagree.

/** The API's default path, on the page's own origin. */
const DEFAULT_API_PATH = "/api/v1";

/** The first page of the catalog, newest first: what the bare catalog asks for. */
export const CATALOG_FIRST_PAGE = "/images/public?page=1&limit=20&sort_by=added_date&sort_order=desc";

/** The keys the app knows in `config.json`; any other makes it refuse the file. */
const CONFIG_KEYS = ["api_base_url", "sign_in_help_url", "demo_server"];

/**
 * The API base URL from `config.json`'s answer, or null when the app would
 * refuse the file (it then says what is wrong, and no request should leave).
 * A missing file (404) means the default.
 */
export function apiBaseFromConfig(status, text, origin) {
  if (status === 404) return `${origin}${DEFAULT_API_PATH}`;
  if (status !== 200) return null;
  let config;
  try {
    config = JSON.parse(text);
  } catch {
    return null;
  }
  const known =
    config !== null &&
    typeof config === "object" &&
    !Array.isArray(config) &&
    Object.keys(config).every((key) => CONFIG_KEYS.includes(key)) &&
    (config.api_base_url == null || typeof config.api_base_url === "string") &&
    (config.sign_in_help_url == null || typeof config.sign_in_help_url === "string") &&
    (config.demo_server === undefined || typeof config.demo_server === "boolean");
  if (!known) return null;
  const base = String(config.api_base_url ?? DEFAULT_API_PATH).trim();
  if (base === "" || /[\s?#]/.test(base) || [...base].some(isControl)) return null;
  const absolute = base.startsWith("/") && !base.startsWith("//") ? `${origin}${base}` : base;
  const match = /^(https?):\/\/([^/?#]*)/i.exec(absolute);
  if (!match || match[2] === "" || /[\\@]/.test(match[2])) return null;
  return absolute.replace(/\/+$/, "");
}

/** A control character (Unicode's Cc: U+0000–U+001F and U+007F–U+009F). */
function isControl(character) {
  const code = character.codePointAt(0);
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

/**
 * The full URL of the opening request of the page at `pathname` with the
 * query `search`, below the app's base path `root` ("" at the site root),
 * for the API at `api`; null when the app works it out itself.
 */
export function openingRequestUrl(api, root, pathname, search) {
  if (api === null) return null;
  if ((pathname === root || pathname === `${root}/`) && search === "") {
    return `${api}${CATALOG_FIRST_PAGE}`;
  }
  const prefix = `${root}/images/`;
  const id = pathname.startsWith(prefix) ? pathname.slice(prefix.length) : "";
  if (/^[A-Za-z0-9_-]{1,200}$/.test(id)) return `${api}/images/public/${id}`;
  return null;
}

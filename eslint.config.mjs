// Lint for the project's JavaScript: the boot script and the reference page
// run in the browser, the service worker in its own scope, everything else
// (build scripts, tests, benchmarks) in Node.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["dist/", "target/", "node_modules/", "bench/node_modules/"] },
  js.configs.recommended,
  {
    files: ["src/boot/**/*.js", "bench/reference/**/*.js"],
    languageOptions: { sourceType: "module", globals: globals.browser },
  },
  {
    files: ["deploy/sw.template.js"],
    languageOptions: { sourceType: "script", globals: { ...globals.serviceworker, __VERSION__: "readonly", __SHELL__: "readonly" } },
  },
  {
    files: ["**/*.mjs"],
    languageOptions: { sourceType: "module", globals: { ...globals.node, ...globals.browser } },
  },
];

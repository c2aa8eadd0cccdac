// The site's scripts (ES modules in the browser): names must be declared (an element's id is not a variable),
// and ESLint's recommended rules. `make test` runs it.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["static_site/assets/js/**/*.js"],
    languageOptions: { ecmaVersion: 2024, sourceType: "module", globals: globals.browser },
  },
];

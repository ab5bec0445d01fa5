// ESLint (flat config) over the whole tree: TypeScript, React hooks and
// jsx-a11y, as `npm test` runs it (`npm run lint`). Formatting is Prettier's
// (prettier.config.js), so no stylistic rules here.
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["build/", "app/generated/", "node_modules/", "data/", "backups/", "test-results/", "playwright-report/", "coverage/", "public/build/", ".cache/"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      // Unused bindings are mistakes, unless named _like this on purpose (rest siblings that drop a field).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true, caughtErrors: "none" }],
    },
  },
  {
    // Routes are what a newcomer reads first: names say what a thing is, no one-letter names beyond
    // loop counters and the (a, b) of a sort.
    files: ["app/routes/**/*.{ts,tsx}"],
    rules: {
      "id-length": ["error", { min: 2, exceptions: ["i", "j", "a", "b", "_"], properties: "never" }],
    },
  },
  {
    files: ["app/**/*.tsx"],
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
    },
  },
);

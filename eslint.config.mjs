// Lint: typescript-eslint, React hooks, jsx-a11y and Next's rules; Prettier
// owns formatting (eslint-config-prettier turns off rules it handles).
import Module from "node:module";

// TypeScript 7 (the native compiler the build uses) has no JavaScript API,
// which typescript-eslint's parser needs; it gets TypeScript 5.9, installed
// as "typescript-5", instead. Only the linter's own modules are redirected.
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const fromLinter = /[\\/]node_modules[\\/](@typescript-eslint|typescript-eslint|ts-api-utils)[\\/]/.test(parent?.filename ?? "");
  return resolve.call(this, request === "typescript" && fromLinter ? "typescript-5" : request, parent, ...rest);
};

const { default: js } = await import("@eslint/js");
const { default: tseslint } = await import("typescript-eslint");
const { default: reactHooks } = await import("eslint-plugin-react-hooks");
const { default: jsxA11y } = await import("eslint-plugin-jsx-a11y");
const { default: next } = await import("@next/eslint-plugin-next");
const { default: prettier } = await import("eslint-config-prettier");
const { default: globals } = await import("globals");

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", "lib/generated/**", "test-results/**", "playwright-report/**", "bench-results/**", ".data*/**", "next-env.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y, "@next/next": next },
    languageOptions: { globals: { ...globals.browser, ...globals.node }, parserOptions: { ecmaFeatures: { jsx: true } } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      ...next.configs.recommended.rules,
      ...next.configs["core-web-vitals"].rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      // Validators match control characters on purpose, to refuse them.
      "no-control-regex": "off",
      // Labels whose text sits in nested spans (a title and a description).
      "jsx-a11y/label-has-associated-control": ["error", { depth: 3 }],
    },
    settings: { next: { rootDir: "." } },
  },
  { files: ["**/*.{js,mjs,cjs}"], languageOptions: { globals: { ...globals.node } } },
  // Playwright's fixtures call a function named `use`; they are not React.
  { files: ["e2e/**"], rules: { "react-hooks/rules-of-hooks": "off" } },
  prettier,
);

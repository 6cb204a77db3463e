import fs from "node:fs";
import path from "node:path";
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// Layers (docs/architecture.md#layers): src/server never imports a feature; a
// feature never imports another feature's ui/ (pages, src/compose and
// features/song-page compose them); client code never imports a server module.
const src = path.join(import.meta.dirname, "src");
const features = fs.readdirSync(path.join(src, "features"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
/** Features that compose other features' UI, as pages do. */
const composers = new Set(["song-page"]);
/** Files outside src/components and the features' ui/ folders that start with "use client". */
const otherClientFiles = fs
  .readdirSync(src, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
  .map((e) => path.relative(import.meta.dirname, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
  .filter((f) => !/^src\/(components|features\/[^/]+\/ui)\//.test(f) && /^\s*["']use client["']/.test(fs.readFileSync(path.join(import.meta.dirname, f), "utf8")))
  // As glob patterns: "[bandId]" would be a character class.
  .map((f) => f.replace(/\[/g, "[[]"));

const serverFromClient = {
  group: ["@/server/**", "**/server/**"],
  allowTypeImports: true,
  message: "Client code does not import server modules: take data from props or tRPC.",
};
const featuresFromServer = {
  group: ["@/features/**", "**/features/**", "@/compose/**", "**/compose/**"],
  message: "src/server does not import features: compose them in src/compose (root router, worker jobs) or in pages.",
};
/** Another feature's ui/, by alias or relative path; the feature's own ui/ stays allowed. */
const otherFeaturesUi = (feature) => ({
  group: ["@/features/*/ui/**", `!@/features/${feature}/ui/**`, "**/features/*/ui/**", `!**/features/${feature}/ui/**`, "../*/ui/**", `!../${feature}/ui/**`, "../../*/ui/**", `!../../${feature}/ui/**`],
  message: "A feature does not import another feature's UI: let the page (or features/song-page) compose them, pass it in as a prop, or move shared UI to src/components.",
});
const restrict = (...patterns) => ({ "@typescript-eslint/no-restricted-imports": ["error", { patterns }] });
const layers = [
  { files: ["src/server/**"], rules: restrict(featuresFromServer) },
  ...features.flatMap((feature) => {
    const own = composers.has(feature) ? [] : [otherFeaturesUi(feature)];
    const clientHere = otherClientFiles.filter((f) => f.startsWith(`src/features/${feature}/`));
    return [
      ...(own.length ? [{ files: [`src/features/${feature}/**`], rules: restrict(...own) }] : []),
      { files: [`src/features/${feature}/ui/**`, ...clientHere], rules: restrict(...own, serverFromClient) },
    ];
  }),
  { files: ["src/components/**", ...otherClientFiles.filter((f) => !f.startsWith("src/features/"))], rules: restrict(serverFromClient) },
];

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: ["node_modules/**", ".next*/**", ".data/**", "src/generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Playwright fixtures use an empty destructuring pattern by convention.
      "no-empty-pattern": "off",
    },
  },
  {
    // Playwright's fixture callback is named `use`; it is not a React hook.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  ...layers,
];

export default config;

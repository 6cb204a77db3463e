import path from "node:path";
import { defineConfig } from "vitest/config";

// "server-only" throws unless resolved under the react-server condition, which only Next sets:
// tests import server modules directly, as create-t3-app projects do.
const alias = {
  "@": path.resolve(import.meta.dirname, "src"),
  "server-only": path.resolve(import.meta.dirname, "src/test/server-only-stub.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          environment: "node",
          setupFiles: ["src/test/isolate-data-dir.ts"],
          sequence: { groupOrder: 0 },
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["src/**/*.int.test.ts", "prisma/**/*.int.test.ts"],
          environment: "node",
          setupFiles: ["src/test/isolate-data-dir.ts"],
          pool: "forks",
          // Runs after the unit project; it has its own worker limit.
          sequence: { groupOrder: 1 },
          // Each file gets its own fresh database; two at a time fit two cores.
          maxWorkers: 2,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          // The benchmarks' own tests: how they stop, and each one on its quick
          // configuration. They start servers and production builds, so they run
          // once (not in the PostgreSQL pass of the integration suite), one file
          // at a time, after everything else.
          name: "benchmarks",
          include: ["bench/**/*.int.test.ts"],
          environment: "node",
          pool: "forks",
          sequence: { groupOrder: 2 },
          maxWorkers: 1,
          testTimeout: 60_000,
        },
      },
    ],
  },
});

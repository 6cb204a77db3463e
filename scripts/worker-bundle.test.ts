import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ensureWorkerBundle, WORKER_NODE_FLAGS } from "./worker-bundle.mjs";

let root: string;
const outDir = () => path.join(root, "out");
const write = (file: string, text: string) => fs.writeFileSync(path.join(root, file), text);
const run = (file: string) => execFileSync(process.execPath, [file], { encoding: "utf8" }).trim();

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "rehearsalhub-bundle-"));
  fs.mkdirSync(path.join(root, "src"));
  write("tsconfig.json", JSON.stringify({ compilerOptions: { paths: { "@/*": ["./src/*"] } } }));
  write("package-lock.json", "{}");
  write("main.ts", 'import { word } from "@/word";\nconst greeting: string = word();\nconsole.log(greeting);\n');
  write("src/word.ts", 'export const word = (): string => "one";\n');
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

it("npm run worker starts the worker with the same flags as npm start", () => {
  const scripts = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;
  expect(scripts.worker).toBe(`node ${WORKER_NODE_FLAGS.join(" ")} scripts/start-worker.mjs`);
});

it("builds a runnable bundle once, and again only when an input changes", async () => {
  const first = await ensureWorkerBundle({ root, entry: "main.ts", outDir: outDir() });
  expect(first.built).toBe(true);
  expect(run(first.file)).toBe("one");

  expect((await ensureWorkerBundle({ root, entry: "main.ts", outDir: outDir() })).built).toBe(false);

  write("src/word.ts", 'export const word = (): string => "two!";\n');
  const second = await ensureWorkerBundle({ root, entry: "main.ts", outDir: outDir() });
  expect(second.built).toBe(true);
  expect(run(second.file)).toBe("two!");

  write("package-lock.json", '{ "changed": true }');
  expect((await ensureWorkerBundle({ root, entry: "main.ts", outDir: outDir() })).built).toBe(true);
});

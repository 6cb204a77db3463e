// Writes the permission table in docs/security.md from the authorization matrix.
// Usage: npm run docs:permissions
import { readFile, writeFile } from "node:fs/promises";
import { withPermissionsTable } from "@/test/permissions-table";

const file = "docs/security.md";
const doc = await readFile(file, "utf8");
const updated = withPermissionsTable(doc);
if (updated === doc) {
  console.log(`${file}'s permission table is up to date.`);
} else {
  await writeFile(file, updated);
  console.log(`Updated the permission table in ${file}.`);
}

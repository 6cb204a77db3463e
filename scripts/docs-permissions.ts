// Writes README.md's permission table from the authorization matrix.
// Usage: npm run docs:permissions
import { readFile, writeFile } from "node:fs/promises";
import { withPermissionsTable } from "@/server/api/permissions-table";

const readme = await readFile("README.md", "utf8");
const updated = withPermissionsTable(readme);
if (updated === readme) {
  console.log("README.md's permission table is up to date.");
} else {
  await writeFile("README.md", updated);
  console.log("Updated the permission table in README.md.");
}

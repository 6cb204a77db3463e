import { afterAll, beforeAll, expect, it } from "vitest";
import { callerFor, createUser } from "@/test/callers";
import { createTestDatabase } from "@/test/test-database";
import { handleUnsubscribePost } from "./unsubscribe.handler";
import { createUnsubscribeLink } from "./unsubscribe-token";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

const post = (token: string, body: string) =>
  handleUnsubscribePost(new Request(`http://app.test/unsubscribe/${token}`, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } }), t.db, token);

it("a provider's one-click POST unsubscribes with a 200; the page's form gets sent back to the page", async () => {
  const user = await createUser(t.db, "reader");
  const token = (await createUnsubscribeLink(t.db, user.id, "MENTIONS")).split("/").at(-1)!;
  const res = await post(token, "List-Unsubscribe=One-Click");
  expect(res.status).toBe(200);
  expect(await callerFor(t.db, user).notification.get()).toMatchObject({ mentions: "OFF", replies: "INSTANT" });

  const other = (await createUnsubscribeLink(t.db, user.id, "REPLIES")).split("/").at(-1)!;
  const form = await post(other, "");
  expect(form.status).toBe(303);
  expect(form.headers.get("location")).toBe(`/unsubscribe/${other}`);
  expect(await callerFor(t.db, user).notification.get()).toMatchObject({ replies: "OFF" });

  expect((await post("x".repeat(43), "List-Unsubscribe=One-Click")).status).toBe(404);
});

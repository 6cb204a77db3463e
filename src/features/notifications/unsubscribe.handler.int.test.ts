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
  expect(form.headers.get("location")).toBe(`/unsubscribe/${other}?done=1`);
  expect(await callerFor(t.db, user).notification.get()).toMatchObject({ replies: "OFF" });

  expect((await post("x".repeat(43), "List-Unsubscribe=One-Click")).status).toBe(404);
});

it("a second one-click POST after the mail was turned back on changes nothing and says so; an expired link says so", async () => {
  const user = await createUser(t.db, "changes their mind");
  const token = (await createUnsubscribeLink(t.db, user.id, "MENTIONS")).split("/").at(-1)!;
  expect((await post(token, "List-Unsubscribe=One-Click")).status).toBe(200);
  await callerFor(t.db, user).notification.update({ mentions: "INSTANT" });

  const again = await post(token, "List-Unsubscribe=One-Click");
  expect(again.status).toBe(200);
  expect(await again.text()).toBe("This link was already used; nothing changed.");
  expect(await callerFor(t.db, user).notification.get()).toMatchObject({ mentions: "INSTANT" });
  const form = await post(token, "");
  expect(form.headers.get("location")).toBe(`/unsubscribe/${token}`);
  expect(await callerFor(t.db, user).notification.get()).toMatchObject({ mentions: "INSTANT" });

  const old = (await createUnsubscribeLink(t.db, user.id, "MENTIONS")).split("/").at(-1)!;
  await t.db.unsubscribeToken.updateMany({ where: { userId: user.id, usedAt: null }, data: { createdAt: new Date(Date.now() - 91 * 24 * 60 * 60 * 1000) } });
  const expired = await post(old, "List-Unsubscribe=One-Click");
  expect(expired.status).toBe(410);
  expect(await expired.text()).toMatch(/^This link has expired; nothing changed\. Change your email settings at https?:\/\/\S+\/settings\/notifications$/);
  expect(await callerFor(t.db, user).notification.get()).toMatchObject({ mentions: "INSTANT" });
});

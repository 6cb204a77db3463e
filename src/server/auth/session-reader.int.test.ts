import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/test/callers";
import { createTestDatabase } from "@/test/test-database";
import { sessionCookieName, sessionUserFromRequest } from "./session-reader";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

const withCookie = (cookie: string | null) => new Request("http://app.test/x", { headers: cookie ? { cookie } : {} });

describe("sessionUserFromRequest (the route handlers' session lookup)", () => {
  it("finds the user of a live database session from next-auth's cookie", async () => {
    const user = await createUser(t.db, "listener");
    await t.db.session.create({ data: { sessionToken: "live-token", userId: user.id, expires: new Date(Date.now() + 60_000) } });
    const cookie = `theme=dark; ${sessionCookieName("http://localhost:3000")}=live-token; other=1`;
    expect(await sessionUserFromRequest(t.db, withCookie(cookie))).toEqual(user);
  });

  it("refuses expired, unknown, deleted (signed-out) and missing sessions", async () => {
    const user = await createUser(t.db, "expired");
    await t.db.session.create({ data: { sessionToken: "old-token", userId: user.id, expires: new Date(Date.now() - 1000) } });
    const name = sessionCookieName("http://localhost:3000");
    expect(await sessionUserFromRequest(t.db, withCookie(`${name}=old-token`))).toBeNull();
    expect(await sessionUserFromRequest(t.db, withCookie(`${name}=nope`))).toBeNull();
    expect(await sessionUserFromRequest(t.db, withCookie(`${name}=%E0%A4%A`))).toBeNull();
    expect(await sessionUserFromRequest(t.db, withCookie(null))).toBeNull();

    await t.db.session.create({ data: { sessionToken: "signed-out", userId: user.id, expires: new Date(Date.now() + 60_000) } });
    expect(await sessionUserFromRequest(t.db, withCookie(`${name}=signed-out`))).not.toBeNull();
    await t.db.session.delete({ where: { sessionToken: "signed-out" } });
    expect(await sessionUserFromRequest(t.db, withCookie(`${name}=signed-out`))).toBeNull();
  });

  it("uses next-auth's secure cookie name over https", () => {
    expect(sessionCookieName("https://band.example")).toBe("__Secure-next-auth.session-token");
    expect(sessionCookieName("http://localhost:3000")).toBe("next-auth.session-token");
  });
});

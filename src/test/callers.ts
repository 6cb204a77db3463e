import type { PrismaClient } from "@/generated/prisma/client";
import type { BandRole } from "@/lib/roles";
import { createCaller } from "@/compose/root-router";
import { createContextInner } from "@/server/api/trpc";
import type { SessionUser } from "@/server/auth/session";

let counter = 0;

/** Creates a user row as email sign-in would, with a unique address. */
export async function createUser(db: PrismaClient, name = "user"): Promise<SessionUser> {
  const email = `${name}.${process.pid}.${Date.now().toString(36)}.${(counter++).toString(36)}@example.test`;
  const user = await db.user.create({ data: { email, name, emailVerified: new Date() }, select: { id: true, email: true, name: true } });
  return user;
}

/** A tRPC caller acting as `user` (or anonymously), exactly as the HTTP handler would build it. */
export function callerFor(db: PrismaClient, user: SessionUser | null) {
  return createCaller(createContextInner({ db, user }));
}

/** A band with an owner and, optionally, more members at given roles. */
export async function createBandWith(db: PrismaClient, members: Partial<Record<"admin" | "member" | "owner2", true>> = {}) {
  const owner = await createUser(db, "owner");
  const band = await callerFor(db, owner).band.create({ name: `Band ${counter++}` });
  const extra: Partial<Record<"admin" | "member" | "owner2", SessionUser>> = {};
  const roles: Record<"admin" | "member" | "owner2", BandRole> = { admin: "ADMIN", member: "MEMBER", owner2: "OWNER" };
  for (const key of Object.keys(members) as (keyof typeof roles)[]) {
    const user = await createUser(db, key);
    await db.bandMember.create({ data: { bandId: band.id, userId: user.id, role: roles[key] } });
    extra[key] = user;
  }
  return { band, owner, ...extra };
}

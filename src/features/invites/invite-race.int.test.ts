import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, createBandWith, createUser } from "@/test/callers";
import { raceLabel, racesRunInParallel } from "@/test/race";
import { createTestDatabase } from "@/test/test-database";
import { INVITE_LIMITS } from "./invite.rate-limits";
import { tokenOf, useTempOutbox } from "./testing/invite-test-kit";

/**
 * Single use under concurrency: 20 parallel accepts of one token, repeated for
 * several rounds. They race only on PostgreSQL (TEST_DATABASE_URL); on PGlite
 * they run one transaction at a time (see src/test/race.ts), and the names say so.
 */
const ROUNDS = Number(process.env.INVITE_RACE_ROUNDS ?? 5);
const PARALLEL = 20;

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let outbox: ReturnType<typeof useTempOutbox>;
const savedLimits = { ...INVITE_LIMITS };
const backend = racesRunInParallel ? "postgresql" : "pglite";

beforeAll(async () => {
  outbox = useTempOutbox();
  t = await createTestDatabase();
  // The race is about the transaction, not the per-user attempt cap.
  INVITE_LIMITS.acceptAttemptsPerUserPerMinute = 10_000;
});
afterAll(async () => {
  Object.assign(INVITE_LIMITS, savedLimits);
  await t?.close();
  outbox?.cleanup();
});

function outcome(result: PromiseSettledResult<unknown>): string {
  if (result.status === "fulfilled") return "ok";
  const e = result.reason as { code?: string; cause?: { reason?: string } };
  return `${e.code}:${e.cause?.reason ?? "none"}`;
}

function tally(results: PromiseSettledResult<unknown>[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of results) counts[outcome(r)] = (counts[outcome(r)] ?? 0) + 1;
  return counts;
}

describe(`invite.accept race on ${backend}`, () => {
  it(`${ROUNDS} rounds of ${PARALLEL} parallel accepts of one token: exactly one membership, every other call a clean 409 ${raceLabel}`, async () => {
    const rounds: Record<string, number>[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const { band, owner } = await createBandWith(t.db);
      const invitee = await createUser(t.db, "racer");
      const { link } = await callerFor(t.db, owner).invite.create({ bandId: band.id, email: invitee.email });
      const token = tokenOf(link);
      // Each call is its own request (own caller), as separate HTTP requests would be.
      const results = await Promise.allSettled(Array.from({ length: PARALLEL }, () => callerFor(t.db, invitee).invite.accept({ token })));
      const counts = tally(results);
      rounds.push(counts);

      expect(counts.ok).toBe(1);
      for (const key of Object.keys(counts)) expect(["ok", "CONFLICT:INVITE_USED", "CONFLICT:ALREADY_MEMBER"]).toContain(key);
      expect(await t.db.bandMember.count({ where: { bandId: band.id, userId: invitee.id } })).toBe(1);
      expect(await t.db.bandActivity.count({ where: { bandId: band.id, type: "INVITE_ACCEPTED" } })).toBe(1);
      expect(await t.db.bandActivity.count({ where: { bandId: band.id, type: "MEMBER_JOINED" } })).toBe(1);
      expect(await t.db.bandInvite.findFirstOrThrow({ where: { bandId: band.id } })).toMatchObject({ state: "ACCEPTED", acceptedById: invitee.id });
    }
    console.info(`[race] invite.accept on ${backend}: ${JSON.stringify(rounds)}`);
  });

  it(`accept racing decline and revoke: exactly one answer wins ${raceLabel}`, async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const { band, owner } = await createBandWith(t.db);
      const invitee = await createUser(t.db, "racer");
      const { link, invite } = await callerFor(t.db, owner).invite.create({ bandId: band.id, email: invitee.email });
      const token = tokenOf(link);
      const calls = Array.from({ length: PARALLEL }, (_, i) =>
        (i + round) % 3 === 0
          ? callerFor(t.db, invitee).invite.decline({ token })
          : (i + round) % 3 === 1
            ? callerFor(t.db, invitee).invite.accept({ token })
            : callerFor(t.db, owner).invite.revoke({ bandId: band.id, inviteId: invite.id }),
      );
      await Promise.allSettled(calls);
      const row = await t.db.bandInvite.findFirstOrThrow({ where: { bandId: band.id } });
      const members = await t.db.bandMember.count({ where: { bandId: band.id, userId: invitee.id } });
      outcomes.push(row.state);
      expect(members).toBe(row.state === "ACCEPTED" ? 1 : 0);
      expect(await t.db.bandActivity.count({ where: { bandId: band.id, type: { in: ["INVITE_ACCEPTED", "INVITE_DECLINED", "INVITE_REVOKED"] } } })).toBe(1);
    }
    console.info(`[race] accept/decline/revoke on ${backend}: winners ${JSON.stringify(outcomes)}`);
  });
});

describe(`joinLink.join race on ${backend}`, () => {
  it(`${PARALLEL} different people join a link with 5 uses at once: exactly 5 join ${raceLabel}`, async () => {
    const rounds: Record<string, number>[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const { band, owner } = await createBandWith(t.db);
      const { link } = await callerFor(t.db, owner).joinLink.create({ bandId: band.id, maxUses: 5, expiresInDays: 7 });
      const token = tokenOf(link);
      const people = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => createUser(t.db, `joiner${i}`)));
      const results = await Promise.allSettled(people.map((p) => callerFor(t.db, p).joinLink.join({ token })));
      const counts = tally(results);
      rounds.push(counts);
      expect(counts).toEqual({ ok: 5, "CONFLICT:INVITE_USED": PARALLEL - 5 });
      expect(await t.db.bandMember.count({ where: { bandId: band.id } })).toBe(6);
      expect((await t.db.bandJoinLink.findFirstOrThrow({ where: { bandId: band.id } })).uses).toBe(5);
      expect(await t.db.bandActivity.count({ where: { bandId: band.id, type: "JOIN_LINK_USED" } })).toBe(5);
    }
    console.info(`[race] joinLink.join on ${backend}: ${JSON.stringify(rounds)}`);
  });
});

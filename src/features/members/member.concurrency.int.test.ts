import { PrismaPg } from "@prisma/adapter-pg";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import { callerFor, createBandWith } from "@/test/callers";
import { raceLabel, racesRunInParallel } from "@/test/race";
import { createTestDatabase } from "@/test/test-database";

/**
 * Two owners acting against each other at the same instant, many times over.
 * Whatever the interleaving, the band must keep at least one owner and exactly
 * one of the two changes may win. Only a real PostgreSQL (TEST_DATABASE_URL)
 * runs the two transactions in parallel, so only there does this fail when
 * the band-row lock is missing; on PGlite it is a serial smoke test (see
 * src/test/race.ts), and the test names say so.
 */
const ROUNDS = Number(process.env.CONCURRENCY_ROUNDS ?? 25);

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

const outcomeOf = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => {
      if (!(e instanceof TRPCError)) throw e;
      return `${e.code}/${(e.cause as { reason?: string } | undefined)?.reason ?? "-"}`;
    },
  );

type Scenario = {
  name: string;
  race: (a: ReturnType<typeof callerFor>, b: ReturnType<typeof callerFor>, ids: { bandId: string; a: string; b: string }) => Promise<unknown>[];
};

const scenarios: Scenario[] = [
  {
    name: "two owners demote each other",
    race: (a, b, ids) => [
      a.member.updateRole({ bandId: ids.bandId, userId: ids.b, role: "ADMIN" }),
      b.member.updateRole({ bandId: ids.bandId, userId: ids.a, role: "ADMIN" }),
    ],
  },
  {
    name: "two owners step down at once",
    race: (a, b, ids) => [
      a.member.updateRole({ bandId: ids.bandId, userId: ids.a, role: "MEMBER" }),
      b.member.updateRole({ bandId: ids.bandId, userId: ids.b, role: "MEMBER" }),
    ],
  },
  {
    name: "two owners leave at once",
    race: (a, b, ids) => [a.member.leave({ bandId: ids.bandId }), b.member.leave({ bandId: ids.bandId })],
  },
  {
    name: "two owners remove each other",
    race: (a, b, ids) => [
      a.member.remove({ bandId: ids.bandId, userId: ids.b }),
      b.member.remove({ bandId: ids.bandId, userId: ids.a }),
    ],
  },
];

describe.each(scenarios)("never zero owners: $name", ({ name, race }) => {
  it(`keeps exactly one owner over ${ROUNDS} rounds ${raceLabel}`, async () => {
    const tally = new Map<string, number>();
    for (let round = 0; round < ROUNDS; round++) {
      const { band, owner, owner2 } = await createBandWith(t.db, { owner2: true });
      const outcomes = await Promise.all(
        race(callerFor(t.db, owner), callerFor(t.db, owner2!), { bandId: band.id, a: owner.id, b: owner2!.id }).map(outcomeOf),
      );
      for (const o of outcomes) tally.set(o, (tally.get(o) ?? 0) + 1);
      expect(await t.db.bandMember.count({ where: { bandId: band.id, role: "OWNER" } }), `round ${round}: ${outcomes.join(", ")}`).toBe(1);
      expect(outcomes.filter((o) => o === "ok"), `round ${round}`).toHaveLength(1);
      expect(outcomes.find((o) => o !== "ok")).toMatch(/^(CONFLICT\/LAST_OWNER|FORBIDDEN\/(INSUFFICIENT_ROLE|NOT_A_MEMBER))$/);
    }
    const summary = [...tally].map(([k, v]) => `${k} x${v}`).join(", ");
    console.log(`[concurrency] ${racesRunInParallel ? "PostgreSQL" : "PGlite"} · ${name} · ${ROUNDS} rounds · ${summary}`);
    expect(tally.get("ok")).toBe(ROUNDS);
  });
});

/**
 * The races above cannot fail on PGlite. This one can, on any database: it
 * reads the statements each membership change sends and checks that the owner
 * count and the write come after the band-row lock (the count is only ever
 * taken inside the change's transaction, never by the access check before it).
 */
describe("membership changes take the band-row lock first (any database: catches a missing lock on PGlite too)", () => {
  let statements: string[] = [];
  const loggingClient = () => {
    const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: t.url, max: 1 }), log: [{ emit: "event", level: "query" }] });
    client.$on("query", (event) => statements.push(event.query));
    return client;
  };
  let logged: ReturnType<typeof loggingClient>;
  beforeAll(() => {
    logged = loggingClient();
  });
  afterAll(async () => {
    await logged?.$disconnect();
  });

  const changes: { name: string; run: (a: ReturnType<typeof callerFor>, ids: { bandId: string; b: string }) => Promise<unknown> }[] = [
    { name: "member.updateRole", run: (a, ids) => a.member.updateRole({ bandId: ids.bandId, userId: ids.b, role: "ADMIN" }) },
    { name: "member.remove", run: (a, ids) => a.member.remove({ bandId: ids.bandId, userId: ids.b }) },
    { name: "member.leave", run: (a, ids) => a.member.leave({ bandId: ids.bandId }) },
  ];

  it.each(changes)("$name counts owners and writes only under the lock", async ({ run }) => {
    const { band, owner, owner2 } = await createBandWith(t.db, { owner2: true });
    statements = [];
    await run(callerFor(logged as unknown as PrismaClient, owner), { bandId: band.id, b: owner2!.id });
    const lock = statements.findIndex((q) => /FROM "Band" WHERE id = \$1 FOR UPDATE/.test(q));
    const ownerCount = statements.findIndex((q) => /SELECT COUNT\(\*\)/.test(q) && q.includes('"BandMember"'));
    const write = statements.findIndex((q) => /^(UPDATE|DELETE FROM) "public"\."BandMember"/.test(q));
    expect({ lock, ownerCount, write }, statements.join("\n")).toEqual({ lock: expect.any(Number), ownerCount: expect.any(Number), write: expect.any(Number) });
    expect(lock, `no band-row lock in:\n${statements.join("\n")}`).toBeGreaterThanOrEqual(0);
    expect(ownerCount).toBeGreaterThan(lock);
    expect(write).toBeGreaterThan(lock);
  });
});

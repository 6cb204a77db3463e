import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, createBandWith } from "@/test/callers";
import { createTestDatabase } from "@/test/test-database";

/**
 * Two owners acting against each other at the same instant, many times over.
 * Whatever the interleaving, the band must keep at least one owner and exactly
 * one of the two changes may win. Runs on PGlite by default and on a real
 * PostgreSQL (truly parallel transactions) with TEST_DATABASE_URL.
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
  it(`keeps exactly one owner over ${ROUNDS} rounds`, async () => {
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
    console.log(`[concurrency] ${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "PGlite"} · ${name} · ${ROUNDS} rounds · ${summary}`);
    expect(tally.get("ok")).toBe(ROUNDS);
  });
});

import type PgBoss from "pg-boss";
import { beforeAll, describe, expect, it } from "vitest";
import { ANALYSE_TAKE_QUEUE, type AnalyseTakeJob } from "@/server/jobs/queues";
import { mediaTools } from "@/server/media/tools";
import { getStorage } from "@/server/storage";
import { createBandWith } from "@/test/callers";
import { databaseWithStorage } from "@/test/database-with-storage";
import { createTake } from "@/test/takes";
import { backfillTakeAnalyses, requestAnalysis, runAnalyseTakeJob } from "./analyse-take.job";

/** Queueing analyses (after processing, again on retry, the backfill) and what a failing attempt leaves. */
const t = databaseWithStorage("rehearsalhub-analyse-job-");
let bandId: string;
let songId: string;
let uploaderId: string;

beforeAll(async () => {
  const { band, owner } = await createBandWith(t.db);
  bandId = band.id;
  uploaderId = owner.id;
  songId = (await t.db.song.create({ data: { bandId, title: "Analysed" } })).id;
});

async function readyTake() {
  const take = await createTake(t.db, { bandId, songId, uploaderId });
  await t.db.version.update({ where: { id: take.id }, data: { processing: "READY" } });
  return take;
}

async function jobsFor(ids: string[]): Promise<number> {
  const [row] = await t.db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM pgboss.job WHERE name = ${ANALYSE_TAKE_QUEUE} AND data->>'versionId' = ANY(${ids}) AND state < 'completed'`;
  return row!.n;
}

const job = (versionId: string, retryCount: number) => ({ data: { versionId }, retryCount, retryLimit: 1 }) as unknown as PgBoss.JobWithMetadata<AnalyseTakeJob>;
const deps = () => ({ db: t.db, storage: getStorage(), tools: mediaTools() });

describe("the backfill at worker start", () => {
  it("queues each READY take without an analysis once, in batches, and never a take still processing or already analysed", async () => {
    await t.db.takeAnalysis.deleteMany({});
    const ready = [await readyTake(), await readyTake(), await readyTake()];
    const pending = await createTake(t.db, { bandId, songId, uploaderId });
    const analysed = await readyTake();
    await t.db.takeAnalysis.create({ data: { versionId: analysed.id, bandId, state: "READY" } });

    expect(await backfillTakeAnalyses(t.db, { limit: 2 })).toBe(2);
    expect(await backfillTakeAnalyses(t.db, { limit: 2 })).toBe(1);
    expect(await backfillTakeAnalyses(t.db)).toBe(0);

    const ids = ready.map((v) => v.id);
    expect(await jobsFor(ids)).toBe(3);
    expect(await jobsFor([pending.id, analysed.id])).toBe(0);
    const rows = await t.db.takeAnalysis.findMany({ where: { versionId: { in: ids } } });
    expect(rows.map((r) => r.state)).toEqual(["PENDING", "PENDING", "PENDING"]);
  });

  it("two workers starting together queue each take once", async () => {
    const ready = [await readyTake(), await readyTake(), await readyTake(), await readyTake()];
    const [a, b] = await Promise.all([backfillTakeAnalyses(t.db), backfillTakeAnalyses(t.db)]);
    expect(a + b).toBe(4);
    expect(await jobsFor(ready.map((v) => v.id))).toBe(4);
  });
});

describe("an analysis whose job was lost", () => {
  it("is queued again when it has been waiting a while with no live job, and left alone while its job lives", async () => {
    const lost = await readyTake();
    const live = await readyTake();
    const recent = await readyTake();
    await t.db.takeAnalysis.createMany({ data: [lost, live, recent].map((v) => ({ versionId: v.id, bandId, state: "RUNNING" as const })) });
    await requestAnalysis(t.db, live.id);
    await t.db.takeAnalysis.update({ where: { versionId: live.id }, data: { state: "RUNNING" } });
    await t.db.$executeRaw`UPDATE "TakeAnalysis" SET "updatedAt" = now() - interval '1 hour' WHERE "versionId" IN (${lost.id}, ${live.id})`;

    expect(await backfillTakeAnalyses(t.db)).toBe(1);
    expect(await jobsFor([lost.id])).toBe(1);
    expect(await jobsFor([live.id])).toBe(1);
    expect(await jobsFor([recent.id])).toBe(0);
    expect((await t.db.takeAnalysis.findUniqueOrThrow({ where: { versionId: lost.id } })).state).toBe("PENDING");
    expect((await t.db.takeAnalysis.findUniqueOrThrow({ where: { versionId: recent.id } })).state).toBe("RUNNING");
  });
});

describe("a take processed again", () => {
  it("is analysed again: its analysis back to PENDING with a job", async () => {
    const take = await readyTake();
    await t.db.takeAnalysis.create({ data: { versionId: take.id, bandId, state: "ABSENT", reason: "The take is silent." } });
    await requestAnalysis(t.db, take.id);
    const row = await t.db.takeAnalysis.findUniqueOrThrow({ where: { versionId: take.id } });
    expect(row.state).toBe("PENDING");
    expect(row.reason).toBeNull();
    expect(await jobsFor([take.id])).toBe(1);
  });
});

describe("an attempt that fails", () => {
  it("goes back to PENDING and is retried; the last attempt ends ABSENT with a sentence, the take still READY", async () => {
    const take = await readyTake();
    await t.db.takeAnalysis.create({ data: { versionId: take.id, bandId, state: "PENDING" } });
    // Its file gone from storage: reading it fails, which is not the file's fault.
    await getStorage().delete(take.storageKey);
    await expect(runAnalyseTakeJob(job(take.id, 0), deps())).rejects.toThrow();
    expect((await t.db.takeAnalysis.findUniqueOrThrow({ where: { versionId: take.id } })).state).toBe("PENDING");

    await runAnalyseTakeJob(job(take.id, 1), deps());
    const row = await t.db.takeAnalysis.findUniqueOrThrow({ where: { versionId: take.id } });
    expect(row.state).toBe("ABSENT");
    expect(row.reason).toMatch(/^The analysis did not finish .*\.$/);
    expect((await t.db.version.findUniqueOrThrow({ where: { id: take.id } })).processing).toBe("READY");
  });

  it("does nothing for a take deleted or not processed", async () => {
    const pending = await createTake(t.db, { bandId, songId, uploaderId });
    await t.db.takeAnalysis.create({ data: { versionId: pending.id, bandId, state: "PENDING" } });
    await runAnalyseTakeJob(job(pending.id, 0), deps());
    expect((await t.db.takeAnalysis.findUniqueOrThrow({ where: { versionId: pending.id } })).state).toBe("PENDING");
    await expect(runAnalyseTakeJob(job("no-such-take", 0), deps())).resolves.toBeUndefined();
  });
});

import { expect, it } from "vitest";
import { createBandWith } from "@/test/callers";
import { databaseWithStorage } from "@/test/database-with-storage";
import { createTake } from "@/test/takes";
import { runProcessTakeFailedJob, STOPPED_REPEATEDLY } from "./process-take.job";
import { PROCESS_TAKE_FAILED_QUEUE, PROCESS_TAKE_QUEUE } from "./queues";
import { sweepOrphanedTakes } from "./sweeper";
import type PgBoss from "pg-boss";

const t = databaseWithStorage("rehearsalhub-sweeper-");

const jobsFor = (versionId: string) =>
  t.db.$queryRaw<{ name: string; state: string }[]>`SELECT name, state::text FROM pgboss.job WHERE data->>'versionId' = ${versionId} ORDER BY created_on`;

it("queues a waiting take that has no job, once, and leaves recent, done and failed takes alone", async () => {
  const { band, owner } = await createBandWith(t.db);
  const song = await t.db.song.create({ data: { bandId: band.id, title: "Strays" } });
  const make = () => createTake(t.db, { bandId: band.id, songId: song.id, uploaderId: owner.id });
  const [stray, recent, ready, failed] = [await make(), await make(), await make(), await make()];
  const old = new Date(Date.now() - 60_000);
  await t.db.$executeRaw`UPDATE "Version" SET "updatedAt" = ${old} WHERE id IN (${stray.id}, ${ready.id}, ${failed.id})`;
  await t.db.$executeRaw`UPDATE "Version" SET processing = 'READY' WHERE id = ${ready.id}`;
  await t.db.$executeRaw`UPDATE "Version" SET processing = 'FAILED' WHERE id = ${failed.id}`;

  expect(await sweepOrphanedTakes(t.db)).toBe(1);
  expect(await jobsFor(stray.id)).toEqual([{ name: PROCESS_TAKE_QUEUE, state: "created" }]);
  for (const take of [recent, ready, failed]) expect(await jobsFor(take.id)).toEqual([]);
  // It has a job now: the next sweep leaves it be.
  expect(await sweepOrphanedTakes(t.db)).toBe(0);
});

it("a job dead-lettered after its last attempt marks the take FAILED with a reason", async () => {
  const { band, owner } = await createBandWith(t.db);
  const song = await t.db.song.create({ data: { bandId: band.id, title: "Killed" } });
  const take = await createTake(t.db, { bandId: band.id, songId: song.id, uploaderId: owner.id });
  await t.db.version.update({ where: { id: take.id }, data: { processing: "PROCESSING" } });
  await runProcessTakeFailedJob({ id: "j", name: PROCESS_TAKE_FAILED_QUEUE, data: { versionId: take.id } } as PgBoss.Job<{ versionId: string }>, t.db);
  expect(await t.db.version.findUniqueOrThrow({ where: { id: take.id }, select: { processing: true, processingError: true } })).toEqual({
    processing: "FAILED",
    processingError: STOPPED_REPEATEDLY,
  });
});

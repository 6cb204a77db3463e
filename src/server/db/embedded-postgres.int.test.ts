import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createPrismaClient } from "./client";
import { startEmbeddedPostgres, startInMemoryPostgres } from "./embedded-postgres";
import { applyMigrations } from "./migrate";

describe("embedded PostgreSQL on a data directory", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "rehearsalhub-pglite-"));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("keeps data written through Prisma across stop and start", async () => {
    const first = await startEmbeddedPostgres({ dataDir });
    try {
      await applyMigrations(first.url);
      const db = createPrismaClient(first.url);
      await db.band.create({ data: { name: "The Persistent Ones" } });
      await db.$disconnect();
    } finally {
      await first.stop();
    }

    const second = await startEmbeddedPostgres({ dataDir });
    try {
      expect((await applyMigrations(second.url)).applied).toEqual([]);
      const db = createPrismaClient(second.url);
      const bands = await db.band.findMany();
      await db.$disconnect();
      expect(bands.map((band) => band.name)).toEqual(["The Persistent Ones"]);
    } finally {
      await second.stop();
    }
  });

  it("refuses to open a data directory that is already open", async () => {
    const running = await startEmbeddedPostgres({ dataDir });
    try {
      await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(/already open/);
    } finally {
      await running.stop();
    }
  });
});

// The parts of node-postgres's protocol-level Connection the test drives;
// @types/pg only describes what pg.Client uses.
interface ProtocolConnection {
  connect(port: number, host: string): void;
  startup(config: { user: string; database: string }): void;
  parse(query: { text: string; types: number[] }): void;
  bind(config: { values: unknown[] }): void;
  execute(config: object): void;
  flush(): void;
  sync(): void;
  end(): void;
  on(event: string, listener: (message: never) => void): void;
  once(event: string, listener: (message: never) => void): void;
}

describe("pglite-socket with several connections", () => {
  it("does not let one connection's statement replace another's mid-batch", async () => {
    const server = await startInMemoryPostgres();
    const { port } = new URL(server.url);
    // A bare protocol connection, so the test can pause between Parse and Bind.
    const paused = new pg.Connection() as unknown as ProtocolConnection;
    const other = new pg.Client({ connectionString: server.url });
    try {
      await new Promise<void>((resolve, reject) => {
        paused.once("readyForQuery", () => resolve());
        paused.once("errorMessage", reject);
        paused.once("connect", () => paused.startup({ user: "postgres", database: "postgres" }));
        paused.connect(Number(port), "127.0.0.1");
      });
      await other.connect();

      const rows: string[][] = [];
      const errors: string[] = [];
      paused.on("dataRow", (message: { fields: unknown[] }) => rows.push(message.fields.map(String)));
      paused.on("errorMessage", (message: Error) => errors.push(message.message));
      const pausedDone = new Promise((resolve) => paused.once("readyForQuery", resolve));

      paused.parse({ text: "SELECT 'paused' AS who, $1::text AS value", types: [] });
      paused.flush();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const otherQuery = other.query("SELECT 'other' AS who, $1::int AS value", [7]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      paused.bind({ values: ["mine"] });
      paused.execute({});
      paused.sync();

      await pausedDone;
      expect(errors).toEqual([]);
      expect(rows).toEqual([["paused", "mine"]]);
      expect((await otherQuery).rows).toEqual([{ who: "other", value: 7 }]);
    } finally {
      paused.end();
      await other.end();
      await server.stop();
    }
  });
});

describe("Prisma transactions", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it("commits 20 concurrent interactive transactions", async () => {
    const { db } = database;
    const band = await db.band.create({ data: { name: "Concurrent" } });
    const count = 20;
    const songs = await Promise.all(
      Array.from({ length: count }, (_, index) =>
        db.$transaction(async (tx) => {
          const song = await tx.song.create({ data: { bandId: band.id, title: `Song ${index}` } });
          await tx.band.update({ where: { id: band.id }, data: { name: `Concurrent ${index}` } });
          return song;
        }),
      ),
    );
    expect(new Set(songs.map((song) => song.id)).size).toBe(count);
    expect(await db.song.count({ where: { bandId: band.id } })).toBe(count);
  });

  it("rolls back a transaction that throws", async () => {
    const { db } = database;
    const band = await db.band.create({ data: { name: "Before" } });
    await expect(
      db.$transaction(async (tx) => {
        await tx.band.update({ where: { id: band.id }, data: { name: "During" } });
        await tx.song.create({ data: { bandId: band.id, title: "Never kept" } });
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect((await db.band.findUniqueOrThrow({ where: { id: band.id } })).name).toBe("Before");
    expect(await db.song.count({ where: { bandId: band.id } })).toBe(0);
  });
});

import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { appDatabaseUrl } from "./fixtures";
import { e2eDataDir } from "./paths";

/** Where the e2e app keeps audio (its STORAGE_DIR default). */
export const e2eStorageDir = path.join(e2eDataDir, "audio");

export type SeededUser = { id: string; cookie: string };
export type SeededTake = { versionId: string; storageKey: string; file: string; bytes: Buffer; bandId: string; songTitle: string; title: string | null };

/**
 * Rows and files straight into the running app's database and storage, for
 * tests that drive the HTTP routes with many requests: a browser sign-in per
 * user would cost seconds and test nothing these tests are about.
 */
export class AudioSeed {
  private readonly db = new pg.Client({ connectionString: appDatabaseUrl() });
  private connected: Promise<unknown> | undefined;

  async query<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    await (this.connected ??= this.db.connect());
    return (await this.db.query<T>(sql, params)).rows;
  }

  /** A user with a live database session, as next-auth's email sign-in leaves them. */
  async user(name: string): Promise<SeededUser> {
    const id = randomUUID();
    await this.query(`INSERT INTO "User" (id, email, name, "emailVerified", "updatedAt") VALUES ($1, $2, $3, now(), now())`, [
      id,
      `${name}.${id.slice(0, 8)}@example.test`,
      name,
    ]);
    const token = randomBytes(32).toString("hex");
    await this.query(`INSERT INTO "Session" (id, "sessionToken", "userId", expires) VALUES ($1, $2, $3, now() + interval '1 day')`, [randomUUID(), token, id]);
    return { id, cookie: `next-auth.session-token=${token}` };
  }

  async band(owner: SeededUser, name = "Seeded band"): Promise<string> {
    const id = randomUUID();
    await this.query(`INSERT INTO "Band" (id, name, "updatedAt") VALUES ($1, $2, now())`, [id, name]);
    await this.addMember(id, owner, "OWNER");
    return id;
  }

  async addMember(bandId: string, user: SeededUser, role: "OWNER" | "ADMIN" | "MEMBER" = "MEMBER") {
    await this.query(`INSERT INTO "BandMember" (id, "bandId", "userId", role, "updatedAt") VALUES ($1, $2, $3, $4::"BandRole", now())`, [randomUUID(), bandId, user.id, role]);
  }

  async removeMember(bandId: string, user: SeededUser) {
    await this.query(`DELETE FROM "BandMember" WHERE "bandId" = $1 AND "userId" = $2`, [bandId, user.id]);
  }

  /** A take whose stored file holds exactly `bytes`, keyed the way the upload route keys it. */
  async take(
    bandId: string,
    uploader: SeededUser,
    bytes: Buffer,
    { songTitle = "Seeded song", title = null, originalName = "take.wav" }: { songTitle?: string; title?: string | null; originalName?: string } = {},
  ): Promise<SeededTake> {
    const songId = randomUUID();
    await this.query(`INSERT INTO "Song" (id, "bandId", title, "updatedAt") VALUES ($1, $2, $3, now())`, [songId, bandId, songTitle]);
    const storageKey = `bands/${bandId}/${randomUUID()}.wav`;
    const file = path.join(e2eStorageDir, storageKey);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, bytes);
    const versionId = randomUUID();
    await this.query(
      // READY: these takes test the routes on exactly these bytes, so the app's worker
      // (whose sweep picks up waiting takes) must not give them a rendition mid-test.
      `INSERT INTO "Version" (id, "bandId", "songId", title, "uploaderId", "storageKey", "originalName", "contentType", "sizeBytes", processing, "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'audio/wav', $8, 'READY', now())`,
      [versionId, bandId, songId, title, uploader.id, storageKey, originalName, bytes.length],
    );
    return { versionId, storageKey, file, bytes, bandId, songTitle, title };
  }

  /** A setlist of these songs, in this order, and when it is played. */
  async setlist(bandId: string, name: string, songIds: string[], performAt: Date | null = null): Promise<string> {
    const id = randomUUID();
    await this.query(`INSERT INTO "Setlist" (id, "bandId", name, "performAt", "updatedAt") VALUES ($1, $2, $3, $4, now())`, [id, bandId, name, performAt]);
    for (const [position, songId] of songIds.entries()) {
      await this.query(`INSERT INTO "SetlistSong" (id, "bandId", "setlistId", "songId", position) VALUES ($1, $2, $3, $4, $5)`, [randomUUID(), bandId, id, songId, position]);
    }
    return id;
  }

  /** The song a seeded take belongs to. */
  async songOf(take: SeededTake): Promise<string> {
    return (await this.query<{ songId: string }>(`SELECT "songId" FROM "Version" WHERE id = $1`, [take.versionId]))[0]!.songId;
  }

  async close() {
    if (this.connected) await this.db.end();
  }
}

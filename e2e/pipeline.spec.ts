import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PROCESS_TAKE_QUEUES } from "../src/server/jobs/queues";
import { AUDIO_FORMATS, makeAudioFile, type AudioFormatName } from "../src/test/audio-files";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { AudioSeed, type SeededUser } from "./support/audio-seed";
import { expect, test } from "./support/fixtures";

/**
 * Every supported format through the real pipeline: uploaded through the
 * upload route, processed by the app's own worker (npm start runs it), then
 * streamed to Chromium, which must play each one to its end. A damaged file
 * ends FAILED, and the song page says why and offers a retry.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const origin = `http://localhost:${port}`;
const formats = Object.keys(AUDIO_FORMATS) as AudioFormatName[];

let seed: AudioSeed;
let user: SeededUser;
let bandId: string;
let songId: string;
let dir: string;
const takes = new Map<AudioFormatName | "corrupt", string>();

async function upload(file: string | Buffer, name: string): Promise<string> {
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(typeof file === "string" ? fs.readFileSync(file) : file)]), name);
  const response = await fetch(`${origin}/api/bands/${bandId}/songs/${songId}/versions`, { method: "POST", body: form, headers: { cookie: user.cookie } });
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const stateOf = async (id: string) =>
  (await seed.query<{ processing: string; processingError: string | null }>(`SELECT processing::text, "processingError" FROM "Version" WHERE id = $1`, [id]))[0];

test.beforeAll(async () => {
  test.setTimeout(240_000);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rehearsalhub-e2e-formats-"));
  seed = new AudioSeed();
  user = await seed.user("drummer");
  bandId = await seed.band(user, "Pipeline band");
  songId = (await seed.query<{ id: string }>(`INSERT INTO "Song" (id, "bandId", title, "updatedAt") VALUES (gen_random_uuid()::text, $1, 'Every format', now()) RETURNING id`, [bandId]))[0]!.id;
  for (const name of formats) takes.set(name, await upload(makeAudioFile(dir, name, 3), `${name}.${AUDIO_FORMATS[name].ext}`));
  // A WAV header over noise: accepted as audio by its first bytes, undecodable after.
  takes.set("corrupt", await upload(Buffer.concat([Buffer.from("RIFF\x24\x00\x00\x00WAVEfmt "), Buffer.alloc(8000, 0x5a)]), "damaged.wav"));

  const deadline = Date.now() + 180_000;
  for (const [name, id] of takes) {
    for (;;) {
      const state = await stateOf(id);
      if (state?.processing === "READY" || state?.processing === "FAILED") break;
      if (Date.now() > deadline) throw new Error(`${name} still ${state?.processing} after 180 s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
});
test.afterAll(async () => {
  await seed?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("every format gets peaks and a stream Chromium plays to the end", async ({ page, context }) => {
  await context.addCookies([{ name: "next-auth.session-token", value: user.cookie.split("=")[1]!, url: origin }]);
  await page.goto(`/bands/${bandId}/songs/${songId}`);
  for (const name of formats) {
    const id = takes.get(name)!;
    expect(await stateOf(id), name).toEqual({ processing: "READY", processingError: null });
    const peaks = await page.request.get(`/api/versions/${id}/peaks`);
    expect(peaks.status(), name).toBe(200);
    expect(await peaks.json()).toMatchObject({ version: 2, bits: 8 });

    // A real <audio> element on the app's own page, played through to `ended`.
    const played = await page.evaluate(
      (src) =>
        new Promise<{ ended: boolean; duration: number; error: string | null }>((resolve) => {
          const audio = document.createElement("audio");
          audio.muted = true;
          audio.preload = "auto";
          audio.src = src;
          document.body.append(audio);
          const done = (ended: boolean) => {
            resolve({ ended, duration: audio.duration, error: audio.error ? `${audio.error.code} ${audio.error.message}` : null });
            audio.remove();
          };
          audio.addEventListener("ended", () => done(true), { once: true });
          audio.addEventListener("error", () => done(false), { once: true });
          setTimeout(() => done(false), 20_000);
          void audio.play().catch(() => undefined);
        }),
      `/api/versions/${id}/stream`,
    );
    expect(played, name).toMatchObject({ ended: true, error: null });
    expect(played.duration, name).toBeGreaterThan(2.5);
  }
});

test("a damaged file ends FAILED with a reason and a Retry button; the page works", async ({ page, context }) => {
  await context.addCookies([{ name: "next-auth.session-token", value: user.cookie.split("=")[1]!, url: origin }]);
  const id = takes.get("corrupt")!;
  const state = await stateOf(id);
  expect(state?.processing).toBe("FAILED");
  expect(state?.processingError).toMatch(/could not be/);

  await page.goto(`/bands/${bandId}/songs/${songId}?take=${id}`);
  const failed = page.getByTestId("take-processing-failed");
  await expect(failed).toContainText("Processing failed.");
  await expect(failed).toContainText(state!.processingError!);
  await expect(page.getByTestId("take-processing").first()).toHaveText("Processing failed");
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("button", { name: "Retry processing" }).click();
  // Back in line, then (the same file) failed again. The button was on screen before the
  // click, so its being visible says nothing: wait for the retry's own job to have run,
  // two processing jobs in all (the upload's and the retry's; its new-take mail is a job
  // of another queue), and the take FAILED after it.
  const settledJobs = `SELECT count(*)::int AS n FROM pgboss.job WHERE name = ANY($1) AND data->>'versionId' = $2 AND state = 'completed'`;
  await expect
    .poll(async () => ({ jobs: (await seed.query<{ n: number }>(settledJobs, [[...PROCESS_TAKE_QUEUES], id]))[0]?.n, processing: (await stateOf(id))?.processing }), {
      timeout: 30_000,
    })
    .toEqual({ jobs: 2, processing: "FAILED" });
  // The page follows by itself: the failure and its Retry button again.
  await expect(failed).toContainText(state!.processingError!, { timeout: 15_000 });
  await expect(page.getByRole("button", { name: "Retry processing" })).toBeVisible();
});

import { generateMusic, musicWav, type MusicSpec } from "../src/test/music/generate-music";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { AudioSeed, type SeededUser } from "./support/audio-seed";
import { screenshotAtWidths } from "./support/screenshots";
import { expect, test } from "./support/fixtures";

/**
 * The whole path with nothing seeded but the band: music made in code with a
 * known tempo, key and chords is uploaded, the app's own worker analyses it,
 * and the song page shows what it understood (checked against the music's
 * truth, never against a previous run). The progression states its minor
 * tonic (i-iv-V-i): one like vi-IV-I-V is as much its relative major's, and
 * is read as that (docs/audio.md).
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const origin = `http://localhost:${port}`;
const spec: MusicSpec = { bpm: 100, key: { tonic: "E", mode: "minor" }, progression: ["Em", "Am", "B", "Em"], bars: 10, leadInSeconds: 1 };

let seed: AudioSeed;
let user: SeededUser;
let bandId: string;
let songId: string;
let versionId: string;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  seed = new AudioSeed();
  user = await seed.user("analyst");
  bandId = await seed.band(user, "Analysis band");
  songId = (await seed.query<{ id: string }>(`INSERT INTO "Song" (id, "bandId", title, "updatedAt") VALUES (gen_random_uuid()::text, $1, 'Cold Harbour', now()) RETURNING id`, [bandId]))[0]!.id;
  const music = generateMusic(spec);
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(musicWav(music.samples, music.sampleRate))], { type: "audio/wav" }), "cold-harbour.wav");
  const response = await fetch(`${origin}/api/bands/${bandId}/songs/${songId}/versions`, { method: "POST", body: form, headers: { cookie: user.cookie } });
  expect(response.status, await response.clone().text()).toBe(201);
  versionId = ((await response.json()) as { id: string }).id;
  const deadline = Date.now() + 200_000;
  for (;;) {
    const state = (await seed.query<{ state: string }>(`SELECT state::text FROM "TakeAnalysis" WHERE "versionId" = $1`, [versionId]))[0]?.state;
    if (state === "READY") break;
    if (state === "ABSENT" || Date.now() > deadline) throw new Error(`the analysis is ${state ?? "not started"}`);
    await new Promise((r) => setTimeout(r, 500));
  }
});

test.afterAll(async () => {
  await seed?.close();
});

test.beforeEach(async ({ context }) => {
  await context.addCookies([{ name: "next-auth.session-token", value: user.cookie.split("=")[1]!, url: origin }]);
});

test("an uploaded take is understood: its tempo and key in the list, bars on the waveform, chords above it, and the sheet offered the detected values", async ({ page }) => {
  await page.goto(`/bands/${bandId}/songs/${songId}?take=${versionId}`);
  await expect(page.getByTestId("waveform")).toHaveAttribute("data-ready", "true");

  // Tempo within 2% of the truth, the key exactly.
  const music = await page.getByTestId("take-music").first().innerText();
  const bpm = Number(/(\d+(?:\.\d+)?)\s*BPM/.exec(music)?.[1]);
  expect(Math.abs(bpm - spec.bpm) / spec.bpm).toBeLessThanOrEqual(0.02);
  expect(music).toContain("Em");

  // Bar 1 starts within 70 ms of the music's first downbeat (after the 1 s lead-in).
  const first = page.locator('[data-testid="bar-number"][data-bar="1"]');
  await expect(first).toBeVisible();
  expect(Math.abs(Number(await first.getAttribute("data-at")) - spec.leadInSeconds!)).toBeLessThan(0.07);

  // The chord lane shows the chords; the analysis behind it has the right chord at most bar midpoints.
  await expect(page.getByTestId("chord-lane")).toContainText("Em");
  const served = await page.request.get(`/api/versions/${versionId}/analysis`);
  expect(served.status()).toBe(200);
  const { chords } = (await served.json()) as { chords: { start: number; end: number; label: string }[] };
  const truth = generateMusic(spec).truth.chords;
  const right = truth.filter((bar) => {
    const mid = (bar.start + bar.end) / 2;
    return chords.find((c) => c.start <= mid && mid < c.end)?.label === bar.label;
  });
  expect(right.length / truth.length).toBeGreaterThanOrEqual(0.7);

  // The sheet is empty: it offers the detected key and tempo, and keeps them.
  const offer = page.getByTestId("sheet-detected");
  await expect(offer).toContainText("Em");
  await page.getByTestId("sheet-from-music").getByRole("button", { name: "Use these" }).click();
  await expect(page.getByTestId("sheet-from-music")).toHaveCount(0);
  const saved = (await seed.query<{ key: string; tempoBpm: number }>(`SELECT key, "tempoBpm" FROM "Song" WHERE id = $1`, [songId]))[0]!;
  expect(saved.key).toBe("Em");
  expect(Math.abs(saved.tempoBpm - spec.bpm)).toBeLessThanOrEqual(2);

  await expectNoSeriousA11yViolations(page);
  await screenshotAtWidths(page, "analysis-pipeline");
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { makeAudioFile } from "../src/test/audio-files";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { AudioSeed, type SeededUser } from "./support/audio-seed";
import { screenshotAtWidths } from "./support/screenshots";
import { expect, test } from "./support/fixtures";

/**
 * Comments on the waveform (moments, dragged passages and their loop),
 * threads, resolving, editing, @ mentions, and practice markers that only
 * their creator sees, on a take processed by the real pipeline.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const origin = `http://localhost:${port}`;

let seed: AudioSeed;
let alex: SeededUser;
let robin: SeededUser;
let bandId: string;
let songId: string;
let dir: string;
let take: string;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rehearsalhub-e2e-comments-"));
  seed = new AudioSeed();
  alex = await seed.user("alex");
  robin = await seed.user("robin");
  await seed.query(`UPDATE "User" SET name = 'Alex Stone' WHERE id = $1`, [alex.id]);
  await seed.query(`UPDATE "User" SET name = 'Robin Hale' WHERE id = $1`, [robin.id]);
  bandId = await seed.band(alex, "Comment band");
  await seed.addMember(bandId, robin);
  songId = (await seed.query<{ id: string }>(`INSERT INTO "Song" (id, "bandId", title, "updatedAt") VALUES (gen_random_uuid()::text, $1, 'Bridge', now()) RETURNING id`, [bandId]))[0]!.id;
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(fs.readFileSync(makeAudioFile(dir, "mp3", 40)))]), "bridge-idea.mp3");
  const response = await fetch(`${origin}/api/bands/${bandId}/songs/${songId}/versions`, { method: "POST", body: form, headers: { cookie: alex.cookie } });
  expect(response.status, await response.clone().text()).toBe(201);
  take = ((await response.json()) as { id: string }).id;
  const deadline = Date.now() + 180_000;
  for (;;) {
    const state = (await seed.query<{ processing: string }>(`SELECT processing::text FROM "Version" WHERE id = $1`, [take]))[0]?.processing;
    if (state === "READY") break;
    if (state === "FAILED" || Date.now() > deadline) throw new Error(`take ${take} is ${state}`);
    await new Promise((r) => setTimeout(r, 250));
  }
});
test.afterAll(async () => {
  await seed?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function signIn(page: Page, who: SeededUser) {
  await page.context().clearCookies();
  await page.context().addCookies([{ name: "next-auth.session-token", value: who.cookie.split("=")[1]!, url: origin }]);
}

const audio = (page: Page) => page.getByTestId("player-audio");
const now = (page: Page) => audio(page).evaluate((a: HTMLAudioElement) => a.currentTime);
const songPage = (query = "") => `/bands/${bandId}/songs/${songId}?take=${take}${query}`;

async function open(page: Page, who: SeededUser, query = "") {
  await signIn(page, who);
  await page.goto(songPage(query));
  await expect(page.getByTestId("waveform")).toHaveAttribute("data-ready", "true");
  await audio(page).evaluate((a: HTMLAudioElement) => (a.muted = true));
  // The waveform draws from its peaks before the audio's own metadata may have arrived;
  // a seek made before then is only a start position the element may still replace.
  await expect.poll(() => audio(page).evaluate((a: HTMLAudioElement) => a.readyState)).toBeGreaterThanOrEqual(1);
}

test("a dragged passage becomes a comment, loops inside the passage, and its marker on the waveform seeks", async ({ page }) => {
  await open(page, alex);
  await expect(page.getByText(/Take 1 · \d+ \w+ · bridge-idea\.mp3/).first()).toBeVisible();
  const canvas = page.locator(".waveform-canvas");
  const box = (await canvas.boundingBox())!;
  const x = (seconds: number) => box.x + (seconds / 40) * box.width;
  const y = box.y + box.height / 2;
  await page.mouse.move(x(10), y);
  await page.mouse.down();
  await page.mouse.move(x(12), y, { steps: 6 });
  await page.mouse.move(x(14), y, { steps: 6 });
  await page.mouse.up();

  await expect(page.getByTestId("comment-passage")).toContainText(/0:(09|10)–0:1[34]/);
  await expect(page.locator("#comment-body")).toBeFocused();
  await page.locator("#comment-body").fill("The bridge rushes here");
  await page.getByRole("button", { name: "Comment", exact: true }).click();
  const comment = page.getByTestId("comment").filter({ hasText: "The bridge rushes here" });
  await expect(comment.getByTestId("comment-timestamp")).toHaveText(/0:(09|10)–0:1[34]/);
  const row = (await seed.query<{ at: number; end: number }>(`SELECT "atSeconds" AS at, "endSeconds" AS "end" FROM "Comment" WHERE body = 'The bridge rushes here' AND "versionId" = $1`, [take]))[0]!;
  expect(row.end).toBeGreaterThan(row.at + 2);

  // Loop this passage: the playhead stays inside it over several passes.
  await comment.getByRole("button", { name: "Loop this passage" }).click();
  await expect.poll(() => audio(page).evaluate((a: HTMLAudioElement) => a.paused)).toBe(false);
  const samples: number[] = [];
  const span = row.end - row.at;
  const until = Date.now() + span * 1000 * 2.6;
  while (Date.now() < until) {
    samples.push(await now(page));
    await page.waitForTimeout(100);
  }
  expect(Math.min(...samples)).toBeGreaterThanOrEqual(row.at - 0.1);
  expect(Math.max(...samples)).toBeLessThan(row.end + 0.4);
  expect(samples.filter((t, i) => i > 0 && t < samples[i - 1]! - 1).length).toBeGreaterThanOrEqual(2);
  await page.getByTestId("player-toggle").click();

  // A moment at 0:30 (general comments say so, never 0:00).
  await page.getByTestId("player-seek").focus();
  await audio(page).evaluate((a: HTMLAudioElement) => (a.currentTime = 30));
  await expect(page.getByTestId("player-current")).toHaveText("0:30");
  await page.locator("#comment-body").click();
  await page.locator("#comment-body").fill("Big ending");
  await page.getByRole("button", { name: "Comment", exact: true }).click();
  // The form clears when the post lands: type the next one after that, or the clearing takes it too.
  await expect(page.getByTestId("comment").filter({ hasText: "Big ending" })).toHaveCount(1);
  await page.locator("#comment-body").click();
  await page.locator("#comment-body").fill("Overall a good take");
  await page.locator(".comment-form .check input").uncheck();
  await page.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(page.getByTestId("comment")).toHaveText([/The bridge rushes here/, /Big ending/, /Overall a good take/]);
  await expect(page.getByTestId("comment").last().getByTestId("comment-general")).toHaveText("General");

  // Clicking the moment's marker on the waveform seeks there.
  await audio(page).evaluate((a: HTMLAudioElement) => (a.currentTime = 2));
  const moment = (await seed.query<{ id: string }>(`SELECT id FROM "Comment" WHERE body = 'Big ending' AND "versionId" = $1`, [take]))[0]!.id;
  await page.locator(`[data-testid=waveform-overlay][data-overlay-id="${moment}"]`).click();
  await expect.poll(() => now(page)).toBeCloseTo(30, 0);
});

test("reply, resolve and reopen, edit your own, and @ autocomplete by display name", async ({ page }) => {
  await open(page, robin);
  const first = page.getByTestId("comment").filter({ hasText: "The bridge rushes here" });
  await first.getByRole("button", { name: "Reply" }).click();
  const reply = first.getByRole("combobox", { name: "Reply to Alex Stone" });
  await reply.pressSequentially("Agreed @al");
  const list = page.getByRole("listbox", { name: "Mention a band member" });
  // Names starting with the query first, then names containing it ("Hale").
  await expect(list.getByRole("option")).toHaveText(["@Alex Stone", "@Robin Hale"]);
  await expect(reply).toHaveAttribute("aria-activedescendant", /.+/);
  await reply.press("Enter");
  await expect(reply).toHaveValue("Agreed @Alex Stone ");
  await reply.pressSequentially("see https://example.com/tabs and javascript:alert(1)");
  await first.getByRole("button", { name: "Reply", exact: true }).last().click();
  const replyRow = first.getByTestId("comment-reply");
  await expect(replyRow).toContainText("Agreed @Alex Stone");
  const link = replyRow.getByRole("link", { name: "https://example.com/tabs" });
  await expect(link).toHaveAttribute("rel", "noopener noreferrer nofollow ugc");
  await expect(replyRow.getByRole("link")).toHaveCount(1);
  const mentioned = await seed.query<{ userId: string }>(`SELECT m."userId" FROM "CommentMention" m JOIN "Comment" c ON c.id = m."commentId" WHERE c.body LIKE 'Agreed%' AND c."versionId" = $1`, [take]);
  expect(mentioned.map((m) => m.userId)).toEqual([alex.id]);

  // Edit my own reply: it shows "edited". Alex's comment has no Edit for me.
  await replyRow.getByRole("button", { name: "Edit your comment" }).click();
  const edit = replyRow.getByRole("combobox", { name: "Edit your comment" });
  await edit.fill("Agreed, slower next time");
  await replyRow.getByRole("button", { name: "Save" }).click();
  await expect(replyRow).toContainText("Agreed, slower next time");
  await expect(replyRow.getByTestId("comment-edited")).toHaveText("edited");
  await expect(first.locator(":scope > .comment-text").getByRole("button", { name: "Edit your comment" })).toHaveCount(0);

  await first.getByRole("button", { name: "Resolve" }).click();
  await expect(first).toContainText("Resolved");
  await first.getByRole("button", { name: "Reopen" }).click();
  await expect(first.getByRole("button", { name: "Resolve" })).toBeVisible();

  await expectNoSeriousA11yViolations(page);
});

test("practice markers show on the waveform for their creator only", async ({ page }) => {
  await open(page, alex);
  await audio(page).evaluate((a: HTMLAudioElement) => (a.currentTime = 20));
  await expect(page.getByTestId("player-current")).toHaveText("0:20");
  expect(await now(page)).toBeCloseTo(20, 1);
  const markers = page.getByTestId("practice-markers");
  await markers.getByLabel("Marker label").fill("Solo entry");
  await markers.getByRole("button", { name: "Mark here" }).click();
  await expect(markers.getByTestId("practice-marker")).toHaveText([/0:20\s*Solo entry/]);
  await expect(page.locator("[data-testid=waveform-overlay].is-marker")).toHaveCount(1);
  await screenshotAtWidths(page, "comments");

  await open(page, robin);
  await expect(page.getByTestId("practice-markers")).toContainText("No markers yet");
  await expect(page.locator("[data-testid=waveform-overlay].is-marker")).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  await open(page, alex);
  await page.getByRole("button", { name: "Delete marker Solo entry" }).click();
  await expect(page.getByTestId("practice-markers")).toContainText("No markers yet");
});

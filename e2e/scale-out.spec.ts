import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { startS3Server, type TestS3Server } from "../src/test/s3-server";
import { makeWav } from "../src/test/wav";
import { expect, test } from "./support/fixtures";
import { startMailCapture, type CapturedMail } from "./support/mail-capture";
import { startScaleOutNginx } from "./support/nginx";
import { e2eRoot } from "./support/paths";
import { createScratchDatabase, startServedInstance, type ServedInstance } from "./support/served-instance";

/**
 * Scale-out as an operator runs it: two `npm start` instances on one
 * PostgreSQL database (the machine's server, a database of this run's own),
 * audio in one bucket on s3rver (STORAGE=s3, AUDIO_OFFLOAD=presigned), nginx
 * in front with the shipped deploy/nginx/rehearsalhub-scale-out.conf. Requests
 * go to one instance or the other on purpose, and through nginx.
 */
test.describe.configure({ mode: "serial" });

const base = Number(process.env.E2E_PORT ?? 3100);
const dir = path.join(e2eRoot, "scale-out");
let db: Awaited<ReturnType<typeof createScratchDatabase>>;
let s3: TestS3Server;
let mail: Awaited<ReturnType<typeof startMailCapture>>;
let a: ServedInstance;
let b: ServedInstance;
let nginx: Awaited<ReturnType<typeof startScaleOutNginx>>;
let cookie = "";
let bandId = "";
let songId = "";
let versionId = "";
const email = `scale.${Date.now().toString(36)}@example.test`;
const audio = makeWav({ seconds: 3, sampleRate: 22_050, channels: 1 });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  fs.rmSync(dir, { recursive: true, force: true });
  db = await createScratchDatabase("rehearsalhub_scale_e2e");
  s3 = await startS3Server({ port: base + 30, directory: path.join(dir, "s3") });
  mail = await startMailCapture(path.join(dir, "mail"));
  const publicOrigin = `http://127.0.0.1:${base + 33}`;
  const shared = {
    ...s3.env,
    DATABASE_URL: db.url,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    APP_URL: publicOrigin,
    AUDIO_OFFLOAD: "presigned",
    AUDIO_PRESIGNED_TTL_SECONDS: "60",
    TRUST_PROXY: "true",
    SMTP_URL: `smtp://127.0.0.1:${mail.port}`,
    SHUTDOWN_GRACE_SECONDS: "20",
  };
  // One after the other: the first applies the migrations.
  a = await startServedInstance({ port: base + 31, dataDir: path.join(dir, "a"), env: shared });
  b = await startServedInstance({ port: base + 32, dataDir: path.join(dir, "b"), env: shared });
  nginx = await startScaleOutNginx({ dir: path.join(dir, "nginx"), port: base + 33, appPorts: [a.port, b.port] });
});

test.afterEach(async ({}, testInfo) => {
  // What both instances printed, for a failure's report.
  if (testInfo.status !== testInfo.expectedStatus) {
    for (const [name, instance] of [["a", a], ["b", b]] as const) {
      if (instance) await testInfo.attach(`instance ${name} output`, { body: instance.lines.slice(-80).join("\n"), contentType: "text/plain" });
    }
  }
});

test.afterAll(async () => {
  await nginx?.stop();
  await Promise.all([a?.stop(), b?.stop()]);
  await mail?.close();
  await s3?.close();
  await db?.drop();
});

async function waitForMail(to: string): Promise<CapturedMail> {
  const mailDir = path.join(dir, "mail");
  for (let i = 0; i < 150; i++) {
    for (const file of fs.readdirSync(mailDir).sort()) {
      const found = JSON.parse(fs.readFileSync(path.join(mailDir, file), "utf8")) as CapturedMail;
      if (found.to.includes(to)) return found;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${to}`);
}

const cookieOf = (response: Response, name: string) =>
  response.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.startsWith(`${name}=`)) ?? "";

async function trpc<T>(origin: string, procedure: string, input: unknown): Promise<T> {
  const response = await fetch(`${origin}/api/trpc/${procedure}`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ json: input }),
  });
  const body = (await response.json()) as { result?: { data: { json: T } }; error?: unknown };
  if (!response.ok || !body.result) throw new Error(`${procedure} on ${origin}: ${response.status} ${JSON.stringify(body.error)}`);
  return body.result.data.json;
}

function accessLines(instance: ServedInstance, pathPart: string): number {
  return instance.lines.filter((line) => line.includes('"msg":"request"') && line.includes(pathPart)).length;
}

test("both instances are ready on one database and one bucket, and so is nginx in front", async () => {
  for (const origin of [a.origin, b.origin, nginx.origin]) {
    const ready = await fetch(`${origin}/api/ready`);
    expect(ready.status, origin).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", database: "ok", storage: "ok" });
  }
});

test("a sign-in link asked for on A signs in on B, and that session works on A", async () => {
  const csrf = await fetch(`${a.origin}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const asked = await fetch(`${a.origin}/api/auth/signin/email`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieOf(csrf, "next-auth.csrf-token") },
    body: new URLSearchParams({ email, csrfToken, callbackUrl: nginx.origin, json: "true" }),
    redirect: "manual",
  });
  expect([200, 302]).toContain(asked.status);
  const link = /https?:\/\/\S+\/api\/auth\/callback\/email\S+/.exec((await waitForMail(email)).text)![0];
  expect(link.startsWith(`${nginx.origin}/`)).toBe(true);
  const callback = await fetch(link.replace(nginx.origin, b.origin), { redirect: "manual" });
  expect(callback.status).toBe(302);
  cookie = cookieOf(callback, "next-auth.session-token");
  expect(cookie).not.toBe("");
  const session = await fetch(`${a.origin}/api/auth/session`, { headers: { cookie } });
  expect(((await session.json()) as { user?: { email?: string } }).user?.email).toBe(email);
});

test("a band made on A and a song made on B; an upload through B lands in the bucket and streams through A and through nginx", async () => {
  bandId = (await trpc<{ id: string }>(a.origin, "band.create", { name: "Two rooms" })).id;
  songId = (await trpc<{ id: string }>(b.origin, "song.create", { bandId, title: "Harbour" })).id;

  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(audio)], { type: "audio/wav" }), "harbour.wav");
  const uploaded = await fetch(`${b.origin}/api/bands/${bandId}/songs/${songId}/versions`, { method: "POST", headers: { cookie }, body: form });
  expect(uploaded.status).toBe(201);
  versionId = ((await uploaded.json()) as { id: string }).id;

  const client = new S3Client({ region: "us-east-1", endpoint: s3.endpoint, forcePathStyle: true, credentials: s3.config.credentials! });
  const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
  client.destroy();
  expect(listed.Contents?.map((o) => o.Size)).toEqual([audio.length]);
  expect(fs.readdirSync(path.join(dir, "a")).includes("audio") || fs.readdirSync(path.join(dir, "b")).includes("audio")).toBe(false);

  // Straight to A: the access check, then a redirect the bucket answers.
  const redirect = await fetch(`${a.origin}/api/versions/${versionId}/stream`, { headers: { cookie }, redirect: "manual" });
  expect(redirect.status).toBe(307);
  expect(redirect.headers.get("cache-control")).toBe("private, no-store");
  const probe = await fetch(redirect.headers.get("location")!, { headers: { range: "bytes=0-1" } });
  expect(probe.status).toBe(206);
  expect(probe.headers.get("content-length")).toBe("2");

  // Through nginx, followed as a browser does: both instances answer, the bucket sends the bytes.
  // nginx spreads requests by a hash of each request's id, so 20 of them reach both instances
  // (all on one side is about 0.7^20 even for a ring split 70/30).
  const streamed = { a: accessLines(a, `/api/versions/${versionId}/stream`), b: accessLines(b, `/api/versions/${versionId}/stream`) };
  for (let i = 0; i < 20; i++) {
    const start = 100 * i;
    const response = await fetch(`${nginx.origin}/api/versions/${versionId}/stream`, { headers: { cookie, range: `bytes=${start}-${start + 99}` } });
    expect(response.status).toBe(206);
    expect(response.url.startsWith(`${s3.endpoint}/`)).toBe(true);
    expect(response.headers.get("content-length")).toBe("100");
    expect(Buffer.from(await response.arrayBuffer()).equals(audio.subarray(start, start + 100))).toBe(true);
  }
  await expect.poll(() => accessLines(a, `/api/versions/${versionId}/stream`) - streamed.a).toBeGreaterThan(0);
  await expect.poll(() => accessLines(b, `/api/versions/${versionId}/stream`) - streamed.b).toBeGreaterThan(0);

  // Someone outside the band gets no URL from either instance.
  for (const origin of [a.origin, b.origin, nginx.origin]) {
    const refused = await fetch(`${origin}/api/versions/${versionId}/stream`, { redirect: "manual" });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("location")).toBeNull();
  }
});

test("a take deleted through A is refused by B at once", async () => {
  const other = new FormData();
  other.set("file", new Blob([new Uint8Array(audio)], { type: "audio/wav" }), "second.wav");
  const second = await fetch(`${a.origin}/api/bands/${bandId}/songs/${songId}/versions`, { method: "POST", headers: { cookie }, body: other });
  expect(second.status).toBe(201);
  const secondId = ((await second.json()) as { id: string }).id;
  expect((await fetch(`${b.origin}/api/versions/${secondId}/stream`, { headers: { cookie }, redirect: "manual" })).status).toBe(307);
  await trpc(a.origin, "version.delete", { bandId, versionId: secondId });
  const gone = await fetch(`${b.origin}/api/versions/${secondId}/stream`, { headers: { cookie }, redirect: "manual" });
  expect(gone.status).toBe(404);
  expect(gone.headers.get("location")).toBeNull();
});

test("rate limits count across instances: accept attempts alternate between A and B and the eleventh is refused", async () => {
  const attempt = async (origin: string) => {
    const response = await fetch(`${origin}/api/trpc/invite.accept`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ json: { token: "nosuchinvitetoken" } }),
    });
    return response.status;
  };
  const statuses: number[] = [];
  for (let i = 0; i < 10; i++) statuses.push(await attempt(i % 2 === 0 ? a.origin : b.origin));
  expect(statuses).toEqual(Array(10).fill(404));
  expect(await attempt(a.origin)).toBe(429);
  expect(await attempt(b.origin)).toBe(429);
});

test("in a real browser through nginx, the song page's player loads the take from the bucket under the page's CSP", async ({ page }) => {
  await page.context().addCookies([{ name: "next-auth.session-token", value: cookie.split("=")[1]!, url: nginx.origin }]);
  // Once an instance's worker has processed the take, the page also fetches its peaks: the app
  // sends those itself (a fetch, under connect-src), never as a redirect to the bucket.
  await expect.poll(async () => (await fetch(`${a.origin}/api/versions/${versionId}/peaks`, { headers: { cookie }, redirect: "manual" })).status, { timeout: 60_000 }).toBe(200);
  const fromBucket = page.waitForResponse((r) => r.url().startsWith(`${s3.endpoint}/${s3.bucket}/`));
  await page.goto(`${nginx.origin}/bands/${bandId}/songs/${songId}`);
  const player = page.getByTestId("player-audio");
  await expect.poll(() => player.evaluate((a: HTMLAudioElement) => (a.readyState >= 1 ? Math.round(a.duration) : -1)), { timeout: 15_000 }).toBe(3);
  expect([200, 206]).toContain((await fromBucket).status());
});

test("SIGTERM on A: it stops accepting, its in-flight upload finishes, it exits 0, and nginx carries on with B", async () => {
  test.setTimeout(60_000);
  const boundary = "----scaleout" + randomBytes(8).toString("hex");
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="late.wav"\r\nContent-Type: audio/wav\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const half = Math.floor(audio.length / 2);
  // An upload to A that is still arriving when A is told to stop.
  const upload = http.request(`${a.origin}/api/bands/${bandId}/songs/${songId}/versions`, {
    method: "POST",
    agent: false,
    headers: { cookie, "content-type": `multipart/form-data; boundary=${boundary}`, "content-length": String(head.length + audio.length + tail.length) },
  });
  let uploadAnswered = false;
  let stoppedBeforeTheAnswer = false;
  void a.exited.then(() => (stoppedBeforeTheAnswer = !uploadAnswered));
  const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
    upload.on("response", (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => {
        uploadAnswered = true;
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    upload.on("error", reject);
  });
  upload.write(head);
  upload.write(audio.subarray(0, half));
  // Let the first half reach A's upload handler.
  await new Promise((r) => setTimeout(r, 500));

  process.kill(a.pid, "SIGTERM");
  // No new connections on A...
  await expect.poll(() => fetch(`${a.origin}/api/health`).then(() => "accepted", () => "refused"), { timeout: 10_000 }).toBe("refused");
  // ...while nginx sends everything to B.
  for (let i = 0; i < 4; i++) expect((await fetch(`${nginx.origin}/api/ready`)).status).toBe(200);

  upload.end(Buffer.concat([audio.subarray(half), tail]));
  const { status, body } = await answered;
  expect(status, body).toBe(201);
  const lateId = (JSON.parse(body) as { id: string }).id;
  // npm start waited for the upload before it exited (and stopped nothing under it).
  expect(await a.exited).toBe(0);
  expect(stoppedBeforeTheAnswer).toBe(false);
  expect(a.lines.join("\n")).toContain("SIGTERM: finishing in-flight requests");

  const late = await fetch(`${nginx.origin}/api/versions/${lateId}/stream`, { headers: { cookie } });
  expect(late.status).toBe(200);
  expect(Buffer.from(await late.arrayBuffer()).equals(audio)).toBe(true);
});

test("SIGTERM with a request that outlasts SHUTDOWN_GRACE_SECONDS: npm start cuts it at the deadline and still exits 0", async () => {
  const c = await startServedInstance({
    port: base + 34,
    dataDir: path.join(dir, "c"),
    env: { ...s3.env, DATABASE_URL: db.url, AUTH_SECRET: randomBytes(32).toString("base64url"), APP_URL: nginx.origin, SHUTDOWN_GRACE_SECONDS: "1" },
  });
  try {
    // An upload whose body never finishes.
    const stuck = http.request(`${c.origin}/api/bands/${bandId}/songs/${songId}/versions`, {
      method: "POST",
      agent: false,
      headers: { cookie, "content-type": "multipart/form-data; boundary=x", "content-length": "10000000" },
    });
    const ended = new Promise<string>((resolve) => {
      stuck.on("response", (res) => resolve(`answered ${res.statusCode}`));
      stuck.on("error", (error) => resolve(`cut: ${error.message}`));
    });
    stuck.write(`--x\r\nContent-Disposition: form-data; name="file"; filename="never.wav"\r\nContent-Type: audio/wav\r\n\r\n`);
    stuck.write(audio.subarray(0, 1000));
    await new Promise((r) => setTimeout(r, 500));
    process.kill(c.pid, "SIGTERM");
    expect(await c.exited).toBe(0);
    expect(await ended).toMatch(/^cut: /);
    expect(c.lines.join("\n")).toContain("grace period over");
  } finally {
    await c.stop();
  }
});

import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * The only reader of process.env. Validated on first use rather than at import,
 * so that `next build` can load modules without a database configured.
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  APP_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default("./.data"),
  DATABASE_URL: z.string().min(1).optional(),
  AUTH_SECRET: z.string().min(16).optional(),
  SMTP_URL: z.string().min(1).optional(),
  EMAIL_FROM: z.string().min(3).default("RehearsalHub <no-reply@localhost>"),
  STORAGE_DIR: z.string().min(1).optional(),
  MAX_UPLOAD_MB: z.coerce.number().positive().max(100_000).default(500),
  // The outbox page shows every locally delivered mail: never open by default in production.
  OUTBOX_PAGE: z.enum(["true", "false"]).optional(),
  // The benchmark's reference page (/bench/hydration-floor): a 404 unless a benchmark turns it on.
  BENCH_PAGES: z.enum(["true", "false"]).default("false"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  // Per-client cap on sign-in emails: "<count>" per 15 minutes, "<count>/<minutes>", or "off".
  SIGNIN_LIMIT_PER_IP: z
    .string()
    .regex(/^(off|\d{1,7}(\/\d{1,5})?)$/, 'use a number of emails per 15 minutes ("100"), "<count>/<minutes>" ("100/15") or "off"')
    .default("100"),
  // Only behind a reverse proxy that sets or appends X-Forwarded-For.
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  // Who sends audio bytes after the app's access check: the app (unset), nginx (x-accel) or the object store (presigned).
  AUDIO_OFFLOAD: z.preprocess(emptyIsUnset, z.enum(["x-accel", "presigned"]).optional()),
  // Where audio lives: files under STORAGE_DIR, or an S3-compatible bucket.
  STORAGE: z.preprocess(emptyIsUnset, z.enum(["local", "s3"]).default("local")),
  S3_ENDPOINT: z.preprocess(emptyIsUnset, z.url().optional()),
  S3_BUCKET: z.preprocess(emptyIsUnset, z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "an S3 bucket name (3-63 lower-case letters, digits, dots, hyphens)").optional()),
  S3_REGION: z.preprocess(emptyIsUnset, z.string().min(1).default("us-east-1")),
  S3_FORCE_PATH_STYLE: z.preprocess(emptyIsUnset, z.enum(["true", "false"]).default("false")),
  // Unset: the AWS SDK's own chain (instance role, shared config).
  AWS_ACCESS_KEY_ID: z.preprocess(emptyIsUnset, z.string().min(1).optional()),
  AWS_SECRET_ACCESS_KEY: z.preprocess(emptyIsUnset, z.string().min(1).optional()),
  // How long a presigned audio URL works (AUDIO_OFFLOAD=presigned).
  AUDIO_PRESIGNED_TTL_SECONDS: z.coerce.number().int().min(1).max(7 * 24 * 3600).default(300),
  // npm start: how long in-flight requests may run on after SIGTERM before the server is stopped anyway.
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(3600).default(25),
  // Whether `npm start` also runs the media worker (inline) or leaves it to `npm run worker` (off).
  WORKER: z.enum(["inline", "off"]).default("inline"),
  // ffmpeg / ffprobe to use; unset: the ones on PATH, else the binaries shipped in npm packages.
  FFMPEG_PATH: z.string().min(1).optional(),
  FFPROBE_PATH: z.string().min(1).optional(),
  // How many takes one worker process handles at once.
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  PATH: z.string().default(""),
}).superRefine((e, ctx) => {
  const problem = storageProblem(e);
  if (problem) ctx.addIssue({ code: "custom", path: [problem.variable], message: problem.message });
});

function emptyIsUnset(value: unknown): unknown {
  return value === "" ? undefined : value;
}

/** Combinations that cannot work, refused at startup with what to change. */
export function storageProblem(e: {
  STORAGE: "local" | "s3";
  S3_BUCKET?: string | undefined;
  AUDIO_OFFLOAD?: "x-accel" | "presigned" | undefined;
  AWS_ACCESS_KEY_ID?: string | undefined;
  AWS_SECRET_ACCESS_KEY?: string | undefined;
}): { variable: string; message: string } | null {
  if (e.STORAGE === "s3" && !e.S3_BUCKET) return { variable: "S3_BUCKET", message: "STORAGE=s3 needs S3_BUCKET (the bucket that holds the audio)" };
  if (e.AUDIO_OFFLOAD === "presigned" && e.STORAGE !== "s3") {
    return { variable: "AUDIO_OFFLOAD", message: "AUDIO_OFFLOAD=presigned needs STORAGE=s3 (presigned URLs come from the object store)" };
  }
  if (e.AUDIO_OFFLOAD === "x-accel" && e.STORAGE === "s3") {
    return { variable: "AUDIO_OFFLOAD", message: "AUDIO_OFFLOAD=x-accel serves files from STORAGE_DIR, so it needs STORAGE=local; with STORAGE=s3 use AUDIO_OFFLOAD=presigned or leave it unset" };
  }
  if (!e.AWS_ACCESS_KEY_ID !== !e.AWS_SECRET_ACCESS_KEY) {
    return { variable: e.AWS_ACCESS_KEY_ID ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID", message: "set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither" };
  }
  return null;
}

export type S3Config = {
  bucket: string;
  region: string;
  endpoint: string | undefined;
  forcePathStyle: boolean;
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
};

export type Env = {
  nodeEnv: "development" | "production" | "test";
  port: number;
  appUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  authSecret: string;
  smtpUrl: string | undefined;
  emailFrom: string;
  storageDir: string;
  maxUploadBytes: number;
  outboxPageEnabled: boolean;
  benchPagesEnabled: boolean;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** null: no per-client cap. */
  signInLimitPerClient: { points: number; minutes: number } | null;
  trustProxy: boolean;
  audioOffload: "x-accel" | "presigned" | undefined;
  /** null: local disk under storageDir. */
  s3: S3Config | null;
  presignedTtlSeconds: number;
  shutdownGraceSeconds: number;
  worker: "inline" | "off";
  ffmpegPath: string | undefined;
  ffprobePath: string | undefined;
  workerConcurrency: number;
  /** The executable search path (where ffmpeg is looked for). */
  searchPath: string;
};

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const e = checked(schema.safeParse(process.env));
  // Data lives outside the build; tell the bundler not to trace these paths.
  const dataDir = path.resolve(/*turbopackIgnore: true*/ e.DATA_DIR);
  cached = {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    appUrl: appUrlOf(e.APP_URL, e.PORT),
    dataDir,
    databaseUrl: e.DATABASE_URL,
    authSecret: e.AUTH_SECRET ?? readOrCreateSecret(dataDir),
    smtpUrl: e.SMTP_URL,
    emailFrom: e.EMAIL_FROM,
    storageDir: path.resolve(/*turbopackIgnore: true*/ e.STORAGE_DIR ?? path.join(dataDir, "audio")),
    maxUploadBytes: Math.floor(e.MAX_UPLOAD_MB * 1024 * 1024),
    outboxPageEnabled: e.OUTBOX_PAGE ? e.OUTBOX_PAGE === "true" : e.NODE_ENV !== "production",
    benchPagesEnabled: e.BENCH_PAGES === "true",
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === "test" ? "warn" : "info"),
    signInLimitPerClient: parsePerClientLimit(e.SIGNIN_LIMIT_PER_IP),
    trustProxy: e.TRUST_PROXY === "true",
    audioOffload: e.AUDIO_OFFLOAD,
    worker: e.WORKER,
    ffmpegPath: e.FFMPEG_PATH,
    ffprobePath: e.FFPROBE_PATH,
    workerConcurrency: e.WORKER_CONCURRENCY,
    searchPath: e.PATH,
    s3:
      e.STORAGE === "s3"
        ? {
            bucket: e.S3_BUCKET!,
            region: e.S3_REGION,
            endpoint: e.S3_ENDPOINT,
            forcePathStyle: e.S3_FORCE_PATH_STYLE === "true",
            credentials: e.AWS_ACCESS_KEY_ID && e.AWS_SECRET_ACCESS_KEY ? { accessKeyId: e.AWS_ACCESS_KEY_ID, secretAccessKey: e.AWS_SECRET_ACCESS_KEY } : undefined,
          }
        : null,
    presignedTtlSeconds: e.AUDIO_PRESIGNED_TTL_SECONDS,
    shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS,
  };
  return cached;
}

function checked<T>(parsed: z.ZodSafeParseResult<T>): T {
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
  throw new Error(`Invalid environment configuration:\n${problems}`);
}

function appUrlOf(appUrl: string | undefined, port: number): string {
  return (appUrl ?? `http://localhost:${port}`).replace(/\/+$/, "");
}

/**
 * What `npm start` needs before the app exists (scripts/serve.ts), with the app's own
 * defaults. The whole configuration is checked here, so that a combination that cannot
 * work (AUDIO_OFFLOAD=presigned on local storage, STORAGE=s3 without a bucket) stops
 * `npm start` with a clear message instead of failing on the first request. An empty
 * DATABASE_URL means "use the embedded database".
 */
export function startupEnv(): {
  port: number;
  dataDir: string;
  appUrl: string;
  databaseUrl: string | undefined;
  authSecret: string | undefined;
  shutdownGraceSeconds: number;
  worker: "inline" | "off";
  trustProxy: boolean;
} {
  const e = checked(schema.safeParse({ ...process.env, DATABASE_URL: process.env.DATABASE_URL || undefined }));
  return {
    worker: e.WORKER,
    port: e.PORT,
    dataDir: path.resolve(/*turbopackIgnore: true*/ e.DATA_DIR),
    appUrl: appUrlOf(e.APP_URL, e.PORT),
    databaseUrl: process.env.DATABASE_URL || undefined,
    authSecret: process.env.AUTH_SECRET,
    shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS,
    trustProxy: e.TRUST_PROXY === "true",
  };
}

function parsePerClientLimit(value: string): { points: number; minutes: number } | null {
  if (value === "off") return null;
  const [points, minutes = "15"] = value.split("/");
  return { points: Math.max(1, Number(points)), minutes: Math.max(1, Number(minutes)) };
}

/** For tests that change the environment between cases. */
export function resetEnvForTests(): void {
  cached = undefined;
}

/** A secret generated once per data directory, so sessions survive restarts. */
export function readOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, secret + "\n", { mode: 0o600, flag: "wx" });
      return secret;
    } catch {
      // Another process created it first: use theirs.
      return fs.readFileSync(file, "utf8").trim();
    }
  }
}

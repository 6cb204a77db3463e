import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { env, resetEnvForTests, startupEnv, storageProblem } from "./env";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvForTests();
});

function withEnv(vars: Record<string, string | undefined>) {
  for (const [key, value] of Object.entries(vars)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}

describe("startupEnv (what npm start reads)", () => {
  it("has the app's defaults", () => {
    withEnv({ PORT: undefined, DATA_DIR: undefined, APP_URL: undefined, DATABASE_URL: undefined, AUTH_SECRET: undefined, WORKER: undefined, TRUST_PROXY: undefined });
    expect(startupEnv()).toEqual({
      port: 3000,
      dataDir: path.resolve("./.data"),
      appUrl: "http://localhost:3000",
      databaseUrl: undefined,
      authSecret: undefined,
      worker: "inline",
      shutdownGraceSeconds: 25,
      // Served directly unless told otherwise: a client's address is its socket's.
      trustProxy: false,
    });
  });

  it("runs the media worker with the app unless WORKER=off, and refuses other values", () => {
    withEnv({ WORKER: "off" });
    expect(startupEnv().worker).toBe("off");
    withEnv({ WORKER: "yes" });
    expect(() => startupEnv()).toThrow(/WORKER/);
  });

  it("derives APP_URL from PORT, trims a trailing slash, and treats an empty DATABASE_URL as unset", () => {
    withEnv({ PORT: "4567", APP_URL: undefined, DATABASE_URL: "" });
    expect(startupEnv()).toMatchObject({ port: 4567, appUrl: "http://localhost:4567", databaseUrl: undefined });
    withEnv({ APP_URL: "https://band.example/" });
    expect(startupEnv().appUrl).toBe("https://band.example");
  });

  it("refuses a port that is not one", () => {
    withEnv({ PORT: "eighty" });
    expect(() => startupEnv()).toThrow(/PORT/);
  });
});

describe("the benchmark's reference page", () => {
  it("is off unless BENCH_PAGES=true, in production as in development", () => {
    withEnv({ BENCH_PAGES: undefined, NODE_ENV: "development" });
    expect(env().benchPagesEnabled).toBe(false);
    resetEnvForTests();
    withEnv({ BENCH_PAGES: "true", NODE_ENV: "production" });
    expect(env().benchPagesEnabled).toBe(true);
    resetEnvForTests();
    withEnv({ BENCH_PAGES: "yes" });
    expect(() => env()).toThrow(/BENCH_PAGES/);
  });
});

describe("storage configuration", () => {
  const s3Vars = { STORAGE: "s3", S3_BUCKET: "band-audio", S3_ENDPOINT: "http://127.0.0.1:9000", S3_REGION: "eu-west-1", S3_FORCE_PATH_STYLE: "true" };

  it("local disk by default; no S3 settings", () => {
    withEnv({ STORAGE: undefined, AUDIO_OFFLOAD: undefined, S3_BUCKET: undefined });
    expect(env().s3).toBeNull();
    expect(env().audioOffload).toBeUndefined();
  });

  it("STORAGE=s3 reads the bucket, region, endpoint, path style and both AWS keys", () => {
    withEnv({ ...s3Vars, AWS_ACCESS_KEY_ID: "id", AWS_SECRET_ACCESS_KEY: "secret", AUDIO_OFFLOAD: "presigned", AUDIO_PRESIGNED_TTL_SECONDS: "60" });
    expect(env().s3).toEqual({
      bucket: "band-audio",
      region: "eu-west-1",
      endpoint: "http://127.0.0.1:9000",
      forcePathStyle: true,
      credentials: { accessKeyId: "id", secretAccessKey: "secret" },
    });
    expect(env().audioOffload).toBe("presigned");
    expect(env().presignedTtlSeconds).toBe(60);
  });

  it("without keys the SDK's own credential chain is used; the region defaults", () => {
    withEnv({ ...s3Vars, S3_REGION: undefined, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined });
    expect(env().s3).toMatchObject({ region: "us-east-1", credentials: undefined });
  });

  it.each([
    [{ STORAGE: "s3" }, /S3_BUCKET: STORAGE=s3 needs S3_BUCKET/],
    [{ AUDIO_OFFLOAD: "presigned" }, /AUDIO_OFFLOAD: AUDIO_OFFLOAD=presigned needs STORAGE=s3/],
    [{ ...s3Vars, AUDIO_OFFLOAD: "x-accel" }, /AUDIO_OFFLOAD: AUDIO_OFFLOAD=x-accel serves files from STORAGE_DIR/],
    [{ ...s3Vars, AWS_ACCESS_KEY_ID: "id", AWS_SECRET_ACCESS_KEY: undefined }, /AWS_SECRET_ACCESS_KEY: set both/],
    [{ STORAGE: "gcs" }, /STORAGE/],
    [{ ...s3Vars, S3_BUCKET: "Not_A_Bucket" }, /S3_BUCKET/],
  ] as const)("npm start refuses %j", (vars, message) => {
    withEnv({ STORAGE: undefined, S3_BUCKET: undefined, AUDIO_OFFLOAD: undefined, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, ...vars });
    expect(() => startupEnv()).toThrow(message);
  });

  it("the rule alone: presigned with s3 and a bucket is fine", () => {
    expect(storageProblem({ STORAGE: "s3", S3_BUCKET: "b", AUDIO_OFFLOAD: "presigned" })).toBeNull();
    expect(storageProblem({ STORAGE: "local", AUDIO_OFFLOAD: "x-accel" })).toBeNull();
  });
});

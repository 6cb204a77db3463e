import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startupEnv } from "./env";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

function withEnv(vars: Record<string, string | undefined>) {
  for (const [key, value] of Object.entries(vars)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}

describe("startupEnv (what npm start reads)", () => {
  it("has the app's defaults", () => {
    withEnv({ PORT: undefined, DATA_DIR: undefined, APP_URL: undefined, DATABASE_URL: undefined, AUTH_SECRET: undefined, WORKER: undefined });
    expect(startupEnv()).toEqual({
      port: 3000,
      dataDir: path.resolve("./.data"),
      appUrl: "http://localhost:3000",
      databaseUrl: undefined,
      authSecret: undefined,
      worker: "inline",
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

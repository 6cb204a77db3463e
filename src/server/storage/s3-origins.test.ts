import { describe, expect, it } from "vitest";
import { bucketOrigins } from "./s3-origins";

describe("bucketOrigins", () => {
  it("AWS, virtual-hosted (the SDK's default), with the path-style fallback", () => {
    expect(bucketOrigins({ bucket: "band-audio", region: "eu-central-1", endpoint: undefined, forcePathStyle: false })).toEqual([
      "https://band-audio.s3.eu-central-1.amazonaws.com",
      "https://s3.eu-central-1.amazonaws.com",
    ]);
  });

  it("an S3-compatible server with path-style URLs: its own origin, port kept, path dropped", () => {
    expect(bucketOrigins({ bucket: "audio", region: "us-east-1", endpoint: "http://127.0.0.1:9000/base/", forcePathStyle: true })).toEqual(["http://127.0.0.1:9000"]);
  });

  it("an S3-compatible server, virtual-hosted", () => {
    expect(bucketOrigins({ bucket: "audio", region: "auto", endpoint: "https://acc.r2.cloudflarestorage.com", forcePathStyle: false })).toEqual([
      "https://audio.acc.r2.cloudflarestorage.com",
      "https://acc.r2.cloudflarestorage.com",
    ]);
  });
});

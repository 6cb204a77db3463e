import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import type { S3Config } from "@/env";

export type TestS3Server = {
  /** http://127.0.0.1:<port> */
  endpoint: string;
  port: number;
  bucket: string;
  /** Everything the app needs to reach the bucket (s3rver's built-in account). */
  config: S3Config;
  /** The same, as the environment variables an app instance reads. */
  env: Record<string, string>;
  close(): Promise<void>;
};

/**
 * s3rver, a real S3-protocol server (signatures, ranges, multipart, presigned
 * URLs) on a loopback port with one empty bucket, its data in a temp directory.
 */
export async function startS3Server({ port = 0, bucket = "rehearsal-audio", directory }: { port?: number; bucket?: string; directory?: string } = {}): Promise<TestS3Server> {
  const dir = directory ?? fs.mkdtempSync(path.join(os.tmpdir(), "rh-s3-"));
  const server = new S3rver({ address: "127.0.0.1", port, silent: true, directory: dir, configureBuckets: [{ name: bucket }] });
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  const config: S3Config = {
    bucket,
    region: "us-east-1",
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  };
  return {
    endpoint,
    port: address.port,
    bucket,
    config,
    env: {
      STORAGE: "s3",
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_REGION: "us-east-1",
      S3_FORCE_PATH_STYLE: "true",
      AWS_ACCESS_KEY_ID: "S3RVER",
      AWS_SECRET_ACCESS_KEY: "S3RVER",
    },
    async close() {
      await server.close();
      if (!directory) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

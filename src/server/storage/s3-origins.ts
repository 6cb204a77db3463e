import type { S3Config } from "@/env";

/**
 * The origins a presigned URL of this bucket can have: what the page's
 * Content-Security-Policy must allow for media when audio requests are
 * redirected there. Both addressing styles are listed, because the SDK falls
 * back to path-style URLs for bucket names that cannot be host names.
 */
export function bucketOrigins(config: Pick<S3Config, "bucket" | "region" | "endpoint" | "forcePathStyle">): string[] {
  const endpoint = new URL(config.endpoint ?? `https://s3.${config.region}.amazonaws.com`);
  const pathStyle = endpoint.origin;
  if (config.forcePathStyle) return [pathStyle];
  return [`${endpoint.protocol}//${config.bucket}.${endpoint.host}`, pathStyle];
}

import { env } from "@/env";
import type { StorageDriver } from "./driver";
import { LocalDiskStorage } from "./local-disk";
import { S3Storage } from "./s3";

export type { PresignedGetOptions, StorageDriver, StoredObject } from "./driver";

let storage: StorageDriver | undefined;

/** The configured storage driver: an S3-compatible bucket (STORAGE=s3) or local disk under STORAGE_DIR. */
export function getStorage(): StorageDriver {
  if (storage) return storage;
  const { s3, storageDir } = env();
  storage = s3 ? new S3Storage(s3) : new LocalDiskStorage(storageDir);
  return storage;
}

/** For tests that switch the configuration between files. */
export function resetStorageForTests(): void {
  storage = undefined;
}

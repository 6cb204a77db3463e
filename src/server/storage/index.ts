import { env } from "@/env";
import type { StorageDriver } from "./driver";
import { LocalDiskStorage } from "./local-disk";

export type { StorageDriver, StoredObject } from "./driver";

let storage: StorageDriver | undefined;

/** The configured storage driver (local disk under STORAGE_DIR). */
export function getStorage(): StorageDriver {
  storage ??= new LocalDiskStorage(env().storageDir);
  return storage;
}

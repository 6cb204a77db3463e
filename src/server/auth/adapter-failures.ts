import { AsyncLocalStorage } from "node:async_hooks";
import type { Adapter } from "next-auth/adapters";
import { isDatabaseUnavailable } from "@/server/db/unavailable";

/**
 * next-auth catches its adapter's errors and carries on: a session lookup
 * that could not reach the database answers "no session", a failed sign-in
 * redirects to an error page. That makes an outage look like being signed
 * out. The adapter is therefore wrapped so that an unreachable database is
 * recorded for the call that met it, and `rethrowingAdapterFailures` throws
 * it after next-auth returns. Other adapter errors keep next-auth's own
 * handling (e.g. deleting a session another request already deleted).
 */
const failures = new AsyncLocalStorage<{ error?: unknown }>();

export function recordingFailures(adapter: Adapter): Adapter {
  return new Proxy(adapter, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } catch (error) {
          const store = failures.getStore();
          if (store && store.error === undefined && isDatabaseUnavailable(error)) store.error = error;
          throw error;
        }
      };
    },
  });
}

/** Runs a next-auth call; if its adapter failed meanwhile, throws that failure instead of next-auth's answer. */
export async function rethrowingAdapterFailures<T>(run: () => Promise<T>): Promise<T> {
  const store: { error?: unknown } = {};
  const result = await failures.run(store, run);
  if (store.error !== undefined) throw store.error;
  return result;
}

import "server-only";

import type { CombinedDataTransformer } from "@trpc/server";
import superjson, { type SuperJSONResult } from "superjson";
import { AppError, UNDECODABLE_INPUT_MESSAGE } from "@/server/errors";

/**
 * The tRPC transformer: superjson both ways (the client's), with a guard in
 * front of decoding a request's input. Inputs are small and flat, so anything
 * nested deeper than any input of ours, or with a key that could reach an
 * object's prototype, is refused before superjson walks it. Whatever superjson
 * itself cannot decode (metadata naming an unknown or custom type) reaches the
 * error formatter as tRPC's BAD_REQUEST, where isUndecodableInput() gives it
 * the same safe message (src/server/errors.ts).
 */
export const MAX_INPUT_DEPTH = 32;
const PROTOTYPE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

export function assertDecodableInput(payload: unknown): void {
  const pending: [unknown, number][] = [[payload, 0]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    if (value === null || typeof value !== "object") continue;
    if (depth >= MAX_INPUT_DEPTH) throw new AppError("BAD_REQUEST", UNDECODABLE_INPUT_MESSAGE);
    if (Array.isArray(value)) {
      for (const item of value) pending.push([item, depth + 1]);
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      if (PROTOTYPE_KEYS.has(key)) throw new AppError("BAD_REQUEST", UNDECODABLE_INPUT_MESSAGE);
      pending.push([item, depth + 1]);
    }
  }
}

export const transformer: CombinedDataTransformer = {
  input: {
    serialize: (value) => superjson.serialize(value),
    deserialize: (payload) => {
      assertDecodableInput(payload);
      return superjson.deserialize(payload as SuperJSONResult);
    },
  },
  output: { serialize: (value) => superjson.serialize(value), deserialize: (payload) => superjson.deserialize(payload as SuperJSONResult) },
};

// Zod's JIT probes for eval with `Function("")` when it builds its first object
// schema; under the app's CSP (no 'unsafe-eval') that is a violation report.
// Forms validate small inputs: no JIT needed. Zod keeps its configuration on
// globalThis (`__zod_globalConfig`, shared by every copy of zod on a page) and
// reads it when it builds a schema, so setting it there needs no zod code at
// all: pages that never validate in the browser do not load zod before they
// are interactive. zod-jitless.test.ts checks that zod still reads it there.
const holder = globalThis as { __zod_globalConfig?: Record<string, unknown> };
holder.__zod_globalConfig = Object.assign(holder.__zod_globalConfig ?? {}, { jitless: true });

export {};

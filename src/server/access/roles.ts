// The role rules are pure and imported by client components, so they live in src/lib/roles.ts.
// This re-export keeps band-access.ts and route-access.ts (owned by the audio work in flight) unchanged.
export * from "@/lib/roles";

// Vitest runs outside Next's react-server condition, where "server-only" throws on import.
export {};

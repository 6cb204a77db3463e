export declare const WORKER_NODE_FLAGS: string[];
export declare const WORKER_START_ARGS: string[];
export declare function ensureWorkerBundle(options?: { root?: string; entry?: string; outDir?: string }): Promise<{ file: string; built: boolean }>;

export declare const SERVICE_WORKER_FILE: string;
export declare function ensureServiceWorkerBundle(options?: { minify?: boolean }): Promise<{ file: string; changed: boolean }>;

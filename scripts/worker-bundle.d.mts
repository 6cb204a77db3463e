type Project = { root?: string; entry?: string; outDir?: string };
export declare const WORKER_NODE_FLAGS: string[];
export declare const WORKER_START_ARGS: string[];
export declare function freshWorkerBundle(project?: Project): string | null;
export declare function ensureWorkerBundle(project?: Project): Promise<{ file: string; built: boolean }>;
export declare const ANALYSIS_CHILD_PROJECT: Project;

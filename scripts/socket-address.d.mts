export declare const FORWARDING_HEADERS: string[];
export declare function pinSocketAddress(
  request: { headers: Record<string, string | string[] | undefined>; rawHeaders: string[] },
  remoteAddress: string | undefined,
): void;

import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { poolMaxFor } from "./pool-size";

/** The Prisma client the app (and tests) use, over `pg` via adapter-pg. */
export function createPrismaClient(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: poolMaxFor(url) }) });
}

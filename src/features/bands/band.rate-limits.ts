import type { PrismaClient } from "@/generated/prisma/client";
import { consumeLimit, retryIn } from "@/server/rate-limit";

export const BAND_LIMITS = {
  /** Bands one person may create per day (each new band comes with its own invite budget). */
  bandsPerUserPerDay: 20,
};

export function consumeBandCreate(db: PrismaClient, userId: string): Promise<void> {
  const limit = { keyPrefix: "band-create", points: BAND_LIMITS.bandsPerUserPerDay, duration: 24 * 60 * 60 };
  return consumeLimit(db, limit, userId, (s) => `You have created ${limit.points} bands today. Try again ${retryIn(s)}.`);
}

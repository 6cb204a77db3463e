import type { Prisma } from "@/generated/prisma/client";
import type { ActivityType, BandRole } from "@/generated/prisma/enums";

export type ActivityEvent = {
  bandId: string;
  type: ActivityType;
  actorId?: string | null;
  targetUserId?: string | null;
  targetEmail?: string | null;
  fromRole?: BandRole | null;
  toRole?: BandRole | null;
};

/** Records a band event in the same transaction as the change it describes. */
export async function logActivity(tx: Prisma.TransactionClient, event: ActivityEvent): Promise<void> {
  await tx.bandActivity.create({ data: event });
}

import "server-only";

import { activityRouter } from "@/features/activity/activity.router";
import { bandRouter } from "@/features/bands/band.router";
import { commentRouter } from "@/features/comments/comment.router";
import { markerRouter } from "@/features/markers/marker.router";
import { inviteRouter } from "@/features/invites/invite.router";
import { joinLinkRouter } from "@/features/invites/join-link.router";
import { memberRouter } from "@/features/members/member.router";
import { notificationRouter } from "@/features/notifications/notification.router";
import { profileRouter } from "@/features/profile/profile.router";
import { readinessRouter } from "@/features/readiness/readiness.router";
import { setlistRouter } from "@/features/setlists/setlist.router";
import { shareRouter } from "@/features/sharing/share.router";
import { songRouter } from "@/features/songs/song.router";
import { takeRouter } from "@/features/takes/take.router";
import { createCallerFactory, createTRPCRouter } from "@/server/api/trpc";

export const appRouter = createTRPCRouter({
  band: bandRouter,
  member: memberRouter,
  activity: activityRouter,
  song: songRouter,
  version: takeRouter,
  comment: commentRouter,
  marker: markerRouter,
  invite: inviteRouter,
  joinLink: joinLinkRouter,
  profile: profileRouter,
  setlist: setlistRouter,
  readiness: readinessRouter,
  notification: notificationRouter,
  share: shareRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);

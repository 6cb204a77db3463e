import { bandRouter } from "@/features/bands/band.router";
import { commentRouter } from "@/features/comments/comment.router";
import { songRouter } from "@/features/songs/song.router";
import { versionRouter } from "@/features/versions/version.router";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  band: bandRouter,
  song: songRouter,
  version: versionRouter,
  comment: commentRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);

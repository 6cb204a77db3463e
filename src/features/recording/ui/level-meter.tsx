"use client";

import { forwardRef } from "react";
import { levelWords } from "@/features/recording/input-level";

/**
 * The input level bar. The bar itself is moved every frame through the ref
 * (no re-render); `level` is the slower value screen readers are given.
 */
export const LevelMeter = forwardRef<HTMLDivElement, { level: number; active: boolean }>(function LevelMeter({ level, active }, barRef) {
  const percent = Math.round(level * 100);
  return (
    <div
      className={`level-meter${active ? "" : " is-idle"}`}
      role="meter"
      aria-label="Input level"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={active ? `Input level ${levelWords(level)}` : "Paused"}
      data-testid="level-meter"
    >
      <div ref={barRef} className="level-meter-bar" style={{ transform: `scaleX(${level})` }} />
    </div>
  );
});

"use client";

import { useState } from "react";

export function FloorButton() {
  const [presses, setPresses] = useState(0);
  return (
    <button type="button" data-testid="floor-button" onClick={() => setPresses((n) => n + 1)}>
      Pressed {presses} times
    </button>
  );
}

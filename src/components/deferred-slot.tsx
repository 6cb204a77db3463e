import { memo, Suspense, type ComponentType } from "react";

/**
 * `Component` in a Suspense boundary of its own, memoised: it hydrates after the rest
 * of the page, and while the page fills in its props stay the same, so React never
 * has to replace its server HTML.
 */
export function deferredSlot<P extends object>(Component: ComponentType<P>) {
  const Slot = memo(function DeferredSlot(props: P) {
    return (
      <Suspense fallback={null}>
        <Component {...props} />
      </Suspense>
    );
  });
  Slot.displayName = `DeferredSlot(${Component.displayName ?? Component.name})`;
  return Slot;
}

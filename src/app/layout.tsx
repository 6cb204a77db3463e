import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { ServiceUnavailable } from "@/components/service-unavailable";
import { SiteHeader } from "@/components/site-header";
import { OfflineSession } from "@/features/offline/ui/offline-session";
import { AppError } from "@/server/errors";
import { TRPCReactProvider } from "@/trpc/react";
import { currentUser } from "@/trpc/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "RehearsalHub", template: "%s · RehearsalHub" },
  description: "Keep, hear and discuss your band's rehearsal recordings.",
  applicationName: "RehearsalHub",
};

// The browser's own bar follows the theme that globals.css picks from the same setting.
export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  colorScheme: "dark light",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f7f3ee" },
    { media: "(prefers-color-scheme: dark)", color: "#141210" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The root layout has no error boundary above it but global-error (unstyled):
  // an outage met while looking up the session is shown here, in the app's frame.
  const user = await currentUser().catch((error: unknown) => {
    if (error instanceof AppError && error.kind === "SERVICE_UNAVAILABLE") return "unavailable" as const;
    throw error;
  });
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <TRPCReactProvider>
          <OfflineSession userId={user === "unavailable" ? null : (user?.id ?? null)} unknown={user === "unavailable"}>
            <SiteHeader user={user === "unavailable" ? null : user} signedInUnknown={user === "unavailable"} />
            <main id="main" className="container">
              {user === "unavailable" ? <ServiceUnavailable /> : children}
            </main>
          </OfflineSession>
        </TRPCReactProvider>
      </body>
    </html>
  );
}

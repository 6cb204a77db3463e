import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/site-header";
import { TRPCReactProvider } from "@/trpc/react";
import { currentUser } from "@/trpc/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "RehearsalHub", template: "%s · RehearsalHub" },
  description: "Keep, hear and discuss your band's rehearsal recordings.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#141210" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <TRPCReactProvider>
          <SiteHeader user={user} />
          <main id="main" className="container">
            {children}
          </main>
        </TRPCReactProvider>
      </body>
    </html>
  );
}

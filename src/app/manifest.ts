import type { MetadataRoute } from "next";

/** Lets a phone add RehearsalHub to its home screen with its own name, icon and colours. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "RehearsalHub",
    short_name: "RehearsalHub",
    description: "Keep, hear and discuss your band's rehearsal recordings.",
    id: "/",
    start_url: "/",
    scope: "/",
    display: "standalone",
    background_color: "#141210",
    theme_color: "#141210",
    icons: [
      { src: "/icon.svg", type: "image/svg+xml", sizes: "any" },
      { src: "/icon-192.png", type: "image/png", sizes: "192x192" },
      { src: "/icon-512.png", type: "image/png", sizes: "512x512" },
      { src: "/icon-maskable-512.png", type: "image/png", sizes: "512x512", purpose: "maskable" },
    ],
  };
}

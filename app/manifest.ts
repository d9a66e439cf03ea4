import type { MetadataRoute } from "next";

// Lets the panel be added to a phone's home screen with its own icon.
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Secret Keys",
    short_name: "Secret Keys",
    start_url: "/settings/secret-keys",
    display: "standalone",
    background_color: "#fafafa",
    theme_color: "#4f46e5",
    icons: [
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png" },
      { src: "/apple-touch-icon.png", sizes: "180x180", type: "image/png" },
    ],
  };
}

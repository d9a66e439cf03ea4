import type { Metadata, Viewport } from "next";
import "./globals.css";

// Every page depends on who is signed in and on the database.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Secret Keys", template: "%s · Secret Keys" },
  description: "Manage the secret keys that authenticate programmatic access to your ML platform.",
  icons: {
    icon: [
      { url: "/icon.svg", type: "image/svg+xml" },
      { url: "/favicon-32.png", sizes: "32x32", type: "image/png" },
    ],
    apple: { url: "/apple-touch-icon.png", sizes: "180x180" },
  },
  manifest: "/manifest.webmanifest",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fafafa" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}

// Chromium's flags for tests on these machines: headless as root, and no
// background connections (the closed network refuses them, many at a time).
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

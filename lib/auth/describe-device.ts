export type Device = { browser: string | null; os: string | null };

// Checked in order: several browsers name others in their user agent
// (Edge and Opera say Chrome and Safari, Chrome says Safari).
const BROWSERS: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\/(\d{1,4})/, "Edge"],
  [/\b(?:OPR|Opera)\/(\d{1,4})/, "Opera"],
  [/\bSamsungBrowser\/(\d{1,4})/, "Samsung Internet"],
  [/\b(?:Firefox|FxiOS)\/(\d{1,4})/, "Firefox"],
  [/\bHeadlessChrome\/(\d{1,4})/, "Headless Chrome"],
  [/\b(?:Chrome|CriOS)\/(\d{1,4})/, "Chrome"],
  [/\bVersion\/(\d{1,4})[\d.]* (?:Mobile\/\S+ )?Safari\//, "Safari"],
  [/\bcurl\/(\d{1,4})/, "curl"],
];

const SYSTEMS: [RegExp, string | ((match: RegExpExecArray) => string)][] = [
  [/\bWindows NT 10\.0/, "Windows"],
  [/\bWindows NT (\d+\.\d+)/, "Windows"],
  [/\b(?:iPhone|iPod)\b/, "iOS"],
  [/\biPad\b/, "iPadOS"],
  [/\bAndroid(?: (\d{1,4}))?/, (match) => (match[1] ? `Android ${match[1]}` : "Android")],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b|\bX11\b/, "Linux"],
];

// Browser (with its major version) and operating system from a User-Agent
// header, for the sessions page. Pure and forgiving: an unknown or missing
// header gives nulls, never an error; the text it returns comes only from
// the tables above and digits, never from the header itself.
export function describeDevice(userAgent: string | null | undefined): Device {
  const text = typeof userAgent === "string" ? userAgent.slice(0, 500) : "";
  let browser: string | null = null;
  for (const [pattern, name] of BROWSERS) {
    const match = pattern.exec(text);
    if (match) {
      browser = `${name} ${match[1]}`;
      break;
    }
  }
  let os: string | null = null;
  for (const [pattern, name] of SYSTEMS) {
    const match = pattern.exec(text);
    if (match) {
      os = typeof name === "string" ? name : name(match);
      break;
    }
  }
  return { browser, os };
}

// "Firefox 133 on macOS", "Chrome 131", "Unknown device".
export function deviceLabel(device: Device): string {
  if (device.browser && device.os) return `${device.browser} on ${device.os}`;
  return device.browser ?? device.os ?? "Unknown device";
}

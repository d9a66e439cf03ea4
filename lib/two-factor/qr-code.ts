import QRCode from "qrcode";

// A QR code as one SVG path (a 1x1 square per dark module), drawn by the
// page itself: nothing leaves the server to be rendered elsewhere.
export function qrCodePath(text: string): { size: number; path: string } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const squares: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    for (let column = 0; column < modules.size; column++) {
      if (modules.get(row, column)) squares.push(`M${column} ${row}h1v1h-1z`);
    }
  }
  return { size: modules.size, path: squares.join("") };
}

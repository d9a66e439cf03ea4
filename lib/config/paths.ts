import path from "node:path";

export const PROJECT_ROOT = path.resolve(process.env.SECRET_KEYS_ROOT ?? process.cwd());

export function dataDir(): string {
  return path.resolve(PROJECT_ROOT, process.env.DATA_DIR ?? ".data");
}

import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

/** The environment variable naming the cache folder; `off` turns the cache off. */
export const CACHE_DIR_ENV = "PLATFORM_CHECK_CACHE";

/** Bumped whenever what a cache entry holds changes shape. */
const CACHE_FORMAT = "1";

/**
 * A content-keyed cache of what a check recomputes identically on every run (a program's compiled
 * JavaScript). An entry's name is the hash of everything its value depends on, so a stale entry
 * is never read, only never hit again. Entries are written to a unique temporary file and renamed
 * into place, so parallel runs never see half an entry; a folder that cannot be written (a
 * read-only checkout) leaves the cache off, a bad entry is a miss.
 */
export interface ContentCache {
  /** The value stored under the hash of `parts`, if any. */
  get(kind: string, parts: readonly string[]): string | undefined;
  /** Stores `value` under the hash of `parts`; failures leave the cache as it was. */
  set(kind: string, parts: readonly string[], value: string): void;
}

const none: ContentCache = { get: () => undefined, set: () => {} };

/** `node_modules/.cache/acme-platform-check` in `dir` or its nearest parent with a `node_modules`, or where {@link CACHE_DIR_ENV} says. */
function cacheDir(dir: string): string | undefined {
  const chosen = process.env[CACHE_DIR_ENV];
  if (chosen === "off") return undefined;
  if (chosen) return path.resolve(chosen);
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    const modules = path.join(at, "node_modules");
    if (fs.existsSync(modules)) return path.join(modules, ".cache", "acme-platform-check");
    if (path.dirname(at) === at) return undefined;
  }
}

const dirs = new Map<string, string | undefined>();

const caches = new Map<string, ContentCache>();

/** The cache of `projectDir` (see {@link ContentCache}); the one that does nothing when no folder can hold it. */
export function contentCache(projectDir: string): ContentCache {
  if (!dirs.has(projectDir)) dirs.set(projectDir, cacheDir(projectDir));
  const dir = dirs.get(projectDir);
  if (!dir) return none;
  let cache = caches.get(dir);
  if (cache) return cache;
  let writable = true;
  const file = (kind: string, parts: readonly string[]) => {
    const hash = createHash("sha256");
    for (const part of [CACHE_FORMAT, kind, ...parts]) hash.update(`${part.length}:${part}`);
    return path.join(dir, kind, `${hash.digest("hex")}.json`);
  };
  cache = {
    get(kind, parts) {
      try {
        const entry = JSON.parse(fs.readFileSync(file(kind, parts), "utf8")) as { value?: unknown };
        return typeof entry.value === "string" ? entry.value : undefined;
      } catch {
        return undefined;
      }
    },
    set(kind, parts, value) {
      if (!writable) return;
      const target = file(kind, parts);
      const temp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      try {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(temp, JSON.stringify({ value }));
        fs.renameSync(temp, target);
      } catch {
        writable = false;
        try {
          fs.rmSync(temp, { force: true });
        } catch {
          // Nothing was written where nothing can be.
        }
      }
    },
  };
  caches.set(dir, cache);
  return cache;
}

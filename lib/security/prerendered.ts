// The pages Next prerenders at build (the leverage note, the not-found page) are files of the
// build, the same bytes for every visitor: they carry no nonce, so their CSP lists the hashes of
// their inline scripts, read once from the build's HTML.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { inlineScriptHashes } from "./csp";

const hashesByRoute = new Map<string, readonly string[]>();

/** The script hashes of the page prerendered for `route` ("/_not-found", "/snapshot/en/leverage"); none if it has no such file. */
export function prerenderedScriptHashes(route: string): readonly string[] {
  let hashes = hashesByRoute.get(route);
  if (!hashes) {
    try {
      hashes = inlineScriptHashes(readFileSync(join(process.cwd(), ".next", "server", "app", `${route}.html`), "utf8"));
    } catch {
      // The development server prerenders nothing; its pages carry the nonce.
      hashes = [];
    }
    hashesByRoute.set(route, hashes);
  }
  return hashes;
}

/** The prerendered page Next answers an unknown path with: any page request may end there. */
export const NOT_FOUND_ROUTE = "/_not-found";

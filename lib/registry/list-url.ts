// The list pages keep their search, filters, sorting and page in the URL: links that change
// one of them keep the rest.
import type { ListQuery } from "./list";

const ORDER = ["q", "actionId", "areaId", "departmentId", "sectorId", "campaignId", "channel", "indicator", "year", "status", "from", "to", "sort", "dir", "page"] as const;
type Key = (typeof ORDER)[number];

/** The query string of a list with some values changed ("" when nothing is left); page 1 is left out. */
export function listSearch(query: ListQuery, change: Partial<Record<Key, string | number | undefined>> = {}): string {
  const params = new URLSearchParams();
  for (const key of ORDER) {
    const value = key in change ? change[key] : query[key];
    if (value === undefined || value === "" || (key === "page" && Number(value) <= 1)) continue;
    params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}

/**
 * A column header's link: the same column again turns the direction round; another column
 * sorts by it in its own default direction. Either way back to the first page.
 */
export function sortSearch(query: ListQuery, current: { sort: string; dir: "asc" | "desc" }, key: string): string {
  const dir = key === current.sort ? (current.dir === "asc" ? "desc" : "asc") : undefined;
  return listSearch(query, { sort: key, dir, page: undefined });
}

/** True when the list is narrowed by anything but sorting and paging. */
export function isFiltered(query: ListQuery): boolean {
  return ORDER.some((key) => key !== "sort" && key !== "dir" && key !== "page" && query[key] !== undefined && query[key] !== "");
}

import "server-only";
// The export route's work: which table, which format, the table built for the reader (with the
// reports' messages and those of the page the table belongs to), the file.
import { getTranslations } from "next-intl/server";
import { getDb, writeTransactionWhenFree } from "@/db/client";
import type { Locale } from "@/db/schema";
import { appendAudit, type AuditActor } from "@/lib/audit/log";
import type { ScopedUser } from "@/lib/auth/scope";
import { formatShanghai } from "@/lib/datetime";
import { AppError } from "@/lib/errors";
import { tableToCsv } from "@/lib/exports/csv";
import { exportFileBase } from "@/lib/exports/table";
import { tableToXlsx } from "@/lib/exports/xlsx";
import { EXPORT_TABLES, isExportTable } from "./export-tables";
import { normaliseQuery } from "./overview";
import { defaultPeriod } from "./defaults";
import { parseReportSearch } from "./report";
import { tableTranslators } from "./tables";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export async function reportExport(url: URL, user: ScopedUser, locale: Locale, audit: { actor: AuditActor; ip: string | null }): Promise<Response> {
  const search = Object.fromEntries(url.searchParams);
  const id = search.table ?? "";
  const format = search.format === "xlsx" ? "xlsx" : search.format === "csv" ? "csv" : null;
  if (!isExportTable(id) || !format) throw new AppError("NOT_FOUND");
  const db = getDb();
  const translators = await tableTranslators((namespace) => getTranslations(namespace));
  const query = normaliseQuery(db, user, parseReportSearch(search, defaultPeriod(db)));
  // The page of these parameters is not found either.
  if (query.invalid) throw new AppError("NOT_FOUND");
  // One read transaction (on the connection, so raw queries are in it too): every query of the table sees the same snapshot.
  const table = db.transaction(() => EXPORT_TABLES[id]!({ db, user, query, locale, ...translators }, search));
  await writeTransactionWhenFree((tx) =>
    appendAudit(tx, { actor: audit.actor, action: "report.export", entity: "report", entityId: id, outcome: "success", detail: JSON.stringify({ format, rows: table.rows.length, query: url.search }), ip: audit.ip }),
  );
  const base = exportFileBase(table, formatShanghai(new Date()).slice(0, 10));
  const ascii = `${id}-${formatShanghai(new Date()).slice(0, 10)}.${format}`;
  const body = format === "csv" ? tableToCsv(table, locale) : tableToXlsx(table, locale);
  return new Response(body as BodyInit, {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : XLSX_TYPE,
      "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(`${base}.${format}`)}`,
      "cache-control": "no-store",
    },
  });
}

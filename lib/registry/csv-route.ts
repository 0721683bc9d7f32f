import "server-only";
// What the CSV route handlers share: the record type of the URL, the download answer, and
// import problems in the user's language.
import { getTranslations } from "next-intl/server";
import { formatShanghai } from "@/lib/datetime";
import { getDb, whenWriteLockFree, writeTransactionWhenFree } from "@/db/client";
import { appendAudit, type AuditActor } from "@/lib/audit/log";
import type { ScopedUser } from "@/lib/auth/scope";
import { csvTemplate, exportCsv, importCsv, isCsvType, type CsvProblem, type CsvType } from "./csv";
import type { ListQuery } from "./list";
import { RECORD_SEGMENTS, recordTypeOfSegment } from "./types";

export interface SegmentParams {
  params: Promise<{ segment: string }>;
}

/** The CSV record type of /api/registry/[segment]/…, or a 404 answer. */
export async function csvTypeOfRoute({ params }: SegmentParams): Promise<CsvType | Response> {
  const type = recordTypeOfSegment((await params).segment);
  if (isCsvType(type)) return type;
  const t = await getTranslations("csv");
  return Response.json({ error: "NOT_FOUND", message: t("notCsvType") }, { status: 404 });
}

const FILE_NAME_KEYS = { package: "fileNamePackage", event: "fileNameEvent", carrier: "fileNameCarrier", batch: "fileNameBatch", indicator: "fileNameIndicator" } as const;

/** A download: text/csv, the file name in the user's language (RFC 6266 filename*) with an ASCII fallback. */
export async function csvDownload(type: CsvType, csv: string, kind: "export" | "template"): Promise<Response> {
  const t = await getTranslations("csv");
  const today = formatShanghai(new Date()).slice(0, 10);
  const base = t(FILE_NAME_KEYS[type]);
  const name = kind === "template" ? `${base}-${t("templateSuffix")}.csv` : `${base}-${today}.csv`;
  const ascii = kind === "template" ? `${RECORD_SEGMENTS[type]}-template.csv` : `${RECORD_SEGMENTS[type]}-${today}.csv`;
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "cache-control": "no-store",
    },
  });
}

export interface LocalisedProblem {
  line: number;
  column: string | null;
  message: string;
}

/** Import problems as sentences in the user's language. */
export async function localiseProblems(problems: CsvProblem[]): Promise<LocalisedProblem[]> {
  const [t, te] = await Promise.all([getTranslations("csv"), getTranslations("errors")]);
  return problems.map((p) => ({
    line: p.line,
    column: p.column,
    message: "key" in p ? t(p.key, p.values) : [...new Set(p.messages.map((m) => (te.has(m) ? te(m) : m)))].join(" "),
  }));
}

/** Every record the reader may see that the filters select, as CSV; the export is audited. */
export async function exportForReader(type: CsvType, user: ScopedUser, query: ListQuery, audit: { actor: AuditActor; ip: string | null; search: string }): Promise<string> {
  const db = getDb();
  // One read transaction: the references and the rows come from the same snapshot.
  const { csv, count } = db.transaction((tx) => exportCsv(tx, type, user, query));
  await writeTransactionWhenFree((tx) =>
    appendAudit(tx, { actor: audit.actor, action: "record.export", entity: type, outcome: "success", detail: JSON.stringify({ rows: count, query: audit.search }), ip: audit.ip }),
  );
  return csv;
}

export function templateForReader(type: CsvType, user: ScopedUser): string {
  return csvTemplate(getDb(), type, user);
}

export function importForStaff(type: CsvType, user: ScopedUser, text: string, options: Parameters<typeof importCsv>[4]) {
  const db = getDb();
  return whenWriteLockFree(() => importCsv(db, type, user, text, options), db);
}

import { getLocale } from "next-intl/server";
import { guardedRoute } from "@/lib/auth/guard";
import { resolveLocale } from "@/lib/i18n/locale";
import { reportExport } from "@/lib/reports/export-route";

// Any report table as CSV or XLSX: ?table=<id>&format=csv|xlsx&<the page's search parameters>.
// The table is built by the function its page renders, within the reader's scope; audited.
export const GET = guardedRoute({ name: "report.export", entity: "report", access: ["staff", "manager", "admin", "auditor"] }, async (request, { user, actor, ip }) => {
  const locale = resolveLocale(await getLocale());
  return reportExport(new URL(request.url), user!, locale, { actor, ip });
});

import { getTranslations } from "next-intl/server";
import { NavLink } from "@/app/_components/nav-link";
import { RECORD_TYPES, recordPath } from "@/lib/registry/types";

// The registry's record types as tabs above every registry page (each page checks the session itself).
export default async function RegistryLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("registry");
  return (
    <>
      <nav className="tabs" aria-label={t("tabsLabel")} data-testid="registry-tabs">
        <NavLink href="/registry/framework">{t("frameworkTab")}</NavLink>
        {RECORD_TYPES.map((type) => (
          <NavLink key={type} href={recordPath(type)}>
            {t(`lists.${type}`)}
          </NavLink>
        ))}
      </nav>
      {children}
    </>
  );
}

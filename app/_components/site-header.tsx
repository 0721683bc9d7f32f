import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { Role } from "@/db/schema";
import { getSessionUser } from "@/lib/auth/session";
import { LogoutButton } from "./logout-button";
import { resolveLocale } from "@/lib/i18n/locale";
import { LanguageSwitch } from "./language-switch";
import { NavLink } from "./nav-link";

/** Navigation by role: each entry lists the roles that see it. */
const NAV: Array<{
  href: string;
  key: "dashboard" | "registry" | "merchants" | "reports" | "inbox" | "users" | "departments" | "areas" | "audit" | "account";
  roles: readonly Role[];
  section?: string;
}> = [
  { href: "/dashboard", key: "dashboard", roles: ["staff", "manager", "admin", "auditor"] },
  // One entry for the registry; its record types are tabs on the registry pages.
  { href: "/registry/packages", key: "registry", roles: ["staff", "manager", "admin", "auditor"], section: "/registry" },
  // Voucher campaigns and batches are registry tabs; merchants are reference data of their own.
  { href: "/merchants", key: "merchants", roles: ["staff", "manager", "admin", "auditor"], section: "/merchants" },
  // Reports for everyone signed in; staff see their own scope.
  { href: "/reports", key: "reports", roles: ["staff", "manager", "admin", "auditor"], section: "/reports" },
  { href: "/inbox", key: "inbox", roles: ["manager"] },
  { href: "/admin/users", key: "users", roles: ["admin"] },
  { href: "/admin/departments", key: "departments", roles: ["admin"] },
  { href: "/admin/areas", key: "areas", roles: ["admin"] },
  { href: "/audit", key: "audit", roles: ["auditor"] },
  { href: "/account", key: "account", roles: ["staff", "manager", "admin", "auditor"] },
];

export async function SiteHeader() {
  const [user, t, tRoles, tCommon, locale] = await Promise.all([
    getSessionUser(),
    getTranslations("nav"),
    getTranslations("roles"),
    getTranslations("common"),
    getLocale(),
  ]);
  const other = resolveLocale(locale) === "zh-CN" ? "en" : "zh-CN";
  return (
    <header className="site-header">
      <div className="inner">
        <a href="/" className="brand">
          {tCommon("appName")}
          <small>{tCommon("appFullName").split("·")[1]?.trim()}</small>
        </a>
        <nav className="site-nav" aria-label={t("label")}>
          {/* The public summary: a document of its own (lib/public/snapshot-server.ts), not a client-side navigation. */}
          <a href="/">{t("home")}</a>
          {user
            ? NAV.filter((item) => item.roles.includes(user.role)).map((item) => (
                <NavLink key={item.href} href={item.href} section={item.section}>
                  {t(item.key)}
                </NavLink>
              ))
            : null}
        </nav>
        <div className="header-tools">
          <LanguageSwitch target={other} label={tCommon("switchLanguage")} ariaLabel={tCommon("switchLanguageLabel")} />
          {user ? (
            <>
              <span className="who" data-testid="signed-in-as">
                {tCommon("signedInAs", { name: user.displayName, role: tRoles(user.role) })}
              </span>
              <LogoutButton label={t("logout")} />
            </>
          ) : (
            <Link href="/login" className="link-button" style={{ textDecoration: "none" }}>
              {t("login")}
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}

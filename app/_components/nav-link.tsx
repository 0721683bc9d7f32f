"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/** `section`: the path prefix the link stands for when it is not its own href (a section's default page). */
export function NavLink({ href, section, children }: { href: string; section?: string; children: React.ReactNode }) {
  const pathname = usePathname();
  const base = section ?? href;
  const current = pathname === href || pathname === base || (base !== "/" && pathname.startsWith(`${base}/`));
  return (
    <Link href={href} aria-current={current ? "page" : undefined}>
      {children}
    </Link>
  );
}

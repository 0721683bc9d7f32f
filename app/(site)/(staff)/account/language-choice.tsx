"use client";
import { useTransition } from "react";
import { useRouter } from "next/navigation";
import type { Locale } from "@/lib/i18n/locale";
import { setLocaleAction } from "@/lib/auth/actions";

/** One button per language; the current one is pressed. The choice is saved with the account. */
export function LanguageChoice(props: { current: Locale; label: string; options: Array<{ locale: Locale; label: string }> }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <div role="group" aria-label={props.label} className="button-row" data-testid="account-language">
      {props.options.map((o) => {
        const current = o.locale === props.current;
        return (
          <button
            key={o.locale}
            type="button"
            lang={o.locale}
            className={`button ${current ? "" : "secondary"}`}
            aria-pressed={current}
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                if (current) return;
                await setLocaleAction({ locale: o.locale });
                router.refresh();
              })
            }
          >
            {o.label}
          </button>
        );
      })}
    </div>
  );
}

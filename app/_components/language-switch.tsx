"use client";
import { useTransition } from "react";
import { useRouter } from "next/navigation";
import type { Locale } from "@/db/schema";
import { setLocaleAction } from "@/lib/auth/actions";

export function LanguageSwitch({ target, label, ariaLabel }: { target: Locale; label: string; ariaLabel: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <button
      type="button"
      className="link-button"
      lang={target}
      aria-label={ariaLabel}
      disabled={pending}
      data-testid="language-switch"
      onClick={() =>
        startTransition(async () => {
          await setLocaleAction({ locale: target });
          router.refresh();
        })
      }
    >
      {label}
    </button>
  );
}

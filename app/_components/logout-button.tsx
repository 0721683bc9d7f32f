"use client";
import { useActionState } from "react";
import { logoutAction } from "@/lib/auth/actions";

export function LogoutButton({ label }: { label: string }) {
  const [, formAction, pending] = useActionState(logoutAction, undefined);
  return (
    <form action={formAction}>
      <button type="submit" className="link-button" data-testid="logout" disabled={pending}>
        {label}
      </button>
    </form>
  );
}

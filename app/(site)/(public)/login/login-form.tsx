"use client";
import { ActionForm } from "@/app/_components/action-form";
import { loginAction } from "@/lib/auth/actions";

export function LoginForm({
  callbackUrl,
  labels,
}: {
  callbackUrl: string;
  labels: { username: string; password: string; submit: string; submitting: string };
}) {
  return (
    <ActionForm
      action={loginAction}
      testId="login-form"
      hidden={{ callbackUrl }}
      submitLabel={labels.submit}
      pendingLabel={labels.submitting}
      fields={[
        { name: "username", label: labels.username, autoComplete: "username", required: true },
        { name: "password", label: labels.password, type: "password", autoComplete: "current-password", required: true },
      ]}
    />
  );
}

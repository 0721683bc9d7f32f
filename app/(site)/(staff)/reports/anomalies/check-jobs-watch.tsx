"use client";
// While check jobs run in their own process, asks every second how they go; once none is
// queued or running, the page is drawn again with the flags they wrote.
import { useEffect } from "react";
import { useRouter } from "next/navigation";

const POLL_MS = 1_000;

export function CheckJobsWatch({ jobIds }: { jobIds: number[] }) {
  const router = useRouter();
  const key = jobIds.join(",");
  useEffect(() => {
    if (!key) return;
    let pending = key.split(",").map(Number);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const poll = async () => {
      const still: number[] = [];
      for (const id of pending) {
        try {
          const response = await fetch(`/api/anomalies/checks/${id}`, { cache: "no-store" });
          if (!response.ok) continue;
          const body = (await response.json()) as { status: string };
          if (body.status === "queued" || body.status === "running") still.push(id);
        } catch {
          // A dropped answer is asked again.
          still.push(id);
        }
      }
      if (stopped) return;
      if (still.length < pending.length) router.refresh();
      pending = still;
      if (pending.length > 0) timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [key, router]);
  return null;
}

// How a flag's status looks on the review pages.
export const STATUS_TONE = { open: "warn", explained: "ok", confirmed: "bad" } as const;

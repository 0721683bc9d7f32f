// The parsing thread of an import (see ./parse.ts): bytes come in as transferred chunks, the
// statement's entries go back as column batches, its totals and row summary at the end.
import { parentPort, workerData } from "node:worker_threads";
import { AppError } from "@/lib/errors";
import { openStatement, type OpenStatementOptions } from "@/lib/statements";
import { batchBuffers, batchToWire, packEntries } from "@/lib/statements/batch";
import type { ParentMessage, WorkerMessage } from "./parse";

const port = parentPort!;
const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

const received: Array<Uint8Array | null> = [];
let wake: (() => void) | null = null;
port.on("message", (message: ParentMessage) => {
  received.push(message.type === "bytes" ? new Uint8Array(message.bytes) : null);
  wake?.();
});

/** The chunks as they arrive; each one taken is acknowledged, so the reader knows to send more. */
async function* bytes(): AsyncGenerator<Uint8Array> {
  for (;;) {
    while (received.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
    const chunk = received.shift()!;
    if (chunk === null) return;
    post({ type: "taken" });
    yield chunk;
  }
}

post({ type: "ready" });
try {
  const reader = await openStatement(bytes(), workerData as OpenStatementOptions);
  post({ type: "opened", format: reader.format, encoding: reader.encoding });
  for await (const entries of reader.chunks) {
    const batch = batchToWire(packEntries(entries));
    post({ type: "batch", batch }, batchBuffers(batch));
  }
  post({ type: "end", totals: reader.totals(), summary: reader.summary() });
} catch (error) {
  post(
    error instanceof AppError
      ? { type: "failed", code: error.code, messageKey: error.messageKey }
      : { type: "failed", code: null, messageKey: error instanceof Error ? (error.stack ?? error.message) : String(error) },
  );
}

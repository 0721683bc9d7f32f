// A statement parsed beside its staging: the import's thread reads the bytes (and hashes them
// as they pass), hands each chunk to a worker thread that decodes and parses it, and stages the
// column batches that come back while the worker parses the next chunks. Where no worker can be
// started, the same batches are made in this thread.
import { ReadStream } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { AppError, type AppErrorCode } from "@/lib/errors";
import { openStatement, type ByteSource, type OpenStatementOptions, type RowSummary, type StatementFormat, type StatementTotals } from "@/lib/statements";
import { batchFromWire, type EntryBatch, packEntries, type WireBatch } from "@/lib/statements/batch";
import type { TextEncoding } from "@/lib/text/decode";

export interface ParsedStatement {
  /** Where the parsing ran. */
  parsedIn: "worker" | "this thread";
  format: StatementFormat;
  encoding: TextEncoding;
  /** The entries, a chunk at a time, in file order. Iterate once, to the end or to a `return()`. */
  batches: AsyncGenerator<EntryBatch>;
  /** Complete once `batches` is exhausted. */
  totals(): StatementTotals | null;
  summary(): RowSummary;
  /** Releases the source and the worker, whether or not `batches` was read to its end. */
  close(): Promise<void>;
}

export type ParentMessage = { type: "bytes"; bytes: ArrayBuffer } | { type: "end" };

export type WorkerMessage =
  | { type: "ready" }
  | { type: "taken" }
  | { type: "opened"; format: StatementFormat; encoding: TextEncoding }
  | { type: "batch"; batch: WireBatch }
  | { type: "end"; totals: StatementTotals | null; summary: RowSummary }
  | { type: "failed"; code: AppErrorCode | null; messageKey: string };

/** Chunks handed to the worker and not yet taken: enough to keep it busy, few enough to bound memory. */
const CHUNKS_AHEAD = 16;

async function* byteChunks(source: ByteSource): AsyncGenerator<Uint8Array> {
  for await (const chunk of source as AsyncIterable<Uint8Array | string>) {
    yield typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
  }
}

/**
 * Parses `source`, calling `passing` with every chunk of bytes as it is read. Throws what
 * openStatement throws (format, encoding) once the header is read.
 */
export async function parseStatement(
  source: ByteSource,
  options: OpenStatementOptions,
  passing: (chunk: Uint8Array) => void,
  { inWorker = true }: { inWorker?: boolean } = {},
): Promise<ParsedStatement> {
  const worker = inWorker ? await startWorker(options) : null;
  return worker ? parseInWorker(worker, source, passing) : parseInThread(source, options, passing);
}

async function parseInThread(source: ByteSource, options: OpenStatementOptions, passing: (chunk: Uint8Array) => void): Promise<ParsedStatement> {
  async function* read() {
    for await (const chunk of byteChunks(source)) {
      passing(chunk);
      yield chunk;
    }
  }
  const reader = await openStatement(read(), options);
  async function* batches() {
    for await (const entries of reader.chunks) yield packEntries(entries);
  }
  return {
    parsedIn: "this thread",
    format: reader.format,
    encoding: reader.encoding,
    batches: batches(),
    totals: reader.totals,
    summary: reader.summary,
    close: async () => void (await reader.chunks.return(undefined)),
  };
}

/** The worker's messages as they come, and its failure (an error, an exit) as a rejection. */
class Inbox {
  private readonly messages: WorkerMessage[] = [];
  private failure: Error | null = null;
  private wake: (() => void) | null = null;

  constructor(worker: Worker) {
    worker.on("message", (message: WorkerMessage) => this.push(message));
    worker.on("error", (error) => this.fail(error));
    worker.on("exit", (code) => this.fail(new Error(`statement parser exited (${code})`)));
  }

  private push(message: WorkerMessage) {
    this.messages.push(message);
    this.wake?.();
  }

  private fail(error: Error) {
    this.failure ??= error;
    this.wake?.();
  }

  /** The next message if one has come. */
  take(): WorkerMessage | undefined {
    if (this.messages.length > 0) return this.messages.shift();
    if (this.failure) throw this.failure;
    return undefined;
  }

  async next(): Promise<WorkerMessage> {
    for (;;) {
      const message = this.take();
      if (message) return message;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
  }
}

interface StartedWorker {
  worker: Worker;
  inbox: Inbox;
}

/** A parsing worker that has loaded its code; null when none can be started here. */
async function startWorker(options: OpenStatementOptions): Promise<StartedWorker | null> {
  let worker: Worker;
  try {
    // A path, not `new URL(…)`, which Turbopack would bundle (tsx and all) into the app's server:
    // the app reaches this module for a job's outcome but never imports through it.
    const entry = join(/*turbopackIgnore: true*/ dirname(fileURLToPath(import.meta.url)), "parse-worker.mjs");
    worker = new Worker(entry, { workerData: options });
  } catch {
    return null;
  }
  const inbox = new Inbox(worker);
  try {
    const first = await inbox.next();
    if (first.type === "ready") return { worker, inbox };
  } catch {
    // It failed to load: parse in this thread.
  }
  await worker.terminate();
  return null;
}

function failure(message: Extract<WorkerMessage, { type: "failed" }>): Error {
  return message.code ? new AppError(message.code, message.messageKey) : new Error(message.messageKey);
}

async function parseInWorker({ worker, inbox }: StartedWorker, source: ByteSource, passing: (chunk: Uint8Array) => void): Promise<ParsedStatement> {
  // A file stream's chunks are fresh buffers nobody else holds: they move without a copy. Any
  // other source's may be the caller's own (a test imports one Buffer twice), so they are copied.
  const owned = source instanceof ReadStream;
  const send = (chunk: Uint8Array) => {
    const whole = owned && chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength && chunk.buffer instanceof ArrayBuffer;
    const bytes = whole ? (chunk.buffer as ArrayBuffer) : new Uint8Array(chunk).buffer;
    worker.postMessage({ type: "bytes", bytes } satisfies ParentMessage, [bytes]);
  };

  /** Feeds the worker while handing back its messages (acknowledgements aside), up to its end or failure. */
  async function* exchange(): AsyncGenerator<WorkerMessage> {
    let ahead = 0;
    const handle = (message: WorkerMessage) => {
      if (message.type === "taken") ahead--;
      if (message.type === "failed") throw failure(message);
      return message.type === "taken" ? null : message;
    };
    try {
      for await (const chunk of byteChunks(source)) {
        passing(chunk);
        send(chunk);
        ahead++;
        // What came back is staged before more is read, so neither side piles up.
        for (;;) {
          const message = inbox.take();
          if (message === undefined) {
            if (ahead < CHUNKS_AHEAD) break;
            const next = handle(await inbox.next());
            if (next) yield next;
            continue;
          }
          const next = handle(message);
          if (next) yield next;
          if (next?.type === "end") return;
        }
      }
      worker.postMessage({ type: "end" } satisfies ParentMessage);
      for (;;) {
        const next = handle(await inbox.next());
        if (next) yield next;
        if (next?.type === "end") return;
      }
    } finally {
      await worker.terminate();
    }
  }

  const messages = exchange();
  let end: Extract<WorkerMessage, { type: "end" }> | null = null;
  const opened = await messages.next();
  if (opened.done || opened.value.type !== "opened") {
    await messages.return(undefined);
    throw new Error("statement parser ended before the header");
  }
  async function* batches(): AsyncGenerator<EntryBatch> {
    for await (const message of messages) {
      if (message.type === "batch") yield batchFromWire(message.batch);
      else if (message.type === "end") end = message;
    }
    if (!end) throw new Error("statement parser ended early");
  }
  return {
    parsedIn: "worker",
    format: opened.value.format,
    encoding: opened.value.encoding,
    batches: batches(),
    totals: () => end?.totals ?? null,
    summary: () => end!.summary,
    close: async () => void (await messages.return(undefined)),
  };
}

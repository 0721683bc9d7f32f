// The parsing worker's entry: a worker thread does not inherit the TypeScript loader of the
// process (node --import tsx), so it registers tsx before loading the worker's code.
import { register } from "tsx/esm/api";

register();
await import("./parse-worker.ts");

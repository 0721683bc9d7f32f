// `node --import ./lib/testing/plain-node.mjs --import tsx …` runs lib code outside Next and
// without the react-server condition (needed where next-auth pulls in React's client build):
// "server-only" resolves to an empty module instead of throwing.
import { register } from "node:module";

register("./server-only-hooks.mjs", import.meta.url);

import "server-only";
import { connection } from "next/server";
import { getDb } from "@/db/client";
import { OPEN_ENDPOINTS, type OpenEndpointName } from "./endpoints";
import { openDataResponse, openRequestOf, type OpenDocumentHead, type OpenEndpoint } from "./response";

/** The whole GET of /api/open/<name>, read with the process's connection. */
export async function openDataGet(name: OpenEndpointName, request: Request): Promise<Response> {
  await connection();
  const endpoint: OpenEndpoint<OpenDocumentHead> = OPEN_ENDPOINTS[name];
  const answer = openDataResponse(getDb(), endpoint, openRequestOf(request));
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

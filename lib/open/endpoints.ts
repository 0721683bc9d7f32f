// Every open-data endpoint by name: GET /api/open/<name>.
import { openActionsEndpoint } from "./actions";
import { openBatchesEndpoint } from "./batches";
import { openCampaignsEndpoint } from "./campaigns";
import { openIndicatorsEndpoint } from "./indicators";
import type { OpenDocumentHead, OpenEndpoint } from "./response";
import { openSummaryEndpoint } from "./summary";

export const OPEN_ENDPOINTS = {
  summary: openSummaryEndpoint,
  actions: openActionsEndpoint,
  campaigns: openCampaignsEndpoint,
  batches: openBatchesEndpoint,
  indicators: openIndicatorsEndpoint,
} satisfies Record<string, OpenEndpoint<OpenDocumentHead>>;

export type OpenEndpointName = keyof typeof OPEN_ENDPOINTS;
export const OPEN_ENDPOINT_NAMES = Object.keys(OPEN_ENDPOINTS) as OpenEndpointName[];

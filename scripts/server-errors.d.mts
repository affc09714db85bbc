import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";

export const ERROR_HEADERS: Record<string, string>;
export const TEXT: { en: Record<string | number, string>; zh: Record<string | number, string> };
export function errorBody(
  status: number,
  key: string | number | { en: string; zh: string },
  api: boolean,
): { type: string; body: string };
export function answerError(
  res: ServerResponse,
  status: number,
  url: string | undefined,
  key?: string | number | { en: string; zh: string },
): void;
export function malformedPath(url: string | undefined): boolean;
export function guardRequest(req: IncomingMessage, res: ServerResponse): boolean;
export function onClientError(
  err: Error & { code?: string; rawPacket?: Buffer },
  socket: Duplex,
): void;
export function createServer(
  http: typeof import("node:http"),
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<unknown> | unknown,
  prepare?: (req: IncomingMessage) => void,
  log?: Pick<import("pino").Logger, "error">,
): import("node:http").Server;

"use client";
// "Copy link": put a URL on the clipboard, and show it either way (the clipboard needs a secure
// context: https or localhost; elsewhere the reader copies it from the field).
import { useCallback, useState } from "react";

export interface Offered {
  url: string;
  copied: boolean;
  what: string;
}

export function useOfferLink(): {
  offered: Offered | null;
  offer: (path: string, what: string) => Promise<void>;
  clear: () => void;
} {
  const [offered, setOffered] = useState<Offered | null>(null);
  const offer = useCallback(async (path: string, what: string) => {
    const url = new URL(path, window.location.origin).toString();
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      // no clipboard here: the field below shows the link selected
    }
    setOffered({ url, copied, what });
  }, []);
  return { offered, offer, clear: useCallback(() => setOffered(null), []) };
}

/** POST /api/snapshots: the stored snapshot's path and expiry, or an Error with the server's sentence. */
export async function createSnapshot(
  request: Record<string, unknown>,
): Promise<{ url: string; expiresAt: number }> {
  const res = await fetch("/api/snapshots", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(request),
  });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(body?.error ?? `HTTP ${res.status}`);
  return body;
}

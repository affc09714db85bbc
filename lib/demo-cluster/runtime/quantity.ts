// Kubernetes resource quantities as the demo cluster reads them (memory in bytes, cpu in millicores).

/** Kubernetes quantities for memory: 128Mi, 1Gi, 500M, 1e6, 256 → bytes; null when unreadable. */
export function quantityBytes(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|K|M|G|T|e\d+)?$/.exec(text.trim());
  if (!m) return null;
  const unit = m[2] ?? "";
  const factor = unit.startsWith("e")
    ? 10 ** Number(unit.slice(1))
    : (
        {
          "": 1,
          Ki: 1024,
          Mi: 1024 ** 2,
          Gi: 1024 ** 3,
          Ti: 1024 ** 4,
          k: 1e3,
          K: 1e3,
          M: 1e6,
          G: 1e9,
          T: 1e12,
        } as Record<string, number>
      )[unit];
  return Math.round(Number(m[1]) * factor);
}

/** cpu quantities: 500m, 2, 0.5 → millicores; null when unreadable. */
export function quantityMillicores(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(m)?$/.exec(text.trim());
  if (!m) return null;
  return m[2] ? Number(m[1]) : Math.round(Number(m[1]) * 1000);
}

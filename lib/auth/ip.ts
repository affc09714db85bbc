// Which peer addresses may speak for an authenticating proxy: LIFELINE_TRUSTED_PROXIES lists
// addresses and CIDR ranges, IPv4 and IPv6 (an IPv4 peer may arrive as ::ffff:a.b.c.d).

/** An address as 16 bytes (IPv4 mapped into ::ffff:0:0/96), or null when it is not one. */
export function ipBytes(text: string): Uint8Array | null {
  let s = text.trim();
  if (s.startsWith("[") && s.endsWith("]")) s = s.slice(1, -1);
  const zone = s.indexOf("%");
  if (zone >= 0) s = s.slice(0, zone);
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4) {
    const parts = v4.slice(1).map(Number);
    if (parts.some((p) => p > 255)) return null;
    const out = new Uint8Array(16);
    out[10] = 0xff;
    out[11] = 0xff;
    out.set(parts, 12);
    return out;
  }
  if (!/^[0-9a-fA-F:.]+$/.test(s) || !s.includes(":")) return null;
  // A trailing dotted IPv4 part (::ffff:10.0.0.1) stands for the last two groups.
  const lastColon = s.lastIndexOf(":");
  if (s.slice(lastColon + 1).includes(".")) {
    const four = ipBytes(s.slice(lastColon + 1));
    if (!four) return null;
    const hex = (hi: number, lo: number) => ((hi << 8) | lo).toString(16);
    s = `${s.slice(0, lastColon + 1)}${hex(four[12], four[13])}:${hex(four[14], four[15])}`;
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const groups = (h: string) => (h === "" ? [] : h.split(":"));
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  if (
    head.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g)) ||
    rest.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))
  )
    return null;
  const fill = 8 - head.length - rest.length;
  if (halves.length === 2 ? fill < 1 : fill !== 0) return null;
  const words = [
    ...head.map((g) => parseInt(g, 16)),
    ...new Array<number>(fill).fill(0),
    ...rest.map((g) => parseInt(g, 16)),
  ];
  const out = new Uint8Array(16);
  words.forEach((w, i) => {
    out[i * 2] = w >> 8;
    out[i * 2 + 1] = w & 0xff;
  });
  return out;
}

export interface IpRange {
  text: string;
  bytes: Uint8Array;
  bits: number;
}

/** "10.0.0.0/8", "192.168.1.7", "fd00::/8" → a range; throws with a sentence on anything else. */
export function parseRange(text: string): IpRange {
  const [addr, prefix, extra] = text.trim().split("/");
  const bytes = ipBytes(addr);
  const isV4 = /^\d/.test(addr.trim());
  const max = isV4 ? 32 : 128;
  if (
    !bytes ||
    extra !== undefined ||
    (prefix !== undefined && !/^\d{1,3}$/.test(prefix)) ||
    Number(prefix ?? max) > max
  ) {
    throw new Error(
      `"${text.trim().slice(0, 60)}" is not an IP address or a CIDR range (such as 10.0.0.0/8 or fd00::/8)`,
    );
  }
  return { text: text.trim(), bytes, bits: (isV4 ? 96 : 0) + Number(prefix ?? max) };
}

export function inRange(addr: string, range: IpRange): boolean {
  const bytes = ipBytes(addr);
  if (!bytes) return false;
  let bits = range.bits;
  for (let i = 0; i < 16 && bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((bytes[i] & mask) !== (range.bytes[i] & mask)) return false;
  }
  return true;
}

/** Loopback: 127.0.0.0/8, ::1, or the name localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase();
  if (h === "localhost") return true;
  const bytes = ipBytes(h);
  if (!bytes) return false;
  return inRange(h, parseRange("127.0.0.0/8")) || inRange(h, parseRange("::1/128"));
}

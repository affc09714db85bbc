// Splits a stream of text into lines or SSE frames as it arrives (the benchmarks read watches and
// event streams with it).

/**
 * Calls `fn` with each complete line (or SSE frame, with "\n\n") as it arrives. Only the new
 * chunk (and the few characters before it) is searched, and an unfinished part is kept as a list
 * of chunks: a 50 MB snapshot frame arriving in 64 KiB chunks must not be rescanned (and the
 * string flattened) at every chunk, which made this process, not the server, the bottleneck.
 */
export function splitter(separator: string, fn: (part: string) => void): (chunk: string) => void {
  let pending: string[] = [];
  const overlap = separator.length - 1;
  return (chunk) => {
    const last = pending.length ? pending[pending.length - 1] : "";
    const head = overlap > 0 ? last.slice(-overlap) : "";
    const text = head + chunk;
    let i = text.indexOf(separator);
    if (i < 0) {
      pending.push(chunk);
      return;
    }
    const prefix = pending.join("");
    fn(prefix.slice(0, prefix.length - head.length) + text.slice(0, i));
    pending = [];
    let start = i + separator.length;
    while ((i = text.indexOf(separator, start)) >= 0) {
      fn(text.slice(start, i));
      start = i + separator.length;
    }
    if (start < text.length) pending.push(text.slice(start));
  };
}

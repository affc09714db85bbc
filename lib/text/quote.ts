// How an error sentence names what it was given: the input in quotes, at most ~100 characters of
// it; a longer one is cut (never inside a surrogate pair) and says its length, so a 12 KB
// selector or name is named, not echoed back.

export function quoteInput(text: string, max = 100): string {
  if (text.length <= max) return `"${text}"`;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--; // a high surrogate without its pair
  return `"${text.slice(0, end)}…" (${text.length.toLocaleString("en-US")} characters)`;
}

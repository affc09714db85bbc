// Starts the live pipeline once per server process (not per request): Next calls register() at boot.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.LIFELINE_OFFLINE === "1") return;
  const { live } = await import("./lib/live/live");
  try {
    await live();
  } catch (err) {
    console.error(`lifeline: could not start the live pipeline: ${(err as Error).message}`);
  }
}

/** What a thrown value says, for logs, warnings and reasons: anything may be thrown, not only an Error. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

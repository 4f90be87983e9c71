/**
 * When the release's metrics are pushed: every minute while a long invocation runs (never
 * awaited by the caller), and once at its end within the flush's deadline. One push at a time:
 * two PUTs of one group must not cross, or the older values could land last.
 */
import { untilAborted } from '../driver/telemetry.js';
import { putGroup, type PushTarget } from './pushgateway.js';

export interface GroupBody {
  path: string;
  body: string;
}

export interface PusherOptions {
  target: PushTarget;
  /** The groups and their text now; undefined while there is nothing to push (no release opened yet). */
  bodies: () => Promise<GroupBody[] | undefined>;
  /** Told of every failed push (the caller warns once). */
  failed: (err: unknown) => void;
  now: () => number;
  /** Default a minute. */
  livePushMs?: number;
}

export interface Pusher {
  /** Starts a push if a minute has passed since the last one and none is out; returns at once. */
  live(): void;
  /** The last push: waits for one still out, then pushes; gives up when `deadline` aborts (rejects). */
  final(deadline: AbortSignal): Promise<void>;
}

const LIVE_PUSH_MS = 60_000;
/** A live push that gets no answer gives up after this: pushes must not pile up behind a hanging gateway. */
const LIVE_PUSH_TIMEOUT_MS = 10_000;

export function createPusher(opts: PusherOptions): Pusher {
  let lastPush = opts.now();
  let inFlight: Promise<void> | undefined;
  let liveOff = false;

  const send = async (signal: AbortSignal): Promise<void> => {
    const groups = await opts.bodies();
    if (!groups) return;
    lastPush = opts.now();
    await Promise.all(groups.map((g) => putGroup(opts.target, g.path, g.body, signal)));
  };

  return {
    live(): void {
      if (liveOff || inFlight || opts.now() - lastPush < (opts.livePushMs ?? LIVE_PUSH_MS)) return;
      inFlight = send(AbortSignal.timeout(LIVE_PUSH_TIMEOUT_MS))
        .catch((err: unknown) => {
          // One failure ends the live pushes (a hanging gateway would cost a timeout a minute); the final push still tries.
          liveOff = true;
          opts.failed(err);
        })
        .finally(() => (inFlight = undefined));
    },
    async final(deadline: AbortSignal): Promise<void> {
      while (inFlight) await Promise.race([inFlight, untilAborted(deadline)]).then(() => deadline.throwIfAborted());
      const last = send(deadline);
      inFlight = last.catch(() => undefined).finally(() => (inFlight = undefined));
      await last;
    },
  };
}

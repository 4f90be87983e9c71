/**
 * The driver's side of the inbox (driver/inbox.ts reads commands from runs): when to read it (every
 * poll interval), reading it without failing the release when GitHub cannot answer (warned, read
 * again next time), each unreadable run warned about once, and who may act (authorize.ts) before
 * anything is fed. Also the order commands are taken in: as they were given.
 */
import { commandRunOf } from '../core/commands.js';
import type { Event } from '../core/events.js';
import type { State } from '../core/state.js';
import type { Plan } from '../plan/types.js';
import { messageOf } from '../report/message.js';
import { authorizeInbox } from './authorize.js';
import { commandsFromRuns } from './inbox.js';
import type { DriverPorts } from './ports.js';
import { formatDuration } from '../plan/duration.js';

export interface InboxReaderOptions {
  ports: DriverPorts;
  plan: Plan;
  /** The state the driver drives (it keeps changing). */
  state: State;
  /** The driving workflow (undefined: no inbox, nothing is read). */
  workflow: string | undefined;
  everyMs: number;
  /** Who started the release, when the state does not say. */
  initiator: string | undefined;
  warn: (message: string) => void;
}

export class InboxReader {
  /** When the inbox is read next (the driver's loop and its waits look at it). */
  nextAt = Number.NEGATIVE_INFINITY;
  private readonly warned = new Set<string>();

  constructor(private readonly o: InboxReaderOptions) {}

  get enabled(): boolean {
    return this.o.workflow !== undefined;
  }

  /** The next read is due a poll interval from now. */
  scheduleNext(): void {
    this.nextAt = this.o.ports.clock.now() + this.o.everyMs;
  }

  /** The command events for this release not taken yet (empty when it cannot be read: warned); `floor`: see commandsFromRuns. */
  async events(floor?: number): Promise<Event[]> {
    const { ports, state, workflow, warn } = this.o;
    if (workflow === undefined) return [];
    let runs;
    try {
      runs = await ports.inbox.commandRuns();
    } catch (err) {
      warn(`could not read the commands given to release ${state.releaseId}: ${messageOf(err)}; trying again in ${formatDuration(this.o.everyMs)}`);
      return [];
    }
    const reading = commandsFromRuns(runs, state, workflow, ports.clock.now(), floor ?? state.now);
    for (const u of reading.unreadable) {
      if (this.warned.has(u.key)) continue;
      this.warned.add(u.key);
      warn(u.message);
    }
    return reading.events;
  }

  /** Marks the events whose people may not act (authorize.ts), against the current stage. */
  authorize(events: Event[]): Promise<Event[]> {
    const { plan, ports, state, initiator } = this.o;
    return authorizeInbox(events, plan, ports.permissions, state.initiator ?? initiator, state.stages[state.stage]?.name);
  }

  /** A read when due: the authorized events to feed (the next read is scheduled). */
  async read(): Promise<Event[]> {
    if (!this.enabled) return [];
    this.scheduleNext();
    const events = await this.events();
    return events.length > 0 ? this.authorize(events) : [];
  }
}

/** `given` (this run's own command) with the inbox's commands not from the same run, oldest run first. */
export function mergeGiven(given: readonly Event[], inbox: readonly Event[]): Event[] {
  const own = new Set(given.map(commandRunOf).filter((k) => k !== undefined));
  return inOrderGiven([...given, ...inbox.filter((ev) => !own.has(commandRunOf(ev) ?? ''))]);
}

/** Commands in the order their runs were created (those without a creation time keep their place, after). */
function inOrderGiven(events: Event[]): Event[] {
  const created = (ev: Event): number =>
    (ev.type === 'command' || ev.type === 'approval') && ev.origin?.createdAt !== undefined ? ev.origin.createdAt : Number.POSITIVE_INFINITY;
  return events
    .map((ev, i) => ({ ev, i }))
    .sort((a, b) => created(a.ev) - created(b.ev) || a.i - b.i)
    .map((x) => x.ev);
}

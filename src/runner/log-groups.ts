/**
 * The release's human log folded by stage (`::group::` in the runner's log viewer). Groups do not
 * nest in the runner, so at most one is open: an entry of a stage opens that stage's group (and
 * closes another's), an entry of the whole release (started, stopped, paused, finished, a command
 * without a stage) is written outside any group so the verdict is never folded away, and a
 * resume inside a stage reopens that stage's group. A stage's lines may come in more than one
 * group (a rollback walks back through earlier stages): the log keeps the order things happened.
 */
import type { HistoryEntry, State } from '../core/state.js';

export interface GroupWriter {
  startGroup(title: string): void;
  endGroup(): void;
}

export class StageGroups {
  private open: string | undefined;

  constructor(
    private readonly out: GroupWriter,
    private readonly title: (stage: string) => string,
  ) {}

  /** Before `entry` is written: the group it belongs in is the open one. */
  before(entry: HistoryEntry, state: State): void {
    if (entry.stage === undefined) this.close();
    // Only the plan's stages name groups: a refused command may name a stage that is not one.
    else if (state.stages.some((s) => s.name === entry.stage)) this.enter(entry.stage);
  }

  /** After `entry` is written, with the state after it. */
  after(entry: HistoryEntry, state: State): void {
    if (entry.kind === 'stage-completed' && entry.stage === this.open) this.close();
    // The lines that follow a resume are the current stage's (its polls, its next step), if it is under way.
    else if (entry.kind === 'release-resumed' || entry.kind === 'release-continued') this.resumeIn(state);
  }

  /** Opens the group of the stage a release loaded mid-way is in (nothing when it is between stages). */
  private resumeIn(state: State): void {
    const current = state.stages[state.stage];
    if (state.status === 'running' && current !== undefined && (current.phase === 'running' || current.phase === 'awaiting-approval')) this.enter(current.name);
  }

  /** Closes the open group, if any (the driver returned, or a line of the whole release follows). */
  close(): void {
    if (this.open === undefined) return;
    this.open = undefined;
    this.out.endGroup();
  }

  private enter(stage: string): void {
    if (this.open === stage) return;
    this.close();
    this.open = stage;
    this.out.startGroup(this.title(stage));
  }
}

/**
 * Handing the driver its GitHub ports: one object may play every role (the GitHub adapter, the
 * emulator), and a port that cannot lose a dispatch's answer has no doubts to track.
 */
import type { DeploymentsPort, DoubtsPort, GitHubPorts, InboxPort, LedgerPort, PermissionsPort, ReviewsPort, RunsPort } from './ports.js';

/** The inbox of a port no person can write to (the emulator without scripted commands): always empty. */
export const NO_INBOX: InboxPort = { commandRuns: async () => [] };

/** Doubt tracking of a port whose dispatches always answer: nothing is ever in doubt. */
export const NO_DOUBTS: DoubtsPort = {
  strayRuns: async () => [],
  openDoubts: () => [],
  watchFor: () => undefined,
};

/** The driver's GitHub ports, played by `github` but for the doubts (NO_DOUBTS where it cannot lose an answer). */
export function rolesOf(
  github: RunsPort & ReviewsPort & DeploymentsPort & LedgerPort & PermissionsPort,
  doubts: DoubtsPort,
  inbox: InboxPort = NO_INBOX,
): GitHubPorts {
  return { runs: github, reviews: github, doubts, deployments: github, ledger: github, permissions: github, inbox };
}

/** The reviews of a port whose runs nobody reviews (tests that build their ports by hand): none, so no reviewer is named. */
export const NO_REVIEWS: ReviewsPort = { reviewsOf: async () => [] };

/**
 * Every id a release leaves in GitHub, to the byte: ledgers, run titles and deployments written
 * by one version are found by the next by these strings, so a change here strands releases.
 */
import { describe, expect, it } from 'vitest';
import {
  checkRunName,
  correlationId,
  deploymentKey,
  isReleaseId,
  parseCheckRunName,
  parseCorrelationId,
  parseDeploymentKey,
  parseReleaseId,
  RELEASE_ID_MAX,
  RELEASE_ID_SHOWN_MAX,
  releaseIdOf,
  titleCarries,
} from '../src/plan/ids.js';

interface IdForm {
  name: string;
  /** Each case: the built string, and the parts that build it (and that reading it gives back). */
  cases: Array<{ id: string; parts: Record<string, unknown>; build: () => string }>;
  parse: (id: string) => { ok: true } | { ok: false; message: string };
  /** Inputs that are not ids of this form, and what the refusal must say (the field, the form). */
  bad: string[];
  refusal: RegExp;
}

const FORMS: IdForm[] = [
  {
    name: 'correlation id',
    cases: [
      {
        id: 'shop-1.4.2:eu-west:deploy:0',
        parts: { releaseId: 'shop-1.4.2', region: 'eu-west', kind: 'deploy', step: 0, attempt: 0 },
        build: () => correlationId('shop-1.4.2', 'eu-west', 'deploy', 0),
      },
      // Attempt 0 is the form every earlier version dispatched with: no suffix, the same bytes.
      {
        id: 'shop-1.4.2:eu-west:deploy:0',
        parts: { releaseId: 'shop-1.4.2', region: 'eu-west', kind: 'deploy', step: 0, attempt: 0 },
        build: () => correlationId('shop-1.4.2', 'eu-west', 'deploy', 0, 0),
      },
      // A retried region's runs (attempt 1, 2, ...): deploy and rollback alike.
      {
        id: 'shop-1.4.2:eu-west:deploy:0:retry1',
        parts: { releaseId: 'shop-1.4.2', region: 'eu-west', kind: 'deploy', step: 0, attempt: 1 },
        build: () => correlationId('shop-1.4.2', 'eu-west', 'deploy', 0, 1),
      },
      {
        id: 'shop-1.4.2:eu-west:rollback:2:retry12',
        parts: { releaseId: 'shop-1.4.2', region: 'eu-west', kind: 'rollback', step: 2, attempt: 12 },
        build: () => correlationId('shop-1.4.2', 'eu-west', 'rollback', 2, 12),
      },
      {
        id: 'shop-1.4.2:us-east-1:rollback:12',
        parts: { releaseId: 'shop-1.4.2', region: 'us-east-1', kind: 'rollback', step: 12, attempt: 0 },
        build: () => correlationId('shop-1.4.2', 'us-east-1', 'rollback', 12),
      },
      // A release id given by input `release` may itself hold ':' (it is read greedily).
      {
        id: 'a:b:eu:deploy:3',
        parts: { releaseId: 'a:b', region: 'eu', kind: 'deploy', step: 3, attempt: 0 },
        build: () => correlationId('a:b', 'eu', 'deploy', 3),
      },
    ],
    parse: parseCorrelationId,
    bad: [
      '',
      'shop-1.4.2',
      'shop:eu:deploy',
      'shop:eu:promote:0',
      'shop:EU:deploy:0',
      'shop:eu:deploy:-1',
      'shop:eu:deploy:1.5',
      'driver',
      // Attempt 0 has one form only (no suffix), and an attempt is a plain number.
      'shop:eu:deploy:0:retry0',
      'shop:eu:deploy:0:retry',
      'shop:eu:deploy:0:retry01',
      'shop:eu:deploy:0:attempt1',
    ],
    refusal: /^Invalid correlation id '.*'\. Expected <release id>:<region>:<deploy\|rollback>:<step>\[:retry<n>\] such as shop-1\.4\.2:eu-west:deploy:0\.$/,
  },
  {
    name: 'deployment key',
    cases: [
      { id: 'shop-1.4.2:eu-west', parts: { releaseId: 'shop-1.4.2', region: 'eu-west' }, build: () => deploymentKey('shop-1.4.2', 'eu-west') },
      {
        id: 'shop-feature-x-1a2b3c4d:a',
        parts: { releaseId: 'shop-feature-x-1a2b3c4d', region: 'a' },
        build: () => deploymentKey('shop-feature-x-1a2b3c4d', 'a'),
      },
    ],
    parse: parseDeploymentKey,
    bad: ['', 'shop-1.4.2', 'shop:EU', 'shop:eu west', 'shop:1eu'],
    refusal: /^Invalid deployment key '.*'\. Expected <release id>:<region> such as shop-1\.4\.2:eu-west\.$/,
  },
  {
    name: 'check-run name',
    cases: [
      { id: 'progressive-release: shop-1.4.2', parts: { releaseId: 'shop-1.4.2' }, build: () => checkRunName('shop-1.4.2') },
      // The bare prefix: how the ledger tells ledgers from other check runs.
      { id: 'progressive-release: ', parts: { releaseId: '' }, build: () => checkRunName('') },
    ],
    parse: parseCheckRunName,
    bad: ['', 'shop-1.4.2', 'progressive-release:shop', 'Progressive-release: shop', 'ci / build'],
    refusal: /^Invalid check-run name '.*'\. Expected 'progressive-release: <release id>' such as 'progressive-release: shop-1\.4\.2'\.$/,
  },
  {
    name: 'release id (input release)',
    cases: [
      { id: 'shop-1.4.2', parts: { releaseId: 'shop-1.4.2' }, build: () => releaseIdOf('shop', '1.4.2') },
      { id: 'shop-v1.4.2-rc_1', parts: { releaseId: 'shop-v1.4.2-rc_1' }, build: () => releaseIdOf('shop', 'v1.4.2-rc_1') },
      // The hash is sha256 of `<name>\0<version>`, first 8 hex digits (`printf 'shop\0feature/x' | sha256sum`).
      { id: 'shop-feature-x-68eb5bbd', parts: { releaseId: 'shop-feature-x-68eb5bbd' }, build: () => releaseIdOf('shop', 'feature/x') },
      { id: 'shop', parts: { releaseId: 'shop' }, build: () => releaseIdOf('shop', '') },
      { id: `shop-${'x'.repeat(64)}-fb4e7fce`, parts: { releaseId: `shop-${'x'.repeat(64)}-fb4e7fce` }, build: () => releaseIdOf('shop', 'x'.repeat(500)) },
    ],
    parse: (id) => parseReleaseId(id),
    bad: ['', 'shop 1.4.2', 'shop/1.4.2', 'shop:1', 'x'.repeat(RELEASE_ID_MAX + 1), 'shöp'],
    refusal: /^Invalid release '.*'\. Expected a release id such as shop-1\.4\.2 \(letters, digits, '\.', '_' and '-'\)\.$/,
  },
];

describe.each(FORMS)('$name', (form) => {
  it.each(form.cases)('$id: built exactly, read back to its parts', ({ id, parts, build }) => {
    expect(build()).toBe(id);
    expect(form.parse(id)).toEqual({ ok: true, ...parts });
  });

  it.each(form.bad.map((text) => ({ text })))('refuses $text, naming the field and the form', ({ text }) => {
    const read = form.parse(text);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.message).toMatch(form.refusal);
  });
});

describe('release id bounds', () => {
  it('takes up to RELEASE_ID_MAX characters as input, echoes up to RELEASE_ID_SHOWN_MAX from a ledger', () => {
    expect(RELEASE_ID_MAX).toBe(200);
    expect(RELEASE_ID_SHOWN_MAX).toBe(140);
    expect(isReleaseId('x'.repeat(200))).toBe(true);
    expect(isReleaseId('x'.repeat(201))).toBe(false);
    expect(isReleaseId('x'.repeat(140), RELEASE_ID_SHOWN_MAX)).toBe(true);
    expect(isReleaseId('x'.repeat(141), RELEASE_ID_SHOWN_MAX)).toBe(false);
    expect(isReleaseId('')).toBe(false);
  });

  it('releaseIdOf always gives an id the shown bound echoes', () => {
    for (const [name, version] of [
      ['shop', '1.4.2'],
      ['a'.repeat(64), 'v'.repeat(500)],
      ['a'.repeat(64), '"}) or vector(1)'],
      ['shop', ''],
    ]) {
      const id = releaseIdOf(name ?? '', version ?? '');
      expect(isReleaseId(id, RELEASE_ID_SHOWN_MAX), id).toBe(true);
      expect(parseReleaseId(id).ok).toBe(true);
    }
  });
});

describe('titleCarries', () => {
  it('finds a correlation id in a run title as a whole word only', () => {
    const carries = titleCarries(correlationId('app-1', 'eu', 'deploy', 1));
    expect(carries('deploy eu [app-1:eu:deploy:1]')).toBe(true);
    expect(carries('app-1:eu:deploy:1')).toBe(true);
    expect(carries('deploy eu [app-1:eu:deploy:10]')).toBe(false);
    expect(carries('deploy eu [x-app-1:eu:deploy:1]')).toBe(false);
    expect(carries('deploy eu [app-1:eu:deploy:1.5]')).toBe(false);
    // One attempt's id is never taken for another's, nor the first attempt's for a retry's.
    const retry1 = titleCarries(correlationId('app-1', 'eu', 'deploy', 1, 1));
    expect(carries('deploy eu [app-1:eu:deploy:1:retry1]')).toBe(false);
    expect(retry1('deploy eu [app-1:eu:deploy:1:retry1]')).toBe(true);
    expect(retry1('deploy eu [app-1:eu:deploy:1]')).toBe(false);
    expect(retry1('deploy eu [app-1:eu:deploy:1:retry12]')).toBe(false);
    expect(titleCarries(correlationId('app-1', 'eu', 'deploy', 1, 2))('deploy eu [app-1:eu:deploy:1:retry1]')).toBe(false);
    // Regex characters in the id are matched as themselves.
    expect(titleCarries('a.b:eu:deploy:0')('[a.b:eu:deploy:0]')).toBe(true);
    expect(titleCarries('a.b:eu:deploy:0')('[axb:eu:deploy:0]')).toBe(false);
  });
});

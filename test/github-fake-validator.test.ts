/**
 * The fake's validator must catch what it is there to catch, or every "no mismatch" assertion
 * in the GitHub tests would be hollow. Also the extract script on a tiny description.
 */
import { describe, expect, it } from 'vitest';
import { extract } from '../scripts/extract-openapi.js';
import { OpenApiValidator } from './github-fake/validator.js';

const v = new OpenApiValidator();

function req(method: string, path: string, query: string, body: unknown): string[] {
  const op = v.match(method, path);
  if (!op) throw new Error(`no operation for ${method} ${path}`);
  return v.checkRequest(op, new URLSearchParams(query), body);
}

describe('OpenApiValidator', () => {
  it('knows the extract version and every operation the adapter uses', () => {
    expect((v.spec.info as { version: string }).version).toBe('23.0.2');
    expect(v.match('POST', '/repos/a/b/actions/workflows/deploy.yml/dispatches')?.params.workflow_id).toBe('deploy.yml');
    expect(v.match('GET', '/repos/a/b/commits/abc/check-runs')).toBeDefined();
    expect(v.match('DELETE', '/repos/a/b/deployments')).toBeUndefined();
  });

  it('accepts a correct dispatch, with return_run_details', () => {
    expect(req('POST', '/repos/a/b/actions/workflows/deploy.yml/dispatches', '', { ref: 'main', inputs: { region: 'eu' }, return_run_details: true })).toEqual(
      [],
    );
  });

  it('flags a missing required field, a wrong type, an unknown property and too many inputs', () => {
    expect(req('POST', '/repos/a/b/actions/workflows/deploy.yml/dispatches', '', { inputs: {} }).join()).toMatch(/missing required property 'ref'/);
    expect(req('POST', '/repos/a/b/deployments', '', { ref: 'main', auto_merge: 'no' }).join()).toMatch(/auto_merge: expected boolean/);
    expect(req('POST', '/repos/a/b/deployments', '', { ref: 'main', required_context: [] }).join()).toMatch(/'required_context' is not in the API description/);
    const inputs = Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`i${i}`, 'x']));
    expect(req('POST', '/repos/a/b/actions/workflows/deploy.yml/dispatches', '', { ref: 'main', inputs }).join()).toMatch(/more than 25 properties/);
  });

  it('flags more than 50 annotations and a bad enum', () => {
    const annotations = Array.from({ length: 51 }, () => ({ path: 'p', start_line: 1, end_line: 1, annotation_level: 'warning', message: 'm' }));
    expect(req('PATCH', '/repos/a/b/check-runs/5', '', { output: { summary: 's', annotations } }).join()).toMatch(/more than 50 items/);
    expect(req('POST', '/repos/a/b/deployments/5/statuses', '', { state: 'done' }).join()).toMatch(/not one of/);
  });

  it('checks query parameters, including the created>= qualifier', () => {
    expect(
      req('GET', '/repos/a/b/actions/workflows/deploy.yml/runs', 'event=workflow_dispatch&created=%3E%3D2026-11-23T10:00:00Z&per_page=100', undefined),
    ).toEqual([]);
    expect(req('GET', '/repos/a/b/actions/workflows/deploy.yml/runs', 'created=yesterday', undefined).join()).toMatch(/not a date qualifier/);
    expect(req('GET', '/repos/a/b/actions/workflows/deploy.yml/runs', 'per_page=many', undefined).join()).toMatch(/per_page/);
    expect(req('GET', '/repos/a/b/actions/workflows/deploy.yml/runs', 'bogus=1', undefined).join()).toMatch(/undeclared query parameter 'bogus'/);
  });

  it('checks responses: undescribed status, missing required property', () => {
    const op = v.match('POST', '/repos/a/b/actions/workflows/deploy.yml/dispatches');
    if (!op) throw new Error('no op');
    expect(v.checkResponse(op, 201, {}).join()).toMatch(/status not described/);
    expect(v.checkResponse(op, 200, { workflow_run_id: 1, run_url: 'https://x/1' }).join()).toMatch(/missing required property 'html_url'/);
    expect(v.checkResponse(op, 200, { workflow_run_id: 1, run_url: 'https://x/1', html_url: 'https://x/1' })).toEqual([]);
  });
});

describe('extract', () => {
  it('keeps the listed operations and the components they reference, transitively, without docs', () => {
    const tiny = {
      openapi: '3.0.3',
      info: { version: '9.9.9' },
      paths: Object.fromEntries(
        [
          '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
          '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs',
          '/repos/{owner}/{repo}/actions/runs',
          '/repos/{owner}/{repo}/actions/runs/{run_id}',
          '/repos/{owner}/{repo}/actions/runs/{run_id}/cancel',
          '/repos/{owner}/{repo}/actions/runs/{run_id}/approvals',
          '/repos/{owner}/{repo}/deployments',
          '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
          '/repos/{owner}/{repo}/check-runs',
          '/repos/{owner}/{repo}/check-runs/{check_run_id}',
          '/repos/{owner}/{repo}/commits/{ref}/check-runs',
          '/repos/{owner}/{repo}/collaborators/{username}/permission',
          '/orgs/{org}/teams/{team_slug}/memberships/{username}',
        ].map((p) => [
          p,
          { get: { description: 'doc', responses: { 200: { $ref: '#/components/responses/r' } } }, post: { responses: {} }, patch: { responses: {} } },
        ]),
      ),
      components: {
        responses: { r: { content: { 'application/json': { schema: { $ref: '#/components/schemas/a' } } } } },
        schemas: {
          a: { type: 'object', properties: { description: { $ref: '#/components/schemas/b' } } },
          b: { type: 'string', description: 'gone' },
          unused: { type: 'integer' },
        },
      },
    };
    const out = extract(tiny, '9.9.9') as { components: { schemas: Record<string, unknown> }; paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(out.components.schemas).sort()).toEqual(['a', 'b']);
    expect(out.components.schemas.b).toEqual({ type: 'string' });
    // a property named "description" is data, not documentation
    expect((out.components.schemas.a as { properties: Record<string, unknown> }).properties.description).toBeDefined();
    expect(out.paths['/repos/{owner}/{repo}/actions/runs']?.get).not.toHaveProperty('description');
  });
});

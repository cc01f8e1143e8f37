import { describe, expect, it } from 'vitest';
import { repoWebUrl } from '../../bot/dashboard/dashboard-data.js';
import {
  DASHBOARD_MARKER,
  dashboardBody,
  dashboardContent,
  FOOTER_MARKER,
} from '../../bot/dashboard/dashboard-markdown.js';
import type { DashboardView, EnvironmentView } from '../../bot/dashboard/dashboard-view.js';
import { waiverNotices } from '../../bot/dashboard/environment-view.js';
import type { Environment } from '../../src/core/generated/schema-types.js';

const NOW = new Date('2027-06-10T08:30:00Z');
const DIGEST = `sha256:${'ab'.repeat(32)}`;

const prod: EnvironmentView = {
  name: 'prod-eu',
  channel: 'frozen',
  configPath: 'environments/prod-eu.yaml',
  freezeReasons: ['channel frozen', 'hold since 2027-06-01: rolled back from deploy/prod-eu/4'],
  freezeShort: ['channel frozen', 'on hold', 'frozen by @bob'],
  commandFreeze: {
    environment: 'prod-eu',
    by: 'bob',
    reason: 'incident | 42 <!-- x --> ping @alice',
    since: '2027-06-09T10:00:00Z',
    url: 'https://github.com/acme/platform/issues/3#issuecomment-9',
  },
  deployed: { tag: 'deploy/prod-eu/5', digest: DIGEST },
  pending: {
    changes: [
      {
        item: 'capability:payments',
        from: '1.2.5',
        to: '1.2.7',
        class: 'security-patch',
        advisory: 'ACME-2026-0042',
        why: 'ACME-2026-0042 (critical)',
      },
    ],
    initial: false,
    verdict: 'allowed',
    reason: 'only enforced security patches',
    manifestOutdated: true,
  },
  problems: [],
  waivers: [
    {
      advisory: 'ACME-2026-0051',
      until: '2027-06-30',
      reason: 'SAML logins disabled',
      approvedBy: 'mkeller',
      daysLeft: 20,
      expired: false,
    },
  ],
  overdue: [
    {
      advisory: 'ACME-2027-0007',
      summary: 'Token replay',
      item: 'capability:payments',
      version: '1.2.5',
      deployedAs: 'deploy/prod-eu/5',
      published: '2027-05-01',
      daysOpen: 40,
      fixCommitted: true,
      waivedUntil: null,
    },
  ],
};
const dev: EnvironmentView = {
  name: 'dev',
  channel: 'auto-update',
  configPath: 'environments/dev.yaml',
  freezeReasons: [],
  freezeShort: [],
  problems: [],
  waivers: [],
  overdue: [],
};
const view: DashboardView = {
  repoUrl: 'https://github.com/acme/platform',
  defaultBranch: 'main',
  environments: { ok: true, list: [dev, prod] },
  pulls: [
    {
      number: 7,
      title: 'Security patches for prod-eu',
      url: 'https://github.com/acme/platform/pull/7',
      kind: 'security',
      environment: 'prod-eu',
      author: 'lockstep[bot]',
      draft: false,
    },
  ],
};
const stamp = { now: NOW, trigger: 'push 1a2b3c4 by @dana' };

describe('dashboardBody', () => {
  it('is deterministic for a fixed clock', () => {
    expect(dashboardBody(view, stamp)).toBe(dashboardBody(structuredClone(view), { ...stamp }));
  });

  it('shows every environment in a table and a section', () => {
    const body = dashboardBody(view, stamp);
    expect(body.startsWith(DASHBOARD_MARKER)).toBe(true);
    expect(body).toContain('| dev | auto-update | no | not deployed yet | - | - |');
    expect(body).toContain(
      '| prod-eu | frozen | **frozen**: channel frozen, on hold, frozen by `@bob` | ' +
        '[deploy/prod-eu/5](https://github.com/acme/platform/releases/tag/deploy/prod-eu/5) ' +
        '`sha256:abababababab…` | 1 change: **allowed** | #7 security |',
    );
    expect(body).toContain('### prod-eu');
    expect(body).toContain(`manifest digest \`${DIGEST}\``);
    expect(body).toContain('- **Frozen**: hold since 2027-06-01: rolled back from deploy/prod-eu/4');
    expect(body).toContain('with `/lockstep freeze` by `@bob` since 2027-06-09T10:00:00Z');
    expect(body).toContain(
      '- **Pending** at the head of `main`, against deploy/prod-eu/5: 1 change (1 security-patch): **allowed**',
    );
    expect(body).toContain('| capability:payments | 1.2.5 | 1.2.7 | security-patch |');
    expect(body).toContain('run `lockstep compile prod-eu`');
    expect(body).toContain(
      '- **Security PR**: [#7 Security patches for prod-eu](https://github.com/acme/platform/pull/7)',
    );
    expect(body).toContain('- **Waiver** ACME-2026-0051 in force through 2027-06-30 (20 days left)');
    expect(body).toContain(
      '- **Overdue critical patch**: ACME-2027-0007 (Token replay) affects capability:payments 1.2.5 ' +
        'deployed as deploy/prod-eu/5, published 2027-05-01 (40 days ago): the fix is committed and waits for a deploy',
    );
    expect(body).toContain('## Open Lockstep pull requests');
  });

  it('neither notifies people nor lets user text break the table or hide the rest', () => {
    const body = dashboardBody(view, stamp);
    expect(body).toContain('incident \\| 42 &lt;!-- x --&gt; ping `@alice`');
    expect(body).not.toMatch(/(^|[^`])@(alice|bob|dana|mkeller)/m);
    expect(body.split(DASHBOARD_MARKER)).toHaveLength(2);
  });

  it('ends with when and after which event it was written, which content comparison ignores', () => {
    const body = dashboardBody(view, stamp);
    expect(body).toContain(
      `${FOOTER_MARKER}\n---\n<sub>Last changed 2027-06-10 08:30 UTC after push 1a2b3c4 by \`@dana\`.`,
    );
    const later = dashboardBody(view, { now: new Date('2027-06-11T00:00:00Z'), trigger: 'scheduled tick' });
    expect(later).not.toBe(body);
    expect(dashboardContent(later)).toBe(dashboardContent(body));
  });

  it('shows the input errors instead of the table when the files are invalid', () => {
    const body = dashboardBody(
      {
        ...view,
        environments: {
          ok: false,
          diagnostics: [
            {
              file: 'environments/dev.yaml',
              line: 4,
              col: 10,
              field: 'channel',
              message: 'channel: must be one of auto-update, manual-approval, frozen',
            },
          ],
        },
      },
      stamp,
    );
    expect(body).toContain('## Invalid repository files');
    expect(body).toContain(
      '- `environments/dev.yaml:4:10: channel: must be one of auto-update, manual-approval, frozen`',
    );
    expect(body).not.toContain('## Environments');
    expect(body).toContain('[#7](https://github.com/acme/platform/pull/7)');
  });
});

describe("a dashboard over GitHub's size limit", () => {
  const many = (n: number, changes: number): DashboardView => ({
    ...view,
    environments: {
      ok: true,
      list: Array.from({ length: n }, (_, i) => ({
        ...prod,
        name: `env-${String(i).padStart(3, '0')}`,
        pending: {
          ...prod.pending!,
          changes: Array.from({ length: changes }, () => prod.pending!.changes[0]!),
        },
      })),
    },
  });
  it('leaves the change tables out first, then cuts, and always fits', () => {
    const small = dashboardBody(many(3, 1), stamp);
    expect(small).toContain('<details><summary>Change table</summary>');
    const big = dashboardBody(many(30, 40), stamp);
    expect(big.length).toBeLessThanOrEqual(65_536);
    expect(big).not.toContain('<details>');
    expect(big).toContain('`lockstep plan <env>` shows them');
    expect(big).toContain('### env-029');
    const huge = dashboardBody(many(400, 1), stamp);
    expect(huge.length).toBeLessThanOrEqual(65_536);
    expect(huge).toContain("_The rest is cut: the dashboard is over GitHub's size limit for an issue._");
    expect(huge).toContain(FOOTER_MARKER);
  });
});

describe('waiverNotices', () => {
  const config = (until: string): Environment => ({
    apiVersion: 'lockstep/v1',
    kind: 'Environment',
    name: 'prod-eu',
    channel: 'frozen',
    security: { waivers: [{ advisory: 'ACME-1', until, reason: 'r', approvedBy: 'bob' }] },
  });
  it('names waivers within 30 days and expired ones, not later ones', () => {
    const now = new Date('2027-06-10T23:59:00Z');
    expect(waiverNotices(config('2027-07-11'), now)).toEqual([]);
    expect(waiverNotices(config('2027-07-10'), now)).toMatchObject([{ daysLeft: 30, expired: false }]);
    expect(waiverNotices(config('2027-06-10'), now)).toMatchObject([{ daysLeft: 0, expired: false }]);
    expect(waiverNotices(config('2027-06-09'), now)).toMatchObject([{ daysLeft: -1, expired: true }]);
  });
});

describe('repoWebUrl', () => {
  it('maps the API address to the web address', () => {
    const coords = { owner: 'acme', repo: 'platform' };
    expect(repoWebUrl('https://api.github.com', coords)).toBe('https://github.com/acme/platform');
    expect(repoWebUrl('https://ghe.example.com/api/v3/', coords)).toBe(
      'https://ghe.example.com/acme/platform',
    );
  });
});

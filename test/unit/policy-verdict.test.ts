import { describe, expect, it } from 'vitest';
import type { Change, ChangeClass, ChangeSet } from '../../src/core/policy/classify.js';
import { decideVerdict, type Gate, type Verdict } from '../../src/core/policy/verdict.js';
import { freezeState } from '../../src/core/resolve/context.js';
import { type EnvSpec, environmentDoc, NOW } from '../helpers/catalog-builder.js';

type Kind = 'no change' | 'only patches' | 'other change' | 'rollback';

function changeOf(kind: Kind): ChangeSet {
  const item = (cls: ChangeClass, n: number): Change => ({
    item: `capability:c${n}`,
    from: '1.0.0',
    to: cls === 'downgrade' ? '0.9.0' : '1.0.1',
    class: cls,
    why: cls,
    ...(cls === 'security-patch' ? { advisory: 'A-1' } : {}),
  });
  switch (kind) {
    case 'no change':
      return { changes: [], rollback: false, initial: false };
    case 'only patches':
      return {
        changes: [item('security-patch', 1), item('security-patch', 2)],
        rollback: false,
        initial: false,
      };
    case 'other change':
      return { changes: [item('security-patch', 1), item('upgrade', 2)], rollback: false, initial: false };
    case 'rollback':
      return {
        changes: [item('downgrade', 1), item('removed', 2)],
        rollback: true,
        rollbackTo: 'deploy/prod/3',
        initial: false,
      };
  }
}

const APPROVERS: EnvSpec = { approvals: { required: 2, approvers: ['alice', '@acme/release-managers'] } };
const WINDOW = [{ from: '2026-11-30T00:00:00Z', until: '2026-12-02T00:00:00Z', reason: 'release week' }];
const HOLD = { reason: 'rolled back from deploy/prod/4', since: '2026-11-24' };

function gateOf(spec: EnvSpec): Gate {
  const config = environmentDoc('prod', spec);
  return { channel: config.channel, freeze: freezeState(config, NOW) };
}

function verdict(spec: EnvSpec, kind: Kind, previous?: EnvSpec): Verdict {
  const config = environmentDoc('prod', spec);
  return decideVerdict(config, gateOf(spec), changeOf(kind), previous && gateOf(previous)).verdict;
}

// SPEC section 4's table; "frozen" rows also cover a hold and a freeze window on any channel.
const TABLE: [string, EnvSpec, Record<Kind, Verdict>, Verdict][] = [
  //  name, config, verdicts by kind (with approvers), rollback verdict without approvers
  [
    'auto-update',
    { channel: 'auto-update' },
    { 'no change': 'allowed', 'only patches': 'allowed', 'other change': 'allowed', rollback: 'allowed' },
    'allowed',
  ],
  [
    'manual-approval',
    { channel: 'manual-approval' },
    {
      'no change': 'allowed',
      'only patches': 'allowed',
      'other change': 'needs-approval',
      rollback: 'needs-approval',
    },
    'needs-approval',
  ],
  [
    'frozen',
    { channel: 'frozen' },
    {
      'no change': 'allowed',
      'only patches': 'allowed',
      'other change': 'blocked',
      rollback: 'needs-approval',
    },
    'allowed',
  ],
  [
    'auto-update on hold',
    { channel: 'auto-update', hold: HOLD },
    {
      'no change': 'allowed',
      'only patches': 'allowed',
      'other change': 'blocked',
      rollback: 'needs-approval',
    },
    'allowed',
  ],
  [
    'manual-approval in a freeze window',
    { channel: 'manual-approval', freeze: WINDOW },
    {
      'no change': 'allowed',
      'only patches': 'allowed',
      'other change': 'blocked',
      rollback: 'needs-approval',
    },
    'allowed',
  ],
];

describe('verdict table (SPEC section 4)', () => {
  for (const [name, spec, byKind, rollbackWithoutApprovers] of TABLE) {
    for (const kind of Object.keys(byKind) as Kind[]) {
      it(`${name}, ${kind}, approvers listed: ${byKind[kind]}`, () => {
        expect(verdict({ ...spec, ...APPROVERS }, kind)).toBe(byKind[kind]);
      });
    }
    it(`${name}, rollback, no approvers: ${rollbackWithoutApprovers}`, () => {
      expect(verdict(spec, 'rollback')).toBe(rollbackWithoutApprovers);
    });
  }

  it('a freeze window that is over (until exclusive) does not freeze', () => {
    const over = [{ from: '2026-11-01T00:00:00Z', until: '2026-12-01T12:00:00Z' }];
    expect(verdict({ channel: 'auto-update', freeze: over, ...APPROVERS }, 'other change')).toBe('allowed');
    const starts = [{ from: '2026-12-01T12:00:00Z', until: '2026-12-02T00:00:00Z' }];
    expect(verdict({ channel: 'auto-update', freeze: starts, ...APPROVERS }, 'other change')).toBe('blocked');
  });

  it('needs-approval carries who must approve and how many', () => {
    const config = environmentDoc('prod', { channel: 'frozen', ...APPROVERS });
    const result = decideVerdict(config, gateOf({ channel: 'frozen' }), changeOf('rollback'));
    expect(result).toMatchObject({
      verdict: 'needs-approval',
      approvals: { required: 2, approvers: ['alice', '@acme/release-managers'] },
    });
    expect(result.reason).toContain('deploy/prod/3');
  });

  it('blocked names why the environment is frozen', () => {
    const config = environmentDoc('prod', { hold: HOLD });
    const result = decideVerdict(config, gateOf({ hold: HOLD }), changeOf('other change'));
    expect(result.verdict).toBe('blocked');
    expect(result.reason).toContain('rolled back from deploy/prod/4');
  });
});

describe('loosening the gate together with other changes (ADR 0004)', () => {
  it('needs approval when a change lifts the frozen channel and approvers are listed', () => {
    expect(verdict({ channel: 'auto-update', ...APPROVERS }, 'other change', { channel: 'frozen' })).toBe(
      'needs-approval',
    );
    expect(verdict({ channel: 'auto-update' }, 'other change', { channel: 'frozen' })).toBe('allowed');
  });

  it('needs approval when a change lifts a hold or a freeze window', () => {
    expect(verdict({ ...APPROVERS }, 'other change', { hold: HOLD })).toBe('needs-approval');
    expect(verdict({ ...APPROVERS }, 'other change', { freeze: WINDOW })).toBe('needs-approval');
  });

  it('needs approval when a change relaxes manual-approval to auto-update', () => {
    const relaxed = verdict({ channel: 'auto-update', ...APPROVERS }, 'other change', {
      channel: 'manual-approval',
    });
    expect(relaxed).toBe('needs-approval');
  });

  it('stays allowed when the loosening change carries only security patches or nothing', () => {
    for (const kind of ['no change', 'only patches'] as const) {
      expect(verdict({ channel: 'auto-update', ...APPROVERS }, kind, { channel: 'frozen' })).toBe('allowed');
    }
  });

  it('does not apply when the gate is tightened or unchanged', () => {
    expect(
      verdict({ channel: 'auto-update', ...APPROVERS }, 'other change', { channel: 'auto-update' }),
    ).toBe('allowed');
    expect(verdict({ channel: 'frozen', ...APPROVERS }, 'other change', { channel: 'auto-update' })).toBe(
      'blocked',
    );
  });

  it('keeps blocked when the channel is relaxed but a hold still freezes', () => {
    expect(
      verdict({ channel: 'auto-update', hold: HOLD, ...APPROVERS }, 'other change', { channel: 'frozen' }),
    ).toBe('blocked');
  });
});

describe('first deploy while frozen (ADR 0004)', () => {
  const first: ChangeSet = {
    changes: [{ item: 'platform', from: null, to: '1.0.0', class: 'added', why: 'newly required' }],
    rollback: false,
    initial: true,
  };

  it('is treated like a rollback: needs approval where approvers are listed, else allowed', () => {
    for (const spec of [{ channel: 'frozen' }, { hold: HOLD }, { freeze: WINDOW }] satisfies EnvSpec[]) {
      const withApprovers = environmentDoc('prod', { ...spec, ...APPROVERS });
      expect(decideVerdict(withApprovers, gateOf(spec), first).verdict).toBe('needs-approval');
      expect(decideVerdict(environmentDoc('prod', spec), gateOf(spec), first).verdict).toBe('allowed');
    }
  });

  it('follows the table on the other channels', () => {
    const manual = environmentDoc('prod', { channel: 'manual-approval', ...APPROVERS });
    expect(decideVerdict(manual, gateOf({ channel: 'manual-approval' }), first).verdict).toBe(
      'needs-approval',
    );
    const auto = environmentDoc('prod', APPROVERS);
    expect(decideVerdict(auto, gateOf({}), first).verdict).toBe('allowed');
  });
});

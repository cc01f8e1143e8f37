import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  deliverWebhook,
  type FakeGitHub,
  FakeState,
  seedRepository,
  startFakeGitHub,
  steppingClock,
} from '../fake-github/index.js';
import { EXAMPLES, NOW, PEOPLE, REPO, SECRET } from './harness.js';

const BOT = fileURLToPath(new URL('../../dist/bot.js', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Runs `node dist/bot.js` with `env`; resolves with its exit code and stderr once it exits. */
function runToExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BOT], { env: { PATH: process.env.PATH ?? '', ...env } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('npm run bot (dist/bot.js as a process)', () => {
  let child: ChildProcess | undefined;
  let fake: FakeGitHub | undefined;
  afterEach(async () => {
    child?.kill();
    child = undefined;
    if (fake) {
      const f = fake;
      fake = undefined;
      try {
        f.assertClean();
      } finally {
        await f.close();
      }
    }
  });

  it('stops at start-up naming the missing variables', async () => {
    const { code, stderr } = await runToExit({});
    expect(code).toBe(2);
    expect(stderr).toContain('lockstep bot: set APP_ID, WEBHOOK_SECRET, PRIVATE_KEY (or PRIVATE_KEY_PATH)');
  });

  it('serves signed webhooks with the environment Probot documents, against GitHub Enterprise paths', async () => {
    const state = new FakeState(steppingClock(NOW));
    const repo = seedRepository(state, { owner: REPO.owner, name: REPO.repo, dir: EXAMPLES });
    repo.addCollaborator(PEOPLE.engineer, 'write');
    fake = await startFakeGitHub({ state });
    const app = fake.registerApp({ slug: 'lockstep' });
    const port = await freePort();
    child = spawn(process.execPath, [BOT], {
      env: {
        PATH: process.env.PATH ?? '',
        APP_ID: String(app.appId),
        PRIVATE_KEY: app.privateKey,
        WEBHOOK_SECRET: SECRET,
        PORT: String(port),
        HOST: '127.0.0.1',
        GHE_HOST: new URL(fake.url).host,
        GHE_PROTOCOL: 'http',
        LOCKSTEP_TICK_MINUTES: '0',
        LOG_LEVEL: 'fatal',
      },
      stdio: 'ignore',
    });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      const up = await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const issue = repo.issues.create({ title: 'Ops', body: '', user: PEOPLE.engineer }).number;
    repo.issues.addComment(issue, PEOPLE.engineer, '/lockstep restart dev');
    const delivery = await deliverWebhook(fake, {
      to: `${base}/api/github/webhooks`,
      secret: SECRET,
      event: 'issue_comment',
      action: 'created',
      repo: { owner: REPO.owner, name: REPO.repo },
      issue,
      sender: PEOPLE.engineer,
    });
    expect(delivery.status).toBe(200);
    const answers = repo.issues.commentsOn(issue).filter((c) => c.user === PEOPLE.bot);
    expect(answers.map((c) => c.body)).toEqual([
      expect.stringContaining('"restart" is not a Lockstep command'),
    ]);
    const forged = await deliverWebhook(fake, {
      to: `${base}/api/github/webhooks`,
      secret: SECRET,
      event: 'issue_comment',
      action: 'created',
      repo: { owner: REPO.owner, name: REPO.repo },
      issue,
      badSignature: true,
    });
    expect([400, 401]).toContain(forged.status);
  });
});

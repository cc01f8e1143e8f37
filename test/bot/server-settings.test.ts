import { describe, expect, it } from 'vitest';
import { readServerSettings } from '../../bot/server-settings.js';

const base = { APP_ID: '12', WEBHOOK_SECRET: 's', PRIVATE_KEY: '-----BEGIN RSA PRIVATE KEY-----' };

describe('readServerSettings', () => {
  it('fills the defaults', () => {
    expect(readServerSettings(base)).toEqual({
      ok: true,
      value: { port: 3000, host: '0.0.0.0', webhookPath: '/api/github/webhooks', tickMinutes: 5 },
    });
  });
  it('reads every variable', () => {
    expect(
      readServerSettings({
        ...base,
        PORT: '8080',
        HOST: '127.0.0.1',
        LOCKSTEP_WEBHOOK_PATH: '/hooks',
        LOCKSTEP_TICK_MINUTES: '0',
      }),
    ).toEqual({ ok: true, value: { port: 8080, host: '127.0.0.1', webhookPath: '/hooks', tickMinutes: 0 } });
  });
  it('names every missing variable', () => {
    const result = readServerSettings({});
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.error).toContain(
      'set APP_ID, WEBHOOK_SECRET, PRIVATE_KEY (or PRIVATE_KEY_PATH)',
    );
  });
  it('accepts PRIVATE_KEY_PATH instead of PRIVATE_KEY', () => {
    expect(readServerSettings({ APP_ID: '1', WEBHOOK_SECRET: 's', PRIVATE_KEY_PATH: 'key.pem' }).ok).toBe(
      true,
    );
  });
  it('refuses bad values, naming the variable', () => {
    expect(readServerSettings({ ...base, PORT: 'http' })).toEqual({
      ok: false,
      error: 'PORT must be a port number (0-65535), got "http"',
    });
    expect(readServerSettings({ ...base, LOCKSTEP_TICK_MINUTES: '-1' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('LOCKSTEP_TICK_MINUTES must be a number of minutes'),
    });
    expect(readServerSettings({ ...base, LOCKSTEP_WEBHOOK_PATH: 'hooks' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('must start with "/"'),
    });
  });
});

import type { ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import type { EnvVars, SpawnFn } from './driver.js';

/** How to run one program. */
export interface ProcessOptions {
  /** Program and arguments, passed to the program as they are: never through a shell. */
  argv: readonly [string, ...string[]];
  cwd: string;
  env: EnvVars;
  timeoutMs: number;
  /** Between SIGTERM and SIGKILL after a timeout. */
  killGraceMs: number;
  /** Called with each complete line of stdout or stderr, as it comes. */
  onLine: (line: string, stream: 'stdout' | 'stderr') => void;
  spawn: SpawnFn;
}

/** How a program ended. */
export interface ProcessOutcome {
  /** The exit code, or null when a signal ended it or it never started. */
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** Set when the program could not be started (for example ENOENT). */
  startError?: Error;
}

/** After the program exits, how long a grandchild that keeps its stdout open may delay the result. */
const DRAIN_MS = 2000;

/**
 * Runs a program without a shell and streams its output by lines. On timeout the whole process group
 * gets SIGTERM, then SIGKILL after the grace period, so a wrapper script cannot leave its children
 * running. Never rejects: every ending is an outcome.
 */
export function runProcess(options: ProcessOptions): Promise<ProcessOutcome> {
  const [program, ...args] = options.argv;
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.env)) if (value !== undefined) env[key] = value;
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      // detached: the child leads a new process group, which is what a timeout kills (POSIX).
      child = options.spawn(program, args, {
        cwd: options.cwd,
        env,
        shell: false,
        detached: process.platform !== 'win32',
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
      });
    } catch (error) {
      resolve({ code: null, signal: null, timedOut: false, startError: asError(error) });
      return;
    }
    let timedOut = false;
    let killTimer: NodeJS.Timeout | undefined;
    let drainTimer: NodeJS.Timeout | undefined;
    let settled = false;
    const flushers = [
      streamLines(child.stdout, (line) => options.onLine(line, 'stdout')),
      streamLines(child.stderr, (line) => options.onLine(line, 'stderr')),
    ];
    const finish = (outcome: ProcessOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(killTimer);
      clearTimeout(drainTimer);
      for (const flush of flushers) flush();
      resolve(outcome);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      signalTree(child, 'SIGTERM');
      killTimer = setTimeout(() => signalTree(child, 'SIGKILL'), options.killGraceMs);
    }, options.timeoutMs);
    child.once('error', (error) => {
      // 'error' without a pid: the program never started.
      if (child.pid === undefined) finish({ code: null, signal: null, timedOut: false, startError: error });
    });
    child.once('exit', (code, signal) => {
      const outcome = { code, signal, timedOut };
      drainTimer = setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        finish(outcome);
      }, DRAIN_MS);
      child.once('close', () => finish(outcome));
    });
  });
}

/** Sends a signal to the child's process group, or to the child alone where groups do not exist. */
function signalTree(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // ESRCH: the group is already gone, which is what we wanted.
  }
}

/** Calls onLine for each line of a stream; returns a function that emits a last unterminated line. */
function streamLines(stream: Readable | null, onLine: (line: string) => void): () => void {
  let rest = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    for (const part of parts) onLine(part.endsWith('\r') ? part.slice(0, -1) : part);
  });
  return () => {
    if (rest) onLine(rest);
    rest = '';
  };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** One line on how a program ended: `'deploy.sh' exited with code 3`. */
export function describeOutcome(program: string, outcome: ProcessOutcome, timeoutSeconds: number): string {
  const name = `'${program}'`;
  if (outcome.startError)
    return `${name} could not be started: ${outcome.startError.message} (check the path and that it is executable)`;
  if (outcome.timedOut) return `${name} timed out after ${timeoutSeconds} s and was stopped`;
  if (outcome.signal) return `${name} was killed by ${outcome.signal}`;
  return outcome.code === 0 ? `${name} exited with code 0` : `${name} failed with exit code ${outcome.code}`;
}

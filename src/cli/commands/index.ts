import { compileCommand } from './compile.js';
import type { Command } from './context.js';
import { deployCommand } from './deploy.js';
import { explainCommand } from './explain.js';
import { planCommand } from './plan.js';
import { reportCommand } from './report.js';
import { rollbackCommand } from './rollback.js';
import { validateCommand } from './validate.js';

export type { CommandContext } from './context.js';

/** Every CLI command by name. */
export const COMMANDS: Record<string, Command> = {
  compile: compileCommand,
  validate: validateCommand,
  plan: planCommand,
  deploy: deployCommand,
  explain: explainCommand,
  rollback: rollbackCommand,
  report: reportCommand,
};

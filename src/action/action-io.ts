import type { AnnotationProperties } from '@actions/core';

/**
 * What the pipeline writes to the runner: the few @actions/core calls it uses, so tests record them
 * and main.ts passes the real ones (core-io.ts).
 */
export interface ActionIo {
  info(message: string): void;
  /** An error annotation; with `file` and `startLine`, GitHub shows it on that line of the diff. */
  error(message: string, properties?: AnnotationProperties): void;
  warning(message: string, properties?: AnnotationProperties): void;
  setOutput(name: string, value: string): void;
  /** Marks the step failed (exit code 1) with a message in the log. */
  setFailed(message: string): void;
  /** Appends Markdown to the job summary. */
  summary(markdown: string): Promise<void>;
}

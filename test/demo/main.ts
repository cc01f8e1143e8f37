import { fileURLToPath } from 'node:url';
import { startDemo } from './setup.js';
import { playStory } from './story.js';

/**
 * `npm run demo`: a fake GitHub seeded with examples/, the Lockstep bot behind Probot's middleware,
 * the story played on it with the Action's real deploy, the timeline printed. Any failed step
 * rejects; scripts/demo.mjs turns that into a message and exit code 1.
 */
export async function main(
  examplesDir = fileURLToPath(new URL('../../examples', import.meta.url)),
): Promise<void> {
  const started = Date.now();
  const demo = await startDemo(examplesDir);
  try {
    const result = await playStory({ demo, log: (line) => console.log(line) });
    demo.fake.assertClean();
    const { update, catalog, security, release, rollback, devRollback } = result.pulls;
    console.log('');
    console.log(
      `Done in ${((Date.now() - started) / 1000).toFixed(1)} s: PRs #${update} (update), #${catalog} (catalog), #${security} (security), #${release} (release), #${rollback} and #${devRollback} (rollbacks) merged; tags ${result.tags.join(', ')}; dashboard #${result.dashboard}; ${demo.fake.requests.length} API requests, none rejected.`,
    );
  } finally {
    await demo.close();
  }
}

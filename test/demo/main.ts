import { fileURLToPath } from 'node:url';
import { startDemoFake } from './setup.js';
import { playStory } from './story.js';

/**
 * `npm run demo`: a fake GitHub seeded with examples/, the story played on it, the timeline printed.
 * Any failed step rejects; scripts/demo.mjs turns that into a message and exit code 1.
 */
export async function main(
  examplesDir = fileURLToPath(new URL('../../examples', import.meta.url)),
): Promise<void> {
  const { fake, octokitFor } = await startDemoFake(examplesDir);
  try {
    const result = await playStory({ octokitFor, fakeUrl: fake.url, log: (line) => console.log(line) });
    fake.assertClean();
    console.log('');
    console.log(
      `Done: PRs #${result.pulls.update} (update), #${result.pulls.security} (security), #${result.pulls.rollback} (rollback) merged; tags ${result.tags.join(', ')}; ${fake.requests.length} API requests, none rejected.`,
    );
  } finally {
    await fake.close();
  }
}

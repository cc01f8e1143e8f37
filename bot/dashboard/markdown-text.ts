/**
 * Text from repository files and records (reasons, titles) inside the dashboard's Markdown: on one
 * line, no table breaks, no HTML (a stray `<!--` would hide the rest of the issue, or fake our
 * marker), and no @mentions: the dashboard is rewritten often and must not notify people each time.
 */
export function inline(text: string): string {
  return unmention(
    text
      .replace(/\s+/g, ' ')
      .trim()
      .replaceAll('&', '&amp;')
      .replaceAll('<', '&lt;')
      .replaceAll('>', '&gt;')
      .replaceAll('|', '\\|'),
  );
}

/** `@login` and `@org/team` as code, which GitHub shows but does not notify. */
export function unmention(text: string): string {
  return text.replace(/(^|[^\w`])@([A-Za-z0-9][\w-]*(?:\/[\w.-]+)?(?:\[bot\])?)/g, '$1`@$2`');
}

/** A login as the dashboard names people: visible, never a notification. */
export function who(login: string): string {
  return `\`@${login}\``;
}

/** `sha256:0123456789ab…`, short enough for a table cell. */
export function shortDigest(digest: string): string {
  return digest.length > 19 ? `${digest.slice(0, 19)}…` : digest;
}

/** `2026-12-02 09:00 UTC`. */
export function utcMinute(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A link to a deploy tag's release page (GitHub shows the tag when it has no release). */
export function releaseLink(repoUrl: string, tag: string): string {
  return `[${tag}](${repoUrl}/releases/tag/${tag.split('/').map(encodeURIComponent).join('/')})`;
}

/** `1 change`, `3 changes`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

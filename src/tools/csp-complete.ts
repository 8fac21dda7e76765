/**
 * Completes the Content-Security-Policy Astro writes into every built page (astro.config.mjs,
 * `security.csp`). Astro hashes the scripts and styles it renders itself, but a few inline
 * scripts reach the page another way (Starlight's theme script in the head, the site root's
 * language redirect) and Astro puts its <meta> after some of them, where a policy does not apply.
 * After the build this step, for every HTML file:
 *  - hashes every inline <script> (not JSON data) and <style> and adds each missing hash to
 *    script-src / style-src, so the policy allows exactly the inline code the site ships;
 *  - moves the policy's <meta> to the top of <head> (after <meta charset>), so it covers
 *    everything that follows;
 *  - fails the build when a page has no policy at all.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

const META = /<meta http-equiv="content-security-policy" content="([^"]*)"\s*\/?>/i;
const SCRIPT = /<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi;
const STYLE = /<style(\s[^>]*)?>([\s\S]*?)<\/style>/gi;

/** 'sha256-…' of a script's or style's text, as CSP wants it. */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** Adds `sources` to directive `name` of `policy` (creating it when absent), without duplicates. */
function addSources(policy: string, name: string, sources: string[]): string {
  const directives = policy.split(';').map((d) => d.trim()).filter(Boolean);
  const at = directives.findIndex((d) => d.split(/\s+/)[0] === name);
  if (at < 0) return [...directives, `${name} ${sources.join(' ')}`].join('; ');
  const have = new Set(directives[at]!.split(/\s+/));
  directives[at] = [directives[at], ...sources.filter((s) => !have.has(s))].join(' ');
  return directives.join('; ');
}

/** The policy of one page, completed with its inline code's hashes and moved to the top of <head>. */
export function completePolicy(html: string, file = 'page'): string {
  const meta = META.exec(html);
  if (!meta) throw new Error(`${file}: no Content-Security-Policy <meta> (astro.config.mjs security.csp)`);
  let policy = meta[1]!.replaceAll('&#39;', "'").replaceAll('&quot;', '"');
  const scripts: string[] = [];
  for (const m of html.matchAll(SCRIPT)) {
    const attrs = m[1] ?? '';
    if (/\ssrc=/i.test(attrs) || /type="application\/(ld\+)?json"/i.test(attrs)) continue;
    scripts.push(cspHash(m[2]!));
  }
  const styles = [...html.matchAll(STYLE)].map((m) => cspHash(m[2]!));
  if (scripts.length) policy = addSources(policy, 'script-src', scripts);
  if (styles.length) policy = addSources(policy, 'style-src', styles);
  const tag = `<meta http-equiv="content-security-policy" content="${policy.replaceAll('"', '&quot;')}">`;
  const without = html.replace(meta[0], '');
  const charset = /<meta charset="[^"]*"\s*\/?>/i.exec(without);
  if (charset) return without.replace(charset[0], `${charset[0]}${tag}`);
  return without.replace(/<head(\s[^>]*)?>/i, (h) => `${h}${tag}`);
}

function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...htmlFiles(full));
    else if (name.endsWith('.html')) out.push(full);
  }
  return out;
}

/** The integration: runs completePolicy over every built page. */
export function cspComplete(): AstroIntegration {
  return {
    name: 'csp-complete',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const files = htmlFiles(fileURLToPath(dir));
        for (const file of files) writeFileSync(file, completePolicy(readFileSync(file, 'utf8'), file));
        logger.info(`Content-Security-Policy completed in ${files.length} pages`);
      },
    },
  };
}

/**
 * Remark plugin: prefix root-relative Markdown links ("/zh/glossary/#token") with the site's
 * base path, so chapters can be written once and served under any BASE_PATH.
 *
 * Starlight rewrites its own navigation for the base path but leaves links inside Markdown as
 * written; without this every cross-link would 404 under /some/sub/path/.
 */
import type { Root, Link, Definition } from 'mdast';
import { visit } from 'unist-util-visit';
import { withBase } from '../lib/base-path.ts';

export { withBase };

/** Creates the remark transformer bound to one base path. */
export function remarkBaseLinks(options: { base: string }) {
  return () => (tree: Root) => {
    visit(tree, (node) => {
      if (node.type === 'link' || node.type === 'definition') {
        const link = node as Link | Definition;
        link.url = withBase(options.base, link.url);
      }
    });
  };
}

/**
 * Checks the props an MDX page passes to a widget wrapper at build time, so a typo in a chapter
 * fails the build with the component's name instead of rendering a broken widget.
 */
export function islandProps<T extends object>(
  props: T,
  component: string,
  checks: { [K in keyof T]-?: (value: unknown) => boolean },
): T {
  for (const key of Object.keys(props)) {
    if (!(key in checks)) throw new Error(`Unknown prop "${key}" passed to <${component}/>`);
  }
  for (const [key, check] of Object.entries(checks) as [keyof T & string, (v: unknown) => boolean][]) {
    const value: unknown = props[key];
    if (!check(value)) {
      throw new Error(`Invalid prop "${key}" passed to <${component}/>: ${JSON.stringify(value)}`);
    }
  }
  return props;
}

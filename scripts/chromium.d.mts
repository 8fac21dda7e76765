/** Flags that keep Chromium quiet on a machine whose network is closed. */
export declare const CHROMIUM_ARGS: string[];
/** The features Playwright disables in every Chromium it launches (repeated in our own switch). */
export declare const PLAYWRIGHT_DISABLED_FEATURES: string[];
/** Browser UI a headless browser builds for every window and never shows. */
export declare const HEADLESS_UNUSED_FEATURES: string[];
/** CHROMIUM_ARGS for a browser Playwright launches: Playwright's disabled features plus ours. */
export declare const PLAYWRIGHT_CHROMIUM_ARGS: string[];
/** Returns the path of a Chromium executable, or throws with install instructions. */
export declare function findChromium(): Promise<string>;

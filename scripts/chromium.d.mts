/** Flags that keep Chromium quiet on a machine whose network is closed. */
export declare const CHROMIUM_ARGS: string[];
/** Returns the path of a Chromium executable, or throws with install instructions. */
export declare function findChromium(): Promise<string>;

/** Replaces (or appends) the `<!-- name:start -->…<!-- name:end -->` section of a results file, atomically. */
export declare function writeResultsSection(file: string, name: string, markdown: string): void;

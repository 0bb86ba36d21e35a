// What the README's examples take from the portal around them (a script, so these are globals).

declare const sessionToken: string;
declare const controller: AbortController;
declare const input: HTMLInputElement;
declare function show(text: string): void;
declare function markFields(issues: import("verba-api").ValidationIssue[]): void;
declare function render(issues: import("verba-api").ValidationIssue[]): void;
declare const callIDs: string[];
declare function askPassword(): Promise<string>;
declare const moreCallIDs: string[];

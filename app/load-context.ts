declare module "@remix-run/node" {
  interface AppLoadContext {
    clientAddress?: string;
    cspNonce?: string;
    /** Replaces this response's Content-Security-Policy with one that allows these inline-script sources instead of the nonce. */
    allowInlineScripts?: (sources: string[]) => void;
  }
}
export {};

declare module "@remix-run/node" {
  interface AppLoadContext {
    clientAddress?: string;
    cspNonce?: string;
  }
}
export {};

import { createContext, useContext, type ReactNode } from "react";

const NonceContext = createContext<string>("");

/** The per-request CSP nonce, so Remix's inline scripts may run under a CSP without 'unsafe-inline'. */
export function NonceProvider({ value, children }: { value: string; children: ReactNode }) {
  return <NonceContext.Provider value={value}>{children}</NonceContext.Provider>;
}

export function useNonce() {
  return useContext(NonceContext);
}

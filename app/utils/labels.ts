/**
 * A registry of internal keys and their one Swedish label each (audit
 * actions, outbox kinds): whether a key is registered, and its label, with
 * what to show for a key that is no longer registered (an old row).
 */
export function labelRegistry<Key extends string>(labels: Record<Key, string>, unknown: (key: string) => string) {
  const has = (key: string): key is Key => Object.hasOwn(labels, key);
  return { has, label: (key: string): string => (has(key) ? labels[key] : unknown(key)) };
}

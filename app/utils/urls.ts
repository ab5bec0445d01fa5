/**
 * A stored address, only if it is safe to put in an href: http(s) and
 * nothing else. Forms already refuse other schemes; this keeps a
 * `javascript:` that reached the database some other way from becoming a link.
 */
export function linkableUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : null;
  } catch {
    return null;
  }
}

/** A phone number as typed ("070-123 45 67", "+46 70 …") as a tel: link: digits and a leading plus only. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^+\d]/g, "")}`;
}

import { config } from "~/config.server";

/**
 * The ORGANIZER of a handledning invitation (decision 013). With a reply
 * mailbox configured, calendars send Accept, Decline and proposed times to
 * it, under the facilitator's name, and the app reads them; without one, the
 * facilitator is the organizer and answers are given in the app.
 */
export function calendarOrganizer(facilitator: { name: string }): { name: string; email: string } | undefined {
  return config.REPLY_MAILBOX ? { name: facilitator.name, email: config.REPLY_MAILBOX } : undefined;
}

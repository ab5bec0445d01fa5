/**
 * /paminnelser/<token>: the stop link in reminder e-mails sent before every
 * optional e-mail had one (/e-post/<token>). Those e-mails are still in
 * people's inboxes, so the old address answers exactly as the new one does.
 */
export { action, default, loader, meta } from "./e-post.$token";
